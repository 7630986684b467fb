//! Ordinal encoding as scikit-learn's `OrdinalEncoder`: sorted categories (or the user's
//! order), missing and unseen labels missing. The order by frequency has no twin.

use super::{OrdinalEncode, OrdinalOrder};
use crate::engine::recipe::python::{list, PythonStep};

impl OrdinalEncode {
    pub(super) fn to_python(&self) -> Result<PythonStep, String> {
        let categories = match self.order {
            OrdinalOrder::Alphabetical => String::new(),
            OrdinalOrder::Custom => {
                let one = list(&self.categories);
                format!("categories=[{}], ", vec![one; self.columns.len()].join(", "))
            }
            OrdinalOrder::ByFrequency => {
                return Err("numbers categories by frequency, which scikit-learn's OrdinalEncoder does not".into())
            }
        };
        let encoder = format!("OrdinalEncoder({categories}handle_unknown=\"use_encoded_value\", unknown_value=np.nan)");
        Ok(PythonStep::on_columns(
            "ordinal",
            encoder,
            &self.columns,
            &["from sklearn.preprocessing import OrdinalEncoder"],
        ))
    }
}
