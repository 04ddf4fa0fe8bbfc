"""The Pyodide the site ships: its exact version, the files taken from its npm package and their
sha256 digests. One owner for these facts, with no imports, so that `hatch_build.py` (which puts
the files into the wheel, in an isolated build where nothing of the project is installed) loads
this file by its path and checks the same digests as every site build (`runtime.ship_runtime`).
"""

from __future__ import annotations

PYODIDE_VERSION = "314.0.7"
"""The exact version of the npm package `pyodide` that `package.json` pins."""

WORKER_ROLES = {
    "module": "pyodide.mjs",
    "asm": "pyodide.asm.mjs",
    "wasm": "pyodide.asm.wasm",
    "stdlib": "python_stdlib.zip",
}
"""What the page's worker calls each core file. The page hands it their URLs by these names
(`data-msd-pyodide`), so the worker names no file of Pyodide's itself."""

CODE_FILES = (WORKER_ROLES["module"], WORKER_ROLES["asm"])
"""Pyodide's JavaScript: always on the site's own origin, imported by the worker (never checked
bytes in hand, so never from a `pyodide_url` host)."""

DATA_FILES = (WORKER_ROLES["wasm"], WORKER_ROLES["stdlib"])
"""Pyodide's data, downloaded by the worker, checked against `CORE_SHA256` and handed to Pyodide as
bytes: these alone may come from `pyodide_url`."""

CORE_FILES = CODE_FILES + DATA_FILES
"""The files of the npm package that starting Pyodide needs, and all that the site ships of it."""

CORE_SHA256 = {
    "pyodide.mjs": "6f1d60f7bf529beb300f0f47983c921d3982363640ba20af0e38efdddbc66109",
    "pyodide.asm.mjs": "f7cdc8ece80678ceb712f8e65ebe6d3a83203a180c399865f49612a051693635",
    "pyodide.asm.wasm": "cc36e3cab04fdfc9a63ff13eb52eae2b911bf46c025cc7b281f394bd3de1d5e6",
    "python_stdlib.zip": "fa1957e5777068fc4f7437f96d860ae2fbe9c19732ba06c84e004ec16dd7dd7a",
}
"""The sha256 of each core file of the npm package `pyodide` at `PYODIDE_VERSION` (change both
together): what every build checks its copy against."""

LOCK_FILE = "pyodide-lock.json"
