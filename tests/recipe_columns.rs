//! The columns each recipe step sees (columns made by earlier steps can be picked by later
//! ones), the problem of a step whose columns are gone, and the prefix cache the preview
//! uses: whatever was remembered, it gives the same table as fitting the prefix afresh.

use sift::engine::base::table::{Column, ColumnData, ColumnType, Table};
use sift::engine::recipe::{ColumnsAtSteps, FitContext, PrefixCache, Recipe, RecipeStep};
use sift::worker::protocol::{Answer, Request};
use sift::worker::workspace::Workspace;

fn table() -> Table {
    let city = ["Oslo", "Rome", "Oslo", "Lima", "Rome", "Oslo"];
    Table::new(
        "t",
        vec![
            Column::new("x", ColumnData::Number(vec![1.0, f64::NAN, 3.0, 4.0, 10.0, 6.0].into())),
            Column::new("city", ColumnData::Text(city.iter().map(|c| Some(c.to_string())).collect())),
            Column::new(
                "day",
                ColumnData::Date(
                    vec![Some(19_000), Some(19_040), None, Some(19_100), Some(19_200), Some(19_300)].into(),
                ),
            ),
        ],
    )
    .unwrap()
}

fn recipe(json: &str) -> Recipe {
    Recipe::from_json(json).unwrap()
}

const STEPS: &str = r#"{"version": 2, "steps": [
  {"kind": "impute", "columns": ["x"], "strategy": "median", "add_indicator": true},
  {"kind": "one_hot", "columns": ["city"]},
  {"kind": "date_parts", "columns": ["day"], "parts": ["year", "month"]},
  {"kind": "standard_scale", "columns": ["city_Oslo"]},
  {"kind": "one_hot", "columns": ["day_month"]}
]}"#;

