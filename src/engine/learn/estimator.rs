//! The smartcore models behind a `Model`: one per (task, algorithm) pair, how each is
//! trained from the hyperparameters, and how each predicts.

use serde::{Deserialize, Serialize};
use smartcore::api::Predictor;
use smartcore::ensemble::random_forest_classifier::{
    RandomForestClassifier, RandomForestClassifierParameters,
};
use smartcore::ensemble::random_forest_regressor::{
    RandomForestRegressor, RandomForestRegressorParameters,
};
use smartcore::error::Failed;
use smartcore::linalg::basic::arrays::Array;
use smartcore::linalg::basic::matrix::DenseMatrix;
use smartcore::linear::linear_regression::{
    LinearRegression, LinearRegressionParameters, LinearRegressionSolverName,
};
use smartcore::linear::logistic_regression::{LogisticRegression, LogisticRegressionParameters};
use smartcore::tree::decision_tree_classifier::{
    DecisionTreeClassifier, DecisionTreeClassifierParameters, SplitCriterion,
};
use smartcore::tree::decision_tree_regressor::{
    DecisionTreeRegressor, DecisionTreeRegressorParameters,
};

use super::algorithms::Algorithm;
use super::data::Target;
use super::error::LearnError;
use super::params::Hyperparameters;

pub(super) type Matrix = DenseMatrix<f64>;

/// One smartcore model per (task, algorithm) pair. Class labels are `u32` indices.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Estimator {
    LogisticRegression(LogisticRegression<f64, u32, Matrix, Vec<u32>>),
    DecisionTreeClassifier(DecisionTreeClassifier<f64, u32, Matrix, Vec<u32>>),
    RandomForestClassifier(RandomForestClassifier<f64, u32, Matrix, Vec<u32>>),
    LinearRegression(LinearRegression<f64, f64, Matrix, Vec<f64>>),
    DecisionTreeRegressor(DecisionTreeRegressor<f64, f64, Matrix, Vec<f64>>),
    RandomForestRegressor(RandomForestRegressor<f64, f64, Matrix, Vec<f64>>),
}

