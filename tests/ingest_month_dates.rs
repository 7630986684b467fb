//! English month-name dates in CSV files (issue 18): `Jan 1 2000`, `1 January 2000`,
//! `January 1, 2000`, `01-Jan-2000`, `2000-Jan-01`, with or without a weekday, read as the
//! days they name; a column is a date column only when every value is a real date.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde::Deserialize;
use sift::engine::base::dates::{civil_from_days, format_iso_date};
use sift::engine::base::table::{ColumnType, Table};
use sift::engine::ingest::{complete, read_csv_detailed, read_csv_in_slices, IngestOptions, Ingested};

fn read(text: &str) -> Ingested {
    read_csv_detailed("f.csv", text.as_bytes(), &IngestOptions::default()).unwrap()
}

fn texts(t: &Table, column: usize) -> Vec<Option<String>> {
    (0..t.row_count()).map(|row| t.columns[column].data.text_at(row)).collect()
}

/// One column `d` holding `values` (quoted, for the commas), then an integer column.
fn csv(values: &[&str]) -> String {
    let rows: String = values.iter().enumerate().map(|(i, v)| format!("\"{v}\",{i}\n")).collect();
    format!("d,n\n{rows}")
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

#[test]
fn the_forms_of_issue_18_are_read_as_their_days() {
    let values = [
        "Jan 1 2000",
        "1 January 2000",
        "January 1, 2000",
        "jan. 2, 2000",
        "Sept 3 2000",
        "04-Jan-2000",
        "2000-JAN-05",
        "Thu, 6 Jan 2000",
        "January 7th, 2000",
        "",
    ];
    let i = read(&csv(&values));
    assert_eq!(i.table.columns[0].column_type(), ColumnType::Date);
    let expected = [
        "2000-01-01",
        "2000-01-01",
        "2000-01-01",
        "2000-01-02",
        "2000-09-03",
        "2000-01-04",
        "2000-01-05",
        "2000-01-06",
        "2000-01-07",
    ];
    let mut want: Vec<Option<String>> = expected.iter().map(|d| Some(d.to_string())).collect();
    want.push(None);
    assert_eq!(texts(&i.table, 0), want);
    // Month names say which number is the day: no note about the date order.
    assert!(i.report.columns[0].notes.iter().all(|n| !n.contains("date order")), "{:?}", i.report.columns[0].notes);
}

#[test]
fn an_invalid_day_or_a_word_keeps_the_column_as_text() {
    for odd in [
        "Feb 30 2000",
        "Feb 29 2001",
        "Jan 32 2000",
        "Sun, 1 Jan 2000",
        "Jan 2000",
        "Jan 1 00",
        "soon",
        "Janvier 1 2000",
    ] {
        let i = read(&csv(&["Jan 1 2000", odd, "Mar 3 2000"]));
        let t = i.table.columns[0].column_type();
        assert!(matches!(t, ColumnType::Text | ColumnType::Category), "{odd}: {t:?}");
        assert_eq!(texts(&i.table, 0)[1].as_deref(), Some(odd), "{odd}: the value is kept as written");
    }
}

#[test]
fn month_names_join_numeric_dates_in_the_order_the_numbers_need() {
    let i = read(&csv(&["Jan 1 2000", "2000-01-02"]));
    assert_eq!(texts(&i.table, 0), [Some("2000-01-01".into()), Some("2000-01-02".into())]);
    let i = read(&csv(&["Jan 1 2000", "13/02/2000", "03/02/2000"]));
    assert_eq!(i.table.columns[0].column_type(), ColumnType::Date);
    assert_eq!(texts(&i.table, 0)[2].as_deref(), Some("2000-02-03"));
    assert!(i.report.columns[0].notes.iter().any(|n| n.contains("day/month")), "{:?}", i.report.columns[0].notes);
    let i = read(&csv(&["Jan 1 2000", "13/02/2000", "02/13/2000"]));
    assert!(matches!(i.table.columns[0].column_type(), ColumnType::Text | ColumnType::Category));
}

#[test]
fn month_name_datetimes_are_read_with_their_time_and_zone() {
    let values =
        ["Jan 1 2000 10:30", "January 1, 2000, 10:30 PM", "Sat, 01 Jan 2000 10:30:00 +0100", "2000-Jan-02T00:00:00Z"];
    let i = read(&csv(&values));
    assert_eq!(i.table.columns[0].column_type(), ColumnType::DateTime);
    let got = texts(&i.table, 0);
    let want = ["2000-01-01T10:30:00", "2000-01-01T22:30:00", "2000-01-01T09:30:00", "2000-01-02T00:00:00"];
    for (g, w) in got.iter().zip(want) {
        assert!(g.as_deref().is_some_and(|g| g.starts_with(w)), "{g:?} is not {w}");
    }
}

#[test]
fn a_header_over_month_name_dates_is_a_header_and_slices_read_the_same() {
    let mut text = String::from("when,n\n");
    for k in 0..400 {
        let (y, m, d) = civil_from_days(10_000 + k);
        text.push_str(&format!("\"{} {d}, {y}\",{k}\n", MONTHS[m as usize - 1]));
    }
    let whole = read(&text);
    assert!(whole.report.has_header.value);
    assert_eq!(whole.table.column_names(), ["when", "n"]);
    assert_eq!(whole.table.columns[0].column_type(), ColumnType::Date);
    assert_eq!(texts(&whole.table, 0)[0].as_deref(), Some(format_iso_date(10_000).as_str()));
    for slice in [64, 1000] {
        let mut source = text.as_bytes();
        let sliced = complete(read_csv_in_slices(
            "f.csv",
            &mut source,
            (u64::MAX, slice),
            &IngestOptions::default(),
            None,
            &mut |_, _| true,
        ))
        .unwrap();
        assert_eq!(texts(&sliced.table, 0), texts(&whole.table, 0), "slices of {slice} bytes");
    }
}

#[test]
fn a_forced_date_column_reads_month_names() {
    let options = IngestOptions { column_types: vec![("d".into(), ColumnType::Date)], ..IngestOptions::default() };
    let i = read_csv_detailed("f.csv", csv(&["Jan 1 2000", "Feb 30 2000", "03/02/2000"]).as_bytes(), &options).unwrap();
    assert_eq!(texts(&i.table, 0), [Some("2000-01-01".into()), None, Some("2000-02-03".into())]);
}

#[derive(Deserialize)]
struct Expected {
    file: String,
    sift_keeps_text: BTreeMap<String, String>,
    columns: BTreeMap<String, PandasColumn>,
}

#[derive(Deserialize)]
struct PandasColumn {
    written: Vec<Option<String>>,
    pandas: Vec<Option<String>>,
}

/// The fixture's columns against pandas (tests/fixtures/month_dates/expected.py): a column
/// pandas reads in full is a date column of the same days and instants, one it cannot read
/// in full is text, and the columns Sift keeps as text on purpose are named with the reason.
#[test]
fn month_name_dates_match_pandas() {
    let dir = std::path::Path::new("tests/fixtures/month_dates");
    let expected: Expected =
        serde_json::from_str(&std::fs::read_to_string(dir.join("month_dates.expected.json")).unwrap()).unwrap();
    let bytes = std::fs::read(dir.join(&expected.file)).unwrap();
    let table = read_csv_detailed(&expected.file, &bytes, &IngestOptions::default()).unwrap().table;
    assert_eq!(table.column_count(), expected.columns.len());
    let mut dates = 0;
    for (i, column) in table.columns.iter().enumerate() {
        let e = &expected.columns[&column.name];
        let what = format!("column '{}'", column.name);
        let t = column.column_type();
        let read_by_pandas = e.written.iter().zip(&e.pandas).all(|(w, p)| w.is_none() || p.is_some());
        if read_by_pandas && !expected.sift_keeps_text.contains_key(&column.name) {
            assert!(matches!(t, ColumnType::Date | ColumnType::DateTime), "{what}: {t:?}");
            assert_eq!(texts(&table, i), e.pandas, "{what}");
            dates += 1;
        } else {
            assert!(matches!(t, ColumnType::Text | ColumnType::Category), "{what}: {t:?}");
            assert_eq!(texts(&table, i), e.written, "{what}: kept as written");
        }
    }
    assert_eq!(dates, 9, "the date columns of the fixture");
}

/// Writes the day `days` (since 1970-01-01) in form `form` with the month's name.
fn write(days: i32, form: usize, short: bool, weekday: bool) -> String {
    let (y, m, d) = civil_from_days(days);
    let name = MONTHS[m as usize - 1];
    let month = if short { &name[..3] } else { name };
    let date = match form {
        0 => format!("{month} {d} {y}"),
        1 => format!("{month} {d}, {y}"),
        2 => format!("{d} {month} {y}"),
        3 => format!("{d:02}-{month}-{y}"),
        4 => format!("{y}-{month}-{d:02}"),
        _ => format!("{} {d:02} {}", month.to_uppercase(), y),
    };
    if weekday && form != 4 {
        let w = WEEKDAYS[(days + 3).rem_euclid(7) as usize];
        format!("{}, {date}", &w[..3])
    } else {
        date
    }
}

proptest! {
    /// Every form of every day from year 1000 to 9999 reads as that day, in a column of its own.
    #[test]
    fn every_form_reads_as_its_day(days in prop::collection::vec(-354_285i32..=2_932_896, 1..20), form in 0usize..6, short: bool, weekday: bool) {
        let values: Vec<String> = days.iter().map(|&d| write(d, form, short, weekday)).collect();
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        let i = read(&csv(&refs));
        prop_assert_eq!(i.table.columns[0].column_type(), ColumnType::Date, "{:?}", values);
        let want: Vec<Option<String>> = days.iter().map(|&d| Some(format_iso_date(d))).collect();
        prop_assert_eq!(texts(&i.table, 0), want);
    }

    /// A day past the end of its month, or a weekday that is not the date's, anywhere in the
    /// column keeps it as text, every value as written.
    #[test]
    fn one_impossible_value_keeps_the_column_text(days in prop::collection::vec(0i32..40_000, 2..10), at in 0usize..10, m in 0usize..12, wrong_weekday: bool) {
        let mut values: Vec<String> = days.iter().map(|&d| write(d, 2, true, false)).collect();
        let at = at % values.len();
        let (y, _, _) = civil_from_days(days[at]);
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        values[at] = if wrong_weekday {
            let w = WEEKDAYS[(days[at] + 4).rem_euclid(7) as usize];
            format!("{}, {}", &w[..3], write(days[at], 2, true, false))
        } else {
            let past = [32, if leap { 30 } else { 29 }, 32, 31, 32, 31, 32, 32, 31, 32, 31, 32][m];
            format!("{past} {} {y}", MONTHS[m])
        };
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        let i = read(&csv(&refs));
        let t = i.table.columns[0].column_type();
        prop_assert!(matches!(t, ColumnType::Text | ColumnType::Category), "{:?}: {:?}", values, t);
        let want: Vec<Option<String>> = values.iter().cloned().map(Some).collect();
        prop_assert_eq!(texts(&i.table, 0), want);
    }
}
