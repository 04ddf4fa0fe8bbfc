"""Material's own features work on the generated site, offline and under the strict CSP: search
finds the frameworks' content, the light/dark toggle switches and is remembered, and a framework's
stages sit in one row."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bench.site_server import STRICT_CSP, SiteServer

pytestmark = pytest.mark.browser


def test_search_finds_text_from_the_yaml(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    server = serve(site, csp=STRICT_CSP)
    page.goto(server.url)
    page.get_by_role("textbox", name="Search").first.click()
    page.keyboard.type("Clutterbuck rapport")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text("Rapport")
    results.first.locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/frameworks/clutterbuck/"))


def test_the_palette_toggle_switches_and_is_remembered(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    server = serve(site, csp=STRICT_CSP)
    page.emulate_media(color_scheme="light")
    page.goto(server.url + "compare/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("label[title='Switch to dark mode']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(server.url + "frameworks/kram/")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


def test_a_frameworks_stages_sit_in_one_row_of_pills(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    """Material's list rules are specific enough to stack them in an indented column otherwise."""
    server = serve(site)
    page.goto(server.url + "frameworks/kram/")
    pills = page.locator(".ms-stage-strip a")
    expect(pills).to_have_count(4)
    boxes = [pills.nth(i).bounding_box() for i in range(4)]
    tops = {round(box["y"]) for box in boxes if box}
    assert len(tops) == 1, boxes
    expect(pills.first).to_have_css("text-decoration-line", "none")
