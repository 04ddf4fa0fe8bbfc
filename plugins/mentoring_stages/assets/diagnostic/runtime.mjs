// The diagnostic's worker, started once per visit and shared by every page that shows the diagnostic.
//
// loader.mjs starts it as soon as it sees the diagnostic, before diagnostic.mjs has even been
// fetched; diagnostic.mjs imports the same module instance and picks up the runtime under way.

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
  const events = new EventTarget();
  runtime = { events, stage: "downloading", failure: null, worker: null, start: null };
  const emit = () => events.dispatchEvent(new Event("change"));
  const failWith = (reason, detail = "") => {
    runtime.failure = { reason, detail };
    emit();
  };
  if (location.protocol === "file:") {
    failWith("file");
    return runtime;
  }
  const limit = Number(data.msdTimeout || 45) * 1000;
  let watchdog = 0;
  const watch = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => failWith("timeout", `No progress for ${limit / 1000} s.`), limit);
  };
  const worker = new Worker(url(data.msdWorker), { type: "module", name: "mentoring-stages-diagnostic" });
  runtime.worker = worker;
  worker.addEventListener("message", ({ data: message }) => {
    if (message.type === "stage") {
      runtime.stage = message.stage;
      watch();
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
    failWith("start", event.message || "The worker script could not be loaded.");
  });
  watch();
  worker.postMessage({
    type: "start",
    runtime: url(data.msdRuntime),
    lock: url(data.msdLock),
    model: url(data.msdModel),
    snapshot: data.msdSnapshot ? url(data.msdSnapshot) : null,
  });
  return runtime;
}
