//! The job queue between the page and the engine's worker, and the worker's restart rules, as
//! a pure state machine: the page feeds it events (a call, a message or an error from the
//! worker, a Cancel) and carries out the [`Action`]s it answers with (start or terminate a
//! worker, post a request, hand a caller its outcome, report trouble).
//!
//! The worker runs one job at a time, in the order they were posted. Jobs wait here while a
//! worker starts and are all posted once it says it is ready; the first posted is the one
//! running. A crash, or a Cancel of the running job, replaces the worker: the running job
//! fails with a message saying so, the [`Session`] is replayed to bring the data back, and
//! the jobs queued behind it are posted again after the replay, so they still run. Crashes in
//! a row beyond [`MAX_RESTARTS`] make Sift give up: every job fails and no worker is left
//! (the next call starts a fresh one).
//!
//! `F` is what the page attaches to a request (the browser's `File`s), `D` how it hears of a
//! job's outcome (a callback); the machine only moves them around.

use std::collections::VecDeque;

use crate::client::session::Session;
use crate::worker::protocol::{Answer, Reply, Request, WorkerMessage};

/// Crashes in a row, without a job succeeding in between, before Sift stops restarting.
pub const MAX_RESTARTS: u32 = 3;

/// What a job comes to: the worker's answer, or the message the page shows.
pub type Outcome = Result<Answer, String>;

/// The label of the jobs that replay the session after a restart.
pub const RESTORE_LABEL: &str = "Restoring your data";

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

/// Something the page must do for the job queue, in the order given.
#[derive(Debug, PartialEq)]
pub enum Action<F, D> {
    /// Terminate the current worker, if there is one.
    Terminate,
    /// Start a new worker; its events carry `generation`. `restarted` is false only for the
    /// page's first worker (which warms up before it says it is ready).
    Start { generation: u64, restarted: bool },
    /// Post `request` with its files to the worker as job `id`; if posting fails, tell
    /// [`Jobs::post_failed`].
    Post { id: u64, request: Request, files: Vec<F> },
    /// Hand a caller its job's outcome.
    Resolve { done: D, outcome: Outcome },
    /// Tell the person about trouble no job is waiting for (data not restored, a failed start).
    Report(String),
}

/// Who waits for a job.
enum Origin<D> {
    /// Asked by the page: by the person, or (`background`) by the page itself, such as a
    /// preview, which leaves the buttons usable while it runs.
    Caller { done: D, background: bool },
    /// A replay of the session after a restart: not recorded again, not cancellable; it
    /// speaks only if it fails.
    Restore,
}

struct Job<F, D> {
    id: u64,
    label: String,
    request: Request,
    files: Vec<F>,
    origin: Origin<D>,
}

impl<F, D> Job<F, D> {
    fn is_restore(&self) -> bool {
        matches!(self.origin, Origin::Restore)
    }

    fn is_background(&self) -> bool {
        matches!(self.origin, Origin::Caller { background: true, .. })
    }
}

/// Where the worker is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// None is running (not started yet, or Sift gave up).
    Stopped,
    /// Started, not ready yet: jobs wait.
    Starting,
    /// Ready: jobs are posted as they come.
    Ready,
}

/// Why a worker is being replaced.
enum Stop {
    Crashed(String),
    Cancelled,
}

/// The job queue and the worker's state.
pub struct Jobs<F, D> {
    phase: Phase,
    /// Bumped with each worker so events from a terminated one are ignored.
    generation: u64,
    next_id: u64,
    /// Not yet posted (the worker is starting).
    waiting: VecDeque<Job<F, D>>,
    /// Posted, in order; the first is the one the worker is running.
    running: VecDeque<Job<F, D>>,
    /// The running job's last progress: fraction and what it is doing.
    progress: Option<(f64, String)>,
    session: Session<F>,
    crashes_in_a_row: u32,
}

impl<F: Clone, D> Default for Jobs<F, D> {
    fn default() -> Self {
        Self::new()
    }
}

impl<F: Clone, D> Jobs<F, D> {
    /// No worker and no job yet.
    pub fn new() -> Self {
        Jobs {
            phase: Phase::Stopped,
            generation: 0,
            next_id: 1,
            waiting: VecDeque::new(),
            running: VecDeque::new(),
            progress: None,
            session: Session::default(),
            crashes_in_a_row: 0,
        }
    }

    /// What the worker holds, as the requests that built it (a saved session reads it).
    pub fn session(&self) -> &Session<F> {
        &self.session
    }

    /// Starts the page's worker.
    pub fn start(&mut self) -> Vec<Action<F, D>> {
        let mut out = Vec::new();
        self.spawn(&mut out);
        out
    }

