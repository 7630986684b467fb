//! A step's parameters as a form, drawn from the engine's description of its kind: the UI
//! knows no step. The form edits the step's JSON object; a parameter's name is its field.
//! Each parameter is a [`ParamField`] (as hyperparameters are) around a control for its kind.

use leptos::prelude::*;
use serde_json::{Map, Value};
use web_sys::HtmlSelectElement;

use crate::ui::dom::selected_values;
use crate::ui::param_form::{field_id, help_id, ParamField};
use crate::ui::recipe::spellings::ProposeSpellingGroups;
use crate::ui::recipe::step_columns::use_step_columns;
use crate::worker::protocol::{ColumnType, Param, ParamKind, StepInfo};

/// The step being edited, as its JSON object.
pub type Draft = RwSignal<Map<String, Value>>;

/// Every parameter of `info` as a labelled control editing `draft`, for a step at position
/// `index` of the recipe (its column pickers offer the columns the steps before it leave).
/// `prefix` keeps the ids of several forms on the page apart.
#[component]
pub fn StepForm(info: StepInfo, draft: Draft, prefix: String, index: Signal<usize>) -> impl IntoView {
    let fields = info
        .params
        .into_iter()
        .map(|param| {
            let id = field_id(&prefix, &param.name);
            step_param(param, draft, id, index)
        })
        .collect_view();
    view! { <div class="fields step-fields">{fields}</div> }
}

/// One parameter: its label, control and one line of help.
fn step_param(param: Param, draft: Draft, id: String, index: Signal<usize>) -> impl IntoView {
    let name = param.name.clone();
    let value = Signal::derive(move || draft.with(|d| d.get(&name).cloned().unwrap_or(Value::Null)));
    let name = param.name.clone();
    let set = move |v: Value| {
        draft.update(|d| {
            d.insert(name.clone(), v);
        })
    };
    let control = control(&param, &id, &help_id(&id), value, set, index);
    let wide =
        matches!(param.kind, ParamKind::Merges | ParamKind::TextList | ParamKind::NumberList | ParamKind::Text { .. });
    // Merges can come from the clusters of similar spellings the worker proposes.
    let propose = matches!(param.kind, ParamKind::Merges);
    view! {
        <ParamField spec=param id=id control=control wide=wide>
            {propose.then(|| view! { <ProposeSpellingGroups draft=draft index=index /> })}
        </ParamField>
    }
}

/// The control that edits one kind of parameter.
fn control(
    param: &Param,
    id: &str,
    help_id: &str,
    value: Signal<Value>,
    set: impl Fn(Value) + Clone + 'static,
    index: Signal<usize>,
) -> AnyView {
    let (id, help_id) = (id.to_string(), help_id.to_string());
    let optional = param.is_optional();
    match &param.kind {
        ParamKind::Columns { types, .. } => {
            let options = column_options(types.clone(), index, value);
            view! {
                <select id=id aria-describedby=help_id multiple size="5"
                    on:change=move |e| set(Value::from(selected_values(&event_target::<HtmlSelectElement>(&e))))>
                    {options}
                </select>
            }
            .into_any()
        }
        ParamKind::Column { types } => {
            let none = if optional { "(none)" } else { "(choose a column)" };
            let options = column_options(types.clone(), index, value);
            view! {
                <select id=id aria-describedby=help_id on:change=move |e| {
                    let chosen = event_target_value(&e);
                    set(if chosen.is_empty() { Value::Null } else { Value::from(chosen) })
                }>
                    <option value="" selected=move || value.with(Value::is_null)>{none}</option>
                    {options}
                </select>
            }
            .into_any()
        }
        ParamKind::Number { min, max, .. } => number_input(id, help_id, value, set, optional, *min, *max, "any"),
        ParamKind::Integer { min, max, .. } => {
            number_input(id, help_id, value, set, optional, min.map(|m| m as f64), max.map(|m| m as f64), "1")
        }
        ParamKind::Seed => number_input(id, help_id, value, set, optional, Some(0.0), None, "1"),
        ParamKind::Choice { options, .. } => {
            let options = options
                .iter()
                .map(|c| {
                    let v = c.value.clone();
                    view! { <option value=c.value.clone() selected=move || value.with(|x| x.as_str() == Some(v.as_str()))>{c.label.clone()}</option> }
                })
                .collect_view();
            view! {
                <select id=id aria-describedby=help_id on:change=move |e| set(Value::from(event_target_value(&e)))>{options}</select>
            }
            .into_any()
        }
        ParamKind::Choices { options, .. } => {
            let options = options
                .iter()
                .map(|c| {
                    let v = c.value.clone();
                    view! { <option value=c.value.clone() selected=move || value.with(|x| listed(x).contains(&v))>{c.label.clone()}</option> }
                })
                .collect_view();
            view! {
                <select id=id aria-describedby=help_id multiple size="4"
                    on:change=move |e| set(Value::from(selected_values(&event_target::<HtmlSelectElement>(&e))))>
                    {options}
                </select>
            }
            .into_any()
        }
        ParamKind::Bool { .. } => view! {
            <input id=id aria-describedby=help_id type="checkbox" prop:checked=move || value.with(|v| v.as_bool() == Some(true))
                on:change=move |e| set(Value::from(event_target_checked(&e))) />
        }
        .into_any(),
        ParamKind::Text { .. } => view! {
            <input id=id aria-describedby=help_id type="text" prop:value=move || value.with(|v| v.as_str().unwrap_or("").to_string())
                on:input=move |e| {
                    let text = event_target_value(&e);
                    set(if optional && text.is_empty() { Value::Null } else { Value::from(text) })
                } />
        }
        .into_any(),
        ParamKind::TextList => list_input(id, help_id, value, set, "comma separated, e.g. red, green", |t| Some(Value::from(t))),
        ParamKind::NumberList => list_input(id, help_id, value, set, "comma separated, e.g. 0, 10, 100", |t| {
            t.parse::<f64>().ok().filter(|x| x.is_finite()).map(Value::from)
        }),
        ParamKind::Merges => view! {
            <textarea id=id aria-describedby=help_id rows="4" placeholder="NY, N.Y., new york → New York"
                prop:value=move || value.with(merges_text)
                on:change=move |e| set(parse_merges(&event_target_value(&e)))></textarea>
        }
        .into_any(),
    }
}

