//! Hyperparameter values as the user gives them, and their checking against the catalogue.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::catalogue::specs;
use super::spec::ParamSpec;
use crate::engine::learn::algorithms::{Algorithm, Task};
use crate::engine::learn::error::LearnError;

/// One value: empty (JSON `null`), a whole number, a number or a word.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ParamValue {
    Empty,
    Integer(i64),
    Number(f64),
    Text(String),
}

impl ParamValue {
    /// The value read from command-line text: `none` or nothing is empty, then a whole
    /// number, a number, or else a word.
    pub fn parse(text: &str) -> ParamValue {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("none") || text.eq_ignore_ascii_case("null") {
            ParamValue::Empty
        } else if let Ok(i) = text.parse::<i64>() {
            ParamValue::Integer(i)
        } else if let Ok(x) = text.parse::<f64>() {
            ParamValue::Number(x)
        } else {
            ParamValue::Text(text.to_string())
        }
    }

    /// The value as a number, when it is one.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            ParamValue::Integer(i) => Some(*i as f64),
            ParamValue::Number(x) => Some(*x),
            _ => None,
        }
    }
}

impl ParamValue {
    /// The text a form's field shows for the value (empty for the empty value).
    pub fn text(&self) -> String {
        match self {
            ParamValue::Empty => String::new(),
            other => other.to_string(),
        }
    }

    /// The value for people: the empty value says what it means for `spec`, e.g. "no limit".
    pub fn shown(&self, spec: Option<&ParamSpec>) -> String {
        match (self, spec.and_then(|s| s.empty_means.as_ref())) {
            (ParamValue::Empty, Some(meaning)) => meaning.clone(),
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for ParamValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamValue::Empty => f.write_str("none"),
            ParamValue::Integer(i) => write!(f, "{i}"),
            ParamValue::Number(x) => write!(f, "{x}"),
            ParamValue::Text(t) => f.write_str(t),
        }
    }
}

/// Hyperparameter values by name. Names left out take their defaults; [`Params::resolve`]
/// checks the rest against the algorithm's catalogue.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Params(BTreeMap<String, ParamValue>);

impl Params {
    /// No values: every parameter at its default.
    pub fn new() -> Params {
        Params::default()
    }

    /// Sets `name` to `value`.
    pub fn set(&mut self, name: &str, value: ParamValue) -> &mut Params {
        self.0.insert(name.to_string(), value);
        self
    }

    /// The same values with `name` set to `value`.
    pub fn with(mut self, name: &str, value: ParamValue) -> Params {
        self.set(name, value);
        self
    }

    /// Reads `name=value` (as after `--param` on the command line).
    pub fn set_assignment(&mut self, assignment: &str) -> Result<(), LearnError> {
        let (name, value) = assignment.split_once('=').ok_or_else(|| {
            LearnError::new(format!(
                "'{assignment}' is not a parameter setting; write it as name=value, e.g. max_depth=5"
            ))
        })?;
        self.set(name.trim(), ParamValue::parse(value));
        Ok(())
    }

    /// The value of `name`, if given.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.0.get(name)
    }

    /// The values by name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &ParamValue)> {
        self.0.iter()
    }

    /// Every parameter of `algorithm` for `task`, checked and complete: the given values
    /// brought to their kinds, the others at their defaults. Unknown names and values out of
    /// range are errors that say what is accepted.
    pub fn resolve(&self, algorithm: Algorithm, task: Task) -> Result<Params, LearnError> {
        let specs = specs(algorithm, task);
        if let Some(unknown) = self.0.keys().find(|name| !specs.iter().any(|s| &s.name == *name)) {
            let known: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
            return Err(LearnError::invalid_param(
                unknown.as_str(),
                if known.is_empty() {
                    format!("{} has no parameter '{unknown}' (it has none)", algorithm.label())
                } else {
                    format!("{} has no parameter '{unknown}'; it has: {}", algorithm.label(), known.join(", "))
                },
            ));
        }
        let mut resolved = Params::new();
        for spec in &specs {
            let value = match self.0.get(&spec.name) {
                Some(value) => spec.check(value).map_err(|m| LearnError::invalid_param(&spec.name, m))?,
                None => spec.default.clone(),
            };
            resolved.set(&spec.name, value);
        }
        Ok(resolved)
    }

    /// A whole-number value (0 if absent or empty: call on resolved parameters).
    pub fn int(&self, name: &str) -> i64 {
        self.opt_int(name).unwrap_or(0)
    }

    /// A whole-number value, `None` when empty.
    pub fn opt_int(&self, name: &str) -> Option<i64> {
        self.opt_number(name).map(|x| x as i64)
    }

    /// A count (negative values read as 0).
    pub fn count(&self, name: &str) -> usize {
        usize::try_from(self.int(name)).unwrap_or(0)
    }

    /// A number value (0 if absent or empty).
    pub fn number(&self, name: &str) -> f64 {
        self.opt_number(name).unwrap_or(0.0)
    }

    /// A number value, `None` when empty.
    pub fn opt_number(&self, name: &str) -> Option<f64> {
        self.0.get(name).and_then(ParamValue::as_number)
    }

    /// A word value ("" if absent).
    pub fn text(&self, name: &str) -> &str {
        match self.0.get(name) {
            Some(ParamValue::Text(t)) => t,
            _ => "",
        }
    }
}

