//! Column steps: choose, rename, retype and copy columns.

mod change_type;
mod convert;
mod copy;
mod rename;
mod select;

pub use change_type::ChangeType;
pub use convert::convert;
pub use copy::DuplicateColumn;
pub use rename::RenameColumn;
pub use select::{DropColumns, KeepColumns, KeptColumns};
