//! The Web Worker entry point (Trunk `data-type="worker"`); natively an empty `main`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    sift::worker::runtime::run();
}
