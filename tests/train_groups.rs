//! A grouped split (issue 18, "repeated keys"): with a group column, every row of a group is
//! on the same side of the train/test split and in one cross-validation fold, the column is
//! never a model input, older options and model files read unchanged, and `sift train
//! --group COL` does the same from the command line.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use proptest::prelude::*;
use sift::engine::artifact::Artifact;
use sift::engine::base::table::Table;
use sift::engine::ingest::{read_csv, IngestOptions};
use sift::engine::learn::{group_k_folds, grouped_split, Algorithm, Params, Progress, Task};
use sift::engine::recipe::{Recipe, RecipeStep, Step};
use sift::engine::train::{compare, cross_validate, grid_search, train, TrainOptions};

/// A seeded pseudo-random number in [0, 1) for `key`.
fn unit(key: u64) -> f64 {
    let mut z = key.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) as f64 / u64::MAX as f64
}

/// 40 players measured 3 to 8 times each. `score` is the player's own level (unrelated to any
/// input) plus a little noise; `height` is the same for all of a player's rows, so it names the
/// player without saying anything about a new one; `x` is noise. A model can only do well on
/// a player it has already seen: the leak a random split hides. With `grade`, a column that
/// is `score` in two classes (a target to classify).
fn players_csv(grade: bool) -> String {
    let mut csv = String::from(if grade { "player,height,x,score,grade\n" } else { "player,height,x,score\n" });
    for p in 0..40u64 {
        let level = unit(p * 3 + 1);
        let height = 150.0 + 50.0 * unit(p * 3 + 2);
        for visit in 0..(3 + p % 6) {
            let noise = unit(1000 + p * 10 + visit) - 0.5;
            let score = 100.0 * level + 2.0 * noise;
            let grade = match (grade, level > 0.5) {
                (false, _) => "",
                (true, true) => ",high",
                (true, false) => ",low",
            };
            csv.push_str(&format!("p{p:02},{height:.2},{:.3},{score:.3}{grade}\n", unit(5000 + p * 10 + visit)));
        }
    }
    csv
}

fn players() -> Table {
    read_csv("players.csv", players_csv(false).as_bytes(), &IngestOptions::default()).unwrap()
}

fn options(target: &str, algorithm: Algorithm, group: Option<&str>) -> TrainOptions {
    TrainOptions {
        target: target.into(),
        task: None,
        algorithm,
        params: Params::new(),
        test_share: 0.25,
        seed: 7,
        group: group.map(str::to_string),
    }
}

fn r2(metrics: &BTreeMap<String, f64>) -> f64 {
    metrics["r2"]
}

/// Rows `0..groups.len()` split in two: a partition with no group on both sides.
fn assert_groups_whole(groups: &[u32], train: &[usize], test: &[usize]) {
    let mut all: Vec<usize> = train.iter().chain(test).copied().collect();
    all.sort_unstable();
    assert_eq!(all, (0..groups.len()).collect::<Vec<_>>(), "every row once");
    let train_groups: BTreeSet<u32> = train.iter().map(|&i| groups[i]).collect();
    for &i in test {
        assert!(!train_groups.contains(&groups[i]), "group {} is on both sides", groups[i]);
    }
}

proptest! {
    // 64 cases in CI; more with PROPTEST_CASES=5000.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any groups, any labels, any share and seed: no group on both sides, both sides used,
    /// the same split again for the same seed; one group only is refused, never split.
    #[test]
    fn no_group_is_on_both_sides_of_the_split(
        groups in prop::collection::vec(0u32..12, 2..80),
        classes in 1u32..4,
        share in 0.01f64..0.99,
        seed in any::<u64>(),
    ) {
        let labels: Vec<u32> = groups.iter().enumerate().map(|(i, g)| (g + i as u32) % classes).collect();
        let distinct = groups.iter().collect::<BTreeSet<_>>().len();
        for labels in [None, Some(labels.as_slice())] {
            match grouped_split(&groups, labels, share, seed) {
                Ok((train, test)) => {
                    prop_assert!(distinct >= 2);
                    prop_assert!(!train.is_empty() && !test.is_empty());
                    assert_groups_whole(&groups, &train, &test);
                    prop_assert_eq!(grouped_split(&groups, labels, share, seed).unwrap(), (train, test));
                }
                Err(e) => {
                    prop_assert_eq!(distinct, 1);
                    prop_assert!(e.to_string().contains("at least 2 groups"), "{}", e);
                }
            }
        }
    }

    /// Group k-fold: every row tested once, no group in two folds (so never on both sides of
    /// one), no empty fold; fewer groups than folds is refused with both numbers.
    #[test]
    fn group_folds_are_disjoint(
        groups in prop::collection::vec(0u32..15, 2..90),
        k in 2usize..8,
        with_labels in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let labels: Vec<u32> = groups.iter().map(|g| g % 3).collect();
        let labels = with_labels.then_some(labels.as_slice());
        let distinct = groups.iter().collect::<BTreeSet<_>>().len();
        match group_k_folds(&groups, k, labels, seed) {
            Ok(folds) => {
                prop_assert!(distinct >= k);
                prop_assert_eq!(folds.len(), k);
                let mut fold_of_group: BTreeMap<u32, usize> = BTreeMap::new();
                for (f, (train, test)) in folds.iter().enumerate() {
                    prop_assert!(!test.is_empty(), "fold {} is empty", f);
                    assert_groups_whole(&groups, train, test);
                    for &i in test {
                        let first = *fold_of_group.entry(groups[i]).or_insert(f);
                        prop_assert_eq!(first, f, "group {} in two folds", groups[i]);
                    }
                }
                prop_assert_eq!(fold_of_group.len(), distinct);
            }
            Err(e) => {
                prop_assert!(distinct < k);
                let wanted = format!("cannot make {k} folds from {distinct} group");
                prop_assert!(e.to_string().contains(&wanted), "{}", e);
            }
        }
    }
}

