//! Names as messages show them: invisible characters made visible, the closest of a list of
//! known names (for "did you mean").
//!
//! A header cell copied from a web page or a spreadsheet can carry a zero-width space or a
//! no-break space: "no column named 't'" is then true and useless. Messages quote names
//! through [`visible`] and suggest with [`closest`], which sees through such characters.

/// Whether `c` prints as nothing or as an ordinary space although it is not one: zero-width
/// characters, byte order marks, no-break and other unusual spaces, controls.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00a0}' | '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{180e}' | '\u{2000}'..='\u{200f}'
            | '\u{2028}'..='\u{202f}' | '\u{205f}'..='\u{206f}' | '\u{3000}' | '\u{3164}' | '\u{feff}' | '\u{ffa0}')
}

/// `name` with each invisible character written as a `\u{…}` escape: `t\u{200b}`.
pub fn visible(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if is_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The name of `known` closest to `name`: equal once invisible characters and case are set
/// aside, or within a few edits (about one in three characters). `None` when nothing is close.
pub fn closest<'a, S: AsRef<str>>(name: &str, known: &'a [S]) -> Option<&'a str> {
    let plain = |s: &str| s.chars().filter(|c| !is_invisible(*c)).collect::<String>().trim().to_lowercase();
    let wanted = plain(name);
    if let Some(same) = known.iter().map(AsRef::as_ref).find(|k| *k != name && plain(k) == wanted) {
        return Some(same);
    }
    let limit = wanted.chars().count() / 3;
    known
        .iter()
        .map(AsRef::as_ref)
        .filter(|k| *k != name)
        .map(|k| (edits(&wanted, &plain(k)), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// "; did you mean 'bins'?" when a name of `known` is close to `name`, else nothing.
pub fn did_you_mean<S: AsRef<str>>(name: &str, known: &[S]) -> String {
    closest(name, known).map(|k| format!("; did you mean '{}'?", visible(k))).unwrap_or_default()
}

/// Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`.
fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in table.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in table[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (table[i - 1][j] + 1).min(table[i][j - 1] + 1).min(table[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(table[i - 2][j - 2] + 1);
            }
            table[i][j] = best;
        }
    }
    table[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_invisible_characters_and_suggests_close_names() {
        assert_eq!(visible("t\u{200b}"), "t\\u{200b}");
        assert_eq!(visible("a\u{a0}b\tc"), "a\\u{a0}b\\u{9}c");
        assert_eq!(closest("t", &["t\u{200b}", "x"]), Some("t\u{200b}"));
        assert_eq!(closest("bin", &["columns", "bins", "method"]), Some("bins"));
        assert_eq!(closest("stratgy", &["columns", "strategy"]), Some("strategy"));
        assert_eq!(closest("enable", &["enabled", "automatic"]), Some("enabled"));
        assert_eq!(closest("weight", &["height", "mass"]), Some("height"));
        assert_eq!(closest("zzz", &["columns", "bins"]), None);
        assert_eq!(did_you_mean("Bins", &["bins"]), "; did you mean 'bins'?");
    }
}
