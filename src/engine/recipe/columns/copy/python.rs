//! Duplicating a column as a small named function that adds the copy after the others.

use super::DuplicateColumn;
use crate::engine::recipe::python::{string, PythonStep};

const COPIED: &str = r#"
def copied(frame, column, to):
    """The same columns and a copy of `column` named `to`."""
    return frame.assign(**{to: frame[column]})


def copied_names(transformer, names):
    return list(names) + [transformer.kw_args["to"]]
"#;

impl DuplicateColumn {
    pub(super) fn to_python(&self) -> PythonStep {
        PythonStep::whole_table(
            format!(
                "FunctionTransformer(copied, kw_args={{\"column\": {}, \"to\": {}}}, feature_names_out=copied_names)",
                string(&self.column),
                string(&self.to)
            ),
            COPIED,
        )
    }
}
