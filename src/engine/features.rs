//! From a prepared table to what the learners take: a numeric matrix and class labels.
//!
//! A value the learners cannot take is reported as the user sees it: the input column (a
//! one-hot child `island_Biscoe` is reported as `island`), the data row of the loaded table
//! (not a row of a shuffled split), and the value in short (`1e200`). When a model input is
//! bad because its input column holds an infinity somewhere (a scaling step then makes every
//! row NaN), the infinity is what is named.

use crate::engine::base::error::{Error, Result};
use std::collections::BTreeSet;

use crate::engine::base::format::{a_or_an, short_number};
use crate::engine::base::table::{ColumnData, Table};
use crate::engine::learn::{Features, MAX_MAGNITUDE};

/// Where the rows of a prepared table came from, so that messages name what the user sees.
#[derive(Clone, Copy, Debug)]
pub struct Origin<'a> {
    /// The rows before the recipe.
    pub inputs: &'a Table,
    /// The row of `inputs` behind each row of the recipe's output; `None`: all of them, in order.
    pub rows: Option<&'a [usize]>,
    /// The data row (0-based, in the table the user loaded) of each row of `inputs`; `None`
    /// when `inputs` are the loaded table's rows in order.
    pub data_rows: Option<&'a [usize]>,
}

impl Origin<'_> {
    /// How many rows the recipe gives when it removes none.
    fn row_count(&self) -> usize {
        self.rows.map_or(self.inputs.row_count(), <[usize]>::len)
    }

    /// The row of `inputs` behind row `i` of the recipe's output.
    fn input_row(&self, i: usize) -> usize {
        self.rows.and_then(|rows| rows.get(i).copied()).unwrap_or(i)
    }

    /// "data row N" (1-based) of row `i` of the inputs, or "row N" when the data row is unknown.
    fn data_row(&self, i: usize) -> String {
        match self.data_rows {
            None => format!("data row {}", i + 1),
            Some(rows) => rows.get(i).map_or_else(|| format!("row {}", i + 1), |r| format!("data row {}", r + 1)),
        }
    }

    /// The input column a model input comes from: the one of its name, else the longest
    /// whose name it starts with (`island_Biscoe` → `island`).
    fn input_column(&self, model_input: &str) -> Option<&crate::engine::base::table::Column> {
        self.inputs.column(model_input).or_else(|| {
            model_input
                .char_indices()
                .rev()
                .filter(|&(i, _)| i > 0)
                .find_map(|(i, _)| self.inputs.column(&model_input[..i]))
        })
    }
}

/// The table as a row-major numeric matrix. Every column must be numeric and complete;
/// otherwise the error says which column and row, and which step would fix it.
/// Rows are named "row N" of `table`: use [`feature_matrix_from`] where the data rows are known.
pub fn feature_matrix(table: &Table) -> Result<Features> {
    feature_matrix_from(table, Origin { inputs: table, rows: None, data_rows: Some(&[]) })
}

/// [`feature_matrix`] of `table`, the recipe's output for `origin.inputs`: a bad value is
/// named by its input column and data row.
pub fn feature_matrix_from(table: &Table, origin: Origin) -> Result<Features> {
    let rows = table.row_count();
    let cols = table.column_count();
    if cols == 0 {
        return Err("no input columns are left after the recipe; keep at least one column besides the target".into());
    }
    let mut values = vec![0.0; rows * cols];
    for (j, column) in table.columns.iter().enumerate() {
        let numbers = column.data.to_numbers().ok_or_else(|| {
            let kind = column.column_type().name();
            format!(
                "'{}' is {} {kind} column; a model needs numbers, so encode it (one-hot) or drop it",
                column.name,
                a_or_an(kind)
            )
        })?;
        for (i, x) in numbers.into_iter().enumerate() {
            if !x.is_finite() || x.abs() > MAX_MAGNITUDE {
                return Err(Error::other(bad_value(&column.name, i, x, origin, rows)));
            }
            values[i * cols + j] = x;
        }
    }
    Features::new(rows, cols, values)
}

