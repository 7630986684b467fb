//! Yeo-Johnson as scikit-learn's `PowerTransformer(method="yeo-johnson", standardize=False)`,
//! whose λ Sift's fit reproduces.

use super::YeoJohnson;
use crate::engine::recipe::python::PythonStep;

impl YeoJohnson {
    pub(super) fn to_python(&self) -> PythonStep {
        PythonStep::on_columns(
            "yeo_johnson",
            "PowerTransformer(method=\"yeo-johnson\", standardize=False)".into(),
            &self.columns,
            &["from sklearn.preprocessing import PowerTransformer"],
        )
    }
}
