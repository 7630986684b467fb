//! Property tests of the ingest path: arbitrary bytes and CSV-like text never panic and give
//! well-formed tables, read alone or shared with a partner (the browser's helper worker) the
//! same, and a typed table written by `export::write_csv` reads back the same.
//!
//! 256 cases per property by default (a few seconds); for a long run:
//! `PROPTEST_CASES=20000 cargo test --release --test ingest_properties`.

use proptest::prelude::*;
use sift::engine::export::{write_csv, CsvOptions};
use sift::engine::ingest::{complete, read_csv_detailed, read_csv_in_slices, IngestOptions, RaggedRows};

#[path = "common/local_partner.rs"]
mod local_partner;
use sift::engine::base::table::{Column, ColumnData, ColumnType, Table};

/// Lines as the CSV reader can see them: `\n`, `\r\n` and a lone `\r` each end one.
fn line_count(bytes: &[u8]) -> usize {
    let lone_cr =
        bytes.windows(2).filter(|w| w[0] == b'\r' && w[1] != b'\n').count() + usize::from(bytes.last() == Some(&b'\r'));
    bytes.iter().filter(|&&b| b == b'\n').count() + lone_cr + 1
}

/// Reads with both ragged-row policies; checks the table and report agree.
fn check_well_formed(bytes: &[u8]) -> Result<(), TestCaseError> {
    for ragged in [RaggedRows::Stop, RaggedRows::Skip] {
        let options = IngestOptions { ragged, ..IngestOptions::default() };
        let Ok(ingested) = read_csv_detailed("p.csv", bytes, &options) else { continue };
        let (table, report) = (&ingested.table, &ingested.report);
        let rows = table.row_count();
        prop_assert!(table.columns.iter().all(|c| c.data.len() == rows));
        prop_assert!(table.column_count() >= 1);
        prop_assert!(rows <= line_count(bytes), "{rows} rows from {} lines", line_count(bytes));
        prop_assert_eq!((report.row_count, report.column_count), (rows, table.column_count()));
        prop_assert_eq!(report.columns.len(), table.column_count());
        let mut names = table.column_names();
        names.sort();
        names.dedup();
        prop_assert_eq!(names.len(), table.column_count(), "column names are unique");
    }
    Ok(())
}

fn csvish_bytes() -> impl Strategy<Value = Vec<u8>> {
    let alphabet: Vec<u8> = b",;\t|\"'\n\r abcxyz0129.-+eE%:/#NAT\xe9\xc3\xa9\xff\x00{}[<>".to_vec();
    let bom = prop::sample::select(vec![&b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"]);
    (bom, prop::collection::vec(prop::sample::select(alphabet), 0..600))
        .prop_map(|(bom, body)| [bom, &body[..]].concat())
}

fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,6}",
        "[+-]?[0-9]{1,7}",
        "[+-]?[0-9]{0,4}[.,][0-9]{0,4}(e-?[0-9])?",
        "[0-9]{1,3}([.,][0-9]{3}){0,2}([.,][0-9]{1,2})?",
        "-?[0-9]{1,2}(\\.[0-9])? ?%",
        "(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]([T ][0-2][0-9]:[0-5][0-9](:[0-5][0-9])?Z?)?",
        "[0-3]?[0-9][/.][01]?[0-9][/.](19|20)[0-9]{2}",
        prop::sample::select(vec![
            "",
            "NA",
            "N/A",
            "null",
            "None",
            "#N/A",
            "true",
            "no",
            "Y",
            "f",
            " ",
            "\"q\"\"x\"",
            "\"a,\nb\""
        ])
        .prop_map(str::to_string),
        "\\PC{0,6}",
    ]
}

fn csv_text() -> impl Strategy<Value = String> {
    let delimiter = prop::sample::select(vec![",", ";", "\t", "|"]);
    let newline = prop::sample::select(vec!["\n", "\r\n", "\r"]);
    let rows = prop::collection::vec(prop::collection::vec(field(), 1..7), 0..25);
    (delimiter, newline, rows, any::<bool>()).prop_map(|(d, nl, rows, trailing)| {
        let mut text = String::new();
        for row in rows {
            text.push_str(&row.join(d));
            if trailing {
                text.push_str(d);
            }
            text.push_str(nl);
        }
        text
    })
}

