//! The model in another tool's form: "Download model ONNX", in the Export stage (the model just
//! trained) and the Predict stage (the model it predicts with) — recipe and model as one ONNX
//! file, as `sift onnx` writes it (docs/onnx.md) — and "Download Python" in the Export stage: a
//! scikit-learn script that rebuilds the recipe and the algorithm, as `sift python` writes it
//! (docs/python.md). A model that cannot be written exactly is refused: the stage's alert says
//! which step or algorithm and why.

use leptos::prelude::*;
use web_sys::File;

use crate::ui::download;
use crate::ui::state::{use_state, Stage};
use crate::worker::protocol::{ModelSource, Request};

/// A form the model can be downloaded in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelForm {
    /// An ONNX graph (`sift onnx`).
    Onnx,
    /// A scikit-learn script (`sift python`).
    Python,
}

impl ModelForm {
    fn label(self) -> &'static str {
        match self {
            ModelForm::Onnx => "Download model ONNX",
            ModelForm::Python => "Download Python",
        }
    }

    fn note(self) -> &'static str {
        match self {
            ModelForm::Onnx => "Recipe and model in one file, for onnxruntime and other ONNX runtimes, without Sift (docs/onnx.md).",
            ModelForm::Python => {
                "The recipe and the model as a scikit-learn script that trains and scores them again: python pipeline.py data.csv (docs/python.md)."
            }
        }
    }

    fn job(self) -> &'static str {
        match self {
            ModelForm::Onnx => "Writing the model as ONNX",
            ModelForm::Python => "Writing the model as Python",
        }
    }

    fn request(self, model: ModelSource) -> Request {
        match self {
            ModelForm::Onnx => Request::ExportOnnx { model },
            ModelForm::Python => Request::ExportPython { model },
        }
    }
}

/// The button and its one-line note. `ready` says whether there is a model; `model_file` is
/// its model JSON file, or `None` for the model just trained.
#[component]
pub fn DownloadModelAs(
    form: ModelForm,
    stage: Stage,
    #[prop(into)] ready: Signal<bool>,
    model_file: impl Fn() -> Option<File> + Copy + 'static,
) -> impl IntoView {
    let state = use_state();
    let save = move |_| {
        let file = model_file();
        let model = if file.is_some() { ModelSource::File } else { ModelSource::Trained };
        download::fetch(state, stage, form.job(), form.request(model), file.into_iter().collect());
    };
    view! {
        <div class="actions export-onnx">
            <button type="button" class="button" on:click=save disabled=move || !ready.get() || state.busy()>
                {form.label()}
            </button>
            <span class="aside">{form.note()}</span>
        </div>
    }
}
