//! A fitted step as ONNX: what a step's translation sees (the columns before it, each a tensor
//! of the graph with Sift's type) and what it gives (the columns after it).
//!
//! Every column is a `[N, 1]` tensor: numbers, integers, booleans (0/1), dates (days since
//! 1970-01-01) and datetimes (milliseconds since the epoch) are `double`, missing as NaN;
//! categories and text are `string`, missing as the empty string (Sift never reads an empty
//! cell as a value). Each step kind writes its translation in its own `onnx.rs` beside its fit
//! and apply ([`super::FittedKind::onnx`]); `engine::artifact::onnx` assembles the graph. A
//! step that cannot be exact refuses with the reason (the assembler names the step).

mod labels;
pub mod ops;
pub mod text;

pub use super::column_list::{insert_after, replace_with};
pub use labels::{is_missing, label_equals, zero_one};

use super::column_list::Named;

use crate::engine::base::onnx::proto::data_type;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::base::table::ColumnType;

/// One column of the graph: its name, Sift type, and the tensor (`[N, 1]`) that holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct OnnxColumn {
    pub name: String,
    pub column_type: ColumnType,
    pub value: String,
}

impl OnnxColumn {
    /// A column `name` of `column_type` held in tensor `value`.
    pub fn new(name: impl Into<String>, column_type: ColumnType, value: impl Into<String>) -> Self {
        OnnxColumn { name: name.into(), column_type, value: value.into() }
    }

    /// Whether the column is held as text (`string`) rather than as a number (`double`).
    pub fn is_text(&self) -> bool {
        is_text(self.column_type)
    }
}

/// Whether a column of `column_type` is held as `string` (else `double`).
pub fn is_text(column_type: ColumnType) -> bool {
    matches!(column_type, ColumnType::Category | ColumnType::Text)
}

/// The ONNX element type that holds a column of `column_type`.
pub fn elem_type(column_type: ColumnType) -> i32 {
    if is_text(column_type) {
        data_type::STRING
    } else {
        data_type::DOUBLE
    }
}

/// The columns before a step, as its translation sees them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OnnxFrame {
    pub columns: Vec<OnnxColumn>,
}

impl OnnxFrame {
    /// Column `name`, or an error naming it.
    pub fn col(&self, name: &str) -> Result<&OnnxColumn, String> {
        self.columns.iter().find(|c| c.name == name).ok_or_else(|| format!("there is no column named '{name}'"))
    }

    /// The position of column `name`, or an error naming it.
    pub fn position(&self, name: &str) -> Result<usize, String> {
        self.columns.iter().position(|c| c.name == name).ok_or_else(|| format!("there is no column named '{name}'"))
    }

    /// Every column passed through unchanged: the start of most translations.
    pub fn unchanged(&self) -> Vec<OnnxColumn> {
        self.columns.clone()
    }

    /// The names of the columns, in order.
    pub fn names(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name.clone()).collect()
    }

    /// Every column unchanged but `names`, each replaced by the number (`double [N, 1]`) that
    /// `f` adds to the graph from the column's own (a NaN in must give a NaN out, which `f`
    /// must keep). The columns must hold numbers (not text).
    pub fn map_numbers(
        &self,
        graph: &mut GraphBuilder,
        names: &[String],
        mut f: impl FnMut(&mut GraphBuilder, &OnnxColumn) -> Result<String, String>,
    ) -> Result<Vec<OnnxColumn>, String> {
        ops::map_columns(graph, self, names, |graph, column| {
            if column.is_text() {
                return Err(format!("'{}' is {} column, not numbers", column.name, column.column_type.with_article()));
            }
            Ok(OnnxColumn::new(column.name.clone(), ColumnType::Number, f(graph, column)?))
        })
    }
}

impl Named for OnnxColumn {
    fn name(&self) -> &str {
        &self.name
    }
}
