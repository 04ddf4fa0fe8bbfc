"""Debian's nginx serving a built site with the example configuration, deploy/nginx.conf.

Used by `bench/browser.py`, which measures the site as a visitor gets it from that configuration
(compression, pre-compressed files, caching). The shipped file is a `server` block for an `http`
context; this wraps it in a minimal main configuration and changes only the port, the web root and
the path of mime.types, each by an exact replacement that fails loudly if the file no longer holds
the line it expects. Every response is logged as `<path> <bytes sent>`, headers included, which is
how the benchmark counts the bytes on the wire.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections import Counter
from pathlib import Path

NGINX_CONF = Path(__file__).resolve().parents[2] / "deploy/nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SUB_PATH = "/mentoring/"

MAIN_CONF = """\
{user}
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
    """nginx is missing, or the configuration no longer holds a line this module replaces."""


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise NginxError(f"deploy/nginx.conf no longer holds {old!r} exactly once")
    return text.replace(old, new)


class Nginx:
    """`with Nginx(site, work_dir) as server:` serves `site` at `server.url` (under /mentoring/)."""

    def __init__(self, site: Path, work: Path) -> None:
        if not Path(NGINX).exists():
            raise NginxError("nginx is missing: scripts/setup.sh --test installs Debian's nginx")
        self.work = work
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port: int = probe.getsockname()[1]
        (work / "www").mkdir(parents=True)
        (work / "www" / SUB_PATH.strip("/")).symlink_to(site.resolve())
        server = NGINX_CONF.read_text(encoding="utf-8")
        server = _replace_once(server, "listen 80;", f"listen 127.0.0.1:{self.port};")
        server = _replace_once(server, "root /srv/www;", f"root {work / 'www'};")
        server = _replace_once(server, "include mime.types;", "include /etc/nginx/mime.types;")
        (work / "server.conf").write_text(server, encoding="utf-8")
        # As root, nginx's workers would drop to `nobody`, who may not read temporary folders.
        user = "user root;" if os.geteuid() == 0 else ""
        (work / "nginx.conf").write_text(MAIN_CONF.format(user=user, work=work))
        self.url = f"http://127.0.0.1:{self.port}{SUB_PATH}"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Nginx:
        output = (self.work / "nginx.out").open("wb")
        self.process = subprocess.Popen(
            [NGINX, "-c", str(self.work / "nginx.conf"), "-p", str(self.work)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(self.url, timeout=1).close()
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
