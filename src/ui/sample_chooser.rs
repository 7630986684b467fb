//! The sample chooser of the Data stage: a "Sample dataset" select beside the "Load sample
//! data" button, and one line on the chosen sample (what it teaches, what to predict, where it
//! comes from, its licence), so a class can pick a dataset that teaches what the lesson needs.

use leptos::prelude::*;

use crate::ui::state::use_state;
use crate::worker::protocol::{Request, Sample, SAMPLES};
use crate::worker::samples::{sample, sample_read_as};

/// The select, the button and the line about the chosen sample.
#[component]
pub fn SampleChooser() -> impl IntoView {
    let state = use_state();
    let chosen = RwSignal::new(SAMPLES[0].name);
    // The select names the sample that is open, however it was opened (a setup link, a
    // restored session), so a class sees which dataset they are on.
    Effect::new(move |_| {
        let open = state.dataset.with(|d| {
            let d = d.as_ref()?;
            let files = d.datasets.get(d.active).map(|s| s.files.as_slice()).unwrap_or_default();
            sample_read_as(&d.name, files).map(|s| s.name)
        });
        if let Some(name) = open {
            chosen.set(name);
        }
    });
    let load = move |_| {
        if state.busy() {
            return;
        }
        let name = chosen.get_untracked();
        let title = sample(name).map_or(name, |s| s.title);
        state.forget_automatic_steps();
        state.load(&format!("Loading the sample data: {title}"), Request::LoadSample { name: name.into() }, Vec::new());
    };
    let options = SAMPLES
        .iter()
        .map(|s| view! { <option value=s.name selected=move || chosen.get() == s.name>{s.title}</option> })
        .collect_view();
    let on_change = move |event| {
        let value = event_target_value(&event);
        if let Some(s) = sample(&value) {
            chosen.set(s.name);
        }
    };
    view! {
        <div class="field inline sample-field">
            <label for="sample-select">"Sample dataset"</label>
            <select id="sample-select" aria-describedby="sample-about" on:change=on_change prop:value=move || chosen.get()>
                {options}
            </select>
        </div>
        // aria-disabled, not disabled: a disabled button would drop the keyboard focus to the
        // page's start while the sample loads.
        <button type="button" class="button" on:click=load aria-disabled=move || state.busy().then_some("true")>
            "Load sample data"
        </button>
        <p class="sample-about" id="sample-about">{move || sample(chosen.get()).map(about)}</p>
    }
}

/// The line about a sample: its description, what to predict, its source and licence.
fn about(sample: &Sample) -> impl IntoView {
    view! {
        {sample.description}
        " "
        <span class="sample-target">
            "Predict " <strong>{sample.target}</strong> " (" {sample.task.name()} ")."
        </span>
        " "
        <span class="sample-source">{format!("Source: {}. Licence: {}.", sample.source, sample.licence)}</span>
    }
}
