//! Structural checks on a model's JSON before smartcore models are rebuilt from it, and the
//! reading of older model forms.
//!
//! smartcore trusts its own fields: a damaged or hand-edited file with a node pointing past
//! the end of its tree, a split on a feature that does not exist or a matrix shorter than its
//! shape would panic (or loop) at predict time. These checks turn that into an error. Parts
//! stored in our own form are checked after reading (`Estimator::check`).
//!
//! Both also refuse hyperparameters a model carries outside what the trainer accepts (a
//! kernel of degree 1000000, a boosting learning rate of 1e9): such a file loads and
//! predicts without an error, but every prediction is wrong. The trainer runs the same
//! checks on each model it fits, so it never writes a model that this would refuse.

use crate::engine::base::error::{Error, Result};
use serde_json::{json, Map, Value};

/// Rewrites older model forms into today's, in place: version 1 decision trees and random
/// forests (smartcore's) become Sift's trees with the same splits (a leaf's class share 1,
/// or its number). Anything malformed is left for the checks to reject.
pub fn migrate_model_json(model: &mut Value) {
    let n_classes = whole(model.get("n_classes")).unwrap_or(0);
    let num_features = model.get("n_features").cloned().unwrap_or(Value::Null);
    let Some(estimator) = model.get_mut("estimator").and_then(Value::as_object_mut) else { return };
    let trees = |list: Option<&Value>| -> Vec<Value> {
        list.and_then(Value::as_array)
            .map(|t| t.iter().map(|t| converted_tree(t, n_classes)).collect())
            .unwrap_or_default()
    };
    let (kind, body) = if let Some(old) = estimator.remove("random_forest_classifier") {
        ("random_forest", json!({ "num_features": num_features, "trees": trees(old.get("trees")) }))
    } else if let Some(old) = estimator.remove("decision_tree_classifier") {
        ("decision_tree", json!({ "num_features": num_features, "tree": converted_tree(&old, n_classes) }))
    } else if let Some(old) = estimator.remove("random_forest_regressor") {
        let forest = old.get("forest_regressor").cloned().unwrap_or(Value::Null);
        ("regression_forest", json!({ "num_features": num_features, "trees": trees(forest.get("trees")) }))
    } else if let Some(old) = estimator.remove("decision_tree_regressor") {
        let tree = old.get("tree_regressor").cloned().unwrap_or(Value::Null);
        ("regression_tree", json!({ "num_features": num_features, "tree": converted_tree(&tree, 0) }))
    } else {
        return;
    };
    estimator.insert(kind.into(), body);
}

/// A smartcore tree (`nodes` with `output`, `split_feature`, `split_value`, `true_child`,
/// `false_child`) as a Sift tree (see `estimators::cart::Tree`): class shares for
/// `n_classes` > 0 (the output indexes the tree's `classes`), else the output number.
fn converted_tree(tree: &Value, n_classes: usize) -> Value {
    let classes: Vec<usize> = tree
        .get("classes")
        .and_then(Value::as_array)
        .map_or(Vec::new(), |c| c.iter().filter_map(|v| whole(Some(v))).collect());
    let nodes = tree.get("nodes").and_then(Value::as_array).cloned().unwrap_or_default();
    let index = |node: &Value, key: &str| whole(node.get(key)).unwrap_or(0);
    let width = n_classes.max(1);
    let mut value = vec![0.0; nodes.len() * width];
    for (i, node) in nodes.iter().enumerate() {
        if n_classes == 0 {
            // A missing output reads as NaN, which the checks reject.
            value[i] = node.get("output").and_then(Value::as_f64).unwrap_or(f64::NAN);
        } else if let Some(&class) = classes.get(index(node, "output")).filter(|&&c| c < n_classes) {
            // A leaf's class outside the lists leaves its shares at 0.
            value[i * width + class] = 1.0;
        }
    }
    json!({
        "width": width,
        "feature": nodes.iter().map(|n| index(n, "split_feature")).collect::<Vec<_>>(),
        // smartcore sends rows right when a split has no value (x ≤ NaN is false).
        "threshold": nodes.iter().map(|n| n.get("split_value").and_then(Value::as_f64).unwrap_or(f64::MIN)).collect::<Vec<_>>(),
        "left": nodes.iter().map(|n| index(n, "true_child")).collect::<Vec<_>>(),
        "right": nodes.iter().map(|n| index(n, "false_child")).collect::<Vec<_>>(),
        "value": value,
    })
}

/// Checks the JSON of a `Model`: `{"n_features", "n_classes", "estimator": {"<kind>": {...}}}`.
pub fn check_model_json(model: &Value) -> Result<()> {
    let n_features = whole(model.get("n_features")).ok_or("the model has no valid \"n_features\"")?;
    let n_classes = whole(model.get("n_classes")).ok_or("the model has no valid \"n_classes\"")?;
    let estimator = model.get("estimator").and_then(Value::as_object).ok_or("the model has no \"estimator\"")?;
    let (kind, body) = match estimator.iter().next() {
        Some(entry) if estimator.len() == 1 => entry,
        _ => return Err("the model's \"estimator\" must name exactly one kind of model".into()),
    };
    let rules = Rules { n_features, n_classes };
    rules.walk(body, None)?;
    match kind.as_str() {
        "logistic_regression" => rules.logistic(body),
        "linear_regression" => rules.linear(body),
        "gradient_boosting" => boosting(body),
        "extra_trees_regressor" => match body.get("forest_regressor") {
            None | Some(Value::Null) => Ok(()),
            Some(forest) => forest_has_trees(forest),
        },
        _ => Ok(()),
    }
}

