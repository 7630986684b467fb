//! One-click fixes: the recipe step that answers a quality alert, where one exists.

use crate::engine::base::table::{ColumnType, Table};
use crate::engine::profile::{Alert, Report};
use crate::engine::recipe::{
    propose_spelling_groups, ClipOutliers, ClusterSpellings, DropDuplicates, FenceMethod, FenceRule, ImputeStrategy,
    Log1p, Merge, SpellingKey, Step, TrimWhitespace, YeoJohnson,
};

/// The step that fixes `alert`, given the report it came from; `None` when no step does yet.
pub fn fix_for(alert: &Alert, report: &Report) -> Option<Step> {
    let columns = alert.columns.clone();
    let profile = |name: &str| report.columns.iter().find(|c| c.name == name);
    match alert.kind.as_str() {
        "empty" | "constant" | "near_constant" | "identifier" | "high_cardinality" if !columns.is_empty() => {
            Some(Step::drop_columns(columns))
        }
        // The leaking column comes first, the target second: drop only the leak.
        "target_leakage" => columns.first().map(|c| Step::drop_columns(vec![c.clone()])),
        // Two columns telling the same story: keep the first, drop the second (for an
        // association, the second is the one the first determines).
        "high_correlation" | "monotone_relation" | "strong_association" => {
            columns.get(1).map(|c| Step::drop_columns(vec![c.clone()]))
        }
        "high_missing" | "some_missing" if !columns.is_empty() => {
            let numeric = columns.iter().all(|name| {
                profile(name).is_some_and(|c| matches!(c.column_type, ColumnType::Number | ColumnType::Integer))
            });
            let strategy = if numeric { ImputeStrategy::Median } else { ImputeStrategy::MostFrequent };
            Some(Step::impute(columns, strategy))
        }
        "duplicate_rows" => Some(Step::DropDuplicates(DropDuplicates { columns: Vec::new() })),
        // Duplicates hidden by identifier-like columns: judge rows on all the other columns.
        "hidden_duplicates" if !columns.is_empty() => {
            let others: Vec<String> =
                report.columns.iter().map(|c| c.name.clone()).filter(|n| !columns.contains(n)).collect();
            (!others.is_empty()).then_some(Step::DropDuplicates(DropDuplicates { columns: others }))
        }
        "whitespace" if !columns.is_empty() => Some(Step::TrimWhitespace(TrimWhitespace { columns, collapse: false })),
        // The alert counts values beyond 3 × IQR of the quartiles: clip them to those fences.
        "outliers" if !columns.is_empty() => {
            let rule = FenceRule { method: FenceMethod::Iqr, lower: 1.0, upper: 99.0, factor: 3.0 };
            Some(Step::ClipOutliers(ClipOutliers { columns, rule }))
        }
        // A long right tail of positive values: log1p; otherwise Yeo-Johnson, which takes any
        // sign (the alert advises a log only for positive columns).
        "skewed" if !columns.is_empty() => {
            let right_tail_of_positives = columns.iter().all(|name| {
                profile(name).is_some_and(|c| c.skewness.is_some_and(|s| s > 0.0) && c.min.is_some_and(|m| m > 0.0))
            });
            Some(if right_tail_of_positives {
                Step::Log1p(Log1p { columns })
            } else {
                Step::YeoJohnson(YeoJohnson { columns })
            })
        }
        _ => None,
    }
}

