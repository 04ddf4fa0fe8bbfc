"""Move the theme's inline <script> blocks into files, so a strict Content-Security-Policy
(`script-src 'self'`, no 'unsafe-inline') runs the site without violations.

Material puts a few small inline scripts in every page (palette, local storage scope, tabs). Each
becomes a file named by the hash of its text; pages at the same depth share them, and a plain
`<script src>` keeps their order and blocking behaviour.
"""

from __future__ import annotations

import hashlib
import re

from mkdocs.utils import get_relative_url

INLINE_SCRIPT = re.compile(r"<script>(?P<code>.*?)</script>", re.DOTALL)
SCRIPTS_DIR = "assets/mentoring-stages/inline"


def externalize(html: str, page_url: str) -> tuple[str, dict[str, str]]:
    """The page with each inline script replaced by a reference, and {site path: script text}."""
    files: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        code = match["code"]
        uri = f"{SCRIPTS_DIR}/{hashlib.sha256(code.encode()).hexdigest()[:16]}.js"
        files[uri] = code
        return f'<script src="{get_relative_url(uri, page_url)}"></script>'

    return INLINE_SCRIPT.sub(replace, html), files
