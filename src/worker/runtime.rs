//! The Web Worker runtime: wires a [`Workspace`] to the worker's message port.
//!
//! Messages in: `{ id: number, request: string (JSON of Request), files: File[] }`.
//! Messages out: JSON strings of [`WorkerMessage`]. A panic posts
//! [`WorkerMessage::Crashed`] first, so the page can restart the worker and restore the data.

use crate::engine::base::error::{Error, Result};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

use crate::engine::ingest::{read_bytes, Partner};
use crate::engine::profile::Analyst;
use crate::worker::file_stream::FileStream;
use crate::worker::helper_client::{self, HelperAnalyst, HelperPartner};
use crate::worker::helper_serve;
use crate::worker::protocol::{Answer, Reply, Request, WorkerMessage, WorkerStart, HELPER_WORKER, MAX_OPEN_BYTES};
use crate::worker::warm_up;
use crate::worker::workspace::{FileBytes, Workspace};

/// Longest wait for the helper worker's warm-up before saying the worker is ready.
const HELPER_WAIT_MS: i32 = 10_000;

/// Files are read in slices of this size, with a progress message after each.
const READ_CHUNK_BYTES: u64 = 8 * 1024 * 1024;

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(timed_workspace());
    /// Messages not answered yet, oldest first: one is answered at a time, and a file being
    /// read makes the answer wait, so messages arriving meanwhile queue here.
    static WAITING: RefCell<VecDeque<JsValue>> = const { RefCell::new(VecDeque::new()) };
    static ANSWERING: Cell<bool> = const { Cell::new(false) };
    /// How the page started this worker.
    static START: Cell<WorkerStart> = Cell::new(WorkerStart::from_name(&scope().name()));
}

/// A workspace that times its work with the browser's clock, and has the helper worker
/// (when it is ready) analyse half of a large table's columns for the report.
fn timed_workspace() -> Workspace {
    let mut workspace = Workspace::new();
    workspace.set_clock(|| js_sys::Date::now() / 1000.0);
    workspace.set_analysts(|| HelperAnalyst::new().map(|analyst| Box::new(analyst) as Box<dyn Analyst>));
    workspace
}

