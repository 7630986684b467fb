//! The labelled set: generated tables (deterministic, from [`Lcg`]) that plant each problem the
//! quality report should find, next to look-alikes it must not fire on. The test prints, per
//! rule, how many planted problems were found and how many look-alikes fired, then asserts
//! that every problem is found and no look-alike fires. See docs/alerts.md.
//!
//!     cargo test --test profile_alert_set -- --nocapture
//!
//! With `SIFT_SHOW_ALERTS=1` it also prints every alert of every table.

use std::collections::BTreeMap;

use sift::engine::base::table::{Column, ColumnData, Table};
use sift::engine::profile::{profile, Alert, Report};

#[path = "common/columns.rs"]
mod columns;
use columns::{category, table};

#[path = "common/lcg.rs"]
mod lcg;
use lcg::Lcg;

/// A labelled expectation: an alert of `kind` (whose message contains `says`, when given)
/// about `column`.
struct Label {
    rule: &'static str,
    kind: &'static str,
    says: Option<&'static str>,
    column: String,
}

/// One generated table with what must fire on it and what must not.
struct Case {
    name: &'static str,
    table: Table,
    planted: Vec<Label>,
    look_alikes: Vec<Label>,
}

fn label(rule: &'static str, kind: &'static str, column: &str) -> Label {
    Label { rule, kind, says: None, column: column.to_string() }
}

fn saying(rule: &'static str, kind: &'static str, says: &'static str, column: &str) -> Label {
    Label { rule, kind, says: Some(says), column: column.to_string() }
}

fn fires(report: &Report, l: &Label) -> bool {
    report.alerts.iter().any(|a: &Alert| {
        (l.kind == "*" || a.kind == l.kind)
            && a.columns.contains(&l.column)
            && l.says.is_none_or(|s| a.message.contains(s))
    })
}

// ---- generators ----------------------------------------------------------------------------

fn normal(rng: &mut Lcg) -> f64 {
    let (u, v) = (rng.next().max(1e-12), rng.next());
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

fn numbers(values: Vec<f64>) -> ColumnData {
    ColumnData::Number(values.into())
}

fn integers(values: Vec<i64>) -> ColumnData {
    ColumnData::Integer(values.into_iter().map(Some).collect())
}

fn text(values: Vec<Option<String>>) -> ColumnData {
    ColumnData::Text(values)
}

fn pick<'a>(rng: &mut Lcg, options: &[&'a str]) -> &'a str {
    options[((rng.next() * options.len() as f64) as usize).min(options.len() - 1)]
}

// ---- the cases -----------------------------------------------------------------------------

