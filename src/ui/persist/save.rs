//! Saving as the person works: any change to what the document holds schedules one save a
//! moment later (several quick edits make one save), and the model just trained is fetched
//! from the worker as JSON once, in the background, for the document.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use crate::client::saved_session::{SavedModel, SavedSession, FORMAT};
use crate::ui::persist::Persist;
use crate::worker::protocol::{Answer, Request};

/// Milliseconds of quiet before a change is saved.
const DEBOUNCE_MS: u32 = 400;

/// Saves the session shortly after anything it holds changes (once restoring is over).
pub fn watch(persist: Persist) {
    Effect::new(move |_| {
        if !persist.ready.get() {
            return;
        }
        let (state, setup) = (persist.state, persist.setup);
        state.dataset.track();
        state.recipe.track();
        state.history.track();
        state.trained.track();
        state.profile.track();
        state.read_options.track();
        persist.model_json.track();
        setup.form();
        persist.results.saved();
        persist.predict.saved(|_| None);
        let timer = Timeout::new(DEBOUNCE_MS, move || spawn_local(save(persist)));
        persist.inner.update_value(|inner| inner.timer = Some(timer));
    });
}

/// Asks the worker for the model just trained as JSON (in the background), for the document.
pub fn keep_model_json(persist: Persist) {
    let state = persist.state;
    Effect::new(move |_| {
        if !persist.ready.get() {
            return;
        }
        let Some(summary) = state.trained.with(|t| t.as_ref().map(|t| t.summary.clone())) else { return };
        if persist.model_json.with_untracked(|m| m.as_ref().is_some_and(|(kept, _)| *kept == summary)) {
            return;
        }
        state.ask("Keeping the model for the saved session", Request::ExportModel, move |outcome| {
            if let Ok(Answer::Download(file)) = outcome {
                persist.model_json.set(Some((summary, file.content)));
            }
        });
    });
}

/// Writes the document and any newly opened file; one save at a time, and once more if
/// something changed meanwhile.
async fn save(persist: Persist) {
    let busy = persist.inner.try_update_value(|inner| {
        inner.again = inner.saving;
        std::mem::replace(&mut inner.saving, true)
    });
    if busy != Some(false) {
        return;
    }
    loop {
        let Some(Some(store)) = persist.inner.try_with_value(|inner| inner.store.clone()) else { break };
        if !persist.ready.get_untracked() {
            break;
        }
        let document = untrack(|| document(persist));
        let keys = document.file_keys();
        let json = document.to_json();
        let added = persist.inner.with_value(|inner| inner.registry.unstored(&keys));
        match store.save(&json, &added, &keys).await {
            Ok(()) => {
                let files = persist.inner.try_update_value(|inner| {
                    inner.registry.stored(&keys);
                    inner.registry.size(&keys)
                });
                persist.stored_bytes.set(files.map(|bytes| bytes + json.len() as f64));
            }
            Err(reason) => persist.cannot_save(&quota_or(reason)),
        }
        let again = persist.inner.try_update_value(|inner| std::mem::take(&mut inner.again));
        if again != Some(true) {
            break;
        }
    }
    persist.inner.update_value(|inner| inner.saving = false);
}

/// The session as the page holds it now.
fn document(persist: Persist) -> SavedSession {
    let state = persist.state;
    let session = state.session();
    let (loads, predict) = persist
        .inner
        .try_update_value(|inner| {
            let loads = SavedSession::loads_of(&session, |file| Some(inner.registry.key(file)));
            let predict = persist.predict.saved(|file| Some(inner.registry.key(file)));
            (loads, predict)
        })
        .unwrap_or_default();
    let trained = state.trained.get();
    let model = trained.and_then(|trained| {
        let json =
            persist.model_json.with(|m| m.as_ref().filter(|(s, _)| *s == trained.summary).map(|(_, j)| j.clone()))?;
        Some(SavedModel { dataset: trained.dataset, summary: trained.summary, json })
    });
    SavedSession {
        format: FORMAT,
        sift_version: env!("CARGO_PKG_VERSION").into(),
        saved_at: js_sys::Date::now(),
        loads,
        active: session.active(),
        profile: state.profile.get(),
        read_options: state.read_options.get(),
        recipe: state.recipe.get(),
        history: state.history.get(),
        form: persist.setup.form(),
        model,
        results: persist.results.saved(),
        predict,
    }
}

/// The browser's reason, in plain words when it is the storage quota.
fn quota_or(reason: String) -> String {
    if reason.contains("Quota") {
        "the browser's storage for this page is full".into()
    } else {
        reason
    }
}
