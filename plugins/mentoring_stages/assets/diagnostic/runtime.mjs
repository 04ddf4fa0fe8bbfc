// The diagnostic's worker, started once per visit and shared by every page that shows the diagnostic.
//
// loader.mjs starts it as soon as it sees the diagnostic, before diagnostic.mjs has even been
// fetched; diagnostic.mjs imports the same module instance and picks up the runtime under way.

// The runtime object, which emits "change" whenever any of these changes:
//   stage    "downloading" | "starting" | "installing" | "ready"
//   failure  null, or {reason, detail}: reason "file" | "timeout" | "wasm" | "start" | "engine" |
//            "model" | "integrity"
//   start    null until ready, then "snapshot" or "plain"
//   loaded   bytes of the start's downloads arrived so far
//   total    bytes of the start's downloads, known from the build before any arrives (it grows
//            by the snapshot's size when a fast connection makes the worker fetch it)
//   model    null until the worker has fetched it, then the compiled model, which the page
//            phrases results from (fetched once, by the worker)
//
// One worker for the whole visit: with instant navigation the page may be left and shown again,
// and starting Python twice would waste seconds and memory.
let runtime = null;
let shown = null; // the diagnostic element of the page shown now

// How the worker started ("snapshot" or "plain"), on the element as data-msd-start: the page looks
// the same either way, and tests and site owners can tell which it was.
function markStart() {
  if (runtime?.start && shown) shown.dataset.msdStart = runtime.start;
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
  runtime = { events, stage: "downloading", failure: null, worker: null, start: null, loaded: 0, model: null };
  // Until the worker says otherwise, the plain start's files: all but the snapshot.
  runtime.total = Object.entries(files)
    .filter(([name]) => name !== (data.msdSnapshot && url(data.msdSnapshot)))
    .filter(([name]) => !(data.msdStdlib && name.endsWith("/python_stdlib.zip")))
    .reduce((sum, [, [size]]) => sum + size, 0);
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
    if (runtime.total && runtime.loaded >= runtime.total) return;
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
      const arrived = message.loaded > runtime.loaded;
      runtime.loaded = message.loaded;
      runtime.total = message.total;
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
  worker.postMessage({
    type: "start",
    runtime: url(data.msdRuntime),
    lock: url(data.msdLock),
    model: url(data.msdModel),
    snapshot: data.msdSnapshot ? url(data.msdSnapshot) : null,
    stdlib: data.msdStdlib ? url(data.msdStdlib) : null,
    snapshotRate: data.msdSnapshotRate ? Number(data.msdSnapshotRate) : null,
    files,
  });
  return runtime;
}
