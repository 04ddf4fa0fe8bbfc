"""The diagnostic's build artefacts, and what the pages and the service worker say about them.

One owner for everything the diagnostic page needs from the build: the compiled model (loaded by
the engine once), the runtime (`runtime.py`), the memory snapshot (`snapshot.py`), the precomputed
results (`precomputed.py`), the table of URLs the page's block asks for, the list of files the
worker may download with their sizes and digests, and the service worker's list (`offline.py`).

Everything that can fail on bad content or a broken runtime happens in `compile_diagnostic` and
`ship`, which the plugin calls before MkDocs cleans the site directory; both raise
`DiagnosticAssetsError` with the message to show.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils import get_relative_url
from stage_diagnostic.model import Model, model_text
from stage_diagnostic.survey import survey_files

from . import compress, offline, precomputed, runtime, shipped, site_map, snapshot
from .content import Content
from .diagnostic_model import ModelCompileError, compile_and_read
from .language import Words
from .precomputed import Precomputed
from .pyodide_files import CODE_FILES, WORKER_ROLES
from .runtime import ShippedFile, ShippedRuntime
from .snapshot import ShippedSnapshot

Say = Callable[[str], None]


class DiagnosticAssetsError(Exception):
    """The diagnostic cannot be built; the message is the whole report for the author."""


@dataclass(frozen=True)
class CompiledDiagnostic:
    """The engine's model for the site, as a document, as the shipped text and as the engine
    reads it (loaded once: the survey files and the cohort page both read it)."""

    document: dict[str, Any]
    text: str
    model: Model
    pyodide_dir: Path


def compile_diagnostic(
    content: Content,
    *,
    wanted: bool,
    show: Sequence[str] | None,
    words: Words,
    node_modules: Path,
    note: Say,
    warn: Say,
) -> CompiledDiagnostic | None:
    """The model, when the site has a diagnostic: it is `wanted` (the `diagnostic` setting), the
    content has its questions and Pyodide's files are installed. Compiled from all the content: a
    hidden framework's stages still place evidence. Says why when it is left out."""
    if not wanted:
        return None
    if content.diagnostic is None:
        # A note, not a warning: `shipped_content: false` alone must build under --strict.
        note(
            "the diagnostic is left out: the content has no diagnostic.yaml (the questions). "
            "Keep `shipped_content: true`, add one, or set `diagnostic: false`."
        )
        return None
    if compress.BROTLI_MODULE is None:
        note(compress.NO_BROTLI_NOTE)
    pyodide_dir = shipped.pyodide_dir(node_modules)
    if pyodide_dir is None:
        warn(
            "the diagnostic is left out: Pyodide's files are not installed. Install "
            "mentoring-stages from its wheel, or run `npm ci` beside mkdocs.yml."
        )
        return None
    try:
        document, model = compile_and_read(content, show, words)
    except ModelCompileError as error:
        raise DiagnosticAssetsError(
            f"The diagnostic model has errors, so nothing was built.\n{error}"
        ) from None
    return CompiledDiagnostic(document, model_text(document), model, pyodide_dir)


