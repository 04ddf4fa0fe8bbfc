// Run the stage_diagnostic engine inside real Pyodide under Node, from a shipped runtime directory.
//
// Usage: node run_engine.mjs <runtime-dir>   (the directory `ship_runtime` fills: core files,
// pyodide-lock.json and the engine wheel). Reads one JSON object on stdin:
//   {"model": "<model JSON text>", "requests": ["<request JSON text>", ...], "python": "<code>"}
// and prints one JSON object: {"python": <sys.version>, "platform": <sys.platform>,
// "results": [<diagnose_json output text>, ...], "output": <what "python" printed>}.
// The engine is installed with loadPackage("stage-diagnostic") from our lock file, exactly as the
// browser worker does, so this also checks the lock file and the wheel that the site ships.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const runtimeDir = resolve(process.argv[2] ?? "");
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
});
const failures = [];
await pyodide.loadPackage("stage-diagnostic", {
  messageCallback: () => {},
  errorCallback: (message) => failures.push(message),
});
if (failures.length) throw new Error(`loadPackage failed: ${failures.join("; ")}`);

const namespace = pyodide.globals.get("dict")();
pyodide.runPython("import sys\nfrom stage_diagnostic import diagnose_json", { globals: namespace });
const diagnose = namespace.get("diagnose_json");
const results = (input.requests ?? []).map((request) => diagnose(input.model, request));
if (input.python) pyodide.runPython(input.python, { globals: namespace });
const sys = namespace.get("sys");
process.stdout.write(JSON.stringify({
  python: sys.version,
  platform: sys.platform,
  results,
  output,
}));
