//! Clusters seen from above: each row on the first two principal components of the model's
//! inputs, coloured by its cluster; and a table of the cluster sizes.

use leptos::prelude::*;

use crate::ui::evaluation::plot::{colour, padded_range, Frame, Plot};
use crate::ui::format;
use crate::worker::protocol::ClusterSize;

/// The name of a cluster number (−1 is noise, for DBSCAN).
fn cluster_name(cluster: i32) -> String {
    if cluster < 0 {
        "Noise".into()
    } else {
        format!("Cluster {cluster}")
    }
}

/// The colour index of a cluster: its number; noise gets the last, grey, colour.
fn series(cluster: i32) -> usize {
    usize::try_from(cluster).unwrap_or(7)
}

/// The 2-D principal-component scatter, coloured by cluster.
#[component]
pub fn ClusterScatter(scatter: Vec<(f64, f64, i32)>, sizes: Vec<ClusterSize>) -> impl IntoView {
    let frame = Frame::new(padded_range(scatter.iter().map(|p| p.0)), padded_range(scatter.iter().map(|p| p.1)));
    let dots = scatter
        .iter()
        .map(|&(x, y, cluster)| {
            let (cx, cy) = frame.point(x, y);
            view! {
                <circle class="dot" cx=format!("{cx:.1}") cy=format!("{cy:.1}") r="2.8" fill=colour(series(cluster))>
                    <title>{cluster_name(cluster)}</title>
                </circle>
            }
        })
        .collect_view();
    let legend = sizes.iter().map(|s| (cluster_name(s.cluster), series(s.cluster))).collect();
    let label = format!(
        "Scatter of {} rows on the first two principal components, coloured by cluster ({} clusters)",
        format::count(scatter.len()),
        sizes.iter().filter(|s| s.cluster >= 0).count()
    );
    let marks = view! { <g class="marks">{dots}</g> }.into_any();
    view! {
        <Plot caption="Clusters on the first two principal components".into() label=label frame=frame
            x_title="First principal component".into() y_title="Second principal component".into() marks=marks legend=legend dots=true />
    }
}

/// Rows per cluster, with their share.
#[component]
pub fn ClusterSizes(sizes: Vec<ClusterSize>) -> impl IntoView {
    let total = sizes.iter().map(|s| s.rows).sum::<usize>().max(1);
    let rows = sizes
        .into_iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{cluster_name(s.cluster)}</th>
                    <td class="num">{format::count(s.rows)}</td>
                    <td class="num">{format::percent(s.rows as f64 / total as f64)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table aria-label="Cluster sizes" class="data">
                <thead><tr><th scope="col">"Cluster"</th><th scope="col" class="num">"Rows"</th><th scope="col" class="num">"Share"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
