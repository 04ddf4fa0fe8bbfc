"""What a page that holds the diagnostic loads before the theme's own scripts.

Material's bundle (about 40 KB on the wire) is a plain script at the end of the body: the page's
module scripts, the diagnostic's loader among them, run only once it has arrived and run. Two small
changes to the built page, made by the plugin in `on_post_page`, put the diagnostic first:

- `start.mjs`, an async module in the head, starts Python's worker as soon as the diagnostic's
  element has been parsed, before the bundle is even asked for; the loader picks that worker up.
- `search-on-demand.js`, a plain script just before the bundle, holds back the theme's search
  index (its largest file after the diagnostic's own, and lunr's work on it in a worker) until the
  visitor opens search: on this page its bytes and its CPU would compete with Python's start.

Both are files of the site, so the strict CSP runs them; a theme without Material's bundle gets the
first alone.
"""

from __future__ import annotations

import re

from mkdocs.utils import get_relative_url

from .site_map import DIAGNOSTIC_DIR

START = f"{DIAGNOSTIC_DIR}/start.mjs"
SEARCH_ON_DEMAND = f"{DIAGNOSTIC_DIR}/search-on-demand.js"

HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def put_first(html: str, page_url: str) -> str:
    """The built page with the diagnostic's worker started from its head and the theme's search
    index held back until search is used."""
    start = get_relative_url(START, page_url)
    html = HEAD_END.sub(
        lambda end: f'<script type="module" async src="{start}"></script>{end[0]}', html, count=1
    )
    search = get_relative_url(SEARCH_ON_DEMAND, page_url)
    return BUNDLE.sub(lambda bundle: f'<script src="{search}"></script>{bundle[0]}', html, count=1)
