// The diagnostic's worker, started once per visit and shared by every page that shows the diagnostic.
//
// start.mjs starts it from the page's head as soon as the diagnostic's element is parsed (loader.mjs
// does on a page shown by instant navigation), before the theme's bundle and diagnostic.mjs have
// arrived; diagnostic.mjs imports the same module instance and picks up the runtime under way.

// The runtime object, which emits "change" whenever any of these changes:
//   stage    "downloading" | "starting" | "installing" | "ready"
//   failure  null, or {reason, detail}: reason "file" | "timeout" | "wasm" | "start" | "engine" |
//            "model" | "integrity"
//   start    null until ready, then "snapshot" or "plain"
//   loaded   bytes on the wire of the start's downloads arrived so far
//   total    bytes on the wire of the start's downloads, 0 until the worker has looked up what the
//            browser holds already (it grows by the snapshot's when a fast connection makes the
//            worker fetch it, and becomes exact as each server says how it sends its file)
//   cached   bytes of the start's files that the browser had already (none cross the wire)
//   measured whether the worker has said what its downloads are (total and cached mean something)
//   offline  true once the files of this start are kept for the next visit, offline too
//   model    null until the worker has fetched it, then the compiled model, which the page
//            phrases results from (fetched once, by the worker)
//
// One worker for the whole visit: with instant navigation the page may be left and shown again,
// and starting Python twice would waste seconds and memory.
let runtime = null;
let shown = null; // the diagnostic element of the page shown now

// How the worker started ("snapshot" or "plain"), on the element as data-msd-start, and whether its
// files are kept for the next visit (data-msd-kept): the page looks the same either way, and tests
// and site owners can tell.
function markStart() {
  if (runtime?.start && shown) shown.dataset.msdStart = runtime.start;
  if (runtime?.offline && shown) shown.dataset.msdKept = "true";
}

/** Start the worker for this root's URLs, once; later calls return the same runtime. */
export function startRuntime(root) {
  shown = root;
  if (runtime) {
    markStart();
    return runtime;
  }
  const url = (value) => new URL(value, location.href).href;
  const data = root.dataset;
  const files = Object.fromEntries(
    Object.entries(JSON.parse(data.msdFiles || "{}")).map(([name, entry]) => [url(name), entry]),
  );
  const events = new EventTarget();
  runtime = {
    events, stage: "downloading", failure: null, worker: null, start: null,
    loaded: 0, total: 0, cached: 0, measured: false, offline: false, model: null,
  };
  const emit = () => events.dispatchEvent(new Event("change"));
  const failWith = (reason, detail = "") => {
    runtime.failure = { reason, detail };
    emit();
  };
  if (location.protocol === "file:") {
    failWith("file");
    return runtime;
  }
  // A slow connection that still brings bytes is never told it failed: the time-out counts from
  // the last bytes that arrived, and only while some are still to come (starting Python, after
  // the downloads, is the visitor's own computer at work).
  const limit = Number(data.msdTimeout) * 1000; // the plugin's start_timeout, in seconds
  let watchdog = 0;
  const watch = () => {
    clearTimeout(watchdog);
    if (runtime.measured && runtime.loaded >= runtime.total) return;
    watchdog = setTimeout(
      () => failWith("timeout", `${limit / 1000} s`), // the page's words say what it means
      limit,
    );
  };
  const worker = new Worker(url(data.msdWorker), { type: "module", name: "mentoring-stages-diagnostic" });
  runtime.worker = worker;
  worker.addEventListener("message", ({ data: message }) => {
    if (message.type === "stage") {
      runtime.stage = message.stage;
      watch();
    } else if (message.type === "progress") {
      const arrived = message.loaded > runtime.loaded || !runtime.measured;
      runtime.loaded = message.loaded;
      runtime.total = message.total;
      runtime.cached = message.cached;
      runtime.measured = true;
      if (arrived) {
        if (runtime.failure?.reason === "timeout") runtime.failure = null; // bytes came after all
        watch();
      }
    } else if (message.type === "model") {
      try {
        runtime.model = JSON.parse(message.json);
      } catch {
        // the engine refuses it too, and the worker says so ("model")
      }
    } else if (message.type === "ready") {
      clearTimeout(watchdog);
      runtime.stage = "ready";
      runtime.start = message.start;
      markStart();
      runtime.failure = null; // a slow start that beat its own timeout message after all
    } else if (message.type === "kept") {
      runtime.offline = true;
      markStart();
    } else if (message.type === "failed") {
      clearTimeout(watchdog);
      runtime.failure = { reason: message.reason, detail: message.detail };
    } else {
      return; // results go to the page that asked
    }
    emit();
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    clearTimeout(watchdog);
    failWith("start", event.message || data.msdWorker); // the script that did not load
  });
  watch();
  const offline = data.msdOffline ? url(data.msdOffline) : null;
  if (offline) keepOffline(offline);
  worker.postMessage({
    type: "start",
    runtime: url(data.msdRuntime),
    lock: url(data.msdLock),
    model: url(data.msdModel),
    snapshot: data.msdSnapshot ? url(data.msdSnapshot) : null,
    stdlib: data.msdStdlib ? url(data.msdStdlib) : null,
    snapshotRate: data.msdSnapshotRate ? Number(data.msdSnapshotRate) : null,
    files,
    pyodide: Object.fromEntries(
      Object.entries(JSON.parse(data.msdPyodide || "{}")).map(([role, name]) => [role, url(name)]),
    ),
    cache: offline && cacheName(offline),
  });
  return runtime;
}

// Offline after the first visit: the site's service worker (data-msd-offline, written by the
// plugin's offline.py) keeps the diagnostic page's own files as they pass, and the page's worker
// puts the files its start used beside them, in a cache of this name (the service worker makes
// the same name from its own URL). Cache Storage and service workers exist in secure contexts
// (https, localhost) only; elsewhere the page simply needs the network, as it always did.
function cacheName(serviceWorker) {
  return `mentoring-stages ${serviceWorker}`;
}

function keepOffline(serviceWorker) {
  if (!navigator.serviceWorker) return;
  // Once the page has loaded: its files are then in the browser's cache, where the service
  // worker's first copies come from, and nothing the page needs waits for it.
  // Refused (a private window, a policy): the page works as before, online; the console names the
  // service worker and the browser's reason for whoever runs the site.
  const register = () => navigator.serviceWorker.register(serviceWorker).catch((error) => {
    console.warn(serviceWorker, error);
  });
  if (document.readyState === "complete") register();
  else addEventListener("load", register, { once: true });
}