fn names(columns: &ColumnsAtSteps, at: usize) -> Vec<&str> {
    columns.before[at].iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn later_steps_see_the_columns_earlier_steps_make() {
    let mut cache = PrefixCache::new();
    cache.set_source(table());
    let columns = cache.columns(&recipe(STEPS), &FitContext::default()).unwrap();
    assert_eq!(columns.before.len(), 6, "one list before each of 5 steps, and one after the last");
    assert_eq!(names(&columns, 0), ["x", "city", "day"]);
    assert!(names(&columns, 1).contains(&"x_was_missing"), "{:?}", names(&columns, 1));
    assert!(names(&columns, 3).contains(&"city_Oslo"));
    let month = columns.before[4].iter().find(|c| c.name == "day_month").expect("date parts made day_month");
    assert!(month.column_type == ColumnType::Integer || month.column_type == ColumnType::Number, "{month:?}");
    assert!(columns.problems.iter().all(Option::is_none), "{:?}", columns.problems);
    assert!(names(&columns, 5).iter().any(|n| n.starts_with("day_month_")), "{:?}", names(&columns, 5));
}

#[test]
fn a_step_whose_columns_are_gone_says_so_and_the_others_still_run() {
    let mut edited = recipe(STEPS);
    edited.steps.remove(1); // the one-hot of city that made city_Oslo
    let mut cache = PrefixCache::new();
    cache.set_source(table());
    let columns = cache.columns(&edited, &FitContext::default()).unwrap();
    let problem = columns.problems[2].as_deref().expect("the scale step names city_Oslo, which no longer exists");
    assert!(problem.contains("'city_Oslo'") && problem.contains("does not exist at this point"), "{problem}");
    assert!(columns.problems[3].is_none(), "the last step still runs: {:?}", columns.problems);
    assert!(names(&columns, 4).iter().any(|n| n.starts_with("day_month_")));
    // Previewing a step after the broken one reports it, as fitting the recipe would.
    let err = cache.table_before(&edited, 3, &FitContext::default()).unwrap_err();
    assert!(err.starts_with("step 3 (") && err.contains("'city_Oslo'"), "{err}");
    // A disabled step is skipped: its problem is shown but blocks nothing.
    edited.steps[2].enabled = false;
    assert!(cache.table_before(&edited, 4, &FitContext::default()).is_ok());
    assert!(cache.columns(&edited, &FitContext::default()).unwrap().problems[2].is_some());
}

#[test]
fn the_cache_gives_the_tables_a_fresh_fit_gives_through_edits() {
    let context = FitContext::default();
    let mut cache = PrefixCache::with_budget(40); // room for about two of these tables
    cache.set_source(table());
    let mut current = recipe(STEPS);
    let check = |cache: &mut PrefixCache, recipe: &Recipe| {
        for end in 0..=recipe.steps.len() {
            let cached = cache.table_before(recipe, end, &context).unwrap();
            let fresh = recipe.table_before(end, table(), &context).unwrap();
            assert_eq!(format!("{cached:?}"), format!("{fresh:?}"), "before step {end}");
        }
    };
    check(&mut cache, &current);
    let (steps, kept) = cache.remembered();
    assert_eq!(steps, 5);
    assert!(kept < 5, "the budget dropped early tables: {kept} kept");
    current.steps[3].enabled = false;
    check(&mut cache, &current);
    current.steps.swap(1, 2);
    check(&mut cache, &current);
    current.steps.push(RecipeStep::new(sift::engine::recipe::Step::drop_columns(vec!["x".into()])));
    check(&mut cache, &current);
}

#[test]
fn an_edit_keeps_what_the_steps_before_it_left() {
    let context = FitContext::default();
    let mut cache = PrefixCache::new();
    cache.set_source(table());
    let mut current = recipe(STEPS);
    cache.columns(&current, &context).unwrap();
    current.steps[4].enabled = false;
    // The table before step 5 is the one remembered: the four steps before it are kept.
    cache.table_before(&current, 4, &context).unwrap();
    assert_eq!(cache.remembered().0, 4, "steps 1 to 4 are still remembered");
    current.steps[0].enabled = false;
    cache.table_before(&current, 1, &context).unwrap();
    assert_eq!(cache.remembered().0, 1, "an edit of step 1 forgets every step after it");
    let other = FitContext { target: Some("x".into()), seed: 7 };
    cache.table_before(&current, 0, &other).unwrap();
    assert_eq!(cache.remembered().0, 0, "another target or seed forgets everything");
}

#[test]
fn the_worker_answers_columns_and_proposes_clusters_on_every_row() {
    let csv = "city,n\nNew York,1\nnew york ,2\nNEW-YORK,3\nNew York,4\nBoston,5\nboston,6\nChicago,7\n";
    let mut workspace = Workspace::new();
    let file = sift::worker::workspace::FileBytes::whole("cities.csv", csv.as_bytes().to_vec());
    workspace
        .handle(Request::LoadFiles { names: vec!["cities.csv".into()], options: Default::default() }, vec![file], "now")
        .unwrap();

    let trim = recipe(r#"{"version": 2, "steps": [{"kind": "one_hot", "columns": ["city"]}]}"#);
    let Answer::Columns(columns) = workspace
        .handle(Request::RecipeColumns { recipe: trim, context: FitContext::default() }, vec![], "now")
        .unwrap()
    else {
        panic!("not a column list")
    };
    assert!(names(&columns, 1).contains(&"city_Boston"), "{:?}", names(&columns, 1));

    let request = Request::ProposeClusters {
        recipe: Recipe::default(),
        index: 0,
        column: "city".into(),
        method: sift::engine::recipe::SpellingKey::Ngram,
        ngram_size: 2,
        context: FitContext::default(),
    };
    let Answer::Clusters(proposal) = workspace.handle(request, vec![], "now").unwrap() else { panic!("not clusters") };
    assert_eq!(proposal.rows, 7);
    let new_york = &proposal.clusters[0];
    assert_eq!(new_york.to, "New York");
    assert_eq!(new_york.values.len(), 3, "{new_york:?}");
    assert_eq!(new_york.values[0].count, 2);
    assert_eq!(proposal.clusters.len(), 2, "New York and Boston: {:?}", proposal.clusters);

    let absent = Request::ProposeClusters {
        recipe: Recipe::default(),
        index: 0,
        column: "town".into(),
        method: sift::engine::recipe::SpellingKey::Fingerprint,
        ngram_size: 2,
        context: FitContext::default(),
    };
    let err = workspace.handle(absent, vec![], "now").unwrap_err();
    assert!(err.contains("town"), "{err}");
}

#[test]
fn the_worker_forgets_what_it_fitted_when_the_data_changes() {
    let file = |name: &str, csv: &str| sift::worker::workspace::FileBytes::whole(name, csv.as_bytes().to_vec());
    let load = |name: &str| Request::LoadFiles { names: vec![name.into()], options: Default::default() };
    let mut workspace = Workspace::new();
    workspace.handle(load("a.csv"), vec![file("a.csv", "x,y\n1,a\n2,b\n")], "now").unwrap();
    let impute = recipe(r#"{"version": 2, "steps": [{"kind": "impute", "columns": ["x"], "strategy": "mean"}]}"#);
    let scale = sift::engine::recipe::Step::standard_scale(vec!["x".into()]);
    let preview = |workspace: &mut Workspace| {
        let request = Request::PreviewStep {
            recipe: impute.clone(),
            index: 1,
            step: scale.clone(),
            context: FitContext::default(),
        };
        let Answer::Preview(p) = workspace.handle(request, vec![], "now").unwrap() else { panic!("not a preview") };
        p.columns[0].before.as_ref().unwrap().first.clone()
    };
    assert_eq!(preview(&mut workspace), [Some("1".to_string()), Some("2".to_string())]);
    // Same columns, same number of rows, other values: the preview must show them.
    workspace.handle(load("b.csv"), vec![file("b.csv", "x,y\n5,a\n7,b\n")], "now").unwrap();
    assert_eq!(preview(&mut workspace), [Some("5".to_string()), Some("7".to_string())]);
    workspace.handle(Request::Activate { index: 0 }, vec![], "now").unwrap();
    assert_eq!(preview(&mut workspace), [Some("1".to_string()), Some("2".to_string())]);
}
