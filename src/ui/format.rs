//! Numbers formatted for people: thousands separators and sensible precision. Counts and digit
//! grouping are the engine's (`engine::base::format`), so the page and the messages agree.

pub use crate::engine::base::format::count;
use crate::engine::base::format::group_digits;

/// About four significant digits, thousands separators, no trailing zeros:
/// `4201.754` → `"4,202"`, `43.9219` → `"43.92"`, `0.012345` → `"0.01235"`.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "—".into()
        } else if x > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    let magnitude = if x == 0.0 { 0 } else { x.abs().log10().floor() as i32 };
    let decimals = (3 - magnitude).clamp(0, 6) as usize;
    fixed(x, decimals)
}

/// `x` with exactly `decimals` decimals, then trailing zeros trimmed, with separators.
pub fn fixed(x: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, x);
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text };
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) if rest.chars().any(|c| c.is_ascii_digit() && c != '0') => ("−", rest),
        Some(rest) => ("", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').map_or((digits, None), |(w, f)| (w, Some(f)));
    match fraction {
        Some(fraction) => format!("{sign}{}.{fraction}", group_digits(whole)),
        None => format!("{sign}{}", group_digits(whole)),
    }
}

/// A share in 0..=1 as a percentage with one decimal: `0.9712` → `"97.1%"`.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A count with its share when there is any: `"19 (0.7%)"`, `"0"`.
pub fn count_with_share(n: usize, share: f64) -> String {
    if n == 0 {
        "0".into()
    } else {
        format!("{} ({})", count(n), percent(share))
    }
}

/// A score in 0..=1 with three decimals: `0.96214` → `"0.962"`.
pub fn score(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.3}")
    } else {
        "—".into()
    }
}

/// A byte count for people: "512 B", "3.4 MB".
pub fn bytes(n: u64) -> String {
    let units = ["B", "KB", "MB", "GB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < units.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{} {}", number(value), units[unit])
    }
}
