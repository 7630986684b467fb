//! Small helpers over browser objects.

use wasm_bindgen::JsCast;
use web_sys::{File, FileList, HtmlOptionElement, HtmlSelectElement};

/// The files of a `FileList`, in order.
pub fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The values of the selected options of a (multiple) `<select>`.
pub fn selected_values(select: &HtmlSelectElement) -> Vec<String> {
    let options = select.selected_options();
    (0..options.length())
        .filter_map(|i| options.item(i))
        .filter_map(|option| option.dyn_into::<HtmlOptionElement>().ok())
        .map(|option| option.value())
        .collect()
}

/// Whether the page was opened with `?test-hooks`.
pub fn test_hooks_enabled() -> bool {
    let url = leptos::prelude::document().url().unwrap_or_default();
    web_sys::Url::new(&url).is_ok_and(|url| url.search().trim_start_matches('?').split('&').any(|p| p == "test-hooks"))
}
