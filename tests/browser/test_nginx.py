"""The example web server configuration, deploy/nginx.conf, with Debian's nginx on 127.0.0.1: it
serves the site built for /mentoring/ with the right types, compression, caching and security
headers on every kind of response (the 404 page included), passes a scanner's checklist, runs the
404 page and the diagnostic end to end in Chromium without a console error or a CSP violation, and
keeps other sites from framing it. Its commented TLS lines, switched on, serve HTTPS with HSTS.
A small folder of its own shows what a hostile request gets: nothing outside the site and no
dotfile, redirects that name no host from the request, brotli twins where they exist.

The shipped file is for an `http` context; bench/nginx_server.py wraps it in a minimal main
configuration and changes only the port, the web root and the path of mime.types (and, for TLS, the
lines marked `#tls:`), each by an exact replacement of a whole line that fails loudly if the file no
longer holds the line it expects.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from bench.nginx_server import SUB_PATH, Nginx, NginxError
from bench.site_server import SiteServer
from tests.support.browser import (
    Watch,
    answer_all,
    assert_shows,
    engine_result,
    expect_start,
    runtime_file,
    snapshot_whatever_the_rate,
    some_answers,
    wait_result,
    watch_csp,
)
from tests.support.responses import csp_directives, fetch, strict_policy

pytestmark = pytest.mark.browser

IMMUTABLE = "public, max-age=31536000, immutable"


def no_script_loophole(policy: str | None) -> bool:
    script_src = csp_directives(policy or "").get("script-src", ["*"])
    allowed = {"'self'", "'wasm-unsafe-eval'"}
    return set(script_src) <= allowed


def permissions_refused(policy: str | None) -> bool:
    features = dict(part.strip().partition("=")[::2] for part in (policy or "").split(","))
    return all(features.get(name) == "()" for name in ("camera", "microphone", "geolocation"))


# What a header scanner (Mozilla HTTP Observatory, securityheaders.com, OWASP's secure headers)
# checks, row by row, on every response: (header, test of its value, what the row guards against).
SCANNER_CHECKLIST: list[tuple[str, Callable[[str | None], bool], str]] = [
    (
        "Content-Security-Policy",
        strict_policy,
        "script from elsewhere, framing, <base>, forms, plugins",
    ),
    (
        "Content-Security-Policy",
        no_script_loophole,
        "no 'unsafe-inline', 'unsafe-eval', * or data:",
    ),
    (
        "X-Frame-Options",
        lambda value: value == "DENY",
        "framing, in browsers without frame-ancestors",
    ),
    ("X-Content-Type-Options", lambda value: value == "nosniff", "a file run as another type"),
    ("Referrer-Policy", lambda value: value == "no-referrer", "the page's address sent to sources"),
    ("Permissions-Policy", permissions_refused, "camera, microphone, location asked for"),
    ("Server", lambda value: value == "nginx", "the version an attacker looks up (server_tokens)"),
    ("Cache-Control", lambda value: bool(value), "old and new files mixed after a deploy"),
    ("Access-Control-Allow-Origin", lambda value: value is None, "other sites reading the files"),
    (
        "Cross-Origin-Opener-Policy",
        lambda value: value == "same-origin",
        "another site's window reading or steering a page's",
    ),
    (
        "Cross-Origin-Resource-Policy",
        lambda value: value == "same-origin",
        "another site loading the site's files into its pages",
    ),
]


def every_kind_of_response(site: Path) -> dict[str, tuple[str, int, str, str]]:
    """{kind: (path under the site, status, content type, Cache-Control)}."""
    diagnostic = "assets/mentoring-stages/diagnostic/"
    return {
        "the home page": ("", 200, "text/html", "no-cache"),
        "a page": ("diagnostic/", 200, "text/html", "no-cache"),
        "a missing page, at depth": ("frameworks/nobody/here/", 404, "text/html", "no-cache"),
        "a folder without its slash": ("frameworks", 301, "text/html", "no-cache"),
        "the worker": (diagnostic + "worker.mjs", 200, "text/javascript", "no-cache"),
        "the diagnostic module": (
            diagnostic + "diagnostic.mjs",
            200,
            "text/javascript",
            "no-cache",
        ),
        "the model": (diagnostic + "model.json", 200, "application/json", "no-cache"),
        "a stylesheet": (
            "assets/mentoring-stages/mentoring-stages.css",
            200,
            "text/css",
            "no-cache",
        ),
        "the theme's script": (
            next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix(),
            200,
            "application/javascript",
            "no-cache",
        ),
        "an icon": (
            next(site.glob("assets/mentoring-stages/inline/*.svg")).relative_to(site).as_posix(),
            200,
            "image/svg+xml",
            "no-cache",
        ),
        "Pyodide's wasm": (
            runtime_file(site, "pyodide.asm.wasm"),
            200,
            "application/wasm",
            IMMUTABLE,
        ),
        "Pyodide's module": (runtime_file(site, "pyodide.mjs"), 200, "text/javascript", IMMUTABLE),
        "the engine wheel": (runtime_file(site, "*.whl"), 200, "application/zip", IMMUTABLE),
        "the snapshot": (
            runtime_file(site, "*.snapshot"),
            200,
            "application/octet-stream",
            IMMUTABLE,
        ),
        "the lock file": (
            runtime_file(site, "pyodide-lock.json"),
            200,
            "application/json",
            "no-cache",
        ),
    }


def test_every_response_carries_every_header_and_passes_the_scanners_checklist(
    nginx: str, sub_path_site: Path
) -> None:
    failures = []
    for kind, (path, status, content_type, cache) in every_kind_of_response(sub_path_site).items():
        response = fetch(nginx + path)
        if response.status != status:
            failures.append(f"{kind}: status {response.status}, not {status}")
        if not (response.headers["Content-Type"] or "").startswith(content_type):
            failures.append(f"{kind}: Content-Type {response.headers['Content-Type']}")
        # Every page says it is UTF-8 (nginx leaves the charset off its redirects on purpose: their
        # body is its own few words of ASCII).
        if status != 301 and content_type == "text/html" and not response.headers[
            "Content-Type"
        ].endswith("; charset=utf-8"):
            failures.append(f"{kind}: no charset in {response.headers['Content-Type']}")
        if response.headers["Cache-Control"] != cache:
            failures.append(f"{kind}: Cache-Control {response.headers['Cache-Control']!r}")
        for header, passes, guards in SCANNER_CHECKLIST:
            if not passes(response.headers[header]):
                failures.append(f"{kind}: {header}: {response.headers[header]!r} ({guards})")
        if "Strict-Transport-Security" in response.headers:
            failures.append(f"{kind}: HSTS over plain HTTP, where browsers ignore it")
    assert failures == []


def test_the_404_page_is_the_sites_own_and_names_no_server_version(nginx: str) -> None:
    response = fetch(nginx + "frameworks/nobody/here/")
    assert response.status == 404
    assert b'class="md-content"' in response.body  # Material's page, not nginx's
    assert b"nginx/" not in response.body


@pytest.mark.parametrize(
    "pattern, most",  # the snapshot is 31 MB of interpreter memory, mostly empty
    [("pyodide.asm.wasm", 0.6), ("diagnostic-*.snapshot", 0.35)],
    ids=["wasm", "snapshot"],
)
def test_compression(nginx: str, sub_path_site: Path, pattern: str, most: float) -> None:
    path = runtime_file(sub_path_site, pattern)
    response = fetch(nginx + path, **{"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Vary"] == "Accept-Encoding"  # no cache hands gzip to anyone else
    assert gzip.decompress(response.body) == (sub_path_site / path).read_bytes()
    assert len(response.body) < most * (sub_path_site / path).stat().st_size


def test_the_404_page_runs_under_the_policy_at_any_depth(
    nginx: str, page: Page, watch: Watch
) -> None:
    """Material's 404 template has inline scripts of its own; the build moves them into files
    and refers to them from the site's path, since the page is served at every missing URL."""
    violations = watch_csp(page)
    failed: list[str] = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    watch.expect_errors(r"^Failed to load resource: .* status of 404 \(Not Found\)$")
    missing = [nginx + "nothing-here", nginx + "frameworks/kram/nothing/here/"]
    for url in missing:
        response = page.goto(url)
        assert response is not None and response.status == 404
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof __md_get") == "function"  # the theme's scripts ran
        assert page.locator("h1").inner_text() == "404 - Not found"
    assert violations == []
    assert failed == missing  # every file the page needs is there, from any depth
    # A console error or an uncaught one (`__md_get is not defined`) fails the test in the fixture.


