//! The client layer, natively: recipe undo and redo, the session replayed after a restart,
//! and the job queue's rules for a crash and a Cancel. The job queue runs against a real
//! worker's [`Workspace`], driven the way the browser's worker is: a `Ready`, then one reply
//! per posted job in order, and a `Crashed` when a job panics.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};

use sift::client::history::{History, MAX_UNDO};
use sift::client::jobs::{Action, Jobs, Outcome, MAX_RESTARTS, RESTORE_LABEL};
use sift::client::session::Session;
use sift::engine::base::error::Error;
use sift::engine::learn::Algorithm;
use sift::engine::recipe::{Recipe, RecipeStep, Step};
use sift::engine::train::TrainOptions;
use sift::worker::protocol::{Answer, Reply, Request, WorkerMessage};
use sift::worker::workspace::{FileBytes, Workspace};

// ---------------------------------------------------------------------------------------
// Recipe history
// ---------------------------------------------------------------------------------------

/// A recipe that drops each of `columns` in its own step.
fn dropping(columns: &[&str]) -> Recipe {
    let mut recipe = Recipe::default();
    for column in columns {
        recipe.steps.push(RecipeStep::new(Step::drop_columns(vec![column.to_string()])));
    }
    recipe
}

/// `recipe` with one more step dropping `column`.
fn add_drop(column: &str) -> impl FnOnce(&mut Recipe) + '_ {
    move |recipe| recipe.steps.push(RecipeStep::new(Step::drop_columns(vec![column.to_string()])))
}

#[test]
fn undo_and_redo_walk_back_and_forth_through_the_edits() {
    let mut history = History::default();
    let start = Recipe::default();
    let one = history.edit(&start, add_drop("a")).unwrap();
    let two = history.edit(&one, add_drop("b")).unwrap();
    assert_eq!(two, dropping(&["a", "b"]));
    assert!(history.can_undo() && !history.can_redo());

    assert_eq!(history.undo(&two), Some(one.clone()));
    assert_eq!(history.undo(&one), Some(start.clone()));
    assert!(!history.can_undo() && history.can_redo());
    assert_eq!(history.redo(&start), Some(one.clone()));
    assert_eq!(history.redo(&one), Some(two.clone()));
    assert_eq!(history.redo(&two), None, "nothing left to redo");
    assert!(history.can_undo() && !history.can_redo());
}

#[test]
fn undo_at_the_start_is_a_no_op() {
    let mut history = History::default();
    assert_eq!(history.undo(&Recipe::default()), None);
    assert_eq!(history.redo(&Recipe::default()), None);
    assert_eq!(history, History::default(), "nothing was remembered");
}

#[test]
fn a_new_edit_clears_what_was_undone() {
    let mut history = History::default();
    let one = history.edit(&Recipe::default(), add_drop("a")).unwrap();
    let two = history.edit(&one, add_drop("b")).unwrap();
    let back = history.undo(&two).unwrap();
    assert!(history.can_redo());
    let other = history.edit(&back, add_drop("c")).unwrap();
    assert_eq!(other, dropping(&["a", "c"]));
    assert!(!history.can_redo());
    assert_eq!(history.redo(&other), None, "the undone edit is gone");
    assert_eq!(history.undo(&other), Some(one), "undo goes back to the version before the new edit");
}

#[test]
fn an_edit_that_changes_nothing_is_not_remembered() {
    let mut history = History::default();
    let one = history.edit(&Recipe::default(), add_drop("a")).unwrap();
    history.undo(&one);
    assert_eq!(history.edit(&Recipe::default(), |_| {}), None);
    assert!(history.can_redo(), "a no-op edit keeps the redo");
    assert!(!history.can_undo());
}

#[test]
fn the_oldest_versions_beyond_the_limit_are_forgotten() {
    let mut history = History::default();
    let mut recipe = Recipe::default();
    for i in 0..MAX_UNDO + 5 {
        recipe = history.edit(&recipe, add_drop(&format!("c{i}"))).unwrap();
    }
    let mut undone = 0;
    while let Some(previous) = history.undo(&recipe) {
        recipe = previous;
        undone += 1;
    }
    assert_eq!(undone, MAX_UNDO);
    assert_eq!(recipe.steps.len(), 5, "the first five versions were forgotten");
}

// ---------------------------------------------------------------------------------------
// Session
// ---------------------------------------------------------------------------------------

/// A file as the page holds it: its name and bytes.
type File = (String, Vec<u8>);

