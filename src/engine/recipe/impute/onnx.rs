//! Imputation as ONNX: `Where(missing, fill, column)` with the learned fill, typed as Sift
//! types the filled column, and the "was missing" 0/1 column after it.

use super::{indicator_name, Fill, ImputeFitted};
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::onnx::{insert_after, is_missing, zero_one, OnnxColumn, OnnxFrame};

impl ImputeFitted {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let mut columns = before.unchanged();
        for (name, fill) in &self.fills {
            let column = before.col(name)?;
            let number = |x: f64| (x, None::<String>);
            let (filled_type, (fill_number, fill_text)) = match (column.column_type, fill) {
                (ColumnType::Number, Fill::Number(x)) => (ColumnType::Number, number(*x)),
                (ColumnType::Integer, Fill::Integer(x)) => (ColumnType::Integer, number(*x as f64)),
                (ColumnType::Integer | ColumnType::Boolean, Fill::Number(x)) => (ColumnType::Number, number(*x)),
                (ColumnType::Boolean, Fill::Boolean(b)) => (ColumnType::Boolean, number(f64::from(u8::from(*b)))),
                (ColumnType::Date, Fill::Date(days)) => (ColumnType::Date, number(f64::from(*days))),
                (ColumnType::DateTime, Fill::DateTime(ms)) => (ColumnType::DateTime, number(*ms as f64)),
                (ColumnType::Category | ColumnType::Text, Fill::Text(text)) => {
                    (column.column_type, (0.0, Some(text.clone())))
                }
                _ => {
                    return Err(format!(
                        "'{name}' is {} column, which this fill does not fit",
                        column.column_type.with_article()
                    ))
                }
            };
            let missing = is_missing(graph, column);
            let constant = match fill_text {
                Some(text) => graph.strings("fill", &[], &[text]),
                None => graph.doubles("fill", &[], vec![fill_number]),
            };
            let filled = graph.node("Where", &[&missing, &constant, &column.value], Vec::new());
            let at = columns.iter().position(|c| &c.name == name).ok_or_else(|| format!("no column '{name}'"))?;
            columns[at] = OnnxColumn::new(name.clone(), filled_type, filled);
            if self.indicators.contains(name) {
                let flag = OnnxColumn::new(indicator_name(name), ColumnType::Integer, zero_one(graph, &missing));
                insert_after(&mut columns, name, vec![flag])?;
            }
        }
        Ok(columns)
    }
}
