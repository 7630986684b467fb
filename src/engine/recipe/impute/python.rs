//! Imputation as scikit-learn's `SimpleImputer` (the same mean, median, most frequent value
//! with ties to the smallest, or constant), with Sift's `<column>_was_missing` indicators for
//! every column (scikit-learn's `add_indicator` adds them only where training rows had gaps).

use super::{Impute, ImputeStrategy};
use crate::engine::recipe::python::{string, PythonStep};

const WAS_MISSING: &str = r#"
def was_missing(frame):
    """1 where a cell is missing, else 0: Sift's `<column>_was_missing` columns."""
    return frame.isna().astype("int64").add_suffix("_was_missing")


def was_missing_names(transformer, names):
    return [f"{name}_was_missing" for name in names]
"#;

impl Impute {
    pub(super) fn to_python(&self) -> Result<PythonStep, String> {
        let imputer = match (self.strategy, &self.fill_value) {
            (ImputeStrategy::Mean, _) => r#"SimpleImputer(strategy="mean")"#.to_string(),
            (ImputeStrategy::Median, _) => r#"SimpleImputer(strategy="median")"#.to_string(),
            (ImputeStrategy::MostFrequent, _) => r#"SimpleImputer(strategy="most_frequent")"#.to_string(),
            (ImputeStrategy::Constant, Some(value)) => {
                let fill = match value.trim().parse::<f64>() {
                    Ok(number) if number.is_finite() => format!("{number:?}"),
                    _ => string(value),
                };
                format!(r#"SimpleImputer(strategy="constant", fill_value={fill})"#)
            }
            (ImputeStrategy::Constant, None) => return Err("a constant fill needs a value".into()),
        };
        let mut imports = vec!["from sklearn.impute import SimpleImputer"];
        if !self.add_indicator {
            return Ok(PythonStep::on_columns("impute", imputer, &self.columns, &imports));
        }
        imports.push("from sklearn.pipeline import FeatureUnion");
        imports.push("from sklearn.preprocessing import FunctionTransformer");
        let union = format!(
            "FeatureUnion([(\"filled\", {imputer}), (\"was_missing\", FunctionTransformer(was_missing, feature_names_out=was_missing_names))], verbose_feature_names_out=False)"
        );
        Ok(PythonStep::on_columns("impute", union, &self.columns, &imports).with_helper(WAS_MISSING))
    }
}
