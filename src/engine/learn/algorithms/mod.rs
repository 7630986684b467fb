//! What can be learned (the task) and how (the algorithm).
//!
//! Each algorithm is a unit struct in its own file implementing [`AlgorithmKind`]: its name,
//! label, explanation and tasks ([`About`]), its hyperparameters, how it learns, and the form
//! its fitted models take in a model file ([`StoredModel`]), which predicts. The list below
//! turns them into the [`Algorithm`] enum (`"snake_case"` in JSON), the catalogue of
//! hyperparameters, and the [`Estimator`] enum of fitted models; it also declares each file as
//! a module. Adding an algorithm is one file and one line in the list. Numerical machinery
//! several algorithms share (trees, kernels, solvers) lives in `estimators/`.

mod dispatch;
mod kind;

use serde::{Deserialize, Serialize};

pub use kind::{About, AlgorithmKind, StoredModel};

dispatch::algorithm_list! {
    LogisticRegression(logistic_regression::LogisticRegression),
    LinearRegression(linear_regression::LinearRegression),
    Ridge(ridge::Ridge),
    Lasso(lasso::Lasso),
    ElasticNet(elastic_net::ElasticNet),
    DecisionTree(decision_tree::DecisionTree),
    RandomForest(random_forest::RandomForest),
    ExtraTrees(extra_trees::ExtraTrees),
    GradientBoosting(gradient_boosting::GradientBoosting),
    Knn(knn::Knn),
    Svm(svm::Svm),
    NaiveBayes(naive_bayes::NaiveBayes),
    Kmeans(kmeans::Kmeans),
    Dbscan(dbscan::Dbscan),
    Agglomerative(agglomerative::Agglomerative),
}

/// The kind of learning: classes to tell apart, numbers to estimate, or groups to find.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// Predict one of a few classes.
    Classification,
    /// Predict a number.
    Regression,
    /// Group similar rows, with no target.
    Clustering,
}

impl Task {
    /// Every task, in the order they are offered.
    pub const ALL: [Task; 3] = [Task::Classification, Task::Regression, Task::Clustering];

    /// The lower-case name used in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Task::Classification => "classification",
            Task::Regression => "regression",
            Task::Clustering => "clustering",
        }
    }

    /// The task called `name` (case-insensitive).
    pub fn parse(name: &str) -> Option<Task> {
        let wanted = name.trim().to_ascii_lowercase();
        Task::ALL.into_iter().find(|t| t.name() == wanted)
    }

    /// Whether the task learns from a target column.
    pub fn has_target(self) -> bool {
        self != Task::Clustering
    }
}

impl Algorithm {
    /// The snake_case name used in files and on the command line, e.g. `"random_forest"`.
    pub fn name(self) -> &'static str {
        self.about().name
    }

    /// The name people read, e.g. `"Random forest"`.
    pub fn label(self) -> &'static str {
        self.about().label
    }

    /// One line on what the algorithm does, for learners.
    pub fn help(self) -> &'static str {
        self.about().help
    }

    /// The algorithm called `name`: its name or label, case-insensitive, with `-` or a space
    /// for `_`.
    pub fn parse(name: &str) -> Option<Algorithm> {
        let normal = |s: &str| s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let wanted = normal(name);
        Algorithm::ALL.into_iter().find(|a| a.name() == wanted || normal(a.label()) == wanted)
    }

    /// Whether this algorithm can learn `task`.
    pub fn supports(self, task: Task) -> bool {
        self.about().tasks.contains(&task)
    }

    /// The algorithms that can learn `task`, in the order they are offered.
    pub fn for_task(task: Task) -> Vec<Algorithm> {
        Algorithm::ALL.into_iter().filter(|a| a.supports(task)).collect()
    }

    /// The algorithm offered first for `task`: a random forest for predictions (no scaling
    /// needed, copes with non-linear relations), k-means for clustering.
    pub fn default_for(task: Task) -> Algorithm {
        match task {
            Task::Classification | Task::Regression => Algorithm::RandomForest,
            Task::Clustering => Algorithm::Kmeans,
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
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{}\"", a.name()));
            assert!(Task::ALL.iter().any(|&t| a.supports(t)), "{a:?}");
        }
        assert_eq!(Algorithm::parse("Random-Forest"), Some(Algorithm::RandomForest));
        assert_eq!(Algorithm::parse("svc"), None);
        for t in Task::ALL {
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{}\"", t.name()));
            assert_eq!(Task::parse(t.name()), Some(t));
            assert!(Algorithm::default_for(t).supports(t));
        }
    }

    #[test]
    fn each_algorithm_describes_itself_and_owns_its_stored_kinds() {
        for a in Algorithm::ALL {
            let about = a.about();
            assert!(!about.label.is_empty() && about.help.ends_with('.') && !about.tasks.is_empty(), "{a:?}");
            assert!(!a.stored_kinds().is_empty(), "{a:?}");
        }
        let e = Estimator::read(serde_json::json!({"other": {}})).unwrap_err();
        assert!(
            e.starts_with(
                "at estimator: unknown variant `other`, expected one of `logistic_regression`, `linear_regression`"
            ),
            "{e}"
        );
        assert_eq!(e.matches("`penalized`").count(), 1, "{e}");
        let e = Estimator::read(serde_json::json!({"penalized": {"algorithm": "ridge"}})).unwrap_err();
        assert_eq!(e, "at estimator.penalized: missing field `model`");
    }

    #[test]
    fn the_issue_names_each_task_s_algorithms() {
        let names = |t| Algorithm::for_task(t).iter().map(|a| a.name()).collect::<Vec<_>>();
        assert_eq!(
            names(Task::Classification),
            ["logistic_regression", "decision_tree", "random_forest", "knn", "svm", "naive_bayes"]
        );
        assert_eq!(
            names(Task::Regression),
            [
                "linear_regression",
                "ridge",
                "lasso",
                "elastic_net",
                "decision_tree",
                "random_forest",
                "extra_trees",
                "gradient_boosting",
                "knn",
                "svm"
            ]
        );
        assert_eq!(names(Task::Clustering), ["kmeans", "dbscan", "agglomerative"]);
    }
}
