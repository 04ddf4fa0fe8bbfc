"""Move what the theme puts inline into files of the site, so the strict Content-Security-Policy
`default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'` runs every page
without a single violation:

- Material puts a few small inline <script> blocks in every page (palette, local storage scope,
  tabs); `script-src 'self'` without 'unsafe-inline' refuses them.
- Material's stylesheet draws its icons (navigation arrows, admonitions, copy buttons) from
  `data:image/svg+xml` URLs; `img-src`, falling back to `default-src 'self'`, refuses them.

Each script or icon becomes a file named by the hash of its text, referenced relative to the page
or stylesheet that used it, so the result is the same from the root or a sub-path and from one
build to the next.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote

from mkdocs.utils import get_relative_url

INLINE_SCRIPT = re.compile(r"<script>(?P<code>.*?)</script>", re.DOTALL)
SVG_DATA_URL = re.compile(
    r"""url\((?P<quote>["']?)data:image/svg\+xml(?:;charset=utf-8)?,(?P<svg>.*?)(?P=quote)\)"""
)
FILES_DIR = "assets/mentoring-stages/inline"


def _uri(text: str, suffix: str) -> str:
    return f"{FILES_DIR}/{hashlib.sha256(text.encode()).hexdigest()[:16]}{suffix}"


def externalize_scripts(html: str, page_url: str) -> tuple[str, dict[str, str]]:
    """The page with each inline script replaced by a reference, and {site path: script text}.

    A plain `<script src>` keeps the scripts' order and blocking behaviour."""
    files: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        uri = _uri(match["code"], ".js")
        files[uri] = match["code"]
        return f'<script src="{get_relative_url(uri, page_url)}"></script>'

    return INLINE_SCRIPT.sub(replace, html), files


def externalize_icons(css: str, css_uri: str) -> tuple[str, dict[str, str]]:
    """The stylesheet with each SVG data URL replaced by a file's URL, and {site path: SVG}."""
    files: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        svg = unquote(match["svg"])
        uri = _uri(svg, ".svg")
        files[uri] = svg
        return f'url("{get_relative_url(uri, css_uri)}")'

    return SVG_DATA_URL.sub(replace, css), files
