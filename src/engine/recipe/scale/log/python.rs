//! log(1 + x) as a `FunctionTransformer` of NumPy's `log1p`.

use super::Log1p;
use crate::engine::recipe::python::PythonStep;

impl Log1p {
    pub(super) fn to_python(&self) -> PythonStep {
        PythonStep::on_columns(
            "log1p",
            "FunctionTransformer(np.log1p, feature_names_out=\"one-to-one\")".into(),
            &self.columns,
            &["from sklearn.preprocessing import FunctionTransformer"],
        )
    }
}
