"""Content that passed every check, kept between builds by the bytes it was read from.

Reading and checking the content is the largest part of the plugin's own work on a rebuild: about
50 ms of CPU, most of it composing YAML nodes that keep their line numbers for error messages. When
every content file, and every module of the code that reads and checks them, is byte for byte what
an earlier build read, that build's `Content` comes back from the cache folder (about 2 ms).

Only content that passed is kept. Content with a problem is read afresh on every build, so each
error still names its file and line; a damaged or foreign cache entry is read afresh and replaced.
The entry is a pickle: the cache folder is the site's own, as trusted as its `mkdocs.yml`.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path

import stage_diagnostic

from .loader import files_in_folders, load_content
from .model import Content
from .yaml_source import read_file

PREFIX = "content-"
SUFFIX = ".pickle"
# The code whose rules decide what passes: this package and the engine's bounds and phrase rules.
READING_CODE = (Path(__file__).parent, Path(stage_diagnostic.__file__).parent)
# What a cache entry written by another version of this code, or a cut-short write, raises on load.
UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError,
              TypeError, IndexError)


def load_checked_content(directories: Sequence[Path], cache_dir: Path) -> Content:
    """`load_content(directories)`, from `cache_dir` when the same bytes passed before."""
    key = fingerprint(directories)
    if key is None:
        return load_content(directories)  # it names the file that cannot be read
    cached = cache_dir / f"{PREFIX}{key}{SUFFIX}"
    try:
        with cached.open("rb") as file:
            content = pickle.load(file)
        if isinstance(content, Content):
            return content
    except UNREADABLE:
        pass
    content = load_content(directories)  # raises ContentError: nothing is kept
    _keep(cached, content)
    return content


def fingerprint(directories: Sequence[Path]) -> str | None:
    """The sha256 of everything the result of `load_content(directories)` depends on, or None
    when a content file cannot be read. Content files are read as the loader reads them (never a
    pipe, a device or a link out of the folder), so a file the loader refuses is never hashed."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(path for folder in READING_CODE for path in folder.glob("*.py")):
        digest.update(f"\0{path}\0".encode() + path.read_bytes())
    for directory in directories:  # a missing folder is a problem, another folder another site
        digest.update(f"\0{directory.resolve()}\0{directory.is_dir()}".encode())
    for folder, path in files_in_folders(d for d in directories if d.is_dir()):
        raw, _ = read_file(path, folder)
        if raw is None:
            return None
        digest.update(f"\0{path}\0".encode() + raw)
    return digest.hexdigest()


def _keep(cached: Path, content: Content) -> None:
    """Write the entry whole or not at all, and drop the entries of earlier content: a site keeps
    one (about 300 KB), however often its content is edited under `mkdocs serve`."""
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, cached)
        for earlier in cached.parent.glob(f"{PREFIX}*{SUFFIX}"):
            if earlier != cached:
                earlier.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder costs the next build 50 ms, nothing else
