//! Dropping and keeping columns as a `ColumnTransformer` that drops them or keeps only them.

use super::{DropColumns, KeepColumns};
use crate::engine::recipe::python::{list, PythonStep};

impl DropColumns {
    pub(super) fn to_python(&self) -> PythonStep {
        PythonStep::on_columns("drop", "\"drop\"".into(), &self.columns, &[])
    }
}

impl KeepColumns {
    pub(super) fn to_python(&self) -> PythonStep {
        PythonStep {
            imports: Vec::new(),
            helpers: Vec::new(),
            transformer: format!(
                "ColumnTransformer([(\"keep\", \"passthrough\", {})], remainder=\"drop\", verbose_feature_names_out=False)",
                list(&self.columns)
            ),
        }
    }
}
