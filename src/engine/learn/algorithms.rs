//! What can be learned (the task) and how (the algorithm).

use serde::{Deserialize, Serialize};

/// The kind of target: classes to tell apart or numbers to estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// Predict one of a few classes.
    Classification,
    /// Predict a number.
    Regression,
}

impl Task {
    /// The lower-case name used in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Task::Classification => "classification",
            Task::Regression => "regression",
        }
    }
}

/// A learning algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Algorithm {
    /// Linear model of class probabilities (classification only).
    LogisticRegression,
    /// One tree of yes/no questions on the features.
    DecisionTree,
    /// Many trees on resampled rows, voting or averaging.
    RandomForest,
    /// Least-squares line through the features (regression only).
    LinearRegression,
}

impl Algorithm {
    /// Every algorithm, in the order they are offered.
    pub const ALL: [Algorithm; 4] = [
        Algorithm::LogisticRegression,
        Algorithm::LinearRegression,
        Algorithm::DecisionTree,
        Algorithm::RandomForest,
    ];

    /// The snake_case name used in files and on the command line, e.g. `"random_forest"`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::LogisticRegression => "logistic_regression",
            Algorithm::DecisionTree => "decision_tree",
            Algorithm::RandomForest => "random_forest",
            Algorithm::LinearRegression => "linear_regression",
        }
    }

    /// The algorithm called `name` (case-insensitive; `-` or a space may stand for `_`).
    pub fn parse(name: &str) -> Option<Algorithm> {
        let wanted = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Algorithm::ALL.into_iter().find(|a| a.name() == wanted)
    }

    /// The name people read, e.g. `"Random forest"`.
    pub fn label(self) -> &'static str {
        match self {
            Algorithm::LogisticRegression => "Logistic regression",
            Algorithm::DecisionTree => "Decision tree",
            Algorithm::RandomForest => "Random forest",
            Algorithm::LinearRegression => "Linear regression",
        }
    }

    /// Whether this algorithm can learn `task`.
    pub fn supports(self, task: Task) -> bool {
        match self {
            Algorithm::LogisticRegression => task == Task::Classification,
            Algorithm::LinearRegression => task == Task::Regression,
            Algorithm::DecisionTree | Algorithm::RandomForest => true,
        }
    }

    /// The algorithms that can learn `task`, in the order they are offered.
    pub fn for_task(task: Task) -> Vec<Algorithm> {
        Algorithm::ALL
            .into_iter()
            .filter(|a| a.supports(task))
            .collect()
    }

    /// The algorithm offered first for `task`: a random forest, which needs no scaling and
    /// copes with non-linear relations.
    pub fn default_for(task: Task) -> Algorithm {
        match task {
            Task::Classification | Task::Regression => Algorithm::RandomForest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Algorithm::ALL {
            assert_eq!(Algorithm::parse(a.name()), Some(a));
            assert_eq!(Algorithm::parse(a.label()), Some(a));
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                format!("\"{}\"", a.name())
            );
        }
        assert_eq!(
            Algorithm::parse("Random-Forest"),
            Some(Algorithm::RandomForest)
        );
        assert_eq!(Algorithm::parse("svm"), None);
        assert_eq!(
            serde_json::to_string(&Task::Regression).unwrap(),
            "\"regression\""
        );
    }

    #[test]
    fn tasks_and_algorithms_agree() {
        assert_eq!(
            Algorithm::for_task(Task::Classification),
            vec![
                Algorithm::LogisticRegression,
                Algorithm::DecisionTree,
                Algorithm::RandomForest
            ]
        );
        assert_eq!(
            Algorithm::for_task(Task::Regression),
            vec![
                Algorithm::LinearRegression,
                Algorithm::DecisionTree,
                Algorithm::RandomForest
            ]
        );
        for task in [Task::Classification, Task::Regression] {
            assert!(Algorithm::default_for(task).supports(task));
        }
    }
}