/// A random typed column whose values survive a CSV round trip unchanged.
fn column(rows: usize) -> impl Strategy<Value = ColumnData> {
    let text = "s[a-z0-9 ,'\"\n.\r-]{1,10}";
    prop_oneof![
        prop::collection::vec(prop::option::weighted(0.8, any::<i64>()), rows)
            .prop_map(|v| ColumnData::Integer(v.into())),
        prop::collection::vec(prop::option::weighted(0.8, any::<i8>()), rows)
            .prop_map(|v| ColumnData::Integer(v.into_iter().map(|x| x.map(i64::from)).collect())),
        prop::collection::vec(prop::option::weighted(0.8, any::<f64>().prop_filter("finite", |x| x.is_finite())), rows)
            .prop_map(|v| ColumnData::Number(v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())),
        prop::collection::vec(prop::option::weighted(0.8, -1.0e6..1.0e6f64), rows)
            .prop_map(|v| ColumnData::Number(v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())),
        prop::collection::vec(prop::option::weighted(0.8, any::<bool>()), rows).prop_map(ColumnData::Boolean),
        prop::collection::vec(prop::option::weighted(0.8, -354_285..2_932_896i32), rows)
            .prop_map(|v| ColumnData::Date(v.into())),
        // Datetimes never at midnight (a column of midnights reads back as dates).
        prop::collection::vec(prop::option::weighted(0.8, (-25_567..47_482i64, 1..86_400_000i64)), rows).prop_map(
            |v| ColumnData::DateTime(v.into_iter().map(|x| x.map(|(day, ms)| day * 86_400_000 + ms)).collect())
        ),
        prop::collection::vec(prop::option::weighted(0.8, text), rows).prop_map(ColumnData::Text),
        (prop::collection::vec(text, 1..4), prop::collection::vec(prop::option::weighted(0.8, 0..3u32), rows))
            .prop_map(|(mut levels, codes)| {
                levels.sort();
                levels.dedup();
                let n = levels.len() as u32;
                ColumnData::Category { codes: codes.into_iter().map(|c| c.map(|c| c % n)).collect(), levels }
            }),
    ]
}

fn table() -> impl Strategy<Value = Table> {
    (1usize..30, 2usize..7).prop_flat_map(|(rows, columns)| prop::collection::vec(column(rows), columns)).prop_map(
        |data| {
            let columns = data.into_iter().enumerate().map(|(i, d)| Column::new(format!("c{i}"), d)).collect();
            Table::new("t", columns).unwrap()
        },
    )
}

fn family(t: ColumnType) -> u8 {
    match t {
        ColumnType::Number | ColumnType::Integer => 0,
        ColumnType::Category | ColumnType::Text => 1,
        ColumnType::Boolean => 2,
        ColumnType::Date => 3,
        ColumnType::DateTime => 4,
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..800)) {
        check_well_formed(&bytes)?;
    }

    #[test]
    fn csv_like_bytes_never_panic(bytes in csvish_bytes()) {
        check_well_formed(&bytes)?;
    }

    #[test]
    fn csv_like_text_gives_well_formed_tables(text in csv_text()) {
        check_well_formed(text.as_bytes())?;
    }

    #[test]
    fn csv_like_text_reads_the_same_shared(text in csv_text(), slice in 64usize..400, skip in any::<bool>()) {
        let options = IngestOptions { ragged: if skip { RaggedRows::Skip } else { RaggedRows::Stop }, ..IngestOptions::default() };
        // Against the same slices read alone: a small first slice may sniff another dialect
        // than the whole text would.
        let mut source = text.as_bytes();
        let alone = complete(read_csv_in_slices("f.csv", &mut source, (u64::MAX, slice), &options, None, &mut |_, _| true));
        let mut partner = local_partner::Local::new(text.as_bytes());
        let mut source = text.as_bytes();
        let shared = complete(read_csv_in_slices("f.csv", &mut source, (u64::MAX, slice), &options, Some(&mut partner), &mut |_, _| true));
        // Compared as printed: a missing number is NaN, which equals nothing.
        prop_assert_eq!(format!("{shared:?}"), format!("{alone:?}"), "{:?}", text);
    }

    #[test]
    fn written_tables_read_back_the_same(table in table()) {
        let csv = write_csv(&table, CsvOptions::default()).unwrap();
        let back = read_csv_detailed("t.csv", csv.as_bytes(), &IngestOptions::default())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{csv}")))?
            .table;
        prop_assert_eq!(back.column_names(), table.column_names(), "{}", csv);
        prop_assert_eq!(back.row_count(), table.row_count(), "{}", csv);
        for (a, b) in table.columns.iter().zip(&back.columns) {
            if a.data.missing_count() < a.data.len() {
                prop_assert_eq!(family(a.column_type()), family(b.column_type()), "column {}\n{}", a.name, csv);
            }
            for row in 0..table.row_count() {
                prop_assert_eq!(a.data.text_at(row), b.data.text_at(row), "column {} row {}\n{}", a.name, row, csv);
            }
        }
    }
}
