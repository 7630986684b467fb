//! Hyperparameter text as typed on the page, read and checked against the engine's
//! description of the parameter before anything is sent (the worker checks again).

use crate::worker::protocol::{ParamSpec, ParamValue};

/// The text a field shows for `value` (empty for the empty value).
pub fn text_of(value: &ParamValue) -> String {
    match value {
        ParamValue::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The value typed in `text` for `spec`, checked: empty or `none` is the empty value.
pub fn checked(spec: &ParamSpec, text: &str) -> Result<ParamValue, String> {
    spec.check(&ParamValue::parse(text))
}

/// Whether `spec` applies, given the text of the others (`text_of_param(name)`): a
/// parameter shown only when another has some values.
pub fn applies(spec: &ParamSpec, text_of_param: impl Fn(&str) -> String) -> bool {
    spec.only_when.as_ref().is_none_or(|condition| {
        let value = text_of_param(&condition.param);
        condition
            .values
            .iter()
            .any(|v| v.eq_ignore_ascii_case(value.trim()))
    })
}

/// The values to try typed in `text` ("1, 10, 100"), each checked; none when empty.
pub fn grid_values(spec: &ParamSpec, text: &str) -> Result<Vec<ParamValue>, String> {
    let mut values: Vec<ParamValue> = Vec::new();
    for item in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let value = checked(spec, item)?;
        if !values.contains(&value) {
            values.push(value);
        }
    }
    Ok(values)
}

/// What an empty value means for `spec`, e.g. "no limit".
pub fn empty_note(spec: &ParamSpec) -> Option<String> {
    spec.empty_means
        .as_ref()
        .map(|meaning| format!("Leave empty for {meaning}."))
}

/// `value` for people: the empty value says what it means.
pub fn shown(spec: Option<&ParamSpec>, value: &ParamValue) -> String {
    match (value, spec.and_then(|s| s.empty_means.as_ref())) {
        (ParamValue::Empty, Some(meaning)) => meaning.clone(),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worker::protocol::{hyperparameters, Algorithm, Task};

    fn spec(algorithm: Algorithm, name: &str) -> ParamSpec {
        hyperparameters(algorithm, Task::Classification)
            .into_iter()
            .find(|s| s.name == name)
            .unwrap()
    }

    #[test]
    fn texts_are_checked_like_the_engine() {
        let depth = spec(Algorithm::DecisionTree, "max_depth");
        assert_eq!(checked(&depth, ""), Ok(ParamValue::Empty));
        assert_eq!(checked(&depth, "4"), Ok(ParamValue::Integer(4)));
        assert!(checked(&depth, "2.5").unwrap_err().contains("whole number"));
        assert!(checked(&depth, "0").unwrap_err().contains("between 1 and"));
        assert_eq!(text_of(&depth.default), "");
        assert_eq!(shown(Some(&depth), &ParamValue::Empty), "no limit");
        assert_eq!(
            empty_note(&depth).as_deref(),
            Some("Leave empty for no limit.")
        );
        let c = spec(Algorithm::Svm, "c");
        assert!(checked(&c, "").unwrap_err().contains("needs a value"));
        assert_eq!(
            grid_values(&c, "1, 10,, 100; 10"),
            Ok(vec![
                ParamValue::Number(1.0),
                ParamValue::Number(10.0),
                ParamValue::Number(100.0)
            ])
        );
        assert!(grid_values(&c, "1, -2").is_err());
        assert_eq!(grid_values(&c, "  "), Ok(vec![]));
    }

    #[test]
    fn conditions_follow_the_other_fields() {
        let gamma = spec(Algorithm::Svm, "gamma");
        assert!(applies(&gamma, |_| "RBF".into()));
        assert!(!applies(&gamma, |_| "linear".into()));
        assert!(applies(&spec(Algorithm::Svm, "c"), |_| String::new()));
    }
}
