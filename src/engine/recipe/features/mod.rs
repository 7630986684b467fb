//! Feature steps: new columns derived from existing ones (bins, date parts, arithmetic,
//! text measures, polynomial terms, principal components), and pruning correlated ones.

mod bins;
mod compute;
mod correlated;
mod date_parts;
mod pca;
mod polynomial;
mod text_length;

pub use bins::{BinMethod, Bins, BinsFitted};
pub use compute::{Compute, Operation};
pub use correlated::DropCorrelated;
pub use date_parts::{DatePart, DateParts};
pub use pca::{Pca, PcaFitted};
pub use polynomial::Polynomial;
pub use text_length::{TextLength, TextMeasure};
