//! What a hyperparameter holds (a bounded number or one of a few words) in the one parameter
//! description ([`crate::engine::base::params::ParamSpec`]), and how typed values are checked
//! against it, on the command line and in the page alike.

use serde::{Deserialize, Serialize};

use super::values::ParamValue;
use crate::engine::base::params::Kind;

/// One knob of an algorithm: what it is called, what it does, what it accepts, its default.
pub type ParamSpec = crate::engine::base::params::ParamSpec<ParamKind>;

/// The values a parameter accepts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ParamKind {
    /// A whole number in `min..=max`.
    Integer { min: i64, max: i64 },
    /// A number in `min..=max` (`min` itself excluded when `min_exclusive`).
    Number { min: f64, max: f64, min_exclusive: bool },
    /// One of a few words.
    Choice { choices: Vec<String> },
}

impl Kind for ParamKind {
    type Default = ParamValue;
}

impl ParamSpec {
    /// A whole-number parameter.
    pub fn integer(name: &str, label: &str, help: &str, default: i64, min: i64, max: i64) -> ParamSpec {
        ParamSpec::with_kind(name, label, help, ParamKind::Integer { min, max }, ParamValue::Integer(default))
    }

    /// A number parameter; `min` is allowed unless `min_exclusive`.
    pub fn number(
        name: &str,
        label: &str,
        help: &str,
        default: f64,
        range: (f64, f64),
        min_exclusive: bool,
    ) -> ParamSpec {
        let (min, max) = range;
        ParamSpec::with_kind(
            name,
            label,
            help,
            ParamKind::Number { min, max, min_exclusive },
            ParamValue::Number(default),
        )
    }

    /// A choice among `choices`, the first being the default.
    pub fn choice(name: &str, label: &str, help: &str, choices: &[&str]) -> ParamSpec {
        let choices: Vec<String> = choices.iter().map(|c| c.to_string()).collect();
        let default = ParamValue::Text(choices.first().cloned().unwrap_or_default());
        ParamSpec::with_kind(name, label, help, ParamKind::Choice { choices }, default)
    }

    /// The same parameter, also accepting the empty value, which means `meaning`; with
    /// `default_empty` the empty value is the default.
    pub fn or_empty(mut self, meaning: &str, default_empty: bool) -> ParamSpec {
        self.empty_means = Some(meaning.into());
        if default_empty {
            self.default = ParamValue::Empty;
        }
        self
    }

    /// `value` checked against this parameter and brought to its kind (a whole number given as
    /// `3.0` becomes `3`, a choice is matched case-insensitively), or why it does not fit.
    pub fn check(&self, value: &ParamValue) -> Result<ParamValue, String> {
        let name = &self.label;
        match (&self.kind, value) {
            (_, ParamValue::Empty) => match &self.empty_means {
                Some(_) => Ok(ParamValue::Empty),
                None => Err(format!("{name} needs a value")),
            },
            (ParamKind::Integer { min, max }, v) => match v.as_number() {
                Some(x) if x.fract() == 0.0 && x >= *min as f64 && x <= *max as f64 => {
                    Ok(ParamValue::Integer(x as i64))
                }
                Some(x) if x.fract() == 0.0 => Err(format!("{name} must be between {min} and {max} (it is {x})")),
                _ => Err(format!("{name} must be a whole number between {min} and {max} (it is {v})")),
            },
            (ParamKind::Number { min, max, min_exclusive }, v) => {
                let low_ok = |x: f64| if *min_exclusive { x > *min } else { x >= *min };
                match v.as_number() {
                    Some(x) if x.is_finite() && low_ok(x) && x <= *max => Ok(ParamValue::Number(x)),
                    _ => {
                        let low = if *min_exclusive { "above" } else { "at least" };
                        Err(format!("{name} must be a number {low} {min} and at most {max} (it is {v})"))
                    }
                }
            }
            (ParamKind::Choice { choices }, v) => {
                let text = v.to_string().to_ascii_lowercase();
                choices
                    .iter()
                    .find(|c| c.to_ascii_lowercase() == text)
                    .map(|c| ParamValue::Text(c.clone()))
                    .ok_or_else(|| format!("{name} must be one of {} (it is {v})", choices.join(", ")))
            }
        }
    }

    /// The value typed in `text`, checked: empty or `none` is the empty value.
    pub fn check_text(&self, text: &str) -> Result<ParamValue, String> {
        self.check(&ParamValue::parse(text))
    }

    /// The values to try typed in `text` ("1, 10, 100"), each checked, without repeats; none
    /// when empty.
    pub fn grid_values(&self, text: &str) -> Result<Vec<ParamValue>, String> {
        let mut values: Vec<ParamValue> = Vec::new();
        for item in text.split([',', ';']).map(str::trim).filter(|t| !t.is_empty()) {
            let value = self.check_text(item)?;
            if !values.contains(&value) {
                values.push(value);
            }
        }
        Ok(values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::learn::{specs, Algorithm, Task};

    fn spec(algorithm: Algorithm, name: &str) -> ParamSpec {
        specs(algorithm, Task::Classification).into_iter().find(|s| s.name == name).unwrap()
    }

    #[test]
    fn texts_are_checked_like_the_engine() {
        let depth = spec(Algorithm::DecisionTree, "max_depth");
        assert_eq!(depth.check_text(""), Ok(ParamValue::Empty));
        assert_eq!(depth.check_text("4"), Ok(ParamValue::Integer(4)));
        assert!(depth.check_text("2.5").unwrap_err().contains("whole number"));
        assert!(depth.check_text("0").unwrap_err().contains("between 1 and"));
        assert_eq!(depth.default.text(), "");
        assert_eq!(ParamValue::Empty.shown(Some(&depth)), "no limit");
        assert_eq!(depth.empty_note().as_deref(), Some("Leave empty for no limit."));
        let c = spec(Algorithm::Svm, "c");
        assert!(c.check_text("").unwrap_err().contains("needs a value"));
        assert_eq!(
            c.grid_values("1, 10,, 100; 10"),
            Ok(vec![ParamValue::Number(1.0), ParamValue::Number(10.0), ParamValue::Number(100.0)])
        );
        assert!(c.grid_values("1, -2").is_err());
        assert_eq!(c.grid_values("  "), Ok(vec![]));
    }

    #[test]
    fn conditions_follow_the_other_fields() {
        let gamma = spec(Algorithm::Svm, "gamma");
        assert!(gamma.applies(|_| "RBF".into()));
        assert!(!gamma.applies(|_| "linear".into()));
        assert!(spec(Algorithm::Svm, "c").applies(|_| String::new()));
    }
}
