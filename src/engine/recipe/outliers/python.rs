//! Clipping outliers as a small transformer of the script: the same fences (NumPy's linear
//! percentiles of the present training values, or Tukey's quartiles ± factor × IQR), values
//! outside them set to the fence, missing values left missing. Dropping outliers removes rows,
//! which a scikit-learn Pipeline cannot do.

use super::{ClipOutliers, FenceMethod};
use crate::engine::recipe::python::{number, PythonStep};

const CLIP: &str = r#"
class ClipToFences(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Sift's "clip outliers": fences learned from the training rows (percentiles `lower` and
    `upper`, or Tukey's quartiles ± factor × IQR), then values clipped to them."""

    def __init__(self, method="iqr", lower=1.0, upper=99.0, factor=1.5):
        self.method, self.lower, self.upper, self.factor = method, lower, upper, factor

    def fit(self, X, y=None):
        if self.method == "iqr":
            q1, q3 = np.nanpercentile(np.asarray(X, dtype=float), [25, 75], axis=0)
            self.low_, self.high_ = q1 - self.factor * (q3 - q1), q3 + self.factor * (q3 - q1)
        else:
            self.low_, self.high_ = np.nanpercentile(np.asarray(X, dtype=float), [self.lower, self.upper], axis=0)
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X):
        return X.clip(self.low_, self.high_, axis=1)
"#;

impl ClipOutliers {
    pub(super) fn to_python(&self) -> PythonStep {
        let rule = &self.rule;
        let method = match rule.method {
            FenceMethod::Iqr => "iqr",
            FenceMethod::Percentiles => "percentiles",
        };
        let clipper = format!(
            "ClipToFences(method=\"{method}\", lower={}, upper={}, factor={})",
            number(rule.lower),
            number(rule.upper),
            number(rule.factor)
        );
        let imports = ["from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin"];
        PythonStep::on_columns("clip", clipper, &self.columns, &imports).with_helper(CLIP)
    }
}