/// Why model input `name` cannot take `x`, its value in row `i` of the recipe's output
/// (`rows` rows), in terms of the input column and data row.
fn bad_value(name: &str, i: usize, x: f64, origin: Origin, rows: usize) -> String {
    let input = origin.input_column(name);
    if let Some(message) = input.and_then(|input| infinite_in(input, &origin)) {
        // Anywhere in the inputs: a scaling step spreads one infinity over every row.
        return message;
    }
    // The recipe's rows are the input rows one to one unless a step removed some.
    let same_rows = rows == origin.row_count();
    let at = origin.input_row(i);
    let row = if same_rows { origin.data_row(at) } else { format!("row {} left after the recipe", i + 1) };
    let raw = input.filter(|_| same_rows).map(|c| (c.name.as_str(), &c.data));
    let via = |input: &str| if input == name { String::new() } else { format!(" (model input '{name}')") };
    match raw {
        Some((input, data)) if x.is_nan() && data.is_missing(at) => {
            format!("'{input}' is missing in {row}; add an impute step for it (or drop the column)")
        }
        Some((input, data)) if data.number_at(at) == Some(x) => format!(
            "'{input}' is {} in {row}; a model takes numbers within ±1e100, so rescale the column (a log step, another unit) or drop it",
            short_number(x)
        ),
        Some((input, data)) => format!(
            "'{input}' in {row} is {}, which the recipe turns into {}{}; a model takes numbers within ±1e100, so check the steps that change '{input}'",
            shown(data, at),
            short_number(x),
            via(input)
        ),
        None if x.is_nan() => format!("model input '{name}' is missing in {row} after the recipe; add an impute step before the step that makes it"),
        None => format!(
            "model input '{name}' is {} in {row} after the recipe; a model takes numbers within ±1e100, so rescale its inputs",
            short_number(x)
        ),
    }
}

/// Value `i` of `data` as a message shows it: a short number, a quoted label or "missing".
fn shown(data: &ColumnData, i: usize) -> String {
    match (data.number_at(i), data.text_at(i)) {
        (Some(x), _) => short_number(x),
        (None, Some(text)) => format!("'{text}'"),
        (None, None) => "missing".into(),
    }
}

/// "'x' is infinite in data row 200 …" when numeric input column `input` holds an infinity.
fn infinite_in(input: &crate::engine::base::table::Column, origin: &Origin) -> Option<String> {
    let at = first_infinite(&input.data)?;
    Some(format!(
        "'{}' is infinite in {} (a number beyond ±1.8e308, such as 1e309, reads as infinity); correct or clear that value, or drop the column",
        input.name,
        origin.data_row(at)
    ))
}

/// A recipe that failed on `inputs` (whose data rows are `origin`) explained by its root
/// cause when there is one: an infinite value in an input column the failure names
/// (a scaling step cannot learn from it). `None`: the recipe's own message says it best.
pub fn infinite_input_behind(failure: &str, origin: Origin) -> Option<String> {
    origin
        .inputs
        .columns
        .iter()
        .filter(|c| failure.contains(&format!("'{}'", c.name)))
        .find_map(|c| infinite_in(c, &origin))
}

/// The first row holding ±infinity in a numeric column.
fn first_infinite(data: &ColumnData) -> Option<usize> {
    match data {
        ColumnData::Number(_) | ColumnData::Integer(_) => {
            (0..data.len()).find(|&i| data.number_at(i).is_some_and(f64::is_infinite))
        }
        _ => None,
    }
}

/// Checks a numeric target the learners can take, every value finite and within ±1e100;
/// `data_rows` gives the data row (0-based) of each value, for the message.
pub fn check_numeric_target(name: &str, values: &[f64], data_rows: &[usize]) -> Result<()> {
    match values.iter().position(|v| !v.is_finite() || v.abs() > MAX_MAGNITUDE) {
        None => Ok(()),
        Some(at) => {
            let row = data_rows.get(at).map_or_else(|| format!("row {}", at + 1), |r| format!("data row {}", r + 1));
            let value = if values[at].is_infinite() { "infinite".to_string() } else { short_number(values[at]) };
            Err(Error::other(format!(
                "the target '{name}' is {value} in {row}; a model predicts numbers within ±1e100, so correct that value or rescale the column"
            )))
        }
    }
}

/// Class labels (indices into the sorted class names) and the sorted class names.
/// Missing values get label 0; callers remove rows with a missing target first.
pub fn class_labels(data: &ColumnData) -> (Vec<u32>, Vec<String>) {
    let texts: Vec<Option<String>> = (0..data.len()).map(|i| data.text_at(i)).collect();
    let classes: Vec<String> = texts.iter().flatten().cloned().collect::<BTreeSet<_>>().into_iter().collect();
    let labels =
        texts.iter().map(|t| t.as_ref().and_then(|t| classes.binary_search(t).ok()).unwrap_or(0) as u32).collect();
    (labels, classes)
}
