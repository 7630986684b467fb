//! Why an artifact would not read back from its JSON: which part holds a number a JSON file
//! cannot hold (serde writes an infinity or NaN as `null`, which then fails to read as a
//! number). [`Artifact::to_json`] asks only after its round trip failed, so this may take
//! its time: it writes and reads each part on its own.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::Artifact;

/// A sentence naming the first part of `artifact` that does not read back, or `None` when
/// every part does on its own.
pub(super) fn unreadable_part(artifact: &Artifact) -> Option<String> {
    for step in &artifact.recipe.fitted.steps {
        if let Some(field) = unreadable(step) {
            return Some(format!(
                "the step '{}' learned {field} that is not a finite number, and a model file cannot hold it; \
                 look for huge (beyond ±1e154) or tiny (near ±1e-300) values in that column and rescale them",
                step.info().title
            ));
        }
    }
    if let Some(field) = unreadable(&artifact.model) {
        return Some(format!(
            "the {} model learned {field} that is not a finite number, and a model file cannot hold it; rescale the features",
            artifact.algorithm.label()
        ));
    }
    if let Some(field) = unreadable(&artifact.evaluation) {
        return Some(format!("its evaluation holds {field} that is not a finite number"));
    }
    None
}

/// How `part` fails to read back from its own JSON (`"a scale for 'x'"`), or `None` when it reads.
fn unreadable<T: Serialize + DeserializeOwned>(part: &T) -> Option<String> {
    let Ok(text) = serde_json::to_string(part) else { return Some("a value".into()) };
    if serde_json::from_str::<T>(&text).is_ok() {
        return None;
    }
    let value: Value = serde_json::from_str(&text).ok()?;
    Some(null_field(&value).unwrap_or_else(|| "a value".into()))
}

/// The first field written as `null` (or holding a `null` in its list), with the column its
/// object names, if any.
fn null_field(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) => {
            let holds_null = |v: &Value| v.is_null() || v.as_array().is_some_and(|a| a.iter().any(Value::is_null));
            if let Some((key, _)) = map.iter().find(|(_, v)| holds_null(v)) {
                let column = ["column", "name"].iter().find_map(|k| map.get(*k).and_then(Value::as_str));
                return Some(match column {
                    Some(column) => format!("a {key} for '{column}'"),
                    None => format!("a {key}"),
                });
            }
            map.values().find_map(null_field)
        }
        Value::Array(items) => items.iter().find_map(null_field),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_the_field_and_its_column() {
        let v = json!({"scales": [{"column": "a", "shift": 1.0, "scale": 2.0}, {"column": "b", "shift": 0.0, "scale": null}]});
        assert_eq!(null_field(&v).as_deref(), Some("a scale for 'b'"));
        assert_eq!(null_field(&json!({"w": [1.0, null]})).as_deref(), Some("a w"));
        assert_eq!(null_field(&json!({"w": [1.0]})), None);
    }

    #[test]
    fn a_model_reads_back_from_its_own_json() {
        // Only the learning layer's own parts are checked here; whole artifacts in tests/hostile_learn.rs.
        let x = crate::engine::learn::Features::new(4, 1, vec![0.0, 1.0, 2.0, 3.0]).unwrap();
        let (model, _) = crate::engine::learn::Model::fit_clusters(
            crate::engine::learn::Algorithm::Kmeans,
            &Default::default(),
            1,
            &x,
        )
        .unwrap();
        assert_eq!(unreadable(&model), None);
    }
}
