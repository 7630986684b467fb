//! Offline after the first load: registers the service worker (public/sw.js) and, when a new
//! version of Sift has been installed beside the running one, shows "A new version of Sift is
//! ready — reload". Its Reload button lets the new worker take over, then reloads the page, so a
//! page never mixes the files of two versions (docs/hosting.md).

use js_sys::{Function, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};

/// Next to index.html; its scope is the folder the page is served from.
const SERVICE_WORKER_URL: &str = "./sw.js";

#[wasm_bindgen]
extern "C" {
    /// `navigator.serviceWorker`.
    #[wasm_bindgen(extends = Object)]
    type Container;
    #[wasm_bindgen(method)]
    fn register(this: &Container, url: &str, options: &Object) -> Promise;
    #[wasm_bindgen(method, getter)]
    fn controller(this: &Container) -> Option<ServiceWorker>;
    #[wasm_bindgen(method, setter)]
    fn set_oncontrollerchange(this: &Container, handler: &Function);

    /// A `ServiceWorkerRegistration`.
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone)]
    type Registration;
    #[wasm_bindgen(method, getter)]
    fn waiting(this: &Registration) -> Option<ServiceWorker>;
    #[wasm_bindgen(method, getter)]
    fn installing(this: &Registration) -> Option<ServiceWorker>;
    #[wasm_bindgen(method, setter)]
    fn set_onupdatefound(this: &Registration, handler: &Function);

    /// A `ServiceWorker`.
    #[wasm_bindgen(extends = Object)]
    #[derive(Clone)]
    type ServiceWorker;
    #[wasm_bindgen(method, getter)]
    fn state(this: &ServiceWorker) -> String;
    #[wasm_bindgen(method, js_name = postMessage)]
    fn post_message(this: &ServiceWorker, message: &str);
    #[wasm_bindgen(method, setter)]
    fn set_onstatechange(this: &ServiceWorker, handler: &Function);
}

/// What the banner's Reload button does.
#[derive(Clone)]
enum Offer {
    /// Let this waiting worker take over, then reload.
    Activate(ServiceWorker),
    /// Reload: another tab already switched to the new version.
    Reload,
}

/// The banner (a polite live region, empty until a new version waits; not a second `status`
/// role beside the status bar's). Registers the service worker.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let offer: RwSignal<Option<Offer>, LocalStorage> = RwSignal::new_local(None);
    let clicked = RwSignal::new(false);
    if let Some(container) = container() {
        spawn_local(watch(container, offer, clicked));
    }
    let reload = move |_| {
        clicked.set(true);
        match offer.get_untracked() {
            Some(Offer::Activate(worker)) => worker.post_message("skip-waiting"),
            _ => reload_page(),
        }
    };
    view! {
        <div class="update-banner" aria-live="polite">
            {move || offer.with(Option::is_some).then(|| view! {
                <div class="status-inner">
                    <span class="status-label">"A new version of Sift is ready — reload"</span>
                    <button type="button" class="button small" on:click=reload>"Reload"</button>
                </div>
            })}
        </div>
    }
}

/// `navigator.serviceWorker` when the page may have one: served over http(s) (not from a
/// file) in a secure context.
fn container() -> Option<Container> {
    let window = web_sys::window()?;
    let protocol = window.location().protocol().ok()?;
    if protocol != "https:" && protocol != "http:" {
        return None;
    }
    let container = Reflect::get(&window.navigator(), &"serviceWorker".into()).ok()?;
    (!container.is_undefined()).then(|| container.unchecked_into())
}

/// Registers the service worker and offers the reload when a new one is waiting. `clicked`
/// says the person pressed Reload.
async fn watch(container: Container, offer: RwSignal<Option<Offer>, LocalStorage>, clicked: RwSignal<bool>) {
    let options = Object::new();
    let _ = Reflect::set(&options, &"scope".into(), &"./".into());
    let registration: Registration = match JsFuture::from(container.register(SERVICE_WORKER_URL, &options)).await {
        Ok(registration) => registration.unchecked_into(),
        Err(error) => {
            web_sys::console::warn_2(&"Sift works online only: the service worker did not register".into(), &error);
            return;
        }
    };
    // A page the service worker does not control (the first visit) runs on the network and
    // cannot mix versions: nothing to offer then.
    if container.controller().is_none() {
        return;
    }
    if let Some(worker) = registration.waiting() {
        offer.set(Some(Offer::Activate(worker)));
    }
    let found = registration.clone();
    let on_update = Closure::<dyn Fn()>::new(move || {
        let Some(worker) = found.installing() else { return };
        let installed = worker.clone();
        let on_state = Closure::<dyn Fn()>::new(move || {
            if installed.state() == "installed" {
                offer.set(Some(Offer::Activate(installed.clone())));
            }
        });
        worker.set_onstatechange(&on_state.into_js_value().unchecked_into());
    });
    registration.set_onupdatefound(&on_update.into_js_value().unchecked_into());
    // The new worker took over: reload if asked here; if another tab did, say so and wait.
    let on_change = Closure::<dyn Fn()>::new(move || {
        if clicked.get_untracked() {
            reload_page();
        } else {
            offer.set(Some(Offer::Reload));
        }
    });
    container.set_oncontrollerchange(&on_change.into_js_value().unchecked_into());
}

fn reload_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
