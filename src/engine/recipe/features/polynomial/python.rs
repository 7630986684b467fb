//! Polynomial features as scikit-learn's `PolynomialFeatures(include_bias=False)`: the inputs
//! and then the same terms in the same order (scikit-learn names `a^2*b` as `a^2 b`).

use super::Polynomial;
use crate::engine::recipe::python::PythonStep;

impl Polynomial {
    pub(super) fn to_python(&self) -> PythonStep {
        let call = format!(
            "PolynomialFeatures(degree={}, interaction_only={}, include_bias=False)",
            self.degree,
            if self.interaction_only { "True" } else { "False" }
        );
        PythonStep::on_columns(
            "polynomial",
            call,
            &self.columns,
            &["from sklearn.preprocessing import PolynomialFeatures"],
        )
    }
}
