//! "Reading options": what Sift detected when it read the file, and the overrides that
//! re-read it (delimiter, quotes, encoding, header, decimal separator, ragged rows, missing
//! tokens).

use leptos::prelude::*;

use crate::ui::retype::RetypeColumns;
use crate::ui::state::{use_state, AppState, Stage};
use crate::worker::protocol::{IngestOptions, IngestReport, RaggedRows, Request};

/// One choice of a select: its value and label. The value "" means "detect".
type Choice = (&'static str, &'static str);

const DELIMITERS: &[Choice] = &[("", "Detect"), (",", "Comma ,"), (";", "Semicolon ;"), ("\t", "Tab"), ("|", "Pipe |")];
/// "text" reads every quote as a plain character (a file whose quotes are not CSV quoting).
const QUOTES: &[Choice] =
    &[("", "Detect"), ("\"", "Double quotes \""), ("'", "Single quotes '"), ("text", "Read quotes as text")];
const ENCODINGS: &[Choice] = &[
    ("", "Detect"),
    ("UTF-8", "UTF-8"),
    ("windows-1252", "Windows-1252 / Latin-1"),
    ("UTF-16LE", "UTF-16 LE"),
    ("UTF-16BE", "UTF-16 BE"),
];
const YES_NO: &[Choice] = &[("", "Detect"), ("yes", "Yes"), ("no", "No")];
const DECIMALS: &[Choice] = &[("", "Detect"), ("point", "Point 1.5"), ("comma", "Comma 1,5")];
const RAGGED: &[Choice] = &[("stop", "Stop with an error"), ("skip", "Skip them and report")];

