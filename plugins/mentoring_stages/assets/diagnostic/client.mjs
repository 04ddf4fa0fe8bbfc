// Asking the worker for diagnoses: the worker protocol from the page's side.
//
// The page asks after every answer; only the newest question matters. One batch (the visitor's
// request, and the partner's when comparing) is at the worker at a time; a newer batch waits for it
// and replaces any older one still waiting, whose promise resolves to null.

let counter = 0; // numbers every request of the visit: a page shown again never takes an old answer

/** The engine's JSON answer, or an error of kind "crash" when it is not JSON. */
export function parse(json) {
  try {
    return JSON.parse(json);
  } catch (error) {
    return { error: { kind: "crash", message: String(error.message) } }; // the page says the rest
  }
}

/** A client of `worker` (anything with postMessage and message events). Call start() once ready. */
export function diagnosisClient(worker) {
  let ready = false;
  let waiting = null; // the newest batch not yet sent: {requests, resolve}
  let current = null; // the batch at the worker: {ids, results, resolve}

  function send() {
    if (!ready || current || !waiting) return;
    const { requests, resolve } = waiting;
    waiting = null;
    current = { ids: requests.map(() => ++counter), results: requests.map(() => undefined), resolve };
    requests.forEach((request, index) => worker.postMessage({ type: "diagnose", id: current.ids[index], request }));
  }

  function onMessage({ data }) {
    if (data?.type !== "result" || !current) return;
    const index = current.ids.indexOf(data.id);
    if (index < 0) return;
    current.results[index] = parse(data.json);
    if (current.results.includes(undefined)) return;
    const done = current;
    current = null;
    done.resolve(waiting ? null : done.results);
    send();
  }
  worker.addEventListener("message", onMessage);

  return {
    /** Resolves to the engine's answers, in order, or to null once a newer ask replaced this one. */
    ask(requests) {
      waiting?.resolve(null);
      return new Promise((resolve) => {
        waiting = { requests, resolve };
        send();
      });
    },
    start() {
      ready = true;
      send();
    },
    stop() {
      worker.removeEventListener("message", onMessage);
      waiting?.resolve(null);
      current?.resolve(null);
      waiting = current = null;
    },
  };
}
