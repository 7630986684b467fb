//! What the UI needs to list, draw and edit steps without knowing any of them: each kind's
//! title, family and explanation, and a static description of its parameters.
//!
//! A parameter's `name` is the step's JSON field, so a form drawn from [`Param`]s edits the
//! step as a `serde_json::Value` directly. The defaults a new step starts with and the values
//! a hand-written recipe may leave out come from here too: one place says what a default is.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use crate::engine::base::params::Choice;
use crate::engine::base::params::{Kind, ParamSpec};
use crate::engine::base::table::ColumnType;

/// Numeric columns: what scaling, binning and arithmetic take.
pub const NUMERIC: &[ColumnType] =
    &[ColumnType::Number, ColumnType::Integer, ColumnType::Boolean, ColumnType::Date, ColumnType::DateTime];
/// Measurements: numbers whose size means something (percentiles, outliers, comparisons).
pub const MEASURES: &[ColumnType] = &[ColumnType::Number, ColumnType::Integer];
/// Labels: columns of words.
pub const LABELS: &[ColumnType] = &[ColumnType::Category, ColumnType::Text];
/// Discrete values an encoder can count: labels, booleans and whole numbers.
pub const DISCRETE: &[ColumnType] = &[ColumnType::Category, ColumnType::Text, ColumnType::Boolean, ColumnType::Integer];
/// Calendar columns.
pub const DATES: &[ColumnType] = &[ColumnType::Date, ColumnType::DateTime];
/// Any column.
pub const ANY: &[ColumnType] = &[];

/// The families steps are grouped in, in the order the UI lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Columns,
    Rows,
    TextAndCategories,
    MissingValues,
    Outliers,
    Encoding,
    ScalingAndTransforms,
    Features,
}

impl Family {
    /// Every family, in display order.
    pub const ALL: [Family; 8] = [
        Family::Columns,
        Family::Rows,
        Family::TextAndCategories,
        Family::MissingValues,
        Family::Outliers,
        Family::Encoding,
        Family::ScalingAndTransforms,
        Family::Features,
    ];

    /// The heading shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Family::Columns => "Columns",
            Family::Rows => "Rows",
            Family::TextAndCategories => "Text and categories",
            Family::MissingValues => "Missing values",
            Family::Outliers => "Outliers",
            Family::Encoding => "Encoding",
            Family::ScalingAndTransforms => "Scaling and transforms",
            Family::Features => "Features",
        }
    }
}

/// One kind of step as the UI lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepInfo {
    /// The JSON `kind`, e.g. `"one_hot"`.
    pub kind: String,
    pub title: String,
    pub family: Family,
    /// One plain sentence saying what the step does.
    pub explanation: String,
    /// Whether the step can remove rows; such steps are skipped when predicting.
    pub removes_rows: bool,
    pub params: Vec<Param>,
}

/// One parameter of a step: its `name` is the step's JSON field. It may be `null` when it is
/// optional ([`Param::optional`]): the step then does without it (the kind's default is what a
/// form pre-fills when the user turns it on).
pub type Param = ParamSpec<ParamKind>;

/// What a parameter holds, and so which control edits it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ParamKind {
    /// Several column names (a multi-select). `types` lists the column types allowed (empty:
    /// any); with `empty_means_all`, choosing none means every column.
    Columns {
        types: Vec<ColumnType>,
        empty_means_all: bool,
    },
    /// One column name.
    Column {
        types: Vec<ColumnType>,
    },
    Number {
        default: f64,
        min: Option<f64>,
        max: Option<f64>,
    },
    Integer {
        default: i64,
        min: Option<i64>,
        max: Option<i64>,
    },
    /// A random seed (a whole number); a new step takes the session's seed.
    Seed,
    /// One of `options` (their `value` is what the JSON holds).
    Choice {
        options: Vec<Choice>,
        default: String,
    },
    /// Any of `options`, as a list of values.
    Choices {
        options: Vec<Choice>,
        default: Vec<String>,
    },
    Text {
        default: String,
    },
    Bool {
        default: bool,
    },
    /// A list of strings.
    TextList,
    /// A list of numbers.
    NumberList,
    /// Groups of values, each merged into one: `[{ "from": ["NY", "N.Y."], "to": "New York" }]`.
    Merges,
}

impl Kind for ParamKind {
    /// A step parameter's default is part of its kind.
    type Default = ();
}

impl StepInfo {
    /// A kind's description; `kind` and `removes_rows` are filled in by the step list.
    pub fn new(family: Family, title: &str, explanation: &str, params: Vec<Param>) -> StepInfo {
        StepInfo {
            kind: String::new(),
            title: title.into(),
            family,
            explanation: explanation.into(),
            removes_rows: false,
            params,
        }
    }