const CSV: &[u8] = b"x,y,label\n1,2,a\n2,3,b\n3,4,a\n4,5,b\n5,6,a\n6,7,b\n7,8,a\n8,9,b\n9,1,a\n10,2,b\n\
    11,3,a\n12,4,b\n13,5,a\n14,6,b\n15,7,a\n16,8,b\n";

fn csv_file() -> File {
    ("points.csv".to_string(), CSV.to_vec())
}

fn load_files() -> Request {
    Request::LoadFiles { names: vec!["points.csv".into()], options: Default::default() }
}

fn load_sample() -> Request {
    Request::LoadSample { name: "penguins".into() }
}

fn train(target: &str) -> Request {
    let options = TrainOptions {
        target: target.into(),
        task: None,
        algorithm: Algorithm::DecisionTree,
        params: Default::default(),
        test_share: 0.25,
        seed: 42,
        group: None,
    };
    Request::Train { recipe: Recipe::default(), options }
}

fn handle(workspace: &mut Workspace, request: &Request, files: &[File]) -> Result<Answer, Error> {
    let files = files.iter().map(|(name, bytes)| FileBytes::whole(name, bytes.clone())).collect();
    workspace.handle(request.clone(), files, "2026-12-07T00:00:00Z")
}

#[test]
fn nothing_is_replayed_before_something_is_loaded() {
    let mut session = Session::<File>::default();
    let mut workspace = Workspace::new();
    let failed = Request::Activate { index: 0 };
    assert!(handle(&mut workspace, &failed, &[]).is_err());
    assert!(session.replay().is_empty());
    let exported = Request::ExportRecipe { recipe: Recipe::default() };
    let answer = handle(&mut workspace, &exported, &[]).unwrap();
    session.record(&exported, &[], &answer);
    assert!(session.replay().is_empty(), "an export changes nothing in the worker");
}

