//! Merging categories (by hand, or the spelling clusters the user accepted) as a small named
//! function: each label in the mapping becomes its value, others and missing cells unchanged.

use super::{Merge, MergeCategories};
use crate::engine::recipe::python::{string, PythonStep};

const MERGED: &str = r#"
def merged(frame, into):
    """Each label found in `into` replaced by its value (Sift's merges); others unchanged."""
    return frame.apply(lambda column: column.map(lambda label: into.get(label, label)))
"#;

/// The step that rewrites `column`'s labels as `merges` say (a later merge of the same label
/// wins, as in Sift).
pub(in crate::engine::recipe::text) fn merges_python(column: &str, merges: &[Merge]) -> PythonStep {
    let pairs: Vec<String> = merges
        .iter()
        .flat_map(|m| m.from.iter().map(move |from| format!("{}: {}", string(from), string(&m.to))))
        .collect();
    let transformer = format!(
        "FunctionTransformer(merged, kw_args={{\"into\": {{{}}}}}, feature_names_out=\"one-to-one\")",
        pairs.join(", ")
    );
    PythonStep::on_columns(
        "merge",
        transformer,
        &[column.to_string()],
        &["from sklearn.preprocessing import FunctionTransformer"],
    )
    .with_helper(MERGED)
}

impl MergeCategories {
    pub(super) fn to_python(&self) -> PythonStep {
        merges_python(&self.column, &self.merges)
    }
}
