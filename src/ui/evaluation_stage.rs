//! Stage 5: how good the model is on the held-back test rows.

use leptos::prelude::*;

use crate::ui::format;
use crate::ui::stage::StageSection;
use crate::ui::state::{use_state, Stage};
use crate::worker::protocol::{ClassScore, Evaluation};

/// The Evaluate stage (region "Evaluation").
#[component]
pub fn EvaluationStage() -> impl IntoView {
    let state = use_state();
    view! {
        <StageSection stage=Stage::Evaluate>
            {move || match state.trained.get() {
                Some(model) => view! { <EvaluationView evaluation=model.summary.evaluation test_rows=model.summary.test_rows /> }.into_any(),
                None => view! { <p class="empty">"Train a model in step 4 to see how well it predicts."</p> }.into_any(),
            }}
        </StageSection>
    }
}

#[component]
fn EvaluationView(evaluation: Evaluation, test_rows: usize) -> impl IntoView {
    let note = format!(
        "Measured on {} test rows the model never saw while training.",
        format::count(test_rows)
    );
    let body = match evaluation {
        Evaluation::Classification {
            classes,
            accuracy,
            f1_macro,
            per_class,
            confusion,
            ..
        } => view! {
            <dl class="metrics">
                <Metric name="Accuracy" value=format::percent(accuracy) />
                <Metric name="Macro F1" value=format::score(f1_macro) />
            </dl>
            <PerClassTable scores=per_class />
            <ConfusionMatrix classes=classes counts=confusion />
        }
        .into_any(),
        Evaluation::Regression { r2, mae, rmse, .. } => view! {
            <dl class="metrics">
                <Metric name="R²" value=format::score(r2) />
                <Metric name="MAE" value=format::number(mae) />
                <Metric name="RMSE" value=format::number(rmse) />
            </dl>
        }
        .into_any(),
        Evaluation::Clustering { silhouette, .. } => view! {
            <dl class="metrics">
                <Metric name="Silhouette" value=silhouette.map(format::score).unwrap_or_else(|| "not defined".into()) />
            </dl>
        }
        .into_any(),
    };
    view! {
        <p class="aside">{note}</p>
        {body}
    }
}

#[component]
fn Metric(name: &'static str, value: String) -> impl IntoView {
    view! { <div class="metric"><dt>{name}</dt><dd>{value}</dd></div> }
}

#[component]
fn PerClassTable(scores: Vec<ClassScore>) -> impl IntoView {
    let rows = scores
        .into_iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{s.class}</th>
                    <td class="num">{format::score(s.precision)}</td>
                    <td class="num">{format::score(s.recall)}</td>
                    <td class="num">{format::score(s.f1)}</td>
                    <td class="num">{format::count(s.support)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table aria-label="Per-class metrics" class="data">
                <thead>
                    <tr>
                        <th scope="col">"Class"</th>
                        <th scope="col" class="num">"Precision"</th>
                        <th scope="col" class="num">"Recall"</th>
                        <th scope="col" class="num">"F1"</th>
                        <th scope="col" class="num">"Support"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Rows: actual class; columns: predicted class; cells shaded by count.
#[component]
fn ConfusionMatrix(classes: Vec<String>, counts: Vec<Vec<usize>>) -> impl IntoView {
    let max = counts.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    let head = classes
        .iter()
        .map(|c| view! { <th scope="col">{c.clone()}</th> })
        .collect_view();
    let rows = classes
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(actual, (class, row))| {
            let cells = row
                .into_iter()
                .enumerate()
                .map(|(predicted, n)| {
                    let shade = n as f64 / max;
                    let strong = shade > 0.55;
                    let style = format!("--shade: {shade:.3}");
                    view! {
                        <td class="num cell" class:diagonal=actual == predicted class:strong=strong style=style>
                            {format::count(n)}
                        </td>
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{class.clone()}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table aria-label="Confusion matrix" class="data confusion">
                <caption>"Rows: actual class · columns: predicted class"</caption>
                <thead><tr><th scope="col"><span class="visually-hidden">"Actual \\ predicted"</span></th>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
