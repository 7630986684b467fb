//! Stage 7: download the cleaned CSV, the model (as JSON, ONNX or SQL) and the recipe (as JSON
//! or SQL), or copy a link to the whole setup.

use leptos::prelude::*;

use crate::ui::download;
use crate::ui::export_model_as::{DownloadModelAs, ModelForm};
use crate::ui::export_sql::ExportSql;
use crate::ui::setup_link::CopySetupLink;
use crate::ui::stage::StageSection;
use crate::ui::state::{use_state, AppState, Stage};
use crate::worker::protocol::Request;

/// The Export stage.
#[component]
pub fn ExportStage() -> impl IntoView {
    let state = use_state();
    let no_data = move || state.dataset.with(Option::is_none);
    let cleaned =
        move |_| fetch(state, "Preparing the cleaned CSV", Request::ExportCleanedCsv { recipe: state.recipe.get() });
    let model = move |_| fetch(state, "Preparing the model file", Request::ExportModel);
    let recipe =
        move |_| fetch(state, "Preparing the recipe file", Request::ExportRecipe { recipe: state.recipe.get() });
    view! {
        <StageSection stage=Stage::Export>
            <div class="actions">
                <button type="button" class="button" on:click=cleaned disabled=move || no_data() || state.busy()>
                    "Download cleaned CSV"
                </button>
                <button type="button" class="button" on:click=model disabled=move || state.trained.with(Option::is_none) || state.busy()>
                    "Download model JSON"
                </button>
                <button type="button" class="button" on:click=recipe disabled=move || state.busy()>
                    "Download recipe JSON"
                </button>
            </div>
            <DownloadModelAs form=ModelForm::Onnx stage=Stage::Export ready=Signal::derive(move || state.trained.with(Option::is_some)) model_file=|| None />
            <DownloadModelAs form=ModelForm::Python stage=Stage::Export ready=Signal::derive(move || state.trained.with(Option::is_some)) model_file=|| None />
            <ExportSql />
            <CopySetupLink />
            <ul class="aside export-notes">
                <li>"Cleaned CSV: the active dataset with the recipe applied (fitted on all its rows)."</li>
                <li>"Model JSON: everything needed to predict on a new CSV, e.g. with "<code>"sift predict model.json new.csv"</code>"."</li>
                <li>"Recipe JSON: the steps, to reuse or review."</li>
                <li>"Model SQL and cleaning SQL: the model's predictions, or the recipe fitted on this data, as one SELECT over a table named input, to run in DuckDB or Spark on the whole table (as "<code>"sift sql"</code>" writes it)."</li>
                <li>"Link to this setup: opens Sift with the same sample (or asks for your file, which never goes into the link), recipe, target, algorithm and hyperparameters — for a class, one link on the board."</li>
            </ul>
        </StageSection>
    }
}

/// Asks the worker for a file and saves it.
pub fn fetch(state: AppState, label: &str, request: Request) {
    download::fetch(state, Stage::Export, label, request, Vec::new());
}
