//! Yeo-Johnson as SQL: Sift's formula with the learned λ, written with `ln(1 + x)` and
//! `exp(y) − 1` as precise as Rust's `ln_1p` and `exp_m1` (see [`ln_1p`], [`exp_m1`]). The
//! branch on λ is taken here, once, as Sift takes it per value.

use super::YeoJohnsonFitted;
use crate::engine::recipe::sql::{exp_m1, ln_1p, SqlFrame, SqlStep};

impl YeoJohnsonFitted {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        let names: Vec<String> = self.lambdas.iter().map(|(n, _)| n.clone()).collect();
        before.map_numbers(&names, |name, x| {
            let lambda = self
                .lambdas
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, l)| *l)
                .ok_or_else(|| format!("no fitted values for '{name}'"))?;
            let eps = f64::EPSILON;
            let positive = if lambda.abs() < eps {
                ln_1p(x, d)
            } else {
                format!("{} / {}", exp_m1(&format!("{} * {}", d.number(lambda), ln_1p(x, d)), d), d.number(lambda))
            };
            let negated = format!("(-{x})");
            let negative = if (lambda - 2.0).abs() > eps {
                let power = d.number(2.0 - lambda);
                format!("-{} / {power}", exp_m1(&format!("{power} * {}", ln_1p(&negated, d)), d))
            } else {
                format!("-{}", ln_1p(&negated, d))
            };
            Ok(format!("CASE WHEN {x} >= 0e0 THEN {positive} WHEN {x} < 0e0 THEN {negative} END"))
        })
    }
}
