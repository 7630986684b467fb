//! Refusing what is not CSV text — binary files, spreadsheets, JSON, HTML — with a message
//! that says what the file is and what to do instead.

use crate::engine::base::error::{Error, Result};

/// Bytes of the start of a file checked for binary content.
pub const SAMPLE_BYTES: usize = 64 * 1024;

/// Well-known binary formats by their first bytes: (magic, what it is, what to do).
const MAGIC: &[(&[u8], &str, &str)] = &[
    (
        b"PK\x03\x04",
        "a ZIP archive (an Excel .xlsx workbook is one)",
        "save the sheet as CSV, or unzip it, and open the .csv",
    ),
    (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an Excel .xls workbook", "save the sheet as CSV and open that"),
    (b"%PDF", "a PDF document", "export the table as CSV and open that"),
    (b"\x1F\x8B", "gzip-compressed", "decompress it first and open the .csv inside"),
    (b"PAR1", "a Parquet file", "convert it to CSV and open that"),
    (b"SQLite format 3\0", "an SQLite database", "export a table as CSV and open that"),
    (b"\x89PNG", "a PNG image", "open a .csv file instead"),
    (b"\xFF\xD8\xFF", "a JPEG image", "open a .csv file instead"),
];

/// An error when `bytes` start like a well-known binary format.
pub fn refuse_known_binary(name: &str, bytes: &[u8]) -> Result<()> {
    match MAGIC.iter().find(|(magic, _, _)| bytes.starts_with(magic)) {
        Some((_, what, todo)) => {
            Err(Error::not_csv(format!("'{name}' is {what}, a binary file, not CSV text; {todo}")))
        }
        None => Ok(()),
    }
}

/// An error when the start of the text holds NUL or many other control bytes.
pub fn refuse_binary(name: &str, bytes: &[u8]) -> Result<()> {
    let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    let control = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)).count();
    if sample.contains(&0) || control * 100 > sample.len() {
        return Err(Error::not_csv(format!(
            "'{name}' looks like a binary file, not CSV text (it contains control bytes such as NUL); open a .csv file instead"
        )));
    }
    Ok(())
}

/// An error when decoded text is really JSON, JSON Lines, HTML or XML.
pub fn refuse_structured_text(name: &str, text: &str) -> Result<()> {
    let start = text.trim_start();
    let json = |t: &str| serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok();
    if start.starts_with(['{', '[']) {
        if json(start) {
            return Err(Error::not_csv(format!(
                "'{name}' is a JSON document, not CSV; export the data as CSV (one row per line, a header first) and open that"
            )));
        }
        let first_line = start.lines().next().unwrap_or_default();
        if first_line.starts_with('{') && json(first_line) {
            return Err(Error::not_csv(format!(
                "'{name}' is JSON Lines (one JSON object per line), not CSV; convert it to CSV and open that"
            )));
        }
    }
    let head: String = start.chars().take(16).collect::<String>().to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err(Error::not_csv(format!(
            "'{name}' is a web page (HTML), not CSV; download the data itself as CSV and open that"
        )));
    }
    if head.starts_with("<?xml") {
        return Err(Error::not_csv(format!(
            "'{name}' is an XML document, not CSV; export the data as CSV and open that"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_what_the_file_really_is() {
        assert!(refuse_known_binary("a.xlsx", b"PK\x03\x04rest").unwrap_err().contains("Excel"));
        assert!(refuse_binary("b", b"a,b\n\x00\x01").unwrap_err().contains("binary"));
        assert!(refuse_binary("c", b"a,b\n1,2\n").is_ok());
        assert!(refuse_structured_text("d", " [1, 2]").unwrap_err().contains("JSON document"));
        assert!(refuse_structured_text("e", "{\"a\":1}\n{\"a\":2}\n").unwrap_err().contains("JSON Lines"));
        assert!(refuse_structured_text("f", "<!DOCTYPE html><p>").unwrap_err().contains("HTML"));
        assert!(refuse_structured_text("g", "[id],name\n1,x\n").is_ok());
    }
}
