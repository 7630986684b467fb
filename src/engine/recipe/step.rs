//! What every kind of step is: a struct of parameters that learns ([`StepKind`]) and the
//! learned form that transforms tables ([`FittedKind`]).

use crate::engine::base::error::Result;
use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::onnx::{OnnxColumn, OnnxFrame};
use super::python::PythonStep;
use super::schema::StepInfo;
use super::sql::{SqlFrame, SqlStep};
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::base::table::Table;

/// What fitting knows besides the rows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FitContext {
    /// The column the model will predict (target encoding learns from it; a stratified
    /// sample keeps its shares by default). It may or may not be one of the table's columns.
    pub target: Option<String>,
    /// The session's seed: new steps that draw at random start with it.
    pub seed: u64,
}

/// A kind of step: its parameters, as the user edits them and the recipe JSON stores them.
///
/// Fitting may assume that the step's column parameters name existing columns of the allowed
/// types and that numbers are within the schema's bounds: [`super::Step::fit`] checks that
/// first, from [`StepKind::info`].
pub trait StepKind: Clone + Debug + PartialEq + Serialize + DeserializeOwned {
    /// The learned form.
    type Fitted: FittedKind;
    /// Whether applying can remove rows (then prediction skips the step).
    const REMOVES_ROWS: bool = false;

    /// Title, family, explanation and parameters.
    fn info() -> StepInfo;

    /// What distinguishes this step from others of its kind, for its title (e.g. "median").
    fn detail(&self) -> Option<String> {
        None
    }

    /// A sentence saying what the step does when it depends on the parameters.
    fn explain(&self) -> Option<String> {
        None
    }

    /// Learns the step's parameters from the training rows.
    fn fit(&self, table: &Table, context: &FitContext) -> Result<Self::Fitted>;

    /// Learns from the training rows and transforms them. Steps whose training rows must not
    /// see their own answers (target encoding: out-of-fold values) override it; the fitted
    /// step then transforms other data differently.
    fn fit_transform(&self, table: Table, context: &FitContext) -> Result<(Self::Fitted, Table)> {
        let fitted = self.fit(&table, context)?;
        let table = fitted.apply(table)?;
        Ok((fitted, table))
    }

    /// The step as scikit-learn code that fits it again (see [`super::python`]). `Err` says
    /// why the script could not do the same; kinds without a translation keep this refusal.
    fn python(&self) -> std::result::Result<PythonStep, String> {
        Err(if Self::REMOVES_ROWS {
            "removes rows, which a scikit-learn Pipeline cannot do".into()
        } else {
            "has no scikit-learn translation".into()
        })
    }
}

/// A step with its learned parameters: it transforms any table that has its columns.
pub trait FittedKind: Clone + Debug + PartialEq + Serialize + DeserializeOwned {
    /// Transforms `table`, or says which column is missing or of the wrong type.
    fn apply(&self, table: Table) -> Result<Table>;

    /// The step as SQL over the columns `before` it (see [`super::sql`]): `Err` says why it
    /// cannot be exact in that dialect. Kinds without a translation keep this refusal.
    fn sql(&self, before: &SqlFrame) -> std::result::Result<SqlStep, String> {
        let _ = before;
        Err("has no SQL translation".into())
    }

    /// The step as ONNX nodes added to `graph` over the columns `before` it (see
    /// [`super::onnx`]); returns the columns after it. `Err` says why it cannot be exact.
    /// Kinds without a translation keep this refusal.
    fn onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> std::result::Result<Vec<OnnxColumn>, String> {
        let _ = (graph, before);
        Err("has no ONNX translation".into())
    }
}