/// Outliers, heavy tails, skew and the log advice, zeros as placeholders.
fn shapes() -> Case {
    let n = 2000;
    let mut rng = Lcg(1);
    let mut col = |f: &mut dyn FnMut(&mut Lcg, usize) -> f64| (0..n).map(|i| f(&mut rng, i)).collect::<Vec<f64>>();
    let diamond_y = col(&mut |r, i| if i % 700 == 5 { 58.9 } else { 5.7 + 0.3 * normal(r) });
    let clean = col(&mut |r, _| 50.0 + 5.0 * normal(r));
    let rating = col(&mut |r, _| [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 2.0, 3.0][(r.next() * 10.0) as usize]);
    let coded =
        col(&mut |r, _| if r.next() < 0.9 { 1.0 } else { [2.0, 3.0, 4.0, 9.0, 99.0][(r.next() * 5.0) as usize] });
    let iqr_zero = col(&mut |r, _| if r.next() < 0.8 { 10.0 } else { (r.next() * 100.0).round() });
    let laplace = col(&mut |r, _| {
        let u = r.next() - 0.5;
        -u.signum() * (1.0 - 2.0 * u.abs()).max(1e-12).ln() * 10.0
    });
    let income = col(&mut |r, _| (10.0 + normal(r)).exp());
    let longitude = col(&mut |r, _| -70.0 - (2.0 * normal(r)).exp());
    let waiting = col(&mut |r, _| if r.next() < 0.2 { 0.0 } else { (2.0 * normal(r)).exp() });
    let pressure = col(&mut |r, _| if r.next() < 0.05 { 0.0 } else { (72.0 + 12.0 * normal(r)).round().max(30.0) });
    let claims = col(&mut |r, _| {
        let mut k = 0.0;
        let mut p = (-1.0f64).exp();
        let mut cum = p;
        let u = r.next();
        while u > cum && k < 20.0 {
            k += 1.0;
            p *= 1.0 / k;
            cum += p;
        }
        k
    });
    let temperature = col(&mut |r, _| (4.0 + 6.0 * normal(r)).round());
    let spend = col(&mut |r, _| if r.next() < 0.3 { 0.0 } else { (4.0 + normal(r)).exp().round() });
    let t = table(vec![
        ("diamond_y", numbers(diamond_y)),
        ("clean", numbers(clean)),
        ("rating", numbers(rating)),
        ("coded", numbers(coded)),
        ("iqr_zero", numbers(iqr_zero)),
        ("laplace", numbers(laplace)),
        ("income", numbers(income)),
        ("longitude", numbers(longitude)),
        ("waiting", numbers(waiting)),
        ("pressure", numbers(pressure)),
        ("claims", numbers(claims)),
        ("temperature", numbers(temperature)),
        ("spend", numbers(spend)),
    ]);
    Case {
        name: "shapes",
        table: t,
        planted: vec![
            label("outliers", "outliers", "diamond_y"),
            label("heavy_tail", "heavy_tail", "laplace"),
            saying("heavy_tail", "*", "heavy tail", "income"),
            label("skewed", "skewed", "income"),
            saying("log_advice", "skewed", "a log transform may help", "income"),
            label("skewed", "skewed", "longitude"),
            label("zero_placeholder", "zero_placeholder", "pressure"),
        ],
        look_alikes: vec![
            label("outliers", "outliers", "clean"),
            label("outliers", "outliers", "rating"),
            label("outliers", "outliers", "coded"),
            label("outliers", "outliers", "iqr_zero"),
            label("outliers", "outliers", "laplace"),
            label("outliers", "outliers", "income"),
            label("clean_column", "*", "clean"),
            saying("heavy_tail", "*", "heavy tail", "clean"),
            label("skewed", "skewed", "rating"),
            label("skewed", "skewed", "coded"),
            saying("log_advice", "skewed", "log transform may help", "longitude"),
            saying("log_advice", "skewed", "log transform may help", "waiting"),
            label("zero_placeholder", "zero_placeholder", "claims"),
            label("zero_placeholder", "zero_placeholder", "temperature"),
            label("zero_placeholder", "zero_placeholder", "spend"),
            label("zero_placeholder", "zero_placeholder", "waiting"),
            // The zeros are the tail: their own alert says so.
            label("heavy_tail", "heavy_tail", "pressure"),
        ],
    }
}

