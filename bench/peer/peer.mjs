// Loads the tool named in ?tool=, lets it get ready (download and start its wasm or worker),
// then sets window.benchReady. When a file is chosen it runs the tool and sets
// window.benchResult = { doneAt, summary } (or { doneAt, error }); doneAt is performance.now().

const tool = new URLSearchParams(location.search).get('tool');
const { prepare } = await import(`./${tool}.mjs`);
const run = await prepare();

const input = document.querySelector('input[type=file]');
const status = document.querySelector('[role=status]');
input.addEventListener('change', async () => {
  let outcome;
  try {
    outcome = { summary: await run(input.files[0]) };
  } catch (err) {
    outcome = { error: String(err?.message ?? err) };
  }
  window.benchResult = { doneAt: performance.now(), ...outcome };
  status.textContent = JSON.stringify(outcome, null, 1);
});
window.benchReady = true;
