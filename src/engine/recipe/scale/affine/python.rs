//! The affine scalings as scikit-learn's `StandardScaler`, `MinMaxScaler` and `RobustScaler`
//! (the same statistics, a zero spread taken as 1).

use super::{MinMaxScale, RobustScale, StandardScale};
use crate::engine::recipe::python::{number, PythonStep};

/// `scaler` on `columns`.
fn scaling(scaler: &str, call: String, columns: &[String]) -> PythonStep {
    PythonStep::on_columns("scale", call, columns, &[&format!("from sklearn.preprocessing import {scaler}")])
}

impl StandardScale {
    pub(super) fn to_python(&self) -> PythonStep {
        scaling("StandardScaler", "StandardScaler()".into(), &self.columns)
    }
}

impl MinMaxScale {
    pub(super) fn to_python(&self) -> PythonStep {
        let call = format!("MinMaxScaler(feature_range=({}, {}))", number(self.min), number(self.max));
        scaling("MinMaxScaler", call, &self.columns)
    }
}

impl RobustScale {
    pub(super) fn to_python(&self) -> PythonStep {
        scaling("RobustScaler", "RobustScaler()".into(), &self.columns)
    }
}
