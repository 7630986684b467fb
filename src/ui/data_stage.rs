//! Stage 1: open files or a bundled sample, and preview the active dataset.

use leptos::prelude::*;
use web_sys::{File, HtmlInputElement};

use crate::ui::dom::files_of;
use crate::ui::format;
use crate::ui::join_panel::JoinPanel;
use crate::ui::persist::SessionPanel;
use crate::ui::read_options::ReadOptions;
use crate::ui::sample_chooser::SampleChooser;
use crate::ui::stage::StageSection;
use crate::ui::state::{use_state, AppState, Stage};
use crate::worker::protocol::{ColumnType, DatasetView, Request};

/// Opens `files` (all or nothing); the last becomes the active dataset.
pub fn open_files(state: AppState, files: Vec<File>) {
    if files.is_empty() {
        return;
    }
    let names: Vec<String> = files.iter().map(File::name).collect();
    let label =
        if names.len() == 1 { format!("Opening {}", names[0]) } else { format!("Opening {} files", names.len()) };
    let options = state.read_options.get_untracked();
    state.forget_automatic_steps();
    state.load(&label, Request::LoadFiles { names, options }, files);
}

/// The Data stage.
#[component]
pub fn DataStage() -> impl IntoView {
    let state = use_state();
    let on_files = move |event: web_sys::Event| {
        let input: HtmlInputElement = event_target(&event);
        let files = input.files().map(|list| files_of(&list)).unwrap_or_default();
        input.set_value("");
        open_files(state, files);
    };
    view! {
        <StageSection stage=Stage::Data>
            <div class="actions">
                <input
                    type="file"
                    id="open-files"
                    class="visually-hidden"
                    multiple
                    accept=".csv,.tsv,.txt,text/csv"
                    on:change=on_files
                />
                <label for="open-files" class="button primary">"Open CSV files"</label>
                <SampleChooser />
            </div>
            <SessionPanel />
            <ReadOptions />
            <JoinPanel />
            {move || state.dataset.get().map(|view| view! { <DatasetSummary view=view /> })}
        </StageSection>
    }
}

/// File name, size, dataset switcher and preview of the active dataset.
#[component]
fn DatasetSummary(view: DatasetView) -> impl IntoView {
    let state = use_state();
    let size =
        format!("{} rows × {} columns{}", format::count(view.rows), format::count(view.columns.len()), timing(&view));
    let switcher = (view.datasets.len() > 1).then(|| {
        let active = view.active;
        let options = view
            .datasets
            .iter()
            .enumerate()
            .map(|(i, d)| view! { <option value=i.to_string() selected=i == active>{d.name.clone()}</option> })
            .collect_view();
        let on_change = move |event| {
            if let Ok(index) = event_target_value(&event).parse::<usize>() {
                state.run(Stage::Data, "Switching dataset", Request::Activate { index }, Vec::new(), move |a| {
                    state.show(a)
                });
            }
        };
        view! {
            <div class="field inline">
                <label for="dataset-select">"Dataset"</label>
                <select id="dataset-select" on:change=on_change>{options}</select>
            </div>
        }
    });
    view! {
        <div class="dataset">
            <div class="dataset-head">
                <p>
                    <strong class="file-name">{view.name.clone()}</strong>
                    " · "
                    <span class="size">{size}</span>
                </p>
                {switcher}
            </div>
            {view.made_from.clone().map(|note| view! { <p class="made-from">{note}</p> })}
            {view.sample_note.clone().map(|note| view! { <p class="sample-note" role="status">{note}</p> })}
            {unfit_note(&view).map(|note| view! { <p class="unfit-note" role="status">{note}</p> })}
            <PreviewTable view=view />
        </div>
    }
}

/// How long reading and the report took, as " · read in 0.91 s · report in 0.48 s", where
/// they were timed: the speed a person gets is part of what they learn about their file.
fn timing(view: &DatasetView) -> String {
    let phases = [("read", view.seconds.read), ("report", view.seconds.report)];
    let time = |s: f64| if s < 0.01 { "under 0.01 s".to_string() } else { format!("{s:.2} s") };
    phases.iter().filter_map(|(what, s)| s.map(|s| format!(" · {what} in {}", time(s)))).collect()
}

/// How many values did not fit the types the user forced, per column, if any did: they are
/// missing now, which the user must not overlook.
fn unfit_note(view: &DatasetView) -> Option<String> {
    let columns: Vec<_> = view.ingest.columns.iter().filter(|c| c.unfit > 0).collect();
    let total: usize = columns.iter().map(|c| c.unfit).sum();
    (total > 0).then(|| {
        let per_column: Vec<String> =
            columns.iter().map(|c| format!("{} in “{}” ({})", format::count(c.unfit), c.name, c.column_type.name())).collect();
        format!(
            "{} value{} did not fit the type you chose and {} now missing: {}. Change the type in Reading options to keep them.",
            format::count(total),
            if total == 1 { "" } else { "s" },
            if total == 1 { "is" } else { "are" },
            per_column.join(", ")
        )
    })
}

/// The first rows, with each column's type under its name.
#[component]
fn PreviewTable(view: DatasetView) -> impl IntoView {
    let numeric: Vec<bool> =
        view.columns.iter().map(|c| matches!(c.column_type, ColumnType::Number | ColumnType::Integer)).collect();
    let head = view
        .columns
        .iter()
        .map(|column| {
            view! {
                <th scope="col">
                    <span class="column-name">{column.name.clone()}</span>
                    <TypeBadge column_type=column.column_type />
                </th>
            }
        })
        .collect_view();
    let caption = format!("First {} of {} rows", format::count(view.preview.len()), format::count(view.rows));
    let body = view
        .preview
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .zip(numeric.iter().copied())
                .map(|(cell, is_number)| match cell {
                    Some(text) => view! { <td class:num=is_number>{text}</td> }.into_any(),
                    None => view! { <td class="missing"><abbr title="missing value">"—"</abbr></td> }.into_any(),
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="group" aria-label="Data preview, scrolls sideways">
            <table aria-label="Data preview" class="preview">
                <caption>{caption}</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// A column type as a small badge ("number", "category", …).
#[component]
pub fn TypeBadge(column_type: ColumnType) -> impl IntoView {
    let name = column_type.name();
    view! { <span class=format!("badge type type-{name}")>{name}</span> }
}
