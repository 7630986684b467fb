//! Text handed to the reading pass piece by piece: a whole text in memory is one piece; a
//! large file is read a slice at a time, so it is never in memory whole (see `stream.rs`),
//! and a browser may make the reading pass wait for each slice (see `pending.rs`).

use crate::engine::base::error::Result;
use crate::engine::base::pending::{ready, Pending};

/// Text handed over in pieces, front to back, which can start over from the beginning.
pub trait Pieces {
    /// Starts again from the beginning of the text.
    fn rewind(&mut self) -> Result<()>;

    /// The next piece and whether it is the last; `None` after the last. The piece starts
    /// with what the previous piece held from byte `used` on (a row it did not finish).
    fn next_piece(&mut self, used: usize) -> Pending<'_, Option<(&str, bool)>>;

    /// About how many bytes the whole text has (for size estimates and progress).
    fn total(&self) -> usize;
}

/// A text already in memory: one piece.
pub struct Whole<'t> {
    text: &'t str,
    given: bool,
}

impl<'t> Whole<'t> {
    /// `text` as a single piece.
    pub fn new(text: &'t str) -> Self {
        Whole { text, given: false }
    }
}

impl Pieces for Whole<'_> {
    fn rewind(&mut self) -> Result<()> {
        self.given = false;
        Ok(())
    }

    fn next_piece(&mut self, _used: usize) -> Pending<'_, Option<(&str, bool)>> {
        let piece = (!self.given).then_some((self.text, true));
        self.given = true;
        ready(Ok(piece))
    }

    fn total(&self) -> usize {
        self.text.len()
    }
}
