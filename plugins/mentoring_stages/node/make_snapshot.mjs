// Make the two files the browser worker starts from, while the site builds (called by snapshot.py):
//
// - a standard library archive holding only the modules that Pyodide's start, installing the
//   engine's wheel and running the engine import, compiled (python -OO) by this very Pyodide, and
//   the engine's own modules, compiled too (without -O: as CPython runs them). Pyodide's own
//   archive holds 560 modules as source: a plain start compiles the 190 it imports, which is most
//   of its time, and downloads 2.5 MB of which the engine needs a third; with the engine in the
//   archive, the plain start installs no wheel and compiles nothing;
// - a memory snapshot of Pyodide with the engine installed and imported, made with that archive
//   (the snapshot remembers the archive's directory, so the two are shipped and used together).
//
// Usage: node make_snapshot.mjs <pyodide-dir> <engine-wheel> <output-snapshot> <output-stdlib>
// Prints one JSON object: {"bytes": <size of the snapshot>, "stdlib_bytes": <size of the archive>,
//                          "modules": [<engine modules imported>]}.
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

const [pyodideDir, wheel, output, stdlibOutput] = process.argv.slice(2).map((path) => resolve(path));
if (!stdlibOutput) {
  console.error(
    "usage: node make_snapshot.mjs <pyodide-dir> <engine-wheel> <output-snapshot> <output-stdlib>",
  );
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
const quiet = { stdout: (line) => console.error(line), stderr: (line) => console.error(line) };

// What the engine's start runs in Python, the same in both passes: the wheel unpacked into
// site-packages, every engine module imported, and one description read to warm the engine's
// compiled patterns (the wheel holds no model: the worker hands it the site's after the start).
const ENGINE_START = `
import importlib, json, os, pkgutil, random, sys, zipfile

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
`;

// Pass 1, with Pyodide's whole archive: install the wheel as the plain start does (loadPackage),
// then as the snapshot does, and write every standard-library module then imported, compiled.
const full = await loadPyodide({ indexURL: `${pyodideDir}/`, ...quiet });
await full.loadPackage(pathToFileURL(wheel).href, { messageCallback: () => {} });
full.FS.writeFile("/tmp/engine.whl", readFileSync(wheel));
full.runPython(ENGINE_START);
full.runPython(`
import marshal, sys, zipfile
from importlib.util import MAGIC_NUMBER

archive = next(path for path in sys.path if path.endswith(".zip"))
site_packages = next(path for path in sys.path if path.endswith("site-packages"))
imported = [getattr(module, "__file__", None) or "" for module in list(sys.modules.values())]
files = sorted({path[len(archive) + 1:] for path in imported if path.startswith(archive + "/")})
engine = sorted({
    path[len(site_packages) + 1:] for path in imported
    if path.startswith(site_packages + "/stage_diagnostic/")
})

def store(target, name, source, optimize):
    code = compile(source, name, "exec", dont_inherit=True, optimize=optimize)
    # A timestamp pyc with no source beside it: zipimport has nothing to compare it with.
    pyc = MAGIC_NUMBER + bytes(12) + marshal.dumps(code)
    entry = zipfile.ZipInfo(name.removesuffix(".py") + ".pyc", (1980, 1, 1, 0, 0, 0))
    # Stored, not deflated: zipimport reads either, and the archive as a whole then compresses
    # (its .br twin is a third smaller than a deflated archive, whose files are each alone).
    target.writestr(entry, pyc, compress_type=zipfile.ZIP_STORED)

with zipfile.ZipFile(archive) as source, zipfile.ZipFile("/tmp/stdlib.zip", "w") as target:
    for name in files:
        store(target, name, source.read(name), optimize=2)
    for name in engine:
        with open(f"{site_packages}/{name}", "rb") as module:
            store(target, name, module.read(), optimize=0)
`);
const stdlib = full.FS.readFile("/tmp/stdlib.zip");
writeFileSync(stdlibOutput, stdlib);

// Pass 2: the snapshot, made with that archive.
const pyodide = await loadPyodide({
  indexURL: `${pyodideDir}/`,
  stdLibURL: stdlibOutput,
  _makeSnapshot: true,
  ...quiet,
});
pyodide.FS.writeFile("/tmp/engine.whl", readFileSync(wheel));
pyodide.runPython(ENGINE_START);
const modules = pyodide.runPython(
  'import json, sys\njson.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "stage_diagnostic"))',
);
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(output, snapshot);
process.stdout.write(JSON.stringify({
  bytes: snapshot.length,
  stdlib_bytes: stdlib.length,
  modules: JSON.parse(modules),
}));
