//! A regression's test rows as points: predicted against actual (on the diagonal is right),
//! and the residuals (actual − predicted) against the prediction (around zero is right).

use leptos::prelude::*;

use crate::ui::evaluation::plot::{colour, padded_range, Frame, Plot};
use crate::ui::format;

/// A scatter of `pairs` with a dashed reference line from `from` to `to` (data units).
struct Scatter {
    caption: &'static str,
    label: String,
    x_title: String,
    y_title: String,
    frame: Frame,
    reference: ((f64, f64), (f64, f64), &'static str),
    pairs: Vec<(f64, f64)>,
    /// The tooltip of one point, from its x and y.
    tip: fn(f64, f64) -> String,
}

impl Scatter {
    fn render(self) -> impl IntoView {
        let frame = self.frame;
        let ((ax, ay), (bx, by), meaning) = self.reference;
        let (x1, y1) = frame.point(ax, ay);
        let (x2, y2) = frame.point(bx, by);
        let tip = self.tip;
        let dots = self
            .pairs
            .iter()
            .map(|&(x, y)| {
                let (cx, cy) = frame.point(x, y);
                view! { <circle class="dot" cx=format!("{cx:.1}") cy=format!("{cy:.1}") r="2.6" fill=colour(0)><title>{tip(x, y)}</title></circle> }
            })
            .collect_view();
        let marks = view! {
            <g class="marks">
                <line class="reference" x1=x1 y1=y1 x2=x2 y2=y2><title>{meaning}</title></line>
                {dots}
            </g>
        }
        .into_any();
        view! {
            <Plot caption=self.caption.into() label=self.label frame=frame x_title=self.x_title y_title=self.y_title marks=marks />
        }
    }
}

/// Predicted against actual values of `target`, with the line where they are equal.
#[component]
pub fn PredictedVsActual(target: String, points: Vec<[f64; 2]>) -> impl IntoView {
    let range = padded_range(points.iter().flat_map(|p| [p[0], p[1]]));
    Scatter {
        caption: "Predicted vs actual",
        label: format!(
            "Predicted against actual {target} for {} test rows; points on the diagonal are predicted exactly",
            format::count(points.len())
        ),
        x_title: format!("Actual {target}"),
        y_title: format!("Predicted {target}"),
        frame: Frame::new(range, range),
        reference: ((range.0, range.0), (range.1, range.1), "Predicted = actual"),
        pairs: points.iter().map(|p| (p[0], p[1])).collect(),
        tip: |a, p| format!("actual {}, predicted {}", format::number(a), format::number(p)),
    }
    .render()
}

/// Residuals (actual − predicted) against the predicted value, with the zero line.
#[component]
pub fn Residuals(target: String, points: Vec<[f64; 2]>) -> impl IntoView {
    let pairs: Vec<(f64, f64)> = points.iter().map(|p| (p[1], p[0] - p[1])).collect();
    let biggest = pairs.iter().map(|p| p.1.abs()).filter(|r| r.is_finite()).fold(0.0, f64::max);
    let x = padded_range(pairs.iter().map(|p| p.0));
    Scatter {
        caption: "Residuals",
        label: format!(
            "Residuals (actual minus predicted {target}) against the prediction for {} test rows; points near zero are right",
            format::count(points.len())
        ),
        x_title: format!("Predicted {target}"),
        y_title: "Residual (actual − predicted)".into(),
        frame: Frame::new(x, padded_range([-biggest, biggest].into_iter())),
        reference: ((x.0, 0.0), (x.1, 0.0), "No error"),
        pairs,
        tip: |p, r| format!("predicted {}, residual {}", format::number(p), format::number(r)),
    }
    .render()
}
