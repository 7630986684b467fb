//! The before/after preview of a step: affected columns, their statistics and first rows, and
//! how many rows and columns changed.

use sift::engine::base::table::{Column, ColumnData, ColumnType, Table};
use sift::engine::recipe::{
    preview, preview_step, DropMissing, FitContext, ImputeStrategy, MissingRule, Recipe, RecipeStep, Step, PREVIEW_ROWS,
};

fn table() -> Table {
    let x = (0..20).map(|i| if i % 4 == 1 { f64::NAN } else { i as f64 }).collect();
    let c = (0..20).map(|i| (i % 5 != 0).then_some((i % 2) as u32)).collect();
    Table::new(
        "t",
        vec![
            Column::new("x", ColumnData::Number(x)),
            Column::new("c", ColumnData::Category { codes: c, levels: vec!["a".into(), "b".into()] }),
            Column::new("k", ColumnData::Integer((0..20).map(Some).collect())),
        ],
    )
    .unwrap()
}

#[test]
fn imputing_changes_the_gaps_only() {
    let p =
        preview_step(&table(), &Step::impute(vec!["x".into()], ImputeStrategy::Mean), &FitContext::default()).unwrap();
    assert_eq!((p.rows_before, p.rows_after, p.columns_before, p.columns_after), (20, 20, 3, 3));
    assert_eq!(p.rows_changed, 5);
    assert_eq!(p.columns_changed, ["x"]);
    assert_eq!(p.columns.len(), 1);
    let x = &p.columns[0];
    assert_eq!(x.cells_changed, 5);
    let (before, after) = (x.before.as_ref().unwrap(), x.after.as_ref().unwrap());
    assert_eq!((before.missing, after.missing), (5, 0));
    assert!((before.mean.unwrap() - after.mean.unwrap()).abs() < 1e-12, "a mean fill keeps the mean");
    assert_eq!(before.first.len(), PREVIEW_ROWS);
    assert_eq!(before.first[1], None);
    assert!(after.first[1].is_some());
    assert_eq!(after.column_type, ColumnType::Number);
}

#[test]
fn encoding_replaces_a_column_by_new_ones() {
    let p = preview_step(&table(), &Step::one_hot(vec!["c".into()]), &FitContext::default()).unwrap();
    assert_eq!(p.columns_removed, ["c"]);
    assert_eq!(p.columns_added, ["c_a", "c_b"]);
    assert_eq!(p.columns_after, 4);
    let added = p.columns.iter().find(|c| c.name == "c_b").unwrap();
    assert!(added.before.is_none());
    assert_eq!(added.after.as_ref().unwrap().distinct, 2);
    let removed = p.columns.iter().find(|c| c.name == "c").unwrap();
    assert!(removed.after.is_none());
}

#[test]
fn dropping_rows_counts_them_and_shows_the_columns_looked_at() {
    let step = Step::DropMissing(DropMissing { columns: vec!["x".into()], how: MissingRule::Any });
    let p = preview_step(&table(), &step, &FitContext::default()).unwrap();
    assert_eq!((p.rows_before, p.rows_after, p.rows_changed), (20, 15, 5));
    assert_eq!(p.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["x"]);
}

#[test]
fn a_step_is_previewed_after_the_steps_before_it() {
    let recipe = Recipe {
        steps: vec![
            RecipeStep::new(Step::DropMissing(DropMissing { columns: vec![], how: MissingRule::Any })),
            RecipeStep::new(Step::standard_scale(vec!["k".into()])),
        ],
        ..Recipe::default()
    };
    let p = preview(&table(), &recipe, 1, &FitContext::default()).unwrap();
    assert_eq!(p.rows_before, 12, "rows with a gap in x or c are gone before step 2");
    let k = &p.columns[0];
    assert!(k.after.as_ref().unwrap().mean.unwrap().abs() < 1e-12);
    assert!(preview(&table(), &recipe, 5, &FitContext::default()).unwrap_err().contains("no step 6"));
}
