//! Text cells as they stream by: dictionary-encoded while the distinct values stay few,
//! plain text once there are too many. At the end a column becomes a category when its
//! values repeat and are short, else text.

use super::dictionary::Dictionary;
use crate::engine::base::table::{Codes, ColumnData};

/// A text column becomes a category when its values repeat: at most this many distinct…
pub const MAX_CATEGORY_LEVELS: usize = 1000;
/// …on average each distinct value appears at least this often…
const MIN_REPEATS_PER_LEVEL: usize = 2;
/// …and distinct values are short on average (longer ones are free text).
const MAX_MEAN_LEVEL_CHARS: usize = 60;

/// Text cells, coded or plain.
#[derive(Debug)]
pub enum Levels {
    Coded {
        /// The distinct values and their codes.
        dictionary: Dictionary,
        codes: Codes,
        /// Most distinct values before switching to plain text.
        max: usize,
        /// How many values are present.
        present: usize,
    },
    Plain(Vec<Option<String>>),
}

impl Levels {
    /// Coded until there are more than `max` distinct values; `missing` missing cells first.
    pub fn coded(max: usize, missing: usize, capacity: usize) -> Self {
        let codes = Codes::missing(missing, capacity);
        Levels::Coded { dictionary: Dictionary::default(), codes, max, present: 0 }
    }

    /// Plain text from the start; `missing` missing cells first.
    pub fn plain(missing: usize, capacity: usize) -> Self {
        let mut texts = Vec::with_capacity(capacity.max(missing));
        texts.resize(missing, None);
        Levels::Plain(texts)
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        match self {
            Levels::Coded { codes, .. } => codes.len(),
            Levels::Plain(texts) => texts.len(),
        }
    }

    /// Appends a cell.
    pub fn push(&mut self, cell: Option<&str>) {
        match self {
            Levels::Coded { dictionary, codes, max, present } => {
                let Some(cell) = cell else { return codes.push(None) };
                *present += 1;
                if let Some(code) = dictionary.code(cell) {
                    return codes.push(Some(code));
                }
                if dictionary.len() < *max {
                    return codes.push(Some(dictionary.insert(cell)));
                }
                let mut texts = self.take_plain();
                texts.push(Some(cell.to_string()));
                *self = Levels::Plain(texts);
            }
            Levels::Plain(texts) => texts.push(cell.map(str::to_string)),
        }
    }

    /// A category when the values repeat and are short (`inferred`), or always (chosen by the
    /// user); text otherwise.
    pub fn finish(mut self, inferred: bool) -> ColumnData {
        if let Levels::Coded { dictionary, codes, present, .. } = &mut self {
            let distinct = dictionary.len();
            let repeats = *present >= MIN_REPEATS_PER_LEVEL * distinct;
            let short = dictionary.chars() <= MAX_MEAN_LEVEL_CHARS * distinct;
            if !inferred || (repeats && short) {
                return ColumnData::Category { codes: std::mem::take(codes), levels: dictionary.take_levels() };
            }
        }
        ColumnData::Text(self.take_plain())
    }

    /// The cells as plain text, leaving `self` empty.
    fn take_plain(&mut self) -> Vec<Option<String>> {
        match self {
            Levels::Plain(texts) => std::mem::take(texts),
            Levels::Coded { dictionary, codes, .. } => {
                let levels = dictionary.levels();
                let mut texts = Vec::with_capacity(codes.capacity());
                texts.extend(codes.iter().map(|c| c.map(|c| levels[c as usize].clone())));
                texts
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(max: usize, cells: &[Option<&str>]) -> Levels {
        let mut l = Levels::coded(max, 1, 0);
        cells.iter().for_each(|c| l.push(*c));
        l
    }

    #[test]
    fn codes_repeating_short_values() {
        let data = levels(10, &[Some("a"), Some("b"), None, Some("a"), Some("b")]).finish(true);
        assert_eq!(
            data,
            ColumnData::Category {
                codes: vec![None, Some(0), Some(1), None, Some(0), Some(1)].into(),
                levels: vec!["a".into(), "b".into()]
            }
        );
        let data = levels(10, &[Some("a"), Some("b")]).finish(true);
        assert_eq!(data, ColumnData::Text(vec![None, Some("a".into()), Some("b".into())]));
        assert!(matches!(levels(10, &[Some("a"), Some("b")]).finish(false), ColumnData::Category { .. }));
    }

    #[test]
    fn turns_plain_past_the_most_levels() {
        let l = levels(2, &[Some("a"), Some("b"), Some("a"), Some("c"), Some("c")]);
        assert!(matches!(l, Levels::Plain(_)));
        let texts = ["a", "b", "a", "c", "c"].map(|s| Some(s.to_string()));
        assert_eq!(l.finish(true), ColumnData::Text([None].into_iter().chain(texts).collect()));
    }
}
