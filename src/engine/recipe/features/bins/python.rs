//! Bins as scikit-learn's `KBinsDiscretizer(encode="ordinal")` (equal width: "uniform";
//! quantiles: "quantile" with its default averaged inverted CDF), and the user's cut points as
//! a small function. Missing numbers stay missing only with the cut points:
//! `KBinsDiscretizer` refuses them, so the script stops where Sift would keep them.

use super::{BinMethod, Bins};
use crate::engine::recipe::python::{number, PythonStep};

const BY_EDGES: &str = r#"
def bin_by_edges(frame, edges):
    """The index of each number's bin: bin i holds edges[i-1] <= x < edges[i]; missing stays missing."""
    return frame.apply(lambda column: np.digitize(column, edges).astype(float)).where(frame.notna())
"#;

impl Bins {
    pub(super) fn to_python(&self) -> PythonStep {
        let strategy = match self.method {
            BinMethod::Uniform => "uniform",
            BinMethod::Quantile => "quantile",
            BinMethod::Custom => {
                let edges: Vec<String> = self.edges.iter().map(|e| number(*e)).collect();
                let transformer = format!(
                    "FunctionTransformer(bin_by_edges, kw_args={{\"edges\": [{}]}}, feature_names_out=\"one-to-one\")",
                    edges.join(", ")
                );
                return PythonStep::on_columns(
                    "bins",
                    transformer,
                    &self.columns,
                    &["from sklearn.preprocessing import FunctionTransformer"],
                )
                .with_helper(BY_EDGES);
            }
        };
        let call = format!(
            "KBinsDiscretizer(n_bins={}, encode=\"ordinal\", strategy=\"{strategy}\", subsample=None)",
            self.bins
        );
        PythonStep::on_columns("bins", call, &self.columns, &["from sklearn.preprocessing import KBinsDiscretizer"])
    }
}
