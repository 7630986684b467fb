//! Stage 2: the data-quality report — overview, alerts and one card per column.

use leptos::prelude::*;

use crate::ui::charts::{axis_value, Histogram, HistogramBar, TopValuesChart};
use crate::ui::data_stage::TypeBadge;
use crate::ui::format;
use crate::ui::heatmap::CorrelationHeatmaps;
use crate::ui::stage::StageSection;
use crate::ui::state::{use_state, Stage};
use crate::worker::protocol::{Alert, ColumnProfile, RecipeStep, Report, Step};

/// The Quality stage (region "Data quality report").
#[component]
pub fn QualityStage() -> impl IntoView {
    let state = use_state();
    let report = move || state.dataset.with(|d| d.as_ref().map(|d| (d.report.clone(), d.alert_fixes.clone())));
    view! {
        <StageSection stage=Stage::Quality>
            {move || match report() {
                Some((report, fixes)) => view! { <ReportView report=report fixes=fixes /> }.into_any(),
                None => view! { <p class="empty">"Load data to see its report."</p> }.into_any(),
            }}
        </StageSection>
    }
}

#[component]
fn ReportView(report: Report, fixes: Vec<Option<Step>>) -> impl IntoView {
    let state = use_state();
    let missing = format::count_with_share(report.missing_cells, report.missing_share);
    let rows = report.rows;
    let type_counts = report
        .type_counts
        .iter()
        .filter(|t| t.count > 0)
        .map(|t| format!("{} {}", t.count, t.column_type.name()))
        .collect::<Vec<_>>()
        .join(" · ");
    let correlations = report.correlations.clone();
    let cards =
        report.columns.into_iter().map(|column| view! { <ColumnCard column=column rows=rows /> }).collect_view();
    view! {
        <dl class="overview">
            <div><dt>"Rows"</dt><dd>{format::count(report.rows)}</dd></div>
            <div><dt>"Columns"</dt><dd>{format::count(report.column_count)}</dd></div>
            <div><dt>"Missing cells"</dt><dd>{missing}</dd></div>
            <div><dt>"Duplicate rows"</dt><dd>{format::count(report.duplicate_rows)}</dd></div>
            <div><dt>"Memory"</dt><dd>{format::bytes(report.memory_bytes)}</dd></div>
        </dl>
        <p class="aside type-counts">{type_counts}</p>
        <AlertList alerts=report.alerts fixes=fixes />
        <h3 class="visually-hidden">"Columns"</h3>
        <div class="cards">{cards}</div>
        <label class="check">
            <input type="checkbox" prop:checked=move || state.profile.with(|o| o.spearman)
                on:change=move |e| { let on = event_target_checked(&e); state.reprofile(|o| o.spearman = on) } />
            " Also show Spearman rank correlation (slower on large files)"
        </label>
        <CorrelationHeatmaps correlations=correlations />
    }
}

#[component]
fn AlertList(alerts: Vec<Alert>, fixes: Vec<Option<Step>>) -> impl IntoView {
    if alerts.is_empty() {
        return view! { <p class="good">"No warnings: nothing unusual stands out."</p> }.into_any();
    }
    let items = alerts
        .into_iter()
        .zip(fixes.into_iter().chain(std::iter::repeat(None)))
        .map(|(alert, fix)| {
            let kind = alert.kind.replace('_', " ");
            view! {
                <li>
                    <span class=format!("badge kind kind-{}", alert.kind)>{kind}</span>" "{alert.message}
                    {fix.map(|step| view! { " " <FixButton step=step /> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h3 class="subhead">"Warnings"</h3>
        <ul class="alerts" aria-label="Warnings">{items}</ul>
    }
    .into_any()
}

/// Adds the alert's fix to the recipe; shows when the recipe already has it.
#[component]
fn FixButton(step: Step) -> impl IntoView {
    let state = use_state();
    let label = format!("Fix: {}", step.describe());
    let in_recipe = {
        let step = step.clone();
        Memo::new(move |_| state.recipe.with(|r| r.steps.iter().any(|s| s.step == step)))
    };
    let add = move |_| {
        let step = step.clone();
        state.edit_recipe(|r| {
            if !r.steps.iter().any(|s| s.step == step) {
                r.steps.push(RecipeStep::new(step));
            }
        });
    };
    view! {
        <button type="button" class="button small fix" on:click=add disabled=in_recipe>
            {move || if in_recipe.get() { "In the recipe ✓".to_string() } else { label.clone() }}
        </button>
    }
}

/// One column: type, counts, statistics and a chart.
#[component]
fn ColumnCard(column: ColumnProfile, rows: usize) -> impl IntoView {
    let share = column.missing as f64 / rows.max(1) as f64;
    let missing = format::count_with_share(column.missing, share);
    let numbers = [
        ("Mean", column.mean),
        ("Std", column.std),
        ("Min", column.min),
        ("Q1", column.q1),
        ("Median", column.median),
        ("Q3", column.q3),
        ("Max", column.max),
        ("Skew", column.skewness),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.map(|v| (name, format::number(v))));
    // Counts worth a look only when they are not zero.
    let counts = [
        ("Zeros", column.zeros),
        ("Negatives", column.negatives),
        ("Infinities", column.infinities),
        ("Outliers", column.outliers),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.filter(|&n| n > 0).map(|n| (name, format::count(n))));
    let dates =
        column.date_min.clone().zip(column.date_max.clone()).map(|(from, to)| ("Range", format!("{from} – {to}")));
    let lengths = column
        .text_length
        .as_ref()
        .map(|l| ("Length", format!("{}–{} (mean {})", l.min, l.max, format::number(l.mean))));
    let stats = numbers
        .chain(counts)
        .chain(dates)
        .chain(lengths)
        .map(|(name, value)| view! { <div><dt>{name}</dt><dd>{value}</dd></div> })
        .collect_view();
    let chart = chart(&column);
    view! {
        <article class="card" aria-label=format!("Column {}", column.name)>
            <header class="card-head">
                <h4>{column.name.clone()}</h4>
                <TypeBadge column_type=column.column_type />
            </header>
            <dl class="stats">
                <div><dt>"Missing"</dt><dd>{missing}</dd></div>
                <div><dt>"Distinct"</dt><dd>{format::count(column.distinct)}</dd></div>
                {stats}
            </dl>
            {chart}
        </article>
    }
}

fn chart(column: &ColumnProfile) -> Option<AnyView> {
    if let (Some(first), Some(last)) = (column.histogram.first(), column.histogram.last()) {
        let show = |x| axis_value(column.column_type, x);
        let bars = column
            .histogram
            .iter()
            .map(|bin| HistogramBar { range: format!("{} – {}", show(bin.lower), show(bin.upper)), count: bin.count })
            .collect();
        let (low, high) = (show(first.lower), show(last.upper));
        return Some(view! { <Histogram name=column.name.clone() bars=bars low=low high=high /> }.into_any());
    }
    if column.top_values.is_empty() {
        return None;
    }
    let values = column.top_values.iter().map(|v| (v.value.clone(), v.count)).collect();
    let rows = column.count + column.missing;
    Some(view! { <TopValuesChart name=column.name.clone() values=values rows=rows /> }.into_any())
}
