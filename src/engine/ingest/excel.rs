//! Excel's `sep=;` first line: it names the delimiter and is not part of the data.

/// The delimiter an Excel `sep=X` first line names (`X` one ASCII character, maybe repeated
/// as trailing delimiters, the line maybe quoted), and the bytes the line takes with its
/// line break.
pub fn sep_line(text: &str) -> Option<(u8, usize)> {
    let start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let line_end = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i);
    let line = text[start..line_end].trim_matches('"');
    let rest = line.get(..4).filter(|s| s.eq_ignore_ascii_case("sep="))?;
    let delimiter = *line.as_bytes().get(rest.len())?;
    let trailing = &line.as_bytes()[rest.len() + 1..];
    let fits = delimiter.is_ascii() && !delimiter.is_ascii_alphanumeric() && delimiter != b'"';
    if !fits || trailing.iter().any(|&b| b != delimiter) {
        return None;
    }
    let break_len = match &text.as_bytes()[line_end..] {
        [b'\r', b'\n', ..] => 2,
        [] => 0,
        _ => 1,
    };
    Some((delimiter, line_end + break_len))
}

/// The report's note on a `sep=` line naming `delimiter`, `used` or overridden by the user.
pub fn note(delimiter: u8, used: bool) -> String {
    let shown = if delimiter == b'\t' { "TAB".to_string() } else { char::from(delimiter).to_string() };
    let what = if used { "it was used and the line skipped" } else { "the line was skipped" };
    format!("the first line, sep={shown}, names the delimiter (as Excel writes it); {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_sep_line() {
        assert_eq!(sep_line("sep=;\na;b\n"), Some((b';', 6)));
        assert_eq!(sep_line("\u{FEFF}sep=,\r\na,b\n"), Some((b',', 10)));
        assert_eq!(sep_line("SEP=|"), Some((b'|', 5)));
        assert_eq!(sep_line("\"sep=\t\"\na\tb\n"), Some((b'\t', 8)));
        assert_eq!(sep_line("sep=;;;\na;b\n"), Some((b';', 8)));
        assert_eq!(sep_line("sep=x\n"), None);
        assert_eq!(sep_line("sep=;,\n"), None);
        assert_eq!(sep_line("separator,value\n"), None);
        assert_eq!(sep_line("sep=\n"), None);
        assert_eq!(sep_line("a,b\nsep=;\n"), None);
    }
}
