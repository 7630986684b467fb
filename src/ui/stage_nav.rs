//! The stage navigator: the seven stages as a compact, sticky list of links, each saying its
//! state (empty, ready, done, failed), so a learner who scrolled away knows where they are and
//! gets back in one click or key press. A link moves focus to its stage's section (so a screen
//! reader announces the region and Tab continues from there), not only the scroll position.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::ui::state::{use_state, AppState, Stage};

/// Every stage, in the order of the page.
const STAGES: [Stage; 7] =
    [Stage::Data, Stage::Quality, Stage::Prepare, Stage::Train, Stage::Evaluate, Stage::Predict, Stage::Export];

/// Where a stage stands, as the navigator shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StageState {
    /// Nothing to do here yet: an earlier stage comes first.
    Empty,
    /// Its inputs are there: the user can act here now.
    Ready,
    /// It has produced its result (data loaded, report made, recipe built, model trained).
    Done,
    /// Its last job failed; the stage shows why.
    Failed,
}

impl StageState {
    fn word(self) -> &'static str {
        match self {
            StageState::Empty => "empty",
            StageState::Ready => "ready",
            StageState::Done => "done",
            StageState::Failed => "failed",
        }
    }

    /// What the state means, for the link's tooltip.
    fn hint(self) -> &'static str {
        match self {
            StageState::Empty => "Nothing here yet: an earlier stage comes first.",
            StageState::Ready => "Ready: you can work here now.",
            StageState::Done => "Done: this stage has its result.",
            StageState::Failed => "The last job here failed: the stage says why.",
        }
    }

    /// The mark beside the stage's name (also told in words, for people and screen readers).
    fn mark(self, stage: Stage) -> String {
        match self {
            StageState::Done => "✓".into(),
            StageState::Failed => "!".into(),
            StageState::Empty | StageState::Ready => stage.number().to_string(),
        }
    }
}

/// The state of `stage` from what the page holds now.
fn stage_state(state: AppState, stage: Stage) -> StageState {
    if state.alert.with(|a| a.as_ref().is_some_and(|a| a.stage == stage)) {
        return StageState::Failed;
    }
    let data = state.dataset.with(Option::is_some);
    let trained = state.trained.with(Option::is_some);
    let steps = state.recipe.with(|r| !r.steps.is_empty());
    let (done, ready) = match stage {
        Stage::Data => (data, true),
        Stage::Quality => (data, false),
        Stage::Prepare => (data && steps, data),
        Stage::Train | Stage::Evaluate => (trained, data && stage == Stage::Train),
        // A model JSON can be opened at any time; its predictions live in the stage itself.
        Stage::Predict => (false, true),
        Stage::Export => (false, data),
    };
    match (done, ready) {
        (true, _) => StageState::Done,
        (false, true) => StageState::Ready,
        (false, false) => StageState::Empty,
    }
}

/// Scrolls to the section of `stage` and moves focus to it.
fn go_to(stage: Stage) {
    let Some(section) = document().get_element_by_id(&stage.section_id()) else { return };
    if !section.has_attribute("tabindex") {
        let _ = section.set_attribute("tabindex", "-1");
    }
    section.scroll_into_view();
    if let Ok(section) = section.dyn_into::<HtmlElement>() {
        let _ = section.focus();
    }
}

/// The stage being read: the last whose section starts above a line just below the sticky
/// band, or the last stage once the page is scrolled to its end.
fn stage_in_view() -> Stage {
    let window = window();
    let top = window.scroll_y().unwrap_or(0.0);
    let height = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    let page_end = document().document_element().map_or(0.0, |e| f64::from(e.scroll_height()));
    if top > 0.0 && top + height >= page_end - 2.0 {
        return Stage::Export;
    }
    let line = top + 160.0;
    let starts = |stage: Stage| {
        document()
            .get_element_by_id(&stage.section_id())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            .map(|e| f64::from(e.offset_top()))
    };
    STAGES.into_iter().take_while(|s| starts(*s).is_some_and(|y| y <= line)).last().unwrap_or(Stage::Data)
}

/// The navigator (navigation landmark "Stages"); the stage being read is its
/// `aria-current="location"`.
#[component]
pub fn StageNav() -> impl IntoView {
    let state = use_state();
    let current = RwSignal::new(Stage::Data);
    let handle = window_event_listener(leptos::ev::scroll, move |_| {
        let now = stage_in_view();
        if current.get_untracked() != now {
            current.set(now);
        }
    });
    on_cleanup(move || handle.remove());
    let items = STAGES
        .into_iter()
        .map(|stage| {
            let now = Memo::new(move |_| stage_state(state, stage));
            let on_click = move |event: web_sys::MouseEvent| {
                event.prevent_default();
                go_to(stage);
            };
            view! {
                <li>
                    <a
                        href=format!("#{}", stage.section_id())
                        class=move || format!("stage-link is-{}", now.get().word())
                        title=move || now.get().hint()
                        aria-current=move || (current.get() == stage).then_some("location")
                        on:click=on_click
                    >
                        <span class="stage-mark" aria-hidden="true">{move || now.get().mark(stage)}</span>
                        // The accessible name is the visible text, "Train: ready": one inline
                        // span, since the link's flex items would each add a space to the name.
                        <span class="stage-text">
                            <span class="stage-name">{stage.title()}</span>
                            <span class="stage-state">{move || format!(": {}", now.get().word())}</span>
                        </span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="stage-nav" aria-label="Stages">
            <ol>{items}</ol>
        </nav>
    }
}
