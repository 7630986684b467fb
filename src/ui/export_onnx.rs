//! "Download model ONNX", in the Export stage (the model just trained) and the Predict stage
//! (the model it predicts with): recipe and model as one ONNX file, as `sift onnx` writes it
//! (docs/onnx.md). A model that cannot be written exactly is refused: the stage's alert says
//! which step or algorithm and why.

use leptos::prelude::*;
use web_sys::File;

use crate::ui::download;
use crate::ui::state::{use_state, Stage};
use crate::worker::protocol::{ModelSource, Request};

/// The button and its one-line note. `ready` says whether there is a model; `model_file` is
/// its model JSON file, or `None` for the model just trained.
#[component]
pub fn DownloadOnnx(
    stage: Stage,
    #[prop(into)] ready: Signal<bool>,
    model_file: impl Fn() -> Option<File> + Copy + 'static,
) -> impl IntoView {
    let state = use_state();
    let save = move |_| {
        let file = model_file();
        let model = if file.is_some() { ModelSource::File } else { ModelSource::Trained };
        let request = Request::ExportOnnx { model };
        download::fetch(state, stage, "Writing the model as ONNX", request, file.into_iter().collect());
    };
    view! {
        <div class="actions export-onnx">
            <button type="button" class="button" on:click=save disabled=move || !ready.get() || state.busy()>
                "Download model ONNX"
            </button>
            <span class="aside">"Recipe and model in one file, for onnxruntime and other ONNX runtimes, without Sift (docs/onnx.md)."</span>
        </div>
    }
}
