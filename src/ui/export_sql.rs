//! The Export stage's SQL downloads: the trained model, or the recipe fitted on this data, as
//! one `SELECT` for DuckDB or Spark SQL (the statement `sift sql` prints; docs/sql.md), so a
//! data engineer can run the same cleaning and predictions over the whole table where it lives.

use leptos::prelude::*;

use crate::ui::export_stage::fetch;
use crate::ui::state::use_state;
use crate::worker::protocol::{Dialect, Request};

/// The dialect select and the two SQL buttons.
#[component]
pub fn ExportSql() -> impl IntoView {
    let state = use_state();
    let dialect = RwSignal::new(Dialect::DuckDb);
    let on_change = move |event| {
        if let Some(chosen) = Dialect::parse(&event_target_value(&event)) {
            dialect.set(chosen);
        }
    };
    let options = Dialect::ALL
        .into_iter()
        .map(|d| view! { <option value=d.name() selected=move || dialect.get() == d>{label(d)}</option> })
        .collect_view();
    let model = move |_| {
        let request = Request::ExportSql { dialect: dialect.get_untracked(), recipe: None };
        fetch(state, "Writing the model as SQL", request);
    };
    let cleaning = move |_| {
        let request =
            Request::ExportSql { dialect: dialect.get_untracked(), recipe: Some(state.recipe.get_untracked()) };
        fetch(state, "Writing the recipe as SQL", request);
    };
    view! {
        <div class="actions export-sql">
            <div class="field inline">
                <label for="sql-dialect">"SQL dialect"</label>
                <select id="sql-dialect" on:change=on_change>{options}</select>
            </div>
            <button type="button" class="button" on:click=model disabled=move || state.trained.with(Option::is_none) || state.busy()>
                "Download model SQL"
            </button>
            <button type="button" class="button" on:click=cleaning disabled=move || state.dataset.with(Option::is_none) || state.busy()>
                "Download cleaning SQL"
            </button>
        </div>
    }
}

/// The name people know the engine by.
fn label(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::DuckDb => "DuckDB",
        Dialect::Spark => "Spark SQL",
    }
}
