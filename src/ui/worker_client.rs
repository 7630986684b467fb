//! The page's side of the worker protocol: sends requests with increasing ids, routes each
//! reply to its callback, and restarts the worker after a crash (or a Cancel), replaying the
//! [`Session`] so the user's data comes back.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use js_sys::{Array, Object, Reflect};
use leptos::prelude::{RwSignal, Set};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, File, MessageEvent, Worker, WorkerOptions};

use crate::ui::session::Session;
use crate::worker::protocol::{self, Answer, Request, WorkerMessage};

/// Starts the `worker` binary that Trunk builds as `worker.js` + `worker_bg.wasm`
/// (public/worker-loader.js, copied next to index.html).
const WORKER_URL: &str = "./worker-loader.js";
/// Crashes in a row, without a job succeeding in between, before Sift stops restarting.
const MAX_RESTARTS: u32 = 3;

/// What the page shows while a job runs.
#[derive(Clone, Debug, PartialEq)]
pub struct JobStatus {
    pub label: String,
    /// 0..=1 when the worker reports progress; `None` shows an indeterminate bar.
    pub fraction: Option<f64>,
    /// What the worker says it is doing now ("fold 2 of 5"), when it has said.
    pub detail: Option<String>,
    /// Whether the Cancel button applies (a user's job that the worker is running).
    pub cancellable: bool,
    /// Whether a job the person started (or a restore) is running or waiting, so their
    /// buttons wait; a background job (a preview) alone leaves them usable.
    pub busy: bool,
}

/// Called once with the outcome of a job.
pub type Done = Box<dyn FnOnce(Result<Answer, String>)>;

struct Job {
    id: u64,
    label: String,
    request: Request,
    files: Vec<File>,
    done: Done,
    /// A replay after a restart: not recorded again, and not cancellable.
    restore: bool,
    /// Asked by the page itself (a preview), not by the person: it does not make the page busy.
    background: bool,
}

/// Why a worker is being replaced.
enum Stop {
    Crashed(String),
    Cancelled,
}

struct Inner {
    worker: Option<Worker>,
    /// Bumped with each worker so events from a terminated one are ignored.
    generation: u64,
    ready: bool,
    next_id: u64,
    /// Not yet posted (the worker is starting).
    waiting: VecDeque<Job>,
    /// Posted, in order; the first is the one the worker is running.
    running: VecDeque<Job>,
    progress: Option<(f64, String)>,
    session: Session,
    crashes_in_a_row: u32,
    status: RwSignal<Option<JobStatus>>,
    report: Rc<dyn Fn(String)>,
}

/// A handle on the engine's Web Worker; clones share it.
#[derive(Clone)]
pub struct WorkerClient(Rc<RefCell<Inner>>);

impl WorkerClient {
    /// Starts the worker. `status` follows the job in progress; `report` hears about
    /// trouble no job is waiting for (data not restored after a restart, a failed start).
    pub fn start(status: RwSignal<Option<JobStatus>>, report: impl Fn(String) + 'static) -> Self {
        let client = WorkerClient(Rc::new(RefCell::new(Inner {
            worker: None,
            generation: 0,
            ready: false,
            next_id: 1,
            waiting: VecDeque::new(),
            running: VecDeque::new(),
            progress: None,
            session: Session::default(),
            crashes_in_a_row: 0,
            status,
            report: Rc::new(report),
        })));
        client.spawn();
        client
    }

    /// Sends `request` (with the files of a `LoadFiles`); `done` gets the answer or an error.
    pub fn call(
        &self,
        label: &str,
        request: Request,
        files: Vec<File>,
        done: impl FnOnce(Result<Answer, String>) + 'static,
    ) {
        self.enqueue(label, request, files, Box::new(done), false);
    }

    /// Like [`call`](Self::call), for a job the page asks by itself (a preview): it queues
    /// like any other, but leaves the buttons usable while it runs.
    pub fn call_in_background(&self, label: &str, request: Request, done: impl FnOnce(Result<Answer, String>) + 'static) {
        self.enqueue(label, request, Vec::new(), Box::new(done), true);
    }

    fn enqueue(&self, label: &str, request: Request, files: Vec<File>, done: Done, background: bool) {
        let has_worker = {
            let mut inner = self.0.borrow_mut();
            let id = inner.next_id;
            inner.next_id += 1;
            let label = label.to_string();
            inner.waiting.push_back(Job {
                id,
                label,
                request,
                files,
                done,
                restore: false,
                background,
            });
            inner.worker.is_some()
        };
        if !has_worker {
            self.spawn();
        }
        self.flush();
    }

