//! A warm-up before the worker says it is ready: it opens a small made-up file through the
//! same path as a person's file, then forgets it. A browser compiles a WebAssembly function
//! when it is first called (the whole function, however much was inlined into it) and
//! optimizes it only after it has run a while, never in the middle of a long call. Without
//! the warm-up the first file a person opens would wait ~0.1 s for that compiling and run
//! its first million rows through unoptimized code.

use crate::engine::base::column_bytes;
use crate::engine::ingest::{read_csv, IngestOptions};
use crate::worker::protocol::Request;

/// The made-up file's name.
pub const FILE_NAME: &str = "warm-up.csv";
/// Rows of the made-up file: enough for the browser to optimize the per-cell code.
pub const ROWS: usize = 20_000;

/// The request that opens the made-up file, as the page asks to open a file.
pub fn request() -> Request {
    Request::LoadFiles { names: vec![FILE_NAME.to_string()], options: IngestOptions::default() }
}

/// Hands the made-up file's columns over as the helper worker does (as bytes, and back), so
/// that the browser has optimized that code before a large file's columns arrive.
pub fn hand_over_columns() {
    if let Ok(table) = read_csv(FILE_NAME, table_text(ROWS).as_bytes(), &IngestOptions::default()) {
        table.columns.iter().for_each(|c| drop(column_bytes::decode(&column_bytes::encode(&c.data))));
    }
}

/// `rows` rows of the kinds of columns files have most: an id, numbers with decimals and
/// gaps, integers, two categories, an ISO date and a boolean.
pub fn table_text(rows: usize) -> String {
    const COLORS: [&str; 7] = ["red", "orange", "yellow", "green", "blue", "indigo", "violet"];
    let mut text = String::from("id,price,ratio,quantity,delta,color,city,date,active\n");
    for i in 0..rows {
        let price = if i % 31 == 0 { String::new() } else { format!("{}.{:02}", i * 37 % 1000, i % 100) };
        text.push_str(&format!(
            "{i},{price},0.{:06},{},{},{},city_{:03},20{:02}-{:02}-{:02},{}\n",
            i * 7919 % 1_000_000,
            i * 13 % 10_000,
            i as i64 % 201 - 100,
            COLORS[i % COLORS.len()],
            i * i % 200,
            15 + i % 10,
            1 + i % 12,
            1 + i % 28,
            i % 3 == 0,
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::ColumnType;
    use crate::engine::ingest::slice_for;
    use crate::worker::protocol::Answer;
    use crate::worker::workspace::{FileBytes, Workspace};

    #[test]
    fn the_made_up_file_is_read_in_slices_as_a_large_file_is() {
        let size = table_text(ROWS).len() as u64;
        assert!(size > 2 * slice_for(size) as u64, "{size} bytes would be read whole");
    }

    #[test]
    fn the_made_up_file_opens_with_the_common_column_types() {
        let file = FileBytes::whole(FILE_NAME, table_text(500).into_bytes());
        let Ok(Answer::Dataset(view)) = Workspace::new().handle(request(), vec![file], "") else {
            panic!("not opened")
        };
        let types: Vec<ColumnType> = view.columns.iter().map(|c| c.column_type).collect();
        use ColumnType::*;
        assert_eq!(types, [Integer, Number, Number, Integer, Integer, Category, Category, Date, Boolean]);
        assert_eq!(view.rows, 500);
    }
}
