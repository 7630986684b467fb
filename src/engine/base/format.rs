//! Numbers as people read them in messages.

/// `n` with thousands separators: 1234567 → "1,234,567".
pub fn count(n: usize) -> String {
    group_digits(&n.to_string())
}

/// A run of digits with a comma between each group of three from the right: "1234567" →
/// "1,234,567" (the whole part of any number, however long).
pub fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A number short enough for a message: the shortest digits that read back as the same
/// double, with an exponent beyond 10¹⁵ or below 10⁻⁶ (1e200, -1.8536e308, 2.5e-300, 0.25),
/// never the 309 digits of `{}`. Infinities read "infinity" and NaN "missing".
pub fn short_number(x: f64) -> String {
    if x.is_nan() {
        "missing".into()
    } else if x.is_infinite() {
        if x > 0.0 { "infinity" } else { "-infinity" }.into()
    } else if x != 0.0 && (x.abs() >= 1e15 || x.abs() < 1e-6) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// The article before `word`: "an" before a vowel sound ("an integer column"), else "a".
pub fn a_or_an(word: &str) -> &'static str {
    match word.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o') => "an",
        _ => "a",
    }
}

/// `n` and a noun, singular for one: "1 row", "2 rows", "1,204 rows".
pub fn count_of(n: usize, singular: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{} {singular}s", count(n))
    }
}