    /// Stops the running job by replacing the worker, then restores the data.
    pub fn cancel(&self) {
        let user_job_running = self
            .0
            .borrow()
            .running
            .front()
            .is_some_and(|job| !job.restore);
        if user_job_running {
            self.restart(Stop::Cancelled);
        }
    }

    fn spawn(&self) {
        let generation = {
            let mut inner = self.0.borrow_mut();
            inner.generation += 1;
            inner.ready = false;
            inner.generation
        };
        // Only the page's first worker warms up: a later one (after a crash or a Cancel) goes
        // straight to the replay of the person's files, which warms it as well.
        let options = WorkerOptions::new();
        let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
        let start = protocol::WorkerStart { restarted: generation > 1, cores: cores.clamp(1.0, 1024.0) as u32 };
        options.set_name(&start.name());
        let worker = match Worker::new_with_options(WORKER_URL, &options) {
            Ok(worker) => worker,
            Err(error) => return self.give_up(&format!("the engine could not start ({error:?})")),
        };
        let weak = Rc::downgrade(&self.0);
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(client) = current(&weak, generation) {
                client.on_message(event.data().as_string().unwrap_or_default());
            }
        });
        let weak = Rc::downgrade(&self.0);
        let on_error = Closure::<dyn Fn(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            if let Some(client) = current(&weak, generation) {
                client.on_error(event.message());
            }
        });
        worker.set_onmessage(Some(&on_message.into_js_value().unchecked_into()));
        worker.set_onerror(Some(&on_error.into_js_value().unchecked_into()));
        self.0.borrow_mut().worker = Some(worker);
        self.publish();
    }

    fn on_message(&self, text: String) {
        let message = match serde_json::from_str::<WorkerMessage>(&text) {
            Ok(message) => message,
            Err(error) => {
                return self.restart(Stop::Crashed(format!(
                    "it sent a message Sift cannot read ({error})"
                )))
            }
        };
        match message {
            WorkerMessage::Ready => {
                self.0.borrow_mut().ready = true;
                self.flush();
            }
            WorkerMessage::Progress {
                id,
                fraction,
                message,
            } => {
                let mut inner = self.0.borrow_mut();
                if inner.running.front().is_some_and(|job| job.id == id) {
                    inner.progress = Some((fraction.clamp(0.0, 1.0), message));
                }
                drop(inner);
                self.publish();
            }
            WorkerMessage::Reply(reply) => self.finish(reply.id, reply.result.map_err(|e| e.message)),
            WorkerMessage::Crashed { message } if self.0.borrow().ready => {
                self.restart(Stop::Crashed(message))
            }
            WorkerMessage::Crashed { message } => self.give_up(&message),
        }
    }

    fn on_error(&self, message: String) {
        if self.0.borrow().ready {
            self.restart(Stop::Crashed(message));
        } else {
            self.give_up(&format!("the engine could not start ({message})"));
        }
    }

    /// Posts the waiting jobs once the worker is ready.
    fn flush(&self) {
        let mut failed = Vec::new();
        {
            let mut inner = self.0.borrow_mut();
            if let (true, Some(worker)) = (inner.ready, inner.worker.clone()) {
                while let Some(job) = inner.waiting.pop_front() {
                    match post(&worker, &job) {
                        Ok(()) => inner.running.push_back(job),
                        Err(error) => failed.push((job, error)),
                    }
                }
            }
        }
        self.publish();
        for (job, error) in failed {
            (job.done)(Err(error));
        }
    }

    fn finish(&self, id: u64, result: Result<Answer, String>) {
        let job = {
            let mut inner = self.0.borrow_mut();
            let Some(position) = inner.running.iter().position(|job| job.id == id) else {
                return;
            };
            let job = inner.running.remove(position);
            inner.progress = None;
            if let (Some(job), Ok(answer)) = (&job, &result) {
                if !job.restore {
                    inner.session.record(&job.request, &job.files, answer);
                    inner.crashes_in_a_row = 0;
                }
            }
            job
        };
        self.publish();
        if let Some(job) = job {
            (job.done)(result);
        }
    }

    /// Replaces the worker: fails the job it was running, replays the session, then the
    /// jobs that were queued behind it.
    fn restart(&self, stop: Stop) {
        let (failed, give_up) = {
            let mut inner = self.0.borrow_mut();
            if let Some(worker) = inner.worker.take() {
                worker.terminate();
            }
            inner.progress = None;
            let mut running = std::mem::take(&mut inner.running);
            let failed = running.pop_front();
            let queued: Vec<Job> = running
                .into_iter()
                .chain(inner.waiting.drain(..))
                .filter(|job| !job.restore)
                .collect();
            let on_error = inner.report.clone();
            let restore: Vec<Job> = inner
                .session
                .replay()
                .into_iter()
                .map(|(request, files)| restore_job(request, files, &on_error))
                .collect();
            let mut jobs: VecDeque<Job> = restore.into_iter().chain(queued).collect();
            for job in jobs.iter_mut() {
                job.id = inner.next_id;
                inner.next_id += 1;
            }
            inner.waiting = jobs;
            if matches!(stop, Stop::Crashed(_)) {
                inner.crashes_in_a_row += 1;
            }
            (failed, inner.crashes_in_a_row > MAX_RESTARTS)
        };
        let message = match (&stop, &failed) {
            (Stop::Cancelled, Some(job)) => format!("Cancelled “{}”. Your data and recipe are as they were.", job.label),
            (Stop::Crashed(why), Some(job)) => format!(
                "The engine crashed during “{}”: {why}. Sift restarted it and is restoring your data; your recipe is kept.",
                job.label
            ),
            (Stop::Crashed(why), None) => format!("The engine crashed: {why}. Sift restarted it."),
            (Stop::Cancelled, None) => String::new(),
        };
        if give_up {
            self.give_up(&format!("the engine keeps crashing ({message})"));
        } else {
            self.spawn();
        }
        if let Some(job) = failed {
            (job.done)(Err(message));
        }
    }

    /// Fails every job and leaves no worker; the next call starts a fresh one.
    fn give_up(&self, why: &str) {
        let jobs: Vec<Job> = {
            let mut inner = self.0.borrow_mut();
            if let Some(worker) = inner.worker.take() {
                worker.terminate();
            }
            inner.generation += 1;
            inner.ready = false;
            inner.crashes_in_a_row = 0;
            let running = std::mem::take(&mut inner.running);
            running.into_iter().chain(inner.waiting.drain(..)).collect()
        };
        self.publish();
        let message = format!("{why}. Reload the page to try again.");
        if jobs.is_empty() {
            let report = self.0.borrow().report.clone();
            report(message);
        } else {
            for job in jobs {
                (job.done)(Err(message.clone()));
            }
        }
    }

    /// Tells the page what is running.
    fn publish(&self) {
        let (signal, status) = {
            let inner = self.0.borrow();
            let (job, fraction) = match inner.running.front() {
                Some(job) => (Some(job), inner.progress.clone()),
                None => (inner.waiting.front(), None),
            };
            let status = job.map(|job| JobStatus {
                label: job.label.clone(),
                fraction: fraction.as_ref().map(|(f, _)| *f),
                detail: fraction.as_ref().map(|(_, m)| m.clone()).filter(|m| !m.is_empty()),
                cancellable: inner.ready
                    && !job.restore
                    && inner.running.front().is_some_and(|r| r.id == job.id),
                busy: inner.running.iter().chain(&inner.waiting).any(|job| !job.background),
            });
            (inner.status, status)
        };
        signal.set(status);
    }
}

