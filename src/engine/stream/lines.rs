//! Line and row numbers of a part, made the file's: a part is read as a file of its own, so
//! what ingest and prediction say about "line 3" or "data row 2" is moved by where the part
//! starts.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::engine::base::error::{Error, ErrorKind};

/// Line breaks in `bytes` as ingest counts them: `\n`, `\r\n` and a lone `\r`.
pub fn line_breaks(bytes: &[u8]) -> u64 {
    let lone_cr = |k: usize| bytes[k] == b'\r' && bytes.get(k + 1) != Some(&b'\n');
    (0..bytes.len()).filter(|&k| bytes[k] == b'\n' || lone_cr(k)).count() as u64
}

/// "line 4", "lines 4 and 9", "lines 4, 7–9": a word for lines and the numbers after it.
static LINES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(lines?) ((?:\d+(?:, | and |–|-| to ))*\d+)").expect("a valid pattern"));

/// "data row 4", "data rows 4 and 9".
static DATA_ROWS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(data rows?) ((?:\d+(?:, | and |–|-| to ))*\d+)").expect("a valid pattern"));

/// `error` with every line number it names moved by `offset`.
pub fn shift_lines(error: Error, offset: i64) -> Error {
    let kind = match *error.kind() {
        ErrorKind::Ragged { line } => ErrorKind::Ragged { line: moved(line, offset) },
        ErrorKind::StrayQuote { line } => ErrorKind::StrayQuote { line: moved(line, offset) },
        ref kind => kind.clone(),
    };
    Error::of(kind, shift_numbers(&LINES, error.message(), offset))
}

/// `text` (a note or message) with every line number it names moved by `offset`.
pub fn shift_line_numbers(text: &str, offset: i64) -> String {
    shift_numbers(&LINES, text, offset)
}

/// `error` with every data row number it names moved by `rows` (the rows of earlier parts).
pub fn shift_data_rows(error: Error, rows: usize) -> Error {
    error.map_message(|m| shift_numbers(&DATA_ROWS, m, rows as i64))
}

fn moved(number: u64, offset: i64) -> u64 {
    (number as i64 + offset).max(0) as u64
}

/// `text` with the numbers of each match of `pattern` moved by `offset`.
fn shift_numbers(pattern: &Regex, text: &str, offset: i64) -> String {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("a valid pattern"));
    pattern
        .replace_all(text, |c: &Captures| {
            let numbers = NUMBER.replace_all(&c[2], |n: &Captures| {
                n[0].parse::<u64>().map_or_else(|_| n[0].to_string(), |n| moved(n, offset).to_string())
            });
            format!("{} {numbers}", &c[1])
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_every_line_number_a_message_names() {
        let e = Error::of(ErrorKind::Ragged { line: 3 }, "f.csv: line 3 has 2 fields; lines 5, 7 and 9 too");
        let e = shift_lines(e, 100);
        assert_eq!(e.kind(), &ErrorKind::Ragged { line: 103 });
        assert_eq!(e.to_string(), "f.csv: line 103 has 2 fields; lines 105, 107 and 109 too");
        let e = shift_data_rows(Error::other("'x' is 1e400 in data row 2"), 10);
        assert_eq!(e.to_string(), "'x' is 1e400 in data row 12");
        assert_eq!(line_breaks(b"a\r\nb\rc\n"), 3);
    }
}
