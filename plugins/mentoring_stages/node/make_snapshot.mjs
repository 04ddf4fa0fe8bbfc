// Make a memory snapshot of Pyodide with the stage_diagnostic engine installed and imported, for
// the browser worker to start from. Called by snapshot.py while the site builds.
//
// Usage: node make_snapshot.mjs <pyodide-dir> <engine-wheel> <output-file>
// Prints one JSON object: {"bytes": <size of the snapshot>, "modules": [<engine modules imported>]}.
//
// The snapshot holds the interpreter's memory, not its file system: every module of the engine is
// imported here, since after a restore their files are not there (the worker installs no wheel on
// that path). The wheel is unpacked from Python rather than with loadPackage, which leaves
// JavaScript references behind that a snapshot cannot hold ("Unexpected hiwire entry").
//
// The same inputs give the same bytes: while the snapshot is made the clocks stand still and the
// random source (from which Python also draws its hash seed) repeats itself. Nothing secret is lost
// by that: the snapshot is a public file, and every visitor starts from the same bytes whatever
// they are. The worker reseeds Python's `random` after restoring.
import nodeCrypto from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheel, output] = process.argv.slice(2).map((path) => resolve(path));
if (!output) {
  console.error("usage: node make_snapshot.mjs <pyodide-dir> <engine-wheel> <output-file>");
  process.exit(2);
}
// Emscripten keeps process.argv[1] (this script's path on the build machine) as the program name.
process.argv.length = 1;
Date.now = () => 315532800000; // 1980-01-01, the zip format's first day
performance.now = () => 0;
let state = 0x9e3779b9;
const fill = (array) => {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  for (let i = 0; i < bytes.length; i++) {
    state ^= state << 13; state ^= state >>> 17; state ^= state << 5; // xorshift32
    bytes[i] = state & 0xff;
  }
  return array;
};
crypto.getRandomValues = fill; // Pyodide's JavaScript
nodeCrypto.randomFillSync = fill; // Emscripten's getentropy(), under Node

const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL: `${pyodideDir}/`,
  _makeSnapshot: true,
  stdout: (line) => console.error(line),
  stderr: (line) => console.error(line),
});
pyodide.FS.writeFile("/tmp/engine.whl", readFileSync(wheel));
const modules = pyodide.runPython(`
import importlib, json, os, pkgutil, sys, zipfile

with zipfile.ZipFile("/tmp/engine.whl") as archive:
    archive.extractall(next(path for path in sys.path if path.endswith("site-packages")))
os.remove("/tmp/engine.whl")
importlib.invalidate_caches()
import stage_diagnostic

for found in pkgutil.iter_modules(stage_diagnostic.__path__, "stage_diagnostic."):
    if found.name != "stage_diagnostic.__main__":  # that one runs the command
        importlib.import_module(found.name)
# Reading one description warms the engine's compiled patterns. The wheel holds no model (content
# edits must not change the snapshot): the worker hands the site's model to use_model() after start.
stage_diagnostic.text.Description("We met three weeks ago and have not set goals yet.")
json.dumps(sorted(name for name in sys.modules if name.split(".")[0] == "stage_diagnostic"))
`);
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(output, snapshot);
process.stdout.write(JSON.stringify({ bytes: snapshot.length, modules: JSON.parse(modules) }));
