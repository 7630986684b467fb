//! Correlation heatmaps drawn as SVG from the report: Pearson between numbers, Cramér's V
//! between categories. Each cell says its value on hover and to screen readers.

use leptos::prelude::*;

use crate::ui::format;
use crate::worker::protocol::Correlations;

/// Side of one heatmap cell, in SVG units.
const CELL: f64 = 38.0;
/// Room for the column names on the left and at the top.
const LABELS: f64 = 130.0;
/// Room on the right for the last slanted column name.
const RIGHT: f64 = 90.0;

/// The Pearson and Cramér's V heatmaps, when there are at least two columns to compare.
#[component]
pub fn CorrelationHeatmaps(correlations: Correlations) -> impl IntoView {
    let pearson = (correlations.numeric_columns.len() >= 2).then(|| {
        view! {
            <Heatmap title="Correlation between numeric columns (Pearson)" names=correlations.numeric_columns.clone()
                values=correlations.pearson.clone() signed=true />
        }
    });
    let spearman = correlations.spearman.clone().filter(|_| correlations.numeric_columns.len() >= 2).map(|values| {
        view! {
            <Heatmap title="Rank correlation between numeric columns (Spearman)" names=correlations.numeric_columns.clone()
                values=values signed=true />
        }
    });
    let cramers = (correlations.category_columns.len() >= 2).then(|| {
        view! {
            <Heatmap title="Association between category columns (Cramér's V)" names=correlations.category_columns.clone()
                values=correlations.cramers_v.clone() signed=false />
        }
    });
    let notes = correlations.notes.clone();
    view! {
        <div class="heatmaps">{pearson}{spearman}{cramers}</div>
        {(!notes.is_empty()).then(|| view! { <ul class="read-notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> })}
    }
}

/// One square matrix as coloured cells; `signed` colours −1…1 (blue–red), else 0…1.
#[component]
fn Heatmap(title: &'static str, names: Vec<String>, values: Vec<Vec<Option<f64>>>, signed: bool) -> impl IntoView {
    let n = names.len();
    let size = LABELS + CELL * n as f64;
    let cells = values
        .iter()
        .enumerate()
        .flat_map(|(i, row)| row.iter().enumerate().map(move |(j, v)| (i, j, *v)))
        .map(|(i, j, value)| {
            let (x, y) = (LABELS + CELL * j as f64, LABELS + CELL * i as f64);
            let label = match value {
                Some(v) => format!("{} and {}: {}", names[i], names[j], format::fixed(v, 2)),
                None => format!("{} and {}: not defined", names[i], names[j]),
            };
            let text = value.filter(|v| v.is_finite()).map(|v| format::fixed(v, 2)).unwrap_or_default();
            let ink = if value.is_some_and(|v| v.abs() > 0.55) { "cell-value strong" } else { "cell-value" };
            view! {
                <g>
                    <title>{label}</title>
                    <rect x=x y=y width=CELL - 1.0 height=CELL - 1.0 fill=colour(value, signed) />
                    <text x=x + CELL / 2.0 y=y + CELL / 2.0 + 3.5 text-anchor="middle" class=ink>{text}</text>
                </g>
            }
        })
        .collect_view();
    let row_labels = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let y = LABELS + CELL * i as f64 + CELL / 2.0 + 4.0;
            view! { <text x=LABELS - 6.0 y=y text-anchor="end" class="axis">{short(name)}</text> }
        })
        .collect_view();
    let column_labels = names
        .iter()
        .enumerate()
        .map(|(j, name)| {
            let x = LABELS + CELL * j as f64 + CELL / 2.0 + 4.0;
            view! {
                <text x=x y=LABELS - 6.0 class="axis" transform=format!("rotate(-45 {x} {})", LABELS - 6.0)>{short(name)}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="heatmap">
            <figcaption>{title}</figcaption>
            <svg viewBox=format!("0 0 {} {size}", size + RIGHT) width=size + RIGHT height=size role="img" aria-label=title>
                {row_labels}{column_labels}{cells}
            </svg>
        </figure>
    }
}

/// Column names longer than 16 characters, shortened with an ellipsis.
fn short(name: &str) -> String {
    if name.chars().count() > 16 {
        format!("{}…", name.chars().take(15).collect::<String>())
    } else {
        name.to_string()
    }
}

/// Red for positive, blue for negative, white near zero; grey when undefined.
fn colour(value: Option<f64>, signed: bool) -> String {
    let Some(v) = value.filter(|v| v.is_finite()) else { return "#d0d4da".to_string() };
    let strength = v.abs().min(1.0);
    let fade = |full: f64| (255.0 - (255.0 - full) * strength).round() as u8;
    let (r, g, b) = if v >= 0.0 || !signed {
        (fade(178.0), fade(24.0), fade(43.0))
    } else {
        (fade(33.0), fade(102.0), fade(172.0))
    };
    format!("rgb({r},{g},{b})")
}
