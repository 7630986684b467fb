//! Lower and upper case as Python's `str.lower`/`str.upper` (Unicode's full case mappings, as
//! Rust's `to_lowercase`/`to_uppercase`). Sift's title case has its own word rule: it refuses.

use super::{ChangeCase, LetterCase};
use crate::engine::recipe::python::PythonStep;

const CASED: &str = r#"
def cased(frame, case):
    """Labels in lower or upper case (missing cells stay missing)."""
    return frame.apply(lambda column: column.map(lambda v: getattr(v, case)() if isinstance(v, str) else v))
"#;

impl ChangeCase {
    pub(super) fn to_python(&self) -> Result<PythonStep, String> {
        let case = match self.case {
            LetterCase::Lower => "lower",
            LetterCase::Upper => "upper",
            LetterCase::Title => {
                return Err("writes title case by its own word rule, which Python's str.title does not follow".into())
            }
        };
        Ok(PythonStep::on_columns(
            "case",
            format!("FunctionTransformer(cased, kw_args={{\"case\": \"{case}\"}}, feature_names_out=\"one-to-one\")"),
            &self.columns,
            &["from sklearn.preprocessing import FunctionTransformer"],
        )
        .with_helper(CASED))
    }
}