/// Identifiers, grouping keys, placeholders and spellings.
fn keys_and_values() -> Case {
    let n = 1000;
    let mut rng = Lcg(2);
    let s = |v: &str| Some(v.to_string());
    let row_number: Vec<i64> = (1..=n as i64).collect();
    let customer_id: Vec<i64> = (0..n as i64).map(|i| 100_000 + (i * 7919) % 900_001).collect();
    let order_code: Vec<Option<String>> = (0..n).map(|i| Some(format!("ORD-{:05}", (i * 37) % 99_991))).collect();
    let jobs: Vec<i64> = (0..n as i64).map(|i| 130_000 + i * 41 + (rng.next() * 30.0) as i64).rev().collect();
    let population: Vec<i64> = (0..n as i64).map(|i| 5_000 + ((i * 104_729) % 2_000_003)).collect();
    let player_id: Vec<Option<String>> = (0..n).map(|i| Some(format!("P{:03}", i / 10))).collect();
    let bird_id: Vec<i64> = (0..n as i64).map(|i| 5_000 + (i % 80)).collect();
    let category_id: Vec<i64> = (0..n as i64).map(|i| i % 5).collect();
    let visits: Vec<i64> = (0..n).map(|_| (rng.next() * 40.0) as i64).collect();
    let answer: Vec<Option<String>> =
        (0..n).map(|i| if i % 12 == 0 { s("unknown") } else { s(["yes", "no"][i % 2]) }).collect();
    let score: Vec<i64> = (0..n).map(|i| if i % 33 == 0 { -999 } else { (rng.next() * 100.0) as i64 }).collect();
    let titles: Vec<Option<String>> = (0..n)
        .map(|i| match i {
            100 => s("Missing"),
            200 => s("Blank"),
            300 => s("Empty"),
            _ => Some(format!("Film number {i}")),
        })
        .collect();
    let city: Vec<Option<String>> =
        (0..n).map(|_| s(pick(&mut rng, &["Paris", "Paris", "Paris", "paris", "PARIS", "Lyon", "Nice"]))).collect();
    let channel: Vec<Option<String>> =
        (0..n).map(|_| s(pick(&mut rng, &["Telephone", "Telephone", "telephone", "Email", "Shop"]))).collect();
    let town: Vec<Option<String>> =
        (0..n).map(|_| s(pick(&mut rng, &["LaFayette", "Lafayette", "Lafayette", "Dayton", "Akron"]))).collect();
    let t = table(vec![
        ("row_number", integers(row_number)),
        ("customer_id", integers(customer_id)),
        ("order_code", text(order_code)),
        ("jobs", integers(jobs)),
        ("population", integers(population)),
        ("player_id", text(player_id)),
        ("bird_id", integers(bird_id)),
        ("category_id", integers(category_id)),
        ("visits", integers(visits)),
        ("answer", text(answer)),
        ("score", integers(score)),
        ("title", text(titles)),
        ("city", text(city)),
        ("channel", text(channel)),
        ("town", text(town)),
    ]);
    Case {
        name: "keys and values",
        table: t,
        planted: vec![
            label("identifier", "identifier", "row_number"),
            label("identifier", "identifier", "customer_id"),
            label("identifier", "identifier", "order_code"),
            label("repeated_key", "repeated_key", "player_id"),
            label("repeated_key", "repeated_key", "bird_id"),
            label("placeholder", "placeholder", "answer"),
            label("placeholder", "placeholder", "score"),
            label("inconsistent_spelling", "inconsistent_spelling", "city"),
            label("inconsistent_spelling", "inconsistent_spelling", "channel"),
        ],
        look_alikes: vec![
            label("identifier", "identifier", "jobs"),
            label("identifier", "identifier", "population"),
            label("repeated_key", "repeated_key", "category_id"),
            label("repeated_key", "repeated_key", "visits"),
            label("repeated_key", "repeated_key", "customer_id"),
            // -999 is the outlier: the placeholder alert says so.
            label("outliers", "outliers", "score"),
            label("placeholder", "placeholder", "title"),
            label("inconsistent_spelling", "inconsistent_spelling", "town"),
        ],
    }
}

