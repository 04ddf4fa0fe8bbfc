// The diagnostic's module Web Worker: starts Pyodide, installs the engine, answers diagnose requests.
//
// Messages in:  {type: "start", runtime, lock, model, snapshot, stdlib, snapshotRate, files}
//                                                       absolute URLs (runtime ends with "/"),
//                                                       snapshot and stdlib null when the site has
//                                                       none; snapshotRate null for the default;
//                                                       files: {url: [size, sha256]}
//               {type: "diagnose", id, request}         request: the engine's request object
//               {type: "batch", id, request, data}      the cohort page's (batch_json), data: a
//                                                       file's bytes (Uint8Array) or null
// Messages out: {type: "stage", stage}                  "downloading" | "starting" | "installing"
//               {type: "progress", loaded, total}       bytes of the start's downloads
//               {type: "ready", start}                  start: "snapshot" | "plain"
//               {type: "result", id, json}              json: the engine's answer, as text
//               {type: "batch-result", id, json}        json: batch_json's answer, as text
//               {type: "failed", reason, detail}        reason: "wasm" | "start" | "engine" |
//                                                       "model" | "integrity"
// Python runs here so the page never freezes; the page module owns every bit of the UI.

let diagnose = null;
let batch = null;
let ready = false;
let failed = false;

function fail(reason, error) {
  if (failed) return;
  failed = true;
  // A file that is not what the site was built with says so, whoever noticed.
  if (error instanceof IntegrityError) reason = "integrity";
  postMessage({ type: "failed", reason, detail: String(error?.message ?? error) });
}

class IntegrityError extends Error {}

// Every file of the start goes through `download`: fetched once, counted as its bytes arrive (the
// page shows "12.3 of 14 MB" and gives up only when bytes stop coming), and checked against the
// sha256 recorded when the site was built, so a `pyodide_url` host cannot change what runs.
// Pyodide asks for its files with fetch: the worker's fetch answers from these downloads.
let files = {}; // url: [size, sha256]
const downloads = new Map(); // url: {response, bytes}
const progress = { loaded: 0, total: 0, sent: 0 };

function report(force = false) {
  const now = performance.now();
  if (!force && now - progress.sent < 100) return;
  progress.sent = now;
  postMessage({ type: "progress", loaded: progress.loaded, total: progress.total });
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function integrity(sha256) {
  const digest = String.fromCharCode(...sha256.match(/../g).map((byte) => parseInt(byte, 16)));
  return `sha256-${btoa(digest)}`;
}

function fileName(url) {
  return new URL(url).pathname.split("/").pop();
}

/** Start downloading `url` (once): {response: the body as it streams, bytes: once checked}. */
function download(url) {
  if (downloads.has(url)) return downloads.get(url);
  const [, sha256] = files[url];
  // WebCrypto exists only in secure contexts (https, localhost): a site on plain http, as
  // intranets often are, falls back to the browser's own check (Subresource Integrity).
  const checked = Boolean(globalThis.crypto?.subtle);
  let type = ""; // as the server sent it: a wasm of another type must still fail loudly
  const fetching = originalFetch(url, checked ? {} : { integrity: integrity(sha256) }).then(
    (response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      type = response.headers.get("Content-Type") ?? "";
      return response.body.tee();
    },
  );
  const bytes = fetching.then(async ([, counted]) => {
    const chunks = [];
    const reader = counted.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks.push(read.value);
      progress.loaded += read.value.length;
      report();
    }
    const body = await new Blob(chunks).arrayBuffer();
    report(true);
    if (checked && hex(await crypto.subtle.digest("SHA-256", body)) !== sha256) {
      throw new IntegrityError(
        `${fileName(url)}: its bytes do not match the sha256 recorded when the site was built`,
      );
    }
    return body;
  });
  bytes.catch(() => {}); // reported by whoever waits for the file: a bad snapshot is no failure
  const response = fetching.then(([streamed]) => streamed);
  response.catch(() => {});
  const started = { response, bytes, since: performance.now(), type: () => type };
  downloads.set(url, started);
  return started;
}

const originalFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = (resource, init) => {
  const url = new URL(resource instanceof Request ? resource.url : resource, location.href).href;
  if (!(url in files)) return originalFetch(resource, init);
  // The wasm streams into the compiler as it arrives (instantiateStreaming below waits for its
  // check before handing the module over); the rest, and the wasm asked for again (by the plain
  // start after a snapshot that failed to restore), are handed over once checked.
  const started = download(url);
  const answer = (body) => new Response(body, { headers: { "Content-Type": started.type() } });
  if (url.endsWith(".wasm") && !started.streamed) {
    started.streamed = true;
    return started.response.then(answer);
  }
  // Pyodide only logs a standard library it could not get, and fails later, obscurely; a wheel it
  // could not get shows as the engine's import failing ("engine").
  return started.bytes.then(answer, (error) => {
    if (!url.endsWith(".whl")) fail("start", error);
    throw error;
  });
};

