"""Responses as a server sends them, read without a browser: one request, and the site's policy."""

from __future__ import annotations

import http.client
import ssl
from dataclasses import dataclass
from typing import Any

from bench.site_server import STRICT_CSP


@dataclass
class Response:
    status: int
    headers: Any
    body: bytes


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
