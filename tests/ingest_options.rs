//! Ingest decisions and the user's overrides: dialect, header, decimal separator, dates,
//! booleans, forced column types, and the report that says what was decided.

use sift::engine::base::dates::parse_iso_date;
use sift::engine::base::table::{ColumnData, ColumnType, Table};
use sift::engine::ingest::{read_csv, read_csv_detailed, IngestOptions, IngestReport, Ingested, RaggedRows};

fn with(text: &str, options: &IngestOptions) -> Ingested {
    read_csv_detailed("t.csv", text.as_bytes(), options).unwrap_or_else(|e| panic!("{e}"))
}

fn read(text: &str) -> Ingested {
    with(text, &IngestOptions::default())
}

fn types(t: &Table) -> Vec<ColumnType> {
    t.columns.iter().map(|c| c.column_type()).collect()
}

fn texts(t: &Table, column: usize) -> Vec<Option<String>> {
    (0..t.row_count()).map(|r| t.columns[column].data.text_at(r)).collect()
}

#[test]
fn booleans_and_zero_one_integers() {
    let t = read("a,b,c,d\nyes,Y,t,0\nNo,n,F,1\nYES,y,T,1\n").table;
    use ColumnType::*;
    assert_eq!(types(&t), [Boolean, Boolean, Boolean, Integer]);
    assert_eq!(t.columns[0].data, ColumnData::Boolean(vec![Some(true), Some(false), Some(true)]));
}

#[test]
fn numbers_in_their_forms() {
    let t = read("plus,exp,pct,grouped\n+1,1e3,12%,\"1,234\"\n-2,-2.5E-2,-3.5 %,\"12,345,678\"\n").table;
    assert_eq!(t.columns[0].data, ColumnData::Integer(vec![Some(1), Some(-2)].into()));
    assert_eq!(t.columns[1].data, ColumnData::Number(vec![1000.0, -0.025].into()));
    assert_eq!(t.columns[2].data, ColumnData::Number(vec![12.0, -3.5].into()));
    assert_eq!(t.columns[3].data, ColumnData::Integer(vec![Some(1234), Some(12_345_678)].into()));
    // A value without % among percents keeps the column as text.
    assert_eq!(read("p\n12%\n13\n14%\n").table.columns[0].column_type(), ColumnType::Text);
}

#[test]
fn decimal_comma_is_decided_per_file_and_can_be_overridden() {
    let i = read("a;b\n1,5;1.234,5\n2,25;7\n");
    assert_eq!(i.report.decimal_separator.value, ',');
    assert_eq!(i.table.columns[0].data, ColumnData::Number(vec![1.5, 2.25].into()));
    assert_eq!(i.table.columns[1].data, ColumnData::Number(vec![1234.5, 7.0].into()));
    // In a decimal-point file 1,234 is one thousand two hundred and thirty-four.
    assert_eq!(read("a,b\n\"1,234\",0.5\n").table.columns[0].data, ColumnData::Integer(vec![Some(1234)].into()));
    let options = IngestOptions { decimal_comma: Some(false), ..IngestOptions::default() };
    let i = with("a;b\n1,5;x\n2,25;y\n", &options);
    assert_eq!((i.report.decimal_separator.value, i.report.decimal_separator.detected), ('.', false));
    assert_eq!(i.table.columns[0].column_type(), ColumnType::Text);
}

#[test]
fn dates_in_every_order() {
    let iso = |s: &str| parse_iso_date(s);
    let i = read("iso,dmy,mdy,dots,ymd_slash\n2024-01-31,31/01/2024,01/31/2024,31.01.2024,2024/01/31\n2024-02-05,5/2/2024,2/5/2024,5.2.2024,2024/2/5\n");
    assert!(types(&i.table).iter().all(|&t| t == ColumnType::Date), "{:?}", types(&i.table));
    for c in 0..5 {
        assert_eq!(
            i.table.columns[c].data,
            ColumnData::Date(vec![iso("2024-01-31"), iso("2024-02-05")].into()),
            "column {c}"
        );
    }
    assert!(i.report.columns[1].notes[0].contains("day/month"));
    assert!(i.report.columns[2].notes[0].contains("month/day"));
    assert!(i.report.columns[0].notes.is_empty());
    // All days and months ≤ 12: day/month unless the user says otherwise; reported either way.
    let ambiguous = "d\n03/04/2024\n05/06/2024\n";
    let i = read(ambiguous);
    assert_eq!(i.table.columns[0].data, ColumnData::Date(vec![iso("2024-04-03"), iso("2024-06-05")].into()));
    assert!(i.report.columns[0].notes[0].contains("ambiguous"), "{:?}", i.report.columns[0]);
    let i = with(ambiguous, &IngestOptions { day_first: Some(false), ..IngestOptions::default() });
    assert_eq!(i.table.columns[0].data, ColumnData::Date(vec![iso("2024-03-04"), iso("2024-05-06")].into()));
    // Some day-first and some month-first values: not a date column.
    assert_eq!(read("d\n13/01/2024\n01/13/2024\n").table.columns[0].column_type(), ColumnType::Text);
}

