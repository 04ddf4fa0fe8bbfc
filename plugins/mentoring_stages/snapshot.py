"""Make a memory snapshot of Pyodide with the engine imported, so the diagnostic starts at once.

A bare `loadPyodide()` spends seconds initialising the interpreter; restoring the memory of one
that was already started takes a fraction of that. The snapshot is made while the site builds, in
Node, with the pinned `pyodide` package and the engine wheel the site ships
(`node/make_snapshot.mjs`), and shipped beside the runtime, with the standard library archive it
was made with: only the modules the engine's start imports, compiled, and the engine itself, so
that a plain start (the one the worker chooses on a connection too slow for the snapshot's bytes)
installs no wheel and compiles nothing either.
The archive is stored, not deflated, so that it compresses as a whole; both files are sent as their
pre-compressed twins (`compress.write_twins`)::

    assets/mentoring-stages/pyodide/<pyodide version>/diagnostic-<sha256>.snapshot
    assets/mentoring-stages/pyodide/<pyodide version>/stdlib-<sha256>.zip

Why it is this way:

- Making one takes seconds, so snapshots are cached under `cache_dir` by a key of everything that
  goes into them: the exact Pyodide version, the wheel's sha256 and the script that makes them.
  The model is not baked in (the worker passes the site's model with every request, as it always
  did), so content edits never make a new snapshot.
- The same inputs give the same bytes (the clocks stand still and the random source repeats while
  the script runs), so two builds give identical sites even without the cache.
- The file is named by the sha256 of its bytes: it never changes under the same URL, so it is
  cached with the runtime, and the worker checks those bytes against it (with WebCrypto, or with
  the browser's Subresource Integrity where a page on plain http has none) before restoring them.
  The snapshot holds the engine already imported, so the worker installs no wheel on that path.
- Snapshots are a private Pyodide API (`_makeSnapshot`, `makeMemorySnapshot`, `_loadSnapshot`).
  The version is pinned; the tests restore the shipped snapshot and compare its answers with
  CPython's; and the worker falls back to the plain start when a snapshot cannot be used.

The plugin calls `ship_snapshot` after `runtime.ship_runtime`; the rest serves it and the tests.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import compress
from .pyodide_files import PYODIDE_VERSION
from .runtime import ShippedFile, ShippedRuntime

SCRIPT = Path(__file__).with_name("node") / "make_snapshot.mjs"
"""The Node script that makes a snapshot; shipped with the plugin as package data."""

PREFIX = "diagnostic-"
SUFFIX = ".snapshot"
STDLIB_PREFIX = "stdlib-"
STDLIB_SUFFIX = ".zip"
MAKE_TIMEOUT_S = 300


class SnapshotError(Exception):
    """No snapshot could be made; the message says why. The site then starts the plain way."""


class NodeNotFound(SnapshotError):
    """There is no Node.js to make a snapshot with."""


@dataclass(frozen=True)
class ShippedSnapshot:
    """The snapshot in the runtime directory (`diagnostic-<sha256>.snapshot`) and the standard
    library archive it was made with (`stdlib-<sha256>.zip`), each with its twins' sizes."""

    snapshot: ShippedFile
    stdlib: ShippedFile


def ship_snapshot(
    runtime: ShippedRuntime,
    *,
    pyodide_dir: Path,
    cache_dir: Path,
    node: str | None = None,
    progress: Callable[[str], None] = lambda _message: None,
) -> ShippedSnapshot:
    """Put a snapshot for the shipped runtime's wheel into its directory; return what was put.

    `pyodide_dir` is the installed npm package (`node_modules/pyodide`, whose version
    `ship_runtime` has checked). Earlier snapshots in the directory are removed. Raises
    `SnapshotError` when Node is missing or the snapshot cannot be made.
    """
    wheel = runtime.directory / runtime.wheel_file
    made = make_snapshot(
        pyodide_dir=pyodide_dir,
        wheel=wheel,
        wheel_sha256=runtime.wheel_sha256,
        cache_dir=cache_dir,
        node=node,
        progress=progress,
    )
    shipped = []
    # The snapshot is 31 MB of interpreter memory, much of it empty, and the archive is stored
    # uncompressed so that its files compress together: both are sent as their twins.
    for source in (made, stdlib_of(made)):
        sha256 = _named_sha256(source.name)
        twins = compress.ship(source, runtime.directory, cache_dir / compress.TWINS_DIR, sha256)
        shipped.append(ShippedFile(source.name, source.stat().st_size, sha256, **twins))
    result = ShippedSnapshot(*shipped)
    remove_snapshots(runtime.directory, keep=(result.snapshot.name, result.stdlib.name))
    return result


def _named_sha256(name: str) -> str:
    """The sha256 a snapshot or archive is named by (`diagnostic-<sha256>.snapshot`)."""
    return name.rsplit("-", 1)[1].split(".")[0]


