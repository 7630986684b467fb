//! What the worker holds, as a list of requests that rebuild it after a restart.
//!
//! A worker that crashed (or was stopped by a Cancel) loses every table it held. The page
//! records the requests that built them, and a fresh worker receives them again before
//! anything else. `F` is whatever the page attaches to a request (the browser's `File`s;
//! names or bytes in tests).

use crate::worker::protocol::{Answer, Request};

/// A request to send again, with the files it reads.
pub type Replay<F> = (Request, Vec<F>);

/// The successful state-changing requests, condensed: every load in order, the active
/// dataset, and the last training (with the dataset it ran on).
#[derive(Clone, Debug, PartialEq)]
pub struct Session<F> {
    loads: Vec<Replay<F>>,
    active: usize,
    training: Option<(usize, Request)>,
}

impl<F> Default for Session<F> {
    fn default() -> Self {
        Session { loads: Vec::new(), active: 0, training: None }
    }
}

impl<F: Clone> Session<F> {
    /// Notes a request (with its files) that succeeded with `answer`.
    pub fn record(&mut self, request: &Request, files: &[F], answer: &Answer) {
        match request {
            Request::LoadFiles { .. }
            | Request::LoadSample { .. }
            | Request::Reread { .. }
            | Request::Join(_)
            | Request::Profile { .. } => {
                self.loads.push((request.clone(), files.to_vec()));
            }
            Request::Train { .. } | Request::RestoreModel { .. } => {
                self.training = Some((self.active, request.clone()))
            }
            _ => {}
        }
        if let Answer::Dataset(view) = answer {
            self.active = view.active;
        }
    }

    /// Every recorded load, in order, with its files.
    pub fn loads(&self) -> &[Replay<F>] {
        &self.loads
    }

    /// The active dataset's index.
    pub fn active(&self) -> usize {
        self.active
    }

    /// The requests that bring a fresh worker back to the recorded state, in order: every
    /// load, then the last training on its dataset, then the active dataset again. Nothing
    /// when nothing was loaded.
    pub fn replay(&self) -> Vec<Replay<F>> {
        if self.loads.is_empty() {
            return Vec::new();
        }
        let mut requests = self.loads.clone();
        if let Some((dataset, train)) = &self.training {
            requests.push((Request::Activate { index: *dataset }, Vec::new()));
            requests.push((train.clone(), Vec::new()));
        }
        requests.push((Request::Activate { index: self.active }, Vec::new()));
        requests
    }
}
