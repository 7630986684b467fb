//! The shared frame of the evaluation plots: linear scales from data to SVG units, "nice"
//! ticks, gridlines, axis titles, a colour (and dash) per series, and the figure around it.

use leptos::prelude::*;

use crate::ui::format;

/// Default size of a plot, in SVG units (it scales with the page).
pub const WIDTH: f64 = 460.0;
pub const HEIGHT: f64 = 340.0;

/// Colour-blind-safe series colours (Okabe–Ito, then darker tones).
const PALETTE: [&str; 8] = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c6d31", "#4d4d4d"];
/// Dash patterns, so lines differ without colour too.
const DASHES: [&str; 4] = ["none", "7 3", "2 3", "9 3 2 3"];

/// The colour of series `i`.
pub fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// The dash pattern of line series `i`.
pub fn dash(i: usize) -> &'static str {
    DASHES[i % DASHES.len()]
}

/// A linear map from data values `lo..hi` to SVG positions `from..to`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    from: f64,
    to: f64,
}

impl Scale {
    /// The SVG position of `v`.
    pub fn at(&self, v: f64) -> f64 {
        let span = if self.hi > self.lo { self.hi - self.lo } else { 1.0 };
        self.from + (v - self.lo) / span * (self.to - self.from)
    }

    /// About five round values within the range (steps of 1, 2 or 5 times a power of ten).
    pub fn ticks(&self) -> Vec<f64> {
        let span = self.hi - self.lo;
        if !(span > 0.0 && span.is_finite()) {
            return vec![self.lo];
        }
        let rough = span / 5.0;
        let power = 10f64.powf(rough.log10().floor());
        let step =
            [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|s| span / s <= 6.0).unwrap_or(10.0 * power);
        let first = (self.lo / step).ceil() as i64;
        let last = (self.hi / step).floor() as i64;
        (first..=last).map(|k| k as f64 * step).collect()
    }
}

/// Where a plot's data goes: its size, margins and the two scales.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub bottom: f64,
    pub x: Scale,
    pub y: Scale,
}

impl Frame {
    /// A [`WIDTH`] × [`HEIGHT`] frame over the data ranges `x` and `y`.
    pub fn new(x: (f64, f64), y: (f64, f64)) -> Frame {
        Frame::sized(x, y, WIDTH, HEIGHT, 60.0)
    }

    /// A frame of the given size with `left` units of room for the y labels.
    pub fn sized(x: (f64, f64), y: (f64, f64), width: f64, height: f64, left: f64) -> Frame {
        const TOP: f64 = 12.0;
        const RIGHT: f64 = 16.0;
        const BOTTOM: f64 = 46.0;
        Frame {
            width,
            height,
            left,
            bottom: height - BOTTOM,
            x: Scale { lo: x.0, hi: x.1, from: left, to: width - RIGHT },
            y: Scale { lo: y.0, hi: y.1, from: height - BOTTOM, to: TOP },
        }
    }

    /// The SVG point of a data point.
    pub fn point(&self, x: f64, y: f64) -> (f64, f64) {
        (self.x.at(x), self.y.at(y))
    }

    /// An SVG `points` list for a polyline through the data points.
    pub fn points(&self, xs: &[f64], ys: &[f64]) -> String {
        xs.iter()
            .zip(ys)
            .map(|(&x, &y)| {
                let (px, py) = self.point(x, y);
                format!("{px:.1},{py:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The right edge of the plotting area.
    pub fn right(&self) -> f64 {
        self.x.at(self.x.hi)
    }

    /// The top edge of the plotting area.
    pub fn top(&self) -> f64 {
        self.y.at(self.y.hi)
    }
}

/// A range covering `values` (finite ones) with 4% room on each side; `(0, 1)` if none.
pub fn padded_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) =
        values.filter(|v| v.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi {
        return (0.0, 1.0);
    }
    let pad = if hi > lo { (hi - lo) * 0.04 } else { lo.abs().max(1.0) * 0.5 };
    (lo - pad, hi + pad)
}

/// The horizontal axis: gridlines, tick labels and its title below.
#[component]
pub fn XAxis(frame: Frame, title: String) -> impl IntoView {
    let ticks = frame
        .x
        .ticks()
        .into_iter()
        .map(|t| {
            let x = frame.x.at(t);
            view! {
                <g>
                    <line x1=x x2=x y1=frame.top() y2=frame.bottom class="grid" />
                    <text x=x y=frame.bottom + 15.0 text-anchor="middle" class="tick">{format::number(t)}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <g class="axis-x">
            {ticks}
            <line x1=frame.left x2=frame.right() y1=frame.bottom y2=frame.bottom class="axis-line" />
            <text x=(frame.left + frame.right()) / 2.0 y=frame.height - 8.0 text-anchor="middle" class="axis-title">{title}</text>
        </g>
    }
}

/// The vertical axis: gridlines, tick labels and its title, turned, on the left.
#[component]
pub fn YAxis(frame: Frame, title: String) -> impl IntoView {
    let ticks = frame
        .y
        .ticks()
        .into_iter()
        .map(|t| {
            let y = frame.y.at(t);
            view! {
                <g>
                    <line x1=frame.left x2=frame.right() y1=y y2=y class="grid" />
                    <text x=frame.left - 6.0 y=y + 4.0 text-anchor="end" class="tick">{format::number(t)}</text>
                </g>
            }
        })
        .collect_view();
    let middle = (frame.top() + frame.bottom) / 2.0;
    view! {
        <g class="axis-y">
            {ticks}
            <line x1=frame.left x2=frame.left y1=frame.top() y2=frame.bottom class="axis-line" />
            <text x=14.0 y=middle text-anchor="middle" class="axis-title" transform=format!("rotate(-90 14 {middle})")>{title}</text>
        </g>
    }
}

/// A plot: a caption, then an SVG (role="img", named by `label`) with both axes and `marks`
/// (a `<g>` of the data), then an optional legend of (text, series index).
#[component]
pub fn Plot(
    caption: String,
    label: String,
    frame: Frame,
    x_title: String,
    y_title: String,
    marks: AnyView,
    #[prop(optional)] legend: Vec<(String, usize)>,
    /// The legend shows filled dots (scatter plots) instead of line samples.
    #[prop(optional)]
    dots: bool,
) -> impl IntoView {
    let legend = (!legend.is_empty()).then(|| view! { <Legend entries=legend dots=dots /> });
    let title = label.clone();
    view! {
        <figure class="plot">
            <figcaption>{caption}</figcaption>
            <svg viewBox=format!("0 0 {} {}", frame.width, frame.height) role="img" aria-label=label>
                <title>{title}</title>
                <XAxis frame=frame title=x_title />
                <YAxis frame=frame title=y_title />
                {marks}
            </svg>
            {legend}
        </figure>
    }
}

/// What each colour means, as an HTML list under a plot.
#[component]
pub fn Legend(entries: Vec<(String, usize)>, dots: bool) -> impl IntoView {
    let items = entries
        .into_iter()
        .map(|(text, i)| {
            let sample = if dots {
                view! { <svg class="swatch" viewBox="0 0 12 12" aria-hidden="true"><circle cx="6" cy="6" r="4.5" fill=colour(i) /></svg> }.into_any()
            } else {
                view! {
                    <svg class="swatch line" viewBox="0 0 28 12" aria-hidden="true">
                        <line x1="1" x2="27" y1="6" y2="6" stroke=colour(i) stroke-width="3" stroke-dasharray=dash(i) />
                    </svg>
                }
                .into_any()
            };
            view! { <li>{sample}{text}</li> }
        })
        .collect_view();
    view! { <ul class="legend">{items}</ul> }
}
