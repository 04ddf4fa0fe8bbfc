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

Only the theme's own scripts move. Turning inline code into a same-origin file is exactly what the
policy exists to prevent, so a script that content managed to put into a page must never move: the
scripts the theme may write are read from its templates at build time (so a Material upgrade
brings its new scripts along, analytics and cookie consent included), and any other inline script,
or a script from a host the site has not declared, none of which the policy would run, fails the
build, naming the page. (Inline event handlers and `javascript:` URLs cannot be moved at all;
keeping them out is the templates' escaping, which tests/browser/test_hostile_content.py checks.)

A site that loads scripts from other hosts (an `extra_javascript` URL, an analytics service)
declares them in the plugin's settings; `policy` is then the header that lets exactly those in,
which the build prints and `mentoring-stages csp` writes for the web server.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from .site_map import ASSETS_DIR

# Every "<script" in the text, whatever the context (a comment, an attribute, a <title>): reading
# more script tags than a browser would can only fail a build, never let one through.
SCRIPT = re.compile(
    r"<script(?=[\s/>])(?P<attrs>[^>]*)>(?P<code>.*?)</script\s*>", re.DOTALL | re.IGNORECASE
)
SCRIPT_START = re.compile(r"<script(?=[\s/>])", re.IGNORECASE)
# Script types a browser keeps as data and never runs (the theme's `__config` is one).
DATA_TYPES = frozenset({"application/json", "application/ld+json"})
JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
JINJA_OTHER = re.compile(r"\{[%#]", re.DOTALL)
# What a template expression may stand for inside a known script: the theme only interpolates
# URLs there (base_url, the storage scope), each inside a string literal, so nothing that could
# end the string, the script or the line.
URL_TEXT = r"[^\"'`\\<>\n]*"
# A script file of the site itself: no scheme, no host (browsers read `\\` as `/`).
SAME_SITE_URL = re.compile(r"^(?![\s/\\]*[/\\]{2})[^:]*$")
SVG_DATA_URL = re.compile(
    r"""url\((?P<quote>["']?)data:image/svg\+xml(?:;charset=utf-8)?,(?P<svg>.*?)(?P=quote)\)"""
)
FILES_DIR = f"{ASSETS_DIR}/inline"
# An origin a site may declare: a scheme and a host (`*.` allowed in front), no path.
ORIGIN = re.compile(r"^https?://(\*\.)?[A-Za-z0-9.-]+(:[0-9]+)?$")

POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    "worker-src": ("'self'",),
    "frame-ancestors": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "object-src": ("'none'",),
}
"""The policy every page runs under without a violation, as deploy/nginx.conf sends it."""


@dataclass(frozen=True)
class Origins:
    """Other hosts a site's pages use: scripts from `scripts`, data sent to `connect` (fetch,
    beacons, the image pings analytics sends)."""

    scripts: tuple[str, ...] = ()
    connect: tuple[str, ...] = ()

    def __or__(self, other: Origins) -> Origins:
        return Origins(tuple(dict.fromkeys(self.scripts + other.scripts)),
                       tuple(dict.fromkeys(self.connect + other.connect)))


ANALYTICS_ORIGINS = {
    "google": Origins(
        scripts=("https://*.googletagmanager.com",),
        connect=("https://*.google-analytics.com", "https://*.analytics.google.com",
                 "https://*.googletagmanager.com"),
    ),
}
"""What Material's analytics providers (`extra.analytics.provider`) load and send to."""


def policy(origins: Origins) -> str:
    """The Content-Security-Policy header value for pages that use `origins`."""
    directives = {name: list(values) for name, values in POLICY.items()}
    directives["script-src"] += origins.scripts
    if origins.connect:
        directives["connect-src"] = ["'self'", *origins.connect]
        directives["img-src"] = ["'self'", *origins.connect]
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


