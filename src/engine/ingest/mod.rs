//! From file bytes to a typed [`Table`]: decode the text, sniff the delimiter, parse the
//! rows (reporting ragged ones by line), and infer each column's type over all its values.

mod decode;
mod infer;
mod sniff;

use crate::engine::table::{Column, Table};

pub use infer::DEFAULT_MISSING_TOKENS;

/// How to read a CSV file.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Cell texts (after trimming) read as missing.
    pub missing_tokens: Vec<String>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { missing_tokens: DEFAULT_MISSING_TOKENS.iter().map(|s| s.to_string()).collect() }
    }
}

/// Reads a CSV file's bytes into a table named `name`.
pub fn read_csv(name: &str, bytes: &[u8], options: &IngestOptions) -> Result<Table, String> {
    let text = decode::decode(name, bytes)?;
    if text.trim().is_empty() {
        return Err(format!("'{name}' is empty: it has no header and no rows"));
    }
    let delimiter = sniff::delimiter(&text);
    let (header, cells) = parse(name, &text, delimiter)?;
    let columns = header
        .into_iter()
        .zip(cells)
        .map(|(column_name, values)| Column::new(column_name, infer::typed_column(values, &options.missing_tokens)))
        .collect();
    Table::new(name, columns)
}

/// The header (made unique) and each column's raw cells.
fn parse(name: &str, text: &str, delimiter: u8) -> Result<(Vec<String>, Vec<Vec<String>>), String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(record)) => record.iter().map(str::to_string).collect(),
        Some(Err(e)) => return Err(format!("'{name}' could not be read as CSV: {e}")),
        None => return Err(format!("'{name}' is empty: it has no header and no rows")),
    };
    let header = unique_names(header);
    let mut cells: Vec<Vec<String>> = vec![Vec::new(); header.len()];
    for record in records {
        let record = record.map_err(|e| format!("'{name}' could not be read as CSV: {e}"))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record.get(0).is_some_and(|c| c.trim().is_empty()) && header.len() > 1 {
            continue; // a blank line
        }
        if record.len() != header.len() {
            return Err(format!(
                "'{name}' line {line} has {} fields but the header has {}; fix or remove that row",
                record.len(),
                header.len()
            ));
        }
        for (column, cell) in cells.iter_mut().zip(record.iter()) {
            column.push(cell.to_string());
        }
    }
    Ok((header, cells))
}

/// Empty names become `column_N`; repeated names get `_2`, `_3`, ….
fn unique_names(header: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    header
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let base = if name.trim().is_empty() { format!("column_{}", i + 1) } else { name.trim().to_string() };
            let mut candidate = base.clone();
            let mut n = 2;
            while !seen.insert(candidate.clone()) {
                candidate = format!("{base}_{n}");
                n += 1;
            }
            candidate
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::{ColumnData, ColumnType};

    fn read(text: &str) -> Result<Table, String> {
        read_csv("t.csv", text.as_bytes(), &IngestOptions::default())
    }

    #[test]
    fn infers_types_and_missing_tokens() {
        let t = read("n,x,b,d,c,s\n1,1.5,true,2024-01-02,a,hello there\n2,NA,false,,b,x\n3,2e3,,2024-02-29,a,y\n4,0,no,2024-03-01,b,z\n").unwrap();
        let types: Vec<_> = t.columns.iter().map(|c| c.column_type()).collect();
        assert_eq!(
            types,
            [ColumnType::Integer, ColumnType::Number, ColumnType::Boolean, ColumnType::Date, ColumnType::Category, ColumnType::Text]
        );
        let x: Vec<Option<String>> = (0..3).map(|i| t.columns[1].data.text_at(i)).collect();
        assert_eq!(x, [Some("1.5".to_string()), None, Some("2000".to_string())]);
        assert!(matches!(t.columns[4].data, ColumnData::Category { .. }));
        assert_eq!(t.missing_cells(), 3);
    }

    #[test]
    fn sniffs_semicolons_and_tabs() {
        assert_eq!(read("a;b\n1;2\n3;4\n").unwrap().column_names(), ["a", "b"]);
        assert_eq!(read("a\tb\n1\t2\n").unwrap().column_names(), ["a", "b"]);
    }

    #[test]
    fn reports_ragged_rows_with_their_line() {
        let err = read("a,b,c\n1,2,3\n1,2,3,4\n").unwrap_err();
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn rejects_empty_and_binary_files() {
        assert!(read("").unwrap_err().contains("empty"));
        let err = read_csv("x.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &IngestOptions::default()).unwrap_err();
        assert!(err.contains("binary"), "{err}");
    }

    #[test]
    fn makes_header_names_unique() {
        assert_eq!(read(",a,a\n1,2,3\n").unwrap().column_names(), ["column_1", "a", "a_2"]);
    }

    #[test]
    fn header_only_file_gives_zero_rows() {
        let t = read("a,b\n").unwrap();
        assert_eq!((t.row_count(), t.column_count()), (0, 2));
    }
}
