//! What can be learned (the task) and how (the algorithm).

use serde::{Deserialize, Serialize};

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

/// A learning algorithm. Some serve several tasks (a decision tree classifies and regresses).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Algorithm {
    LogisticRegression,
    LinearRegression,
    Ridge,
    Lasso,
    ElasticNet,
    DecisionTree,
    RandomForest,
    ExtraTrees,
    GradientBoosting,
    Knn,
    Svm,
    NaiveBayes,
    Kmeans,
    Dbscan,
    Agglomerative,
}

impl Algorithm {
    /// Every algorithm, in the order they are offered.
    pub const ALL: [Algorithm; 15] = [
        Algorithm::LogisticRegression,
        Algorithm::LinearRegression,
        Algorithm::Ridge,
        Algorithm::Lasso,
        Algorithm::ElasticNet,
        Algorithm::DecisionTree,
        Algorithm::RandomForest,
        Algorithm::ExtraTrees,
        Algorithm::GradientBoosting,
        Algorithm::Knn,
        Algorithm::Svm,
        Algorithm::NaiveBayes,
        Algorithm::Kmeans,
        Algorithm::Dbscan,
        Algorithm::Agglomerative,
    ];

    /// The snake_case name used in files and on the command line, e.g. `"random_forest"`.
    pub fn name(self) -> &'static str {
        self.describe().0
    }

    /// The name people read, e.g. `"Random forest"`.
    pub fn label(self) -> &'static str {
        self.describe().1
    }

    /// One line on what the algorithm does, for learners.
    pub fn help(self) -> &'static str {
        self.describe().2
    }

    fn describe(self) -> (&'static str, &'static str, &'static str) {
        use Algorithm as A;
        match self {
            A::LogisticRegression => ("logistic_regression", "Logistic regression", "A weighted sum of the features turned into class probabilities; fast and easy to read."),
            A::LinearRegression => ("linear_regression", "Linear regression", "The least-squares straight-line (plane) fit through the features."),
            A::Ridge => ("ridge", "Ridge regression", "Linear regression whose weights are pulled towards zero (L2), steadier with correlated features."),
            A::Lasso => ("lasso", "Lasso", "Linear regression that can set weights to exactly zero (L1), keeping only useful features."),
            A::ElasticNet => ("elastic_net", "Elastic net", "A mix of ridge and lasso penalties on a linear regression."),
            A::DecisionTree => ("decision_tree", "Decision tree", "A tree of yes/no questions on the features; easy to follow, prone to overfit."),
            A::RandomForest => ("random_forest", "Random forest", "Many trees on resampled rows, voting or averaging; strong without tuning."),
            A::ExtraTrees => ("extra_trees", "Extra trees", "Like a random forest, with split points drawn at random; faster, often smoother."),
            A::GradientBoosting => ("gradient_boosting", "Gradient boosting", "Small trees added one by one, each correcting the errors of those before."),
            A::Knn => ("knn", "k-nearest neighbours", "Predicts from the k most similar training rows; scale the features first."),
            A::Svm => ("svm", "Support vector machine", "Finds the widest margin between classes (or around a line), with kernels for curved boundaries."),
            A::NaiveBayes => ("naive_bayes", "Naive Bayes", "Class probabilities from per-feature distributions assumed independent; very fast."),
            A::Kmeans => ("kmeans", "k-means", "Splits rows into k groups around their centres."),
            A::Dbscan => ("dbscan", "DBSCAN", "Finds dense groups of any shape and marks isolated rows as noise."),
            A::Agglomerative => ("agglomerative", "Agglomerative clustering", "Merges the closest rows and groups step by step until n clusters remain."),
        }
    }

    /// The algorithm called `name`: its name or label, case-insensitive, with `-` or a space
    /// for `_`.
    pub fn parse(name: &str) -> Option<Algorithm> {
        let normal = |s: &str| s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let wanted = normal(name);
        Algorithm::ALL
            .into_iter()
            .find(|a| a.name() == wanted || normal(a.label()) == wanted)
    }

    /// Whether this algorithm can learn `task`.
    pub fn supports(self, task: Task) -> bool {
        use Algorithm as A;
        match self {
            A::LogisticRegression | A::NaiveBayes => task == Task::Classification,
            A::LinearRegression
            | A::Ridge
            | A::Lasso
            | A::ElasticNet
            | A::ExtraTrees
            | A::GradientBoosting => task == Task::Regression,
            A::DecisionTree | A::RandomForest | A::Knn | A::Svm => task != Task::Clustering,
            A::Kmeans | A::Dbscan | A::Agglomerative => task == Task::Clustering,
        }
    }

    /// The algorithms that can learn `task`, in the order they are offered.
    pub fn for_task(task: Task) -> Vec<Algorithm> {
        Algorithm::ALL
            .into_iter()
            .filter(|a| a.supports(task))
            .collect()
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
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                format!("\"{}\"", a.name())
            );
            assert!(Task::ALL.iter().any(|&t| a.supports(t)), "{a:?}");
        }
        assert_eq!(
            Algorithm::parse("Random-Forest"),
            Some(Algorithm::RandomForest)
        );
        assert_eq!(Algorithm::parse("svc"), None);
        for t in Task::ALL {
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{}\"", t.name()));
            assert_eq!(Task::parse(t.name()), Some(t));
            assert!(Algorithm::default_for(t).supports(t));
        }
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
                "linear_regression", "ridge", "lasso", "elastic_net", "decision_tree",
                "random_forest", "extra_trees", "gradient_boosting", "knn", "svm"
            ]
        );
        assert_eq!(names(Task::Clustering), ["kmeans", "dbscan", "agglomerative"]);
    }
}
