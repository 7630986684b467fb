//! Progress reports and cancellation for long jobs.

use super::error::Error;

/// The callback a long job calls with its done share (0 to 1) and what it is doing; when it
/// returns `false` the job stops with a "cancelled" error.
pub type ProgressFn<'a> = dyn FnMut(f64, &str) -> bool + 'a;

/// Where a job reports to: a callback and the slice of the whole (start, span) this job covers,
/// so nested jobs (folds, then trees) report one steadily growing share.
pub struct Progress<'a> {
    callback: Option<&'a mut ProgressFn<'a>>,
    start: f64,
    span: f64,
}

impl<'a> Progress<'a> {
    /// Reports to `callback`, from 0 to 1.
    pub fn new(callback: &'a mut ProgressFn<'a>) -> Progress<'a> {
        Progress { callback: Some(callback), start: 0.0, span: 1.0 }
    }

    /// Reports nowhere and never cancels.
    pub fn none() -> Progress<'static> {
        Progress { callback: None, start: 0.0, span: 1.0 }
    }

    /// Says that `done` (0 to 1) of this job is done; an error when the user cancelled.
    pub fn report(&mut self, done: f64, message: &str) -> Result<(), Error> {
        let at = self.start + self.span * done.clamp(0.0, 1.0);
        if let Some(callback) = self.callback.as_mut() {
            if !callback(at, message) {
                return Err(Error::cancelled());
            }
        }
        Ok(())
    }

    /// The part of this job from `start` to `start + span` (shares of this job), as a job of its own.
    pub fn part(&mut self, start: f64, span: f64) -> Progress<'_> {
        Progress {
            callback: self.callback.as_mut().map(|c| &mut **c as &mut ProgressFn<'_>),
            start: self.start + self.span * start,
            span: self.span * span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_report_shares_of_the_whole_and_cancel() {
        let mut seen = Vec::new();
        let mut callback = |at: f64, _: &str| {
            seen.push(at);
            at < 0.9
        };
        let mut progress = Progress::new(&mut callback);
        progress.report(0.5, "half").unwrap();
        {
            let mut part = progress.part(0.5, 0.5);
            part.report(0.5, "three quarters").unwrap();
            assert!(part.report(1.0, "end").unwrap_err().is_cancelled());
        }
        assert_eq!(seen, vec![0.5, 0.75, 1.0]);
        assert!(Progress::none().report(1.0, "x").is_ok());
    }
}
