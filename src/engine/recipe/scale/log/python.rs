//! log(1 + x) as a small named function over NumPy's `log1p`: values at or below −1 become
//! missing, as in Sift (NumPy gives −inf at −1).

use super::Log1p;
use crate::engine::recipe::python::PythonStep;

const LOG1P: &str = r#"
def log1p(frame):
    """ln(1 + x); values at or below -1 become missing, as in Sift."""
    return np.log1p(frame.where(frame > -1))
"#;

impl Log1p {
    pub(super) fn to_python(&self) -> PythonStep {
        PythonStep::on_columns(
            "log1p",
            "FunctionTransformer(log1p, feature_names_out=\"one-to-one\")".into(),
            &self.columns,
            &["from sklearn.preprocessing import FunctionTransformer"],
        )
        .with_helper(LOG1P)
    }
}