#[test]
fn datetimes_in_every_form_convert_to_utc() {
    let day = |s: &str| i64::from(parse_iso_date(s).unwrap()) * 86_400_000;
    let hours = |h: i64| h * 3_600_000;
    let i = read(concat!(
        "iso,space,zoned,dmy,mdy\n",
        "2024-03-05T14:30:00,2024-03-05 14:30,2024-03-05T14:30:00.250Z,05/03/2024 14:30,3/5/2024 2:30 PM\n",
        "2024-03-06T00:00:01,2024-03-06 09:15:30,2024-03-06T10:00+02:00,13/03/2024 09:05:07,12/31/2024 12:00 AM\n",
    ));
    assert!(types(&i.table).iter().all(|&t| t == ColumnType::DateTime), "{:?}", types(&i.table));
    let at = |ms: i64| Some(ms);
    assert_eq!(
        i.table.columns[0].data,
        ColumnData::DateTime(vec![at(day("2024-03-05") + hours(14) + 1_800_000), at(day("2024-03-06") + 1000)].into())
    );
    assert_eq!(
        i.table.columns[1].data,
        ColumnData::DateTime(vec![at(day("2024-03-05") + 52_200_000), at(day("2024-03-06") + 33_330_000)].into())
    );
    assert_eq!(
        i.table.columns[2].data,
        ColumnData::DateTime(vec![at(day("2024-03-05") + 52_200_250), at(day("2024-03-06") + hours(8))].into())
    );
    assert_eq!(
        i.table.columns[3].data,
        ColumnData::DateTime(vec![at(day("2024-03-05") + 52_200_000), at(day("2024-03-13") + 32_707_000)].into())
    );
    assert_eq!(
        i.table.columns[4].data,
        ColumnData::DateTime(vec![at(day("2024-03-05") + 52_200_000), at(day("2024-12-31"))].into())
    );
    assert!(i.report.columns[3].notes[0].contains("day/month"), "{:?}", i.report.columns[3]);
    assert_eq!(texts(&i.table, 2)[1].as_deref(), Some("2024-03-06T08:00:00"));
}

#[test]
fn dates_among_datetimes_are_at_midnight_and_midnights_alone_are_dates() {
    let i = read("t\n2024-01-02T10:30:00+02:00\n2024-01-03\n\n2024-01-04 08:00:01\n");
    assert_eq!(i.table.columns[0].column_type(), ColumnType::DateTime);
    assert_eq!(
        texts(&i.table, 0),
        [Some("2024-01-02T08:30:00".into()), Some("2024-01-03T00:00:00".into()), Some("2024-01-04T08:00:01".into())]
    );
    let i = read("t\n2024-01-02T00:00:00Z\n2024-01-03 00:00\n2024-01-04\n");
    let days = ["2024-01-02", "2024-01-03", "2024-01-04"].map(parse_iso_date);
    assert_eq!(i.table.columns[0].data, ColumnData::Date(days.to_vec().into()));
    assert!(i.report.columns[0].notes.iter().any(|n| n.contains("midnight")), "{:?}", i.report.columns[0]);
    // A datetime in another date order than the rest: text.
    assert_eq!(read("t\n2024-01-02 10:00\n13/01/2024 10:00\n").table.columns[0].column_type(), ColumnType::Text);
}

#[test]
fn a_forced_datetime_type_counts_what_does_not_fit() {
    let options = IngestOptions { column_types: vec![("t".into(), ColumnType::DateTime)], ..IngestOptions::default() };
    let i = with("t\n2024-01-02 10:00\n2024-01-03\nsoon\n\n", &options);
    let day = |s: &str| i64::from(parse_iso_date(s).unwrap()) * 86_400_000;
    assert_eq!(
        i.table.columns[0].data,
        ColumnData::DateTime(vec![Some(day("2024-01-02") + 36_000_000), Some(day("2024-01-03")), None].into())
    );
    assert_eq!((i.report.columns[0].unfit, i.report.columns[0].forced), (1, true));
    assert!(
        i.report.columns[0].notes.iter().any(|n| n.contains("1 value did not fit the type datetime")),
        "{:?}",
        i.report.columns[0]
    );
}

