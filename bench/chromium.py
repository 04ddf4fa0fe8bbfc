"""Debian's Chromium as the benchmark and the browser tests launch it."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
"""Debian's Chromium, and the flags that keep it from calling home (refused here, and slow)."""

READY_TIMEOUT_MS = 90_000  # a cold start is 3-6 s here; CI machines may be slower
