//! The page's side of the worker protocol: starts the engine's Web Worker, posts requests
//! and hands each reply to its callback. Which request goes when, and what a crash or a
//! Cancel does to the jobs, is decided by [`Jobs`] (native, tested in `tests/client.rs`);
//! this file only carries out its [`Action`]s with the browser.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::{Array, Object, Reflect};
use leptos::prelude::{RwSignal, Update};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, File, MessageEvent, Worker, WorkerOptions};

use crate::client::jobs::{Action, JobStatus, Jobs, Outcome};
use crate::client::session::Session;
use crate::worker::protocol::{self, Request};

/// Starts the `worker` binary that Trunk builds as `worker.js` + `worker_bg.wasm`
/// (public/worker-loader.js, copied next to index.html).
const WORKER_URL: &str = "./worker-loader.js";

/// Called once with the outcome of a job.
pub type Done = Box<dyn FnOnce(Outcome)>;

struct Inner {
    jobs: Jobs<File, Done>,
    worker: Option<Worker>,
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
            jobs: Jobs::new(),
            worker: None,
            status,
            report: Rc::new(report),
        })));
        client.step(Jobs::start);
        client
    }

    /// What the worker holds, as the requests (and files) that built it.
    pub fn session(&self) -> Session<File> {
        self.0.borrow().jobs.session().clone()
    }

    /// Sends `request` (with the files of a `LoadFiles`); `done` gets the answer or an error.
    pub fn call(&self, label: &str, request: Request, files: Vec<File>, done: impl FnOnce(Outcome) + 'static) {
        self.step(|jobs| jobs.call(label, request, files, Box::new(done), false));
    }

    /// Like [`call`](Self::call), for a job the page asks by itself (a preview): it queues
    /// like any other, but leaves the buttons usable while it runs.
    pub fn call_in_background(&self, label: &str, request: Request, done: impl FnOnce(Outcome) + 'static) {
        self.step(|jobs| jobs.call(label, request, Vec::new(), Box::new(done), true));
    }

    /// Stops the running job by replacing the worker, then restores the data.
    pub fn cancel(&self) {
        self.step(Jobs::cancel);
    }

    /// Feeds one event to the job queue, then carries out what it decided: the worker's
    /// actions first, then the page's status, then the callbacks (which may call again).
    fn step(&self, event: impl FnOnce(&mut Jobs<File, Done>) -> Vec<Action<File, Done>>) {
        let actions = event(&mut self.0.borrow_mut().jobs);
        let mut callbacks = Vec::new();
        self.perform(actions, &mut callbacks);
        self.publish();
        let report = self.0.borrow().report.clone();
        for callback in callbacks {
            match callback {
                Callback::Resolve(done, outcome) => done(outcome),
                Callback::Report(message) => report(message),
            }
        }
    }

    /// Carries out the worker's actions in order (with what a failure to start or post
    /// brings); keeps the callbacks for later, in order.
    fn perform(&self, actions: Vec<Action<File, Done>>, callbacks: &mut Vec<Callback>) {
        for action in actions {
            let failure = match action {
                Action::Terminate => {
                    if let Some(worker) = self.0.borrow_mut().worker.take() {
                        worker.terminate();
                    }
                    None
                }
                Action::Start { generation, restarted } => match self.spawn(generation, restarted) {
                    Ok(worker) => {
                        self.0.borrow_mut().worker = Some(worker);
                        None
                    }
                    Err(error) => Some(self.0.borrow_mut().jobs.start_failed(&error)),
                },
                Action::Post { id, request, files } => {
                    let worker = self.0.borrow().worker.clone();
                    let posted = worker
                        .ok_or_else(|| "the engine is not running".to_string())
                        .and_then(|worker| post(&worker, id, &request, &files));
                    posted.err().map(|error| self.0.borrow_mut().jobs.post_failed(id, error))
                }
                Action::Resolve { done, outcome } => {
                    callbacks.push(Callback::Resolve(done, outcome));
                    None
                }
                Action::Report(message) => {
                    callbacks.push(Callback::Report(message));
                    None
                }
            };
            if let Some(more) = failure {
                self.perform(more, callbacks);
            }
        }
    }

    /// Creates a worker whose events carry `generation`.
    fn spawn(&self, generation: u64, restarted: bool) -> Result<Worker, String> {
        // Only the page's first worker warms up: a later one (after a crash or a Cancel) goes
        // straight to the replay of the person's files, which warms it as well.
        let options = WorkerOptions::new();
        let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
        let start = protocol::WorkerStart { restarted, cores: cores.clamp(1.0, 1024.0) as u32 };
        options.set_name(&start.name());
        let worker = Worker::new_with_options(WORKER_URL, &options).map_err(|error| format!("{error:?}"))?;
        let weak = Rc::downgrade(&self.0);
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(client) = upgrade(&weak) {
                let text = event.data().as_string().unwrap_or_default();
                client.step(|jobs| jobs.receive(generation, &text));
            }
        });
        let weak = Rc::downgrade(&self.0);
        let on_error = Closure::<dyn Fn(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            if let Some(client) = upgrade(&weak) {
                client.step(|jobs| jobs.worker_error(generation, event.message()));
            }
        });
        worker.set_onmessage(Some(&on_message.into_js_value().unchecked_into()));
        worker.set_onerror(Some(&on_error.into_js_value().unchecked_into()));
        Ok(worker)
    }

    /// Tells the page what is running.
    fn publish(&self) {
        let (signal, status) = {
            let inner = self.0.borrow();
            (inner.status, inner.jobs.status())
        };
        signal.maybe_update(|shown| {
            let changed = *shown != status;
            *shown = status;
            changed
        });
    }
}

/// A callback kept until the worker's actions are done.
enum Callback {
    Resolve(Done, Outcome),
    Report(String),
}

/// The client behind `weak`, while the page holds it.
fn upgrade(weak: &Weak<RefCell<Inner>>) -> Option<WorkerClient> {
    weak.upgrade().map(WorkerClient)
}

/// Posts `{ id, request, files }` to the worker.
fn post(worker: &Worker, id: u64, request: &Request, files: &[File]) -> Result<(), String> {
    let json = serde_json::to_string(request).map_err(|e| format!("could not encode the request: {e}"))?;
    let message = Object::new();
    let files: Array = files.iter().collect();
    for (key, value) in [("id", JsValue::from_f64(id as f64)), ("request", json.into()), ("files", files.into())] {
        Reflect::set(&message, &key.into(), &value).map_err(|e| format!("{e:?}"))?;
    }
    worker.post_message(&message).map_err(|e| format!("could not send the request to the engine: {e:?}"))
}
