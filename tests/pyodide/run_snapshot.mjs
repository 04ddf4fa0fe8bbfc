// Start Pyodide from a shipped memory snapshot exactly as the browser worker does, and run the engine.
//
// Usage: node run_snapshot.mjs <runtime-dir> <snapshot-file>   (the directory `ship_runtime` fills
// and the snapshot `ship_snapshot` put in it). Reads {"model", "requests", "python"} on stdin, as
// run_engine.mjs does, and prints one JSON object:
//   {"preloaded": [engine modules imported before this script imported anything],
//    "python": <sys.version>, "platform": <sys.platform>,
//    "results": [<diagnose_json output text>, ...], "output": <what "python" printed>}
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, snapshotFile] = process.argv.slice(2).map((path) => resolve(path));
const indexURL = runtimeDir + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const input = JSON.parse(readFileSync(0, "utf8"));

let output = "";
const pyodide = await loadPyodide({
  indexURL,
  lockFileURL: indexURL + "pyodide-lock.json",
  packageBaseUrl: indexURL,
  _loadSnapshot: readFileSync(snapshotFile),
  stdout: (line) => { output += line + "\n"; },
  stderr: (line) => { process.stderr.write(line + "\n"); },
});
const namespace = pyodide.globals.get("dict")();
const preloaded = JSON.parse(pyodide.runPython(
  "import json, sys\njson.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'stage_diagnostic'))",
  { globals: namespace },
));
pyodide.runPython("from stage_diagnostic import diagnose_json", { globals: namespace });
const diagnose = namespace.get("diagnose_json");
const results = (input.requests ?? []).map((request) => diagnose(input.model, request));
if (input.python) pyodide.runPython(input.python, { globals: namespace });
const sys = namespace.get("sys");
process.stdout.write(JSON.stringify({
  preloaded,
  python: sys.version,
  platform: sys.platform,
  results,
  output,
}));