impl fmt::Display for Params {
    /// `k=5, weights=distance`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(k, v)| format!("{k}={v}")).collect();
        f.write_str(&parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_parse_and_print() {
        assert_eq!(ParamValue::parse("5"), ParamValue::Integer(5));
        assert_eq!(ParamValue::parse("0.5"), ParamValue::Number(0.5));
        assert_eq!(ParamValue::parse("rbf"), ParamValue::Text("rbf".into()));
        assert_eq!(ParamValue::parse("None"), ParamValue::Empty);
        let json = r#"{"c":1.5,"k":3,"kernel":"rbf","max_depth":null}"#;
        let p: Params = serde_json::from_str(json).unwrap();
        assert_eq!(p.get("max_depth"), Some(&ParamValue::Empty));
        assert_eq!(p.get("k"), Some(&ParamValue::Integer(3)));
        assert_eq!(serde_json::to_string(&p).unwrap(), json);
        assert_eq!(p.to_string(), "c=1.5, k=3, kernel=rbf, max_depth=none");
    }

    #[test]
    fn resolve_fills_defaults_and_normalises() {
        let mut p = Params::new();
        p.set_assignment("kernel=RBF").unwrap();
        p.set_assignment("c=2").unwrap();
        let r = p.resolve(Algorithm::Svm, Task::Classification).unwrap();
        assert_eq!(r.text("kernel"), "rbf");
        assert_eq!(r.get("c"), Some(&ParamValue::Number(2.0)));
        assert_eq!(r.opt_number("gamma"), None);
        assert_eq!(r.int("degree"), 3);
        let t = Params::new().with("max_depth", ParamValue::Number(4.0));
        let r = t.resolve(Algorithm::DecisionTree, Task::Regression).unwrap();
        assert_eq!(r.get("max_depth"), Some(&ParamValue::Integer(4)));
    }

    #[test]
    fn bad_values_say_what_is_accepted() {
        let check = |algorithm, task, name: &str, value: &str| {
            let mut p = Params::new();
            p.set_assignment(&format!("{name}={value}")).unwrap();
            p.resolve(algorithm, task).unwrap_err()
        };
        let e = check(Algorithm::Knn, Task::Classification, "k", "0");
        assert!(e.contains("between 1 and"), "{e}");
        let e = check(Algorithm::Svm, Task::Classification, "c", "0");
        assert!(e.contains("above 0"), "{e}");
        let e = check(Algorithm::Svm, Task::Classification, "kernel", "cubic");
        assert!(e.contains("rbf, linear, polynomial"), "{e}");
        let e = check(Algorithm::Knn, Task::Classification, "k", "2.5");
        assert!(e.contains("whole number"), "{e}");
        let e = check(Algorithm::Knn, Task::Classification, "depth", "2");
        assert!(e.contains("no parameter 'depth'") && e.contains("k, weights"), "{e}");
        let e = check(Algorithm::Knn, Task::Classification, "k", "none");
        assert!(e.contains("needs a value"), "{e}");
        let e = check(Algorithm::Lasso, Task::Regression, "alpha", "nan");
        assert!(e.contains("must be a number"), "{e}");
        assert!(Params::new().set_assignment("k").is_err());
    }
}