    /// The parameter called `name`.
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// A new step of this kind as JSON: every parameter at its default, column parameters
    /// taking `columns` in order (a single-column parameter takes the next one, a list takes
    /// the rest), seeds taking `seed`.
    pub fn defaults(&self, columns: &[String], seed: u64) -> Map<String, Value> {
        let mut object = Map::new();
        object.insert("kind".into(), Value::from(self.kind.clone()));
        let mut remaining = columns.iter().cloned();
        for param in &self.params {
            let value = match param.kind {
                ParamKind::Column { .. } => remaining.next().map(Value::from),
                ParamKind::Columns { .. } => Some(Value::from(remaining.by_ref().collect::<Vec<_>>())),
                _ => None,
            };
            if let Some(value) = value {
                object.insert(param.name.clone(), value);
            }
        }
        self.fill_defaults(&mut object, seed);
        object
    }

    /// Adds to `object` the parameters it leaves out, at their defaults (column parameters
    /// have none, so a step that names no column still fails to read, saying which field).
    pub fn fill_defaults(&self, object: &mut Map<String, Value>, seed: u64) {
        for param in &self.params {
            if object.contains_key(&param.name) {
                continue;
            }
            let value = match &param.kind {
                ParamKind::Column { .. } if param.is_optional() => Value::Null,
                ParamKind::Columns { empty_means_all: true, .. } => Value::Array(Vec::new()),
                ParamKind::Column { .. } | ParamKind::Columns { .. } => continue,
                _ => param.default_value(seed),
            };
            object.insert(param.name.clone(), value);
        }
    }
}

impl Param {
    /// A required parameter.
    pub fn new(name: &str, label: &str, help: &str, kind: ParamKind) -> Param {
        Param::with_kind(name, label, help, kind, ())
    }

    /// The same parameter, allowed to be `null` (and `null` by default); its help says what
    /// that means.
    pub fn optional(mut self) -> Param {
        self.empty_means = Some(String::new());
        self
    }

    /// The value a new step starts with.
    fn default_value(&self, seed: u64) -> Value {
        if self.is_optional() {
            return Value::Null;
        }
        match &self.kind {
            ParamKind::Number { default, .. } => Value::from(*default),
            ParamKind::Integer { default, .. } => Value::from(*default),
            ParamKind::Seed => Value::from(seed),
            ParamKind::Choice { default, .. } | ParamKind::Text { default } => Value::from(default.clone()),
            ParamKind::Choices { default, .. } => Value::from(default.clone()),
            ParamKind::Bool { default } => Value::from(*default),
            ParamKind::Columns { .. } | ParamKind::TextList | ParamKind::NumberList | ParamKind::Merges => {
                Value::Array(Vec::new())
            }
            ParamKind::Column { .. } => Value::Null,
        }
    }
}

impl ParamKind {
    /// A list of columns of the given types; at least one must be chosen.
    pub fn columns(types: &[ColumnType]) -> ParamKind {
        ParamKind::Columns { types: types.to_vec(), empty_means_all: false }
    }

    /// A list of columns of the given types; none chosen means all of them.
    pub fn columns_or_all(types: &[ColumnType]) -> ParamKind {
        ParamKind::Columns { types: types.to_vec(), empty_means_all: true }
    }

    /// One column of the given types.
    pub fn column(types: &[ColumnType]) -> ParamKind {
        ParamKind::Column { types: types.to_vec() }
    }

    /// A number with its default and bounds.
    pub fn number(default: f64, min: Option<f64>, max: Option<f64>) -> ParamKind {
        ParamKind::Number { default, min, max }
    }

    /// A whole number with its default and bounds.
    pub fn integer(default: i64, min: Option<i64>, max: Option<i64>) -> ParamKind {
        ParamKind::Integer { default, min, max }
    }

    /// One of `(value, label)` options.
    pub fn choice(options: &[(&str, &str)], default: &str) -> ParamKind {
        ParamKind::Choice { options: choices(options), default: default.into() }
    }

    /// Any of `(value, label)` options.
    pub fn choices(options: &[(&str, &str)], default: &[&str]) -> ParamKind {
        ParamKind::Choices { options: choices(options), default: default.iter().map(|s| s.to_string()).collect() }
    }

    /// Free text.
    pub fn text(default: &str) -> ParamKind {
        ParamKind::Text { default: default.into() }
    }
}

fn choices(options: &[(&str, &str)]) -> Vec<Choice> {
    options.iter().map(|(value, label)| Choice { value: value.to_string(), label: label.to_string() }).collect()
}

/// `"DropColumns"` → `"drop_columns"`, the rule serde's `rename_all = "snake_case"` follows.
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, ch) in name.chars().enumerate() {
        if ch.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(ch.to_lowercase());
    }
    out
}
