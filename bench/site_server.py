"""A small threaded HTTP server for a built site, with the misconfigurations the tests need.

Used by the browser tests' fixtures and by `bench/browser.py`. It serves one directory, optionally
under a sub-path (as a site published at https://example.org/mentoring/ would be), optionally with a
Content-Security-Policy header, a wrong MIME type for `.wasm`, or requests that never get an answer.
It counts the bytes it sends per path, which is how the benchmark measures transfers.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'"
"""The policy the site promises to work under (the README's self-hosting page repeats it)."""


@dataclass
class ServerOptions:
    """How to misbehave. The defaults serve the site correctly at the root."""

    prefix: str = "/"
    port: int = 0  # 0: any free port. Material's instant navigation needs the port of `site_url`.
    csp: str | None = None
    wasm_type: str = "application/wasm"
    stall: tuple[str, ...] = ()  # path suffixes whose requests are held until the server stops
    sent: Counter[str] = field(default_factory=Counter)  # bytes of body sent, by request path


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (the base class's own attribute)
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".whl": "application/zip",
    }

    def __init__(
        self, *args: Any, options: ServerOptions, stopping: threading.Event, **kwargs: Any
    ):
        self.options = options
        self.stopping = stopping
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        prefix = self.options.prefix
        if not path.startswith(prefix):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path[len(prefix) :])

    def guess_type(self, path: str | Any) -> str:
        if str(path).endswith(".wasm"):
            return self.options.wasm_type
        return super().guess_type(path)

    def do_GET(self) -> None:
        if any(self.path.split("?")[0].endswith(suffix) for suffix in self.options.stall):
            while not self.stopping.wait(0.1):
                pass
            return
        super().do_GET()

    def end_headers(self) -> None:
        if self.options.csp:
            self.send_header("Content-Security-Policy", self.options.csp)
        # As the self-hosting notes advise: versioned runtime files forever, the rest revalidated.
        versioned = "/pyodide/" in self.path and not self.path.endswith("pyodide-lock.json")
        self.send_header(
            "Cache-Control", "public, max-age=31536000, immutable" if versioned else "no-cache"
        )
        super().end_headers()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        start = source.tell()
        super().copyfile(source, outputfile)
        self.options.sent[self.path.split("?")[0]] += source.tell() - start

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that drops a download it no longer needs is no error worth printing."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """`with SiteServer(site_dir, options) as server:` serves until the block ends; `server.url`."""

    def __init__(self, site_dir: Path, options: ServerOptions | None = None) -> None:
        self.options = options or ServerOptions()
        self.stopping = threading.Event()
        handler = partial(
            _Handler, directory=str(site_dir), options=self.options, stopping=self.stopping
        )
        self.httpd = _Server(("127.0.0.1", self.options.port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}"

    @property
    def url(self) -> str:
        """The site's root URL, with the prefix and a trailing '/'."""
        return self.origin + self.options.prefix

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        time.sleep(0.05)  # let held requests see the stop before their sockets close
