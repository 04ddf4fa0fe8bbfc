// The diagnostic's module Web Worker: starts Pyodide, installs the engine, answers diagnose requests.
//
// Messages in:  {type: "start", runtime, lock, model}   absolute URLs (runtime ends with "/")
//               {type: "diagnose", id, request}         request: the engine's request object
// Messages out: {type: "stage", stage}                  "downloading" | "starting" | "installing"
//               {type: "ready"}
//               {type: "result", id, json}              json: the engine's answer, as text
//               {type: "failed", reason, detail}        reason: "wasm" | "start" | "engine" | "model"
// Python runs here so the page never freezes; the page module owns every bit of the UI.

let diagnose = null;
let modelText = null;
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

async function start({ runtime, lock, model }) {
  postMessage({ type: "stage", stage: "downloading" });
  // The model is fetched while Pyodide downloads, so it costs no time of its own.
  const modelPromise = fetch(model).then((response) => {
    if (!response.ok) throw new Error(`${model}: HTTP ${response.status}`);
    return response.text();
  });
  modelPromise.catch(() => {}); // reported below, once Pyodide is up or has failed
  let pyodide;
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
    // Naming the engine here lets Pyodide fetch the wheel while the interpreter starts, instead
    // of after it (about 100 ms); the lock file's sha256 is checked by the fetch all the same.
    pyodide = await loadPyodide({
      indexURL: runtime,
      lockFileURL: lock,
      packageBaseUrl: new URL(".", lock).href,
      packages: ["stage-diagnostic"],
    });
  } catch (error) {
    fail("start", error);
    return;
  }
  postMessage({ type: "stage", stage: "installing" });
  try {
    // A package that failed to load is only logged, so the import is the proof that it is there.
    const namespace = pyodide.globals.get("dict")();
    pyodide.runPython("from stage_diagnostic import diagnose_json", { globals: namespace });
    diagnose = namespace.get("diagnose_json");
  } catch (error) {
    fail("engine", error);
    return;
  }
  try {
    modelText = await modelPromise;
  } catch (error) {
    fail("model", error);
    return;
  }
  postMessage({ type: "ready" });
  // Parse the model now (the engine keeps it), rather than on the first answer: a request that
  // arrives meanwhile waits a few tens of milliseconds at most.
  diagnose(modelText, JSON.stringify({ answers: {} }));
}

function answer({ id, request }) {
  if (modelText === null || failed) return; // the page asks only once "ready" came
  let json;
  try {
    json = diagnose(modelText, JSON.stringify(request));
  } catch (error) {
    json = JSON.stringify({ error: { kind: "crash", message: String(error?.message ?? error) } });
  }
  postMessage({ type: "result", id, json });
}

addEventListener("message", ({ data }) => {
  if (data?.type === "start") start(data);
  else if (data?.type === "diagnose") answer(data);
});
