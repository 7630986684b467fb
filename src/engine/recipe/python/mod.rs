//! An unfitted step as scikit-learn code: what `sift python` writes for each step of a
//! recipe, which the generated script fits again on the rows it is given.
//!
//! Each step kind writes its translation in a `python.rs` beside its fit and apply
//! ([`super::StepKind::python`]); `engine::artifact::python` puts them in one `Pipeline`. A
//! step is a `ColumnTransformer` over its columns (the others pass through), built from
//! scikit-learn's transformer where it is the same maths, or from a small named function of
//! the script where there is none. A step whose result scikit-learn cannot reproduce refuses
//! with the reason (the assembler names the step).

/// One step as Python.
#[derive(Clone, Debug, PartialEq)]
pub struct PythonStep {
    /// `from … import …` lines the step needs.
    pub imports: Vec<String>,
    /// Functions of the script the step calls (the same text is written once).
    pub helpers: Vec<String>,
    /// A Python expression: a scikit-learn transformer from a DataFrame to a DataFrame.
    pub transformer: String,
}

impl PythonStep {
    /// `transformer` (a Python expression) applied to `columns`, the other columns passing
    /// through unchanged, with the imports it needs.
    pub fn on_columns(name: &str, transformer: String, columns: &[String], imports: &[&str]) -> PythonStep {
        PythonStep {
            imports: imports.iter().map(|i| i.to_string()).collect(),
            helpers: Vec::new(),
            transformer: format!("on_columns({}, {transformer}, {})", string(name), list(columns)),
        }
    }

    /// A step over the whole table: `transformer`, a `FunctionTransformer` of a function the
    /// script defines in `helper`.
    pub fn whole_table(transformer: String, helper: &str) -> PythonStep {
        PythonStep {
            imports: vec!["from sklearn.preprocessing import FunctionTransformer".into()],
            helpers: Vec::new(),
            transformer,
        }
        .with_helper(helper)
    }

    /// The same step with `helper` (a Python function definition) written in the script.
    pub fn with_helper(mut self, helper: &str) -> PythonStep {
        self.helpers.push(helper.trim().to_string());
        self
    }
}

/// `text` as a Python string literal (JSON's escapes are Python's).
pub fn string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

/// `names` as a Python list of string literals.
pub fn list(names: &[String]) -> String {
    let items: Vec<String> = names.iter().map(|n| string(n)).collect();
    format!("[{}]", items.join(", "))
}

/// `value` as a Python float literal (`float("nan")` and infinities spelled out).
pub fn number(value: f64) -> String {
    if value.is_nan() {
        "float(\"nan\")".into()
    } else if value.is_infinite() {
        format!("float(\"{}inf\")", if value < 0.0 { "-" } else { "" })
    } else {
        format!("{value:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_python() {
        assert_eq!(string("a \"b\"\n"), r#""a \"b\"\n""#);
        assert_eq!(list(&["x".into(), "y".into()]), r#"["x", "y"]"#);
        assert_eq!(number(1.0), "1.0");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(f64::NEG_INFINITY), "float(\"-inf\")");
    }
}
