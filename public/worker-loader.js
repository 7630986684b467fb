// Starts the engine's Web Worker: wasm-bindgen's glue (worker.js, a classic script), then the
// module, whose `main` installs the message handler and posts "ready". If the module cannot
// load, say so in the protocol's words so the page can show it.
importScripts("./worker.js");
wasm_bindgen({ module_or_path: "./worker_bg.wasm" }).catch((error) => {
  postMessage(JSON.stringify({ kind: "crashed", message: `the engine could not start (${error})` }));
});
