"""axe-core over every built page, in the light and the dark palette, and over the diagnostic in its
loading, question and result states: no serious or critical violation.

axe-core is the npm package pinned in package.json (`npm ci` installs it); it is added to each page
as an init script, which the browser runs before the page's own and outside its CSP.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import pytest
from playwright.sync_api import Page, expect

from bench.site_server import SiteServer
from tests.support.axe import COLOUR_RULES, add_axe, built_pages, serious_violations
from tests.support.browser import answer, assert_shows, engine_result, wait_ready, wait_result

pytestmark = pytest.mark.browser

SCHEMES: dict[str, Literal["light", "dark"]] = {"default": "light", "slate": "dark"}
"""Material's palette scheme -> the colour scheme the browser reports, which picks it."""


@pytest.fixture
def axe_page(page: Page) -> Page:
    try:
        add_axe(page)
    except FileNotFoundError as error:
        pytest.fail(str(error))
    return page


def show(page: Page, url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=SCHEMES[scheme])
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_has_no_serious_violations(
    axe_page: Page, serve: Callable[..., SiteServer], site: Path, scheme: str,
) -> None:
    """Every rule in the light palette; in the dark one, whose pages differ only in colour, the
    rules about colour. The diagnostic's page is left to the test below, which runs every rule
    on each of its states in both. A site made by `mentoring-stages new` has the same palette,
    templates and shipped pages; every page of one, installed from the wheel, is checked with
    every rule in tests/package/test_installed.py."""
    rules = None if scheme == "default" else COLOUR_RULES
    server = serve(site)
    pages = built_pages(site)
    assert "diagnostic/" in pages and "compare/" in pages  # the walk found the real site
    found = {}
    for path in pages:
        if path == "diagnostic/":
            continue
        show(axe_page, server.url + path, scheme)
        if violations := serious_violations(axe_page, rules):
            found[path] = violations
    assert not found, json.dumps(found, indent=2)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_new_sites_diagnostic_has_no_serious_violations(
    axe_page: Page, serve: Callable[..., SiteServer], new_site: Path, scheme: str
) -> None:
    server = serve(new_site)
    show(axe_page, server.url + "diagnostic/", scheme)
    wait_ready(axe_page)
    assert serious_violations(axe_page) == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_diagnostic_states_have_no_serious_violations(
    axe_page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any], scheme: str
) -> None:
    # The wasm is held back, so the page stays in its loading state while axe looks at it.
    stalled = serve(site, stall=(".wasm",))
    show(axe_page, stalled.url + "diagnostic/", scheme)
    expect(axe_page.locator("[data-msd]")).to_have_attribute("data-msd-state", "downloading")
    assert serious_violations(axe_page) == []

    server = serve(site)
    show(axe_page, server.url + "diagnostic/", scheme)
    wait_ready(axe_page)
    assert serious_violations(axe_page) == []  # the questions, nothing answered yet

    for question in model["questions"][:4]:
        answer(axe_page, question["id"], question["options"][0]["id"])
    wait_result(axe_page)
    assert serious_violations(axe_page) == []

    # Someone else's answers from a link, then compared with mine, then one framework.
    axe_page.get_by_role("button", name="Copy a link to my answers").click()
    axe_page.mouse.move(0, 0)  # the theme's hover colours are not what is tested here
    show(axe_page, axe_page.locator("[data-msd-link]").input_value(), scheme)
    expect(axe_page.locator("[data-msd-banner]")).to_be_visible()
    wait_result(axe_page)
    assert serious_violations(axe_page) == []
    axe_page.get_by_role("button", name="Compare with mine").click()
    answer(axe_page, model["questions"][0]["id"], model["questions"][0]["options"][-1]["id"])
    expect(axe_page.locator("[data-msd-banner] [data-msd-comparison]")).to_be_visible()
    axe_page.get_by_label("Show").select_option(model["frameworks"][0]["id"])
    assert serious_violations(axe_page) == []


