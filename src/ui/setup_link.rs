//! Setup links on the page (the document is [`crate::client::setup_link`]): the "Copy link to
//! this setup" button, and opening the page from a `#setup=…` address.
//!
//! Opening: for a sample, load it, then set the reading options, the recipe and the Train
//! stage's choices; for the user's own files, set the recipe and choices now, ask for the
//! files by name, and set them again once a file is opened (opening drops the automatic
//! steps). The fragment is then taken out of the address (`history.replaceState`), so a
//! reload does not apply the link again over later work. The saved session skips restoring
//! while the address holds a setup link, so the link is read here first, when the app starts.

use js_sys::Reflect;
use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{spawn_local, JsFuture};

use crate::client::setup_link::{LinkData, SetupLink};
use crate::ui::state::{use_state, AppState, Stage};
use crate::ui::train::setup::{use_setup, Setup};
use crate::worker::protocol::Request;

/// What the link notice at the top of the page says (empty: nothing).
#[derive(Clone, Copy)]
struct LinkNotice(RwSignal<Option<String>>);

/// Reads a setup link from the address and starts applying it; provides the notice that
/// [`LinkNoticeBanner`] shows. Call once, as the app starts.
pub fn open_setup_link(state: AppState) {
    let notice = LinkNotice(RwSignal::new(None));
    provide_context(notice);
    let Some(fragment) = window().location().hash().ok() else { return };
    let link = match SetupLink::from_fragment(&fragment) {
        None => return,
        Some(Err(error)) => {
            state.fail(Stage::Data, error.to_string());
            return forget_fragment();
        }
        Some(Ok(link)) => link,
    };
    let setup = use_setup();
    match link.data.clone() {
        LinkData::Sample { name } => {
            let label = format!("Setting up from a link: {}", link.data_text());
            state.load_then(&label, Request::LoadSample { name }, Vec::new(), move || {
                reread_then_apply(state, setup, notice, link)
            });
        }
        LinkData::Files { .. } => {
            apply(state, setup, &link);
            let what = format!("{} and {}", link.steps_text(), link.train.algorithm.label());
            notice.0.set(Some(format!("This link sets up {what} for {}: open that file.", link.data_text())));
            apply_when_opened(state, setup, notice, link);
        }
    }
}

/// After the sample loaded: read it again with the link's options if they differ, then apply.
fn reread_then_apply(state: AppState, setup: Setup, notice: LinkNotice, link: SetupLink) {
    let (index, options) = state.dataset.with_untracked(|d| d.as_ref().map(|d| (d.active, d.options.clone()))).unzip();
    let read = link.read.clone();
    let finish = move || {
        apply(state, setup, &link);
        notice.0.set(Some(format!("Set up from a link: {}.", link.summary())));
        forget_fragment();
    };
    match index {
        Some(index) if options.as_ref() != Some(&read) => {
            let request = Request::Reread { index, options: read };
            state.run(Stage::Data, "Reading the sample as the link says", request, Vec::new(), move |answer| {
                state.show(answer);
                finish();
            });
        }
        _ => finish(),
    }
}

/// Once the user opens files of their own: the link's recipe and choices again (opening
/// dropped its automatic steps), the notice, and the address without the link.
fn apply_when_opened(state: AppState, setup: Setup, notice: LinkNotice, link: SetupLink) {
    state.read_options.set(link.read.clone());
    let pending = StoredValue::new(Some(link));
    Effect::new(move |_| {
        let opened = state.dataset.with(|d| d.as_ref().and_then(|d| d.datasets.get(d.active)).map(|d| d.files.clone()));
        let Some(opened) = opened.filter(|files| !files.is_empty()) else { return };
        let Some(link) = pending.try_update_value(Option::take).flatten() else { return };
        untrack(|| apply(state, setup, &link));
        let LinkData::Files { names } = &link.data else { return };
        let other = !names.iter().any(|n| opened.contains(n));
        let check = if other { " — it was made for another file: check that the recipe's columns fit" } else { "" };
        notice.0.set(Some(format!(
            "Set up from a link: {}{check}.",
            SetupLink { data: LinkData::Files { names: opened }, ..link }.summary()
        )));
        forget_fragment();
    });
}

