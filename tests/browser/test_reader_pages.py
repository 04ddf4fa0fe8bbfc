"""The pages readers come for, in Chromium: the comparison fits a 1280 px screen and a phone, the
templates and a framework print cleanly on A4, the site's own suggestions are labelled in words, and
glossary terms carry their definition where they appear."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import FloatRect, Page, expect

from bench.site_server import SiteServer
from tests.support.browser import pdf_pages

pytestmark = pytest.mark.browser

MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")
TEMPLATES = ("mentoring-agreement", "first-meeting-agenda", "goals-and-work-plan", "meeting-log",
             "closing-checklist", "check-in")


def page_overflow(page: Page) -> int:
    result: int = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return result


def box(page: Page, selector: str) -> FloatRect:
    found = page.locator(selector).first.bounding_box()
    assert found, f"{selector} is not on the page"
    return found


def test_the_comparison_keeps_order_and_proportion_at_1280_px(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    server = serve(site)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server.url + "compare/")
    assert page_overflow(page) <= 0
    # The order view: stages of the same phase line up, later phases sit to the right.
    stage = ".ms-order-stage[data-framework='{}'][data-stage='{}']"
    initiation = box(page, stage.format("kram", "initiation"))
    assert initiation["x"] == box(page, stage.format("clutterbuck", "rapport-building"))["x"]
    assert initiation["x"] < box(page, stage.format("kram", "cultivation"))["x"]
    expect(page.locator(".ms-order-head")).to_be_visible()
    assert box(page, ".ms-order-where")["width"] <= 1  # the column says it; kept for screen readers
    # The time view: to scale, so Kram's initiation is drawn shorter than cultivation.
    time = ".ms-time-bar[data-stage='{}'] .ms-time-solid"
    shortest = box(page, time.format("initiation"))
    cultivation = box(page, time.format("cultivation"))
    assert shortest["width"] * 3 < cultivation["width"]
    assert shortest["x"] < cultivation["x"]
    # Nothing hides behind the time view's own scroll at this width.
    scroll = page.locator(".ms-time-scroll")
    assert scroll.evaluate("box => box.scrollWidth - box.clientWidth") <= 0
    expect(page.locator(".ms-scroll-cue")).to_be_hidden()


def test_on_a_phone_the_order_view_reflows_and_the_time_view_scrolls_with_a_cue(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    server = serve(site)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server.url + "compare/")
    assert page_overflow(page) <= 0
    # Each framework is a list whose stages say their phase in words.
    expect(page.locator(".ms-order-head")).to_be_hidden()
    expect(page.locator(".ms-order-stage[data-framework='lawrence']")).to_have_count(3)
    where = page.locator(".ms-order-stage[data-framework='lawrence'][data-stage='maintenance'] "
                         ".ms-order-where")
    expect(where).to_be_visible()
    expect(where).to_have_text("late and after the formal relationship")
    stages = page.locator(".ms-order-stage[data-framework='navig8r']")
    assert box(page, ".ms-order-stage[data-framework='navig8r']")["width"] > 300
    first, second = stages.nth(0).bounding_box(), stages.nth(1).bounding_box()
    assert first and second and first["y"] < second["y"]
    # The time view keeps its scale: it scrolls in its own box, says so, and takes the keyboard.
    scroll = page.locator(".ms-time-scroll")
    assert scroll.evaluate("box => box.scrollWidth - box.clientWidth") > 50
    expect(page.locator(".ms-scroll-cue")).to_be_visible()
    expect(scroll).to_have_attribute("tabindex", "0")


def test_a_citation_shows_its_sources_words_on_a_tap_and_from_the_keyboard(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    server = serve(site)
    page.goto(server.url + "frameworks/lawrence/")
    first = page.locator("#stage-trusting ~ ul details.ms-cite-source").first
    expect(first.locator("summary")).to_have_attribute("title", re.compile("building the trusted"))
    words = first.locator(".ms-cite-words")
    expect(words).to_be_hidden()
    first.locator("summary").click()
    expect(words).to_be_visible()
    expect(words).to_contain_text("The trusting phase is all about building the trusted")
    second = page.locator("#stage-trusting ~ ul details.ms-cite-source").nth(1)
    second.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(second.locator(".ms-cite-words")).to_be_visible()


def test_on_paper_the_citations_words_are_footnotes(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    server = serve(site)
    page.goto(server.url + "frameworks/kram/")
    expect(page.locator("ol.ms-notes")).to_be_hidden()
    page.locator("details.ms-cite-source summary").first.click()
    page.emulate_media(media="print")
    notes = page.locator("ol.ms-notes > li")
    expect(notes.first).to_be_visible()
    expect(notes.first).to_contain_text("Professor of Organisational Behaviour")
    expect(page.locator(".ms-note-ref").first).to_be_visible()
    # A panel opened on screen does not print twice: the footnote carries its words.
    expect(page.locator(".ms-cite-words").first).to_be_hidden()


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
    # The form itself, without the box that says where its headings come from.
    expect(page.locator(".ms-template .admonition")).to_be_hidden()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert 1 <= pdf_pages(pdf) <= 2
    width, height = (float(n) for n in MEDIA_BOX.findall(pdf)[0])
    # The meeting log's wide table goes on landscape pages; the other templates stay upright.
    assert (width > height) == (template == "meeting-log")


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
