//! The one description of a parameter, for recipe steps and algorithms alike: its name (the
//! JSON field or the key after `--param`), the label and line of help a form shows, what it
//! holds, whether it may be empty, and when it matters. The page draws every parameter of
//! either kind with one form component from this description.
//!
//! What a parameter holds differs: a step's parameters hold columns, numbers, words and lists
//! with their defaults ([`crate::engine::recipe::ParamKind`]); a hyperparameter holds a
//! bounded number or one of a few words ([`crate::engine::learn::ParamKind`]), its default
//! beside it as a [`crate::engine::learn::ParamValue`]. Each is a [`Kind`].

use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// What a parameter holds: the control that edits it, and where its default lives.
pub trait Kind: Clone + Debug + PartialEq + Serialize + DeserializeOwned {
    /// The default kept beside the kind: `()` when the kind holds its own.
    type Default: Clone + Debug + PartialEq + Serialize + DeserializeOwned;
}

/// One parameter of a step or an algorithm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct ParamSpec<K: Kind> {
    /// The step's JSON field, or the key in parameter maps and after `--param`, e.g. `"max_depth"`.
    pub name: String,
    /// The name people read, e.g. `"Maximum depth"`.
    pub label: String,
    /// One line on what it changes.
    pub help: String,
    /// What it holds.
    pub kind: K,
    /// The value used when none is given, when the kind does not hold it.
    pub default: K::Default,
    /// When set, the empty value (JSON `null`) is accepted and means this, e.g. `"no limit"`;
    /// `""` when the help says what it means (a form then labels the parameter "optional").
    pub empty_means: Option<String>,
    /// The parameter only matters when another one has one of some values.
    pub only_when: Option<Condition>,
}

/// "Only when `param` is one of `values`".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub param: String,
    pub values: Vec<String>,
}

/// One option of a choice: `value` is what the JSON holds, `label` what people read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl<K: Kind> ParamSpec<K> {
    /// A parameter with no condition that needs a value.
    pub fn with_kind(name: &str, label: &str, help: &str, kind: K, default: K::Default) -> ParamSpec<K> {
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

    /// Whether the parameter may be empty (JSON `null`).
    pub fn is_optional(&self) -> bool {
        self.empty_means.is_some()
    }

    /// The same parameter, shown only when `param` has one of `values`.
    pub fn only_when(mut self, param: &str, values: &[&str]) -> ParamSpec<K> {
        self.only_when =
            Some(Condition { param: param.into(), values: values.iter().map(|v| v.to_string()).collect() });
        self
    }

    /// Whether the parameter applies, given the text of the others (`text_of_param(name)`): a
    /// parameter shown only when another has some values (compared case-insensitively).
    pub fn applies(&self, text_of_param: impl Fn(&str) -> String) -> bool {
        self.only_when.as_ref().is_none_or(|condition| {
            let value = text_of_param(&condition.param);
            condition.values.iter().any(|v| v.eq_ignore_ascii_case(value.trim()))
        })
    }

    /// The label a form shows: an optional parameter whose help says what empty means is
    /// marked "(optional)".
    pub fn label_line(&self) -> String {
        match self.empty_means.as_deref() {
            Some("") => format!("{} (optional)", self.label),
            _ => self.label.clone(),
        }
    }

    /// What an empty value means, for the help line: "Leave empty for no limit.".
    pub fn empty_note(&self) -> Option<String> {
        self.empty_means.as_ref().filter(|m| !m.is_empty()).map(|meaning| format!("Leave empty for {meaning}."))
    }

    /// The help line a form shows: the help, then what empty means or when it applies.
    pub fn help_line(&self) -> String {
        match (self.empty_note(), &self.only_when) {
            (Some(note), _) => format!("{} {note}", self.help),
            (None, Some(c)) => format!("{} (Only when {} is {}.)", self.help, c.param, c.values.join(" or ")),
            (None, None) => self.help.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    struct Word;

    impl Kind for Word {
        type Default = String;
    }

    #[test]
    fn help_lines_say_what_empty_means_or_when_the_parameter_applies() {
        let plain = ParamSpec::with_kind("kernel", "Kernel", "The shape.", Word, "rbf".to_string());
        assert_eq!(plain.help_line(), "The shape.");
        assert!(!plain.is_optional() && plain.applies(|_| String::new()));
        let gamma = plain.clone().only_when("kernel", &["rbf", "polynomial"]);
        assert_eq!(gamma.help_line(), "The shape. (Only when kernel is rbf or polynomial.)");
        assert!(gamma.applies(|_| " RBF ".into()) && !gamma.applies(|_| "linear".into()));
        let depth = ParamSpec { empty_means: Some("no limit".into()), ..gamma };
        assert_eq!(depth.help_line(), "The shape. Leave empty for no limit.");
        assert!(depth.is_optional() && depth.label_line() == "Kernel");
        let fill = ParamSpec { empty_means: Some(String::new()), ..plain };
        assert_eq!((fill.label_line().as_str(), fill.help_line().as_str()), ("Kernel (optional)", "The shape."));
    }
}