/// Starts the worker: installs the panic hook and the message handler, starts the helper
/// worker, then posts `Ready`; or, in the helper, serves the worker that started it.
pub fn run() {
    if scope().name() == HELPER_WORKER {
        return helper_serve::serve();
    }
    start_helper();
    std::panic::set_hook(Box::new(|info| {
        let message = panic_message(info);
        post(&WorkerMessage::Crashed { message });
        console_error_panic_hook::hook(info);
    }));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        WAITING.with_borrow_mut(|waiting| waiting.push_back(event.data()));
        if !ANSWERING.replace(true) {
            wasm_bindgen_futures::spawn_local(answer_waiting());
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    wasm_bindgen_futures::spawn_local(async {
        if !START.get().restarted {
            warm_up().await;
            // So that a file chosen once the page is ready is read with the helper (if any).
            helper_client::until_ready(HELPER_WAIT_MS).await;
        }
        post(&WorkerMessage::Ready);
    });
}

/// Starts the helper worker, when the page allows one and it is not running.
fn start_helper() {
    if START.get().has_helper() {
        helper_client::start();
    }
}

/// Opens a made-up file exactly as a person's file is opened (a `File`, read through its
/// stream, answered and encoded), then forgets it: see `warm_up.rs`. The page sends nothing
/// before `Ready`, so nothing waits behind it. A restarted worker skips it: the page's replay
/// of the person's files warms it, and recovery should not wait.
async fn warm_up() {
    let text = JsValue::from_str(&warm_up::table_text(warm_up::ROWS));
    let Ok(file) = File::new_with_str_sequence(&Array::of1(&text), warm_up::FILE_NAME) else { return };
    let Ok(request) = serde_json::to_string(&warm_up::request()) else { return };
    let message = Object::new();
    for (key, value) in [("id", JsValue::from(0)), ("request", request.into()), ("files", Array::of1(&file).into())] {
        let _ = Reflect::set(&message, &key.into(), &value);
    }
    let (id, result) = answer(&message, false).await;
    let _ = serde_json::to_string(&WorkerMessage::Reply(Reply::new(id, result)));
    warm_up::hand_over_columns();
    WORKSPACE.set(timed_workspace());
}

/// Answers the waiting messages in order, until none is left.
async fn answer_waiting() {
    while let Some(data) = WAITING.with_borrow_mut(VecDeque::pop_front) {
        let (id, result) = answer(&data, true).await;
        post(&WorkerMessage::Reply(Reply::new(id, result)));
        // A helper that helped is replaced by a fresh one, now the answer is out.
        if START.get().has_helper() {
            helper_client::recycle();
        }
    }
    ANSWERING.set(false);
}

/// Decodes one request message and lets the workspace answer it, posting its progress when
/// `tell` says so.
async fn answer(data: &JsValue, tell: bool) -> (u64, Result<Answer>) {
    let id = Reflect::get(data, &"id".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0) as u64;
    let (request, files) = match decode(id, data).await {
        Ok(decoded) => decoded,
        Err(e) => return (id, Err(e)),
    };
    let now = String::from(js_sys::Date::new_0().to_iso_string());
    // At most one message per percent, so a chatty job cannot flood the page.
    let mut last = f64::NEG_INFINITY;
    let mut report = |fraction: f64, message: &str| {
        if tell && (fraction - last >= 0.01 || fraction >= 1.0) {
            last = fraction;
            post(&WorkerMessage::Progress { id, fraction, message: message.to_string() });
        }
        true
    };
    // The workspace is taken out while it answers, so no borrow is held across a wait.
    let mut workspace = WORKSPACE.replace(Workspace::new());
    let result = workspace.answer(request, files, &now, &mut report).await;
    WORKSPACE.set(workspace);
    (id, result)
}

async fn decode(id: u64, data: &JsValue) -> Result<(Request, Vec<FileBytes>)> {
    let json = Reflect::get(data, &"request".into())
        .ok()
        .and_then(|v| v.as_string())
        .ok_or("the page sent a message without a request")?;
    let request: Request = serde_json::from_str(&json)
        .map_err(|e| Error::other(format!("the page sent a request the worker does not understand: {e}")))?;
    let files = Reflect::get(data, &"files".into()).map(|files| Array::from(&files)).unwrap_or_default();
    // A file to open is parsed while it is read, slice by slice; other files are read first.
    let stream = matches!(request, Request::LoadFiles { .. } | Request::Reread { .. });
    let mut read = Vec::with_capacity(files.length() as usize);
    for file in files.iter().map(JsCast::unchecked_into::<File>) {
        read.push(match stream {
            true => streamed(file),
            false => read_file(id, file).await?,
        });
    }
    Ok((request, read))
}

/// The bytes of a browser `File`, read through its stream slice by slice with progress
/// messages for job `id`; only the first [`MAX_OPEN_BYTES`] of a larger file.
async fn read_file(id: u64, file: File) -> Result<FileBytes> {
    let name = file.name();
    let full_size = file.size() as u64;
    let mut progress = |fraction: f64, message: &str| {
        post(&WorkerMessage::Progress { id, fraction, message: message.to_string() });
        true
    };
    let bytes =
        read_bytes(&name, &mut FileStream::new(file), full_size.min(MAX_OPEN_BYTES), READ_CHUNK_BYTES, &mut progress)
            .await?;
    Ok(FileBytes::partial(name, bytes, full_size))
}

/// A browser `File` read through its stream while it is parsed, so it is never in memory
/// whole, with the helper worker (if any) reading half of its columns when it is large.
fn streamed(file: File) -> FileBytes {
    let partner = START.get().has_helper().then(|| Box::new(HelperPartner::new(file.clone())) as Box<dyn Partner>);
    FileBytes::streamed(file.name(), Box::new(FileStream::new(file)), partner)
}

fn post(message: &WorkerMessage) {
    let json = serde_json::to_string(message).unwrap_or_else(|e| {
        serde_json::to_string(&WorkerMessage::Crashed { message: format!("could not encode a reply: {e}") })
            .unwrap_or_default()
    });
    // Posting a string cannot fail (it is always cloneable).
    let _ = scope().post_message(&JsValue::from_str(&json));
}

/// This worker's global scope.
pub fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// A panic's message and where it happened.
pub fn panic_message(info: &std::panic::PanicHookInfo<'_>) -> String {
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
