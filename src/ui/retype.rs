//! "Change column types": force one or many columns to a type and read the file again.
//! Values that do not fit the new type become missing, and the reading notes say how many.

use leptos::html;
use leptos::prelude::*;

use crate::ui::dom::selected_values;
use crate::ui::read_options::reread;
use crate::ui::state::{use_state, AppState, Stage};
use crate::worker::protocol::ColumnType;

/// The form: columns (several at once), their new type, and "Change type".
#[component]
pub fn RetypeColumns() -> impl IntoView {
    let state = use_state();
    let columns_select = NodeRef::<html::Select>::new();
    let new_type = RwSignal::new(ColumnType::Category);
    let column_options = move || state.column_options();
    let type_options = ColumnType::ALL
        .iter()
        .map(|t| view! { <option value=t.name() selected=move || new_type.get() == *t>{t.name()}</option> })
        .collect_view();
    let on_type = move |e| {
        let name = event_target_value(&e);
        if let Some(t) = ColumnType::ALL.iter().find(|t| t.name() == name) {
            new_type.set(*t);
        }
    };
    let change = move |_| {
        let columns = columns_select.get().map(|s| selected_values(&s)).unwrap_or_default();
        if columns.is_empty() {
            return state.fail(Stage::Data, "Choose one or more columns whose type to change.".into());
        }
        retype(state, columns, new_type.get_untracked());
    };
    view! {
        <fieldset class="retype">
            <legend>"Change column types"</legend>
            <div class="fields">
                <div class="field">
                    <label for="retype-columns">"Columns to retype"</label>
                    <select id="retype-columns" multiple size="4" node_ref=columns_select>{column_options}</select>
                </div>
                <div class="field">
                    <label for="retype-type">"New type"</label>
                    <select id="retype-type" on:change=on_type>{type_options}</select>
                </div>
            </div>
            <button type="button" class="button" on:click=change
                disabled=move || state.busy() || state.dataset.with(|d| d.is_none())>"Change type"</button>
        </fieldset>
    }
}

/// Forces `columns` to `column_type` in the reading options and re-reads the active file.
fn retype(state: AppState, columns: Vec<String>, column_type: ColumnType) {
    state.read_options.update(|o| {
        o.column_types.retain(|(name, _)| !columns.contains(name));
        o.column_types.extend(columns.into_iter().map(|name| (name, column_type)));
    });
    reread(state);
}
