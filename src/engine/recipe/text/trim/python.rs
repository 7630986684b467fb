//! Trimming white space as a small named function with the characters Rust's `trim` takes
//! (Unicode's White_Space, the class the SQL translation uses too), and collapsing inner runs
//! to one space.

use super::TrimWhitespace;
use crate::engine::recipe::python::PythonStep;

const TRIMMED: &str = r#"
# Unicode's White_Space characters, the ones Sift trims (Python's str.strip takes a few more).
WHITE_SPACE = "[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"


def trimmed(frame, collapse):
    """Labels without white space at either end; with `collapse`, inner runs become one space."""

    def trim(column):
        if collapse:
            column = column.str.replace(WHITE_SPACE, " ", regex=True)
        return column.str.replace(f"^{WHITE_SPACE}|{WHITE_SPACE}$", "", regex=True)

    return frame.apply(trim)
"#;

impl TrimWhitespace {
    pub(super) fn to_python(&self) -> PythonStep {
        let collapse = if self.collapse { "True" } else { "False" };
        PythonStep::on_columns(
            "trim",
            format!(
                "FunctionTransformer(trimmed, kw_args={{\"collapse\": {collapse}}}, feature_names_out=\"one-to-one\")"
            ),
            &self.columns,
            &["from sklearn.preprocessing import FunctionTransformer"],
        )
        .with_helper(TRIMMED)
    }
}