/// The leak, measured: a tree that recognises players by their height scores well on a random
/// split (it has seen every player) and has nothing to go on when whole players are held
/// out. Training, cross-validation and comparing models all use the grouped split.
#[test]
fn a_grouped_split_holds_whole_players_out() {
    let t = players();
    let random = train(&t, &Recipe::default(), &options("score", Algorithm::DecisionTree, None), "now").unwrap();
    let grouped =
        train(&t, &Recipe::default(), &options("score", Algorithm::DecisionTree, Some("player")), "now").unwrap();
    let (leaky, honest) = (r2(&random.summary.evaluation.headline()), r2(&grouped.summary.evaluation.headline()));
    assert!(leaky > 0.9, "random split r2 {leaky}");
    assert!(honest < 0.5, "grouped split r2 {honest}");
    // About a quarter of the rows are tested, whole players at a time.
    let rows = t.row_count() as f64;
    let tested = grouped.summary.test_rows as f64 / rows;
    assert!((0.18..0.32).contains(&tested), "{tested}");
    assert_eq!(grouped.summary.train_rows + grouped.summary.test_rows, t.row_count());

    let cv = |group| {
        cross_validate(
            &t,
            &Recipe::default(),
            &options("score", Algorithm::DecisionTree, group),
            5,
            &mut Progress::none(),
        )
        .unwrap()
    };
    assert!(cv(None).metrics["r2"].mean > 0.9);
    let grouped_cv = cv(Some("player"));
    assert!(grouped_cv.metrics["r2"].mean < 0.5, "{:?}", grouped_cv.metrics);
    assert_eq!(grouped_cv.folds.iter().map(|f| f.test_rows).sum::<usize>(), t.row_count());

    let board = |group| {
        compare(
            &t,
            &Recipe::default(),
            &options("score", Algorithm::DecisionTree, group),
            &[Algorithm::DecisionTree],
            &mut Progress::none(),
        )
        .unwrap()
    };
    assert!(r2(&board(None)[0].metrics) > 0.9);
    assert!(r2(&board(Some("player"))[0].metrics) < 0.5);

    let grid = vec![(
        "max_depth".to_string(),
        vec![sift::engine::learn::ParamValue::Integer(3), sift::engine::learn::ParamValue::Integer(10)],
    )];
    let search = grid_search(
        &t,
        &Recipe::default(),
        &options("score", Algorithm::DecisionTree, Some("player")),
        &grid,
        4,
        &mut Progress::none(),
    )
    .unwrap();
    assert!(search.points.iter().all(|p| p.metrics["r2"].mean < 0.5), "{:?}", search.points);
}

/// Classification keeps the classes on both sides without splitting a player.
#[test]
fn a_grouped_classifier_keeps_both_classes_on_each_side() {
    let t = read_csv("players.csv", players_csv(true).as_bytes(), &IngestOptions::default()).unwrap();
    let trained =
        train(&t, &Recipe::default(), &options("grade", Algorithm::DecisionTree, Some("player")), "now").unwrap();
    assert_eq!(trained.summary.task, Task::Classification);
    match &trained.summary.evaluation {
        sift::engine::train::Evaluation::Classification { per_class, .. } => {
            assert!(per_class.iter().all(|c| c.support > 0), "{per_class:?}");
        }
        other => panic!("{other:?}"),
    }
}