def test_the_whole_questionnaire_with_the_keyboard_alone(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    """From the top of the page, Tab and Space only: every question answered, the result shown;
    then an arrow key changes an answer, and the result follows."""
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    focused = "document.activeElement"
    for _ in range(400):
        page.keyboard.press("Tab")
        in_questions = page.evaluate(f"!!{focused}.closest('[data-msd-question]')")
        if in_questions and page.evaluate(f"{focused}.type === 'radio' && !{focused}.checked"):
            page.keyboard.press("Space")  # Tab lands on a group's first radio while none is checked
        if page.locator("input[name^='msd-q-']:checked").count() == len(model["questions"]):
            break
    first_options = {q["id"]: q["options"][0]["id"] for q in model["questions"]}
    for question, option in first_options.items():
        expect(page.locator(f"input[name='msd-q-{question}'][value='{option}']")).to_be_checked()
    wait_result(page)
    expected = engine_result(site, {"answers": first_options, "text": ""})
    assert_shows(page, expected)
    # One live region, which says the headline in one short sentence.
    announcer = page.locator("[data-msd-announce]")
    live = page.locator("[data-msd-result] [aria-live], [data-msd-result] [role=status]")
    expect(live).to_have_count(1)
    expect(announcer).to_have_attribute("role", "status")
    one_sentence = r"^(Most likely [^.]+\. [^.]+|Not enough to tell yet)\.$"
    expect(announcer).to_have_text(re.compile(one_sentence))
    # The arrow keys move a group's choice, as in any radio group; stepping through the options
    # is not read out at every step, only the headline it settles on, once.
    page.evaluate(
        "() => { window.announced = [];"
        " new MutationObserver(() => window.announced.push(document.querySelector("
        "'[data-msd-announce]').textContent)).observe(document.querySelector("
        "'[data-msd-announce]'), {childList: true, characterData: true, subtree: true}); }"
    )
    last = model["questions"][-1]
    steps = min(3, len(last["options"]) - 1)
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"input[name='msd-q-{last['id']}']:checked")).to_have_value(
        last["options"][steps]["id"]
    )
    expect(page.locator("input[name^='msd-q-']:checked")).to_have_count(len(model["questions"]))
    first_options[last["id"]] = last["options"][steps]["id"]
    assert_shows(page, engine_result(site, {"answers": first_options, "text": ""}))
    page.wait_for_timeout(1500)  # past the moment the page waits for the answers to settle
    announced = page.evaluate("() => window.announced")
    assert len(announced) <= 1, f"announced at every step: {announced}"
    title = " ".join(page.locator("[data-msd-headline-title]").inner_text().split())
    assert title.split(",")[0] in announcer.inner_text(), "the headline is what is announced"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_cohort_states_have_no_serious_violations(
    axe_page: Page, serve: Callable[..., SiteServer], site: Path, scheme: str, tmp_path: Path
) -> None:
    """The cohort page with a file worked out (every framework shown), and asking to match
    columns; its first state is in the walk over every page."""
    server = serve(site)
    show(axe_page, server.url + "reference/cohort/", scheme)
    expect(axe_page.locator("[data-msc]")).to_have_attribute("data-msd-state", "ready",
                                                             timeout=90_000)
    export = tmp_path / "cohort.csv"
    export.write_text("Pair,Date,goals,Do meetings get missed or put off?\r\n"
                      "A,2026-01-01,Not yet,\"Often, and it is hard to see why\"\r\n"
                      "A,2026-04-01,Yes and we are working on them,Rarely\r\n", encoding="utf-8")
    axe_page.set_input_files("[data-msc-file]", str(export))
    expect(axe_page.locator("[data-msc]")).to_have_attribute("data-msc-state", "done")
    axe_page.locator("[data-msc-every]").check()
    # The header's title fades in as the page scrolls: read the colours once it has.
    axe_page.add_style_tag(content="* { transition: none !important; }")
    assert serious_violations(axe_page) == []
    renamed = tmp_path / "renamed.csv"
    renamed.write_text("Team,Goals agreed yet?\r\nA,Not yet\r\n", encoding="utf-8")
    axe_page.set_input_files("[data-msc-file]", str(renamed))
    expect(axe_page.locator("[data-msc]")).to_have_attribute("data-msc-state", "matching")
    assert serious_violations(axe_page) == []
