"""Ship the diagnostic's in-browser runtime: Pyodide's core files, the engine wheel, a lock file.

The site runs `stage_diagnostic` under Pyodide in a Web Worker. Everything the worker loads is
served by the site itself, from one versioned directory::

    assets/mentoring-stages/pyodide/<pyodide version>/
        pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip   from node_modules
        stage_diagnostic-0.<hash>-py3-none-any.whl                          built from diagnostic/
        pyodide-lock.json                                                   names the wheel alone

Why each piece is the way it is:

- Only the four core files are copied: Pyodide's own lock file lists hundreds of packages that are
  not in the npm package, and asking for any of them would send the visitor's browser to a CDN.
- Their sha256 digests are pinned (`pyodide_files.CORE_SHA256`) and checked at every build against
  the copy the build takes (`node_modules` or the wheel's): a changed file fails the build, it
  never reaches a visitor. The worker checks the same digests again on the bytes it downloads.
- Pyodide's JavaScript (`CODE_FILES`) is always served by the site itself, whatever `pyodide_url`
  says, and imported once, by the browser, like the worker itself: a script cannot be checked
  before it runs under a strict CSP (no `blob:` modules), so only the data files, which the worker
  downloads, checks and hands to Pyodide as bytes, may come from another host.
- Our lock file names the engine wheel alone, with its sha256, so `loadPackage` checks the download
  (the browser fetches it with Subresource Integrity) and nothing in it can point anywhere else.
- The project's distribution also holds the MkDocs plugin, so the engine is built as a wheel of its
  own from a staged copy of its package with a generated minimal `pyproject.toml`. The wheel's
  version is derived from a hash of the sources: a changed engine gets a new file name, so the core
  files and the wheel can be cached for a long time. Only `pyodide-lock.json` keeps its name and
  must be revalidated.
- Building takes a couple of seconds, so wheels are cached under `cache_dir` by that same hash.

The plugin calls `ship_runtime` while it builds; the rest of this module serves it and the tests.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import compress
from .pyodide_files import (
    CODE_FILES,
    CORE_FILES,
    CORE_SHA256,
    DATA_FILES,
    LOCK_FILE,
    PYODIDE_VERSION,
    WORKER_ROLES,
)

ENGINE_DISTRIBUTION = "stage-diagnostic"
"""The name the worker passes to `loadPackage`, and the key of the only entry of our lock file."""

ENGINE_IMPORT = "stage_diagnostic"

PRECOMPRESSED = (*CODE_FILES, WORKER_ROLES["wasm"])
"""The core files shipped with pre-compressed twins (`compress.write_twins`): Pyodide's standard
library archive is compressed already (the site's own, made with the snapshot, is not)."""

SET_UP_HINT = "Run `npm ci` in the project's root (the set-up script does it) to install it."

_PYPROJECT_TEMPLATE = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "{name}"
version = "{version}"
description = "The mentoring stage diagnostic, packaged alone for Pyodide."
requires-python = ">=3.11"

[tool.hatch.build.targets.wheel]
packages = ["{package}"]
"""


class RuntimeShippingError(Exception):
    """The runtime cannot be shipped; the message says what to do about it."""


@dataclass(frozen=True)
class ShippedFile:
    """A file the worker downloads, as the build recorded it: its size and sha256, which the
    worker checks, and the sizes of its pre-compressed twins (0: none), from which the page counts
    its progress in bytes on the wire before the server has said how it sends the file."""

    name: str
    size: int
    sha256: str
    gzip: int = 0
    br: int = 0

    def for_worker(self) -> list[int | str]:
        """The worker's record of the file: [size, sha256, gzip size, brotli size]."""
        return [self.size, self.sha256, self.gzip, self.br]


@dataclass(frozen=True)
class ShippedRuntime:
    """Where `ship_runtime` put things, so the plugin can build page-relative URLs to them.

    `directory` is relative to nothing: it is the absolute path in the built site. `relative_dir` is
    the same directory relative to the `site_assets_dir` given to `ship_runtime`, with '/'
    separators and a trailing '/', ready to be joined to the URL of the assets directory.
    """

    directory: Path
    relative_dir: str
    lock_file: str
    wheel_file: str
    wheel_sha256: str
    core_files: dict[str, ShippedFile]
    """Each of `CORE_FILES` by name (shipped, or for `DATA_FILES` with `include_data=False`
    left to `pyodide_url`)."""
    wheel: ShippedFile


def ship_runtime(
    site_assets_dir: Path,
    *,
    node_modules: Path,
    engine_source: Path,
    cache_dir: Path,
    twins_cache: Path | None = None,
    include_data: bool = True,
) -> ShippedRuntime:
    """Copy Pyodide's core files, the engine wheel and our lock file into the built site.

    `site_assets_dir` is the site's `assets/mentoring-stages/` directory; the files go to
    `pyodide/<version>/` below it. `node_modules` is the project's `node_modules` directory (where
    `npm ci` installed the pinned `pyodide`). `engine_source` is the engine's package directory
    (`diagnostic/stage_diagnostic`). `cache_dir` keeps built wheels between builds, `twins_cache`
    (default: `cache_dir/twins`) the compressed twins.

    With `include_data=False` Pyodide's data files are not copied (for a site that loads them from
    `pyodide_url`): its JavaScript, the lock file and the wheel are shipped all the same.

    Raises `RuntimeShippingError` when `node_modules/pyodide` is missing, holds another version, or
    lacks a core file or holds one whose sha256 is not the pinned one, and when the wheel cannot be
    built.
    """
    package_dir = node_modules / "pyodide"
    info = _upstream_lock_info(package_dir)
    target = site_assets_dir / "pyodide" / PYODIDE_VERSION
    target.mkdir(parents=True, exist_ok=True)
    twins_cache = twins_cache or cache_dir / compress.TWINS_DIR
    core_files: dict[str, ShippedFile] = {}
    for name in CORE_FILES:
        source = package_dir / name
        if not source.is_file():
            raise RuntimeShippingError(f"'{source}' is missing. {SET_UP_HINT}")
        sha256 = compress.file_sha256(source)
        if sha256 != CORE_SHA256[name]:
            raise RuntimeShippingError(
                f"'{source}' is not the {name} of Pyodide {PYODIDE_VERSION}: its sha256 is "
                f"{sha256}, the plugin pins {CORE_SHA256[name]}. {SET_UP_HINT}"
            )
        twins: dict[str, int] = {}
        if name in DATA_FILES and not include_data:
            for left in target.glob(f"{name}*"):  # an earlier build's, in a reused folder
                left.unlink()
        else:
            compress.copy_if_changed(source, target / name)
            if name in PRECOMPRESSED:
                twins = compress.write_twins(target / name, twins_cache, sha256)
        core_files[name] = ShippedFile(name, source.stat().st_size, sha256, **twins)
    wheel = build_engine_wheel(engine_source, cache_dir)
    # A reused target (a staging folder, `mkdocs serve`) may hold wheels of earlier sources.
    for stale in target.glob(f"{ENGINE_IMPORT}-*.whl"):
        if stale.name != wheel.name:
            stale.unlink()
    compress.copy_if_changed(wheel, target / wheel.name)
    sha256 = write_lock_file(target / LOCK_FILE, wheel, info)
    return ShippedRuntime(
        directory=target,
        relative_dir=f"pyodide/{PYODIDE_VERSION}/",
        lock_file=LOCK_FILE,
        wheel_file=wheel.name,
        wheel_sha256=sha256,
        core_files=core_files,
        wheel=ShippedFile(wheel.name, wheel.stat().st_size, sha256),
    )


def engine_source() -> Path:
    """The installed engine package's directory, found by import machinery, not by a source path:
    site-packages for a wheel, the checkout's `diagnostic/` for an editable install."""
    spec = importlib.util.find_spec(ENGINE_IMPORT)
    locations = spec.submodule_search_locations if spec else None
    if not locations:
        raise RuntimeShippingError(
            f"the '{ENGINE_IMPORT}' package is not installed: reinstall mentoring-stages"
        )
    return Path(locations[0])


def build_engine_wheel(engine_source: Path, cache_dir: Path) -> Path:
    """Return a wheel of the engine package alone, building it only when its sources changed.

    The package directory is copied to a staging directory beside a generated `pyproject.toml`, and
    built with `python -m build --wheel --no-isolation` (hatchling, already installed with the
    project's `browser` extra, so no download happens). The result is cached at
    `cache_dir/<hash>/<wheel>`, where the hash covers the sources and the generated
    `pyproject.toml`.
    """
    if not (engine_source / "__init__.py").is_file():
        raise RuntimeShippingError(
            f"'{engine_source}' is not a Python package (no __init__.py): "
            "cannot build the engine wheel."
        )
    digest = source_hash(engine_source)
    # The version carries the hash so the file name changes with the sources. A local version
    # ("0+g<hex>") would put a '+' in the URL, which some static hosts read as a space.
    version = f"0.{int(digest[:12], 16)}"
    pyproject = _PYPROJECT_TEMPLATE.format(
        name=ENGINE_DISTRIBUTION, version=version, package=engine_source.name
    )
    wheel_name = f"{ENGINE_IMPORT}-{version}-py3-none-any.whl"
    cached = cache_dir / digest / wheel_name
    if cached.is_file():
        return cached
    for module in ("build", "hatchling"):
        if importlib.util.find_spec(module) is None:
            raise RuntimeShippingError(
                f"Building the engine wheel needs the '{module}' package: "
                "install the project with its 'browser' extra (pip install -e '.[browser]')."
            )
    with tempfile.TemporaryDirectory(prefix="stage-diagnostic-wheel-") as temp:
        stage = Path(temp) / "stage"
        shutil.copytree(engine_source, stage / engine_source.name, ignore=_ignore_bytecode)
        (stage / "pyproject.toml").write_text(pyproject, encoding="utf-8")
        out = Path(temp) / "dist"
        command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)]
        done = subprocess.run([*command, str(stage)], capture_output=True, text=True, check=False)
        built = out / wheel_name
        if done.returncode != 0 or not built.is_file():
            raise RuntimeShippingError(
                f"Building the engine wheel from '{engine_source}' failed:\n"
                f"{done.stdout}{done.stderr}"
            )
        cached.parent.mkdir(parents=True, exist_ok=True)
        # Move into place last, so an interrupted build never leaves a half-written cached wheel.
        partial = cached.with_suffix(".partial")
        shutil.copyfile(built, partial)
        partial.replace(cached)
    return cached


