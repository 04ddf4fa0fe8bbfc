"""The example web server configuration, deploy/nginx.conf, with Debian's nginx on 127.0.0.1: it
serves the site built for /mentoring/ with the right types, compression, caching and security
headers on every kind of response (the 404 page included), passes a scanner's checklist, runs the
404 page and the diagnostic end to end in Chromium without a console error or a CSP violation, and
keeps other sites from framing it. Its commented TLS lines, switched on, serve HTTPS with HSTS.

The shipped file is for an `http` context; the test wraps it in a minimal main configuration and
changes only the port, the web root and the path of mime.types, each by an exact replacement of a
whole line that fails loudly if the file no longer holds the line it expects.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    SUB_PATH,
    Watch,
    answer,
    assert_shows,
    engine_result,
    some_answers,
    wait_ready,
    wait_result,
)
from playwright.sync_api import Page
from site_server import STRICT_CSP, SiteServer

pytestmark = pytest.mark.browser

NGINX_CONF = Path(__file__).resolve().parents[2] / "deploy/nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

MAIN_CONF = """\
{user}
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/server.conf;
}}
"""

IMMUTABLE = "public, max-age=31536000, immutable"


def csp_directives(policy: str) -> dict[str, list[str]]:
    directives = (part.split() for part in policy.split(";") if part.strip())
    return {name.lower(): values for name, *values in directives}


def strict_policy(policy: str | None) -> bool:
    """The site's promised policy, word for word, plus the directives default-src does not cover."""
    directives = csp_directives(policy or "")
    return (
        all(directives.get(name) == values for name, values in csp_directives(STRICT_CSP).items())
        and directives.get("frame-ancestors") == ["'none'"]
        and directives.get("base-uri") == ["'self'"]
        and directives.get("form-action") == ["'self'"]
        and directives.get("object-src") == ["'none'"]
    )


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
]


@dataclass
class Response:
    status: int
    headers: Any
    body: bytes


def replace_line(text: str, old: str, new: str) -> str:
    lines = text.split("\n")
    assert lines.count(old) == 1, f"deploy/nginx.conf no longer holds the line {old!r} exactly once"
    lines[lines.index(old)] = new
    return "\n".join(lines)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def start_nginx(work: Path, server: str, probe: str) -> subprocess.Popen[bytes]:
    """nginx with `server` as its whole http configuration, once `probe` answers."""
    (work / "server.conf").write_text(server, encoding="utf-8")
    # As root, nginx's workers would drop to `nobody`, who may not read pytest's temporary folders.
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(MAIN_CONF.format(user=user, work=work))
    output = work / "nginx.out"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    unverified = ssl._create_unverified_context()
    deadline = time.monotonic() + 10
    while True:
        try:
            urllib.request.urlopen(probe, timeout=1, context=unverified).close()
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait()
                log = work / "error.log"
                pytest.fail(
                    f"nginx did not start:\n{output.read_text()}\n"
                    + (log.read_text() if log.exists() else "")
                )
            time.sleep(0.1)


def shipped_server(work: Path, site: Path) -> str:
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: scripts/setup.sh --test installs Debian's nginx")
    (work / "www").mkdir()
    (work / "www" / SUB_PATH.strip("/")).symlink_to(site)
    server = NGINX_CONF.read_text(encoding="utf-8")
    server = replace_line(server, "    root /srv/www;", f"    root {work / 'www'};")
    return replace_line(server, "    include mime.types;", "    include /etc/nginx/mime.types;")


@pytest.fixture
def nginx(tmp_path: Path, sub_path_site: Path, sub_path_port: int) -> Iterator[str]:
    """nginx serving the /mentoring/ build with deploy/nginx.conf; yields the site's URL."""
    server = shipped_server(tmp_path, sub_path_site)
    server = replace_line(server, "    listen 80;", f"    listen 127.0.0.1:{sub_path_port};")
    url = f"http://127.0.0.1:{sub_path_port}{SUB_PATH}"
    process = start_nginx(tmp_path, server, url)
    yield url
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str, **headers: str) -> Response:
    """One request, redirects and errors included, as they come."""
    scheme, _, rest = url.partition("://")
    host, _, path = rest.partition("/")
    connection: http.client.HTTPConnection
    if scheme == "https":
        connection = http.client.HTTPSConnection(
            host, timeout=10, context=ssl._create_unverified_context()
        )
    else:
        connection = http.client.HTTPConnection(host, timeout=10)
    try:
        connection.request("GET", "/" + path, headers=headers)
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