/// A number field; an empty optional field is `null`.
#[allow(clippy::too_many_arguments)]
fn number_input(
    id: String,
    help_id: String,
    value: Signal<Value>,
    set: impl Fn(Value) + 'static,
    optional: bool,
    min: Option<f64>,
    max: Option<f64>,
    step: &'static str,
) -> AnyView {
    let shown = move || value.with(|v| v.as_f64().map(|x| x.to_string()).unwrap_or_default());
    view! {
        <input id=id aria-describedby=help_id type="number" step=step min=min.map(|m| m.to_string()) max=max.map(|m| m.to_string())
            prop:value=shown
            on:change=move |e| {
                let text = event_target_value(&e);
                match text.trim().parse::<f64>() {
                    Ok(x) if step == "1" => set(Value::from(x.round() as i64)),
                    Ok(x) => set(Value::from(x)),
                    Err(_) if optional && text.trim().is_empty() => set(Value::Null),
                    Err(_) => {}
                }
            } />
    }
    .into_any()
}

/// A comma-separated list in a text field.
fn list_input(
    id: String,
    help_id: String,
    value: Signal<Value>,
    set: impl Fn(Value) + 'static,
    placeholder: &'static str,
    item: fn(&str) -> Option<Value>,
) -> AnyView {
    let shown = move || {
        value.with(|v| {
            v.as_array()
                .map(|items| {
                    items
                        .iter()
                        .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
        })
    };
    view! {
        <input id=id aria-describedby=help_id type="text" placeholder=placeholder prop:value=shown
            on:change=move |e| {
                let text = event_target_value(&e);
                set(Value::from(text.split(',').map(str::trim).filter(|t| !t.is_empty()).filter_map(item).collect::<Vec<_>>()))
            } />
    }
    .into_any()
}

/// The options of a column picker at step `index`: the columns of `types` (any type when
/// empty) that the steps before it leave, then any chosen column that does not exist there.
fn column_options(types: Vec<ColumnType>, index: Signal<usize>, value: Signal<Value>) -> impl Fn() -> AnyView {
    let columns = use_step_columns();
    let here = Memo::new(move |_| {
        columns
            .at(index.get())
            .into_iter()
            .filter(|c| types.is_empty() || types.contains(&c.column_type))
            .collect::<Vec<_>>()
    });
    let gone = Memo::new(move |_| {
        let names = chosen(&value.get());
        here.with(|here| names.into_iter().filter(|n| !here.iter().any(|c| &c.name == n)).collect::<Vec<_>>())
    });
    move || {
        let option = move |name: String, label: String| {
            let key = name.clone();
            view! { <option value=name selected=move || value.with(|v| chosen(v).contains(&key))>{label}</option> }
        };
        let here = here.get().into_iter().map(|c| {
            let label = format!("{} ({})", c.name, c.column_type.name());
            option(c.name, label)
        });
        let gone = gone.get().into_iter().map(|name| {
            let label = format!("{name} (not available at this step)");
            option(name, label)
        });
        here.chain(gone).collect_view().into_any()
    }
}

/// The column names a column or column-list parameter holds.
fn chosen(value: &Value) -> Vec<String> {
    match value {
        Value::String(name) => vec![name.clone()],
        other => listed(other),
    }
}

/// The strings of a JSON list.
fn listed(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| items.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// Merges as lines of `from, from → to`.
fn merges_text(value: &Value) -> String {
    let Some(groups) = value.as_array() else { return String::new() };
    groups
        .iter()
        .map(|g| format!("{} → {}", listed(&g["from"]).join(", "), g["to"].as_str().unwrap_or("")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lines of `from, from → to` (or `->`, `=>`) as merges; lines without an arrow are skipped.
fn parse_merges(text: &str) -> Value {
    let groups: Vec<Value> = text
        .lines()
        .filter_map(|line| {
            let (from, to) = ["→", "=>", "->"].iter().find_map(|arrow| line.split_once(arrow))?;
            let from: Vec<&str> = from.split(',').map(str::trim).filter(|f| !f.is_empty()).collect();
            (!from.is_empty()).then(|| serde_json::json!({ "from": from, "to": to.trim() }))
        })
        .collect();
    Value::from(groups)
}
