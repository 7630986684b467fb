//! Keys: columns that name a row (an identifier, different in every row) or a group of rows
//! (a key that repeats: a player, a patient, a bird measured again and again).
//!
//! An integer column that happens to be all different (monthly job counts, town populations)
//! is not an identifier: it must also be a run of consecutive numbers (a row number) or carry
//! a key-like name ("id", "customer_id", "userId", "key", "index").

use super::report::ColumnProfile;
use crate::engine::base::table::ColumnType;

/// Fewest groups for a repeated key to be a grouping (fewer are a small category).
pub(super) const MIN_GROUPS: usize = 10;

/// Whether a column's name reads like a key: its last word is "id", "key", "index", … in any
/// case and spelling ("ID", "user_id", "userId", "Row.names", "Unnamed: 0").
pub fn key_like_name(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    if ["", "rownames", "row.names", "row_names", "unnamed: 0", "...1", "rowid", "row_id", "row"]
        .contains(&lower.as_str())
    {
        return true;
    }
    // Split on anything not alphanumeric and before an upper-case letter that follows a lower-case one.
    let mut words: Vec<String> = vec![String::new()];
    let mut previous_lower = false;
    for ch in name.trim().chars() {
        if !ch.is_alphanumeric() {
            words.push(String::new());
            previous_lower = false;
            continue;
        }
        if ch.is_uppercase() && previous_lower {
            words.push(String::new());
        }
        previous_lower = ch.is_lowercase() || ch.is_ascii_digit();
        if let Some(w) = words.last_mut() {
            w.extend(ch.to_lowercase());
        }
    }
    let last = words.iter().rev().find(|w| !w.is_empty()).map_or("", String::as_str);
    ["id", "ids", "key", "index", "idx", "uuid", "guid", "identifier"].contains(&last)
}

/// Whether a column's name reads like a time (year, month, period, …): consecutive years
/// in a yearly table are the time axis, not an identifier.
fn time_like_name(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    let last = lower.rsplit(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
    ["year", "yr", "years", "time", "t", "period", "month", "quarter", "qtr", "week", "day", "date", "age"]
        .contains(&last)
}

/// Whether an integer column's values, all different, are (nearly) consecutive like row
/// numbers: their range is at most 10% wider than their count.
fn consecutive(c: &ColumnProfile) -> bool {
    match (c.min, c.max) {
        (Some(min), Some(max)) => max - min + 1.0 <= 1.1 * c.count as f64,
        _ => false,
    }
}

/// A text or category column whose every present value is different, or such an integer
/// column whose values are also consecutive (and whose name is not a time's, like "year") or
/// whose name reads like a key (and there are enough rows for that to mean something).
pub fn is_identifier_like(c: &ColumnProfile, rows: usize) -> bool {
    let all_different = rows >= 10 && c.count > 0 && c.distinct == c.count && c.count as f64 >= 0.95 * rows as f64;
    all_different
        && match c.column_type {
            ColumnType::Text | ColumnType::Category => true,
            ColumnType::Integer => (consecutive(c) && !time_like_name(&c.name)) || key_like_name(&c.name),
            _ => false,
        }
}

/// Why an identifier-like column was judged so, for its alert.
pub(super) fn identifier_reason(c: &ColumnProfile) -> String {
    match (c.column_type, c.min, c.max) {
        (ColumnType::Integer, Some(min), Some(max)) if consecutive(c) => {
            format!(
                "numbers running from {} to {} like row numbers",
                super::alerts::number(min),
                super::alerts::number(max)
            )
        }
        (ColumnType::Integer, _, _) => "numbers under a key-like name".to_string(),
        _ => "values".to_string(),
    }
}

/// Whether a column's name is one of the things a table follows over several rows: a person,
/// a patient, a firm, a household ("individual", "subject_no", "Firm"). Repeated, such a column
/// groups rows as a key does (a panel: each firm every year), though its name is no "id".
fn entity_like_name(name: &str) -> bool {
    const ENTITIES: [&str; 20] = [
        "individual",
        "subject",
        "patient",
        "person",
        "participant",
        "respondent",
        "player",
        "household",
        "family",
        "firm",
        "company",
        "customer",
        "client",
        "user",
        "student",
        "pupil",
        "member",
        "child",
        "animal",
        "bird",
    ];
    let lower = name.trim().to_lowercase();
    let mut words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // "patient_no", "firm name": the entity comes before a word saying how it is written.
    if words.len() > 1 && ["no", "nr", "num", "number", "code", "name"].contains(words.last().unwrap_or(&"")) {
        words.pop();
    }
    words.last().is_some_and(|w| ENTITIES.contains(w) || w.strip_suffix('s').is_some_and(|one| ENTITIES.contains(&one)))
}

/// A key-like column (by a key's or an entity's name) whose values repeat in groups: at least
/// [`MIN_GROUPS`] different values, fewer than its rows, present in nearly every row.
pub(super) fn is_repeated_key(c: &ColumnProfile, rows: usize) -> bool {
    matches!(c.column_type, ColumnType::Integer | ColumnType::Text | ColumnType::Category)
        && (key_like_name(&c.name) || entity_like_name(&c.name))
        && c.distinct >= MIN_GROUPS
        && c.distinct < c.count
        && c.count as f64 >= 0.95 * rows as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_like_names() {
        for name in ["id", "ID", "user_id", "userId", "Customer ID", "row.names", "Unnamed: 0", "order-key", "BirdID"] {
            assert!(key_like_name(name), "{name}");
        }
        for name in ["jobs", "population", "idea", "valid", "video", "paid", "grid", "x", "width"] {
            assert!(!key_like_name(name), "{name}");
        }
        assert!(time_like_name("YEAR") && time_like_name("fiscal_year") && !time_like_name("Obs"));
        for name in ["individual", "Firm", "patient_no", "firm name", "players"] {
            assert!(entity_like_name(name), "{name}");
        }
        for name in ["mode", "income", "firmness", "household size", "users_per_day", "no"] {
            assert!(!entity_like_name(name), "{name}");
        }
    }
}
