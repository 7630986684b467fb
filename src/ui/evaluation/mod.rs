//! Stage 5: how good the model is: the scores (each explained on hover and focus), and plots
//! drawn as SVG from the evaluation: confusion matrix, ROC and precision-recall curves,
//! predicted-vs-actual and residuals, the clusters' scatter, and permutation importance.

mod cluster_scatter;
mod confusion;
mod curves;
mod importance;
mod metrics;
mod plot;
mod regression_plots;

use leptos::prelude::*;

use crate::ui::format;
use crate::ui::stage::StageSection;
use crate::ui::state::{use_state, Stage, TrainedModel};
use crate::worker::protocol::{Evaluation, Importance, Task};

use cluster_scatter::{ClusterScatter, ClusterSizes};
use confusion::ConfusionMatrix;
use curves::{CurveChart, CurveKind};
use importance::ImportanceChart;
use metrics::{maybe, Metrics, PerClassTable};
use regression_plots::{PredictedVsActual, Residuals};

/// The Evaluate stage (region "Evaluation").
#[component]
pub fn EvaluationStage() -> impl IntoView {
    let state = use_state();
    view! {
        <StageSection stage=Stage::Evaluate>
            {move || match state.trained.get() {
                Some(model) => view! { <EvaluationView model=model /> }.into_any(),
                None => view! { <p class="empty">"Train a model in step 4 to see how well it predicts."</p> }.into_any(),
            }}
        </StageSection>
    }
}

#[component]
fn EvaluationView(model: TrainedModel) -> impl IntoView {
    let summary = model.summary;
    let note = match summary.task {
        Task::Clustering => format!("Measured on all {} rows that were clustered.", format::count(summary.train_rows)),
        _ => format!("Measured on {} test rows the model never saw while training.", format::count(summary.test_rows)),
    };
    let body = match summary.evaluation {
        Evaluation::Classification {
            classes,
            accuracy,
            balanced_accuracy,
            precision_macro,
            recall_macro,
            f1_macro,
            precision_weighted,
            recall_weighted,
            f1_weighted,
            per_class,
            confusion,
            confusion_normalized,
            roc_auc,
            average_precision,
            log_loss,
            roc_curves,
            pr_curves,
            ..
        } => {
            let scores = vec![
                ("Accuracy", format::percent(accuracy)),
                ("Balanced accuracy", format::percent(balanced_accuracy)),
                ("Macro F1", format::score(f1_macro)),
                ("Macro precision", format::score(precision_macro)),
                ("Macro recall", format::score(recall_macro)),
                ("Weighted F1", format::score(f1_weighted)),
                ("Weighted precision", format::score(precision_weighted)),
                ("Weighted recall", format::score(recall_weighted)),
                ("ROC AUC", maybe(roc_auc, format::score)),
                ("Average precision", maybe(average_precision, format::score)),
                ("Log loss", maybe(log_loss, format::score)),
            ];
            let curves = (!roc_curves.is_empty() || !pr_curves.is_empty()).then(|| {
                view! {
                    <div class="plots">
                        <CurveChart kind=CurveKind::Roc curves=roc_curves classes=classes.clone() />
                        <CurveChart kind=CurveKind::PrecisionRecall curves=pr_curves classes=classes.clone() />
                    </div>
                }
            });
            view! {
                <Metrics items=scores />
                <div class="side-by-side">
                    <PerClassTable scores=per_class />
                    <ConfusionMatrix classes=classes.clone() counts=confusion shares=confusion_normalized />
                </div>
                {curves}
            }
            .into_any()
        }
        Evaluation::Regression { r2, mae, rmse, mape, points } => {
            let scores = vec![
                ("R²", format::score(r2)),
                ("MAE", format::number(mae)),
                ("RMSE", format::number(rmse)),
                ("MAPE", maybe(mape, format::percent)),
            ];
            let target = summary.target.clone();
            view! {
                <Metrics items=scores />
                <div class="plots">
                    <PredictedVsActual target=target.clone() points=points.clone() />
                    <Residuals target=target points=points />
                </div>
            }
            .into_any()
        }
        Evaluation::Clustering { silhouette, sizes, scatter } => {
            let clusters = sizes.iter().filter(|s| s.cluster >= 0).count();
            let scores = vec![("Silhouette", maybe(silhouette, format::score)), ("Clusters", format::count(clusters))];
            view! {
                <Metrics items=scores />
                <div class="plots">
                    <ClusterScatter scatter=scatter sizes=sizes.clone() />
                    <ClusterSizes sizes=sizes />
                </div>
            }
            .into_any()
        }
    };
    let state = use_state();
    let trained_on = model.dataset.clone();
    let stale = move || {
        state.dataset.with(|d| d.as_ref().filter(|d| d.name != trained_on).map(|d| d.name.clone())).map(|now| {
            view! {
                <p class="stale-model" role="note">
                    {format!("This is the model trained on {trained_on}. Train again to evaluate a model of {now}.")}
                </p>
            }
        })
    };
    view! {
        {stale}
        <p class="aside">{note}</p>
        {body}
        <ImportanceSection importance=summary.importance task=summary.task />
    }
}

#[component]
fn ImportanceSection(importance: Vec<Importance>, task: Task) -> impl IntoView {
    view! {
        <h3 class="subhead">"Which input columns matter"</h3>
        <ImportanceChart importance=importance task=task />
    }
}
