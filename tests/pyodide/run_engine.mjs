// Run the stage_diagnostic engine inside real Pyodide under Node, from a shipped runtime directory,
// started either way the browser worker starts it.
//
// Usage: node run_engine.mjs <runtime-dir> [<stdlib-zip> [<snapshot-file>]]
//   <runtime-dir>    the directory `ship_runtime` fills: core files, pyodide-lock.json, the wheel
//   <stdlib-zip>     the standard library archive `ship_snapshot` put there; without it, Pyodide's
//   <snapshot-file>  the snapshot made with that archive; without it, the plain start
// Reads one JSON object on stdin:
//   {"model": "<model JSON text>", "requests": ["<request JSON text>", ...], "python": "<code>"}
// and prints one JSON object:
//   {"preloaded": [engine modules imported before this script imported anything],
//    "python": <sys.version>, "platform": <sys.platform>,
//    "results": [<diagnose_json output text>, ...], "output": <what "python" printed>}
// The plain start installs the engine with loadPackage("stage-diagnostic") from our lock file, as
// the worker does, so this also checks the lock file and the wheel that the site ships. The
// snapshot start, as in the worker, installs nothing: the engine must come in the snapshot.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, stdlibFile, snapshotFile] = process.argv.slice(2).map((path) => resolve(path));
const indexURL = runtimeDir + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const input = JSON.parse(readFileSync(0, "utf8"));

let output = "";
const pyodide = await loadPyodide({
  indexURL,
  lockFileURL: indexURL + "pyodide-lock.json",
  packageBaseUrl: indexURL,
  stdout: (line) => { output += line + "\n"; },
  stderr: (line) => { process.stderr.write(line + "\n"); },
  ...(stdlibFile ? { stdLibURL: stdlibFile } : {}),
  ...(snapshotFile ? { _loadSnapshot: readFileSync(snapshotFile) } : {}),
});
const namespace = pyodide.globals.get("dict")();
const preloaded = JSON.parse(pyodide.runPython(
  "import json, sys\njson.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'stage_diagnostic'))",
  { globals: namespace },
));
if (!snapshotFile) {
  const failures = [];
  await pyodide.loadPackage("stage-diagnostic", {
    messageCallback: () => {},
    errorCallback: (message) => failures.push(message),
  });
  if (failures.length) throw new Error(`loadPackage failed: ${failures.join("; ")}`);
}

pyodide.runPython("from stage_diagnostic import diagnose_json, use_model", { globals: namespace });
const problem = namespace.get("use_model")(input.model);
if (problem) throw new Error(`use_model refused the model: ${problem}`);
const diagnose = namespace.get("diagnose_json");
const results = (input.requests ?? []).map((request) => diagnose(request));
if (input.python) pyodide.runPython(input.python, { globals: namespace });
const sys = namespace.get("sys");
process.stdout.write(JSON.stringify({
  preloaded,
  python: sys.version,
  platform: sys.platform,
  results,
  output,
}));