/// smartcore unwraps a forest's optional `trees` and `num_features` when predicting.
fn forest_has_trees(forest: &Value) -> Result<()> {
    let trees = forest.get("trees").and_then(Value::as_array).is_some_and(|t| !t.is_empty());
    if trees && forest.get("num_features").is_some_and(|n| !n.is_null()) {
        Ok(())
    } else {
        Err("a forest in the model has no trees".into())
    }
}

struct Rules {
    n_features: usize,
    n_classes: usize,
}

impl Rules {
    /// Checks every matrix, tree, forest and class list inside `value`. `class_limit` is the
    /// length of the innermost enclosing class list: tree outputs index into it.
    fn walk(&self, value: &Value, class_limit: Option<usize>) -> Result<()> {
        match value {
            Value::Array(items) => items.iter().try_for_each(|v| self.walk(v, class_limit)),
            Value::Object(object) => {
                let mut limit = class_limit;
                if let Some(Value::Array(classes)) = object.get("classes") {
                    if classes.iter().any(|c| whole(Some(c)).is_none_or(|c| c >= self.n_classes)) {
                        return Err(Error::other(format!("a class list names a class outside 0..{}", self.n_classes)));
                    }
                    limit = Some(limit.map_or(classes.len(), |l| l.min(classes.len())));
                }
                check_matrix(object)?;
                for key in ["num_features", "num_attributes"] {
                    if object.get(key).is_some_and(|n| whole(Some(n)) != Some(self.n_features)) {
                        return Err(Error::other(format!(
                            "a part of the model takes a different number of features than {}",
                            self.n_features
                        )));
                    }
                }
                if object.contains_key("trees")
                    && object.get("trees").and_then(Value::as_array).is_none_or(Vec::is_empty)
                {
                    return Err("a forest has no trees".into());
                }
                if let Some(nodes) = object.get("nodes") {
                    self.tree(nodes, limit)?;
                }
                self.boosted_node(object)?;
                object.values().try_for_each(|v| self.walk(v, limit))
            }
            _ => Ok(()),
        }
    }

    /// A tree's nodes: children after their parent and inside the tree, splits on existing
    /// features, class outputs inside the class list.
    fn tree(&self, nodes: &Value, class_limit: Option<usize>) -> Result<()> {
        let nodes = nodes.as_array().filter(|n| !n.is_empty()).ok_or("a tree has no nodes")?;
        for (i, node) in nodes.iter().enumerate() {
            let child = |key: &str| match node.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => whole(Some(v))
                    .filter(|&j| j > i && j < nodes.len())
                    .map(Some)
                    .ok_or(format!("node {i} of a tree points to a node that is not below it")),
            };
            match (child("true_child")?, child("false_child")?) {
                (None, None) => {}
                (Some(_), Some(_)) => {
                    if whole(node.get("split_feature")).is_none_or(|f| f >= self.n_features) {
                        return Err(Error::other(format!(
                            "node {i} of a tree splits on a feature the model does not have"
                        )));
                    }
                }
                _ => return Err(Error::other(format!("node {i} of a tree has only one branch"))),
            }
            if let Some(limit) = class_limit {
                if whole(node.get("output")).is_none_or(|o| o >= limit) {
                    return Err(Error::other(format!("node {i} of a tree predicts a class that is not listed")));
                }
            }
        }
        Ok(())
    }

    /// A node of a boosted tree: both branches or none, a split on an existing feature.
    fn boosted_node(&self, object: &Map<String, Value>) -> Result<()> {
        let Some(feature) = object.get("split_feature_idx") else { return Ok(()) };
        let branch = |key: &str| object.get(key).is_some_and(|v| !v.is_null());
        match (branch("left"), branch("right")) {
            (false, false) => Ok(()),
            (true, true) if whole(Some(feature)).is_some_and(|f| f < self.n_features) => Ok(()),
            _ => {
                Err("a boosted tree has a node with one branch or a split on a feature the model does not have".into())
            }
        }
    }

    fn logistic(&self, body: &Value) -> Result<()> {
        let k = whole(body.get("num_classes")).ok_or("the logistic regression has no class count")?;
        let rows = if k == 2 { 1 } else { k };
        let classes = body.get("classes").and_then(Value::as_array).map_or(0, Vec::len);
        if k < 2 || classes != k || whole(body.get("num_attributes")) != Some(self.n_features) {
            return Err("the logistic regression's sizes disagree with the model".into());
        }
        expect_shape(body.get("coefficients"), rows, self.n_features, "logistic regression weights")?;
        expect_shape(body.get("intercept"), rows, 1, "logistic regression intercepts")
    }

    fn linear(&self, body: &Value) -> Result<()> {
        expect_shape(body.get("coefficients"), self.n_features, 1, "linear regression weights")?;
        expect_shape(body.get("intercept"), 1, 1, "linear regression intercept")
    }
}

