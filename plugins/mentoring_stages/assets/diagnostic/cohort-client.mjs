// Asking the worker for the cohort page's calls (stage_diagnostic.json_api.batch_json): the worker
// protocol from the cohort page's side. Calls wait until start() (the worker answers only once it
// is ready), then go in order, each resolving to the engine's answer (or null once stopped).

import { parse } from "./client.mjs";

/** A client of `worker` (anything with postMessage and message events). */
export function batchClient(worker) {
  let counter = 0;
  let ready = false;
  const waiting = []; // messages to send once ready
  const pending = new Map(); // id: resolve

  function onMessage({ data }) {
    if (data?.type !== "batch-result" || !pending.has(data.id)) return;
    const resolve = pending.get(data.id);
    pending.delete(data.id);
    resolve(parse(data.json));
  }
  worker.addEventListener("message", onMessage);

  return {
    /** The answer to `request` ({op, ...}); `data`, a file's bytes (Uint8Array), goes beside it. */
    call(request, data = null) {
      const id = ++counter;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        const message = { type: "batch", id, request, data };
        if (ready) worker.postMessage(message);
        else waiting.push(message);
      });
    },
    start() {
      if (ready) return;
      ready = true;
      for (const message of waiting.splice(0)) worker.postMessage(message);
    },
    stop() {
      worker.removeEventListener("message", onMessage);
      for (const resolve of pending.values()) resolve(null);
      pending.clear();
      waiting.length = 0;
    },
  };
}