def site_origins(config: MkDocsConfig, scripts: list[str], connect: list[str],
                 pyodide_url: str | None) -> Origins:
    """The origins a site's pages use: the ones it declares, its analytics provider's, and the
    host of `pyodide_url`. PluginError on a declared origin that is no origin."""
    for origin in (*scripts, *connect):
        if not ORIGIN.match(origin):
            raise PluginError(
                f"mentoring-stages: '{origin}' is not an origin; write a scheme and a host, "
                "such as https://stats.example.org, with no path"
            )
    origins = Origins(tuple(scripts), tuple(connect))
    analytics = (config.extra.get("analytics") or {}).get("provider")
    origins |= ANALYTICS_ORIGINS.get(str(analytics), Origins())
    if pyodide_url:
        host = urlsplit(pyodide_url)
        origin = f"{host.scheme}://{host.netloc}"
        origins |= Origins((), (origin,))  # its data only: Pyodide's JavaScript is the site's
    return origins


class UnknownScriptError(PluginError):
    """A page holds script the theme does not write: content reached it as markup."""


def _uri(text: str, suffix: str) -> str:
    return f"{FILES_DIR}/{hashlib.sha256(text.encode()).hexdigest()[:16]}{suffix}"


@dataclass(frozen=True)
class KnownScripts:
    """The inline scripts a theme's templates can write, as patterns of their start tag and code.

    A template expression becomes a hole that matches URL text only, and only where it sits
    inside a string literal; a script with Jinja statements in it, or an expression outside a
    string, is left out, so it could never be moved. Data blocks (`type="application/json"`)
    are known by their start tag alone: the browser never runs them."""

    tags: tuple[re.Pattern[str], ...]
    scripts: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]

    @classmethod
    def from_templates(cls, texts: Iterable[str]) -> KnownScripts:
        tags, scripts = [], []
        for text in texts:
            for match in SCRIPT.finditer(text):
                tag, code = _pattern(match["attrs"]), _pattern(match["code"])
                if tag is not None:
                    tags.append(tag)
                    if code is not None:
                        scripts.append((tag, code))
        return cls(tuple(tags), tuple(scripts))

    def knows(self, attrs: str, code: str) -> bool:
        return any(tag.fullmatch(attrs) and known.fullmatch(code) for tag, known in self.scripts)

    def knows_tag(self, attrs: str) -> bool:
        return any(tag.fullmatch(attrs) for tag in self.tags)


def _pattern(template: str) -> re.Pattern[str] | None:
    if JINJA_OTHER.search(template):
        return None
    parts = JINJA_EXPRESSION.split(template)
    if not _holes_in_strings(parts):
        return None
    return re.compile(URL_TEXT.join(re.escape(part) for part in parts))


def _holes_in_strings(parts: list[str]) -> bool:
    """Whether each hole between `parts` sits inside a '...' or "..." string of the script, as
    JavaScript reads it from the start (Material's analytics puts one in the middle of a URL:
    "https://...?id={{ property }}"). A hole in a template literal, where `${` would run code, or
    outside any string does not count."""
    quote = ""
    for index, part in enumerate(parts):
        if index and quote not in ("'", '"'):
            return False
        escaped = False
        for char in part:
            if escaped:
                escaped = False
            elif quote and char == "\\":
                escaped = True
            elif quote:
                if char == quote:
                    quote = ""
                elif char == "\n" and quote != "`":
                    return False
            elif char in "'\"`":
                quote = char
    return not quote


@cache
def theme_scripts(theme_dirs: tuple[str, ...]) -> KnownScripts:
    """The scripts of every template in the theme's folders (custom_dir first, as MkDocs reads)."""
    return KnownScripts.from_templates(
        path.read_text(encoding="utf-8")
        for directory in theme_dirs
        for path in _templates(directory)
    )


def _templates(directory: str) -> Iterator[Path]:
    for folder, subfolders, names in os.walk(directory):
        # Not into hidden folders: Material's `.icons` holds thousands of SVG files.
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        yield from (Path(folder) / name for name in sorted(names) if name.endswith(".html"))