def stdlib_of(snapshot: Path) -> Path:
    """The standard library archive made with a cached snapshot, in the same folder."""
    return next(snapshot.parent.glob(f"{STDLIB_PREFIX}*{STDLIB_SUFFIX}"))


def make_snapshot(
    *,
    pyodide_dir: Path,
    wheel: Path,
    wheel_sha256: str,
    cache_dir: Path,
    node: str | None = None,
    progress: Callable[[str], None] = lambda _message: None,
) -> Path:
    """Return the cached snapshot for this Pyodide, wheel and script, making it when missing.

    It is made with `node make_snapshot.mjs` into `cache_dir/<key>/`, where the key is
    `snapshot_key(wheel_sha256)`, and named as it is shipped, `diagnostic-<sha256>.snapshot`, so
    its 31 MB are hashed once, when made, not at every build; the standard library archive made
    with it goes beside it (`stdlib_of`). `node` is the Node executable
    (default: `node` on PATH). `progress` hears about the seconds of work, not about a snapshot
    reused from the cache.
    """
    key_dir = cache_dir / snapshot_key(wheel_sha256)
    cached = next(key_dir.glob(f"{PREFIX}*{SUFFIX}"), None)
    if cached is not None and next(key_dir.glob(f"{STDLIB_PREFIX}*{STDLIB_SUFFIX}"), None):
        return cached
    node = node or shutil.which("node")
    if node is None:
        raise NodeNotFound("Node.js is not on PATH (`node`), and making a snapshot needs it")
    key_dir.mkdir(parents=True, exist_ok=True)
    partial = key_dir / "snapshot.partial"
    stdlib_partial = key_dir / "stdlib.partial"
    progress(f"making a memory snapshot of Pyodide {PYODIDE_VERSION} with the engine imported")
    command = [node, str(SCRIPT), str(pyodide_dir), str(wheel), str(partial), str(stdlib_partial)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=MAKE_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        partial.unlink(missing_ok=True)
        stdlib_partial.unlink(missing_ok=True)
        raise SnapshotError(f"running {command[0]} failed: {error}") from None
    report = _report(done.stdout) if done.returncode == 0 else None
    if (
        report is None
        or not partial.is_file()
        or partial.stat().st_size != report["bytes"]
        or not stdlib_partial.is_file()
        or stdlib_partial.stat().st_size != report["stdlib_bytes"]
    ):
        partial.unlink(missing_ok=True)
        stdlib_partial.unlink(missing_ok=True)
        tail = (done.stderr or done.stdout).strip()[-3000:]
        raise SnapshotError(
            f"{SCRIPT.name} failed (exit status {done.returncode}):\n{tail or '(no output)'}"
        )
    # Moved into place last, the snapshot after its archive, so an interrupted build never leaves
    # half a snapshot in the cache, nor one without its archive.
    for stale in key_dir.glob(f"{STDLIB_PREFIX}*{STDLIB_SUFFIX}"):
        stale.unlink()
    stdlib_name = f"{STDLIB_PREFIX}{compress.file_sha256(stdlib_partial)}{STDLIB_SUFFIX}"
    stdlib_partial.replace(key_dir / stdlib_name)
    cached = key_dir / f"{PREFIX}{compress.file_sha256(partial)}{SUFFIX}"
    partial.replace(cached)
    progress(f"made a memory snapshot of {report['bytes']:,} bytes")
    return cached


def snapshot_key(wheel_sha256: str) -> str:
    """What a snapshot depends on: the exact Pyodide, the engine's wheel, the script making it."""
    digest = hashlib.sha256(f"pyodide {PYODIDE_VERSION}\0wheel {wheel_sha256}\0".encode())
    digest.update(SCRIPT.read_bytes())
    return digest.hexdigest()


def remove_snapshots(directory: Path, keep: tuple[str, ...] = ()) -> None:
    """Remove snapshots and their archives an earlier build left in a reused runtime directory
    (all but those named in `keep`)."""
    for pattern in (f"{PREFIX}*{SUFFIX}*", f"{STDLIB_PREFIX}*{STDLIB_SUFFIX}*"):
        for stale in directory.glob(pattern):
            if stale.name.removesuffix(compress.GZIP).removesuffix(compress.BROTLI) not in keep:
                stale.unlink()


def _report(stdout: str) -> dict[str, int] | None:
    try:
        report = json.loads(stdout)
    except ValueError:
        return None
    if not isinstance(report, dict):
        return None
    sizes = {key: report.get(key) for key in ("bytes", "stdlib_bytes")}
    if not all(isinstance(size, int) for size in sizes.values()):
        return None
    return {key: int(size) for key, size in sizes.items() if size is not None}