def source_hash(package_dir: Path) -> str:
    """Hash the package's files (names and contents, bytecode left out) and the wheel recipe."""
    digest = hashlib.sha256(_PYPROJECT_TEMPLATE.encode())
    for path in sorted(package_dir.rglob("*")):
        relative = path.relative_to(package_dir)
        if path.is_file() and not _is_bytecode(relative):
            digest.update(relative.as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def write_lock_file(path: Path, wheel: Path, info: dict[str, str]) -> str:
    """Write a Pyodide lock file that lists the engine wheel and nothing else; return its sha256.

    The wheel's `file_name` is relative, so Pyodide resolves it against the lock file's own URL.
    The file is written as plain JSON, with the fields and key order of the `pyodide-lock` library
    (which would bring pydantic into every build for these twenty lines); the tests check it
    against that library's schema and load it in real Pyodide.
    """
    sha256 = hashlib.sha256(wheel.read_bytes()).hexdigest()
    package = {
        "depends": [],
        "file_name": wheel.name,
        "imports": [ENGINE_IMPORT],
        "install_dir": "site",
        "name": ENGINE_DISTRIBUTION,
        "package_type": "package",
        "sha256": sha256,
        "unvendored_tests": False,
        "version": wheel.name.split("-")[1],
    }
    lock = {"info": dict(sorted(info.items())), "packages": {ENGINE_DISTRIBUTION: package}}
    path.write_text(json.dumps(lock, indent=2), encoding="utf-8")
    return sha256


def _upstream_lock_info(package_dir: Path) -> dict[str, str]:
    """Read the installed Pyodide's version and ABI, which our lock file must repeat.

    Pyodide refuses a lock file whose `abi_version` differs from its own, so the values are taken
    from the installed package rather than written here by hand.
    """
    manifest = package_dir / "package.json"
    if not manifest.is_file():
        raise RuntimeShippingError(
            f"Pyodide is not installed: '{package_dir}' is missing. {SET_UP_HINT}"
        )
    installed = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if installed != PYODIDE_VERSION:
        raise RuntimeShippingError(
            f"'{package_dir}' holds pyodide {installed}, but the site ships {PYODIDE_VERSION}. "
            f"{SET_UP_HINT}"
        )
    upstream = json.loads((package_dir / LOCK_FILE).read_text(encoding="utf-8"))["info"]
    return {
        "arch": upstream["arch"],
        "platform": upstream["platform"],
        "version": PYODIDE_VERSION,
        "python": upstream["python"],
        "abi_version": upstream["abi_version"],
    }


def _is_bytecode(path: Path) -> bool:
    return path.suffix in {".pyc", ".pyo"} or "__pycache__" in path.parts


def _ignore_bytecode(_directory: str, names: list[str]) -> set[str]:
    return {name for name in names if name == "__pycache__" or name.endswith((".pyc", ".pyo"))}