@dataclass(frozen=True)
class DiagnosticAssets:
    """The diagnostic's shipped files, for the site's pages and its service worker."""

    compiled: CompiledDiagnostic
    runtime: ShippedRuntime
    snapshot: ShippedSnapshot | None
    precomputed: Precomputed
    pyodide_url: str | None  # where Pyodide's data comes from, when not from the site

    @property
    def runtime_dir(self) -> str:
        return site_map.runtime_dir(self.runtime.relative_dir)

    def site_files(self) -> dict[str, str | Path]:
        """What the build adds to the site, by site path: text, or the file to copy."""
        files: dict[str, str | Path] = {site_map.MODEL_FILE: self.compiled.text}
        for name, text in survey_files(self.compiled.model).items():
            files[site_map.SURVEY_DIR + name] = text
        for runtime_file in sorted(self.runtime.directory.iterdir()):
            files[self.runtime_dir + runtime_file.name] = runtime_file
        return files

    def _site_paths(self) -> dict[str, str]:
        paths = {
            "model": site_map.MODEL_FILE,
            "worker": site_map.WORKER_FILE,
            "lock": self.runtime_dir + self.runtime.lock_file,
            "wheel": self.runtime_dir + self.runtime.wheel_file,
            "precomputed": self.runtime_dir + self.precomputed.singles.name,
            "offline": offline.SERVICE_WORKER,
        }
        if self.snapshot is not None:
            paths["snapshot"] = self.runtime_dir + self.snapshot.snapshot.name
            paths["stdlib"] = self.runtime_dir + self.snapshot.stdlib.name
        return paths

    def url(self, name: str, page_url: str) -> str:
        """The URL the diagnostic's block writes for `name`, from the page at `page_url`: a file
        (model, worker, lock, wheel, snapshot, stdlib, precomputed, offline: the service worker),
        where Pyodide's data and JavaScript come from (runtime, code: folders), the worker's
        list of files (files, JSON) or Pyodide's files by the worker's name for each (pyodide,
        JSON)."""
        if name in ("snapshot", "stdlib") and self.snapshot is None:
            return ""  # the template leaves the attribute out
        if name in ("runtime", "code"):
            if name == "runtime" and self.pyodide_url:
                return self.pyodide_url
            module = WORKER_ROLES["module"]
            return get_relative_url(self.runtime_dir + module, page_url).removesuffix(module)
        if name == "files":
            return json.dumps(self.worker_files(page_url), separators=(",", ":"))
        if name == "pyodide":
            folders = {kind: self.url(kind, page_url) for kind in ("code", "runtime")}
            roles = {role: folders["code" if file in CODE_FILES else "runtime"] + file
                     for role, file in WORKER_ROLES.items()}
            return json.dumps(roles, separators=(",", ":"))
        return get_relative_url(self._site_paths()[name], page_url)

    def _downloads(self) -> list[ShippedFile]:
        """The files the worker downloads and checks: Pyodide's, the wheel, the snapshot's."""
        files = [*self.runtime.core_files.values(), self.runtime.wheel]
        if self.snapshot is not None:
            files += [self.snapshot.snapshot, self.snapshot.stdlib]
        return files

    def worker_files(self, page_url: str) -> dict[str, list[int | str]]:
        """What the worker may download, by URL: [size, sha256, gzip size, brotli size], recorded
        now, so that the page counts its progress in bytes of a known total and the worker checks
        every file. Pyodide's JavaScript is listed where the site serves it, its data where
        `pyodide_url` may put it."""
        folders = {kind: self.url(kind, page_url) for kind in ("code", "runtime")}
        listed = {
            folders["code" if name in CODE_FILES else "runtime"] + name: file.for_worker()
            for name, file in self.runtime.core_files.items()
        }
        listed[self.url("wheel", page_url)] = self.runtime.wheel.for_worker()
        if self.snapshot is not None:
            listed[self.url("snapshot", page_url)] = self.snapshot.snapshot.for_worker()
            listed[self.url("stdlib", page_url)] = self.snapshot.stdlib.for_worker()
        return listed

    def write_service_worker(
        self, site_dir: Path, pages: Sequence[offline.DiagnosticPage]
    ) -> None:
        """The service worker that keeps the diagnostic's files, from the files as built in
        `site_dir`, for `pages` (those that hold the diagnostic); none when there are none."""
        if not pages:
            return
        digests = {self.runtime_dir + file.name: file.sha256 for file in self._downloads()}
        singles = self.runtime_dir + self.precomputed.singles.name
        pairs = self.runtime_dir + self.precomputed.pairs.name
        lock = self.runtime_dir + self.runtime.lock_file
        digests |= {singles: "", pairs: "", lock: ""}  # small: read from the site
        offline.write_service_worker(
            site_dir,
            pages,
            diagnostic_dir=site_map.DIAGNOSTIC_DIR,
            runtime_files=digests,
            cache_first=[*(self.runtime_dir + name for name in CODE_FILES), singles, pairs],
            precached=[singles],  # the pairs only when a visitor needs them
            revalidated=[lock],
        )


def ship(
    compiled: CompiledDiagnostic,
    *,
    cache_dir: Path,
    with_snapshot: bool,
    default_framework: str | None,
    pyodide_url: str | None,
    note: Say,
    warn: Say,
) -> DiagnosticAssets:
    """Build the engine wheel and gather Pyodide's files, the snapshot and the precomputed results
    in a staging folder under `cache_dir`, before the site directory is cleaned, so a broken
    runtime fails the build without losing the site."""
    try:
        shipped_runtime = runtime.ship_runtime(
            cache_dir / "runtime",
            node_modules=compiled.pyodide_dir.parent,
            engine_source=runtime.engine_source(),
            cache_dir=cache_dir / "wheels",
            twins_cache=cache_dir / compress.TWINS_DIR,
            include_data=pyodide_url is None,
        )
    except runtime.RuntimeShippingError as error:
        raise DiagnosticAssetsError(
            f"mentoring-stages: cannot ship the diagnostic runtime: {error}"
        ) from None
    shipped_snapshot = _ship_snapshot(
        shipped_runtime, compiled.pyodide_dir, cache_dir / "snapshots", with_snapshot, note, warn
    )
    try:
        results = precomputed.ship_precomputed(
            shipped_runtime.directory,
            compiled.text,
            shipped_runtime.wheel_sha256,
            cache_dir / "precomputed",
            default_framework,  # the headline the page asks for first
        )
    except precomputed.PrecomputeError as error:
        raise DiagnosticAssetsError(f"mentoring-stages: the diagnostic's engine: {error}") from None
    return DiagnosticAssets(compiled, shipped_runtime, shipped_snapshot, results, pyodide_url)


def _ship_snapshot(
    shipped_runtime: ShippedRuntime,
    pyodide_dir: Path,
    cache_dir: Path,
    wanted: bool,
    note: Say,
    warn: Say,
) -> ShippedSnapshot | None:
    """Make (or reuse) the memory snapshot the page starts from, into the staging folder.

    The page starts the plain way without one, so no snapshot never stops the build by itself:
    no Node is worth a note; a snapshot that fails to be made is a warning, which `--strict`
    turns into a failed build, saying how to build without it.
    """
    if wanted:
        try:
            return snapshot.ship_snapshot(
                shipped_runtime, pyodide_dir=pyodide_dir, cache_dir=cache_dir, progress=note
            )
        except snapshot.NodeNotFound as error:
            note(f"{error}: the diagnostic will start without a snapshot")
        except snapshot.SnapshotError as error:
            warn(
                f"the diagnostic will start without a snapshot, more slowly: {error}\n"
                "Set `snapshot: false` for the plugin to build without one."
            )
    # Snapshots left in the staging folder by a build before.
    snapshot.remove_snapshots(shipped_runtime.directory)
    return None
