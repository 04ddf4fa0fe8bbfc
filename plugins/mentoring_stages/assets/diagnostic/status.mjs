// What the page says while the diagnostic starts, and when it cannot: plain data from the runtime's
// state {stage, failure, start, loaded, total, cached, measured} (runtime.mjs), for render.mjs to
// show. Every sentence about starting is in this file. Pure, so Node's test runner checks it
// (tests/js/).
import { megabytes } from "./phrasing.mjs";

const STAGE_TEXT = {
  downloading: "Downloading the diagnostic",
  starting: "Starting Python in your browser…",
  installing: "Installing the diagnostic…",
  ready: "The diagnostic is ready. It runs in your browser; your answers are not sent anywhere.",
};
const FROM_CACHE_TEXT = "Loading the diagnostic from this browser's cache…";
const ALSO_CACHED_TEXT = (megabytesCached) => `; ${megabytesCached} MB more from this browser's cache`;
const FAILURE_TEXT = {
  file: "The diagnostic cannot run from a file opened on this computer. Open the site through a web server (for example with `mkdocs serve`).",
  wasm: "The diagnostic could not start: its WebAssembly file could not be loaded. If you run this site, check that it serves .wasm files with the type application/wasm.",
  timeout: "The diagnostic stopped receiving data and is taking too long to start. Check your connection and reload the page; you can still read the questions.",
  start: "The diagnostic could not start in this browser. Reload the page to try again; you can still read the questions.",
  engine: "The diagnostic's engine could not be installed. Reload the page to try again.",
  model: "The diagnostic's questions could not be loaded. Reload the page to try again.",
  integrity: "The diagnostic did not start: a file it downloaded is not the one this site was built with, so it was not run. Something between you and the site may have changed it. Reload the page; if this stays, tell whoever runs the site.",
};

/**
 * {state, text, progress: {value (null: unknown), max} | null, detail, waiting}: `waiting` is what the result
 * panel says while the visitor's answers wait for the diagnostic ("" when nothing waits).
 */
export function statusView(runtime, hasAnswers) {
  if (runtime.failure) {
    return {
      state: "failed",
      text: FAILURE_TEXT[runtime.failure.reason] ?? FAILURE_TEXT.start,
      progress: null,
      detail: runtime.failure.detail ?? "",
      waiting: hasAnswers ? "Your answers are kept on this page, but no result can be worked out until the diagnostic starts." : "",
    };
  }
  const stage = STAGE_TEXT[runtime.stage] ? runtime.stage : "downloading";
  // Bytes on the wire: what the browser had already is said apart, and never counted as a download.
  const total = Number(runtime.total) || 0;
  const loaded = Math.min(Number(runtime.loaded) || 0, total);
  const cached = Number(runtime.cached) || 0;
  let text = STAGE_TEXT[stage];
  if (stage === "downloading") {
    if (!total && cached) text = FROM_CACHE_TEXT;
    else if (total) text += `: ${megabytes(loaded)} of ${megabytes(total)} MB${cached ? ALSO_CACHED_TEXT(megabytes(cached)) : ""}…`;
    else text += "…";
  }
  return {
    state: stage,
    text,
    // Without the size up front the bar only says that something is going on (indeterminate).
    progress: stage === "ready" ? null : { value: total ? (stage === "downloading" ? loaded : total) : null, max: total || 1 },
    detail: "",
    waiting: stage !== "ready" && hasAnswers
      ? `Your answers are kept; the result follows as soon as the diagnostic has started (${text.replace(/…$/, "").replace(/^./, (c) => c.toLowerCase())}).`
      : "",
  };
}
