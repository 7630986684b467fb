//! `sift python`: a model as a runnable scikit-learn script (docs/python.md).

use sift::engine::artifact::python::pipeline_script;
use sift::engine::artifact::Artifact;
use sift::engine::base::error::Result;

use crate::args::Args;
use crate::{read_text, write_file};

/// Writes the script to `-o`, or returns it for stdout without `-o`.
pub fn python_command(args: &Args) -> Result<String> {
    args.at_most(1)?;
    let artifact = Artifact::from_json(&read_text(args.positional(0, "MODEL.json")?)?)?;
    let script = pipeline_script(&artifact)?;
    match args.value("o") {
        Some(path) => write_file(path, &script).map(|()| String::new()),
        None => Ok(script),
    }
}