/// Like [`fix_for`], for fixes that need the data itself: inconsistent spellings get a
/// "cluster similar spellings" step holding the clusters Sift proposes (the user reviews
/// them before the step runs).
pub fn fix_with_data(alert: &Alert, report: &Report, table: &Table) -> Option<Step> {
    match (alert.kind.as_str(), alert.columns.first()) {
        ("inconsistent_spelling", Some(column)) => {
            let data = &table.column(column)?.data;
            let merges: Vec<Merge> = propose_spelling_groups(data, SpellingKey::Fingerprint, 2)
                .into_iter()
                .map(|c| Merge {
                    from: c.values.into_iter().map(|v| v.value).filter(|v| *v != c.to).collect(),
                    to: c.to,
                })
                .collect();
            (!merges.is_empty()).then(|| {
                Step::ClusterSpellings(ClusterSpellings {
                    column: column.clone(),
                    method: SpellingKey::Fingerprint,
                    ngram_size: 2,
                    merges,
                })
            })
        }
        _ => fix_for(alert, report),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ingest::{read_csv, IngestOptions};
    use crate::engine::profile::profile;

    #[test]
    fn alerts_get_the_matching_step() {
        let mut csv = String::from("id,x,c,k\n");
        for i in 0..20 {
            let x = if i % 3 == 0 { "NA".to_string() } else { format!("{i}.5") };
            let c = if i % 4 == 0 {
                "NA"
            } else if i % 2 == 0 {
                "b"
            } else {
                "a"
            };
            csv.push_str(&format!("{i},{x},{c},same\n"));
        }
        let report = profile(&read_csv("t.csv", csv.as_bytes(), &IngestOptions::default()).unwrap());
        let fix = |kind: &str| {
            report
                .alerts
                .iter()
                .find(|a| a.kind == kind && a.columns.len() == 1)
                .and_then(|a| fix_for(a, &report).map(|s| (a.columns[0].clone(), s)))
        };
        assert_eq!(fix("identifier"), Some(("id".into(), Step::drop_columns(vec!["id".into()]))));
        assert_eq!(fix("constant"), Some(("k".into(), Step::drop_columns(vec!["k".into()]))));
        let missing: Vec<(String, Step)> = report
            .alerts
            .iter()
            .filter(|a| a.kind == "high_missing")
            .filter_map(|a| fix_for(a, &report).map(|s| (a.columns[0].clone(), s)))
            .collect();
        assert!(missing.contains(&("x".into(), Step::impute(vec!["x".into()], ImputeStrategy::Median))), "{missing:?}");
        assert!(
            missing.contains(&("c".into(), Step::impute(vec!["c".into()], ImputeStrategy::MostFrequent))),
            "{missing:?}"
        );
    }

    #[test]
    fn spelling_alerts_get_the_proposed_merges() {
        let mut csv = String::from("city,x\n");
        for i in 0..30 {
            let city = ["New York", "new york", "Boston", "NEW YORK", "boston "][i % 5];
            csv.push_str(&format!("{city},{}\n", i * i % 17));
        }
        let table = read_csv("t.csv", csv.as_bytes(), &IngestOptions::default()).unwrap();
        let report = profile(&table);
        let alert = Alert::new("inconsistent_spelling", &["city"], String::new());
        let Some(Step::ClusterSpellings(step)) = fix_with_data(&alert, &report, &table) else {
            panic!("no clustering fix")
        };
        assert_eq!(step.merges.len(), 2, "{:?}", step.merges);
        let outliers = Alert::new("outliers", &["x"], String::new());
        assert!(matches!(fix_with_data(&outliers, &report, &table), Some(Step::ClipOutliers(_))));
    }

    #[test]
    fn new_alerts_get_their_steps() {
        let mut csv = String::from("rownames,species,length,flow\n");
        for i in 0..40 {
            let (species, length) = if i % 4 == 3 { ("a", 1.0) } else { (["a", "b"][i % 2], i as f64) };
            let flow = if i % 10 == 0 { "NA".to_string() } else { (i % 7).to_string() };
            csv.push_str(&format!("{},{species},{length},{flow}\n", i + 1));
        }
        let report = profile(&read_csv("t.csv", csv.as_bytes(), &IngestOptions::default()).unwrap());
        let hidden = report.alerts.iter().find(|a| a.kind == "hidden_duplicates").expect("hidden duplicates");
        let others: Vec<String> = ["species", "length", "flow"].map(String::from).to_vec();
        assert_eq!(fix_for(hidden, &report), Some(Step::DropDuplicates(DropDuplicates { columns: others })));
        let some = report.alerts.iter().find(|a| a.kind == "some_missing").expect("some missing");
        assert_eq!(fix_for(some, &report), Some(Step::impute(vec!["flow".into()], ImputeStrategy::Median)));
        let pair = Alert::new("strong_association", &["hospital", "hospital_type"], String::new());
        assert_eq!(fix_for(&pair, &report), Some(Step::drop_columns(vec!["hospital_type".into()])));
        // A skewed column with zeros is not given a log.
        let skewed = Alert::new("skewed", &["flow"], String::new());
        assert!(matches!(fix_for(&skewed, &report), Some(Step::YeoJohnson(_))));
    }
}
