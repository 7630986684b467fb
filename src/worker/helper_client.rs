//! The helper worker, seen from the worker that owns the tables: a second instance of the
//! engine, started inside this worker, that reads half of the columns of a large file on the
//! second core (see `engine/ingest/share.rs`, and `helper_serve.rs` for its side).
//!
//! The helper is started when this worker starts, and again after each file it helped with:
//! it is stopped once it has handed its columns over, so that the memory they took is given
//! back. The first worker says it is ready once its helper is (see [`until_ready`]); a file
//! that arrives while a restarted helper is still warming up is read alone.

use std::cell::RefCell;
use std::future::poll_fn;
use std::task::{Poll, Waker};

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, File, MessageEvent, Worker, WorkerOptions};

use crate::engine::column_bytes;
use crate::engine::ingest::{Part, PartHeader, Partner, Pending, ShareRequest};
use crate::engine::table::ColumnData;
use crate::worker::protocol::HELPER_WORKER;
use crate::worker::runtime::scope;

/// The script that starts a worker (this worker's own, beside it).
const WORKER_LOADER: &str = "./worker-loader.js";

thread_local! {
    static HELPER: RefCell<Option<Helper>> = const { RefCell::new(None) };
}

/// The running helper and the job it is doing.
struct Helper {
    worker: Worker,
    /// Whether it has warmed up and waits for a job.
    ready: bool,
    /// The last job given, the columns it sent so far, how it ended, and who waits for that.
    job: u64,
    columns: Vec<ColumnData>,
    ended: Option<Result<PartHeader, String>>,
    waker: Option<Waker>,
}

/// Starts the helper unless it is running.
pub fn start() {
    HELPER.with_borrow_mut(|helper| {
        if helper.is_none() {
            *helper = spawn();
        }
    });
}

/// Waits until the helper has warmed up, has failed to start, or `limit_ms` have passed.
pub async fn until_ready(limit_ms: i32) {
    const STEP_MS: i32 = 50;
    let mut waited = 0;
    while waited < limit_ms && HELPER.with_borrow(|helper| helper.as_ref().is_some_and(|h| !h.ready && h.ended.is_none())) {
        let pause = js_sys::Promise::new(&mut |resolve, _| {
            let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, STEP_MS);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(pause).await;
        waited += STEP_MS;
    }
}

/// Stops the helper, giving back its memory, and wakes whoever waited for it.
fn stop() {
    if let Some(helper) = HELPER.take() {
        helper.worker.terminate();
        if let Some(waker) = helper.waker {
            waker.wake();
        }
    }
}

fn spawn() -> Option<Helper> {
    let options = WorkerOptions::new();
    options.set_name(HELPER_WORKER);
    let worker = Worker::new_with_options(WORKER_LOADER, &options).ok()?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| on_message(&event.data()));
    let on_error = Closure::<dyn Fn(ErrorEvent)>::new(|event: ErrorEvent| {
        event.prevent_default();
        end(None, Err(format!("the helper stopped: {}", event.message())));
    });
    worker.set_onmessage(Some(&on_message.into_js_value().unchecked_into()));
    worker.set_onerror(Some(&on_error.into_js_value().unchecked_into()));
    Some(Helper { worker, ready: false, job: 0, columns: Vec::new(), ended: None, waker: None })
}

/// A message from the helper: ready, one column of a job, or the job's end; a text when it
/// could not start (see `worker-loader.js`).
fn on_message(data: &JsValue) {
    if data.is_string() {
        return stop();
    }
    let get = |key: &str| Reflect::get(data, &key.into()).ok().filter(|v| !v.is_undefined());
    if get("ready").is_some() {
        HELPER.with_borrow_mut(|helper| helper.iter_mut().for_each(|h| h.ready = true));
        return;
    }
    let job = get("job").and_then(|j| j.as_f64()).map(|j| j as u64);
    if let Some(column) = get("column").and_then(|c| c.dyn_into::<Uint8Array>().ok()) {
        match column_bytes::decode(&column.to_vec()) {
            Ok(values) => HELPER.with_borrow_mut(|helper| {
                if let Some(h) = helper.as_mut().filter(|h| Some(h.job) == job && h.ended.is_none()) {
                    h.columns.push(values);
                }
            }),
            Err(e) => end(job, Err(format!("the helper sent a column that could not be read: {e}"))),
        }
    } else if let Some(done) = get("done").and_then(|d| d.as_string()) {
        end(job, serde_json::from_str(&done).map_err(|e| format!("the helper's answer could not be read: {e}")));
    } else if let Some(error) = get("error").and_then(|e| e.as_string()) {
        end(job, Err(error));
    }
}

/// Ends job `job` (the current one when `None`) with `outcome`, waking whoever waits.
fn end(job: Option<u64>, outcome: Result<PartHeader, String>) {
    HELPER.with_borrow_mut(|helper| {
        if let Some(h) = helper.as_mut().filter(|h| job.is_none_or(|j| j == h.job)) {
            h.ended.get_or_insert(outcome);
            if let Some(waker) = h.waker.take() {
                waker.wake();
            }
        }
    });
}

/// The helper reading half of the columns of one file.
pub struct HelperPartner {
    file: File,
    /// The job given to the helper, until its columns are taken.
    job: Option<u64>,
}

impl HelperPartner {
    /// A partner for `file`.
    pub fn new(file: File) -> Self {
        HelperPartner { file, job: None }
    }

    /// The helper's columns once job `job` has ended; `None` while it runs.
    fn take(job: u64, waker: &Waker) -> Option<Result<Part, String>> {
        HELPER.with_borrow_mut(|helper| {
            let Some(h) = helper.as_mut().filter(|h| h.job == job) else { return Some(Err("the helper stopped".to_string())) };
            match h.ended.take() {
                Some(outcome) => Some(outcome.and_then(|header| Part::join_values(header, std::mem::take(&mut h.columns)))),
                None => {
                    h.waker = Some(waker.clone());
                    None
                }
            }
        })
    }
}

impl Partner for HelperPartner {
    fn start(&mut self, request: ShareRequest) -> Result<(), String> {
        let json = serde_json::to_string(&request).map_err(|e| e.to_string())?;
        let job = HELPER.with_borrow_mut(|helper| {
            let h = helper.as_mut().filter(|h| h.ready).ok_or("the helper is not ready")?;
            h.job += 1;
            h.columns.clear();
            h.ended = None;
            let message = Object::new();
            for (key, value) in [("job", JsValue::from(h.job as f64)), ("request", json.into()), ("file", self.file.clone().into())] {
                Reflect::set(&message, &key.into(), &value).map_err(|_| "could not write to the helper")?;
            }
            h.worker.post_message(&message).map_err(|_| "could not write to the helper")?;
            Ok::<u64, &str>(h.job)
        })?;
        self.job = Some(job);
        Ok(())
    }

    fn finish(&mut self) -> Pending<'_, Part> {
        Box::pin(async move {
            let Some(job) = self.job else { return Err("the helper was given no job".to_string()) };
            let part = poll_fn(|context| match HelperPartner::take(job, context.waker()) {
                Some(part) => Poll::Ready(part),
                None => Poll::Pending,
            })
            .await;
            self.job = None;
            stop();
            if let Err(e) = &part {
                web_sys::console::error_1(&format!("Sift: the helper worker could not read its columns ({e}); the file is read alone.").into());
            }
            part
        })
    }
}

impl Drop for HelperPartner {
    /// A read given up before the helper's columns were taken stops the helper, which would
    /// otherwise go on reading for nobody.
    fn drop(&mut self) {
        if self.job.is_some() {
            stop();
        }
    }
}
