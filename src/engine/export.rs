//! Writing tables as CSV: missing values as empty cells, numbers that parse back exactly,
//! and (by default) protection against cells a spreadsheet would run as a formula — in the
//! header as in the data, since a column name is as much a cell as any value.

use crate::engine::base::error::{Error, Result};
use crate::engine::base::table::{ColumnData, Table};

/// How to write a CSV.
#[derive(Clone, Copy, Debug)]
pub struct CsvOptions {
    /// Prefix text cells and header cells that start with `=`, `+`, `-`, `@`, TAB or CR with
    /// `'` (OWASP CSV injection). Numbers, including negative ones, are never altered.
    pub protect_formulas: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions { protect_formulas: true }
    }
}

/// The table as CSV text with a header row.
pub fn write_csv(table: &Table, options: CsvOptions) -> Result<String> {
    write_csv_with(table, &[], options)
}

/// The table plus extra text columns (name, values), as CSV text.
pub fn write_csv_with(table: &Table, extra: &[(&str, &[String])], options: CsvOptions) -> Result<String> {
    write_csv_rows(table, extra, options, true)
}

/// [`write_csv_with`], with the header row only when `header` (a later part of a file written
/// in parts has none).
pub fn write_csv_rows(table: &Table, extra: &[(&str, &[String])], options: CsvOptions, header: bool) -> Result<String> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let fail = |e: csv::Error| format!("the CSV could not be written: {e}");
    let names = table.columns.iter().map(|c| c.name.as_str()).chain(extra.iter().map(|(name, _)| *name));
    let protect = |cell: String| if options.protect_formulas { neutralise(cell) } else { cell };
    if header {
        writer.write_record(names.map(|name| protect(name.to_string()))).map_err(fail)?;
    }
    let mut record: Vec<String> = Vec::with_capacity(table.column_count() + extra.len());
    for row in 0..table.row_count() {
        record.clear();
        for column in &table.columns {
            let cell = column.data.text_at(row).unwrap_or_default();
            let is_text = matches!(column.data, ColumnData::Category { .. } | ColumnData::Text(_));
            record.push(if is_text { protect(cell) } else { cell });
        }
        for (_, values) in extra {
            let cell = values.get(row).cloned().unwrap_or_default();
            record.push(protect(cell));
        }
        writer.write_record(&record).map_err(fail)?;
    }
    let bytes = writer.into_inner().map_err(|e| Error::other(format!("the CSV could not be written: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::other(format!("the CSV could not be written: {e}")))
}

/// `cell` with a `'` before it when a spreadsheet would run it as a formula.
fn neutralise(cell: String) -> String {
    let risky = matches!(cell.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::Column;

    #[test]
    fn writes_missing_as_empty_and_neutralises_formulas() {
        let t = Table::new(
            "t",
            vec![
                Column::new("x", ColumnData::Number(vec![-1.5, f64::NAN, 0.1 + 0.2].into())),
                Column::new("s", ColumnData::Text(vec![Some("=1+1".into()), Some("-3".into()), None])),
            ],
        )
        .unwrap();
        let csv = write_csv(&t, CsvOptions::default()).unwrap();
        assert_eq!(csv, "x,s\r\n-1.5,'=1+1\r\n,-3\r\n0.30000000000000004,\r\n");
        assert_eq!("0.30000000000000004".parse::<f64>().unwrap(), 0.1 + 0.2);
    }
}
