// The diagnostic's module Web Worker: starts Pyodide, installs the engine, answers diagnose requests.
//
// Messages in:  {type: "start", runtime, lock, model, snapshot}
//                                                       absolute URLs (runtime ends with "/"),
//                                                       snapshot null when the site has none
//               {type: "diagnose", id, request}         request: the engine's request object
// Messages out: {type: "stage", stage}                  "downloading" | "starting" | "installing"
//               {type: "ready", start}                  start: "snapshot" | "plain"
//               {type: "result", id, json}              json: the engine's answer, as text
//               {type: "failed", reason, detail}        reason: "wasm" | "start" | "engine" | "model"
// Python runs here so the page never freezes; the page module owns every bit of the UI.

let diagnose = null;
let ready = false;
let failed = false;

function fail(reason, error) {
  if (failed) return;
  failed = true;
  postMessage({ type: "failed", reason, detail: String(error?.message ?? error) });
}

// Pyodide compiles its wasm with instantiateStreaming and, when that rejects (the file is blocked,
// missing, or served with a MIME type other than application/wasm), it only logs a warning and
// never settles. Hearing the rejection here turns a silent hang into an immediate, clear failure.
// Its success is also the best sign that downloading is over and the interpreter is starting.
const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
WebAssembly.instantiateStreaming = async (source, imports) => {
  try {
    const compiled = await instantiateStreaming(source, imports);
    postMessage({ type: "stage", stage: "starting" });
    return compiled;
  } catch (error) {
    fail("wasm", error);
    throw error;
  }
};

function fetched(url, init, read) {
  return fetch(url, init).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return read(response);
  });
}

// The snapshot's file is named by the sha256 of its bytes, which are checked before Pyodide
// restores anything from them. Hashing the bytes once they are in takes half the time the browser's
// own check (Subresource Integrity) takes, but WebCrypto exists only in secure contexts (https,
// localhost): a site on plain http, as intranets often are, falls back to the browser's check.
function fetchSnapshot(url) {
  const hex = /-([0-9a-f]{64})\.snapshot$/.exec(new URL(url).pathname)?.[1];
  if (!hex) return Promise.reject(new Error(`${url}: not named by its sha256`));
  if (!globalThis.crypto?.subtle) {
    const digest = String.fromCharCode(...hex.match(/../g).map((byte) => parseInt(byte, 16)));
    return fetched(url, { integrity: `sha256-${btoa(digest)}` }, (response) => response.arrayBuffer());
  }
  return fetched(url, {}, (response) => response.arrayBuffer()).then(async (bytes) => {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    const actual = Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
    if (actual !== hex) throw new Error(`${url}: its bytes do not match the sha256 in its name`);
    return bytes;
  });
}

// Starts from the memory snapshot made when the site was built, or the plain way when there is
// none or it cannot be fetched or restored. The snapshot holds the engine already imported, checked
// with the snapshot's own sha256, so only the plain way installs the wheel (checked with the lock
// file's sha256).
async function startPyodide(loadPyodide, options, snapshotBytes) {
  if (snapshotBytes) {
    try {
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshotBytes });
      // Every visitor restores the same bytes; nobody should share Python's random numbers.
      pyodide.runPython("import sys\nif 'random' in sys.modules: sys.modules['random'].seed()");
      return { pyodide, how: "snapshot" };
    } catch (error) {
      if (failed) return {}; // the wasm itself failed: the plain way would fail the same
      console.warn(`The diagnostic starts without its snapshot: ${error?.message ?? error}`);
    }
  }
  // Naming the engine here lets Pyodide fetch the wheel while the interpreter starts, instead
  // of after it (about 100 ms); the lock file's sha256 is checked by the fetch all the same.
  return { pyodide: await loadPyodide({ ...options, packages: ["stage-diagnostic"] }), how: "plain" };
}

async function start({ runtime, lock, model, snapshot }) {
  postMessage({ type: "stage", stage: "downloading" });
  // The model and the snapshot are fetched while Pyodide's own files download, so they cost no
  // time of their own; the snapshot, the largest file, starts before anything else.
  const snapshotBytes = snapshot ? fetchSnapshot(snapshot) : null;
  snapshotBytes?.catch(() => {}); // reported by startPyodide, which falls back to the plain way
  const modelPromise = fetched(model, {}, (response) => response.text());
  modelPromise.catch(() => {}); // reported below, once Pyodide is up or has failed
  let pyodide, how;
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
    const options = { indexURL: runtime, lockFileURL: lock, packageBaseUrl: new URL(".", lock).href };
    ({ pyodide, how } = await startPyodide(loadPyodide, options, snapshotBytes));
  } catch (error) {
    fail("start", error);
    return;
  }
  if (!pyodide) return;
  postMessage({ type: "stage", stage: "installing" });
  let useModel;
  try {
    // A package that failed to load (a wheel whose sha256 does not match) is only logged: the
    // import is the proof that the engine is there.
    const namespace = pyodide.globals.get("dict")();
    pyodide.runPython("from stage_diagnostic import diagnose_json, use_model", {
      globals: namespace,
    });
    diagnose = namespace.get("diagnose_json");
    useModel = namespace.get("use_model");
  } catch (error) {
    fail("engine", error);
    return;
  }
  try {
    // The engine parses and keeps the model once; every request then sends only the answers.
    const problem = useModel(await modelPromise);
    if (problem) throw new Error(JSON.parse(problem).error.message);
  } catch (error) {
    fail("model", error);
    return;
  }
  ready = true;
  postMessage({ type: "ready", start: how });
}

function answer({ id, request }) {
  if (!ready || failed) return; // the page asks only once "ready" came
  let json;
  try {
    json = diagnose(JSON.stringify(request));
  } catch (error) {
    json = JSON.stringify({ error: { kind: "crash", message: String(error?.message ?? error) } });
  }
  postMessage({ type: "result", id, json });
}

addEventListener("message", ({ data }) => {
  if (data?.type === "start") start(data);
  else if (data?.type === "diagnose") answer(data);
});
