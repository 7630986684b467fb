//! The page: header, status bar and stage navigator, the stages in order, and the drop overlay.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::ui::data_stage::DataStage;
use crate::ui::dom::test_hooks_enabled;
use crate::ui::drop_zone::DropOverlay;
use crate::ui::evaluation::EvaluationStage;
use crate::ui::export_stage::ExportStage;
use crate::ui::persist;
use crate::ui::predict::PredictStage;
use crate::ui::quality_stage::QualityStage;
use crate::ui::recipe::RecipeStage;
use crate::ui::setup_link::{open_setup_link, LinkNoticeBanner};
use crate::ui::stage_nav::StageNav;
use crate::ui::state::{AppState, Stage};
use crate::ui::status_bar::StatusBar;
use crate::ui::train::setup::Setup;
use crate::ui::train::TrainStage;
use crate::ui::update_banner::UpdateBanner;
use crate::worker::protocol::Request;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    let setup = Setup::new(state);
    provide_context(setup);
    persist::start(state, setup);
    open_setup_link(state);
    if test_hooks_enabled() {
        install_test_hooks(state);
    }
    view! {
        <header class="masthead">
            <div class="masthead-inner">
                <p class="brand">"Sift"</p>
                <p class="tagline">"Your data never leaves this browser tab."</p>
            </div>
        </header>
        <UpdateBanner />
        <LinkNoticeBanner />
        <div class="sticky-top">
            <StatusBar />
            <StageNav />
        </div>
        <main class="page">
            <h1 class="visually-hidden">"Sift — data prep and machine learning in your browser"</h1>
            <DataStage />
            <QualityStage />
            <RecipeStage />
            <TrainStage />
            <EvaluationStage />
            <PredictStage />
            <ExportStage />
        </main>
        <footer class="footer">
            <p>"Sift runs entirely in this tab: files are read here and never uploaded."</p>
        </footer>
        <DropOverlay />
    }
}

/// `window.siftCrashWorker()`: makes the engine panic, to test recovery end to end.
fn install_test_hooks(state: AppState) {
    let crash = Closure::<dyn Fn()>::new(move || {
        state.run(Stage::Data, "Crashing the engine on purpose", Request::Crash, Vec::new(), |_| {});
    });
    let _ = js_sys::Reflect::set(&window(), &"siftCrashWorker".into(), &crash.into_js_value());
}
