//! The helper worker, seen from the worker that owns the tables: a second instance of the
//! engine, started inside this worker on machines with four cores or more, that works on
//! another core: it reads half of a large file's columns (`engine/ingest/share.rs`) and
//! analyses half of a large table's columns for the report (`engine/profile/shared.rs`).
//! `helper_serve.rs` is its side.
//!
//! The helper is started when this worker starts. Once it has helped with an answer, it is
//! stopped, so that the memory it used is given back, and a new one is started a moment
//! later (see [`recycle`]). The first worker says it is ready once its helper is (see
//! [`until_ready`]); work that arrives while a new helper is still warming up is done alone.

use crate::engine::base::error::{Error, Result};
use std::cell::RefCell;
use std::future::poll_fn;
use std::task::{Poll, Waker};

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, File, MessageEvent, Worker, WorkerOptions};

use crate::engine::base::column_bytes;
use crate::engine::base::table::ColumnData;
use crate::engine::ingest::{Part, PartHeader, Partner, Pending, ShareRequest};
use crate::engine::profile::{Analyst, ColumnAnalysis, Finished};
use crate::worker::protocol::HELPER_WORKER;
use crate::worker::runtime::scope;

/// The script that starts a worker (this worker's own, beside it).
const WORKER_LOADER: &str = "./worker-loader.js";

/// How long after an answer a used helper is replaced by a fresh one: its warm-up would
/// otherwise take the second core while the page shows the answer.
const RESTART_DELAY_MS: i32 = 1500;

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
    ended: Option<Result<PartHeader>>,
    waker: Option<Waker>,
    /// Columns it analysed (or declined) for the current job, not yet taken.
    analyses: Finished,
    /// Whether it was given work (so holds memory it no longer needs).
    used: bool,
    /// Buffers the helper gave back, to send the next columns in: a buffer handed over
    /// between workers is only freed when the receiver's garbage collector runs, so new ones
    /// for every column would pile up.
    buffers: Vec<js_sys::ArrayBuffer>,
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
    while waited < limit_ms
        && HELPER.with_borrow(|helper| helper.as_ref().is_some_and(|h| !h.ready && h.ended.is_none()))
    {
        let pause = js_sys::Promise::new(&mut |resolve, _| {
            let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, STEP_MS);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(pause).await;
        waited += STEP_MS;
    }
}

/// After an answer: a helper that worked for it is stopped, giving back its memory, and a
/// fresh one is started [`RESTART_DELAY_MS`] later (unless one was started meanwhile).
pub fn recycle() {
    if HELPER.with_borrow(|helper| helper.as_ref().is_some_and(|h| !h.used)) {
        return;
    }
    stop();
    let later = Closure::once_into_js(start);
    let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), RESTART_DELAY_MS);
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
        end(None, Err(Error::other(format!("the helper stopped: {}", event.message()))));
    });
    worker.set_onmessage(Some(&on_message.into_js_value().unchecked_into()));
    worker.set_onerror(Some(&on_error.into_js_value().unchecked_into()));
    Some(Helper {
        worker,
        ready: false,
        job: 0,
        columns: Vec::new(),
        ended: None,
        waker: None,
        analyses: Vec::new(),
        used: false,
        buffers: Vec::new(),
    })
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
    if let Some(index) = get("index").and_then(|i| i.as_f64()) {
        // A column analysed, or declined (no analysis, or one that cannot be read).
        let analysis =
            get("analysis").and_then(|a| a.as_string()).and_then(|json| ColumnAnalysis::from_json(&json).ok());
        let buffer = get("buffer").and_then(|b| b.dyn_into::<js_sys::ArrayBuffer>().ok());
        HELPER.with_borrow_mut(|helper| {
            let Some(h) = helper.as_mut() else { return };
            h.buffers.extend(buffer);
            if Some(h.job) == job && h.ended.is_none() {
                h.analyses.push((index as usize, analysis));
                if let Some(waker) = h.waker.take() {
                    waker.wake();
                }
            }
        });
    } else if let Some(column) = get("column").and_then(|c| c.dyn_into::<Uint8Array>().ok()) {
        match column_bytes::decode(&column.to_vec()) {
            Ok(values) => HELPER.with_borrow_mut(|helper| {
                if let Some(h) = helper.as_mut().filter(|h| Some(h.job) == job && h.ended.is_none()) {
                    h.columns.push(values);
                }
            }),
            Err(e) => end(job, Err(Error::other(format!("the helper sent a column that could not be read: {e}")))),
        }
    } else if let Some(done) = get("done").and_then(|d| d.as_string()) {
        end(
            job,
            serde_json::from_str(&done)
                .map_err(|e| Error::other(format!("the helper's answer could not be read: {e}"))),
        );
    } else if let Some(error) = get("error").and_then(|e| e.as_string()) {
        end(job, Err(Error::other(error)));
    }
}

/// Ends job `job` (the current one when `None`) with `outcome`, waking whoever waits.
fn end(job: Option<u64>, outcome: Result<PartHeader>) {
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
    fn take(job: u64, waker: &Waker) -> Option<Result<Part>> {
        HELPER.with_borrow_mut(|helper| {
            let Some(h) = helper.as_mut().filter(|h| h.job == job) else {
                return Some(Err(Error::other("the helper stopped")));
            };
            match h.ended.take() {
                Some(outcome) => {
                    Some(outcome.and_then(|header| Part::join_values(header, std::mem::take(&mut h.columns))))
                }
                None => {
                    h.waker = Some(waker.clone());
                    None
                }
            }
        })
    }
}

