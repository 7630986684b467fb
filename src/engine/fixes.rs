//! One-click fixes: the recipe step that answers a quality alert, where one exists.

use crate::engine::profile::{Alert, Report};
use crate::engine::recipe::{ImputeStrategy, Step};
use crate::engine::table::ColumnType;

/// The step that fixes `alert`, given the report it came from; `None` when no step does yet.
pub fn fix_for(alert: &Alert, report: &Report) -> Option<Step> {
    let columns = alert.columns.clone();
    match alert.kind.as_str() {
        "empty" | "constant" | "near_constant" | "identifier" | "high_cardinality" if !columns.is_empty() => {
            Some(Step::DropColumns { columns })
        }
        // The leaking column comes first, the target second: drop only the leak.
        "target_leakage" => columns.first().map(|c| Step::DropColumns { columns: vec![c.clone()] }),
        // Two columns telling the same story: keep the first, drop the second.
        "high_correlation" => columns.get(1).map(|c| Step::DropColumns { columns: vec![c.clone()] }),
        "high_missing" if !columns.is_empty() => {
            let numeric = columns.iter().all(|name| {
                report.columns.iter().any(|c| &c.name == name && matches!(c.column_type, ColumnType::Number | ColumnType::Integer))
            });
            let strategy = if numeric { ImputeStrategy::Median } else { ImputeStrategy::MostFrequent };
            Some(Step::Impute { columns, strategy })
        }
        _ => None,
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
            let c = if i % 4 == 0 { "NA" } else if i % 2 == 0 { "b" } else { "a" };
            csv.push_str(&format!("{i},{x},{c},same\n"));
        }
        let report = profile(&read_csv("t.csv", csv.as_bytes(), &IngestOptions::default()).unwrap());
        let fix = |kind: &str| report.alerts.iter().find(|a| a.kind == kind && a.columns.len() == 1).and_then(|a| fix_for(a, &report).map(|s| (a.columns[0].clone(), s)));
        assert_eq!(fix("identifier"), Some(("id".into(), Step::DropColumns { columns: vec!["id".into()] })));
        assert_eq!(fix("constant"), Some(("k".into(), Step::DropColumns { columns: vec!["k".into()] })));
        let missing: Vec<(String, Step)> = report
            .alerts
            .iter()
            .filter(|a| a.kind == "high_missing")
            .filter_map(|a| fix_for(a, &report).map(|s| (a.columns[0].clone(), s)))
            .collect();
        assert!(missing.contains(&("x".into(), Step::Impute { columns: vec!["x".into()], strategy: ImputeStrategy::Median })), "{missing:?}");
        assert!(missing.contains(&("c".into(), Step::Impute { columns: vec!["c".into()], strategy: ImputeStrategy::MostFrequent })), "{missing:?}");
    }
}