def test_no_other_site_may_frame_a_page(
    nginx: str, page: Page, watch: Watch, serve: Callable[..., SiteServer], tmp_path: Path
) -> None:
    (tmp_path / "framer").mkdir()
    (tmp_path / "framer" / "index.html").write_text(
        '<link rel="icon" href="data:,">'  # no favicon.ico to miss
        f'<iframe src="{nginx}diagnostic/#a=x" width="800" height="600"></iframe>'
    )
    framer = serve(tmp_path / "framer")
    watch.expect_errors(
        "violates the following Content Security Policy directive: \"frame-ancestors 'none'\""
    )
    page.goto(framer.url.replace("127.0.0.1", "localhost"))  # another origin
    page.wait_for_load_state("networkidle")
    (framed,) = page.frames[1:]
    assert not framed.url.startswith(nginx)
    assert watch.errors, "Chromium said nothing of the refused frame"


def test_the_diagnostic_runs_end_to_end_behind_nginx_from_its_snapshot(
    nginx: str, page: Page, watch: Watch, sub_path_site: Path, model: dict[str, Any]
) -> None:
    violations = watch_csp(page)
    snapshot_whatever_the_rate(page)
    page.goto(nginx + "diagnostic/")
    expect_start(page, "snapshot")
    answers = some_answers(model, 2)
    answer_all(page, answers)
    wait_result(page)
    assert_shows(page, engine_result(sub_path_site, {"answers": answers, "text": ""}))
    assert watch.requests and all(url.startswith(nginx) for url in watch.requests)
    assert violations == []