/// Associations between category columns, and number pairs linear or only monotone.
fn pairs() -> Case {
    let n = 1000;
    let mut rng = Lcg(3);
    let s = |v: &str| v.to_string();
    let smoker: Vec<String> = (0..n).map(|_| s(pick(&mut rng, &["yes", "no", "no"]))).collect();
    let hospital: Vec<String> = (0..n).map(|_| format!("H{:02}", (rng.next() * 40.0) as usize)).collect();
    let hospital_type: Vec<String> = hospital
        .iter()
        .map(|h| s(["general", "teaching", "children", "rural"][h[1..].parse::<usize>().unwrap() % 4]))
        .collect();
    let genotype: Vec<String> = (0..n).map(|_| s(pick(&mut rng, &["AA", "AB", "AB", "BB"]))).collect();
    let allele_count: Vec<String> = genotype
        .iter()
        .map(|g| {
            s(match g.as_str() {
                "AA" => "0",
                "AB" => "1",
                _ => "2",
            })
        })
        .collect();
    let region: Vec<String> = (0..n).map(|_| s(pick(&mut rng, &["north", "south", "east"]))).collect();
    let region_noisy: Vec<String> = region
        .iter()
        .map(|r| if rng.next() < 0.95 { r.clone() } else { s(pick(&mut rng, &["north", "south", "east"])) })
        .collect();
    let region_loose: Vec<String> = region
        .iter()
        .map(|r| if rng.next() < 0.5 { r.clone() } else { s(pick(&mut rng, &["north", "south", "east"])) })
        .collect();
    let colour: Vec<String> = (0..n).map(|_| s(pick(&mut rng, &["red", "green", "blue", "grey"]))).collect();
    let wage: Vec<f64> = (0..n).map(|_| (2.5 + 0.9 * normal(&mut rng)).exp()).collect();
    let lwage: Vec<f64> = wage.iter().map(|w| w.ln()).collect();
    let x: Vec<f64> = (0..n).map(|_| rng.next() * 2.0 - 1.0).collect();
    let x_cubed: Vec<f64> = x.iter().map(|v| v * v * v).collect();
    let height: Vec<f64> = (0..n).map(|_| 170.0 + 10.0 * normal(&mut rng)).collect();
    let height_in: Vec<f64> = height.iter().map(|h| h / 2.54 + 0.3 * normal(&mut rng)).collect();
    let weight: Vec<f64> = height.iter().map(|h| h - 100.0 + 6.0 * normal(&mut rng)).collect();
    let noisy_log: Vec<f64> = wage.iter().map(|w| w.ln() + 0.5 * normal(&mut rng)).collect();
    let t = table(vec![
        ("smoker", category(&smoker)),
        ("smoker_copy", category(&smoker)),
        ("hospital", category(&hospital)),
        ("hospital_type", category(&hospital_type)),
        ("genotype", category(&genotype)),
        ("allele_count", category(&allele_count)),
        ("region", category(&region)),
        ("region_noisy", category(&region_noisy)),
        ("region_loose", category(&region_loose)),
        ("colour", category(&colour)),
        ("wage", numbers(wage)),
        ("lwage", numbers(lwage)),
        ("x", numbers(x)),
        ("x_cubed", numbers(x_cubed)),
        ("height", numbers(height)),
        ("height_in", numbers(height_in)),
        ("weight", numbers(weight)),
        ("noisy_log", numbers(noisy_log)),
    ]);
    Case {
        name: "pairs",
        table: t,
        planted: vec![
            saying("strong_association", "strong_association", "identical", "smoker_copy"),
            label("strong_association", "strong_association", "hospital_type"),
            label("strong_association", "strong_association", "allele_count"),
            label("strong_association", "strong_association", "region_noisy"),
            label("monotone_relation", "monotone_relation", "lwage"),
            label("monotone_relation", "monotone_relation", "x_cubed"),
            label("high_correlation", "high_correlation", "height_in"),
        ],
        look_alikes: vec![
            label("strong_association", "strong_association", "region_loose"),
            label("strong_association", "strong_association", "colour"),
            label("monotone_relation", "monotone_relation", "height_in"),
            label("monotone_relation", "monotone_relation", "noisy_log"),
            label("monotone_relation", "monotone_relation", "weight"),
            label("high_correlation", "high_correlation", "weight"),
            label("high_correlation", "high_correlation", "noisy_log"),
        ],
    }
}

/// A sparse table of many-level random categories: Cramér's V without correction is high by chance.
fn sparse() -> Case {
    let n = 120;
    let mut rng = Lcg(4);
    let a: Vec<String> = (0..n).map(|_| format!("a{}", (rng.next() * 30.0) as usize)).collect();
    let b: Vec<String> = (0..n).map(|_| format!("b{}", (rng.next() * 30.0) as usize)).collect();
    Case {
        name: "sparse categories",
        table: table(vec![("a", category(&a)), ("b", category(&b))]),
        planted: vec![],
        look_alikes: vec![
            label("strong_association", "strong_association", "b"),
            label("strong_association", "strong_association", "a"),
        ],
    }
}

