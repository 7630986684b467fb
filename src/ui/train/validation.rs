//! k-fold cross-validation: every fold held out once, the recipe fitted inside each fold,
//! each score's mean ± standard deviation over the folds.

use leptos::prelude::*;

use crate::ui::train::choices::NumberField;
use crate::ui::train::metrics::{mean_std, metric_label, metric_names, metric_value};
use crate::ui::train::results::use_train_results;
use crate::ui::train::setup::Setup;
use crate::ui::train::{run_job, Panel};
use crate::worker::protocol::{Answer, CrossValidation, Request, Task};

/// The "Cross-validation" panel.
#[component]
pub fn CrossValidationPanel(setup: Setup) -> impl IntoView {
    let result = use_train_results().cross_validation;
    let start = move |_| {
        let folds = match setup.fold_count() {
            Ok(k) => k,
            Err(e) => return setup.state.fail(crate::ui::state::Stage::Train, e),
        };
        let label = format!("Cross-validating {} ({folds} folds)", setup.algorithm.get_untracked().label());
        run_job(
            setup,
            &label,
            move |recipe, options| Request::CrossValidate { recipe, options, folds },
            move |answer| {
                if let Answer::CrossValidated(cv) = answer {
                    result.set(Some(*cv));
                }
            },
        );
    };
    view! {
        <Panel title="Cross-validation" intro=concat!(
            "Trains and scores the model once per fold, each fold held out in turn (folds keep the class mix for classification). ",
            "The spread (±) shows how much the score depends on which rows are held out."
        )>
            <div class="actions">
                <NumberField label="Folds" value=setup.folds step="1" min="2" max="20" />
                <button type="button" class="button" on:click=start disabled=move || setup.state.busy()>"Cross-validate"</button>
            </div>
            {move || result.get().map(|cv| view! { <CvTable cv=cv /> })}
        </Panel>
    }
}

#[component]
fn CvTable(cv: CrossValidation) -> impl IntoView {
    let k = cv.folds.len();
    let caption = format!("{k}-fold cross-validation of {} ({})", cv.algorithm.label(), cv.params);
    let fold_heads = (1..=k).map(|i| view! { <th scope="col">{format!("Fold {i}")}</th> }).collect_view();
    let task = if cv.task == Task::Clustering { Task::Classification } else { cv.task };
    let rows = metric_names(task)
        .iter()
        .filter_map(|&name| {
            let summary = cv.metrics.get(name)?;
            let folds = cv
                .folds
                .iter()
                .map(|f| view! { <td class="num">{f.metrics.get(name).map(|x| metric_value(name, *x)).unwrap_or_default()}</td> })
                .collect_view();
            Some(view! {
                <tr>
                    <th scope="row">{metric_label(name).to_string()}</th>
                    <td class="num mean-std">{mean_std(name, summary)}</td>
                    {folds}
                </tr>
            })
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data cv-table">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">"Score"</th><th scope="col">"Mean ± std"</th>{fold_heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