/// The group column decides the split only: not a feature, not in the importance, not in the
/// model's expected columns; a file without it predicts, and the model and summary say which
/// column grouped the rows.
#[test]
fn the_group_column_is_not_an_input() {
    let t = players();
    let trained =
        train(&t, &Recipe::default(), &options("score", Algorithm::DecisionTree, Some("player")), "now").unwrap();
    let s = &trained.summary;
    assert!(s.features.iter().all(|f| !f.starts_with("player")), "{:?}", s.features);
    assert!(s.importance.iter().all(|i| i.column != "player"), "{:?}", s.importance);
    assert!(s.added_steps.iter().all(|a| !a.contains("player")), "{:?}", s.added_steps);
    assert_eq!(s.group.as_deref(), Some("player"));
    let artifact = Artifact::from_json(&trained.artifact.to_json().unwrap()).unwrap();
    assert!(artifact.schema.iter().all(|c| c.name != "player"));
    assert_eq!(artifact.split.group.as_deref(), Some("player"));

    let new = read_csv("new.csv", b"height,x\n170.5,0.2\n190.1,0.9\n", &IngestOptions::default()).unwrap();
    assert_eq!(artifact.predict(&new).unwrap().len(), 2);
    // With the column present (as in the training file), it is ignored.
    let same = read_csv("same.csv", b"player,height,x\np99,170.5,0.2\n", &IngestOptions::default()).unwrap();
    assert_eq!(artifact.predict(&same).unwrap().len(), 1);
}

/// Options and model files written before the group column read unchanged, and without a
/// group the JSON has no new field.
#[test]
fn older_options_and_models_read_unchanged() {
    let old = r#"{"target":"score","task":null,"algorithm":"decision_tree","params":{},"test_share":0.25,"seed":7}"#;
    let read: TrainOptions = serde_json::from_str(old).unwrap();
    assert_eq!(read, options("score", Algorithm::DecisionTree, None));
    assert!(!serde_json::to_string(&read).unwrap().contains("group"));
    let grouped: TrainOptions =
        serde_json::from_str(&old.replace("\"seed\":7", "\"seed\":7,\"group\":\"player\"")).unwrap();
    assert_eq!(grouped.group.as_deref(), Some("player"));

    let t = players();
    let trained = train(&t, &Recipe::default(), &options("score", Algorithm::DecisionTree, None), "now").unwrap();
    let json = trained.artifact.to_json().unwrap();
    assert!(!json.contains("\"group\""), "no group field in a model trained without one");
    assert!(Artifact::from_json(&json).unwrap().split.group.is_none());
    assert!(trained.summary.group.is_none());
}

/// Every way a group column can be wrong is a message naming it, never a split that leaks.
#[test]
fn bad_group_columns_are_named() {
    let t = players();
    let fails = |o: &TrainOptions| train(&t, &Recipe::default(), o, "now").err().expect("refused");
    let e = fails(&options("score", Algorithm::DecisionTree, Some("nope")));
    assert!(e.contains("'nope'"), "{e}");
    let e = fails(&options("score", Algorithm::DecisionTree, Some("score")));
    assert!(e.contains("'score' is the target"), "{e}");

    // One group only: nothing to hold out.
    let one =
        read_csv("one.csv", b"team,x,y\na,1,2\na,2,4\na,3,6\na,4,8\na,5,10\n", &IngestOptions::default()).unwrap();
    let mut o = options("y", Algorithm::LinearRegression, Some("team"));
    o.task = Some(Task::Regression);
    let e = train(&one, &Recipe::default(), &o, "now").err().unwrap();
    assert!(e.contains("grouping rows by 'team'") && e.contains("at least 2 groups"), "{e}");

    // Fewer groups than folds.
    let three =
        read_csv("three.csv", b"team,x,y\na,1,2\na,2,4\nb,3,6\nb,4,8\nc,5,10\nc,6,11\n", &IngestOptions::default())
            .unwrap();
    let e = cross_validate(&three, &Recipe::default(), &o, 5, &mut Progress::none()).err().unwrap();
    assert!(
        e.contains("grouping rows by 'team'")
            && e.contains("cannot make 5 folds from 3 groups")
            && e.contains("at most 3 folds"),
        "{e}"
    );
    assert!(cross_validate(&three, &Recipe::default(), &o, 3, &mut Progress::none()).is_ok());

    // A row without a group is named (data rows count from 1).
    let gap = read_csv("gap.csv", b"team,x,y\na,1,2\na,2,4\n,3,6\nb,4,8\nb,5,10\n", &IngestOptions::default()).unwrap();
    let e = train(&gap, &Recipe::default(), &o, "now").err().unwrap();
    assert!(e.contains("'team'") && e.contains("1 row") && e.contains("data row 3"), "{e}");

    // A user's step on the group column could not run once the column is set aside.
    let mut recipe = Recipe::default();
    recipe.steps.push(RecipeStep::new(Step::standard_scale(vec!["height".into(), "player".into()])));
    let e = train(&t, &recipe, &options("score", Algorithm::DecisionTree, Some("player")), "now").err().unwrap();
    assert!(e.contains("step 1") && e.contains("'player'") && e.contains("group"), "{e}");

    // Clustering has no split to group.
    let mut o = options("", Algorithm::Kmeans, Some("player"));
    o.task = Some(Task::Clustering);
    let e = fails(&o);
    assert!(e.contains("'player'") && e.contains("clustering"), "{e}");
}

