//! Permutation feature importance as horizontal bars: how much the score drops when one
//! input column is shuffled, with a whisker of ± one standard deviation over the shuffles.

use leptos::prelude::*;

use crate::ui::evaluation::metrics::Term;
use crate::ui::evaluation::plot::{padded_range, Frame, XAxis};
use crate::ui::format;
use crate::worker::protocol::{Importance, Task};

/// Height of one bar's row, in SVG units.
const ROW: f64 = 24.0;
/// Room on the left for the column names.
const NAMES: f64 = 150.0;

/// The importance chart of a model for `task`.
#[component]
pub fn ImportanceChart(importance: Vec<Importance>, task: Task) -> impl IntoView {
    let score = match task {
        Task::Classification => "Drop in accuracy when the column is shuffled",
        Task::Regression => "Drop in R² when the column is shuffled",
        Task::Clustering => "Share of rows that change cluster when the column is shuffled",
    };
    if importance.is_empty() {
        return view! { <p class="empty">"No input columns to measure."</p> }.into_any();
    }
    let ends = importance.iter().flat_map(|i| [i.mean - i.std, i.mean + i.std, 0.0]);
    let height = ROW * importance.len() as f64 + 58.0;
    let frame = Frame::sized(padded_range(ends), (0.0, importance.len() as f64), 640.0, height, NAMES);
    let zero = frame.x.at(0.0);
    let bars = importance
        .iter()
        .enumerate()
        .map(|(row, item)| {
            // Most important first, at the top.
            let top = frame.y.at((importance.len() - row) as f64) + 4.0;
            let middle = top + (ROW - 8.0) / 2.0;
            let end = frame.x.at(item.mean);
            let (left, right) = (frame.x.at(item.mean - item.std), frame.x.at(item.mean + item.std));
            let tip = format!("{}: {} ± {}", item.column, format::number(item.mean), format::number(item.std));
            view! {
                <g class="importance-bar">
                    <title>{tip}</title>
                    <text x=NAMES - 8.0 y=middle + 4.0 text-anchor="end" class="bar-name">{short(&item.column)}</text>
                    <rect x=zero.min(end) y=top width=(end - zero).abs().max(1.0) height=ROW - 8.0 class="bar" />
                    <line x1=left x2=right y1=middle y2=middle class="whisker" />
                </g>
            }
        })
        .collect_view();
    let listed =
        importance.iter().map(|i| format!("{} {}", i.column, format::number(i.mean))).collect::<Vec<_>>().join(", ");
    let label = format!("Permutation importance of each input column, most important first: {listed}");
    let title = label.clone();
    view! {
        <figure class="plot importance">
            <figcaption><Term name="Permutation importance" /></figcaption>
            <svg viewBox=format!("0 0 {} {height}", frame.width) role="img" aria-label=label>
                <title>{title}</title>
                <XAxis frame=frame title=score.to_string() />
                <g class="marks">
                    <line x1=zero x2=zero y1=frame.top() y2=frame.bottom class="reference" />
                    {bars}
                </g>
            </svg>
        </figure>
    }
    .into_any()
}

fn short(name: &str) -> String {
    if name.chars().count() > 22 {
        format!("{}…", name.chars().take(21).collect::<String>())
    } else {
        name.to_string()
    }
}
