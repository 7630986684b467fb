//! The chosen algorithm's hyperparameters as a form drawn from the engine's description:
//! a whole-number or number input with its range, or a select for a choice; each a
//! [`ParamField`] (as a step's parameters are) with its one-line help, checked as it is typed.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::ui::param_form::{field_id, help_id, ParamField};
use crate::ui::train::setup::Setup;
use crate::worker::protocol::{HyperKind, ParamSpec};

/// The form, redrawn when the algorithm or task changes or values are set from outside.
#[component]
pub fn ParamsForm(setup: Setup) -> impl IntoView {
    let form = move || {
        setup.params_version.track();
        let specs = setup.specs();
        let algorithm = setup.algorithm.get();
        if specs.is_empty() {
            return view! { <p class="aside">{format!("{} has no hyperparameters to set.", algorithm.label())}</p> }
                .into_any();
        }
        let fields = specs
            .iter()
            .map(|spec| view! { <HyperField setup=setup spec=spec.clone() all=specs.clone() /> })
            .collect_view();
        view! { <div class="fields param-fields">{fields}</div> }.into_any()
    };
    view! {
        <fieldset class="params-form">
            <legend>{move || format!("Hyperparameters of {}", setup.algorithm.get().label())}</legend>
            {form}
            <button type="button" class="button small quiet" on:click=move |_| setup.reset_texts()>"Reset to defaults"</button>
        </fieldset>
    }
}

/// One hyperparameter: label, control, help, and what is wrong with its value; hidden when
/// it does not apply.
#[component]
fn HyperField(setup: Setup, spec: ParamSpec, all: Vec<ParamSpec>) -> impl IntoView {
    let id = field_id("param", &spec.name);
    let help_id = help_id(&id);
    // A property, not the attribute: a redraw updates the fields in place, and a field
    // someone typed into no longer follows its value attribute.
    let initial = untrack(|| setup.text(&spec));
    let name = spec.name.clone();
    let set = move |text: String| setup.set_text(&name, text);
    let control = match &spec.kind {
        HyperKind::Choice { choices } => {
            let options = choices
                .iter()
                .map(|c| view! { <option value=c.clone() selected=c.eq_ignore_ascii_case(&initial)>{c.clone()}</option> })
                .collect_view();
            let empty =
                spec.empty_means.clone().map(|m| view! { <option value="" selected=initial.is_empty()>{m}</option> });
            view! {
                <select id=id.clone() aria-describedby=help_id.clone() prop:value=initial.clone() on:change=move |e| set(event_target_value(&e))>
                    {empty}{options}
                </select>
            }
            .into_any()
        }
        kind => {
            let (min, max, step) = match kind {
                HyperKind::Integer { min, max } => (min.to_string(), max.to_string(), "1".to_string()),
                HyperKind::Number { min, max, .. } => (min.to_string(), max.to_string(), "any".to_string()),
                HyperKind::Choice { .. } => Default::default(),
            };
            let placeholder = spec.empty_means.clone().unwrap_or_default();
            view! {
                <input id=id.clone() type="number" inputmode="decimal" min=min max=max step=step
                    placeholder=placeholder aria-describedby=help_id.clone() prop:value=initial
                    on:input=move |e| set(number_text(&e)) />
            }
            .into_any()
        }
    };
    let spec_for_error = spec.clone();
    let error = Memo::new(move |_| spec_for_error.check_text(&setup.text(&spec_for_error)).err());
    let condition = spec.clone();
    let shown = Memo::new(move |_| {
        condition.applies(|name| all.iter().find(|s| s.name == name).map(|s| setup.text(s)).unwrap_or_default())
    });
    view! { <ParamField spec=spec id=id control=control class="param" error=error shown=shown /> }
}

/// A number input's text; text the browser cannot read as a number says so (an input of
/// type number reports such text as empty).
fn number_text(event: &leptos::ev::Event) -> String {
    let target = event.target().map(JsValue::from).unwrap_or(JsValue::NULL);
    let bad = js_sys::Reflect::get(&target, &"validity".into())
        .and_then(|v| js_sys::Reflect::get(&v, &"badInput".into()))
        .is_ok_and(|b| b.as_bool() == Some(true));
    if bad {
        "not a number".into()
    } else {
        event_target_value(event)
    }
}
