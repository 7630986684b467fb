//! What the worker holds, as a list of requests that rebuild it after a restart.

use web_sys::File;

use crate::worker::protocol::{Answer, Request};

/// A request to send again, with the files it reads.
pub type Replay = (Request, Vec<File>);

/// The successful state-changing requests, condensed: every load in order, the active
/// dataset, and the last training (with the dataset it ran on).
#[derive(Default)]
pub struct Session {
    loads: Vec<Replay>,
    active: usize,
    training: Option<(usize, Request)>,
}

impl Session {
    /// Notes a request that succeeded with `answer`.
    pub fn record(&mut self, request: &Request, files: &[File], answer: &Answer) {
        match request {
            Request::LoadFiles { .. }
            | Request::LoadSample { .. }
            | Request::Reread { .. }
            | Request::Join(_)
            | Request::Profile { .. } => {
                self.loads.push((request.clone(), files.to_vec()));
            }
            Request::Train { .. } => self.training = Some((self.active, request.clone())),
            _ => {}
        }
        if let Answer::Dataset(view) = answer {
            self.active = view.active;
        }
    }

    /// The requests that bring a fresh worker back to the recorded state.
    pub fn replay(&self) -> Vec<Replay> {
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
