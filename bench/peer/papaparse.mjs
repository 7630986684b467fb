// PapaParse, in a worker: parse the whole file, then per-column statistics (papaparse-worker.js).

export async function prepare() {
  const worker = new Worker('./papaparse-worker.js');
  return (file) =>
    new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => (data.error ? reject(new Error(data.error)) : resolve(data));
      worker.onerror = (event) => reject(new Error(event.message));
      worker.postMessage(file);
    });
}