// Pyodide compiles its wasm with instantiateStreaming and, when that rejects (the file is blocked,
// missing, or served with a MIME type other than application/wasm), it only logs a warning and
// never settles. Hearing the rejection here turns a silent hang into an immediate, clear failure.
// Its success is also the best sign that downloading is over and the interpreter is starting.
const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
WebAssembly.instantiateStreaming = async (source, imports) => {
  try {
    const wasm = Object.keys(files).find((url) => url.endsWith(".wasm"));
    const [compiled] = await Promise.all([
      instantiateStreaming(source, imports),
      wasm ? download(wasm).bytes : null,
    ]);
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

// The snapshot pays for its 5 MB (compressed) with the seconds of starting Python it saves only
// on a fast connection. The worker measures the connection with a file every start needs, the
// standard library archive (1.4 MB, already compressed, so its bytes are those on the wire),
// fetched first and alone, from its first byte to its last as the browser's network stack timed
// them (a busy worker thread reads late, the network does not). Only at MIN_SNAPSHOT_RATE or faster does it fetch the snapshot;
// slower, it starts the plain way, which with the site's compiled archive downloads fewer bytes
// than Pyodide alone. Fetching the archive first costs nothing on a slow link, where the files
// queue for the same bandwidth anyway.
// A page may set its own (data-msd-snapshot-rate, bytes a second; 0: always the snapshot).
const MIN_SNAPSHOT_RATE = 15e6; // bytes a second: 120 Mbit/s, more than a 100 Mbit/s link carries
async function chooseSnapshot(snapshot, stdlib, minRate) {
  if (!snapshot || !stdlib) return null;
  const started = download(stdlib);
  await started.bytes;
  // From the first byte to the last: the server's and the round trip's delays are no bandwidth.
  const timing = performance.getEntriesByName(stdlib).at(-1);
  const milliseconds = timing?.responseEnd
    ? Math.max(timing.responseEnd - timing.responseStart, 1)
    : performance.now() - started.since;
  const rate = (files[stdlib][0] / milliseconds) * 1000;
  return rate >= minRate ? snapshot : null;
}

// Starts from the memory snapshot made when the site was built, or the plain way when there is
// none, the connection is too slow for it, or it cannot be fetched or restored. The snapshot holds
// the engine already imported, so only the plain way installs the wheel (checked with the lock
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

async function start({ runtime, lock, model, snapshot, stdlib, snapshotRate, files: sizes }) {
  files = sizes ?? {};
  postMessage({ type: "stage", stage: "downloading" });
  const stdlibURL = stdlib ?? new URL("python_stdlib.zip", runtime).href;
  const core = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"].map(
    (name) => new URL(name, runtime).href,
  );
  const wheel = Object.keys(files).find((url) => url.endsWith(".whl"));
  const plain = [...core, stdlibURL, wheel].filter((url) => url in files);
  progress.total = plain.reduce((sum, url) => sum + files[url][0], 0);
  report(true);
  const modelPromise = fetched(model, {}, (response) => response.text());
  modelPromise.catch(() => {}); // reported below, once Pyodide is up or has failed
  let pyodide, how;
  try {
    const chosen = await chooseSnapshot(snapshot, stdlib, snapshotRate ?? MIN_SNAPSHOT_RATE);
    // Everything every start needs, at once, before Pyodide asks for it.
    for (const url of [...core, stdlibURL]) if (url in files) download(url);
    let snapshotBytes = null;
    if (chosen) {
      progress.total += files[chosen][0] - (wheel ? files[wheel][0] : 0);
      snapshotBytes = download(chosen).bytes;
      snapshotBytes.catch(() => {}); // reported by startPyodide, which falls back to the plain way
    }
    // The modules are imported once checked: the browser takes them from its cache then.
    await Promise.all(core.slice(0, 2).filter((url) => url in files).map((url) => download(url).bytes));
    const { loadPyodide } = await import(core[0]);
    const options = {
      indexURL: runtime,
      stdLibURL: stdlibURL,
      lockFileURL: lock,
      packageBaseUrl: new URL(".", lock).href,
    };
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
    pyodide.runPython(
      "from stage_diagnostic import diagnose_json, use_model\nfrom stage_diagnostic.json_api import batch_json",
      { globals: namespace },
    );
    diagnose = namespace.get("diagnose_json");
    batch = namespace.get("batch_json");
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

function answer(type, id, call) {
  if (!ready || failed) return; // the page asks only once "ready" came
  let json;
  try {
    json = call();
  } catch (error) {
    json = JSON.stringify({ error: { kind: "crash", message: String(error?.message ?? error) } });
  }
  postMessage({ type, id, json });
}

addEventListener("message", ({ data }) => {
  if (data?.type === "start") start(data);
  else if (data?.type === "diagnose") answer("result", data.id, () => diagnose(JSON.stringify(data.request)));
  // Pyodide hands the bytes to Python as a proxy of the Uint8Array (batch_json reads it); no bytes,
  // no argument: a JavaScript null would arrive as Pyodide's jsnull, not None.
  else if (data?.type === "batch") {
    const request = JSON.stringify(data.request);
    answer("batch-result", data.id, () => (data.data ? batch(request, data.data) : batch(request)));
  }
});
