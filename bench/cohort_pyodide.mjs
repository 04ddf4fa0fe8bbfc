// The cohort benchmark's Pyodide half (bench/cohort.py runs it): the engine installed from a shipped
// runtime under Node, as in the browser's worker, timing the page's own calls.
//
// Usage: node bench/cohort_pyodide.mjs <runtime-dir>   (the directory `ship_runtime` fills)
// Reads one JSON object on stdin:
//   {"model": "<model JSON>", "chunk": rows per "next" call (as the page asks),
//    "files": {"<name>": "<the CSV file, base64>"}, "requests": {"<name>": ["<request JSON>", ...]}}
// and prints one JSON object: for each file, {"rows", "wall_ms", "cpu_ms"} of open + every
// chunk + the CSV export; for each list of requests, {"rows", "wall_ms", "cpu_ms"} of a
// diagnose_json call each (the baseline: the diagnostic's own call, one row at a time).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const indexURL = resolve(process.argv[2]) + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const input = JSON.parse(readFileSync(0, "utf8"));
const pyodide = await loadPyodide({ indexURL, lockFileURL: indexURL + "pyodide-lock.json", packageBaseUrl: indexURL });
await pyodide.loadPackage("stage-diagnostic", { messageCallback: () => {} });
const namespace = pyodide.globals.get("dict")();
pyodide.runPython("from stage_diagnostic import diagnose_json, use_model\nfrom stage_diagnostic.json_api import batch_json", { globals: namespace });
const problem = namespace.get("use_model")(input.model);
if (problem) throw new Error(problem);
const diagnose = namespace.get("diagnose_json");
const batch = namespace.get("batch_json");

function timed(work) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const rows = work();
  const used = process.cpuUsage(cpu);
  return { rows, wall_ms: performance.now() - start, cpu_ms: (used.user + used.system) / 1000 };
}

function answer(json) {
  const parsed = JSON.parse(json);
  if (parsed.error) throw new Error(parsed.error.message);
  return parsed;
}

const report = { files: {}, requests: {} };
for (const [name, encoded] of Object.entries(input.files)) {
  const bytes = new Uint8Array(Buffer.from(encoded, "base64"));
  report.files[name] = timed(() => {
    answer(batch(JSON.stringify({ op: "open", today: "2026-12-01" }), bytes));
    let done;
    do done = answer(batch(JSON.stringify({ op: "next", count: input.chunk }))); while (!done.pairs);
    answer(batch(JSON.stringify({ op: "export", format: "csv" })));
    return done.total;
  });
}
for (const [name, requests] of Object.entries(input.requests)) {
  report.requests[name] = timed(() => {
    for (const request of requests) answer(diagnose(request));
    return requests.length;
  });
}
process.stdout.write(JSON.stringify(report));
