// What the page says while the diagnostic starts, and when it cannot: plain data from the runtime's
// state {stage, failure, start, loaded, total, cached, measured} (runtime.mjs) and the page's words
// (`page` of the site's language file), for render.mjs to show. Pure, so Node's test runner checks it
// (tests/js/).
import { megabytes } from "./phrasing.mjs";
import { fill } from "./words.mjs";

const STAGES = ["downloading", "starting", "installing", "ready"];
const FAILURES = ["file", "wasm", "timeout", "start", "engine", "model", "integrity"];

/**
 * {state, text, progress: {value (null: unknown), max} | null, detail, waiting}: `waiting` is what the result
 * panel says while the visitor's answers wait for the diagnostic ("" when nothing waits).
 */
export function statusView(runtime, hasAnswers, words) {
  if (runtime.failure) {
    const reason = FAILURES.includes(runtime.failure.reason) ? runtime.failure.reason : "start";
    return {
      state: "failed",
      text: words[`failed_${reason}`],
      progress: null,
      detail: runtime.failure.detail ?? "",
      waiting: hasAnswers ? words.waiting_failed : "",
    };
  }
  const stage = STAGES.includes(runtime.stage) ? runtime.stage : "downloading";
  // Bytes on the wire: what the browser had already is said apart, and never counted as a download.
  const total = Number(runtime.total) || 0;
  const loaded = Math.min(Number(runtime.loaded) || 0, total);
  const cached = Number(runtime.cached) || 0;
  const mark = words.decimal_mark;
  const figures = { loaded: megabytes(loaded, mark), total: megabytes(total, mark), cached: megabytes(cached, mark) };
  let text = words[stage];
  if (stage === "downloading" && total) text = fill(cached ? words.downloading_bytes_cached : words.downloading_bytes, figures);
  else if (stage === "downloading" && cached) text = words.from_cache;
  return {
    state: stage,
    text,
    // Without the size up front the bar only says that something is going on (indeterminate).
    progress: stage === "ready" ? null : { value: total ? (stage === "downloading" ? loaded : total) : null, max: total || 1 },
    detail: "",
    waiting: stage !== "ready" && hasAnswers ? `${words.waiting} ${text}` : "",
  };
}
