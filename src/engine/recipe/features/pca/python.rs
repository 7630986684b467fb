//! Principal components as scikit-learn's `PCA` (centred, not scaled; each component's largest
//! loading positive, its `svd_flip` convention), named `pca_1`, `pca_2`, … as in Sift.

use super::Pca;
use crate::engine::recipe::python::PythonStep;

const SIFT_NAMES: &str = r#"
def numbered(prefix):
    """Names a step's output columns prefix_1, prefix_2, … as Sift does."""
    return FunctionTransformer(
        feature_names_out=lambda transformer, names: [f"{prefix}_{i}" for i in range(1, len(names) + 1)]
    )
"#;

impl Pca {
    pub(super) fn to_python(&self) -> PythonStep {
        let components =
            format!("Pipeline([(\"pca\", PCA(n_components={})), (\"names\", numbered(\"pca\"))])", self.components);
        let transformer = if self.keep_inputs {
            format!("FeatureUnion([(\"inputs\", \"passthrough\"), (\"pca\", {components})], verbose_feature_names_out=False)")
        } else {
            components
        };
        let imports = [
            "from sklearn.decomposition import PCA",
            "from sklearn.pipeline import FeatureUnion",
            "from sklearn.preprocessing import FunctionTransformer",
        ];
        PythonStep::on_columns("pca", transformer, &self.columns, &imports).with_helper(SIFT_NAMES)
    }
}