def test_the_tls_lines_serve_https_with_hsts_and_send_plain_http_there(
    tmp_path: Path, sub_path_site: Path
) -> None:
    with Nginx(sub_path_site, tmp_path, tls=True) as server:
        for path in ("", "nothing/here/", runtime_file(sub_path_site, "pyodide.asm.wasm")):
            response = fetch(server.url + path)
            assert response.headers["Strict-Transport-Security"] == "max-age=63072000"
            for header, passes, guards in SCANNER_CHECKLIST:
                assert passes(response.headers[header]), f"{path}: {header} ({guards})"
        response = fetch(
            f"http://127.0.0.1:{server.http_port}{SUB_PATH}diagnostic/?a=1", Host="evil.example"
        )
        assert response.status == 301
        # The configured server_name, whatever the request's Host header says.
        assert response.headers["Location"] == (
            f"https://mentoring.example.org{SUB_PATH}diagnostic/?a=1"
        )


# -- hostile requests, against a small folder of its own ------------------------------------------

BIG = "x" * 5000  # over gzip_min_length


@pytest.fixture
def small_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """nginx with deploy/nginx.conf serving a small site, beside other things under its root: a
    `.git` folder and a file of another site. Yields the site's URL and the root."""
    site = tmp_path / "site"
    files = {
        "index.html": "<p>home", "404.html": "<p>the site's own 404", "frameworks/index.html": "",
        ".htpasswd": "admin:secret", ".git/config": "[core]", "assets/.env": "KEY=secret",
        "assets/twin.js": BIG, "assets/twin.js.br": "the brotli twin", "assets/alone.js": BIG,
    }
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    try:
        with Nginx(site, tmp_path / "nginx") as server:
            root = tmp_path / "nginx" / "www"
            (root / ".git").mkdir()
            (root / ".git" / "config").write_text("[core]", encoding="utf-8")
            (root / "other-site.html").write_text("not this site", encoding="utf-8")
            yield server.url, root
    except NginxError as error:
        pytest.fail(str(error))


@pytest.mark.parametrize(
    "path",
    ["/.git/config", "/other-site.html", "/", "/mentoring/.htpasswd", "/mentoring/.git/config",
     "/mentoring/assets/.env", "/mentoring/assets/%2Eenv", "/mentoring/../.git/config"],
)
def test_nothing_outside_the_site_and_no_dotfile_is_served(
    small_site: tuple[str, Path], path: str
) -> None:
    url, _ = small_site
    response = fetch(url.removesuffix(SUB_PATH) + path)
    assert (response.status, response.body) == (404, b"<p>the site's own 404")
    for header, passes, guards in SCANNER_CHECKLIST[:6]:  # the security headers, on a 404 too
        assert passes(response.headers[header]), f"{path}: {header} ({guards})"


@pytest.mark.parametrize(
    ("path", "location"),
    [("mentoring", "/mentoring/"), ("mentoring/frameworks", "/mentoring/frameworks/")],
)
def test_a_redirect_names_no_host_from_the_request(
    small_site: tuple[str, Path], path: str, location: str
) -> None:
    url, _ = small_site
    response = fetch(url.removesuffix(SUB_PATH) + "/" + path, Host="evil.example")
    assert (response.status, response.headers["Location"]) == (301, location)


@pytest.mark.parametrize(
    ("path", "accepts", "encoding", "body"),
    [
        ("twin.js", "br, gzip", "br", b"the brotli twin"),  # the twin, as it is
        ("twin.js", "gzip", "gzip", BIG.encode()),  # not to a browser without brotli
        ("alone.js", "br, gzip", "gzip", BIG.encode()),  # no twin: compressed on the fly
        ("alone.js", "identity", None, BIG.encode()),
    ],
)
def test_brotli_twins_are_sent_where_they_exist(
    small_site: tuple[str, Path], path: str, accepts: str, encoding: str | None, body: bytes
) -> None:
    url, _ = small_site
    response = fetch(url + "assets/" + path, **{"Accept-Encoding": accepts})
    assert response.status == 200
    assert response.headers["Content-Encoding"] == encoding
    assert response.headers["Vary"] == "Accept-Encoding"
    assert response.headers["Content-Type"] == "application/javascript; charset=utf-8"
    sent = gzip.decompress(response.body) if encoding == "gzip" else response.body
    assert sent == body