    /// Queues `request` (with its files) for the worker; `done` will get its outcome. A
    /// `background` job (asked by the page itself) does not make the page busy. Starts a
    /// worker if there is none.
    pub fn call(
        &mut self,
        label: &str,
        request: Request,
        files: Vec<F>,
        done: D,
        background: bool,
    ) -> Vec<Action<F, D>> {
        let mut out = Vec::new();
        let id = self.take_id();
        let origin = Origin::Caller { done, background };
        self.waiting.push_back(Job { id, label: label.to_string(), request, files, origin });
        if self.phase == Phase::Stopped {
            self.spawn(&mut out);
        }
        self.flush(&mut out);
        out
    }

    /// Stops the running job, if it is one the page asked for, by replacing the worker; the
    /// data is restored and the jobs behind it run after. Anything else is left alone.
    pub fn cancel(&mut self) -> Vec<Action<F, D>> {
        let mut out = Vec::new();
        if self.running.front().is_some_and(|job| !job.is_restore()) {
            self.restart(Stop::Cancelled, &mut out);
        }
        out
    }

    /// Takes in a message (JSON text) from the worker of `generation`; a terminated worker's
    /// messages are ignored, and one Sift cannot read counts as a crash.
    pub fn receive(&mut self, generation: u64, text: &str) -> Vec<Action<F, D>> {
        let mut out = Vec::new();
        if generation != self.generation {
            return out;
        }
        let message = match serde_json::from_str::<WorkerMessage>(text) {
            Ok(message) => message,
            Err(error) => {
                self.restart(Stop::Crashed(format!("it sent a message Sift cannot read ({error})")), &mut out);
                return out;
            }
        };
        match message {
            WorkerMessage::Ready => {
                self.phase = Phase::Ready;
                self.flush(&mut out);
            }
            WorkerMessage::Progress { id, fraction, message } => {
                if self.running.front().is_some_and(|job| job.id == id) {
                    self.progress = Some((fraction.clamp(0.0, 1.0), message));
                }
            }
            WorkerMessage::Reply(reply) => {
                let id = reply.id;
                self.finish(id, outcome(reply), &mut out);
            }
            WorkerMessage::Crashed { message } if self.phase == Phase::Ready => {
                self.restart(Stop::Crashed(message), &mut out)
            }
            WorkerMessage::Crashed { message } => self.give_up(&message, &mut out),
        }
        out
    }

    /// Takes in an error event of the worker of `generation` (it died, or could not load).
    pub fn worker_error(&mut self, generation: u64, message: String) -> Vec<Action<F, D>> {
        let mut out = Vec::new();
        if generation != self.generation {
            return out;
        }
        if self.phase == Phase::Ready {
            self.restart(Stop::Crashed(message), &mut out);
        } else {
            self.give_up(&format!("the engine could not start ({message})"), &mut out);
        }
        out
    }

    /// The worker of the last [`Action::Start`] could not be created.
    pub fn start_failed(&mut self, error: &str) -> Vec<Action<F, D>> {
        let mut out = Vec::new();
        self.give_up(&format!("the engine could not start ({error})"), &mut out);
        out
    }

    /// Job `id` of an [`Action::Post`] could not be posted: it fails with `error`.
    pub fn post_failed(&mut self, id: u64, error: String) -> Vec<Action<F, D>> {
        let mut out = Vec::new();
        if let Some(position) = self.running.iter().position(|job| job.id == id) {
            if let Some(job) = self.running.remove(position) {
                self.reject(job, error, &mut out);
            }
        }
        out
    }

    /// What the page shows: the running job, or else the first waiting one.
    pub fn status(&self) -> Option<JobStatus> {
        let (job, progress) = match self.running.front() {
            Some(job) => (job, self.progress.as_ref()),
            None => (self.waiting.front()?, None),
        };
        Some(JobStatus {
            label: job.label.clone(),
            fraction: progress.map(|(fraction, _)| *fraction),
            detail: progress.map(|(_, detail)| detail.clone()).filter(|detail| !detail.is_empty()),
            cancellable: self.phase == Phase::Ready
                && !job.is_restore()
                && self.running.front().is_some_and(|running| running.id == job.id),
            busy: self.running.iter().chain(&self.waiting).any(|job| !job.is_background()),
        })
    }

    fn take_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn spawn(&mut self, out: &mut Vec<Action<F, D>>) {
        self.generation += 1;
        self.phase = Phase::Starting;
        out.push(Action::Start { generation: self.generation, restarted: self.generation > 1 });
    }