#[test]
fn the_replay_loads_in_order_then_retrains_then_activates() {
    let mut session = Session::default();
    let mut workspace = Workspace::new();
    let requests = [
        (load_sample(), vec![]),
        (load_files(), vec![csv_file()]),
        (train("label"), vec![]),
        (Request::ExportModel, vec![]),
        (Request::Activate { index: 0 }, vec![]),
    ];
    for (request, files) in &requests {
        let answer = handle(&mut workspace, request, files).unwrap();
        session.record(request, files, &answer);
    }
    let expected = vec![
        (load_sample(), vec![]),
        (load_files(), vec![csv_file()]),
        (Request::Activate { index: 1 }, vec![]),
        (train("label"), vec![]),
        (Request::Activate { index: 0 }, vec![]),
    ];
    assert_eq!(session.replay(), expected);

    // The replay rebuilds the same state in a fresh worker: the same model, the same dataset active.
    let mut fresh = Workspace::new();
    for (request, files) in session.replay() {
        handle(&mut fresh, &request, &files).unwrap();
    }
    for request in [Request::ExportModel, Request::Activate { index: 0 }] {
        assert_eq!(handle(&mut fresh, &request, &[]), handle(&mut workspace, &request, &[]), "{request:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Job queue
// ---------------------------------------------------------------------------------------

/// Who waits for a job, in these tests: a name.
type Caller = &'static str;

/// A worker as the browser runs it: a workspace and the jobs posted to it, in order.
struct Worker {
    generation: u64,
    workspace: Workspace,
    ready: bool,
    inbox: VecDeque<(u64, Request, Vec<File>)>,
}

/// The page: the job queue, its worker, and everything it was told to do.
struct Page {
    jobs: Jobs<File, Caller>,
    worker: Option<Worker>,
    /// Every worker started: whether it was a restart.
    starts: Vec<bool>,
    /// Every request posted, to any worker, in order.
    posted: Vec<Request>,
    outcomes: Vec<(Caller, Outcome)>,
    reports: Vec<String>,
}

impl Page {
    fn new() -> Page {
        let mut page =
            Page { jobs: Jobs::new(), worker: None, starts: vec![], posted: vec![], outcomes: vec![], reports: vec![] };
        let actions = page.jobs.start();
        page.apply(actions);
        page
    }

    fn apply(&mut self, actions: Vec<Action<File, Caller>>) {
        for action in actions {
            match action {
                Action::Terminate => self.worker = None,
                Action::Start { generation, restarted } => {
                    self.starts.push(restarted);
                    let workspace = Workspace::new();
                    self.worker = Some(Worker { generation, workspace, ready: false, inbox: VecDeque::new() });
                }
                Action::Post { id, request, files } => {
                    self.posted.push(request.clone());
                    self.worker.as_mut().expect("a worker to post to").inbox.push_back((id, request, files));
                }
                Action::Resolve { done, outcome } => self.outcomes.push((done, outcome)),
                Action::Report(message) => self.reports.push(message),
            }
        }
    }

    fn call(&mut self, caller: Caller, label: &str, request: Request, files: Vec<File>) {
        let actions = self.jobs.call(label, request, files, caller, false);
        self.apply(actions);
    }

    fn cancel(&mut self) {
        let actions = self.jobs.cancel();
        self.apply(actions);
    }

    /// The worker's generation.
    fn generation(&self) -> u64 {
        self.worker.as_ref().expect("a worker").generation
    }

    /// The worker sends `message`.
    fn hear(&mut self, message: &WorkerMessage) {
        let generation = self.generation();
        let actions = self.jobs.receive(generation, &serde_json::to_string(message).unwrap());
        self.apply(actions);
    }

    /// The worker says it is ready, or answers its next job; false when it has nothing to do.
    fn work_once(&mut self) -> bool {
        let Some(worker) = self.worker.as_mut() else { return false };
        if !worker.ready {
            worker.ready = true;
            self.hear(&WorkerMessage::Ready);
            return true;
        }
        let Some((id, request, files)) = worker.inbox.pop_front() else { return false };
        let workspace = &mut worker.workspace;
        let message = match catch_unwind(AssertUnwindSafe(|| handle(workspace, &request, &files))) {
            Ok(result) => reply(id, result),
            Err(_) => WorkerMessage::Crashed { message: "a deliberate crash".into() },
        };
        self.hear(&message);
        true
    }

    /// Lets the worker work until it has nothing left to do.
    fn settle(&mut self) {
        while self.work_once() {}
    }

    /// The outcome `caller` heard, once.
    fn outcome(&self, caller: Caller) -> &Outcome {
        let heard: Vec<&Outcome> = self.outcomes.iter().filter(|(c, _)| *c == caller).map(|(_, o)| o).collect();
        assert_eq!(heard.len(), 1, "{caller} hears exactly once: {heard:?}");
        heard[0]
    }

    fn message(&self, caller: Caller) -> &str {
        match self.outcome(caller) {
            Err(message) => message,
            Ok(answer) => panic!("{caller} succeeded: {answer:?}"),
        }
    }
}

/// The worker's reply to job `id`.
fn reply(id: u64, result: Result<Answer, Error>) -> WorkerMessage {
    WorkerMessage::Reply(Reply::new(id, result))
}

#[test]
fn jobs_wait_for_the_worker_then_run_in_order() {
    let mut page = Page::new();
    assert_eq!(page.starts, [false]);
    page.call("sample", "Opening the sample", load_sample(), vec![]);
    page.call("points", "Opening points.csv", load_files(), vec![csv_file()]);
    assert!(page.posted.is_empty(), "nothing is posted before the worker is ready");
    let status = page.jobs.status().unwrap();
    assert_eq!(status.label, "Opening the sample");
    assert!(status.busy && !status.cancellable);

    page.work_once(); // Ready: both are posted
    assert_eq!(page.posted, [load_sample(), load_files()]);
    assert!(page.jobs.status().unwrap().cancellable);
    page.settle();
    let Ok(Answer::Dataset(view)) = page.outcome("points") else { panic!("{:?}", page.outcomes) };
    assert_eq!((view.name.as_str(), view.datasets.len()), ("points.csv", 2));
    assert_eq!(page.outcomes.iter().map(|(c, _)| *c).collect::<Vec<_>>(), ["sample", "points"]);
    assert_eq!(page.jobs.status(), None);
}

#[test]
fn progress_shows_for_the_running_job_only() {
    let mut page = Page::new();
    page.work_once();
    page.call("train", "Training", train("species"), vec![]);
    page.call("export", "Exporting", Request::ExportRecipe { recipe: Recipe::default() }, vec![]);
    page.hear(&WorkerMessage::Progress { id: 2, fraction: 0.5, message: "not running".into() });
    assert_eq!(page.jobs.status().unwrap().fraction, None);
    page.hear(&WorkerMessage::Progress { id: 1, fraction: 1.5, message: "fold 2 of 5".into() });
    let status = page.jobs.status().unwrap();
    assert_eq!((status.fraction, status.detail.as_deref()), (Some(1.0), Some("fold 2 of 5")));
}

#[test]
fn a_background_job_alone_leaves_the_page_usable() {
    let mut page = Page::new();
    let preview = Request::ExportRecipe { recipe: Recipe::default() };
    let actions = page.jobs.call("Previewing", preview, vec![], "preview", true);
    page.apply(actions);
    assert!(!page.jobs.status().unwrap().busy);
    page.call("person", "Opening the sample", load_sample(), vec![]);
    assert!(page.jobs.status().unwrap().busy);
}

#[test]
fn a_crash_fails_the_running_job_and_replays_the_session_then_the_queue() {
    let mut page = Page::new();
    page.call("sample", "Opening the sample", load_sample(), vec![]);
    page.call("points", "Opening points.csv", load_files(), vec![csv_file()]);
    page.call("train", "Training", train("label"), vec![]);
    page.call("failing", "Activating", Request::Activate { index: 9 }, vec![]);
    page.settle();
    assert!(page.outcome("failing").is_err(), "a failed job is not recorded");
    let before = page.posted.len();

    page.call("crash", "Crashing", Request::Crash, vec![]);
    page.call("export", "Exporting the model", Request::ExportModel, vec![]);
    page.settle();

    assert_eq!(
        page.message("crash"),
        "The engine crashed during “Crashing”: a deliberate crash. Sift restarted it and is restoring your data; \
         your recipe is kept."
    );
    assert_eq!(page.starts, [false, true]);
    assert_eq!(
        page.posted[before..],
        [
            Request::Crash,
            Request::ExportModel,
            // The new worker: the session, in order, then the job that waited behind the crash.
            load_sample(),
            load_files(),
            Request::Activate { index: 1 },
            train("label"),
            Request::Activate { index: 1 },
            Request::ExportModel,
        ]
    );
    let Ok(Answer::Download(model)) = page.outcome("export") else { panic!("{:?}", page.outcome("export")) };
    assert_eq!(model.file_name, "points-model.json", "the replay trained the model again");
    assert!(page.reports.is_empty(), "the replay succeeded: {:?}", page.reports);
    assert_eq!(page.jobs.status(), None);
}

#[test]
fn cancelling_the_running_job_restarts_the_worker_and_the_queue_behind_it_still_runs() {
    let mut page = Page::new();
    page.call("sample", "Opening the sample", load_sample(), vec![]);
    page.settle();
    page.call("train", "Training", train("species"), vec![]);
    page.call("points", "Opening points.csv", load_files(), vec![csv_file()]);
    page.call("export", "Exporting the recipe", Request::ExportRecipe { recipe: Recipe::default() }, vec![]);
    let status = page.jobs.status().unwrap();
    assert_eq!(status.label, "Training");
    assert!(status.cancellable);

    let before = page.posted.len();
    page.cancel();
    assert_eq!(page.message("train"), "Cancelled “Training”. Your data and recipe are as they were.");
    assert_eq!(page.starts, [false, true]);
    let status = page.jobs.status().unwrap();
    assert_eq!(status.label, RESTORE_LABEL);
    assert!(status.busy && !status.cancellable);

    page.settle();
    assert_eq!(
        page.posted[before..],
        [
            load_sample(),
            Request::Activate { index: 0 },
            load_files(),
            Request::ExportRecipe { recipe: Recipe::default() },
        ]
    );
    let Ok(Answer::Dataset(view)) = page.outcome("points") else { panic!("{:?}", page.outcome("points")) };
    assert_eq!(view.datasets.len(), 2, "the sample came back before points.csv was added");
    assert!(matches!(page.outcome("export"), Ok(Answer::Download(_))));
    assert!(page.reports.is_empty());
}

#[test]
fn cancel_leaves_a_restore_or_an_idle_worker_alone() {
    let mut page = Page::new();
    page.cancel();
    page.call("sample", "Opening the sample", load_sample(), vec![]);
    page.settle();
    page.cancel();
    assert_eq!(page.starts, [false], "nothing was running");

    page.call("train", "Training", train("species"), vec![]);
    page.cancel();
    page.work_once(); // the new worker is ready: the replay is posted and running
    assert_eq!(page.jobs.status().unwrap().label, RESTORE_LABEL);
    page.cancel();
    assert_eq!(page.starts, [false, true], "a restore is not cancelled");
    page.settle();
    assert!(page.reports.is_empty());
}

#[test]
fn cancels_never_add_up_to_giving_up() {
    let mut page = Page::new();
    for turn in 0..MAX_RESTARTS + 2 {
        page.call("train", "Training", train("species"), vec![]);
        page.work_once();
        page.cancel();
        assert!(page.worker.is_some(), "still a worker after cancel {turn}");
        page.outcomes.clear();
    }
}

#[test]
fn crashes_in_a_row_make_sift_give_up_until_the_next_call() {
    let mut page = Page::new();
    page.settle();
    for _ in 0..MAX_RESTARTS {
        page.call("crash", "Crashing", Request::Crash, vec![]);
        page.settle();
        assert!(page.worker.is_some());
        page.outcomes.clear();
    }
    page.call("crash", "Crashing", Request::Crash, vec![]);
    page.call("behind", "Opening the sample", load_sample(), vec![]);
    page.settle();
    assert!(page.worker.is_none(), "Sift gave up");
    let crash = "The engine crashed during “Crashing”: a deliberate crash. Sift restarted it and is restoring your \
                 data; your recipe is kept.";
    assert_eq!(page.message("behind"), format!("the engine keeps crashing ({crash}). Reload the page to try again."));
    assert_eq!(page.message("crash"), crash);
    assert_eq!(page.outcomes.iter().map(|(c, _)| *c).collect::<Vec<_>>(), ["behind", "crash"]);

    // The next call starts a fresh worker, which counts crashes from zero.
    page.call("sample", "Opening the sample", load_sample(), vec![]);
    page.settle();
    assert_eq!(page.starts.last(), Some(&true));
    assert!(page.outcome("sample").is_ok());
}

#[test]
fn a_failed_replay_is_reported_to_the_page() {
    let mut page = Page::new();
    page.call("sample", "Opening the sample", load_sample(), vec![]);
    page.settle();
    page.hear(&WorkerMessage::Crashed { message: "out of memory".into() }); // idle: no job fails
    page.work_once(); // ready: the replay is posted
    page.hear(&WorkerMessage::Crashed { message: "out of memory".into() }); // during the replay
    assert_eq!(
        page.reports,
        ["Sift could not restore your data after the restart: The engine crashed during “Restoring your data”: \
          out of memory. Sift restarted it and is restoring your data; your recipe is kept."]
    );
    page.settle(); // the third worker replays the session
    assert_eq!(page.reports.len(), 1);
    assert_eq!(page.outcomes.len(), 1, "no caller waited for the replay");
    page.call("again", "Activating", Request::Activate { index: 0 }, vec![]);
    page.settle();
    assert!(page.outcome("again").is_ok(), "the sample is back");
}

#[test]
fn a_terminated_worker_is_not_heard_and_an_unreadable_message_is_a_crash() {
    let mut page = Page::new();
    page.work_once();
    page.call("train", "Training", train("species"), vec![]);
    let old = page.generation();
    page.cancel();
    let late = reply(1, Err("too late".into()));
    assert!(page.jobs.receive(old, &serde_json::to_string(&late).unwrap()).is_empty());
    assert!(page.jobs.worker_error(old, "gone".into()).is_empty());

    page.work_once();
    page.call("sample", "Opening the sample", load_sample(), vec![]);
    let generation = page.generation();
    let actions = page.jobs.receive(generation, "not json");
    page.apply(actions);
    let message = page.message("sample");
    assert!(message.starts_with("The engine crashed during “Opening the sample”: it sent a message Sift cannot read"));
}

#[test]
fn a_worker_that_cannot_start_fails_the_jobs_waiting_for_it() {
    let mut page = Page::new();
    page.call("sample", "Opening the sample", load_sample(), vec![]);
    let actions = page.jobs.start_failed("no worker here");
    page.apply(actions);
    assert_eq!(page.message("sample"), "the engine could not start (no worker here). Reload the page to try again.");

    let mut idle = Page::new();
    let generation = idle.generation();
    let actions = idle.jobs.worker_error(generation, "script not found".into());
    idle.apply(actions);
    assert_eq!(idle.reports, ["the engine could not start (script not found). Reload the page to try again."]);
}

#[test]
fn a_job_that_cannot_be_posted_fails_alone() {
    let mut page = Page::new();
    page.work_once();
    page.call("first", "Opening the sample", load_sample(), vec![]);
    page.call("second", "Exporting the recipe", Request::ExportRecipe { recipe: Recipe::default() }, vec![]);
    let actions = page.jobs.post_failed(1, "could not send the request to the engine".into());
    page.apply(actions);
    assert_eq!(page.message("first"), "could not send the request to the engine");
    page.worker.as_mut().unwrap().inbox.pop_front();
    page.settle();
    assert!(page.outcome("second").is_ok());
}