#[test]
fn category_or_text_by_repeats_and_length() {
    let long = "a long free-text comment that goes on for quite a few words and reads like a review";
    let t = read(&format!("c,s\nred,{long}\nblue,{long}\nred,{long}\nblue,{long}\n")).table;
    assert_eq!(types(&t), [ColumnType::Category, ColumnType::Text]);
    // Stray spaces stay visible (the profile flags them); missing tokens are matched trimmed.
    let t = read("c\n a\na \n NA \n a\n").table;
    assert_eq!(texts(&t, 0), [Some(" a".into()), Some("a ".into()), None, Some(" a".into())]);
}

#[test]
fn header_detection() {
    let i = read("1,2.5,2024-01-01\n3,4.5,2024-01-02\n");
    assert!(!i.report.has_header.value);
    assert_eq!(i.table.column_names(), ["column_1", "column_2", "column_3"]);
    assert_eq!(i.table.row_count(), 2);
    // Words over numbers, or any text column: a header.
    assert!(read("x,y\n1,2\n").report.has_header.value);
    assert!(read("country,2020,2021\nFrance,1.5,2.5\nSpain,3,4\n").report.has_header.value);
    assert!(read("only\n").report.has_header.value);
    let options = IngestOptions { has_header: Some(false), ..IngestOptions::default() };
    let i = with("x,y\n1,2\n", &options);
    assert_eq!((i.table.row_count(), i.report.has_header.detected), (2, false));
    assert_eq!(types(&i.table), [ColumnType::Text, ColumnType::Text]);
}

#[test]
fn dialect_and_encoding_overrides() {
    let options = IngestOptions { delimiter: Some(b';'), quote: Some(b'\''), ..IngestOptions::default() };
    let i = with("a,b;c\n'x;y';2\n", &options);
    assert_eq!(i.table.column_names(), ["a,b", "c"]);
    assert_eq!(texts(&i.table, 0), [Some("x;y".into())]);
    assert!(!i.report.delimiter.detected && !i.report.quote.detected);
    let options = IngestOptions { encoding: Some("utf-16le".into()), ..IngestOptions::default() };
    let bytes: Vec<u8> = "a,b\n1,2\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let i = read_csv_detailed("w.csv", &bytes, &options).unwrap();
    assert_eq!((i.report.encoding.value.as_str(), i.report.encoding.detected), ("UTF-16LE", false));
    assert_eq!(i.table.column_names(), ["a", "b"]);
}

#[test]
fn forced_types_make_unfit_values_missing_and_count_them() {
    let options = IngestOptions {
        column_types: vec![
            ("n".into(), ColumnType::Number),
            ("i".into(), ColumnType::Integer),
            ("b".into(), ColumnType::Boolean),
            ("d".into(), ColumnType::Date),
            ("t".into(), ColumnType::Text),
            ("zip".into(), ColumnType::Category),
            ("ghost".into(), ColumnType::Integer),
        ],
        ..IngestOptions::default()
    };
    let i = with("n,i,b,d,t,zip\n1.5,2,1,2024-01-02,1,01234\nx,2.5,no,soon,2,01234\nNA,3.0,maybe,,3,99999\n", &options);
    let t = &i.table;
    use ColumnType::*;
    assert_eq!(types(t), [Number, Integer, Boolean, Date, Text, Category]);
    assert_eq!(t.columns[0].data.clone_with_nan_as(-1.0), ColumnData::Number(vec![1.5, -1.0, -1.0].into()));
    assert_eq!(t.columns[1].data, ColumnData::Integer(vec![Some(2), None, Some(3)].into()));
    assert_eq!(t.columns[2].data, ColumnData::Boolean(vec![Some(true), Some(false), None]));
    assert_eq!(texts(t, 5), [Some("01234".into()), Some("01234".into()), Some("99999".into())]);
    let unfit: Vec<usize> = i.report.columns.iter().map(|c| c.unfit).collect();
    assert_eq!(unfit, [1, 1, 1, 1, 0, 0]);
    assert!(i.report.columns.iter().all(|c| c.forced));
    assert!(i.report.columns[0].notes[0].contains("1 value did not fit the type number"));
    assert!(i.report.notes.iter().any(|n| n.contains("'ghost'")), "{:?}", i.report.notes);
}

trait NanAs {
    fn clone_with_nan_as(&self, x: f64) -> ColumnData;
}

