"""The pages readers come for, in Chromium: the comparison fits a 1280 px screen and a phone, the
templates and a framework print cleanly on A4, the site's own suggestions are labelled in words, and
glossary terms carry their definition where they appear."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bench.site_server import SiteServer
from tests.support.browser import pdf_pages

pytestmark = pytest.mark.browser

TEMPLATES = ("mentoring-agreement", "first-meeting-agenda", "goals-and-work-plan", "meeting-log",
             "closing-checklist")


def page_overflow(page: Page) -> int:
    result: int = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return result


def test_the_comparison_table_shows_every_framework_at_1280_px(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    server = serve(site)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server.url + "compare/")
    box = page.locator(".ms-table-scroll")
    expect(box).to_be_visible()
    assert page_overflow(page) <= 0
    # Nothing hidden behind the table's own sideways scroll: the last column ends inside the box.
    assert box.evaluate("box => box.scrollWidth - box.clientWidth") <= 0
    headers = page.locator(".ms-comparison thead th")
    expect(headers).to_have_count(7)
    right = box.bounding_box()
    last = headers.last.bounding_box()
    assert right and last and last["x"] + last["width"] <= right["x"] + right["width"] + 0.5
    expect(page.locator(".ms-axis-label")).to_contain_text("0 (the pair first meet)")


def test_on_a_phone_the_comparison_is_one_list_per_framework(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    server = serve(site)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server.url + "compare/")
    expect(page.locator(".ms-table-scroll")).to_be_hidden()
    stacked = page.locator(".ms-comparison-stacked")
    expect(stacked).to_be_visible()
    expect(stacked.locator(".ms-stacked-name")).to_have_count(6)
    expect(stacked.locator("li[data-framework='lawrence']")).to_have_count(3)
    expect(stacked.locator("li[data-framework='navig8r']")).to_have_count(4)
    # The wide diagram stays, scrolling in its own box: the page itself does not scroll sideways.
    expect(page.locator("svg.ms-timeline").first).to_be_visible()
    assert page_overflow(page) <= 0


@pytest.mark.parametrize("template", TEMPLATES)
def test_each_template_prints_on_at_most_two_a4_pages_without_the_site_around_it(
    page: Page, serve: Callable[..., SiteServer], site: Path, template: str
) -> None:
    server = serve(site)
    page.goto(server.url + f"toolkit/{template}/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator(".ms-template")).to_be_visible()
    pdf = page.pdf(format="A4")
    assert 1 <= pdf_pages(pdf) <= 2


def test_a_framework_prints_without_the_navigation(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    server = serve(site)
    page.goto(server.url + "frameworks/kram/")
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".ms-stage-strip")).to_be_hidden()
    # Each stage's summary and facts stay on one page with each other.
    expect(page.locator(".ms-facts").first).to_have_css("break-inside", "avoid")


def test_the_sites_own_suggestions_are_labelled_in_words(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    server = serve(site)
    page.goto(server.url + "frameworks/kram/")
    own = page.locator("#stage-separation ~ .ms-roles .ms-own, .ms-stage .ms-own")
    expect(own.first).to_be_visible()
    expect(own.first).to_have_text(re.compile(r"^Our suggestions?$"))


def test_glossary_terms_show_their_definition_where_they_appear(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    server = serve(site)
    page.goto(server.url + "frameworks/navig8r/")
    smart = page.locator("abbr", has_text="SMART").first
    expect(smart).to_have_attribute("title", re.compile("Specific, Measurable"))
    page.goto(server.url + "glossary/")
    expect(page.locator("dt", has_text="psychosocial")).to_be_visible()
