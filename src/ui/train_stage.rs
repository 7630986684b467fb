//! Stage 4: choose the target, algorithm, task, test share and seed; train; summarize.

use leptos::prelude::*;

use crate::ui::format;
use crate::ui::stage::StageSection;
use crate::ui::state::{use_state, Stage, TrainedModel};
use crate::worker::protocol::{
    Algorithm, Answer, ColumnSummary, ColumnType, Request, Task, TrainOptions,
};

/// The algorithms that learn a target (clustering comes with its own stage later).
fn supervised() -> impl Iterator<Item = Algorithm> {
    Algorithm::ALL.into_iter().filter(|a| a.supports(Task::Classification) || a.supports(Task::Regression))
}

/// The Train stage.
#[component]
pub fn TrainStage() -> impl IntoView {
    let state = use_state();
    let columns = Memo::new(move |_| {
        state
            .dataset
            .with(|d| d.as_ref().map(|d| d.columns.clone()).unwrap_or_default())
    });
    let chosen_target = RwSignal::new(None::<String>);
    let target = Memo::new(move |_| {
        columns.with(|columns| match chosen_target.get() {
            Some(name) if columns.iter().any(|c| c.name == name) => Some(name),
            _ => default_target(columns),
        })
    });
    let algorithm = RwSignal::new(Algorithm::RandomForest);
    let task = RwSignal::new(None::<Task>);
    let test_share = RwSignal::new("0.25".to_string());
    let seed = RwSignal::new("42".to_string());

    let train = move |_| {
        let Some(target) = target.get() else {
            return state.fail(
                Stage::Train,
                "Load data first: there is no column to predict yet.".into(),
            );
        };
        let options = match parse_options(
            target,
            task.get(),
            algorithm.get(),
            &test_share.get(),
            &seed.get(),
        ) {
            Ok(options) => options,
            Err(message) => return state.fail(Stage::Train, message),
        };
        let dataset = state
            .dataset
            .with(|d| d.as_ref().map(|d| d.name.clone()).unwrap_or_default());
        let recipe = state.recipe.get();
        let request = Request::Train { recipe, options };
        state.run(
            Stage::Train,
            "Training the model",
            request,
            Vec::new(),
            move |answer| {
                if let Answer::Trained { recipe, summary } = answer {
                    let target = summary.target.clone();
                    state.edit_recipe(|r| *r = recipe);
                    state.reprofile(|o| o.target = Some(target));
                    state.trained.set(Some(TrainedModel {
                        dataset,
                        summary: *summary,
                    }));
                }
            },
        );
    };

    let target_options = move || {
        let selected = target.get();
        columns.with(|columns| {
            columns
                .iter()
                .map(|c| {
                    let is_selected = selected.as_deref() == Some(c.name.as_str());
                    view! { <option value=c.name.clone() selected=is_selected>{c.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    let algorithm_options = supervised()
        .map(|a| view! { <option value=a.name() title=a.help() selected=move || algorithm.get() == a>{a.label()}</option> })
        .collect_view();
    let on_algorithm = move |e| {
        if let Some(a) = Algorithm::parse(&event_target_value(&e)) {
            algorithm.set(a);
        }
    };
    let on_task = move |e| {
        task.set(match event_target_value(&e).as_str() {
            "classification" => Some(Task::Classification),
            "regression" => Some(Task::Regression),
            _ => None,
        })
    };
    view! {
        <StageSection stage=Stage::Train>
            <div class="fields">
                <div class="field">
                    <label for="target-column">"Target column"</label>
                    <select id="target-column" on:change=move |e| {
                        let chosen = event_target_value(&e);
                        chosen_target.set(Some(chosen.clone()));
                        state.reprofile(|o| o.target = Some(chosen));
                    }>{target_options}</select>
                </div>
                <div class="field">
                    <label for="algorithm">"Algorithm"</label>
                    <select id="algorithm" on:change=on_algorithm>{algorithm_options}</select>
                </div>
                <div class="field">
                    <label for="task">"Task"</label>
                    <select id="task" on:change=on_task>
                        <option value="auto" selected>"Automatic"</option>
                        <option value="classification">"Classification"</option>
                        <option value="regression">"Regression"</option>
                    </select>
                </div>
                <NumberField label="Test share" value=test_share step="0.05" min="0.05" max="0.9" />
                <NumberField label="Seed" value=seed step="1" min="0" max="" />
            </div>
            <p class="aside">
                "Automatic task: categories, text and yes/no targets are classified; numbers are regressed. "
                "The test share is held back to measure the model; the seed makes the split and the model repeatable."
            </p>
            <button type="button" class="button primary" on:click=train disabled=move || state.busy()>"Train model"</button>
            {move || state.trained.get().map(|model| view! { <Summary model=model /> })}
        </StageSection>
    }
}

/// A labelled number input bound to a text signal.
#[component]
fn NumberField(
    label: &'static str,
    value: RwSignal<String>,
    step: &'static str,
    min: &'static str,
    max: &'static str,
) -> impl IntoView {
    let id = label.to_lowercase().replace(' ', "-");
    view! {
        <div class="field narrow">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="number"
                inputmode="decimal"
                step=step
                min=min
                max=(!max.is_empty()).then_some(max)
                prop:value=move || value.get()
                on:input=move |e| value.set(event_target_value(&e))
            />
        </div>
    }
}

/// What training did: task, algorithm, rows, left-out rows and added steps.
#[component]
fn Summary(model: TrainedModel) -> impl IntoView {
    let s = model.summary;
    let task = match s.task {
        Task::Classification => "Classification",
        Task::Regression => "Regression",
        Task::Clustering => "Clustering",
    };
    let headline = format!(
        "{task} of “{}” with {}, trained on {}.",
        s.target,
        s.algorithm.label(),
        model.dataset
    );
    let rows = format!(
        "{} rows for training, {} held back for testing; the model uses {} input columns.",
        format::count(s.train_rows),
        format::count(s.test_rows),
        format::count(s.features.len())
    );
    let left_out = (s.missing_target_rows > 0).then(|| {
        let n = s.missing_target_rows;
        format!(
            "{} {} with a missing target {} left out.",
            format::count(n),
            if n == 1 { "row" } else { "rows" },
            if n == 1 { "was" } else { "were" }
        )
    });
    let added = (!s.added_steps.is_empty()).then(|| {
        let items = s
            .added_steps
            .iter()
            .map(|step| view! { <li>{step.clone()}</li> })
            .collect_view();
        view! {
            <p>"Sift added what the model needed (marked “automatic” in the recipe):"</p>
            <ul class="added">{items}</ul>
        }
    });
    view! {
        <div class="summary" aria-label="Training summary" role="group">
            <p class="headline">{headline}</p>
            <p>{rows}</p>
            {left_out.map(|text| view! { <p class="note">{text}</p> })}
            {added}
        </div>
    }
}

/// The first category column, else the last column.
fn default_target(columns: &[ColumnSummary]) -> Option<String> {
    columns
        .iter()
        .find(|c| c.column_type == ColumnType::Category)
        .or(columns.last())
        .map(|c| c.name.clone())
}

fn parse_options(
    target: String,
    task: Option<Task>,
    algorithm: Algorithm,
    share: &str,
    seed: &str,
) -> Result<TrainOptions, String> {
    let test_share = share
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|x| *x > 0.0 && *x < 1.0)
        .ok_or_else(|| {
            format!(
                "The test share must be a number between 0 and 1, such as 0.25 (it is “{}”).",
                share.trim()
            )
        })?;
    let seed = seed.trim().parse::<u64>().map_err(|_| {
        format!(
            "The seed must be a whole number, such as 42 (it is “{}”).",
            seed.trim()
        )
    })?;
    Ok(TrainOptions {
        target,
        task,
        algorithm,
        params: Default::default(),
        test_share,
        seed,
    })
}
