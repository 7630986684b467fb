//! Restoring on startup: read the stored document, find its files in the store, show the
//! recipe, history, Train choices and results at once, and replay the loads into the worker
//! (which reads the stored files itself, slice by slice, as it reads any opened file) and
//! then the model (restored from its JSON, not trained again). The last step shows the
//! active dataset and says "Restored your session from …".

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::File;

use crate::client::saved_session::{Dropped, SavedSession};
use crate::ui::persist::store::Store;
use crate::ui::persist::Persist;
use crate::ui::state::{Stage, TrainedModel};
use crate::worker::protocol::Request;

/// Restores the stored session, if there is one; a document that cannot be restored is
/// removed and the person told why.
pub async fn restore(persist: Persist, store: &Store) {
    let saved = match store.document().await {
        Ok(None) => return persist.ready.set(true),
        Ok(Some(text)) => SavedSession::read(&text),
        Err(reason) => return persist.cannot_save(&reason),
    };
    let saved = match saved {
        Ok(saved) => saved,
        Err(dropped) => return drop_stored(persist, store, dropped).await,
    };
    let keys = saved.file_keys();
    let files = match store.files(&keys).await {
        Ok(files) => files,
        Err(reason) => return persist.cannot_save(&reason),
    };
    if let Some(missing) = keys.iter().zip(&files).find(|(_, f)| f.is_none()).map(|(k, _)| k) {
        let name = missing.splitn(3, '-').nth(2).unwrap_or(missing);
        let dropped = Dropped::because(format_args!("the file “{name}” is no longer in the browser's storage"));
        return drop_stored(persist, store, dropped).await;
    }
    persist.inner.update_value(|inner| {
        for (key, file) in keys.iter().zip(files.into_iter().flatten()) {
            inner.registry.add_stored(key.clone(), file);
        }
    });
    show(persist, saved);
}

/// Removes a document that cannot be restored and says why.
async fn drop_stored(persist: Persist, store: &Store, dropped: Dropped) {
    persist.notice.set(Some(dropped.message));
    let _ = store.clear().await;
    persist.ready.set(true);
}

/// Shows `saved` on the page and replays its loads into the worker.
fn show(persist: Persist, saved: SavedSession) {
    let (state, setup) = (persist.state, persist.setup);
    let when = local_time(saved.saved_at);
    let mut replay = saved.replay();
    state.read_options.set(saved.read_options);
    state.profile.set(saved.profile);
    state.recipe.set(saved.recipe);
    state.history.set(saved.history);
    setup.set_form(saved.form);
    persist.results.restore(saved.results);
    let file = move |key: &String| persist.inner.with_value(|inner| inner.registry.file(key));
    let Some((activate, _)) = replay.pop() else {
        persist.predict.restore(saved.predict, file);
        return done(persist, Ok(when));
    };
    let count = replay.len();
    for (i, (request, keys)) in replay.into_iter().enumerate() {
        let label = format!("Restoring your session ({} of {count})", i + 1);
        let files: Vec<File> = keys.iter().filter_map(file).collect();
        match request {
            Request::RestoreModel { .. } => {
                let Some(model) = saved.model.clone() else { continue };
                persist.model_json.set(Some((model.summary.clone(), model.json)));
                state.run(Stage::Train, &label, request, files, move |_| {
                    state.trained.set(Some(TrainedModel { dataset: model.dataset, summary: model.summary }));
                });
            }
            request => state.load(&label, request, files),
        }
    }
    let predict = saved.predict;
    state.ask("Restoring your session", activate, move |outcome| match outcome {
        Ok(answer) => {
            state.show(answer);
            persist.predict.restore(predict, file);
            done(persist, Ok(when));
        }
        Err(message) => {
            done(persist, Err(format!("Sift could not restore all of your session from {when}: {message}")))
        }
    });
}

/// Says how restoring went; changes are saved from now on.
fn done(persist: Persist, outcome: Result<String, String>) {
    persist.notice.set(Some(match outcome {
        Ok(when) => format!("Restored your session from {when}."),
        Err(message) => message,
    }));
    persist.ready.set(true);
}

/// `ms` since 1970 as the browser writes a local date and time ("07/12/2026, 05:41:07").
fn local_time(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    let text = js_sys::Reflect::get(&date, &"toLocaleString".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&date).ok())
        .and_then(|t| t.as_string());
    text.unwrap_or_else(|| String::from(date.to_iso_string()))
}
