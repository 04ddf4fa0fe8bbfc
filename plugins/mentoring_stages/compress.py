"""Pre-compressed twins of the diagnostic's large files: `.gz`, and `.br` with brotli.

A server that can send a file's twin (nginx `gzip_static` and `brotli_static`, many static hosts)
sends it instead of compressing on every request at a low level: the WebAssembly goes from 4.0 MB
(gzip level 1, on the fly) to 3.5 MB (gzip -9) or 2.7 MB (brotli 11), the snapshot from 5.0 to
3.5 MB. Brotli at level 11 takes seconds per megabyte, so each twin is made once per content, in a
cache named by the sha256 of what it compresses, and copied from there at every build.

Level 11 is for the files made once per Pyodide or engine version (the runtime, the snapshot), whose
bytes every visitor fetches. The precomputed results change with every edit of the content, so
each edit would pay for their level-11 twin again: 3.7 s of CPU for the 3.2 MB of pairs, against
0.05 s at level 9, for 147 KB instead of 112 KB on a file fetched only when a visitor gives a second
answer before Python is ready (measured with brotli 1.1; the singles: 8.1 KB instead of 6.7 KB).

Brotli is not in Python's standard library. Its twins are written when the `brotli` package is
installed (this repository's set-up installs it; `pip install brotli` for a site of your own) and
left out otherwise: every browser takes gzip, so a site without them only sends more bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import shutil
from pathlib import Path
from types import ModuleType

GZIP = ".gz"
BROTLI = ".br"
BROTLI_BEST = 11
"""For files made once per version: the fewest bytes, at seconds per megabyte."""
BROTLI_QUICK = 9
"""For files that change with the content: about a fiftieth of the time, a fifth more bytes."""


def _brotli() -> ModuleType | None:
    try:
        return importlib.import_module("brotli")
    except ImportError:
        return None


BROTLI_MODULE = _brotli()

NO_BROTLI_NOTE = (
    "the `brotli` package is not installed, so the diagnostic's large files get gzip twins only "
    "(`pip install brotli` for about a fifth fewer bytes where the server sends .br twins)"
)


def suffixes() -> tuple[str, ...]:
    """The twins a build writes: gzip always, brotli when its package is there."""
    return (GZIP, BROTLI) if BROTLI_MODULE is not None else (GZIP,)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def ship(
    source: Path,
    target_dir: Path,
    twins_cache: Path,
    sha256: str | None = None,
    brotli_quality: int = BROTLI_BEST,
) -> dict[str, int]:
    """Copy `source` into `target_dir` (unless the same-looking file is there) with its twins
    beside it (`write_twins`); return the twins' sizes."""
    target = target_dir / source.name
    copy_if_changed(source, target)
    return write_twins(target, twins_cache, sha256, brotli_quality)


def copy_if_changed(source: Path, target: Path) -> None:
    """Copy unless the same-looking file is there: `mkdocs serve` rebuilds often, wasm is 10 MB."""
    if target.is_file():
        have, want = target.stat(), source.stat()
        if have.st_size == want.st_size and have.st_mtime_ns == want.st_mtime_ns:
            return
    shutil.copy2(source, target)


def write_twins(
    path: Path, cache_dir: Path, sha256: str | None = None, brotli_quality: int = BROTLI_BEST
) -> dict[str, int]:
    """Put `path`'s twins beside it (`<name>.gz`, `<name>.br`), made once per content in
    `cache_dir`; return their sizes by encoding ("gzip", "br"). `sha256` is `path`'s, when known
    (read otherwise). Twins of another content that an earlier build left beside it are replaced;
    a brotli twin is removed when brotli is missing."""
    sha256 = sha256 or file_sha256(path)
    sizes: dict[str, int] = {}
    for suffix in (GZIP, BROTLI):
        target = path.with_name(path.name + suffix)
        if suffix not in suffixes():
            target.unlink(missing_ok=True)
            continue
        cached = _cached_twin(path, sha256, suffix, cache_dir, brotli_quality)
        if not (target.is_file() and target.stat().st_size == cached.stat().st_size
                and target.stat().st_mtime_ns == cached.stat().st_mtime_ns):
            shutil.copy2(cached, target)
        sizes["gzip" if suffix == GZIP else "br"] = cached.stat().st_size
    return sizes


def _cached_twin(
    path: Path, sha256: str, suffix: str, cache_dir: Path, brotli_quality: int
) -> Path:
    # The level is in the name of a brotli twin made at another than the best, so that a build
    # never takes a twin made at another level from the cache: the same sources, the same site.
    level = f".q{brotli_quality}" if suffix == BROTLI and brotli_quality != BROTLI_BEST else ""
    cached = cache_dir / f"{sha256}{level}{suffix}"
    if cached.is_file():
        return cached
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(cached.name + ".partial")
    data = path.read_bytes()
    if suffix == GZIP:
        # No name and a zero time in the header: the same file gives the same bytes.
        packed = gzip.compress(data, compresslevel=9, mtime=0)
    else:
        assert BROTLI_MODULE is not None
        packed = BROTLI_MODULE.compress(data, quality=brotli_quality, lgwin=24)
    partial.write_bytes(packed)
    partial.replace(cached)  # last, so an interrupted build never leaves half a twin cached
    return cached
