//! The bundled sample datasets: what each is, what it teaches, which column to predict, and
//! where it comes from under which licence. The CSV files are in `public/samples/` (with a
//! README and the script that made them); only the worker embeds their text
//! ([`crate::worker::dataset::read_sample`]), so the page's own module stays small.

use crate::engine::learn::Task;

/// One bundled dataset, as the page offers it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    /// The name the page and the worker use (`LoadSample { name }`).
    pub name: &'static str,
    /// The file name the dataset is read as (and shown under).
    pub file: &'static str,
    /// A short title for the chooser.
    pub title: &'static str,
    /// One line on what is in it and what it teaches.
    pub description: &'static str,
    /// The column to predict.
    pub target: &'static str,
    /// The task the target makes (the page infers the same from its type).
    pub task: Task,
    /// Where the data comes from.
    pub source: &'static str,
    pub licence: &'static str,
}

/// Every bundled dataset; the first is loaded by default.
pub const SAMPLES: &[Sample] = &[
    Sample {
        name: "penguins",
        file: "penguins.csv",
        title: "Palmer penguins",
        description: "344 penguins of 3 species on 3 islands, with a few gaps: classes, categories and missing values.",
        target: "species",
        task: Task::Classification,
        source: "Horst, Hill & Gorman, R package palmerpenguins",
        licence: "CC0",
    },
    Sample {
        name: "iris",
        file: "iris.csv",
        title: "Iris flowers",
        description: "150 irises of 3 species measured four ways: the classic first classifier.",
        target: "species",
        task: Task::Classification,
        source: "Fisher (1936), as bundled with scikit-learn",
        licence: "BSD-3-Clause (scikit-learn)",
    },
    Sample {
        name: "wine",
        file: "wine.csv",
        title: "Wine cultivars",
        description: "178 Italian wines, 13 chemical measurements on very different scales: why scaling matters.",
        target: "cultivar",
        task: Task::Classification,
        source: "Forina et al., UCI Wine, as bundled with scikit-learn",
        licence: "BSD-3-Clause (scikit-learn)",
    },
    Sample {
        name: "breast_cancer",
        file: "breast_cancer.csv",
        title: "Breast cancer diagnosis",
        description: "569 tumours described by 10 cell measurements, malignant or benign: two classes, ROC curves.",
        target: "diagnosis",
        task: Task::Classification,
        source: "Wolberg, Street & Mangasarian, Wisconsin Diagnostic Breast Cancer, as bundled with scikit-learn",
        licence: "BSD-3-Clause (scikit-learn)",
    },
    Sample {
        name: "diabetes",
        file: "diabetes.csv",
        title: "Diabetes progression",
        description: "442 patients: age, sex, BMI, blood pressure and six blood tests against disease progression a year later: regression.",
        target: "progression",
        task: Task::Regression,
        source: "Efron, Hastie, Johnstone & Tibshirani (2004), as bundled with scikit-learn",
        licence: "BSD-3-Clause (scikit-learn)",
    },
    Sample {
        name: "grunfeld",
        file: "grunfeld.csv",
        title: "Grunfeld investment",
        description: "11 US firms over 20 years: investment from market value, capital and the firm: regression with a category and skew.",
        target: "invest",
        task: Task::Regression,
        source: "Grunfeld (1950), as bundled with statsmodels",
        licence: "Public domain",
    },
    Sample {
        name: "co2",
        file: "co2.csv",
        title: "Mauna Loa CO₂",
        description: "Weekly CO₂ in the air at Mauna Loa, 1958–2001, with missing weeks: dates, trends and gaps.",
        target: "co2_ppm",
        task: Task::Regression,
        source: "Scripps Institution of Oceanography, as bundled with statsmodels",
        licence: "Public domain",
    },
];

/// The bundled dataset called `name`.
pub fn sample(name: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.name == name)
}

/// The bundled dataset a table read as `file` came from, if it was one: its name is the
/// sample's file name and it was read from no user file.
pub fn sample_read_as(file: &str, user_files: &[String]) -> Option<&'static Sample> {
    user_files.is_empty().then(|| SAMPLES.iter().find(|s| s.file == file)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_files_are_unique() {
        for (i, a) in SAMPLES.iter().enumerate() {
            for b in &SAMPLES[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.file, b.file);
            }
        }
        assert_eq!(SAMPLES[0].name, "penguins", "the default sample stays the penguins");
    }

    #[test]
    fn a_sample_is_found_only_when_no_user_file_was_read() {
        assert_eq!(sample_read_as("iris.csv", &[]).map(|s| s.name), Some("iris"));
        assert_eq!(sample_read_as("iris.csv", &["iris.csv".into()]), None);
        assert_eq!(sample("wine").map(|s| s.target), Some("cultivar"));
    }

    /// Each file reads without a note, and its target makes the task the chooser announces,
    /// so training with the page's automatic task does what the sample promises.
    #[test]
    fn every_sample_reads_and_its_target_makes_its_task() {
        use crate::engine::ingest::IngestOptions;
        use crate::engine::train::infer_task;
        use crate::worker::dataset::read_sample;
        for s in SAMPLES {
            let dataset = read_sample(s.name, &IngestOptions::default()).unwrap_or_else(|e| panic!("{}: {e}", s.name));
            assert_eq!(dataset.table.name, s.file);
            assert!(dataset.table.row_count() >= 150, "{}", s.name);
            assert_eq!(infer_task(&dataset.table, s.target), Ok(s.task), "{}", s.name);
        }
    }
}