impl NanAs for ColumnData {
    fn clone_with_nan_as(&self, x: f64) -> ColumnData {
        match self {
            ColumnData::Number(v) => ColumnData::Number(v.iter().map(|y| if y.is_nan() { x } else { y }).collect()),
            other => other.clone(),
        }
    }
}

#[test]
fn options_and_report_travel_as_json() {
    let options = IngestOptions {
        encoding: Some("latin1".into()),
        delimiter: Some(b'\t'),
        ragged: RaggedRows::Skip,
        column_types: vec![("x".into(), ColumnType::Date)],
        ..IngestOptions::default()
    };
    let json = serde_json::to_string(&options).unwrap();
    assert_eq!(serde_json::from_str::<IngestOptions>(&json).unwrap(), options);
    assert!(json.contains("\"ragged\":\"skip\""), "{json}");
    // Missing fields take their defaults, so a client can send only what it overrides.
    let partial: IngestOptions = serde_json::from_str(r#"{"delimiter": 59}"#).unwrap();
    assert_eq!(partial, IngestOptions { delimiter: Some(b';'), ..IngestOptions::default() });
    let report = read("a,b\n1,x\n").report;
    let back: IngestReport = serde_json::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
    assert_eq!(back, report);
}

#[test]
fn read_csv_is_the_table_of_read_csv_detailed() {
    let text = "a;b\n1,5;x\n";
    let table = read_csv("t.csv", text.as_bytes(), &IngestOptions::default()).unwrap();
    assert_eq!(table, read(text).table);
}

#[test]
fn excel_sep_line_names_the_delimiter_and_is_skipped() {
    let i = read("sep=;\r\nname;price\r\npen;1,5\r\nink;2,25\r\n");
    assert_eq!(i.table.column_names(), ["name", "price"]);
    assert_eq!(i.table.columns[1].data, ColumnData::Number(vec![1.5, 2.25].into()));
    assert_eq!((i.report.delimiter.value, i.report.delimiter.detected), (b';', true));
    assert!(i.report.notes.iter().any(|n| n.contains("sep=;")), "{:?}", i.report.notes);
    // Lines keep their numbers in the file: the ragged row is on line 4.
    let err = read_csv("t.csv", b"sep=,\na,b\n1,2\n3\n", &IngestOptions::default()).unwrap_err();
    assert!(err.contains("line 4"), "{err}");
    // The user's delimiter wins, and the line is still skipped.
    let i = with("\"sep=|\"\na|b;c\n1|2;3\n", &IngestOptions { delimiter: Some(b';'), ..IngestOptions::default() });
    assert_eq!(i.table.column_names(), ["a|b", "c"]);
    assert!(!i.report.delimiter.detected);
}

#[test]
fn spaces_group_thousands_when_the_whole_column_does() {
    let i = read("a;b;c\n1 234 567,89;12\u{a0}345;1 2\n2 000,5;7;3 4\n");
    assert_eq!(i.report.decimal_separator.value, ',');
    assert_eq!(i.table.columns[0].data, ColumnData::Number(vec![1_234_567.89, 2000.5].into()));
    assert_eq!(i.table.columns[1].data, ColumnData::Integer(vec![Some(12_345), Some(7)].into()));
    assert_eq!(i.table.columns[2].column_type(), ColumnType::Text);
    assert!(i.report.columns[0].notes.iter().any(|n| n.contains("thousands")), "{:?}", i.report.columns[0]);
    let t = read("x\n1\u{202f}234.5\n-12 345 678.25\n").table;
    assert_eq!(t.columns[0].data, ColumnData::Number(vec![1234.5, -12_345_678.25].into()));
    // One value that breaks the groups of three makes the column text.
    assert_eq!(read("x\n1 234\n12 34\n").table.columns[0].column_type(), ColumnType::Text);
}

#[test]
fn utf16_without_a_bom_is_detected_from_its_zero_bytes() {
    let csv = "город,население\nМосква,13010112\nКазань,1308660\nСанкт-Петербург,5601911\n";
    let le: Vec<u8> = csv.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let i = read_csv_detailed("ru.csv", &le, &IngestOptions::default()).unwrap();
    assert_eq!((i.report.encoding.value.as_str(), i.report.encoding.detected), ("UTF-16LE", true));
    assert_eq!(i.table.column_names(), ["город", "население"]);
    assert_eq!(
        i.table.columns[1].data,
        ColumnData::Integer(vec![Some(13_010_112), Some(1_308_660), Some(5_601_911)].into())
    );
    let be: Vec<u8> = csv.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(read_csv_detailed("ru.csv", &be, &IngestOptions::default()).unwrap().report.encoding.value, "UTF-16BE");
}
