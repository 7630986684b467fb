//! One-hot encoding as scikit-learn's `OneHotEncoder(handle_unknown="ignore")`: the same sorted
//! categories, `drop="first"` for Sift's "drop the first category", unseen labels all zeros.
//! Each column's encoder learns from the rows where its label is present, so that a missing
//! label gets all zeros as in Sift (learning from every row, it would get a column `x_nan`).

use super::OneHot;
use crate::engine::recipe::python::{list, string, PythonStep};

const OF_PRESENT: &str = r#"
class OneHotOfPresent(OneHotEncoder):
    """scikit-learn's OneHotEncoder for one column, learning its categories from the rows where
    the label is present: a missing label gets all zeros, as in Sift."""

    def fit(self, X, y=None):
        return super().fit(X.dropna())
"#;

impl OneHot {
    pub(super) fn to_python(&self) -> Result<PythonStep, String> {
        if self.max_categories.is_some() {
            return Err("keeps only the most frequent categories and gives the others all zeros; scikit-learn's max_categories gives them a column of their own".into());
        }
        let drop = if self.drop_first { ", drop=\"first\"" } else { "" };
        let encoders: Vec<String> = self
            .columns
            .iter()
            .map(|c| {
                let column = list(std::slice::from_ref(c));
                format!("({}, OneHotOfPresent(handle_unknown=\"ignore\", sparse_output=False, dtype=\"int64\"{drop}), {column})", string(c))
            })
            .collect();
        Ok(PythonStep {
            imports: vec!["from sklearn.preprocessing import OneHotEncoder".into()],
            helpers: vec![OF_PRESENT.trim().into()],
            transformer: format!(
                "ColumnTransformer([{}], remainder=\"passthrough\", verbose_feature_names_out=False)",
                encoders.join(", ")
            ),
        })
    }
}
