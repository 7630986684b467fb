//! Row steps: they remove rows, so they run when fitting and exporting the cleaned data but
//! are skipped when predicting (a prediction needs one output per input row).

mod duplicates;
mod filter;
mod missing;
mod sample;

pub use duplicates::DropDuplicates;
pub use filter::{Comparison, FilterAction, FilterCategory, FilterNumber, FilterText};
pub use missing::{DropMissing, MissingRule};
pub use sample::{FittedSample, SampleMethod, SampleRows};
