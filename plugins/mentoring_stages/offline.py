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
    revalidated: Iterable[str] = (),
    never_precached: Iterable[str] = (),
) -> Path:
    """Write `SERVICE_WORKER` into `site_dir` for `pages`; return its path.

    `diagnostic_dir` is the site-relative folder of the diagnostic's modules and data; every file in
    it is listed. `runtime_files` are the site-relative paths of the runtime the worker may start
    from, with their sha256 where known ("" to have it read), which never change under their names,
    except those in `revalidated` (the lock file, whose name stays). `never_precached` are listed,
    but kept only once fetched.
    """
    paths: dict[str, bool] = {}  # path: whether the service worker keeps it when installed
    for page in pages:
        html = (site_dir / page.dest_path).read_text(encoding="utf-8")
        paths[page.url] = True
        for path in page_subresources(html, page.url):
            paths.setdefault(path, True)
    folder = site_dir / diagnostic_dir
    for file in sorted(folder.rglob("*")):
        if file.is_file():
            paths.setdefault(file.relative_to(site_dir).as_posix(), True)
    for path in never_precached:
        paths[path] = False
    revalidated = set(revalidated)
    immutable = sorted(set(runtime_files) - revalidated)
    for path in revalidated:
        paths[path] = True

    def digest(path: str) -> str:  # the runtime's are known from shipping it: 45 MB not read again
        known = runtime_files.get(path)
        if known:
            return known if (site_dir / path).is_file() else ""
        return _sha256(site_dir, path)

    files = {path: digest(path) for path in [*paths, *immutable]}
    offline = {
        "files": {path: sha256 for path, sha256 in files.items() if sha256},
        "immutable": [path for path in immutable if files[path]],
        "precache": [path for path, now in paths.items() if now and files[path]],
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
