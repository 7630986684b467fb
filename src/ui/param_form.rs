//! One parameter in a form, for a recipe step and an algorithm alike, drawn from the engine's
//! one description of a parameter ([`ParamSpec`]): its label, the control that edits it, its
//! line of help, what is wrong with its value, and whether it applies. The step form and the
//! hyperparameter form each give the control for their kinds; this draws the rest, so that
//! both look and behave alike.

use leptos::prelude::*;

use crate::worker::protocol::params::{Kind, ParamSpec};

/// The id of parameter `name`'s control in a form whose ids start with `prefix`
/// (`"param"`, `"new-step"`): `max_depth` → `param-max-depth`.
pub fn field_id(prefix: &str, name: &str) -> String {
    format!("{prefix}-{}", name.replace('_', "-"))
}

/// The id of the help line of the control `id`, which the control names with `aria-describedby`.
pub fn help_id(id: &str) -> String {
    format!("{id}-help")
}

/// A labelled parameter around `control`: `class` adds to `field` (`"param"`), `wide` gives
/// it a whole row, `error` shows under it (and marks it invalid), `shown` hides it when the
/// parameter does not apply; `children` follow the help.
#[component]
pub fn ParamField<K>(
    spec: ParamSpec<K>,
    id: String,
    control: AnyView,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] wide: bool,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    #[prop(optional, into)] shown: Option<Signal<bool>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView
where
    K: Kind + Send + Sync + 'static,
    K::Default: Send + Sync,
{
    let classes = if class.is_empty() { "field".to_string() } else { format!("field {class}") };
    let invalid = move || error.is_some_and(|e| e.with(Option::is_some));
    let hidden = move || shown.is_some_and(|s| !s.get());
    view! {
        <div class=classes class:wide=wide class:invalid=invalid hidden=hidden>
            <label for=id.clone()>{spec.label_line()}</label>
            {control}
            <p class="help" id=help_id(&id)>{spec.help_line()}</p>
            {move || error.and_then(|e| e.get()).map(|e| view! { <p class="field-error">{e}</p> })}
            {children.map(|c| c())}
        </div>
    }
}
