//! ROC and precision-recall curves: one line per class against the rest (or one line for
//! the second of two classes), each named with its area.

use leptos::prelude::*;

use crate::ui::evaluation::plot::{colour, dash, Frame, Plot};
use crate::ui::format;
use crate::worker::protocol::ClassCurve;

/// The most points drawn per line; longer curves are thinned evenly (ends kept).
const MAX_LINE_POINTS: usize = 600;

/// Which curve a chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CurveKind {
    Roc,
    PrecisionRecall,
}

impl CurveKind {
    fn caption(self) -> &'static str {
        match self {
            CurveKind::Roc => "ROC curve",
            CurveKind::PrecisionRecall => "Precision-recall curve",
        }
    }

    fn area(self) -> &'static str {
        match self {
            CurveKind::Roc => "AUC",
            CurveKind::PrecisionRecall => "average precision",
        }
    }

    fn axes(self) -> (&'static str, &'static str) {
        match self {
            CurveKind::Roc => ("False positive rate (other classes flagged)", "True positive rate (recall)"),
            CurveKind::PrecisionRecall => ("Recall (share of the class found)", "Precision (share of flags right)"),
        }
    }
}

/// A ROC or precision-recall chart of `curves`; `classes` tells how many classes there are
/// (two: one curve, of the second class against the first).
#[component]
pub fn CurveChart(kind: CurveKind, curves: Vec<ClassCurve>, classes: Vec<String>) -> impl IntoView {
    let frame = Frame::new((0.0, 1.0), (0.0, 1.0));
    let binary = classes.len() == 2;
    let against = |class: &str| {
        if binary {
            let other = classes.iter().find(|c| c.as_str() != class).cloned().unwrap_or_default();
            format!("{class} against {other}")
        } else {
            format!("{class} against the rest")
        }
    };
    let named: Vec<String> = curves
        .iter()
        .map(|c| {
            format!(
                "{} ({} {})",
                against(&c.class),
                kind.area(),
                c.area.map(format::score).unwrap_or_else(|| "—".into())
            )
        })
        .collect();
    let lines = curves
        .iter()
        .zip(&named)
        .enumerate()
        .map(|(i, (c, name))| {
            let (xs, ys) = thin(&c.curve.x, &c.curve.y);
            view! {
                <polyline class="curve" points=frame.points(&xs, &ys) stroke=colour(i) stroke-dasharray=dash(i)>
                    <title>{name.clone()}</title>
                </polyline>
            }
        })
        .collect_view();
    let chance = (kind == CurveKind::Roc).then(|| {
        let (x0, y0) = frame.point(0.0, 0.0);
        let (x1, y1) = frame.point(1.0, 1.0);
        view! { <line class="reference" x1=x0 y1=y0 x2=x1 y2=y1><title>"Guessing"</title></line> }
    });
    let what = if binary {
        format!("{} of {}", kind.caption(), named.join(""))
    } else {
        format!("{}s, one per class against the rest: {}", kind.caption(), named.join("; "))
    };
    let caption = if binary { kind.caption().to_string() } else { format!("{}s (one-vs-rest)", kind.caption()) };
    let (x_title, y_title) = kind.axes();
    let legend = named.into_iter().enumerate().map(|(i, n)| (n, i)).collect();
    let marks = view! { <g class="marks">{chance}{lines}</g> }.into_any();
    view! {
        <Plot caption=caption label=what frame=frame x_title=x_title.into() y_title=y_title.into() marks=marks legend=legend />
    }
}

/// At most [`MAX_LINE_POINTS`] of the points, evenly spread, first and last kept.
fn thin(xs: &[f64], ys: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let n = xs.len().min(ys.len());
    if n <= MAX_LINE_POINTS {
        return (xs[..n].to_vec(), ys[..n].to_vec());
    }
    let step = (n - 1) as f64 / (MAX_LINE_POINTS - 1) as f64;
    (0..MAX_LINE_POINTS).map(|k| ((k as f64 * step).round() as usize).min(n - 1)).map(|i| (xs[i], ys[i])).unzip()
}
