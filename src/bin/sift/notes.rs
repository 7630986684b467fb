//! What ingest decided on its own, said on stderr (`sift: note: …`), so a guessed code page,
//! replaced characters, a repaired trailing delimiter or the day-first date choice never pass
//! without a word. The page shows the same report in "Reading options".

use sift::engine::base::table::names::visible;
use sift::engine::ingest::IngestReport;

/// One line a decision worth knowing, in the order a reader meets them.
pub fn ingest_notes(file: &str, report: &IngestReport) -> Vec<String> {
    let mut notes = Vec::new();
    if report.encoding.detected && report.encoding.value != "UTF-8" {
        notes.push(format!("'{file}' was read as {} (detected)", report.encoding.value));
    }
    notes.extend(report.notes.iter().cloned());
    for renamed in &report.renamed_headers {
        notes.push(format!("header '{}' was renamed '{}'", visible(&renamed.original), renamed.name));
    }
    if report.skipped_rows.count > 0 {
        let lines: Vec<String> = report.skipped_rows.lines.iter().take(10).map(u64::to_string).collect();
        let more = if report.skipped_rows.count > lines.len() { ", …" } else { "" };
        notes.push(format!(
            "{} skipped for a wrong number of fields (line {}{more})",
            rows(report.skipped_rows.count),
            lines.join(", ")
        ));
    }
    for column in &report.columns {
        for note in &column.notes {
            notes.push(format!("column '{}': {note}", column.name));
        }
        if column.unfit > 0 {
            notes.push(format!(
                "column '{}': {} that did not fit the chosen type {} made missing",
                column.name,
                values(column.unfit),
                if column.unfit == 1 { "was" } else { "were" }
            ));
        }
    }
    notes
}

fn rows(n: usize) -> String {
    if n == 1 {
        "1 row was".into()
    } else {
        format!("{n} rows were")
    }
}

fn values(n: usize) -> String {
    if n == 1 {
        "1 value".into()
    } else {
        format!("{n} values")
    }
}
