//! Sessions that survive a reload, a tab crash or a browser restart (issue 20). The page
//! saves the session ([`crate::client::saved_session`]) in IndexedDB ([`store`]) shortly after
//! each change ([`save`]), and on startup replays it into the worker and shows it again
//! ([`restore`]) — unless the page was opened from a setup link, whose setup replaces the
//! session. The Data stage's [`SessionPanel`] says what happened and offers "Start over".
//!
//! When the browser refuses to store (no IndexedDB in a private window, the quota), the
//! person is told once; the page keeps working on what it holds in memory.

mod panel;
mod registry;
mod restore;
mod save;
mod store;

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use crate::ui::predict::PredictChoice;
use crate::ui::state::AppState;
use crate::ui::train::results::TrainResults;
use crate::ui::train::setup::Setup;
use crate::worker::protocol::TrainSummary;
pub use panel::SessionPanel;
use registry::Registry;
use store::Store;

/// Copyable handles on the saved session and the page parts it saves.
#[derive(Clone, Copy)]
pub struct Persist {
    /// What happened to the saved session, for the person: restored, dropped, not saved.
    pub notice: RwSignal<Option<String>>,
    /// The bytes the saved session takes in the browser (files and document), once saved.
    pub stored_bytes: RwSignal<Option<f64>>,
    /// Restoring is over (or there was nothing to restore): changes are saved from now on.
    ready: RwSignal<bool>,
    /// The model JSON of the model just trained, with the summary it belongs to.
    model_json: RwSignal<Option<(TrainSummary, String)>>,
    state: AppState,
    setup: Setup,
    results: TrainResults,
    predict: PredictChoice,
    inner: StoredValue<Inner, LocalStorage>,
}

/// The browser-side parts.
#[derive(Default)]
struct Inner {
    store: Option<Rc<Store>>,
    registry: Registry,
    /// The pending save (dropping it cancels it).
    timer: Option<Timeout>,
    saving: bool,
    /// A change came while saving: save once more after.
    again: bool,
    /// The person has been told that saving failed.
    told: bool,
}

/// Starts keeping the session: provides the Train stage's results and the Predict stage's
/// choice (which it saves) as context, opens the store, restores the saved session unless
/// the page opened a setup link, and saves every change after.
pub fn start(state: AppState, setup: Setup) {
    let results = TrainResults::new();
    let predict = PredictChoice::new();
    provide_context(results);
    provide_context(predict);
    let persist = Persist {
        notice: RwSignal::new(None),
        stored_bytes: RwSignal::new(None),
        ready: RwSignal::new(false),
        model_json: RwSignal::new(None),
        state,
        setup,
        results,
        predict,
        inner: StoredValue::new_local(Inner::default()),
    };
    provide_context(persist);
    save::keep_model_json(persist);
    save::watch(persist);
    // Read now: the setup link takes its fragment out of the address once applied.
    let link = opened_setup_link();
    spawn_local(async move {
        let store = match Store::open().await {
            Ok(store) => Rc::new(store),
            Err(reason) => return persist.cannot_save(&reason),
        };
        persist.inner.update_value(|inner| inner.store = Some(store.clone()));
        if link {
            persist.ready.set(true);
        } else {
            restore::restore(persist, &store).await;
        }
    });
}

impl Persist {
    /// Empties the saved session and the page (by reloading it, without a setup link).
    pub fn start_over(self) {
        self.ready.set(false);
        let store = self.inner.try_update_value(|inner| {
            inner.timer = None;
            inner.store.clone()
        });
        spawn_local(async move {
            if let Some(Some(store)) = store {
                if let Err(reason) = store.clear().await {
                    self.notice.set(Some(format!("The saved session could not be removed ({reason}).")));
                    return;
                }
            }
            let location = window().location();
            let _ = location.set_hash("");
            let _ = location.reload();
        });
    }

    /// Tells the person, once, that the session is not being saved.
    fn cannot_save(self, reason: &str) {
        let told = self.inner.try_update_value(|inner| std::mem::replace(&mut inner.told, true)).unwrap_or(true);
        if !told {
            self.notice.set(Some(format!(
                "This browser does not let Sift save your session ({reason}). Your work on this page is untouched, \
                 but a reload will not bring it back: download what you need from the Export stage."
            )));
        }
    }
}

/// Whether the page opened a setup link (`#setup=…`, src/ui/setup_link.rs).
fn opened_setup_link() -> bool {
    window().location().hash().is_ok_and(|hash| hash.starts_with("#setup="))
}

/// The Persist provided by [`start`].
pub fn use_persist() -> Persist {
    expect_context::<Persist>()
}
