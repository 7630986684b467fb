//! Saving a [`FileDownload`] from the worker as a file in the browser.

use std::time::Duration;

use leptos::prelude::{document, set_timeout};
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use crate::ui::state::{AppState, Stage};
use crate::worker::protocol::{Answer, FileDownload, Request};

/// Asks the worker for a file (`files` attached to the request) and saves it; a refusal, or
/// the browser's, is `stage`'s alert.
pub fn fetch(state: AppState, stage: Stage, label: &str, request: Request, files: Vec<web_sys::File>) {
    state.run(stage, label, request, files, move |answer| {
        if let Answer::Download(file) = answer {
            if let Err(message) = save(&file) {
                state.fail(stage, message);
            }
        }
    });
}

/// Offers `file` as a download: a Blob, an object URL, a click on a temporary link.
pub fn save(file: &FileDownload) -> Result<(), String> {
    let options = BlobPropertyBag::new();
    options.set_type(&file.mime);
    // A Blob part is a string or bytes.
    let part: wasm_bindgen::JsValue = if file.binary {
        js_sys::Uint8Array::from(file.bytes()?.as_slice()).into()
    } else {
        file.content.as_str().into()
    };
    let blob =
        Blob::new_with_buffer_source_sequence_and_options(&js_sys::Array::of1(&part), &options).map_err(describe)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let link: HtmlAnchorElement = document().create_element("a").map_err(describe)?.unchecked_into();
    link.set_href(&url);
    link.set_download(&file.file_name);
    link.set_hidden(true);
    let body = document().body().ok_or("the page has no body")?;
    body.append_child(&link).map_err(describe)?;
    link.click();
    link.remove();
    // Give the browser a moment to start the download before the URL goes away.
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        Duration::from_secs(30),
    );
    Ok(())
}

fn describe(error: wasm_bindgen::JsValue) -> String {
    format!("the browser refused the download ({error:?})")
}