fn sift(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sift")).args(args).output().expect("sift runs")
}

/// `sift train FILE --target COL --group COL`: the grouped score, the group in the output and
/// the model file, and clear refusals.
#[test]
fn cli_trains_with_a_group_column() {
    let dir = std::env::temp_dir().join(format!("sift-train-groups-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("players.csv");
    std::fs::write(&data, players_csv(false)).unwrap();
    let (data, model) = (data.to_str().unwrap(), dir.join("model.json"));
    let run = |extra: &[&str]| {
        let mut args = vec!["train", data, "--target", "score", "--algorithm", "decision_tree", "--seed", "7"];
        args.extend_from_slice(extra);
        sift(&args)
    };

    let out = run(&["--group", "player", "-o", model.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["group"], "player");
    assert!(printed["metrics"]["r2"].as_f64().unwrap() < 0.5, "{printed}");
    let artifact = Artifact::from_json(&std::fs::read_to_string(&model).unwrap()).unwrap();
    assert_eq!(artifact.split.group.as_deref(), Some("player"));
    assert!(artifact.schema.iter().all(|c| c.name != "player"));

    let out = run(&[]);
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(printed.get("group").is_none());
    assert!(printed["metrics"]["r2"].as_f64().unwrap() > 0.9, "{printed}");

    let out = run(&["--group", "player", "--cv", "5"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(printed["metrics"]["r2"]["mean"].as_f64().unwrap() < 0.5, "{printed}");

    let out = run(&["--group", "player", "--cv", "41"]);
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && e.contains("cannot make 41 folds from 40 groups"), "{e}");
    let out = run(&["--group", "playr"]);
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && e.contains("'playr'"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The page's path: the Train form's options, as JSON through the worker protocol, train with
/// the group column and say so in the summary; validation refuses more folds than groups.
#[test]
fn the_worker_trains_with_the_page_s_group_column() {
    use sift::worker::protocol::{Answer, Request};
    use sift::worker::workspace::Workspace;
    let mut workspace = Workspace::new();
    workspace.handle(Request::LoadSample { name: "penguins".into() }, vec![], "now").unwrap();
    let mut options = options("species", Algorithm::DecisionTree, Some("island"));
    options.test_share = 0.3;
    let sent = |request: Request| serde_json::from_str::<Request>(&serde_json::to_string(&request).unwrap()).unwrap();
    match workspace.handle(sent(Request::Train { recipe: Recipe::default(), options: options.clone() }), vec![], "now")
    {
        Ok(Answer::Trained { summary, .. }) => {
            assert_eq!(summary.group.as_deref(), Some("island"));
            assert!(summary.features.iter().all(|f| !f.starts_with("island")), "{:?}", summary.features);
        }
        other => panic!("{other:?}"),
    }
    let e = workspace
        .handle(sent(Request::CrossValidate { recipe: Recipe::default(), options, folds: 5 }), vec![], "now")
        .err()
        .unwrap();
    assert!(e.contains("grouping rows by 'island'") && e.contains("cannot make 5 folds from 3 groups"), "{e}");
}

/// Whole groups can take a class with them: penguins grouped by island (Chinstraps live only
/// on Dream, Gentoos only on Biscoe), so a class may be on one side only. Every algorithm
/// trains and scores, or says what is wrong; never a panic.
#[test]
fn a_class_held_out_with_its_group_is_no_crash() {
    let bytes = std::fs::read("public/samples/penguins.csv").unwrap();
    let t = read_csv("penguins.csv", &bytes, &IngestOptions::default()).unwrap();
    let mut refused = 0;
    for algorithm in Algorithm::for_task(Task::Classification) {
        for (seed, share) in [(0, 0.25), (1, 0.45), (2, 0.6), (3, 0.8)] {
            let mut o = options("species", algorithm, Some("island"));
            (o.seed, o.test_share) = (seed, share);
            match std::panic::catch_unwind(|| train(&t, &Recipe::default(), &o, "now")) {
                Ok(Ok(trained)) => println!(
                    "{algorithm:?} {share}: {:?} test rows {}",
                    trained.summary.evaluation.main_score(),
                    trained.summary.test_rows
                ),
                Ok(Err(e)) => {
                    assert!(
                        e.contains("grouped by 'island'") && e.contains("smaller test share"),
                        "{algorithm:?} {share}: {e}"
                    );
                    refused += 1;
                }
                Err(_) => panic!("{algorithm:?} {share} panicked"),
            }
        }
    }
    assert!(refused > 0, "a test share of 0.8 leaves one class to train on");
}