def runtime_file(site: Path, pattern: str) -> str:
    """The path, under the site, of one of the shipped runtime files."""
    (found,) = site.glob(f"assets/mentoring-stages/pyodide/*/{pattern}")
    return found.relative_to(site).as_posix()


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


def test_compression(nginx: str, sub_path_site: Path) -> None:
    wasm = runtime_file(sub_path_site, "pyodide.asm.wasm")
    response = fetch(nginx + wasm, **{"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.body) == (sub_path_site / wasm).read_bytes()
    assert len(response.body) < 0.6 * (sub_path_site / wasm).stat().st_size


def watch_csp(page: Page) -> list[str]:
    violations: list[str] = []
    page.expose_function("reportViolation", lambda text: violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (event) =>"
        " window.reportViolation(`${event.effectiveDirective} ${event.blockedURI}`));"
    )
    return violations


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


def test_the_diagnostic_runs_end_to_end_behind_nginx(
    nginx: str, page: Page, watch: Watch, sub_path_site: Path, model: dict[str, Any]
) -> None:
    violations = watch_csp(page)
    page.goto(nginx + "diagnostic/")
    wait_ready(page)
    answers = some_answers(model, 2)
    for question, option in answers.items():
        answer(page, question, option)
    wait_result(page)
    assert_shows(page, engine_result(sub_path_site, {"answers": answers, "text": ""}))
    assert watch.requests and all(url.startswith(nginx) for url in watch.requests)
    assert violations == []


def tls_server(server: str, https_port: int, http_port: int, work: Path) -> str:
    """The shipped file with its `#tls:` lines switched on, on test ports, with a fresh
    self-signed certificate."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    server = replace_line(server, "    listen 80;", "")
    server = re.sub(r"^( *)#tls: ", r"\1", server, flags=re.MULTILINE)
    server = replace_line(
        server, "    listen 443 ssl http2;", f"    listen 127.0.0.1:{https_port} ssl http2;"
    )
    server = replace_line(server, "    listen *:80;", f"    listen 127.0.0.1:{http_port};")
    server = replace_line(
        server,
        "    ssl_certificate /etc/ssl/certs/mentoring.example.org.pem;",
        f"    ssl_certificate {work / 'cert.pem'};",
    )
    return replace_line(
        server,
        "    ssl_certificate_key /etc/ssl/private/mentoring.example.org.key;",
        f"    ssl_certificate_key {work / 'key.pem'};",
    )


def test_the_tls_lines_serve_https_with_hsts_and_send_plain_http_there(
    tmp_path: Path, sub_path_site: Path
) -> None:
    https_port, http_port = free_port(), free_port()
    server = tls_server(shipped_server(tmp_path, sub_path_site), https_port, http_port, tmp_path)
    url = f"https://127.0.0.1:{https_port}{SUB_PATH}"
    process = start_nginx(tmp_path, server, url)
    try:
        for path in ("", "nothing/here/", runtime_file(sub_path_site, "pyodide.asm.wasm")):
            response = fetch(url + path)
            assert response.headers["Strict-Transport-Security"] == "max-age=63072000"
            for header, passes, guards in SCANNER_CHECKLIST:
                assert passes(response.headers[header]), f"{path}: {header} ({guards})"
        response = fetch(f"http://127.0.0.1:{http_port}{SUB_PATH}diagnostic/?a=1")
        assert response.status == 301
        assert response.headers["Location"] == f"https://127.0.0.1{SUB_PATH}diagnostic/?a=1"
    finally:
        process.terminate()
        process.wait(timeout=10)
