//! Booleans as people write them, for ingest and the change-type step alike.

/// The words for true, in any case.
pub const TRUE_WORDS: [&str; 4] = ["true", "yes", "y", "t"];
/// The words for false, in any case.
pub const FALSE_WORDS: [&str; 4] = ["false", "no", "n", "f"];

/// `true`/`false`, `yes`/`no`, `y`/`n`, `t`/`f`, in any case.
pub fn parse_bool(v: &str) -> Option<bool> {
    const TRUE: [&str; 4] = TRUE_WORDS;
    const FALSE: [&str; 4] = FALSE_WORDS;
    if v.len() > 5 {
        return None;
    }
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(v));
    match () {
        _ if is(&TRUE) => Some(true),
        _ if is(&FALSE) => Some(false),
        _ => None,
    }
}

/// A boolean, or `1` / `0` (for a column the user made boolean).
pub fn bool_or_digit(v: &str) -> Option<bool> {
    match v {
        "1" => Some(true),
        "0" => Some(false),
        _ => parse_bool(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_booleans() {
        assert_eq!([parse_bool("Yes"), parse_bool("F"), parse_bool("1")], [Some(true), Some(false), None]);
        assert_eq!([bool_or_digit("1"), bool_or_digit("no"), bool_or_digit("2")], [Some(true), Some(false), None]);
    }
}
