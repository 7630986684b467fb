//! Renaming a column as a `FunctionTransformer` that renames it.

use super::RenameColumn;
use crate::engine::recipe::python::{string, PythonStep};

const RENAMED: &str = r#"
def renamed(frame, names):
    """The same columns, those in `names` renamed."""
    return frame.rename(columns=names)


def renamed_names(transformer, names):
    return [transformer.kw_args["names"].get(name, name) for name in names]
"#;

impl RenameColumn {
    pub(super) fn to_python(&self) -> PythonStep {
        PythonStep::whole_table(
            format!(
                "FunctionTransformer(renamed, kw_args={{\"names\": {{{}: {}}}}}, feature_names_out=renamed_names)",
                string(&self.column),
                string(&self.to)
            ),
            RENAMED,
        )
    }
}
