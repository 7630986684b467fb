//! The Leptos user interface (wasm only). It never touches the data itself: it asks the
//! engine's Web Worker ([`worker_client`]) and shows the small answers it gets back.

mod app;
mod charts;
mod data_stage;
mod dom;
mod download;
mod drop_zone;
mod evaluation;
mod export_model_as;
mod export_sql;
mod export_stage;
mod format;
mod heatmap;
mod join_panel;
mod param_form;
mod persist;
mod predict;
mod quality_stage;
mod read_options;
mod recipe;
mod retype;
mod sample_chooser;
mod setup_link;
mod stage;
mod stage_nav;
mod state;
mod status_bar;
mod train;
mod update_banner;
pub mod worker_client;

pub use app::App;