/// The collapsible reading-options panel of the Data stage.
#[component]
pub fn ReadOptions() -> impl IntoView {
    let state = use_state();
    // Start from the options the active dataset was read with.
    Effect::new(move |_| {
        if let Some(options) = state.dataset.with(|d| d.as_ref().map(|d| d.options.clone())) {
            state.read_options.set(options);
        }
    });
    let o = state.read_options;
    let tokens = move || {
        o.with(|o| {
            o.missing_tokens
                .iter()
                .map(|t| if t.is_empty() { "(empty)".to_string() } else { t.clone() })
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let set_tokens = move |event| {
        let text = event_target_value(&event);
        let list =
            text.split(',').map(|t| t.trim()).map(|t| if t == "(empty)" { String::new() } else { t.to_string() });
        o.update(|o| o.missing_tokens = list.collect());
    };
    view! {
        <details class="read-options">
            <summary>"Reading options"</summary>
            {move || state.dataset.with(|d| d.as_ref().map(|d| view! { <Detected report=d.ingest.clone() quotes_as_text=d.options.quotes_as_text /> }))}
            <p class="aside">"Sift detects these. If the preview looks wrong, change one and re-read the file; they also apply to the next files you open."</p>
            <div class="fields">
                <OptionSelect label="Delimiter" choices=DELIMITERS
                    value=move || o.with(|o| o.delimiter.map(|b| (b as char).to_string()).unwrap_or_default())
                    set=move |v: String| o.update(|o| o.delimiter = v.bytes().next()) />
                <OptionSelect label="Quotes" choices=QUOTES
                    value=move || o.with(quote_choice)
                    set=move |v: String| o.update(|o| (o.quote, o.quotes_as_text) = parse_quote_choice(&v)) />
                <OptionSelect label="Encoding" choices=ENCODINGS
                    value=move || o.with(|o| o.encoding.clone().unwrap_or_default())
                    set=move |v: String| o.update(|o| o.encoding = (!v.is_empty()).then_some(v)) />
                <OptionSelect label="Header row" choices=YES_NO
                    value=move || o.with(|o| yes_no(o.has_header).to_string())
                    set=move |v: String| o.update(|o| o.has_header = parse_yes_no(&v)) />
                <OptionSelect label="Decimal separator" choices=DECIMALS
                    value=move || o.with(|o| match o.decimal_comma { None => "", Some(true) => "comma", Some(false) => "point" }.to_string())
                    set=move |v: String| o.update(|o| o.decimal_comma = match v.as_str() { "comma" => Some(true), "point" => Some(false), _ => None }) />
                <OptionSelect label="Ragged rows" choices=RAGGED
                    value=move || o.with(|o| if o.ragged == RaggedRows::Skip { "skip" } else { "stop" }.to_string())
                    set=move |v: String| o.update(|o| o.ragged = if v == "skip" { RaggedRows::Skip } else { RaggedRows::Stop }) />
                <div class="field wide">
                    <label for="missing-tokens">"Missing-value tokens"</label>
                    <input id="missing-tokens" type="text" prop:value=tokens on:change=set_tokens
                        title="Cells holding one of these (comma separated) are read as missing" />
                </div>
            </div>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| reread(state)
                    disabled=move || state.busy() || state.dataset.with(|d| d.is_none())>"Re-read file"</button>
                <button type="button" class="button" on:click=move |_| o.set(IngestOptions::default())>"Reset to detect"</button>
            </div>
            <RetypeColumns />
        </details>
    }
}

/// A labelled select bound to one option.
#[component]
fn OptionSelect(
    label: &'static str,
    choices: &'static [Choice],
    value: impl Fn() -> String + Send + Sync + 'static,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    let id = format!("read-{}", label.to_lowercase().replace(' ', "-"));
    let value = Signal::derive(value);
    let options = choices
        .iter()
        .map(|(v, text)| view! { <option value=*v selected=move || value.get() == *v>{*text}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id on:change=move |e| set(event_target_value(&e))>{options}</select>
        </div>
    }
}

/// One line of what was read, then the notes.
#[component]
fn Detected(report: IngestReport, quotes_as_text: bool) -> impl IntoView {
    let mark = |detected: bool| if detected { "" } else { " (your choice)" };
    let delimiter = match report.delimiter.value {
        b'\t' => "tab".to_string(),
        b => format!("“{}”", b as char),
    };
    let summary = format!(
        "Read as {}{}, delimiter {}{}{}, {}{}, decimal separator “{}”{}.",
        report.encoding.value,
        mark(report.encoding.detected),
        delimiter,
        mark(report.delimiter.detected),
        if quotes_as_text { ", quotes read as text (your choice)" } else { "" },
        if report.has_header.value { "first row is the header" } else { "no header row" },
        mark(report.has_header.detected),
        report.decimal_separator.value,
        mark(report.decimal_separator.detected),
    );
    let mut notes: Vec<String> = report.notes.clone();
    if report.skipped_rows.count > 0 {
        let lines: Vec<String> = report.skipped_rows.lines.iter().take(10).map(u64::to_string).collect();
        let rows = if report.skipped_rows.count == 1 { "row (line" } else { "rows (lines" };
        notes.push(format!("Skipped {} ragged {rows} {}).", report.skipped_rows.count, lines.join(", ")));
    }
    notes.extend(report.renamed_headers.iter().map(|r| format!("Column “{}” renamed to “{}”.", r.original, r.name)));
    notes.extend(report.columns.iter().flat_map(|c| c.notes.iter().map(move |n| format!("{}: {n}", c.name))));
    view! {
        <p class="detected">{summary}</p>
        {(!notes.is_empty()).then(|| view! { <ul class="read-notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> })}
    }
}

/// The Quotes select's value for the options.
fn quote_choice(o: &IngestOptions) -> String {
    match (o.quotes_as_text, o.quote) {
        (true, _) => "text".into(),
        (false, Some(q)) => (q as char).to_string(),
        (false, None) => String::new(),
    }
}

/// The quote byte and whether quotes are read as text, from the Quotes select's value.
fn parse_quote_choice(value: &str) -> (Option<u8>, bool) {
    match value {
        "text" => (None, true),
        v => (v.bytes().next(), false),
    }
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        None => "",
        Some(true) => "yes",
        Some(false) => "no",
    }
}

fn parse_yes_no(value: &str) -> Option<bool> {
    match value {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// Reads the active dataset again with the chosen options.
pub fn reread(state: AppState) {
    let Some(index) = state.dataset.with_untracked(|d| d.as_ref().map(|d| d.active)) else { return };
    let files = state.sources.with_value(|s| s.get(index).cloned().unwrap_or_default());
    let request = Request::Reread { index, options: state.read_options.get_untracked() };
    state.run(Stage::Data, "Re-reading the file", request, files, move |answer| state.show(answer));
}