/// The link's recipe (an edit that can be undone) and Train choices.
fn apply(state: AppState, setup: Setup, link: &SetupLink) {
    let recipe = link.recipe.clone();
    state.edit_recipe(|r| *r = recipe);
    setup.set_form(link.train.clone());
}

/// Takes the fragment out of the address without reloading.
fn forget_fragment() {
    let window = window();
    let Ok(href) = window.location().href() else { return };
    let bare = href.split('#').next().unwrap_or_default().to_string();
    if bare != href {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&bare));
        }
    }
}

/// The notice of a link the page was opened with, at the top of the page (a polite live
/// region; not a second `status` role beside the status bar's).
#[component]
pub fn LinkNoticeBanner() -> impl IntoView {
    let LinkNotice(text) = expect_context::<LinkNotice>();
    view! {
        <div class="link-notice" aria-live="polite">
            {move || text.get().map(|message| view! {
                <div class="status-inner">
                    <span class="status-label">{message}</span>
                    <button type="button" class="button small" on:click=move |_| text.set(None)>"Dismiss"</button>
                </div>
            })}
        </div>
    }
}

/// What the button did.
#[derive(Clone, PartialEq)]
enum Copied {
    /// The link is on the clipboard.
    Done { url: String, summary: String },
    /// The browser would not copy: the link is shown, selected, for the user to copy.
    ByHand { url: String },
    /// No link can be made (no data, a joined dataset).
    Refused(String),
}

/// "Copy link to this setup", what it did, and the link in a read-only field.
#[component]
pub fn CopySetupLink() -> impl IntoView {
    let state = use_state();
    let setup = use_setup();
    let copied = RwSignal::new(None::<Copied>);
    let field = NodeRef::<Input>::new();
    let copy = move |_| match untrack(|| current_setup(state, setup)) {
        Ok(link) => copy_to_clipboard(link, copied),
        Err(message) => copied.set(Some(Copied::Refused(message))),
    };
    // The link the browser would not copy is selected, ready for Ctrl+C.
    Effect::new(move |_| {
        if let (Some(Copied::ByHand { .. }), Some(input)) = (copied.get(), field.get()) {
            let _ = input.focus();
            input.select();
        }
    });
    let message = move || {
        copied.get().map(|c| match c {
            Copied::Done { summary, .. } => format!("Link copied: it opens Sift with {summary}."),
            Copied::ByHand { .. } => {
                "This browser did not let Sift copy: the link is selected below, copy it with Ctrl+C.".into()
            }
            Copied::Refused(message) => message,
        })
    };
    let url = move || match copied.get() {
        Some(Copied::Done { url, .. } | Copied::ByHand { url }) => Some(url),
        _ => None,
    };
    view! {
        <div class="setup-link">
            <button type="button" class="button" on:click=copy>"Copy link to this setup"</button>
            <p class="setup-link-message" aria-live="polite">{message}</p>
            <Show when=move || url().is_some()>
                <label class="setup-link-field">
                    "Link to this setup"
                    <input type="text" readonly node_ref=field prop:value=move || url().unwrap_or_default() />
                </label>
            </Show>
        </div>
    }
}

/// The setup the page shows now, or why no link can be made.
fn current_setup(state: AppState, setup: Setup) -> Result<SetupLink, String> {
    let (data, read) = state.dataset.with(|d| {
        let view =
            d.as_ref().ok_or("Load data first: a link sets up a dataset, its recipe and the model's choices.")?;
        Ok::<_, String>((SetupLink::data_of(view)?, view.options.clone()))
    })?;
    Ok(SetupLink { data, read, recipe: state.recipe.get(), train: setup.form() })
}

/// Writes the link to the clipboard, or shows it to copy by hand where the browser has no
/// clipboard for the page (not a secure context) or refuses.
fn copy_to_clipboard(link: SetupLink, copied: RwSignal<Option<Copied>>) {
    let url = link.to_url(&window().location().href().unwrap_or_default());
    let navigator = window().navigator();
    let has_clipboard = Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        return copied.set(Some(Copied::ByHand { url }));
    }
    let written = navigator.clipboard().write_text(&url);
    spawn_local(async move {
        copied.set(Some(match JsFuture::from(written).await {
            Ok(_) => Copied::Done { url, summary: link.summary() },
            Err(_) => Copied::ByHand { url },
        }));
    });
}
