//! The Web Worker runtime: wires a [`Workspace`] to the worker's message port.
//!
//! Messages in: `{ id: number, request: string (JSON of Request), files: File[] }`.
//! Messages out: JSON strings of [`WorkerMessage`]. A panic posts
//! [`WorkerMessage::Crashed`] first, so the page can restart the worker and restore the data.

use std::cell::RefCell;

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

use crate::worker::protocol::{Answer, Reply, Request, WorkerMessage, MAX_OPEN_BYTES};
use crate::worker::workspace::{FileBytes, Workspace};

/// Files are read in slices of this size, with a progress message after each.
const READ_CHUNK_BYTES: u64 = 8 * 1024 * 1024;

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::new());
}

/// Starts the worker: installs the panic hook and the message handler, then posts `Ready`.
pub fn run() {
    std::panic::set_hook(Box::new(|info| {
        let message = panic_message(info);
        post(&WorkerMessage::Crashed { message });
        console_error_panic_hook::hook(info);
    }));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let (id, result) = answer(&event.data());
        post(&WorkerMessage::Reply(Reply { id, result }));
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&WorkerMessage::Ready);
}

/// Decodes one request message and lets the workspace answer it.
fn answer(data: &JsValue) -> (u64, Result<Answer, String>) {
    let id = Reflect::get(data, &"id".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as u64;
    let result = decode(id, data).and_then(|(request, files)| {
        let now = String::from(js_sys::Date::new_0().to_iso_string());
        // At most one message per percent, so a chatty job cannot flood the page.
        let mut last = f64::NEG_INFINITY;
        let mut report = |fraction: f64, message: &str| {
            if fraction - last >= 0.01 || fraction >= 1.0 {
                last = fraction;
                post(&WorkerMessage::Progress { id, fraction, message: message.to_string() });
            }
            true
        };
        WORKSPACE.with(|workspace| workspace.borrow_mut().handle_with_progress(request, files, &now, &mut report))
    });
    (id, result)
}

fn decode(id: u64, data: &JsValue) -> Result<(Request, Vec<FileBytes>), String> {
    let json = Reflect::get(data, &"request".into())
        .ok()
        .and_then(|v| v.as_string())
        .ok_or("the page sent a message without a request")?;
    let request: Request = serde_json::from_str(&json)
        .map_err(|e| format!("the page sent a request the worker does not understand: {e}"))?;
    let files = Reflect::get(data, &"files".into())
        .map(|files| Array::from(&files))
        .unwrap_or_default();
    let files = files
        .iter()
        .map(|file| read_file(id, &file.unchecked_into()))
        .collect::<Result<_, _>>()?;
    Ok((request, files))
}

/// The bytes of a browser `File`, read slice by slice with progress messages for job `id`;
/// only the first [`MAX_OPEN_BYTES`] of a larger file.
fn read_file(id: u64, file: &File) -> Result<FileBytes, String> {
    let name = file.name();
    let fail = |e: JsValue| format!("could not read {name}: {}", js_error_text(&e));
    let full_size = file.size() as u64;
    let to_read = full_size.min(MAX_OPEN_BYTES);
    let reader = FileReaderSync::new().map_err(fail)?;
    let mut bytes = vec![0u8; to_read as usize];
    let mut start = 0;
    while start < to_read {
        let end = (start + READ_CHUNK_BYTES).min(to_read);
        let slice = file.slice_with_f64_and_f64(start as f64, end as f64).map_err(fail)?;
        let buffer = reader.read_as_array_buffer(&slice).map_err(fail)?;
        Uint8Array::new(&buffer).copy_to(&mut bytes[start as usize..end as usize]);
        start = end;
        if to_read > READ_CHUNK_BYTES {
            post(&WorkerMessage::Progress {
                id,
                fraction: start as f64 / to_read as f64,
                message: format!("Reading {name}: {} of {} MB", start / 1_000_000, to_read / 1_000_000),
            });
        }
    }
    Ok(FileBytes { name, bytes, full_size })
}

fn post(message: &WorkerMessage) {
    let json = serde_json::to_string(message).unwrap_or_else(|e| {
        serde_json::to_string(&WorkerMessage::Crashed {
            message: format!("could not encode a reply: {e}"),
        })
        .unwrap_or_default()
    });
    // Posting a string cannot fail (it is always cloneable).
    let _ = scope().post_message(&JsValue::from_str(&json));
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn panic_message(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    match info.location() {
        Some(at) => format!("{text} (at {}:{})", at.file(), at.line()),
        None => text,
    }
}

fn js_error_text(error: &JsValue) -> String {
    Reflect::get(error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
