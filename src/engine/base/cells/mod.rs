//! Reading one text cell as a typed value: a number as people write it ([`numbers`]), a
//! boolean ([`booleans`]), a date in any of the usual forms, English month names included
//! ([`dates`]), and a date with a time and zone ([`datetimes`]). Ingest reads every cell of a
//! file with these (its hot loop calls them directly, with its own fast lanes in front), and the
//! change-type step reads text with the same ones, so a column converted in the recipe reads as
//! it would have been read from the file.

pub mod booleans;
pub mod dates;
pub mod datetimes;
pub mod numbers;
