"""Debian's nginx serving a built site with the example configuration, deploy/nginx.conf.

The one owner of the main configuration that wraps the shipped file, used by `bench/browser.py`
(which measures the site as a visitor gets it from that configuration: compression, pre-compressed
files, caching) and by `tests/browser/` (which checks its headers, and its TLS lines switched on).
The shipped file is a `server` block for an `http` context; this wraps it in a minimal main
configuration and changes only the port, the web root and the path of mime.types (and, for TLS,
the lines marked `#tls:`), each by an exact replacement of a whole line that fails loudly if the
file no longer holds the line it expects. Every response is logged as `<path> <bytes sent>`,
headers included, which is how the benchmark counts the bytes on the wire.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import ssl
import subprocess
import time
import urllib.request
from collections import Counter
from pathlib import Path

NGINX_CONF = Path(__file__).resolve().parents[1] / "deploy/nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SUB_PATH = "/mentoring/"
"""The path deploy/nginx.conf serves the site under."""

# Debian's nginx.conf loads the modules its packages enabled; brotli_static needs this one
# (libnginx-mod-http-brotli-static, which scripts/setup.sh --test installs).
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

MAIN_CONF = """\
{user}
load_module {brotli_module};
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 256; }}
http {{
    log_format sent '$uri $bytes_sent';
    access_log {work}/access.log sent;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/server.conf;
}}
"""


class NginxError(Exception):
    """nginx is missing, does not start, or the configuration no longer holds a line this module
    replaces."""


def replace_line(text: str, old: str, new: str) -> str:
    """`text` with its one line `old` (indentation included) replaced by `new`."""
    lines = text.split("\n")
    if lines.count(old) != 1:
        raise NginxError(f"deploy/nginx.conf no longer holds the line {old!r} exactly once")
    lines[lines.index(old)] = new
    return "\n".join(lines)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def switch_on_tls(server: str, https_port: int, http_port: int, work: Path) -> str:
    """The shipped file with its `#tls:` lines switched on, on test ports, with a fresh
    self-signed certificate in `work`."""
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


class Nginx:
    """`with Nginx(site, work_dir) as server:` serves `site` at `server.url` (under /mentoring/).

    `port`: the port to listen on (any free one by default; Material's instant navigation needs
    the port of the site's `site_url`). `tls`: the file's TLS lines switched on, HTTPS on `port`
    and plain HTTP, which only redirects, on `http_port`. `conf`: another `server` block to serve
    with instead of the shipped one (the benchmark measures a proposed change with it).
    """

    def __init__(
        self, site: Path, work: Path, *, port: int = 0, tls: bool = False, conf: Path = NGINX_CONF
    ) -> None:
        if not Path(NGINX).exists():
            raise NginxError("nginx is missing: scripts/setup.sh --test installs Debian's nginx")
        self.work = work
        self.port = port or free_port()
        self.http_port = free_port() if tls else self.port
        (work / "www").mkdir(parents=True)
        (work / "www" / SUB_PATH.strip("/")).symlink_to(site.resolve())
        server = conf.read_text(encoding="utf-8")
        server = replace_line(server, "    root /srv/www;", f"    root {work / 'www'};")
        server = replace_line(
            server, "    include mime.types;", "    include /etc/nginx/mime.types;"
        )
        if tls:
            server = switch_on_tls(server, self.port, self.http_port, work)
        else:
            server = replace_line(server, "    listen 80;", f"    listen 127.0.0.1:{self.port};")
        (work / "server.conf").write_text(server, encoding="utf-8")
        # As root, nginx's workers would drop to `nobody`, who may not read temporary folders.
        user = "user root;" if os.geteuid() == 0 else ""
        if not Path(BROTLI_MODULE).exists():
            raise NginxError(f"{BROTLI_MODULE} is missing: scripts/setup.sh --test installs "
                             "Debian's libnginx-mod-http-brotli-static")
        (work / "nginx.conf").write_text(
            MAIN_CONF.format(user=user, work=work, brotli_module=BROTLI_MODULE)
        )
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}{SUB_PATH}"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Nginx:
        with (self.work / "nginx.out").open("wb") as output:
            self.process = subprocess.Popen(
                [NGINX, "-c", str(self.work / "nginx.conf"), "-p", str(self.work)],
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        unverified = ssl._create_unverified_context()  # the self-signed certificate, with TLS
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(self.url, timeout=1, context=unverified).close()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.__exit__()
                    log = self.work / "error.log"
                    raise NginxError(
                        "nginx did not start:\n"
                        + (self.work / "nginx.out").read_text()
                        + (log.read_text() if log.exists() else "")
                    ) from None
                time.sleep(0.1)
        self.take_sent()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def take_sent(self) -> Counter[str]:
        """Bytes sent (headers and body, as on the wire) by path since the last call."""
        log = self.work / "access.log"
        sent: Counter[str] = Counter()
        if log.exists():
            for line in log.read_text(encoding="utf-8").splitlines():
                path, _, count = line.rpartition(" ")
                sent[path] += int(count)
            log.write_text("")  # nginx appends, so it writes on from the start
        return sent
