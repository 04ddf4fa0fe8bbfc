"""Fixtures every test folder shares."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Playwright, sync_playwright


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    """One Playwright for the whole run: a second sync_playwright() in the same thread, started
    while the first is running, is refused ("Sync API inside the asyncio loop")."""
    with sync_playwright() as playwright:
        yield playwright
