//! The confusion matrix: rows are the actual classes, columns the predicted ones; cells shaded
//! by value, as counts or as shares of each actual class (each row adds up to 100%).

use leptos::prelude::*;

use crate::ui::format;

/// The matrix with a switch between counts and shares of each actual class.
#[component]
pub fn ConfusionMatrix(classes: Vec<String>, counts: Vec<Vec<usize>>, shares: Vec<Vec<f64>>) -> impl IntoView {
    let normalised = RwSignal::new(false);
    let has_shares = shares.len() == counts.len();
    let toggle = has_shares.then(|| {
        view! {
            <fieldset class="segmented">
                <legend class="visually-hidden">"Confusion matrix cells show"</legend>
                <label>
                    <input type="radio" name="confusion-cells" checked on:change=move |_| normalised.set(false) />
                    "Counts"
                </label>
                <label>
                    <input type="radio" name="confusion-cells" on:change=move |_| normalised.set(true) />
                    "Share of each actual class"
                </label>
            </fieldset>
        }
    });
    let max = counts.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    let head = classes.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view();
    let rows = classes
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(actual, (class, row))| {
            let row_shares = shares.get(actual).cloned().unwrap_or_default();
            let cells = row
                .into_iter()
                .enumerate()
                .map(|(predicted, n)| {
                    let share = row_shares.get(predicted).copied().unwrap_or(0.0);
                    let shade = move || if normalised.get() { share } else { n as f64 / max };
                    let text = move || if normalised.get() { format::percent(share) } else { format::count(n) };
                    view! {
                        <td class="num cell" class:diagonal=actual == predicted class:strong={move || shade() > 0.55}
                            style=move || format!("--shade: {:.3}", shade())>
                            {text}
                        </td>
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{class.clone()}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="confusion-block">
            <h3 class="subhead">"Confusion matrix"</h3>
            {toggle}
            <div class="table-scroll" tabindex="0" role="group" aria-label="Confusion matrix, scrolls sideways">
                <table aria-label="Confusion matrix" class="data confusion">
                    <caption>"Rows: actual class · columns: predicted class"</caption>
                    <thead><tr><th scope="col"><span class="visually-hidden">"Actual \\ predicted"</span></th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </div>
    }
}