/// A fitted smartcore model seen through what it predicts.
pub(super) enum Fitted<'a> {
    Classes(&'a dyn Predictor<Matrix, Vec<u32>>),
    Values(&'a dyn Predictor<Matrix, Vec<f64>>),
}

impl Estimator {
    /// Trains `algorithm` on checked inputs (see `check_training`); `seed` drives every
    /// random choice.
    pub(super) fn fit(
        algorithm: Algorithm,
        params: &Hyperparameters,
        seed: u64,
        x: &Matrix,
        y: &Target,
    ) -> Result<Estimator, LearnError> {
        let failed = |e: Failed| {
            LearnError::new(format!(
                "{} could not be trained on these rows: {e}",
                algorithm.label()
            ))
        };
        let estimator = match y {
            Target::Classes { labels, .. } => fit_classifier(algorithm, params, seed, x, labels),
            Target::Values(values) => fit_regressor(algorithm, params, seed, x, values),
        }
        .map_err(failed)?;
        check_finite(&estimator, algorithm)?;
        Ok(estimator)
    }

    /// The algorithm behind the model, and the model as a predictor.
    pub(super) fn parts(&self) -> (Algorithm, Fitted<'_>) {
        use Algorithm as A;
        match self {
            Estimator::LogisticRegression(m) => (A::LogisticRegression, Fitted::Classes(m)),
            Estimator::DecisionTreeClassifier(m) => (A::DecisionTree, Fitted::Classes(m)),
            Estimator::RandomForestClassifier(m) => (A::RandomForest, Fitted::Classes(m)),
            Estimator::LinearRegression(m) => (A::LinearRegression, Fitted::Values(m)),
            Estimator::DecisionTreeRegressor(m) => (A::DecisionTree, Fitted::Values(m)),
            Estimator::RandomForestRegressor(m) => (A::RandomForest, Fitted::Values(m)),
        }
    }
}

fn fit_classifier(
    algorithm: Algorithm,
    p: &Hyperparameters,
    seed: u64,
    x: &Matrix,
    y: &[u32],
) -> Result<Estimator, Failed> {
    let y = y.to_vec();
    Ok(match algorithm {
        Algorithm::LogisticRegression => {
            let params = LogisticRegressionParameters::default().with_alpha(p.alpha);
            Estimator::LogisticRegression(LogisticRegression::fit(x, &y, params)?)
        }
        Algorithm::DecisionTree => {
            let params = DecisionTreeClassifierParameters {
                criterion: SplitCriterion::Gini,
                max_depth: smartcore_depth(p.max_depth),
                min_samples_leaf: p.min_samples_leaf,
                min_samples_split: p.min_samples_split,
                seed: Some(seed),
            };
            Estimator::DecisionTreeClassifier(DecisionTreeClassifier::fit(x, &y, params)?)
        }
        Algorithm::LinearRegression => {
            return Err(Failed::fit("linear regression cannot classify"))
        }
        Algorithm::RandomForest => {
            let params = RandomForestClassifierParameters {
                criterion: SplitCriterion::Gini,
                max_depth: smartcore_depth(p.max_depth),
                min_samples_leaf: p.min_samples_leaf,
                min_samples_split: p.min_samples_split,
                n_trees: p.n_trees,
                m: p.max_features,
                keep_samples: false,
                seed,
            };
            Estimator::RandomForestClassifier(RandomForestClassifier::fit(x, &y, params)?)
        }
    })
}

fn fit_regressor(
    algorithm: Algorithm,
    p: &Hyperparameters,
    seed: u64,
    x: &Matrix,
    y: &[f64],
) -> Result<Estimator, Failed> {
    let y = y.to_vec();
    Ok(match algorithm {
        Algorithm::LogisticRegression => {
            return Err(Failed::fit("logistic regression cannot regress"))
        }
        Algorithm::LinearRegression => {
            let params =
                LinearRegressionParameters::default().with_solver(LinearRegressionSolverName::SVD);
            Estimator::LinearRegression(LinearRegression::fit(x, &y, params)?)
        }
        Algorithm::DecisionTree => {
            let params = DecisionTreeRegressorParameters {
                max_depth: smartcore_depth(p.max_depth),
                min_samples_leaf: p.min_samples_leaf,
                min_samples_split: p.min_samples_split,
                seed: Some(seed),
            };
            Estimator::DecisionTreeRegressor(DecisionTreeRegressor::fit(x, &y, params)?)
        }
        Algorithm::RandomForest => {
            let params = RandomForestRegressorParameters {
                max_depth: smartcore_depth(p.max_depth),
                min_samples_leaf: p.min_samples_leaf,
                min_samples_split: p.min_samples_split,
                n_trees: usize::from(p.n_trees),
                m: p.max_features,
                keep_samples: false,
                seed,
            };
            Estimator::RandomForestRegressor(RandomForestRegressor::fit(x, &y, params)?)
        }
    })
}

/// smartcore counts the root as level 1, so its depth is one more than scikit-learn's.
fn smartcore_depth(max_depth: Option<u16>) -> Option<u16> {
    max_depth.map(|d| d.saturating_add(1))
}

/// Linear models can diverge to infinities or NaN, which JSON cannot hold.
fn check_finite(estimator: &Estimator, algorithm: Algorithm) -> Result<(), LearnError> {
    let finite = |m: &Matrix| m.iterator(0).all(|v| v.is_finite());
    let ok = match estimator {
        Estimator::LogisticRegression(model) => {
            finite(model.coefficients()) && finite(model.intercept())
        }
        Estimator::LinearRegression(model) => {
            finite(model.coefficients()) && finite(model.intercept_matrix())
        }
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(LearnError::new(format!(
            "{} did not converge on these rows (its weights became infinite); scale the features or choose another algorithm",
            algorithm.label()
        )))
    }
}
