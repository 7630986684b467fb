//! A setup link: the dataset (a bundled sample by name, or only the names of the user's own
//! files), the reading options, the recipe and the Train stage's choices, written into a URL
//! fragment `#setup=1.<payload>` that a teacher can write on a board or paste in a chat.
//!
//! The payload is the compact JSON of the setup, zlib-compressed (deflate with an Adler-32
//! checksum, so a mistyped character is caught instead of read as another column name) and
//! written in base64url (letters, digits, `-` and `_`: nothing a URL or a chat escapes). The
//! version before the dot is read first, so a link from a newer Sift says so by itself.
//! No value of the user's data goes into a link beyond what the recipe itself names.
//!
//! Decoding anything garbled, truncated or from a newer version gives a [`LinkError`], whose
//! text the page shows; it never panics (`tests/setup_link.rs` feeds it random text).

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::train_form::TrainForm;
use crate::engine::recipe::RECIPE_VERSION;
use crate::worker::protocol::{DatasetView, IngestOptions, Recipe, RecipeStep, SAMPLES};
use crate::worker::samples::sample_read_as;

/// The link format this Sift writes and reads.
pub const LINK_VERSION: u32 = 1;

/// What a setup link's fragment starts with.
pub const FRAGMENT_PREFIX: &str = "#setup=";

/// The largest setup a link may unpack to: far above any real recipe, and a guard against a
/// crafted link that would unpack to gigabytes.
const MAX_JSON_BYTES: usize = 1 << 20;

/// The dataset a setup is for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum LinkData {
    /// A bundled sample, by its name (`LoadSample { name }`).
    Sample { name: String },
    /// The user's own files, by name only: the page asks for them.
    Files { names: Vec<String> },
}

/// Everything a setup link carries.
#[derive(Clone, Debug, PartialEq)]
pub struct SetupLink {
    pub data: LinkData,
    /// How the data is read (the options a user changed under "Reading options").
    pub read: IngestOptions,
    pub recipe: Recipe,
    pub train: TrainForm,
}

/// The JSON inside the payload. The recipe travels as its own document and is read back by
/// [`Recipe::from_json`], with that reader's checks and messages.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    data: LinkData,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    read: Option<Value>,
    recipe: Value,
    #[serde(default)]
    train: Value,
}

/// Why a link could not be read; its text is the sentence the page shows.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// Characters are missing or changed (cut off in a chat, mistyped from a board).
    Damaged { reason: String },
    /// Made by a newer Sift, in a format this one does not know.
    Newer { version: u32 },
    /// It unpacks, but what it says is not a setup this Sift can use.
    Invalid { reason: String },
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Damaged { reason } => write!(
                f,
                "This setup link is damaged ({reason}): copy the whole link again, from “#setup=” to its last character."
            ),
            LinkError::Newer { version } => write!(
                f,
                "This setup link was made by a newer version of Sift (link format {version}; this one reads format \
                 {LINK_VERSION}): open it in the newer Sift, or ask for a link from this one."
            ),
            LinkError::Invalid { reason } => write!(f, "This setup link cannot be used: {reason}."),
        }
    }
}

impl SetupLink {
    /// The dataset a link to `view`'s active dataset names: its sample, or its files by name;
    /// a joined dataset (read from no file of its own) cannot be named.
    pub fn data_of(view: &DatasetView) -> Result<LinkData, String> {
        let files = view.datasets.get(view.active).map(|d| d.files.clone()).unwrap_or_default();
        match sample_read_as(&view.name, &files) {
            Some(sample) => Ok(LinkData::Sample { name: sample.name.into() }),
            None if files.is_empty() => Err(format!(
                "A link can set up a sample dataset or your own files, not “{}”, which was joined here: \
                 make the link for one of the files it was joined from",
                view.name
            )),
            None => Ok(LinkData::Files { names: files }),
        }
    }

    /// The setup as a URL fragment, `#setup=1.<payload>`.
    pub fn to_fragment(&self) -> String {
        let read = (self.read != IngestOptions::default()).then(|| without_defaults(&self.read));
        let steps = self.recipe.steps.iter().map(compact_step).collect();
        let recipe = serde_json::json!({ "version": self.recipe.version, "steps": Value::Array(steps) });
        let wire = Wire { data: self.data.clone(), read, recipe, train: without_defaults(&self.train) };
        let json = serde_json::to_vec(&wire).unwrap_or_default();
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, 10);
        format!("{FRAGMENT_PREFIX}{LINK_VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
    }

    /// The link: `page_url` without its own fragment, then this setup's.
    pub fn to_url(&self, page_url: &str) -> String {
        let page = page_url.split('#').next().unwrap_or_default();
        format!("{page}{}", self.to_fragment())
    }

