"""Put Pyodide's core files into the wheel, so `pip install mentoring-stages` is the whole install.

A site ships Pyodide to its visitors from its own origin. Carrying the four core files (and the npm
package's `package.json` and `pyodide-lock.json`, which say their version and ABI) inside the wheel
means an organisation needs neither Node.js nor npm to build a site with a working diagnostic; Node
only adds the faster start from a memory snapshot. It costs the wheel about 6.3 MB (the WebAssembly
compresses to a third, the standard library archive does not compress), against asking every site
to carry a `package.json` and a lock file and to run `npm ci`.

The files are taken from `node_modules/pyodide`, where `npm ci` puts the version `package-lock.json`
pins (with its integrity hash). The version, the file list and each file's sha256 are read from the
plugin's `pyodide_files.py`, which owns them; a file with another digest fails the wheel's build.
Editable installs get nothing: they use `node_modules` in place.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PACKAGE_DIR = "mentoring_stages/pyodide"
"""Where the files go inside the wheel; `mentoring_stages.shipped` finds them there."""

METADATA = ("package.json", "README.md")
"""Said with the files: the version and the licence (MPL-2.0) of what is redistributed."""


def _pins_module(root: Path) -> ModuleType:
    """Load `pyodide_files.py` by its path: an isolated build has nothing of the project
    installed."""
    path = root / "plugins" / "mentoring_stages" / "pyodide_files.py"
    spec = importlib.util.spec_from_file_location("_mentoring_stages_pyodide_files", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class PyodideFilesHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        pins = _pins_module(root)
        source = root / "node_modules" / "pyodide"
        manifest = source / "package.json"
        installed = (
            json.loads(manifest.read_text(encoding="utf-8")).get("version")
            if manifest.is_file()
            else None
        )
        if installed != pins.PYODIDE_VERSION:
            raise RuntimeError(
                f"The wheel carries Pyodide {pins.PYODIDE_VERSION}, but node_modules/pyodide "
                f"holds {installed or 'nothing'}: run `npm ci` beside pyproject.toml first."
            )
        for name in pins.CORE_FILES:
            digest = hashlib.sha256((source / name).read_bytes()).hexdigest()
            if digest != pins.CORE_SHA256[name]:
                raise RuntimeError(
                    f"node_modules/pyodide/{name} is not Pyodide {pins.PYODIDE_VERSION}'s: its "
                    f"sha256 is {digest}, the plugin pins {pins.CORE_SHA256[name]}."
                )
        for name in (*METADATA, pins.LOCK_FILE, *pins.CORE_FILES):
            build_data["force_include"][str(source / name)] = f"{PACKAGE_DIR}/{name}"
