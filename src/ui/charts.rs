//! Small SVG charts drawn from the report: a histogram and a horizontal bar chart.

use leptos::prelude::*;

use crate::ui::format;
use crate::worker::protocol::ColumnType;

/// One bar of a histogram, already labelled.
#[derive(Clone, Debug, PartialEq)]
pub struct HistogramBar {
    /// The bar's range, e.g. "40 – 45".
    pub range: String,
    pub count: usize,
}

const WIDTH: f64 = 240.0;
const HEIGHT: f64 = 64.0;

/// Vertical bars of counts per range; `name` titles it for assistive technology.
#[component]
pub fn Histogram(name: String, bars: Vec<HistogramBar>, low: String, high: String) -> impl IntoView {
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let step = WIDTH / bars.len().max(1) as f64;
    let label = format!("Histogram of {name}, from {low} to {high}");
    let rects = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let height = if bar.count == 0 { 0.0 } else { (bar.count as f64 / max * (HEIGHT - 2.0)).max(1.5) };
            let tip = format!("{}: {} rows", bar.range, format::count(bar.count));
            view! {
                <rect x=i as f64 * step + 1.0 y=HEIGHT - height width=(step - 2.0).max(1.0) height=height class="bar">
                    <title>{tip}</title>
                </rect>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label.clone() preserveAspectRatio="none">
                <title>{label.clone()}</title>
                {rects}
                <line x1="0" x2=WIDTH y1=HEIGHT - 0.5 y2=HEIGHT - 0.5 class="axis" />
            </svg>
            <figcaption class="axis-labels"><span>{low}</span><span>{high}</span></figcaption>
        </figure>
    }
}

/// Horizontal bars: how often each of the top values occurs among `rows` rows.
#[component]
pub fn TopValuesChart(name: String, values: Vec<(String, usize)>, rows: usize) -> impl IntoView {
    const ROW: f64 = 18.0;
    const LABEL: f64 = 84.0;
    let height = ROW * values.len() as f64;
    let max = values.iter().map(|v| v.1).max().unwrap_or(0).max(1) as f64;
    let label = format!("Most frequent values of {name}");
    let bars = values
        .into_iter()
        .enumerate()
        .map(|(i, (value, count))| {
            let y = i as f64 * ROW;
            let width = count as f64 / max * (WIDTH - LABEL - 44.0);
            let share = if rows == 0 { String::new() } else { format::percent(count as f64 / rows as f64) };
            let tip = format!("{value}: {} rows ({share})", format::count(count));
            view! {
                <g>
                    <title>{tip}</title>
                    <text x=LABEL - 4.0 y=y + ROW * 0.68 class="bar-label" text-anchor="end">{shorten(&value, 14)}</text>
                    <rect x=LABEL y=y + 3.0 width=width.max(1.0) height=ROW - 6.0 class="bar" />
                    <text x=LABEL + width + 4.0 y=y + ROW * 0.68 class="bar-value">{format::count(count)}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=label.clone()>
                <title>{label.clone()}</title>
                {bars}
            </svg>
        </figure>
    }
}

/// A value of a numeric column as text: dates as YYYY-MM-DD, datetimes as
/// YYYY-MM-DDTHH:MM:SS, numbers for people.
pub fn axis_value(column_type: ColumnType, x: f64) -> String {
    match column_type {
        ColumnType::Date => crate::worker::protocol::format_iso_date(x.round() as i32),
        ColumnType::DateTime => crate::worker::protocol::format_iso_datetime(x.round() as i64),
        _ => format::number(x),
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}
