// The diagnostic's module Web Worker: starts Pyodide, installs the engine, answers diagnose requests.
//
// Messages in:  {type: "start", runtime, lock, model, snapshot, stdlib, snapshotRate, files,
//                pyodide, cache}                        absolute URLs (runtime, where Pyodide's
//                                                       data is, ends with "/"), snapshot and
//                                                       stdlib null when the site has none;
//                                                       snapshotRate null for the default; files:
//                                                       {url: [size, sha256, gzip size, br size]};
//                                                       pyodide: Pyodide's files by role {module,
//                                                       asm, wasm, stdlib: url} (the plugin's
//                                                       pyodide_files.WORKER_ROLES names them);
//                                                       cache: the name of the Cache Storage cache
//                                                       the service worker keeps, or null
//               {type: "diagnose", id, request}         request: the engine's request object
//               {type: "batch", id, request, data}      the cohort page's (batch_json), data: a
//                                                       file's bytes (Uint8Array) or null
// Messages out: {type: "stage", stage}                  "downloading" | "starting" | "installing"
//               {type: "progress", loaded, total, cached}
//                                                       bytes on the wire arrived and expected,
//                                                       and bytes taken from the browser's cache
//               {type: "model", json}                   the model, as soon as it is fetched: the
//                                                       page phrases results from it
//               {type: "ready", start}                  start: "snapshot" | "plain"
//               {type: "kept"}                          the files the start used are in the cache,
//                                                       for the next visit, offline too
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

// What runs is what was checked. Pyodide's JavaScript (its module and asm files) is always
// served by the site itself, like this worker, and imported once, by URL: a strict CSP allows no
// other way to run a script. Its data (the WebAssembly, the standard library, the snapshot, the
// engine's wheel), which `pyodide_url` may put on another host, goes through `download`: fetched
// once, counted as its bytes arrive (the page shows "1.2 of 4.5 MB" and gives up only when bytes
// stop coming) and checked against the sha256 recorded when the site was built before Pyodide
// gets it: Pyodide asks for its files with fetch, and the worker's fetch answers from these
// downloads, so a host that serves other bytes to a second request has no second request.
let files = {}; // url: [size, sha256, gzip size, brotli size]
let pyodideFiles = {}; // role (module, asm, wasm, stdlib): url
const downloads = new Map(); // url: {response, bytes}
const inCache = new Map(); // url: the response kept from an earlier visit (Cache Storage)
let cacheName = null; // that cache's name (see runtime.mjs and the service worker), or null
const counted = new Map(); // url: {wire, arrived}: bytes on the wire expected and arrived
const progress = { cached: 0, sent: 0 }; // cached: bytes of the files taken from the cache

function report(force = false) {
  const now = performance.now();
  if (!force && now - progress.sent < 100) return;
  progress.sent = now;
  let loaded = 0;
  let total = 0;
  for (const file of counted.values()) {
    loaded += file?.arrived ?? 0;
    total += file?.wire ?? 0;
  }
  postMessage({ type: "progress", loaded, total, cached: progress.cached });
}

/** Count `url` among the start's downloads: at its likely size on the wire (its smallest twin)
 * until the server says, or among the bytes from the cache. */
function expect(url) {
  if (!(url in files) || counted.has(url)) return;
  const [size, , gzip, br] = files[url];
  if (inCache.has(url)) {
    counted.set(url, null);
    progress.cached += size;
  } else {
    counted.set(url, { wire: br || gzip || size, arrived: 0 });
  }
}

/** The file's bytes came from the browser's HTTP cache after all: none of them crossed the wire. */
function fromCache(url) {
  if (!counted.get(url)) return;
  counted.set(url, null);
  progress.cached += files[url][0];
}

/** Whether the browser's network stack took `url` from its HTTP cache (0 bytes transferred). */
function fromHttpCache(url) {
  const timing = performance.getEntriesByName(url).at(-1);
  return Boolean(timing) && timing.transferSize === 0 && timing.decodedBodySize > 0;
}

/** Look up, before anything is fetched, which files the service worker's cache holds from an
 * earlier visit: a lookup sends nothing over the network. Cache Storage exists in secure
 * contexts only; elsewhere the browser's HTTP cache still serves files, found out afterwards. */
async function lookUpCache(urls) {
  if (!cacheName || !globalThis.caches || !(await caches.has(cacheName))) return;
  const cache = await caches.open(cacheName);
  await Promise.all(urls.map(async (url) => {
    const response = await cache.match(url);
    if (response?.ok) inCache.set(url, response);
  }));
}