/// A replay job; it speaks up only if it fails.
fn restore_job(request: Request, files: Vec<File>, on_error: &Rc<dyn Fn(String)>) -> Job {
    let on_error = on_error.clone();
    Job {
        id: 0,
        label: "Restoring your data".to_string(),
        request,
        files,
        done: Box::new(move |result| {
            if let Err(error) = result {
                on_error(format!(
                    "Sift could not restore your data after the restart: {error}"
                ));
            }
        }),
        restore: true,
        background: false,
    }
}

/// The client behind `weak`, if `generation` is still its worker.
fn current(weak: &Weak<RefCell<Inner>>, generation: u64) -> Option<WorkerClient> {
    let inner = weak.upgrade()?;
    let is_current = inner.borrow().generation == generation;
    is_current.then_some(WorkerClient(inner))
}

/// Posts `{ id, request, files }` to the worker.
fn post(worker: &Worker, job: &Job) -> Result<(), String> {
    let json = serde_json::to_string(&job.request)
        .map_err(|e| format!("could not encode the request: {e}"))?;
    let message = Object::new();
    let files: Array = job.files.iter().collect();
    for (key, value) in [
        ("id", JsValue::from_f64(job.id as f64)),
        ("request", json.into()),
        ("files", files.into()),
    ] {
        Reflect::set(&message, &key.into(), &value).map_err(|e| format!("{e:?}"))?;
    }
    worker
        .post_message(&message)
        .map_err(|e| format!("could not send the request to the engine: {e:?}"))
}