/// A wide table: a near-copy far past the heatmap's first 50 number columns.
fn wide() -> Case {
    let n = 300;
    let mut rng = Lcg(5);
    let mut columns: Vec<(String, Vec<f64>)> =
        (0..93).map(|k| (format!("v{k}"), (0..n).map(|_| normal(&mut rng)).collect())).collect();
    columns[75].1 = columns[62].1.iter().map(|v| 2.0 * v + 0.05 * normal(&mut rng)).collect();
    let names: Vec<String> = columns.iter().map(|c| c.0.clone()).collect();
    let t = Table::new("wide", columns.into_iter().map(|(name, v)| Column::new(name, numbers(v))).collect()).unwrap();
    Case {
        name: "wide",
        table: t,
        planted: vec![label("high_correlation", "high_correlation", &names[75])],
        look_alikes: vec![
            label("high_correlation", "high_correlation", &names[80]),
            label("high_correlation", "high_correlation", &names[10]),
        ],
    }
}

/// Missing for a reason, missing together, a soft notice, and missing at random.
fn missingness() -> Case {
    let n = 1000;
    let mut rng = Lcg(6);
    let death: Vec<i64> = (0..n).map(|_| i64::from(rng.next() < 0.3)).collect();
    let cause: Vec<Option<String>> = death
        .iter()
        .map(|&d| (d == 1).then(|| pick(&mut rng, &["heart", "cancer", "stroke", "other"]).to_string()))
        .collect();
    let lab_gone: Vec<bool> = (0..n).map(|_| rng.next() < 0.15).collect();
    let lab_a: Vec<f64> = lab_gone.iter().map(|&g| if g { f64::NAN } else { 5.0 + normal(&mut rng) }).collect();
    let lab_b: Vec<f64> = lab_gone.iter().map(|&g| if g { f64::NAN } else { 1.0 + normal(&mut rng) }).collect();
    let random_gap: Vec<f64> = (0..n).map(|_| if rng.next() < 0.1 { f64::NAN } else { normal(&mut rng) }).collect();
    let few_gaps: Vec<f64> = (0..n).map(|_| if rng.next() < 0.02 { f64::NAN } else { normal(&mut rng) }).collect();
    let many_gaps: Vec<f64> = (0..n).map(|_| if rng.next() < 0.35 { f64::NAN } else { normal(&mut rng) }).collect();
    let region: Vec<String> = (0..n).map(|_| pick(&mut rng, &["north", "south", "east", "west"]).to_string()).collect();
    let t = table(vec![
        ("death", integers(death)),
        ("cause", text(cause)),
        ("lab_a", numbers(lab_a)),
        ("lab_b", numbers(lab_b)),
        ("random_gap", numbers(random_gap)),
        ("few_gaps", numbers(few_gaps)),
        ("many_gaps", numbers(many_gaps)),
        ("region", category(&region)),
    ]);
    Case {
        name: "missingness",
        table: t,
        planted: vec![
            saying("missing_for_a_reason", "missing_for_a_reason", "where 'death' is '0'", "cause"),
            saying("missing_for_a_reason", "missing_for_a_reason", "where 'lab_a' is missing", "lab_b"),
            label("some_missing", "some_missing", "random_gap"),
            label("some_missing", "some_missing", "lab_a"),
            label("high_missing", "high_missing", "many_gaps"),
        ],
        look_alikes: vec![
            label("missing_for_a_reason", "missing_for_a_reason", "random_gap"),
            label("missing_for_a_reason", "missing_for_a_reason", "many_gaps"),
            label("missing_for_a_reason", "missing_for_a_reason", "few_gaps"),
            label("some_missing", "some_missing", "few_gaps"),
            label("some_missing", "some_missing", "many_gaps"),
        ],
    }
}

