//! One-hot encoding as scikit-learn's `OneHotEncoder(handle_unknown="ignore")`: the same sorted
//! categories, `drop="first"` for Sift's "drop the first category", unseen labels all zeros.

use super::OneHot;
use crate::engine::recipe::python::PythonStep;

impl OneHot {
    pub(super) fn to_python(&self) -> Result<PythonStep, String> {
        if self.max_categories.is_some() {
            return Err("keeps only the most frequent categories and gives the others all zeros; scikit-learn's max_categories gives them a column of their own".into());
        }
        let drop = if self.drop_first { ", drop=\"first\"" } else { "" };
        let encoder = format!("OneHotEncoder(handle_unknown=\"ignore\", sparse_output=False, dtype=\"int64\"{drop})");
        Ok(PythonStep::on_columns(
            "one_hot",
            encoder,
            &self.columns,
            &["from sklearn.preprocessing import OneHotEncoder"],
        ))
    }
}
