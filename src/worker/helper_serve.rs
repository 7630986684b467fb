//! The helper worker's side (see `helper_client.rs`): it warms up, says it is ready, then
//! does what it is sent: analyses a column for a report, or reads its half of a file's
//! columns and hands them over one by one as bytes, each dropped once sent, then the part's
//! header.
//!
//! Messages in: `{ job, index, name, column: Uint8Array }` to analyse, or `{ job, request:
//! JSON of ShareRequest, file: File }` to read. Messages out: `{ ready: true }`; per column
//! analysed `{ job, index, analysis: JSON of ColumnAnalysis }` (no `analysis` when declined);
//! per read `{ job, column: Uint8Array }`… and `{ job, done: JSON of PartHeader }`; or
//! `{ job, error: string }`.

use crate::engine::base::error::{Error, Result};
use std::cell::{Cell, RefCell};

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{File, MessageEvent};

use crate::engine::base::column_bytes;
use crate::engine::ingest::{read_part, slice_for, IngestOptions, Part, ShareRequest};
use crate::engine::profile::ColumnAnalysis;
use crate::worker::file_stream::FileStream;
use crate::worker::runtime::{panic_message, scope};
use crate::worker::warm_up;

thread_local! {
    /// The job being done, named in a panic's message.
    static JOB: Cell<f64> = const { Cell::new(0.0) };
    /// The bytes of the column being analysed, in one buffer kept for every column.
    static COLUMN: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Starts the helper: installs the panic hook and the message handler, warms up, then says
/// it is ready.
pub fn serve() {
    std::panic::set_hook(Box::new(|info| {
        post(JOB.get(), "error", &format!("the helper crashed: {}", panic_message(info)).into(), None);
        console_error_panic_hook::hook(info);
    }));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        wasm_bindgen_futures::spawn_local(answer(event.data()));
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    wasm_bindgen_futures::spawn_local(async {
        warm_up().await;
        let ready = Object::new();
        let _ = Reflect::set(&ready, &"ready".into(), &true.into());
        let _ = scope().post_message(&ready);
    });
}

/// Reads a made-up file's share as a real one is read, and encodes its columns, so that the
/// browser has compiled and optimized that code before the first real file.
async fn warm_up() {
    let text = warm_up::table_text(warm_up::ROWS);
    let Ok(file) = File::new_with_str_sequence(&Array::of1(&text.as_str().into()), warm_up::FILE_NAME) else { return };
    let end = text.len() as u64;
    let options = IngestOptions::default();
    let request = ShareRequest {
        name: warm_up::FILE_NAME.into(),
        end,
        options,
        delimiter: b',',
        quote: Some(b'"'),
        start: 0,
        decimal_comma: None,
        slice: slice_for(end),
    };
    if let Ok(part) = read(file, &request).await {
        let (_, values) = part.split_values();
        for column in &values {
            let bytes = column_bytes::encode(column);
            if let Ok(column) = column_bytes::decode(&bytes) {
                drop(ColumnAnalysis::of(warm_up::FILE_NAME, &column).to_exact_json());
            }
        }
    }
}

async fn answer(data: JsValue) {
    let job = Reflect::get(&data, &"job".into()).ok().and_then(|j| j.as_f64()).unwrap_or(0.0);
    JOB.set(job);
    if let Some(index) = Reflect::get(&data, &"index".into()).ok().filter(|i| !i.is_undefined()) {
        return analyse(job, index, &data);
    }
    if let Err(e) = hand_over(job, &data).await {
        post(job, "error", &e.to_string().into(), None);
    }
}

/// Analyses the column the message holds and sends the analysis back, or no analysis when
/// the column cannot be read or its analysis cannot go as JSON exactly.
/// The column's buffer goes back with the answer, for the next column.
fn analyse(job: f64, index: JsValue, data: &JsValue) {
    let get = |key: &str| Reflect::get(data, &key.into()).ok();
    let name = get("name").and_then(|n| n.as_string()).unwrap_or_default();
    let column = get("column").and_then(|c| c.dyn_into::<Uint8Array>().ok());
    let data = column.as_ref().and_then(|column| {
        COLUMN.with_borrow_mut(|bytes| {
            bytes.resize(column.length() as usize, 0);
            column.copy_to(bytes);
            column_bytes::decode(bytes).ok()
        })
    });
    let analysis = data.and_then(|data| ColumnAnalysis::of(&name, &data).to_exact_json());
    let message = Object::new();
    let _ = Reflect::set(&message, &"job".into(), &job.into());
    let _ = Reflect::set(&message, &"index".into(), &index);
    if let Some(json) = analysis {
        let _ = Reflect::set(&message, &"analysis".into(), &json.into());
    }
    match column.map(|c| c.buffer()) {
        Some(buffer) => {
            let _ = Reflect::set(&message, &"buffer".into(), &buffer);
            let _ = scope().post_message_with_transfer(&message, &Array::of1(&buffer));
        }
        None => {
            let _ = scope().post_message(&message);
        }
    }
}

/// Reads the share the message asks for and sends its columns, then its header.
async fn hand_over(job: f64, data: &JsValue) -> Result<()> {
    let get = |key: &str| Reflect::get(data, &key.into()).ok();
    let json = get("request").and_then(|r| r.as_string()).ok_or("the helper was sent no request")?;
    let request: ShareRequest =
        serde_json::from_str(&json).map_err(|e| Error::other(format!("the helper could not read its request: {e}")))?;
    let file: File = get("file").and_then(|f| f.dyn_into().ok()).ok_or("the helper was sent no file")?;
    let (header, values) = read(file, &request).await?.split_values();
    for column in values {
        let bytes = column_bytes::encode(&column);
        drop(column);
        let array = Uint8Array::from(&bytes[..]);
        drop(bytes);
        post(job, "column", &array, Some(&array));
    }
    let header = serde_json::to_string(&header)
        .map_err(|e| Error::other(format!("the helper could not write its answer: {e}")))?;
    post(job, "done", &header.into(), None);
    Ok(())
}

async fn read(file: File, request: &ShareRequest) -> Result<Part> {
    read_part(&mut FileStream::new(file), request, &mut |_, _| true).await
}

/// Posts `{ job, key: value }`, handing `transfer`'s buffer over rather than copying it.
fn post(job: f64, key: &str, value: &JsValue, transfer: Option<&Uint8Array>) {
    let message = Object::new();
    let _ = Reflect::set(&message, &"job".into(), &job.into());
    let _ = Reflect::set(&message, &key.into(), value);
    let _ = match transfer {
        Some(array) => scope().post_message_with_transfer(&message, &Array::of1(&array.buffer())),
        None => scope().post_message(&message),
    };
}