/** Put the files the start used into the service worker's cache, for the next visit: the data
 * with the bytes checked here, Pyodide's JavaScript from the browser's HTTP cache, where its
 * import just left it. */
async function keep(urls) {
  if (!cacheName || !globalThis.caches) return;
  const cache = await caches.open(cacheName);
  for (const url of urls) {
    if (inCache.has(url)) continue;
    if (downloads.has(url)) {
      const body = await downloads.get(url).bytes;
      const headers = { "Content-Type": downloads.get(url).type() };
      await cache.put(url, new Response(body, { headers }));
    } else {
      await cache.add(url);
    }
  }
  postMessage({ type: "kept" });
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

// WebCrypto exists only in secure contexts (https, localhost): a site on plain http, as intranets
// often are, falls back to the browser's own check (Subresource Integrity).
const checked = Boolean(globalThis.crypto?.subtle);

/** The response for `url`: the service worker's cache's when it holds the file, else the network's
 * (which the browser may still answer from its HTTP cache). */
async function open(url, init = {}) {
  const cached = inCache.get(url);
  if (cached) return cached;
  return originalFetch(url, init);
}

/** Start downloading `url` (once): {response: as it streams (the browser's own Response, which it
 * may compile from its code cache), bytes: a copy's, once checked}. */
function download(url) {
  if (downloads.has(url)) return downloads.get(url);
  const [size, sha256] = files[url];
  expect(url);
  let type = ""; // as the server sent it: a wasm of another type must still fail loudly
  const opening = open(url, checked ? {} : { integrity: integrity(sha256) }).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    type = response.headers.get("Content-Type") ?? "";
    onTheWire(url, response);
    return [response, response.clone()];
  });
  const bytes = opening.then(async ([, copy]) => {
    const chunks = [];
    const reader = copy.body.getReader();
    const file = counted.get(url);
    let decoded = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      chunks.push(chunk.value);
      decoded += chunk.value.length;
      // The body arrives decoded: its share of the bytes on the wire is its share of the file.
      if (file) file.arrived = Math.min(file.wire, Math.round((decoded / size) * file.wire));
      report();
    }
    const body = await new Blob(chunks).arrayBuffer();
    if (file && fromHttpCache(url)) fromCache(url);
    else if (file) file.arrived = file.wire = encodedSize(url) || file.wire;
    report(true);
    if (checked && hex(await crypto.subtle.digest("SHA-256", body)) !== sha256) {
      // Never kept for another visit: a reload then fetches the file again.
      if (inCache.has(url)) await caches.open(cacheName).then((cache) => cache.delete(url));
      throw new IntegrityError(
        `${fileName(url)}: its bytes do not match the sha256 recorded when the site was built`,
      );
    }
    return body;
  });
  bytes.catch(() => {}); // reported by whoever waits for the file: a bad snapshot is no failure
  const response = opening.then(([original]) => original);
  response.catch(() => {});
  const started = { response, bytes, type: () => type };
  downloads.set(url, started);
  return started;
}

/** What the server said of the file's size on the wire: exact when it sent it compressed with a
 * length, or uncompressed. */
function onTheWire(url, response) {
  const file = counted.get(url);
  if (!file) return;
  const length = Number(response.headers.get("Content-Length"));
  if (response.headers.get("Content-Encoding")) {
    if (length) file.wire = length;
  } else {
    file.wire = files[url][0];
  }
}

/** The bytes that crossed the wire for `url`'s body, as the browser's network stack counted them
 * (0 when it cannot tell: another host without Timing-Allow-Origin, or no entry). */
