//! The worker's validation jobs beyond one split: k-fold cross-validation, grid search and
//! comparing models. Each checks what the page sent, then runs the engine with progress.

use crate::engine::base::error::{Error, Result};
use crate::engine::base::table::Table;
use crate::engine::learn::{Algorithm, ParamValue, Progress, ProgressFn};
use crate::engine::recipe::Recipe;
use crate::engine::train::{compare, cross_validate, grid_search, TrainOptions};
use crate::worker::protocol::{Answer, MAX_FOLDS};

/// Cross-validates `options` on `folds` folds of `table`.
pub fn cross_validation(
    table: &Table,
    recipe: &Recipe,
    options: &TrainOptions,
    folds: usize,
    progress: &mut ProgressFn,
) -> Result<Answer> {
    check_folds(folds)?;
    let cv = cross_validate(table, recipe, options, folds, &mut Progress::new(progress))?;
    Ok(Answer::CrossValidated(Box::new(cv)))
}

/// Cross-validates every combination of `grid`'s values on `folds` folds.
pub fn grid(
    table: &Table,
    recipe: &Recipe,
    options: &TrainOptions,
    grid: &[(String, Vec<ParamValue>)],
    folds: usize,
    progress: &mut ProgressFn,
) -> Result<Answer> {
    check_folds(folds)?;
    if grid.iter().all(|(_, values)| values.is_empty()) {
        return Err("enter at least one value to try for one hyperparameter, e.g. 1, 10, 100".into());
    }
    let search = grid_search(table, recipe, options, grid, folds, &mut Progress::new(progress))?;
    Ok(Answer::GridSearched(Box::new(search)))
}

/// Trains each of `algorithms` on the same split and ranks them.
pub fn leaderboard(
    table: &Table,
    recipe: &Recipe,
    options: &TrainOptions,
    algorithms: &[Algorithm],
    progress: &mut ProgressFn,
) -> Result<Answer> {
    if algorithms.is_empty() {
        return Err("choose at least one model to compare".into());
    }
    let entries = compare(table, recipe, options, algorithms, &mut Progress::new(progress))?;
    Ok(Answer::Leaderboard { entries })
}

fn check_folds(folds: usize) -> Result<()> {
    if (2..=MAX_FOLDS).contains(&folds) {
        Ok(())
    } else {
        Err(Error::invalid_param(
            "folds",
            format!("the number of folds must be between 2 and {MAX_FOLDS} (it is {folds})"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::learn::Params;
    use crate::worker::protocol::Request;
    use crate::worker::workspace::Workspace;

    fn workspace() -> Workspace {
        let mut w = Workspace::new();
        w.handle(Request::LoadSample { name: "penguins".into() }, Vec::new(), "now").unwrap();
        w
    }

    fn options(algorithm: Algorithm, params: Params) -> TrainOptions {
        TrainOptions {
            target: "species".into(),
            task: None,
            algorithm,
            params,
            test_share: 0.25,
            seed: 42,
            group: None,
        }
    }

    #[test]
    fn cross_validation_reports_mean_and_std_with_progress() {
        let mut w = workspace();
        let mut seen = Vec::new();
        let request = Request::CrossValidate {
            recipe: Recipe::default(),
            options: options(Algorithm::DecisionTree, Params::new().with("max_depth", ParamValue::Integer(3))),
            folds: 5,
        };
        let answer = w.handle_with_progress(request, Vec::new(), "now", &mut |at, _| {
            seen.push(at);
            true
        });
        let Ok(Answer::CrossValidated(cv)) = answer else { panic!("{answer:?}") };
        assert_eq!(cv.folds.len(), 5);
        assert_eq!(cv.params.get("max_depth"), Some(&ParamValue::Integer(3)));
        let accuracy = cv.metrics["accuracy"];
        assert!(accuracy.mean > 0.85 && accuracy.std >= 0.0, "{accuracy:?}");
        assert!(!seen.is_empty() && seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
        let json = serde_json::to_string(&Answer::CrossValidated(cv.clone())).unwrap();
        let Ok(Answer::CrossValidated(back)) = serde_json::from_str::<Answer>(&json) else { panic!("{json}") };
        assert_eq!((back.metrics, back.params), (cv.metrics, cv.params));
    }

    #[test]
    fn grid_search_ranks_combinations_and_checks_values() {
        let mut w = workspace();
        let grid = vec![("k".to_string(), vec![ParamValue::Integer(1), ParamValue::Integer(15)])];
        let request = Request::GridSearch {
            recipe: Recipe::default(),
            options: options(Algorithm::Knn, Params::new()),
            grid,
            folds: 3,
        };
        let Ok(Answer::GridSearched(search)) = w.handle(request.clone(), Vec::new(), "now") else { panic!() };
        assert_eq!(search.points.len(), 2);
        let score = |i: usize| search.points[i].metrics["accuracy"].mean;
        assert!(score(0) >= score(1));
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), request);

        let bad = vec![("k".to_string(), vec![ParamValue::Integer(0)])];
        let request = Request::GridSearch {
            recipe: Recipe::default(),
            options: options(Algorithm::Knn, Params::new()),
            grid: bad,
            folds: 3,
        };
        let e = w.handle(request, Vec::new(), "now").unwrap_err();
        assert!(e.contains("between 1 and"), "{e}");
        let request = Request::CrossValidate {
            recipe: Recipe::default(),
            options: options(Algorithm::Knn, Params::new()),
            folds: 1,
        };
        assert!(w.handle(request, Vec::new(), "now").unwrap_err().contains("between 2 and"));
    }

    #[test]
    fn leaderboard_is_best_first_and_cancel_stops_it() {
        let mut w = workspace();
        let algorithms = vec![Algorithm::Knn, Algorithm::LogisticRegression, Algorithm::DecisionTree];
        let request = Request::CompareModels {
            recipe: Recipe::default(),
            options: options(Algorithm::Knn, Params::new()),
            algorithms,
        };
        let Ok(Answer::Leaderboard { entries }) = w.handle(request.clone(), Vec::new(), "now") else { panic!() };
        assert_eq!(entries.len(), 3);
        assert!(entries.windows(2).all(|e| e[0].metrics["accuracy"] >= e[1].metrics["accuracy"]));
        let e = w.handle_with_progress(request, Vec::new(), "now", &mut |_, _| false).unwrap_err();
        assert_eq!(e, crate::engine::learn::CANCELLED);
    }
}