/// Duplicate rows hidden by a row-number column, and a table without duplicates.
fn duplicates(with_duplicates: bool) -> Case {
    let n = 600;
    let mut rng = Lcg(7);
    let mut species: Vec<String> = Vec::new();
    let mut length: Vec<f64> = Vec::new();
    for i in 0..n {
        if with_duplicates && i % 4 == 3 {
            // A copy of an earlier row.
            let k = (rng.next() * i as f64) as usize;
            species.push(species[k].clone());
            length.push(length[k]);
        } else {
            species.push(pick(&mut rng, &["setosa", "versicolor", "virginica"]).to_string());
            length.push((50.0 + 10.0 * normal(&mut rng)).round() / 10.0 + i as f64 * 1e-6);
        }
    }
    let t = table(vec![
        ("rownames", integers((1..=n as i64).collect())),
        ("species", category(&species)),
        ("length", numbers(length)),
    ]);
    let l = label("hidden_duplicates", "hidden_duplicates", "rownames");
    if with_duplicates {
        Case { name: "duplicates behind a row number", table: t, planted: vec![l], look_alikes: vec![] }
    } else {
        Case { name: "a row number, no duplicates", table: t, planted: vec![], look_alikes: vec![l] }
    }
}

/// A yearly series and a table of countries: a recurring value or two countries with the
/// same figures are not duplicate rows, a year is not an identifier, a small table's tail says
/// little, and two trends are not a curve.
fn series() -> Case {
    let mut rng = Lcg(8);
    let years: Vec<i64> = (1871..1971).collect();
    let flow: Vec<f64> = (0..100)
        .map(|_| (900.0 + 150.0 * normal(&mut rng)).round().clamp(500.0, 1300.0) / 10.0)
        .map(|v: f64| v.round() * 10.0)
        .collect();
    let small: Vec<f64> = (0..100)
        .map(|i| if i < 30 { [1.0, 2.0, 3.0, 50.0, 60.0, 70.0][i % 6] + (i as f64) * 0.01 } else { f64::NAN })
        .collect();
    let trend_a: Vec<f64> = (0..100).map(|i| i as f64 + 6.0 * normal(&mut rng)).collect();
    let trend_b: Vec<f64> = (0..100).map(|i| (i as f64) * 1.5 + 9.0 * normal(&mut rng)).collect();
    let t = table(vec![
        ("year", integers(years)),
        ("flow", numbers(flow)),
        ("small", numbers(small)),
        ("trend_a", numbers(trend_a)),
        ("trend_b", numbers(trend_b)),
    ]);
    Case {
        name: "series",
        table: t,
        planted: vec![],
        look_alikes: vec![
            label("hidden_duplicates", "hidden_duplicates", "year"),
            label("identifier", "identifier", "year"),
            label("heavy_tail", "heavy_tail", "small"),
            label("monotone_relation", "monotone_relation", "trend_b"),
        ],
    }
}

fn countries() -> Case {
    let n = 60;
    let mut rng = Lcg(9);
    let name: Vec<Option<String>> = (0..n).map(|i| Some(format!("Country {i}"))).collect();
    let mut a: Vec<f64> = (0..n).map(|_| (10.0 * normal(&mut rng)).round()).collect();
    let mut b: Vec<f64> = (0..n).map(|_| (10.0 * normal(&mut rng)).round()).collect();
    for i in [10, 20, 30] {
        (a[i], b[i]) = (f64::NAN, f64::NAN);
    }
    (a[41], b[41]) = (a[40], b[40]);
    let t = table(vec![("country", text(name)), ("a", numbers(a)), ("b", numbers(b))]);
    Case {
        name: "countries",
        table: t,
        planted: vec![],
        look_alikes: vec![label("hidden_duplicates", "hidden_duplicates", "country")],
    }
}

// ---- the score -----------------------------------------------------------------------------

#[derive(Default)]
struct Score {
    planted: usize,
    found: usize,
    look_alikes: usize,
    fired: usize,
}