/// The largest magnitude of an input or target (`data::MAX_MAGNITUDE`): a starting score
/// beyond it is not the mean of any target the trainer accepts.
const MAX_SCORE: f64 = 1e100;

/// Gradient boosting's prediction is `base_score + learning_rate × Σ tree`: both must be what
/// training gives (a learning rate in (0, 1], a base score within ±1e100), and the trees
/// within the trainer's count (1 to 5000).
fn boosting(body: &Value) -> Result<()> {
    let model = body.get("model");
    let parameters = model.and_then(|m| m.get("parameters"));
    let number = |key: &str| parameters.and_then(|p| p.get(key)).and_then(Value::as_f64);
    let rate = number("learning_rate").is_some_and(|r| r > 0.0 && r <= 1.0);
    let base = number("base_score").is_some_and(|b| b.abs() <= MAX_SCORE);
    let trees = model
        .and_then(|m| m.get("regressors"))
        .and_then(Value::as_array)
        .is_some_and(|t| (1..=5000).contains(&t.len()));
    if rate && base && trees {
        Ok(())
    } else {
        Err("the gradient boosting's learning rate, starting score or number of trees is outside what Sift trains"
            .into())
    }
}

/// A matrix object (`nrows`, `ncols`, `values`) must hold exactly `nrows × ncols` values.
fn check_matrix(object: &Map<String, Value>) -> Result<()> {
    let (Some(rows), Some(cols), Some(values)) = (object.get("nrows"), object.get("ncols"), object.get("values"))
    else {
        return Ok(());
    };
    let size = whole(Some(rows)).zip(whole(Some(cols))).and_then(|(r, c)| r.checked_mul(c));
    match values.as_array() {
        Some(values) if size == Some(values.len()) => Ok(()),
        _ => Err("a matrix in the model holds the wrong number of values".into()),
    }
}

/// The matrix at `value` is there and `rows × cols`.
fn expect_shape(value: Option<&Value>, rows: usize, cols: usize, what: &str) -> Result<()> {
    match value {
        Some(m) if whole(m.get("nrows")) == Some(rows) && whole(m.get("ncols")) == Some(cols) => Ok(()),
        _ => Err(Error::other(format!("the {what} do not have the shape {rows} × {cols}"))),
    }
}

/// A non-negative whole number that fits `usize`.
fn whole(value: Option<&Value>) -> Option<usize> {
    value.and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use super::super::test_data::*;
    use super::super::*;

    #[test]
    fn damaged_model_files_are_errors() {
        let x = points(30, 10);
        let read = |json: &str| serde_json::from_str::<Model>(json);
        let mut applied = [false; 15];
        for (task, algorithm) in combos() {
            let params = quick(algorithm, task);
            let model = Model::fit(task, algorithm, &params, 1, &x, &dataset(task, &x), &mut Progress::none()).unwrap();
            let json = serde_json::to_string(&model).unwrap();
            assert!(read(&json).is_ok());
            let damaged = [
                json.replace("\"n_features\":2", "\"n_features\":1"),
                json.replace("\"n_features\":2", "\"n_features\":3"),
                json.replacen("\"true_child\":1", "\"true_child\":100000", 1),
                json.replacen("\"true_child\":1", "\"true_child\":0", 1),
                json.replacen("\"false_child\":2", "\"false_child\":null", 1),
                json.replacen("\"split_feature\":0,\"split_value\":0.", "\"split_feature\":9,\"split_value\":0.", 1),
                json.replacen("\"split_feature\":1,\"split_value\":0.", "\"split_feature\":9,\"split_value\":0.", 1),
                json.replacen("\"left\":[1,", "\"left\":[9999,", 1),
                json.replacen("\"classes\":[0,1,2]", "\"classes\":[0,1,7]", 1),
                json.replacen("\"nrows\":1,", "\"nrows\":4,", 1),
                json.replacen("\"values\":[", "\"values\":[1.0,", 1),
                json.replacen("\"nodes\":[", "\"nodes\":[],\"x\":[", 1),
                json.replacen("\"trees\":[", "\"trees\":null,\"x\":[", 1),
                json.replace("\"n_classes\":3", "\"n_classes\":1"),
                json.replace("\"estimator\":{", "\"estimator\":{\"other\":{},"),
            ];
            for (i, bad) in damaged.iter().enumerate() {
                if *bad != json {
                    applied[i] = true;
                    assert!(read(bad).is_err(), "{task:?} {algorithm:?}: damage {i} was accepted");
                }
            }
            assert!(read("{\"n_features\":2}").is_err());
            assert!(read("[]").is_err());
        }
        assert!(applied.iter().all(|&a| a), "every damage hits some model: {applied:?}");
    }
}