function encodedSize(url) {
  return performance.getEntriesByName(url).at(-1)?.encodedBodySize ?? 0;
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
    return started.response;
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
    const wasm = pyodideFiles.wasm;
    const [compiled] = await Promise.all([
      instantiateStreaming(source, imports),
      wasm in files ? download(wasm).bytes : null,
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

/** Import one of Pyodide's modules (once, by the browser), counted when it has arrived. */
async function importCode(url) {
  const module = await import(url);
  const file = counted.get(url);
  if (file && fromHttpCache(url)) fromCache(url);
  else if (file) file.arrived = file.wire = encodedSize(url) || file.wire;
  report(true);
  return module;
}

// The snapshot pays for its bytes (3.5 MB with brotli) with the seconds of starting Python it
// saves only on a fast connection, or when the browser has it already. A file from the cache
// says nothing about the connection, so the worker measures it with a file every start needs
// that crossed the network: the standard library archive, fetched first and alone, from its first
// byte to its last as the browser's network stack timed them (a busy worker thread reads late, the
// network does not), counting the bytes that crossed the wire. Only at MIN_SNAPSHOT_RATE or faster
// does it fetch the snapshot; slower, or with the archive from the cache, it starts the plain way,
// which with the site's compiled archive downloads fewer bytes than Pyodide alone. Fetching the
// archive first costs nothing on a slow link, where the files queue for the same bandwidth anyway.
// A page may set its own (data-msd-snapshot-rate, bytes a second; 0: always the snapshot).
const MIN_SNAPSHOT_RATE = 15e6; // bytes a second: 120 Mbit/s, more than a 100 Mbit/s link carries
async function chooseSnapshot(snapshot, stdlib, minRate) {
  if (!snapshot || !stdlib) return null;
  if (minRate === 0 || inCache.has(snapshot)) return snapshot;
  await download(stdlib).bytes;
  if (inCache.has(stdlib) || fromHttpCache(stdlib)) return null;
  // From the first byte to the last: the server's and the round trip's delays are no bandwidth.
  const timing = performance.getEntriesByName(stdlib).at(-1);
  if (!timing?.responseEnd || !timing.encodedBodySize) return null; // not measured: no snapshot
  const milliseconds = Math.max(timing.responseEnd - timing.responseStart, 1);
  return (timing.encodedBodySize / milliseconds) * 1000 >= minRate ? snapshot : null;
}

// Starts from the memory snapshot made when the site was built, or the plain way when there is
// none, the connection is too slow for it, or it cannot be fetched or restored. The snapshot holds
// the engine already imported, and the site's archive made with it holds the engine compiled, so
// only the plain way with Pyodide's own archive installs the wheel (checked with the lock file's
// sha256).
async function startPyodide(loadPyodide, options, snapshotBytes, packages) {
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
  return { pyodide: await loadPyodide({ ...options, packages }), how: "plain" };
}

async function start({ runtime, lock, model, snapshot, stdlib, snapshotRate, files: sizes, pyodide: roles, cache }) {
  files = sizes ?? {};
  pyodideFiles = roles ?? {};
  cacheName = cache ?? null;
  postMessage({ type: "stage", stage: "downloading" });
  // Pyodide's JavaScript is where the site serves it (not under `runtime` when that is another
  // host); the site's own standard library, made with the snapshot, replaces Pyodide's.
  const { module: moduleURL, asm: asmURL, wasm } = pyodideFiles;
  const stdlibURL = stdlib ?? pyodideFiles.stdlib;
  // The site's own archive holds the engine: only Pyodide's needs the wheel.
  const wheel = stdlib ? null : Object.keys(files).find((url) => url.endsWith(".whl"));
  await lookUpCache(Object.keys(files));
  for (const url of [moduleURL, asmURL, wasm, stdlibURL, wheel]) expect(url);
  report(true);
  const modelPromise = fetched(model, {}, (response) => response.text());
  modelPromise.then((json) => postMessage({ type: "model", json }), () => {}); // failure: below
  let pyodide, how;
  try {
    const modules = Promise.all([importCode(moduleURL), importCode(asmURL)]);
    modules.catch(() => {}); // reported when awaited below
    const chosen = await chooseSnapshot(snapshot, stdlib, snapshotRate ?? MIN_SNAPSHOT_RATE);
    // Everything every start needs, at once, before Pyodide asks for it.
    for (const url of [wasm, stdlibURL]) if (url in files) download(url);
    let snapshotBytes = null;
    if (chosen) {
      snapshotBytes = download(chosen).bytes;
      snapshotBytes.catch(() => {}); // reported by startPyodide, which falls back to the plain way
    }
    report(true);
    const [{ loadPyodide }, { default: createPyodideModule }] = await modules;
    const options = {
      indexURL: runtime,
      stdLibURL: stdlibURL,
      lockFileURL: lock,
      packageBaseUrl: new URL(".", lock).href,
      createPyodideModule,
    };
    const packages = wheel ? ["stage-diagnostic"] : [];
    ({ pyodide, how } = await startPyodide(loadPyodide, options, snapshotBytes, packages));
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
  const used = [moduleURL, asmURL, ...downloads.keys()]
    .filter((url) => url && (how === "snapshot" || !url.endsWith(".snapshot")));
  keep(used).catch((error) => console.warn(`The diagnostic's files are not kept for offline use: ${error}`));
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
