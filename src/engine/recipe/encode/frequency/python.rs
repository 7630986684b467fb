//! Frequency encoding as a small transformer of the script: each label's count, or share of
//! the training rows with a label, learned by pandas' `value_counts`; unseen labels 0, missing
//! cells missing, as in Sift.

use super::FrequencyEncode;
use crate::engine::recipe::python::PythonStep;

const FREQUENCIES: &str = r#"
class FrequencyOfLabels(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Sift's frequency encoding: each label becomes its count, or its share of the training rows
    with a label (`normalize`); labels not seen in training 0, missing cells stay missing."""

    def __init__(self, normalize=True):
        self.normalize = normalize

    def fit(self, X, y=None):
        self.frequencies_ = {name: X[name].value_counts(normalize=self.normalize) for name in X.columns}
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X):
        def encode(column):
            found = column.map(self.frequencies_[column.name]).astype(float)
            return found.fillna(0.0).where(column.notna())

        return X.apply(encode)
"#;

impl FrequencyEncode {
    pub(super) fn to_python(&self) -> PythonStep {
        let normalize = if self.normalize { "True" } else { "False" };
        PythonStep::on_columns(
            "frequency",
            format!("FrequencyOfLabels(normalize={normalize})"),
            &self.columns,
            &["from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin"],
        )
        .with_helper(FREQUENCIES)
    }
}