#[test]
fn the_labelled_set_finds_what_is_planted_and_not_its_look_alikes() {
    let cases = vec![
        shapes(),
        keys_and_values(),
        pairs(),
        sparse(),
        wide(),
        missingness(),
        duplicates(true),
        duplicates(false),
        series(),
        countries(),
    ];
    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    let mut misses = Vec::new();
    for case in &cases {
        let report = profile(&case.table);
        if std::env::var_os("SIFT_SHOW_ALERTS").is_some() {
            println!("\n== {}", case.name);
            report.alerts.iter().for_each(|a| println!("  {:<22} {}", a.kind, a.message));
            report.correlations.notes.iter().for_each(|n| println!("  note: {n}"));
        }
        for l in &case.planted {
            let s = scores.entry(l.rule).or_default();
            s.planted += 1;
            if fires(&report, l) {
                s.found += 1;
            } else {
                misses.push(format!("{}: missed {} on '{}'", case.name, l.rule, l.column));
            }
        }
        for l in &case.look_alikes {
            let s = scores.entry(l.rule).or_default();
            s.look_alikes += 1;
            if fires(&report, l) {
                s.fired += 1;
                let said: Vec<&str> = report
                    .alerts
                    .iter()
                    .filter(|a| a.columns.contains(&l.column))
                    .map(|a| a.message.as_str())
                    .collect();
                misses.push(format!("{}: {} fired on look-alike '{}': {said:?}", case.name, l.rule, l.column));
            }
        }
    }
    println!("\n{:<22} {:>14} {:>24}", "rule", "found/planted", "false alarms/look-alikes");
    for (rule, s) in &scores {
        println!(
            "{rule:<22} {:>14} {:>24}",
            format!("{}/{}", s.found, s.planted),
            format!("{}/{}", s.fired, s.look_alikes)
        );
    }
    for m in &misses {
        println!("  {m}");
    }
    assert!(misses.is_empty(), "{misses:#?}");
}

/// A column of `kind` and `rows` rows drawn from `seed`: few values, gaps, infinities, repeats.
fn hostile_column(kind: u8, seed: u64, rows: usize) -> ColumnData {
    let mut rng = Lcg(seed);
    let mut draw = move || rng.next();
    let values: Vec<f64> = (0..rows).map(|_| draw()).collect();
    let gap = |x: f64| x < 0.2;
    match kind % 6 {
        0 => ColumnData::Integer(values.iter().map(|&x| (!gap(x)).then_some(((x * 13.0) as i64) - 3)).collect()),
        1 => numbers(
            values
                .iter()
                .map(|&x| {
                    if gap(x) {
                        f64::NAN
                    } else if x > 0.97 {
                        f64::INFINITY
                    } else if x < 0.3 {
                        0.0
                    } else {
                        x * 1e3
                    }
                })
                .collect(),
        ),
        2 => category(
            &values
                .iter()
                .map(|&x| ["a", "A", "b", "unknown", "c "][(x * 5.0) as usize % 5].to_string())
                .collect::<Vec<_>>(),
        ),
        3 => text(
            values
                .iter()
                .map(|&x| {
                    (!gap(x)).then(|| {
                        ["Paris", "paris", "?", "LaFayette", "Lafayette", "1", "2"][(x * 7.0) as usize % 7].to_string()
                    })
                })
                .collect(),
        ),
        4 => ColumnData::Boolean(values.iter().map(|&x| (!gap(x)).then_some(x > 0.5)).collect()),
        _ => integers((0..rows as i64).collect()),
    }
}

proptest::proptest! {
    /// Whatever a small table holds, the report is made, and every alert is one sentence that
    /// names columns of the table.
    #[test]
    fn any_small_table_gets_sound_alerts(rows in 0usize..60, kinds in proptest::collection::vec((0u8..6, 0u64..1000), 1..7)) {
        let columns: Vec<Column> = kinds.iter().enumerate().map(|(i, &(k, seed))| Column::new(format!("c{i}_id"), hostile_column(k, seed, rows))).collect();
        let t = Table::new("t", columns).unwrap();
        let report = profile(&t);
        for a in &report.alerts {
            proptest::prop_assert!(a.message.ends_with('.'), "{}", a.message);
            proptest::prop_assert!(a.columns.iter().all(|c| t.column(c).is_some()), "{:?}", a.columns);
        }
    }
}
