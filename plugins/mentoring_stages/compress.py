"""Pre-compressed twins of the site's files: `.gz`, and `.br` with brotli.

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

Every other text file of the built site gets its twins too (`write_site_twins`): the pages, the
theme's and the plugin's styles and scripts, the search index. A server compressing them as it
sends them uses a low level (nginx's default gzip level is 1): the home page's own files go from
92 KB that way to 66 KB as twins, the first thing every visitor to any page waits for.

Brotli is not in Python's standard library. Its twins are written when the `brotli` package is
installed (this repository's set-up installs it; `pip install brotli` for a site of your own) and
left out otherwise: every browser takes gzip, so a site without them only sends more bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import os
import shutil
from pathlib import Path
from types import ModuleType

TWINS_DIR = "twins"
"""The twins' cache, a folder under the plugin's `cache_dir`, shared by everything that ships."""
GZIP = ".gz"
BROTLI = ".br"
BROTLI_BEST = 11
"""For files made once per version: the fewest bytes, at seconds per megabyte."""
BROTLI_QUICK = 9
"""For files that change with the content: about a fiftieth of the time, a fifth more bytes."""


SITE_TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"})
"""The site's files a server compresses (deploy/nginx.conf's `gzip_types`, and every page)."""
CHANGES_WITH_CONTENT = frozenset({".html", ".json", ".xml", ".txt"})
"""Pages, the search index, the sitemap, the model: new with every edit, so their brotli twins are
made at the quick level, which keeps a `mkdocs serve` rebuild quick. The theme's and the plugin's
styles and scripts are the same from build to build and get the best level, once."""
SITE_TWIN_MIN_SIZE = 1024
"""nginx's `gzip_min_length` in deploy/nginx.conf: below it a compressed copy saves next to
nothing."""


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
            _place(cached, target)
        sizes["gzip" if suffix == GZIP else "br"] = cached.stat().st_size
    return sizes


def _place(cached: Path, target: Path) -> None:
    """Put the cache's twin at `target` as a hard link, or a copy where the site is on another file
    system. A build places some 200 twins in a new staging folder: linking them takes 3 ms, copying
    120. Nothing writes a twin in place (a changed file gets a new twin, linked afresh), and the
    old `target` is unlinked first, so the cache's file is never written through the site."""
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copy2(cached, target)


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


def write_site_twins(site_dir: Path, cache_dir: Path, skip: Path | None = None) -> int:
    """Put twins beside every text file of the built site in `site_dir` of at least
    SITE_TWIN_MIN_SIZE bytes, except under `skip` (the diagnostic's runtime folder, whose files
    get their twins, at their own levels, as they are shipped); return how many files got them.
    Every file is looked at on every build, so a page that changed never keeps an earlier build's
    twin: a server would send the old page."""
    twinned = 0
    for path in sorted(site_dir.rglob("*")):
        if (path.suffix not in SITE_TEXT_SUFFIXES or path.is_symlink() or not path.is_file()
                or (skip is not None and path.is_relative_to(skip))
                or path.stat().st_size < SITE_TWIN_MIN_SIZE):
            continue
        quick = path.suffix in CHANGES_WITH_CONTENT
        write_twins(path, cache_dir, brotli_quality=BROTLI_QUICK if quick else BROTLI_BEST)
        twinned += 1
    return twinned
