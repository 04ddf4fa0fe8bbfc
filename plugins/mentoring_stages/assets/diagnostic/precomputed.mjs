// The engine's results for one and two answers, worked out when the site was built (the plugin's
// precomputed.py), so the first answers show their result before Python has arrived. They are the
// engine's own answers to the same requests (tests/pyodide checks every one against the engine in
// Pyodide), so when the engine in the browser takes over nothing on the page moves.
//
// The file of single answers (data-msd-precomputed, 7 KB) is fetched at once; it names the file of
// pairs (130 KB), fetched only when a request with two answers is looked up while waiting for it is
// worth it. A description is never looked up: its results come from the engine alone; nor is a
// request whose headline comes from another framework than the one the files were made for (the
// site's default, named in them as `framework`).

/** The lookup key of a request's answers, as precomputed.py writes it. */
export function answersKey(answers) {
  return Object.keys(answers).sort().map((question) => `${question}=${answers[question]}`).join("&");
}

/** Results for requests `{answers, text}`, from the files at `url` (an absolute URL; none when
 * it is empty). `fetchJSON(url)` fetches and parses one file. */
export function precomputedResults(url, fetchJSON = defaultFetch) {
  const arrived = new Map(); // answers given: {key: result}, once its file has arrived (or failed)
  const pending = new Map(); // answers given: the promise of that
  // No file, or one that cannot be had: no precomputed results, the engine's alone.
  const fetchFile = (fileUrl) => (fileUrl ? fetchJSON(fileUrl) : Promise.resolve(null)).catch(() => null);
  let madeFor = null; // the files' headline framework (null: the engine's default)
  const keep = (size) => (file) => { arrived.set(size, file?.results ?? {}); };
  const singles = fetchFile(url).then((file) => { madeFor = file?.framework ?? null; return file; });
  pending.set(1, singles.then(keep(1)));

  function table(size) {
    if (size === 2 && !pending.has(2)) {
      const pairs = singles.then((file) => fetchFile(file?.pairs && new URL(file.pairs, url).href));
      pending.set(2, pairs.then(keep(2)));
    }
    return pending.get(size).then(() => arrived.get(size));
  }

  return {
    /**
     * The engine's results for `requests`, in order, or null unless every one is precomputed.
     * With `wait` false, only files that have arrived are looked in (the engine is ready, and
     * faster than a download).
     */
    async lookup(requests, { wait = true } = {}) {
      const found = [];
      for (const { answers, text, framework = null } of requests) {
        const size = Object.keys(answers).length;
        if (text !== "" || size < 1 || size > 2) return null;
        const results = wait ? await table(size) : arrived.get(size);
        if (framework !== madeFor) return null; // its headline is another framework's
        const result = results?.[answersKey(answers)];
        if (!result) return null;
        found.push(structuredClone(result)); // the page may annotate what it gets
      }
      return found;
    },
  };
}

async function defaultFetch(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}
