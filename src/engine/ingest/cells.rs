//! Single cells of a file: which texts are missing, and trimming. What a cell says (a number,
//! a boolean, a date) is read by `engine::base::cells`.

/// Cell texts read as missing by default (as pandas does, and `None`).
pub const DEFAULT_MISSING_TOKENS: &[&str] = &["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "#N/A"];

/// How single cells are read: which texts are missing, and the file's decimal separator.
pub struct CellReader {
    tokens: Vec<String>,
    longest: usize,
    /// The first bytes of the tokens (and whether one is empty).
    first_bytes: [bool; 256],
    empty_token: bool,
    pub decimal_comma: bool,
}

impl CellReader {
    /// A reader with these missing tokens (compared after trimming).
    pub fn new(missing_tokens: &[String], decimal_comma: bool) -> Self {
        let tokens: Vec<String> = missing_tokens.iter().map(|t| t.trim().to_string()).collect();
        let longest = tokens.iter().map(String::len).max().unwrap_or(0);
        let mut first_bytes = [false; 256];
        tokens.iter().filter_map(|t| t.bytes().next()).for_each(|b| first_bytes[usize::from(b)] = true);
        let empty_token = tokens.iter().any(String::is_empty);
        CellReader { tokens, longest, first_bytes, empty_token, decimal_comma }
    }

    /// The trimmed cell, or `None` when it is a missing token.
    #[inline]
    pub fn value<'a>(&self, cell: &'a str) -> Option<&'a str> {
        let t = trim(cell);
        let missing = match t.as_bytes().first() {
            None => self.empty_token,
            Some(&b) => {
                self.first_bytes[usize::from(b)] && t.len() <= self.longest && self.tokens.iter().any(|m| m == t)
            }
        };
        (!missing).then_some(t)
    }
}

/// The cell without white space around it (quick when there is none, as in most cells).
#[inline]
pub fn trim(cell: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    if plain(cell.as_bytes().first()) && plain(cell.as_bytes().last()) {
        cell
    } else {
        cell.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_missing_tokens_after_trimming() {
        let tokens: Vec<String> = DEFAULT_MISSING_TOKENS.iter().map(|s| s.to_string()).collect();
        let r = CellReader::new(&tokens, false);
        assert_eq!((r.value(" NA "), r.value("  "), r.value(" x ")), (None, None, Some("x")));
    }
}