class _Attributes(HTMLParser):
    """The attributes of one start tag, as a browser reads them (names lowercased, entities
    decoded)."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}
        self.feed(tag)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {name: value or "" for name, value in attrs}


def externalize_scripts(
    html: str, page_url: str | None, where: str, known: KnownScripts, base_path: str = "/",
    script_origins: tuple[str, ...] = (),
) -> tuple[str, dict[str, str]]:
    """The page with each of the theme's inline scripts replaced by a reference, and
    {site path: script text}. `page_url` None is the error page, served at any depth: its
    references are absolute, under `base_path`, as MkDocs makes that page's other links.

    A plain `<script src>` keeps the scripts' order and blocking behaviour. Raises
    UnknownScriptError, naming `where`, on any script the theme does not write, and on a script
    from another host than the site's own and `script_origins`."""
    files: dict[str, str] = {}
    unknown: list[str] = []
    scripts = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal scripts
        scripts += 1
        attrs, code = match["attrs"], match["code"]
        parsed = _Attributes(f"<script{attrs}>").attrs if attrs.strip() else {}
        if "src" in parsed:
            declared = _from_origins(parsed["src"], script_origins)
            if code.strip() or not (SAME_SITE_URL.match(parsed["src"]) or declared):
                unknown.append(match[0])
            return match[0]
        if parsed.get("type", "").strip().lower() in DATA_TYPES and known.knows_tag(attrs):
            return match[0]
        if not known.knows(attrs, code):
            unknown.append(match[0])
            return match[0]
        uri = _uri(code, ".js")
        files[uri] = code
        src = base_path + uri if page_url is None else get_relative_url(uri, page_url)
        return f'<script src="{src}"></script>'

    output = SCRIPT.sub(replace, html)
    if len(SCRIPT_START.findall(html)) != scripts:
        unknown.append("a '<script' that never ends")
    if unknown:
        found = "\n".join(f"  {text[:200]!r}" for text in dict.fromkeys(unknown))
        raise UnknownScriptError(
            f"{where}: script that the theme does not write, which the strict CSP would refuse. "
            "Text from the content must never reach a page as markup; a script of your own "
            "belongs in a file listed under extra_javascript, and a script from another host "
            "needs its origin under the plugin's csp_script_origins (or set strict_csp: false):\n"
            f"{found}"
        )
    return output, files


def _from_origins(url: str, origins: tuple[str, ...]) -> bool:
    """Whether `url` is an https or http URL on one of `origins` (`https://*.host` takes its
    subdomains)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return False
    for origin in origins:
        wanted = urlsplit(origin.replace("*.", "wildcard.", 1))
        host = wanted.hostname or ""
        if parts.scheme != wanted.scheme or parts.port != wanted.port:
            continue
        if origin.split("://", 1)[1].startswith("*."):
            if parts.hostname.endswith(host.removeprefix("wildcard")):
                return True
        elif parts.hostname == host:
            return True
    return False


def externalize_page(
    html: str, page_url: str | None, where: str, config: MkDocsConfig,
    script_origins: tuple[str, ...] = (),
) -> str:
    """externalize_scripts with the theme of `config`, writing the scripts into the site."""
    output, scripts = externalize_scripts(
        html,
        page_url,
        where,
        theme_scripts(tuple(config.theme.dirs)),
        base_path=urlsplit(config.site_url or "/").path,
        script_origins=script_origins,
    )
    for uri, code in scripts.items():
        path = Path(config.site_dir) / uri
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(code, encoding="utf-8")
    return output


def externalize_icons(css: str, css_uri: str) -> tuple[str, dict[str, str]]:
    """The stylesheet with each SVG data URL replaced by a file's URL, and {site path: SVG}."""
    files: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        svg = unquote(match["svg"])
        uri = _uri(svg, ".svg")
        files[uri] = svg
        return f'url("{get_relative_url(uri, css_uri)}")'

    return SVG_DATA_URL.sub(replace, css), files


def externalize_stylesheet_icons(files: Files, config: MkDocsConfig) -> None:
    """Swap the site's stylesheets (the theme's among them) for copies whose data: icons are
    files of the site (`externalize_icons`)."""
    for stylesheet in [file for file in files if file.src_uri.endswith(".css")]:
        css, icons = externalize_icons(stylesheet.content_string, stylesheet.url)
        if not icons:
            continue
        files.remove(stylesheet)
        files.append(File.generated(config, stylesheet.src_uri, content=css))
        for uri, svg in icons.items():
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=svg))
