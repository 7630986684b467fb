//! Grouping similar spellings as OpenRefine's clustering does: values with the same fingerprint
//! key ("New York", "new york ", "York, New") or n-gram key ("Tokyo", "Tokio" do not; "Zürich",
//! "Zurich" do) are proposed as one group; the step stores the merges the user confirmed.
//! (The step keeps its JSON name `cluster_spellings`; k-means and the other clusterings of rows
//! are in `learn`.)

mod onnx;
mod sql;

use crate::engine::base::error::Result;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::merge::{apply_merges, merge_summary, Merge};
use crate::engine::base::table::{ColumnData, Table};
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, LABELS};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::Labels;

/// How values are keyed: which spellings count as the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpellingKey {
    /// Lower case, accents and punctuation removed, words sorted and deduplicated.
    Fingerprint,
    /// The sorted, deduplicated character n-grams of the value without spaces and punctuation.
    Ngram,
}

/// Merges similar spellings of `column`; `merges` holds the clusters the user confirmed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterSpellings {
    pub column: String,
    pub method: SpellingKey,
    pub ngram_size: usize,
    pub merges: Vec<Merge>,
}

/// A value and how many rows hold it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueCount {
    pub value: String,
    pub count: usize,
}

/// A proposed group of spellings (OpenRefine's "cluster"): values sharing a key, most frequent first, and the value they would
/// become (the most frequent).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpellingGroup {
    pub key: String,
    pub values: Vec<ValueCount>,
    pub to: String,
}

impl StepKind for ClusterSpellings {
    type Fitted = Self;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::TextAndCategories,
            "Cluster similar spellings",
            "Finds values that differ only in case, accents, punctuation or word order and merges the groups you confirm.",
            vec![
                Param::new("column", "Column", "The text or category column.", ParamKind::column(LABELS)),
                Param::new(
                    "method",
                    "Keying",
                    "Fingerprint ignores case, accents, punctuation and word order; n-grams also catch run-together words.",
                    ParamKind::choice(&[("fingerprint", "fingerprint"), ("ngram", "n-gram fingerprint")], "fingerprint"),
                ),
                Param::new("ngram_size", "N-gram size", "Characters per n-gram (n-gram keying only).", ParamKind::integer(2, Some(1), Some(10))),
                Param::new("merges", "Confirmed merges", "The clusters to merge, each into one value.", ParamKind::Merges),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(merge_summary(&self.merges))
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        Ok(self.clone())
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(super::merge::merges_python(&self.column, &self.merges))
    }
}

impl FittedKind for ClusterSpellings {
    fn apply(&self, table: Table) -> Result<Table> {
        apply_merges(table, &self.column, &self.merges)
    }

    fn sql(
        &self,
        before: &crate::engine::recipe::sql::SqlFrame,
    ) -> std::result::Result<crate::engine::recipe::sql::SqlStep, String> {
        self.to_sql(before)
    }

    fn onnx(
        &self,
        graph: &mut crate::engine::base::onnx::GraphBuilder,
        before: &crate::engine::recipe::onnx::OnnxFrame,
    ) -> std::result::Result<Vec<crate::engine::recipe::onnx::OnnxColumn>, String> {
        self.to_onnx(graph, before)
    }
}

/// The groups of two or more distinct values of `data` that share a key, largest first.
pub fn propose_spelling_groups(data: &ColumnData, method: SpellingKey, ngram_size: usize) -> Vec<SpellingGroup> {
    let labels = Labels::of(data);
    let counts = labels.counts();
    let mut groups: BTreeMap<String, Vec<ValueCount>> = BTreeMap::new();
    for (value, count) in labels.levels.iter().zip(counts) {
        if count == 0 {
            continue;
        }
        let key = match method {
            SpellingKey::Fingerprint => fingerprint(value),
            SpellingKey::Ngram => ngram_fingerprint(value, ngram_size.max(1)),
        };
        groups.entry(key).or_default().push(ValueCount { value: value.clone(), count });
    }
    let mut clusters: Vec<SpellingGroup> = groups
        .into_iter()
        .filter(|(_, values)| values.len() > 1)
        .map(|(key, mut values)| {
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            let to = values[0].value.clone();
            SpellingGroup { key, values, to }
        })
        .collect();
    clusters.sort_by_key(|c| std::cmp::Reverse(c.values.iter().map(|v| v.count).sum::<usize>()));
    clusters
}

/// How many distinct values `data` holds (missing values left out).
pub fn distinct_values(data: &ColumnData) -> usize {
    Labels::of(data).counts().iter().filter(|n| **n > 0).count()
}

/// OpenRefine's fingerprint key.
pub fn fingerprint(value: &str) -> String {
    let cleaned: String =
        value.trim().to_lowercase().chars().filter(|c| !is_punctuation(*c)).map(fold_accent).collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    words.sort_unstable();
    words.dedup();
    words.join(" ")
}

/// OpenRefine's n-gram fingerprint key.
pub fn ngram_fingerprint(value: &str, n: usize) -> String {
    let chars: Vec<char> =
        value.to_lowercase().chars().filter(|c| !is_punctuation(*c) && !c.is_whitespace()).map(fold_accent).collect();
    let mut grams: Vec<String> = chars.windows(n).map(|w| w.iter().collect()).collect();
    grams.sort_unstable();
    grams.dedup();
    grams.concat()
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || c.is_control()
        || matches!(c, '‘' | '’' | '“' | '”' | '–' | '—' | '…' | '«' | '»' | '¿' | '¡')
}

const ACCENTED: &str = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžđħłøıŧ";
const PLAIN: &str = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzdhloit";

/// A lower-case Latin letter without its accent.
fn fold_accent(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    ACCENTED.chars().position(|a| a == c).and_then(|i| PLAIN.chars().nth(i)).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_openrefine() {
        assert_eq!(fingerprint("  York, New "), "new york");
        assert_eq!(fingerprint("New York"), fingerprint("york NEW new"));
        assert_eq!(fingerprint("Zürich"), "zurich");
        assert_eq!(ngram_fingerprint("Paris", 2), "arispari");
        assert_eq!(ngram_fingerprint("pa ris", 2), ngram_fingerprint("Paris", 2));
        assert_eq!(ACCENTED.chars().count(), PLAIN.chars().count());
    }

    #[test]
    fn proposes_clusters_with_the_most_frequent_spelling() {
        let values = ["New York", "new york", "New York", "NEW YORK.", "Boston", "boston"];
        let data = ColumnData::Text(values.iter().map(|v| Some(v.to_string())).collect());
        let clusters = propose_spelling_groups(&data, SpellingKey::Fingerprint, 2);
        assert_eq!(clusters.len(), 2);
        assert_eq!(clusters[0].to, "New York");
        assert_eq!(clusters[0].values.len(), 3);
    }
}
