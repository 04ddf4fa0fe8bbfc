"""The diagnostic offline after one visit: the service worker that keeps its files, and their list.

A mentor who opened the diagnostic once can open it again with no connection (a session in a room
with no signal) and get results. `write_service_worker` writes `service_worker.js` into the root of
the built site, as `SERVICE_WORKER`, with the files it may keep and the sha256 of each, read from
the built site after MkDocs wrote it:

- each page that holds the diagnostic, and the stylesheets and scripts it names (the theme's
  bundle, its stylesheets, the scripts strict_csp.py moved out of the page), which the service
  worker keeps as soon as it is installed;
- the diagnostic's own folder (its modules, the model, the precomputed results), kept the same
  way but for the files a first visit may never fetch (the precomputed pairs);
- the runtime the page's worker starts from, which never changes under its name (a version or a
  sha256 in it): the worker keeps those itself, with the bytes it checked.

The root, because a service worker controls what lies under its own folder: the page, and the
worker that runs Python, whose script is under assets/. Its fetch handler answers for the listed
files only; every other request of the site goes to the network untouched. A new build writes a
new list, so the browser replaces the service worker and the cache drops what the build no longer
lists. The service worker is the site's own file, under the strict CSP's `worker-src 'self'`.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .compress import file_sha256

SERVICE_WORKER = "mentoring-stages-offline.js"
"""The service worker's path in the built site: its root, so that its scope covers everything."""

TEMPLATE = Path(__file__).with_name("service_worker.js")

KEPT_LINKS = frozenset({"stylesheet", "icon", "modulepreload"})


@dataclass(frozen=True)
class DiagnosticPage:
    """A page that holds the diagnostic: its URL and its file, relative to the site's root (the
    home page's URL is "./": an empty one would name the service worker itself)."""

    url: str
    dest_path: str

    @classmethod
    def of(cls, url: str, dest_path: str) -> DiagnosticPage:
        return cls(url or "./", dest_path)


class _Subresources(HTMLParser):
    """The URLs of a page's scripts and of the stylesheets, icons and modules it links."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.urls.append(values["src"] or "")
        elif tag == "link" and KEPT_LINKS & set((values.get("rel") or "").split()):
            self.urls.append(values.get("href") or "")


def page_subresources(html: str, page_url: str) -> list[str]:
    """The site-relative paths of the files `html` (the page at `page_url`) loads from its own
    site; links to other hosts, absolute paths and data: URLs are none of its files."""
    parser = _Subresources()
    parser.feed(html)
    paths = []
    for url in parser.urls:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith(("/", "\\")) or not parts.path:
            continue
        folder = posixpath.dirname(page_url.removeprefix("./"))
        joined = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        if not joined.startswith("../"):
            paths.append(joined)
    return paths


def write_service_worker(
    site_dir: Path,
    pages: Iterable[DiagnosticPage],
    *,
    diagnostic_dir: str,
    runtime_files: dict[str, str],
    cache_first: Iterable[str],
    precached: Iterable[str],
    revalidated: Iterable[str],
) -> Path:
    """Write `SERVICE_WORKER` into `site_dir` for `pages`; return its path.

    `diagnostic_dir` is the site-relative folder of the diagnostic's modules; every file in it is
    listed. `runtime_files` are the site-relative paths of the runtime's files, each with its
    sha256 where known ("" to have it read). Of those, the service worker answers for
    `cache_first` (Pyodide's JavaScript, which the worker imports, and the precomputed results,
    which the page fetches: files that never change under their names) from its cache first, for
    `revalidated` (the lock file, whose name stays) from the network first, and keeps `precached`
    when it is installed; the rest (the data the worker checks) the worker keeps and reads itself,
    and the service worker leaves their requests alone.
    """
    page_files: list[str] = []
    for page in pages:
        html = (site_dir / page.dest_path).read_text(encoding="utf-8")
        page_files += [page.url, *page_subresources(html, page.url)]
    folder = site_dir / diagnostic_dir
    page_files += [file.relative_to(site_dir).as_posix() for file in sorted(folder.rglob("*"))
                   if file.is_file()]
    revalidated = list(revalidated)
    page_files = list(dict.fromkeys([*page_files, *revalidated]))

    def digest(path: str) -> str:  # the runtime's are known from shipping it: 45 MB not read again
        known = runtime_files.get(path)
        if known:
            return known if (site_dir / path).is_file() else ""
        return _sha256(site_dir, path)

    files = {path: digest(path) for path in [*page_files, *runtime_files]}
    files = {path: sha256 for path, sha256 in files.items() if sha256}  # the site's own only
    cache_first = [path for path in cache_first if path in files]
    answered = {*page_files, *cache_first}
    offline = {
        "files": files,
        "cacheFirst": cache_first,
        "precache": [path for path in [*page_files, *precached] if path in files],
        "workerKeeps": [path for path in files if path not in answered],
    }
    text = f"const OFFLINE = {json.dumps(offline, indent=1)};\n\n" + TEMPLATE.read_text("utf-8")
    target = site_dir / SERVICE_WORKER
    target.write_text(text, encoding="utf-8")
    return target


def _sha256(site_dir: Path, path: str) -> str:
    """The sha256 of the built file at `path` (a page's URL names its index.html); "" when the
    site has no such file."""
    file = site_dir / path
    if path.endswith("/"):
        file = file / "index.html"
    return file_sha256(file) if file.is_file() else ""