    /// Posts the waiting jobs once the worker is ready.
    fn flush(&mut self, out: &mut Vec<Action<F, D>>) {
        if self.phase != Phase::Ready {
            return;
        }
        while let Some(job) = self.waiting.pop_front() {
            out.push(Action::Post { id: job.id, request: job.request.clone(), files: job.files.clone() });
            self.running.push_back(job);
        }
    }

    /// Hands job `id` its outcome, recording a success of the page's job in the session.
    fn finish(&mut self, id: u64, outcome: Outcome, out: &mut Vec<Action<F, D>>) {
        let Some(position) = self.running.iter().position(|job| job.id == id) else {
            return;
        };
        let Some(job) = self.running.remove(position) else {
            return;
        };
        self.progress = None;
        match (job.origin, outcome) {
            (Origin::Caller { done, .. }, outcome) => {
                if let Ok(answer) = &outcome {
                    self.session.record(&job.request, &job.files, answer);
                    self.crashes_in_a_row = 0;
                }
                out.push(Action::Resolve { done, outcome });
            }
            (Origin::Restore, Err(error)) => out.push(Action::Report(restore_failed(&error))),
            (Origin::Restore, Ok(_)) => {}
        }
    }

    /// Fails `job` with `message`; a restore's failure is reported instead.
    fn reject(&mut self, job: Job<F, D>, message: String, out: &mut Vec<Action<F, D>>) {
        match job.origin {
            Origin::Caller { done, .. } => out.push(Action::Resolve { done, outcome: Err(message) }),
            Origin::Restore => out.push(Action::Report(restore_failed(&message))),
        }
    }

    /// Replaces the worker: fails the job it was running, replays the session, then the
    /// jobs that were queued behind it (with new ids).
    fn restart(&mut self, stop: Stop, out: &mut Vec<Action<F, D>>) {
        out.push(Action::Terminate);
        self.phase = Phase::Stopped;
        self.progress = None;
        let mut running = std::mem::take(&mut self.running);
        let failed = running.pop_front();
        let queued: Vec<Job<F, D>> =
            running.into_iter().chain(self.waiting.drain(..)).filter(|job| !job.is_restore()).collect();
        let restore = self.session.replay().into_iter().map(|(request, files)| Job {
            id: 0,
            label: RESTORE_LABEL.to_string(),
            request,
            files,
            origin: Origin::Restore,
        });
        let mut jobs: VecDeque<Job<F, D>> = restore.chain(queued).collect();
        for job in jobs.iter_mut() {
            job.id = self.take_id();
        }
        self.waiting = jobs;
        if matches!(stop, Stop::Crashed(_)) {
            self.crashes_in_a_row += 1;
        }
        let message = stop_message(&stop, failed.as_ref().map(|job| job.label.as_str()));
        if self.crashes_in_a_row > MAX_RESTARTS {
            self.give_up(&format!("the engine keeps crashing ({message})"), out);
        } else {
            self.spawn(out);
        }
        if let Some(job) = failed {
            self.reject(job, message, out);
        }
    }

    /// Fails every job and leaves no worker; the next call starts a fresh one.
    fn give_up(&mut self, why: &str, out: &mut Vec<Action<F, D>>) {
        if self.phase != Phase::Stopped {
            out.push(Action::Terminate);
        }
        self.generation += 1;
        self.phase = Phase::Stopped;
        self.crashes_in_a_row = 0;
        let running = std::mem::take(&mut self.running);
        let jobs: Vec<Job<F, D>> = running.into_iter().chain(self.waiting.drain(..)).collect();
        let message = format!("{why}. Reload the page to try again.");
        if jobs.is_empty() {
            out.push(Action::Report(message));
        } else {
            for job in jobs {
                self.reject(job, message.clone(), out);
            }
        }
    }
}

/// A reply's outcome as the page shows it: the one place that reads the protocol's error.
fn outcome(reply: Reply) -> Outcome {
    reply.result.map_err(|error| error.message)
}

/// What the page says when the worker is replaced during the job labelled `label`.
fn stop_message(stop: &Stop, label: Option<&str>) -> String {
    match (stop, label) {
        (Stop::Cancelled, Some(label)) => format!("Cancelled “{label}”. Your data and recipe are as they were."),
        (Stop::Crashed(why), Some(label)) => format!(
            "The engine crashed during “{label}”: {why}. Sift restarted it and is restoring your data; \
             your recipe is kept."
        ),
        (Stop::Crashed(why), None) => format!("The engine crashed: {why}. Sift restarted it."),
        (Stop::Cancelled, None) => String::new(),
    }
}

/// What the page says when a replay after a restart failed with `error`.
fn restore_failed(error: &str) -> String {
    format!("Sift could not restore your data after the restart: {error}")
}