    /// Reads a URL fragment (with or without its `#`): `None` when it is not a setup link at
    /// all, else the setup or why it cannot be read. Spaces and line breaks (a link copied
    /// from a board or wrapped in a mail) and punctuation a chat adds after it are ignored.
    pub fn from_fragment(fragment: &str) -> Option<Result<SetupLink, LinkError>> {
        let body = fragment.strip_prefix('#').unwrap_or(fragment).strip_prefix(&FRAGMENT_PREFIX[1..])?;
        Some(read_body(body))
    }

    /// In a few words: "Iris flowers, 2 recipe steps, Random forest" (the page's message).
    pub fn summary(&self) -> String {
        format!("{}, {}, {}", self.data_text(), self.steps_text(), self.train.algorithm.label())
    }

    /// The sample's title, or the file names ("a.csv and b.csv").
    pub fn data_text(&self) -> String {
        match &self.data {
            LinkData::Sample { name } => {
                SAMPLES.iter().find(|s| s.name == name.as_str()).map_or(name.clone(), |s| s.title.to_string())
            }
            LinkData::Files { names } => match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => names.join(""),
            },
        }
    }

    /// "1 recipe step", "3 recipe steps".
    pub fn steps_text(&self) -> String {
        match self.recipe.steps.len() {
            1 => "1 recipe step".into(),
            n => format!("{n} recipe steps"),
        }
    }
}

/// Reads `1.<payload>`.
fn read_body(body: &str) -> Result<SetupLink, LinkError> {
    let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let body = body.trim_end_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    let damaged = |reason: &str| LinkError::Damaged { reason: reason.into() };
    let (version, payload) = body.split_once('.').ok_or_else(|| damaged("its version is missing"))?;
    let version: u32 = version.parse().map_err(|_| damaged("its version is not a number"))?;
    if version > LINK_VERSION {
        return Err(LinkError::Newer { version });
    }
    if version == 0 {
        return Err(damaged("its version is 0"));
    }
    let packed =
        URL_SAFE_NO_PAD.decode(payload).map_err(|_| damaged("it has characters a link never has, or is cut short"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_JSON_BYTES)
        .map_err(|_| damaged("it does not unpack: characters are missing or changed"))?;
    let invalid = |reason: String| LinkError::Invalid { reason };
    let mut reader = serde_json::Deserializer::from_slice(&json);
    let wire: Wire = serde_path_to_error::deserialize(&mut reader)
        .map_err(|e| invalid(format!("at {}: {}", e.path(), e.inner())))?;
    let read = wire.read.map(|v| read_part::<IngestOptions>("read", v)).transpose().map_err(invalid)?;
    let train = read_part::<TrainForm>("train", wire.train).map_err(invalid)?;
    let recipe = Recipe::from_json(&wire.recipe.to_string()).map_err(|e| invalid(e.to_string()))?;
    match &wire.data {
        LinkData::Sample { name } if !SAMPLES.iter().any(|s| s.name == name.as_str()) => {
            let known: Vec<&str> = SAMPLES.iter().map(|s| s.name).collect();
            return Err(invalid(format!(
                "it names a sample dataset “{name}” that this Sift does not have (it has {})",
                known.join(", ")
            )));
        }
        LinkData::Files { names } if names.is_empty() || names.iter().any(|n| n.trim().is_empty()) => {
            return Err(invalid("it is for your own data but names no file".into()));
        }
        _ => {}
    }
    Ok(SetupLink { data: wire.data, read: read.unwrap_or_default(), recipe, train })
}

/// One part of the setup (`train`, `read`) from its JSON, naming the field that is wrong.
fn read_part<T: serde::de::DeserializeOwned>(part: &str, value: Value) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|e| format!("at {part}.{}: {}", e.path(), e.inner()))
}

/// `value`'s JSON object without the fields that equal its type's default (the type reads a
/// missing field as its default: `#[serde(default)]`), so a link carries only what was chosen.
fn without_defaults<T: Serialize + Default>(value: &T) -> Value {
    let default = serde_json::to_value(T::default()).unwrap_or(Value::Null);
    let mut value = serde_json::to_value(value).unwrap_or(Value::Null);
    if let (Value::Object(fields), Value::Object(defaults)) = (&mut value, &default) {
        fields.retain(|name, v| defaults.get(name) != Some(v));
    }
    value
}

/// A recipe step's JSON without the fields the recipe reader fills back the same (a
/// parameter at its default, `enabled: true`, `automatic: false`): each is left out only
/// when the step reads back unchanged without it.
fn compact_step(step: &RecipeStep) -> Value {
    let reads_back = |object: &serde_json::Map<String, Value>| {
        let one = serde_json::json!({ "version": RECIPE_VERSION, "steps": [object] });
        Recipe::from_json(&one.to_string()).is_ok_and(|r| r.steps.first() == Some(step))
    };
    let Ok(Value::Object(mut object)) = serde_json::to_value(step) else { return Value::Null };
    let names: Vec<String> = object.keys().filter(|k| *k != "kind").cloned().collect();
    for name in names {
        if let Some(value) = object.remove(&name) {
            if !reads_back(&object) {
                object.insert(name, value);
            }
        }
    }
    Value::Object(object)
}
