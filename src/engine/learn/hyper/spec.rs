//! The description of one hyperparameter, serializable so that the page can draw a form for
//! any algorithm without knowing it.

use serde::{Deserialize, Serialize};

use super::values::ParamValue;

/// One knob of an algorithm: what it is called, what it does, what it accepts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParamSpec {
    /// The key in parameter maps and after `--param` on the command line, e.g. `"max_depth"`.
    pub name: String,
    /// The name people read, e.g. `"Maximum depth"`.
    pub label: String,
    /// One line on what it changes.
    pub help: String,
    /// The values it accepts.
    pub kind: ParamKind,
    /// The value used when none is given.
    pub default: ParamValue,
    /// When set, the empty value (JSON `null`) is accepted and means this, e.g. `"no limit"`.
    pub empty_means: Option<String>,
    /// The parameter only matters when another one has one of some values.
    pub only_when: Option<Condition>,
}

/// The values a parameter accepts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ParamKind {
    /// A whole number in `min..=max`.
    Integer { min: i64, max: i64 },
    /// A number in `min..=max` (`min` itself excluded when `min_exclusive`).
    Number {
        min: f64,
        max: f64,
        min_exclusive: bool,
    },
    /// One of a few words.
    Choice { choices: Vec<String> },
}

/// "Only when `param` is one of `values`".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub param: String,
    pub values: Vec<String>,
}

impl ParamSpec {
    fn new(name: &str, label: &str, help: &str, kind: ParamKind, default: ParamValue) -> ParamSpec {
        ParamSpec {
            name: name.into(),
            label: label.into(),
            help: help.into(),
            kind,
            default,
            empty_means: None,
            only_when: None,
        }
    }

    /// A whole-number parameter.
    pub fn integer(name: &str, label: &str, help: &str, default: i64, min: i64, max: i64) -> ParamSpec {
        ParamSpec::new(name, label, help, ParamKind::Integer { min, max }, ParamValue::Integer(default))
    }

    /// A number parameter; `min` is allowed unless `min_exclusive`.
    pub fn number(name: &str, label: &str, help: &str, default: f64, range: (f64, f64), min_exclusive: bool) -> ParamSpec {
        let (min, max) = range;
        ParamSpec::new(name, label, help, ParamKind::Number { min, max, min_exclusive }, ParamValue::Number(default))
    }

    /// A choice among `choices`, the first being the default.
    pub fn choice(name: &str, label: &str, help: &str, choices: &[&str]) -> ParamSpec {
        let choices: Vec<String> = choices.iter().map(|c| c.to_string()).collect();
        let default = ParamValue::Text(choices.first().cloned().unwrap_or_default());
        ParamSpec::new(name, label, help, ParamKind::Choice { choices }, default)
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

    /// The same parameter, shown only when `param` has one of `values`.
    pub fn only_when(mut self, param: &str, values: &[&str]) -> ParamSpec {
        self.only_when = Some(Condition {
            param: param.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        });
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
}