impl Partner for HelperPartner {
    fn start(&mut self, request: ShareRequest) -> Result<()> {
        let json = serde_json::to_string(&request).map_err(|e| e.to_string())?;
        let job = HELPER.with_borrow_mut(|helper| {
            let h = helper.as_mut().filter(|h| h.ready).ok_or("the helper is not ready")?;
            h.job += 1;
            h.used = true;
            h.columns.clear();
            h.ended = None;
            let message = Object::new();
            for (key, value) in
                [("job", JsValue::from(h.job as f64)), ("request", json.into()), ("file", self.file.clone().into())]
            {
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
            let Some(job) = self.job else { return Err(Error::other("the helper was given no job")) };
            let part = poll_fn(|context| match HelperPartner::take(job, context.waker()) {
                Some(part) => Poll::Ready(part),
                None => Poll::Pending,
            })
            .await;
            self.job = None;
            if let Err(e) = &part {
                stop();
                web_sys::console::error_1(
                    &format!("Sift: the helper worker could not read its columns ({e}); the file is read alone.")
                        .into(),
                );
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

/// The helper analysing columns for a report while this worker analyses others.
pub struct HelperAnalyst {
    job: u64,
    in_hand: usize,
}

impl HelperAnalyst {
    /// An analyst for one report, when the helper is ready for it.
    pub fn new() -> Option<Self> {
        let job = HELPER.with_borrow_mut(|helper| {
            let h = helper.as_mut().filter(|h| h.ready && h.ended.is_none())?;
            h.job += 1;
            h.analyses.clear();
            Some(h.job)
        })?;
        Some(HelperAnalyst { job, in_hand: 0 })
    }

    /// The analyses that arrived; `None` while none has and `wait` says to wait for one.
    fn take(&self, wait: bool, waker: &Waker) -> Option<Result<Finished>> {
        HELPER.with_borrow_mut(|helper| {
            let Some(h) = helper.as_mut().filter(|h| h.job == self.job) else {
                return Some(Err(Error::other("the helper stopped")));
            };
            if let Some(Err(e)) = &h.ended {
                return Some(Err(e.clone()));
            }
            if h.analyses.is_empty() && wait && self.in_hand > 0 {
                h.waker = Some(waker.clone());
                return None;
            }
            Some(Ok(std::mem::take(&mut h.analyses)))
        })
    }
}

impl Analyst for HelperAnalyst {
    fn has_room(&self) -> bool {
        self.in_hand < 2
    }

    fn give(&mut self, index: usize, name: &str, data: &ColumnData) -> Result<()> {
        let bytes = column_bytes::encode(data);
        HELPER.with_borrow_mut(|helper| {
            let h = helper.as_mut().filter(|h| h.job == self.job && h.ended.is_none()).ok_or("the helper stopped")?;
            h.used = true;
            let column = in_buffer(&mut h.buffers, &bytes);
            let message = Object::new();
            for (key, value) in [
                ("job", JsValue::from(self.job as f64)),
                ("index", JsValue::from(index as f64)),
                ("name", name.into()),
                ("column", column.clone().into()),
            ] {
                Reflect::set(&message, &key.into(), &value).map_err(|_| "could not write to the helper")?;
            }
            h.worker
                .post_message_with_transfer(&message, &js_sys::Array::of1(&column.buffer()))
                .map_err(|_| "could not write to the helper")
        })?;
        self.in_hand += 1;
        Ok(())
    }

    fn finished(&mut self, wait: bool) -> Pending<'_, Finished> {
        Box::pin(async move {
            if !wait {
                let_messages_in().await;
            }
            let done = poll_fn(|context| match self.take(wait, context.waker()) {
                Some(done) => Poll::Ready(done),
                None => Poll::Pending,
            })
            .await;
            if let Err(e) = &done {
                stop();
                web_sys::console::error_1(
                    &format!("Sift: the helper worker could not analyse its columns ({e}); the report is made alone.")
                        .into(),
                );
            }
            let done = done?;
            self.in_hand = self.in_hand.saturating_sub(done.len());
            Ok(done)
        })
    }
}

/// `bytes` in the first of `buffers` large enough (taken from them), or in a new buffer
/// with room to spare for the next, larger column.
fn in_buffer(buffers: &mut Vec<js_sys::ArrayBuffer>, bytes: &[u8]) -> Uint8Array {
    let buffer = match buffers.iter().position(|b| b.byte_length() as usize >= bytes.len()) {
        Some(at) => buffers.swap_remove(at),
        None => js_sys::ArrayBuffer::new((bytes.len() + bytes.len() / 4) as u32),
    };
    let column = Uint8Array::new_with_byte_offset_and_length(&buffer, 0, bytes.len() as u32);
    column.copy_from(bytes);
    column
}

/// Returns once the messages that arrived meanwhile have been handled: a message posted to
/// oneself is queued behind them (a timer would be slowed to 4 ms once timers nest).
async fn let_messages_in() {
    let Ok(channel) = web_sys::MessageChannel::new() else { return };
    let arrived = js_sys::Promise::new(&mut |resolve, _| channel.port1().set_onmessage(Some(&resolve)));
    if channel.port2().post_message(&JsValue::NULL).is_ok() {
        let _ = wasm_bindgen_futures::JsFuture::from(arrived).await;
    }
}
