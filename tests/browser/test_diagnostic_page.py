"""The diagnostic page in a real browser: what needs one. Answers in, the engine's result out and
in view; one framework or all; links open as someone else's answers; compare; remember and forget;
contrast in both schemes; the printed handout.

Each expected result is computed by the same engine in CPython, so these tests check that the page
shows what the engine says, not what the engine should say (tests/diagnostic does that). How a
result is phrased, share links' hostile cases and the worker protocol are tested under Node
(tests/js/), where the modules run without a browser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from bench.nginx_server import SUB_PATH
from bench.site_server import SiteServer
from tests.support.browser import (
    Watch,
    answer,
    answer_all,
    assert_shows,
    engine_result,
    expect_start,
    pdf_pages,
    snapshot_whatever_the_rate,
    some_answers,
    wait_ready,
    wait_result,
)

pytestmark = pytest.mark.browser

STORAGE_KEY = "mentoring-stages:diagnostic"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


def stored(page: Page) -> Any:
    """What the diagnostic keeps (Material keeps its own things in localStorage too)."""
    return page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')")


def wait_mounted(page: Page) -> None:
    """Until the page module has taken over the diagnostic (it arrives after the HTML)."""
    expect(page.locator("[data-msd]")).to_have_attribute(
        "data-msd-outcome", re.compile("."), timeout=30_000
    )


def copy_link(page: Page) -> str:
    page.get_by_role("button", name="Copy a link to my answers").click()
    return page.locator("[data-msd-link]").input_value()


def test_answers_give_the_engines_result_with_links_to_the_stages(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    expect(page.locator("[data-msd-status]")).to_contain_text("ready")
    answers = some_answers(model, 1)
    answer_all(page, answers)
    wait_result(page)
    result = engine_result(site, {"answers": answers, "text": ""})
    assert_shows(page, result)
    decided = {fw: r["stage"] for fw, r in result["frameworks"].items() if r["stage"]}
    assert decided, "answers to every question give a stage somewhere"
    framework_id, stage_id = next(iter(decided.items()))
    link = page.locator(f"[data-msd-framework='{framework_id}'] .msd-likely a")
    expect(link).to_have_attribute("href", f"../frameworks/{framework_id}/#stage-{stage_id}")
    # Changing one answer updates the result.
    first = model["questions"][0]
    answers[first["id"]] = first["options"][-1]["id"]
    answer(page, first["id"], answers[first["id"]])
    result = engine_result(site, {"answers": answers, "text": ""})
    assert_shows(page, result)
    # The stage's page is where the link says.
    framework_id, stage_id = next(
        (f, r["stage"]) for f, r in result["frameworks"].items() if r["stage"]
    )
    page.locator(f"[data-msd-framework='{framework_id}'] .msd-likely a").click()
    expect(page.locator(f"#stage-{stage_id}")).to_be_visible()


def test_clear_empties_the_result(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    answer_all(page, some_answers(model, 1))
    wait_ready(page)
    wait_result(page)
    page.get_by_role("button", name="Clear my answers").click()
    expect(page.locator("[data-msd]")).to_have_attribute("data-msd-outcome", "empty")
    for part in ("frameworks", "position", "ask", "flags", "evidence"):
        expect(page.locator(f"[data-msd-{part}]")).to_be_hidden()
    expect(page.locator("input[name^='msd-q-']:checked")).to_have_count(0)
    expect(page.locator(".msd-question.is-asked")).to_have_count(0)


def test_not_enough_to_tell_points_to_the_questions_that_would_help_most(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    # The answer least likely to settle anything: how the relationship feels.
    question = next(q for q in model["questions"] if q["id"] == "feelings")
    answer(page, question["id"], question["options"][0]["id"])
    result = engine_result(site, {"answers": {question["id"]: question["options"][0]["id"]}})
    expect(page.locator("[data-msd]")).to_have_attribute(
        "data-msd-outcome", re.compile("shown|undecided")
    )
    assert result["ask_next"], "the engine names a question to ask next"
    best = result["ask_next"][0]
    expect(page.locator(f"#msd-q-{best}")).to_have_class(re.compile("is-asked"))
    expect(page.locator(f"#msd-q-{best} [data-msd-asked]")).to_be_visible()
    expect(page.locator("[data-msd-ask-list] a").first).to_have_attribute("href", f"#msd-q-{best}")
    if result["headline"] is None:
        expect(page.locator("[data-msd-headline-title]")).to_have_text("Not enough to tell yet")
        # the one question that would help most, in the headline, linked to its question
        detail = page.locator("[data-msd-headline-detail] a")
        expect(detail).to_have_attribute("href", f"#msd-q-{best}")
        expect(detail).to_have_text(next(q["text"] for q in model["questions"] if q["id"] == best))
    if all(r["stage"] is None for r in result["frameworks"].values()):
        expect(page.locator(".msd-framework h4")).to_have_count(0)  # no next steps for a guess


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_headline_names_the_likely_stage_in_words(
    browser: Browser,
    serve: Callable[..., SiteServer],
    site: Path,
    model: dict[str, Any],
    viewport: dict[str, int],
) -> None:
    server = serve(site)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(server.url + "diagnostic/")
    answers = some_answers(model, 2)
    answer_all(page, answers)
    wait_ready(page)
    wait_result(page)
    headline = engine_result(site, {"answers": answers, "text": ""})["headline"]
    assert headline, "answers to every question name a stage"
    framework = next(f for f in model["frameworks"] if f["id"] == headline["framework"])
    stage = next(s["name"] for s in framework["stages"] if s["id"] == headline["stage"])
    level = model["words"][f"level_{headline['level']}"]
    title = page.locator("[data-msd-headline-title]")
    expect(title).to_have_text(f"Most likely {stage}, in {framework['name']}")
    expect(title.locator("a")).to_have_attribute(
        "href", f"../frameworks/{framework['id']}/#stage-{headline['stage']}"
    )
    # One confidence word, the card's; the common timeline a detail below, explained.
    expect(page.locator("[data-msd-headline-level]")).to_contain_text(level)
    card = page.locator(f"[data-msd-framework='{framework['id']}'] .msd-likely")
    expect(card).to_contain_text(f"— {level}")
    expect(page.locator("[data-msd-shown]").first).not_to_contain_text("of 100")
    expect(page.locator("[data-msd-position-text]")).to_contain_text("first meeting (0)")
    # The mark stands at the position's share of the common timeline, whose bounds the page has.
    start, end = json.loads(page.locator("[data-msd]").get_attribute("data-msd-timeline") or "")
    mean = engine_result(site, {"answers": answers, "text": ""})["position"]["mean"]
    mark = page.locator("[data-msd-position-mark]").get_attribute("style") or ""
    left = re.search(r"left: ([\d.]+)%", mark)
    assert left is not None, mark
    assert float(left[1]) == pytest.approx((mean - start) / (end - start) * 100, abs=0.01)
    if viewport == PHONE:  # the bar that stays at the bottom of the screen names the stage
        expect(page.locator("[data-msd-peek]")).to_be_in_viewport()
        expect(page.locator("[data-msd-peek-text]")).to_have_text(f"Most likely {stage} · {level}")
    else:
        expect(title).to_be_in_viewport()
    context.close()


CANCELLED = "We have met every month for a year, but lately our meetings keep getting cancelled."


def describe_cancelled_meetings(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    """A description that reads as meetings often missed: an alarm the visitor is asked about."""
    page.goto(serve(site).url + "diagnostic/")
    wait_ready(page)
    page.get_by_label("Describe it in your own words").check()
    page.locator("[data-msd-text]").fill(CANCELLED)


def test_an_alarm_read_from_a_description_is_asked_first(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    describe_cancelled_meetings(page, serve, site, model)
    confirm = page.locator("[data-msd-confirm]")
    expect(confirm).to_be_visible()
    expect(page.locator("[data-msd-flags]")).to_be_hidden()  # no alarm before it is confirmed
    item = confirm.locator("li").filter(has_text="Do meetings get missed or put off?")
    expect(item).to_contain_text(
        "We read “Often, and it is hard to see why” for “Do meetings get missed or put off?” "
        "from your words “keep getting cancelled”. Is that right?"
    )
    # Yes: the reading becomes the visitor's own answer, and what it raises is raised.
    item.get_by_role("button", name="Yes, that is right").click()
    expect(page.locator("input[name='msd-q-missed-meetings'][value='often']")).to_be_checked()
    expect(page.locator("#msd-q-missed-meetings")).not_to_have_class(re.compile("is-read"))
    flags = page.locator("[data-msd-flag-list]")
    expect(flags).to_contain_text("The relationship may have stalled")
    expect(confirm).not_to_contain_text("Do meetings get missed or put off?")


def test_a_reading_declined_goes_to_its_question_and_raises_nothing(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    describe_cancelled_meetings(page, serve, site, model)
    item = page.locator("[data-msd-confirm] li").filter(has_text="Do meetings get missed")
    item.get_by_role("button", name="No, let me choose").click()
    # The question, to pick the right answer; the reading is not asked about again.
    expect(page.locator("#msd-q-missed-meetings input:checked")).to_be_focused()
    expect(page.locator("[data-msd-confirm]")).not_to_contain_text("Do meetings get missed")
    expect(page.locator("[data-msd-flag-list]")).not_to_contain_text("stalled")
    answer(page, "missed-meetings", "rarely")
    expect(page.locator("[data-msd-flag-list]")).not_to_contain_text("stalled")


def test_a_framework_its_own_durations_place_apart_says_why(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    page.goto(serve(site).url + "diagnostic/")
    wait_ready(page)
    answers = {"time-together": "two-to-five-years", "goals": "met-setting-new"}
    answer_all(page, answers)
    wait_result(page)
    stage = engine_result(site, {"answers": answers, "text": ""})["frameworks"]["kram"]["stage"]
    name = next(s["name"] for f in model["frameworks"] if f["id"] == "kram"
                for s in f["stages"] if s["id"] == stage)
    card = page.locator("[data-msd-framework='kram']")
    expect(card.locator(".msd-apart")).to_have_text(
        f"Kram's four phases goes by how long its stages last, not by what you describe: by time "
        f"alone it places you in {name}, apart from where the other frameworks place you."
    )
    glance = page.locator("[data-msd-glance]")
    expect(glance).to_contain_text(f"Kram's four phases: {name}, by time alone")
    expect(page.locator("[data-msd-framework='clutterbuck'] .msd-apart")).to_have_count(0)


def test_answering_while_loading_shows_the_first_result_at_once_and_says_more_waits(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    """Before Python has arrived, one answer's result is the engine's own, worked out when the
    site was built; a third answer has to wait for it, and the page says so instead of showing the
    older result; then Python answers."""
    held: list[Route] = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))  # held until let go
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    first, *others = model["questions"][:3]
    answer(page, first["id"], first["options"][0]["id"])
    wait_result(page)
    assert_shows(page, engine_result(site, {"answers": {first["id"]: first["options"][0]["id"]},
                                            "text": ""}))
    expect(page.locator("[data-msd]")).not_to_have_attribute("data-msd-state", "ready")
    answers = {question["id"]: question["options"][0]["id"] for question in (first, *others)}
    answer_all(page, answers)
    waiting = page.locator("[data-msd-waiting]")
    expect(waiting).to_contain_text("Your answers are kept; the result follows")
    expect(page.locator("[data-msd]")).not_to_have_attribute("data-msd-state", "ready")
    while not held:
        page.wait_for_timeout(100)
    held[0].continue_()
    wait_ready(page)
    wait_result(page)
    assert_shows(page, engine_result(site, {"answers": answers, "text": ""}))
    expect(waiting).to_be_empty()


def test_a_description_is_read_into_answers_that_one_click_corrects(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    page.get_by_label("Describe it in your own words").check()
    text = "We have met every month for two years and work through my goals each time."
    page.locator("[data-msd-text]").fill(text)
    result = engine_result(site, {"answers": {}, "text": text})
    read = [item for item in result["evidence"] if item["from"] == "text"]
    assert read, "the description names things the questions ask"
    expect(page.locator("[data-msd]")).to_have_attribute("data-msd-outcome", "shown")
    assert_shows(page, result)
    # Each reason with the words it was read from, and the answer it gave, linked to its question.
    reasons = page.locator("[data-msd-evidence-list] > li")
    for index, reading in enumerate(result["evidence"]):
        if reading["from"] != "text":
            continue
        shown = reasons.nth(index)
        expect(shown).to_contain_text(f"You wrote “{reading['quote']}”")
        expect(shown.locator(f"a[href='#msd-q-{reading['question']}']")).to_be_visible()
    if result["wording"]:  # what the wording model concluded, marked as the site's own reading
        wording = reasons.last
        expect(wording.locator(".ms-own")).to_have_text("Our reading")
        for quote in result["wording"]["quotes"]:
            expect(wording).to_contain_text(f"“{quote['quote']}”")
    item = read[0]
    fieldset = page.locator(f"#msd-q-{item['question']}")
    expect(fieldset).to_have_class(re.compile("is-read"))
    expect(fieldset.locator(f"input[value='{item['option']}']")).to_be_checked()
    expect(fieldset.locator("[data-msd-read]")).to_be_visible()
    # One click corrects the misreading: the answer given wins over the text.
    question = next(q for q in model["questions"] if q["id"] == item["question"])
    other = next(o["id"] for o in question["options"] if o["id"] != item["option"])
    answer(page, item["question"], other)
    expect(fieldset).not_to_have_class(re.compile("is-read"))
    corrected = engine_result(site, {"answers": {item["question"]: other}, "text": text})
    assert_shows(page, corrected)
    evidence = page.locator("[data-msd-evidence-list]")
    expect(evidence).to_contain_text(
        next(o["label"] for o in question["options"] if o["id"] == other)
    )


def test_bidirectional_controls_are_not_echoed(
    page: Page, serve: Callable[..., SiteServer], site: Path
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    page.get_by_label("Describe it in your own words").check()
    page.locator("[data-msd-text]").fill(
        "We have met every month for two \u202eyears\u202c and work through my goals."
    )
    expect(page.locator("[data-msd]")).to_have_attribute(
        "data-msd-outcome", re.compile("shown|undecided")
    )
    bidi = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
    assert not bidi.search(page.locator("[data-msd-result]").inner_text())
    # A link's description is echoed into the text box: without them too.
    page.goto(copy_link(page))
    expect(page.locator("[data-msd-text]")).to_have_value(re.compile("two years"))
    assert not bidi.search(page.locator("[data-msd-text]").input_value())


def test_one_framework_at_a_time_remembered_only_when_asked(
    page: Page,
    new_page: Callable[[], Page],
    serve: Callable[..., SiteServer],
    site: Path,
    model: dict[str, Any],
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    answers = some_answers(model, 2)
    answer_all(page, answers)
    wait_ready(page)
    wait_result(page)
    framework = model["frameworks"][1]
    page.get_by_label("Show").select_option(framework["id"])
    expect(page.locator("[data-msd-framework]")).to_have_count(1)
    result = engine_result(site, {"answers": answers, "text": ""})
    stage = result["frameworks"][framework["id"]]["stage"]
    name = next(s["name"] for s in framework["stages"] if s["id"] == stage)
    # The framework picked leads the headline, with the stage's name in words.
    expect(page.locator("[data-msd-headline-title]")).to_have_text(
        f"Most likely {name}, in {framework['name']}"
    )
    expect(page.locator("[data-msd-peek-text]")).to_contain_text(name)
    other = new_page()
    other.goto(server.url + "diagnostic/")
    wait_mounted(other)
    expect(other.get_by_label("Show")).to_have_value("all")
    page.get_by_label("Remember my answers and my choice of framework in this browser").check()
    later = new_page()
    later.goto(server.url + "diagnostic/")
    wait_mounted(later)
    expect(later.get_by_label("Show")).to_have_value(framework["id"])


def test_the_site_can_choose_the_framework_shown_first(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    chosen = model["frameworks"][2]["id"]

    def set_framework(route: Route) -> None:
        response = route.fetch()
        html = response.text().replace(
            'data-msd-default-framework=""', f'data-msd-default-framework="{chosen}"'
        )
        route.fulfill(response=response, body=html)

    page.route("**/diagnostic/", set_framework)
    page.goto(server.url + "diagnostic/")
    wait_mounted(page)
    expect(page.get_by_label("Show")).to_have_value(chosen)


def test_a_link_opens_as_someone_elses_answers(
    page: Page,
    new_page: Callable[[], Page],
    serve: Callable[..., SiteServer],
    site: Path,
    model: dict[str, Any],
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    answers = some_answers(model, 2)
    answer_all(page, answers)
    link = copy_link(page)
    assert link.startswith(server.url + "diagnostic/#v1=")
    assert "#" not in page.url, "the answers stay out of the address bar"
    expect(page.locator("[data-msd-copy-status]")).not_to_be_empty()
    expect(page.locator("[data-msd-banner]")).to_be_hidden()

    other = new_page()
    other.goto(link)
    banner = other.locator("[data-msd-banner]")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("someone else's answers")
    for question, option in answers.items():
        expect(other.locator(f"input[name='msd-q-{question}'][value='{option}']")).to_be_checked()
    wait_ready(other)
    wait_result(other)
    assert_shows(other, engine_result(site, {"answers": answers, "text": ""}))
    assert stored(other) is None
    other.get_by_role("button", name="Continue with these as my answers").click()
    expect(banner).to_be_hidden()
    assert "#" not in other.url
    expect(other.locator("input[name^='msd-q-']:checked")).to_have_count(len(answers))
    # A description travels too, and the mode with it.
    other.get_by_label("Describe it in your own words").check()
    other.locator("[data-msd-text]").fill("We meet monthly and work on agreed goals.")
    page.goto(copy_link(other))
    expect(page.locator("[data-msd-text]")).to_have_value(
        "We meet monthly and work on agreed goals."
    )
    expect(page.get_by_label("Describe it in your own words")).to_be_checked()


def test_a_link_never_replaces_remembered_answers_unasked(
    page: Page,
    new_page: Callable[[], Page],
    serve: Callable[..., SiteServer],
    site: Path,
    model: dict[str, Any],
) -> None:
    server = serve(site)
    question = model["questions"][0]
    mine, theirs = question["options"][0]["id"], question["options"][-1]["id"]
    page.goto(server.url + "diagnostic/")
    answer(page, question["id"], theirs)
    link = copy_link(page)
    page.get_by_role("button", name="Clear my answers").click()
    answer(page, question["id"], mine)
    assert stored(page) is None, "nothing is kept unless asked"
    remember = "Remember my answers and my choice of framework in this browser"
    page.get_by_label(remember).check()
    kept = stored(page)
    assert kept.startswith("#v1=")

    other = new_page()
    other.goto(link)
    expect(other.locator("[data-msd-banner]")).to_be_visible()
    expect(other.locator("[data-msd-banner-saved]")).to_be_visible()
    expect(other.get_by_label(remember)).to_be_checked()  # it shows what is stored
    expect(other.locator(f"input[name='msd-q-{question['id']}'][value='{theirs}']")).to_be_checked()
    other.locator(f"input[name='msd-q-{question['id']}']").nth(1).check()  # editing theirs
    assert stored(other) == kept, "the link's answers never replace the remembered ones unasked"
    other.get_by_role("button", name="Start my own").click()
    expect(other.locator(f"input[name='msd-q-{question['id']}'][value='{mine}']")).to_be_checked()
    assert "#" not in other.url


def test_forget_leaves_nothing_behind(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    page.get_by_label("Describe it in your own words").check()
    page.locator("[data-msd-text]").fill("Priya and I have met for a year.")
    link = copy_link(page)
    page.goto(link)
    expect(page.locator("[data-msd-text]")).to_have_value("Priya and I have met for a year.")
    page.get_by_role("button", name="Continue with these as my answers").click()
    page.get_by_label("Remember my answers and my choice of framework in this browser").check()
    assert stored(page)
    page.goto(link)  # the link in the address bar again
    page.get_by_role("button", name="Forget my answers").click()
    assert stored(page) is None
    assert "#" not in page.url, "Forget takes the answers out of the address bar"
    expect(page.locator("[data-msd-text]")).to_have_value("")
    expect(page.locator("[data-msd-link]")).to_be_hidden()
    page.reload()
    expect(page.locator("[data-msd-text]")).to_have_value("")
    expect(page.locator("input[name^='msd-q-']:checked")).to_have_count(0)
    expect(
        page.get_by_label("Remember my answers and my choice of framework in this browser")
    ).not_to_be_checked()
    assert "Priya" not in page.content()


def differing_questions(site: Path, mine: dict[str, str], theirs: dict[str, str]) -> list[str]:
    used_mine = engine_result(site, {"answers": mine, "text": ""})["answers"]
    used_theirs = engine_result(site, {"answers": theirs, "text": ""})["answers"]
    return [q for q in used_mine if q in used_theirs and used_mine[q] != used_theirs[q]]


def partners_link(partner: Page, url: str, answers: dict[str, str]) -> str:
    """The link a partner copies after giving `answers` on the diagnostic page at `url`."""
    partner.goto(url)
    answer_all(partner, answers)
    return copy_link(partner)


def test_partner_link_compare_with_mine(
    page: Page,
    new_page: Callable[[], Page],
    serve: Callable[..., SiteServer],
    site: Path,
    model: dict[str, Any],
) -> None:
    server = serve(site)
    mine, theirs = some_answers(model, 0), some_answers(model, 5)
    partner_link = partners_link(new_page(), server.url + "diagnostic/", theirs)

    # A background tab gets no animation frames, and Playwright waits for two before each click.
    page.bring_to_front()
    page.goto(partner_link)
    page.get_by_role("button", name="Compare with mine").click()
    banner = page.locator("[data-msd-banner]")
    expect(banner).to_contain_text("Comparing with your partner's answers")
    expect(page.locator("input[name^='msd-q-']:checked")).to_have_count(0)
    answer_all(page, mine)
    wait_ready(page)
    comparison = banner.locator("[data-msd-comparison]")
    expect(comparison).to_be_visible()
    differing = differing_questions(site, mine, theirs)
    assert differing, "the two answer sets were chosen far apart"
    expect(comparison.locator("tbody tr")).to_have_count(len(differing))
    labels = {q["id"]: {o["id"]: o["label"] for o in q["options"]} for q in model["questions"]}
    row = comparison.locator("tbody tr").first
    first = next(q["id"] for q in model["questions"] if q["id"] in differing)
    expect(row.locator("td").nth(0)).to_have_text(labels[first][mine[first]])
    expect(row.locator("td").nth(1)).to_have_text(labels[first][theirs[first]])
    page.get_by_role("button", name="Stop comparing").click()
    expect(comparison).to_be_hidden()


def test_pasted_partner_link_compares_beside_the_button(
    page: Page,
    new_page: Callable[[], Page],
    serve: Callable[..., SiteServer],
    site: Path,
    model: dict[str, Any],
) -> None:
    server = serve(site)
    mine, theirs = some_answers(model, 0), some_answers(model, 5)
    partner_link = partners_link(new_page(), server.url + "diagnostic/", theirs)
    page.bring_to_front()
    page.goto(server.url + "diagnostic/")
    answer_all(page, mine)
    page.get_by_label("Your partner's link").fill(partner_link)
    button = page.get_by_role("button", name="Compare", exact=True)
    button.click()
    wait_ready(page)
    comparison = page.locator("[data-msd-comparison]")
    expect(comparison.locator("tbody tr")).to_have_count(
        len(differing_questions(site, mine, theirs))
    )
    gap = comparison.bounding_box()["y"] - button.bounding_box()["y"]  # type: ignore[index]
    assert 0 < gap < 200, f"the comparison is {gap} px from the button"
    page.get_by_role("button", name="Stop comparing").click()
    expect(comparison).to_be_hidden()
    page.get_by_label("Your partner's link").fill("https://example.org/not-a-diagnostic-link")
    button.click()
    expect(page.locator("[data-msd-partner-status]")).to_contain_text(
        "not a link to diagnostic answers"
    )
    expect(comparison).to_be_hidden()


HOSTILE = {
    "damaged": ("v1=<script>alert(1)</script>", "damaged"),
    "markup in the text": (
        "v1=eyJtIjogImQiLCAidCI6ICI8c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ-PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDIpPiJ9",
        None,
    ),
}


@pytest.mark.parametrize("fragment, message", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_fragments_give_a_message_never_markup(
    page: Page,
    serve: Callable[..., SiteServer],
    site: Path,
    watch: Watch,
    fragment: str,
    message: str | None,
) -> None:
    # share.mjs's cases are under Node (tests/js/share.test.mjs); here, that the page shows the
    # message and keeps markup as text.
    server = serve(site)
    page.goto(server.url + "diagnostic/#" + fragment)
    notice = page.locator("[data-msd-message]")
    if message:
        expect(notice).to_contain_text(message)
    else:
        expect(page.locator("[data-msd-text]")).to_have_value(re.compile("<script>"))
        expect(notice).to_be_hidden()
    expect(page.locator("[data-msd] script, [data-msd] img, [data-msd] iframe")).to_have_count(0)
    assert all(url.startswith(server.url) for url in watch.requests), "nothing sent anywhere"


def test_result_in_view_after_one_answer_on_a_phone(
    browser: Browser, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    question = model["questions"][2]
    page.locator(f"#msd-q-{question['id']}").scroll_into_view_if_needed()
    page.locator(f"input[name='msd-q-{question['id']}']").first.tap()
    peek = page.locator("[data-msd-peek]")
    expect(peek).to_be_in_viewport()
    expect(page.locator("[data-msd-peek-text]")).not_to_be_empty()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    # No grey hover highlight stays on the tapped option.
    label = page.locator(f"input[name='msd-q-{question['id']}']").first.locator("xpath=..")
    assert label.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    peek.tap()
    expect(page.locator("[data-msd-headline-title]")).to_be_in_viewport()
    context.close()


def test_result_beside_the_questions_on_a_laptop(
    browser: Browser, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    question = model["questions"][-1]
    page.locator(f"#msd-q-{question['id']}").scroll_into_view_if_needed()
    answer(page, question["id"], question["options"][0]["id"])
    title = page.locator("[data-msd-headline-title]")
    expect(title).to_be_in_viewport()
    question_box = page.locator(f"#msd-q-{question['id']}").bounding_box()
    title_box = title.bounding_box()
    assert question_box and title_box and title_box["x"] > question_box["x"] + question_box["width"]
    context.close()


def luminance(rgb: str) -> float:
    channels = [int(part) / 255 for part in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_bars_and_selected_controls_contrast_in_both_schemes(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    answers = some_answers(model, 1)
    answer_all(page, answers)
    wait_result(page)
    for scheme in ("default", "slate"):
        # As Material switches: transitions off, so the colours read are the scheme's own.
        page.evaluate(
            "scheme => { document.body.setAttribute('data-md-color-switching', '');"
            " document.body.setAttribute('data-md-color-scheme', scheme); }",
            scheme,
        )
        background = page.evaluate(
            "() => getComputedStyle(document.body).backgroundColor"
        )  # opaque in both schemes
        fill = page.locator(".msd-bar.is-likely .msd-bar-fill").first
        fill_colour = fill.evaluate("e => getComputedStyle(e).backgroundColor")
        track_border = fill.evaluate("e => getComputedStyle(e.parentElement).borderTopColor")
        assert contrast(fill_colour, background) >= 3, (scheme, fill_colour, background)
        radio = page.locator("input[name^='msd-q-']:checked").first
        accent = radio.evaluate("e => getComputedStyle(e).accentColor")
        assert contrast(accent, background) >= 3, (scheme, accent, background)
        # The focus ring, reached with the keyboard (Material's orange is 2.8:1 on white).
        page.locator("[data-msd-picker]").focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        ring = page.evaluate(
            "() => document.activeElement.matches(':focus-visible')"
            " && getComputedStyle(document.activeElement).outlineColor"
        )
        assert ring and contrast(ring, background) >= 3, (scheme, ring, background)
        # The track's outline against the page, so an empty bar is seen too (alpha blended).
        blended = page.evaluate(
            """([colour, page]) => {
              const [r, g, b, a = 1] = colour.match(/[\\d.]+/g).map(Number);
              const [R, G, B] = page.match(/[\\d.]+/g).map(Number);
              return `rgb(${r * a + R * (1 - a)}, ${g * a + G * (1 - a)}, ${b * a + B * (1 - a)})`;
            }""",
            [track_border, background],
        )
        assert contrast(blended, background) >= 3, (scheme, track_border, background)


def test_the_printed_handout_fits_two_a4_pages(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    answers = some_answers(model, 2)
    answer_all(page, answers)
    wait_ready(page)
    wait_result(page)
    meta = page.locator("[data-msd-print-meta]")
    for shown in ("all", "one"):
        page.emulate_media(media="screen")
        if shown == "one":
            page.get_by_label("Show").select_option(model["frameworks"][0]["id"])
        expect(meta).to_contain_text("Printed on")
        expect(meta).to_contain_text(server.url + "diagnostic/#v1=")
        page.emulate_media(media="print")
        expect(page.locator("[data-msd-form]")).to_be_hidden()
        expect(meta).to_be_visible()
        steps = page.locator(".msd-framework li")
        expect(steps.first).to_be_visible()
        if shown == "one":  # one framework: every next step and question of its stage
            expect(steps.last).to_be_visible()
        pages = pdf_pages(page.pdf(format="A4"))
        assert 1 <= pages <= 2, f"the handout of {shown} prints on {pages} A4 pages"


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_page_module_taking_over_moves_nothing(
    browser: Browser, serve: Callable[..., SiteServer], site: Path, viewport: dict[str, int]
) -> None:
    """What diagnostic.mjs reveals (and the note it removes) moves no question when it runs, nor
    does the start's status as its words change and its bar goes: each would be a layout shift,
    which Lighthouse counts against the page, on a phone and a laptop."""
    server = serve(site)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    first_question = page.locator("[data-msd-question]").first

    def question_top() -> float:
        box = first_question.bounding_box()
        assert box is not None
        return float(box["y"])

    page.route("**/diagnostic/diagnostic.mjs", lambda route: route.abort())
    page.goto(server.url + "diagnostic/")
    expect(first_question).to_be_visible()
    before = question_top()
    page.unroute("**/diagnostic/diagnostic.mjs")
    page.goto(server.url + "diagnostic/")
    wait_mounted(page)
    expect(page.locator("[data-msd-stuck]")).to_have_count(0)
    expect(page.locator("fieldset.msd-modes")).to_be_visible()
    assert question_top() == pytest.approx(before, abs=1)
    wait_ready(page)
    expect(page.locator("[data-msd-progress]")).to_be_hidden()
    assert question_top() == pytest.approx(before, abs=1)
    context.close()


def test_without_javascript_the_questions_stay_readable(
    browser: Browser, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "diagnostic/")
    expect(page.locator("noscript").first).to_be_attached()
    for question in model["questions"]:
        expect(page.get_by_role("group", name=question["text"])).to_be_visible()
    expect(page.locator("[data-msd-result]")).to_be_hidden()
    expect(page.locator("[data-msd-stuck]")).to_be_hidden()
    context.close()


def test_other_pages_load_no_pyodide(
    page: Page, serve: Callable[..., SiteServer], site: Path, watch: Watch
) -> None:
    server = serve(site)
    for path in ("", "compare/", "sources/"):
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
    heavy = ("/pyodide/", "diagnostic.mjs", "worker.mjs", "model.json")  # loader.mjs is tiny
    assert not [url for url in watch.requests if any(part in url for part in heavy)]


def test_instant_navigation_starts_the_diagnostic_once_and_keeps_the_snapshot_start(
    page: Page,
    serve: Callable[..., SiteServer],
    sub_path_site: Path,
    sub_path_port: int,
    watch: Watch,
) -> None:
    server = serve(sub_path_site, prefix=SUB_PATH, port=sub_path_port)
    snapshot_whatever_the_rate(page)
    page.goto(server.url)
    page.evaluate("() => { window.sameDocument = true; }")
    page.locator(".md-content a[href$='diagnostic/']").first.click()
    page.wait_for_url("**/diagnostic/")
    expect_start(page, "snapshot")
    assert page.evaluate("() => window.sameDocument"), "Material's instant navigation was used"
    page.locator("input[name^='msd-q-']").first.check()
    wait_result(page)
    # Away and back again, still without a reload: the same worker serves the page shown again.
    page.go_back()
    expect(page.locator("[data-msd]")).to_have_count(0)
    page.go_forward()
    expect_start(page, "snapshot")  # marked on the element shown again
    page.locator("input[name^='msd-q-']").nth(1).check()
    wait_result(page)
    assert page.evaluate("() => window.sameDocument")
    assert sum(url.endswith("pyodide.asm.wasm") for url in watch.requests) == 1
    assert sum(url.endswith(".snapshot") for url in watch.requests) == 1
    # Every request stays under the sub-path (a page loaded there directly: test_nginx.py).
    assert all(url.startswith(server.url) for url in watch.requests)


TAB_KEYS = "() => [...Object.keys(sessionStorage), ...Object.keys(localStorage)]" \
    ".filter((key) => key.startsWith('mentoring-stages:'))"


def test_answers_survive_a_click_within_the_site_and_back(
    page: Page,
    serve: Callable[..., SiteServer],
    sub_path_site: Path,
    sub_path_port: int,
    model: dict[str, Any],
) -> None:
    """With `site_url` set, Material's instant navigation shows a page afresh when it is shown
    again: the tab keeps the page as the visitor left it (sessionStorage), and nothing more."""
    server = serve(sub_path_site, prefix=SUB_PATH, port=sub_path_port)
    page.set_viewport_size(LAPTOP)  # the sidebar in view
    page.goto(server.url + "diagnostic/")
    page.evaluate("() => { window.sameDocument = true; }")
    wait_ready(page)
    answers = some_answers(model, 2)
    answer_all(page, answers)
    wait_result(page)
    headline = page.locator("[data-msd-headline-title]").inner_text()

    def expect_kept() -> None:
        wait_result(page)
        for question, option in answers.items():
            expect(page.locator(f"input[name='msd-q-{question}'][value='{option}']")).to_be_checked()
        expect(page.locator("[data-msd-headline-title]")).to_have_text(headline)

    clicks = {
        "a stage link in the result": lambda: page.locator("[data-msd-headline-title] a").click(),
        "the sidebar's entry": lambda: page.locator(
            ".md-sidebar--primary a.md-nav__link--active"
        ).first.click(),
        "a heading's permalink": lambda: page.locator("h1 .headerlink").click(),
        "Skip to content": lambda: (page.keyboard.press("Home"), page.locator("a.md-skip").focus(),
                                    page.keyboard.press("Enter")),
    }
    for name, click in clicks.items():
        address = page.url
        click()
        page.wait_for_timeout(300)  # Material's navigation, when it takes the click
        if page.url != address:
            page.go_back()
        page.wait_for_url(address)
        expect_kept()
        assert page.evaluate("() => window.sameDocument"), f"{name}: a reload, not the same page"
    assert page.evaluate(TAB_KEYS) == ["mentoring-stages:diagnostic-tab"], "only the tab keeps it"
    page.get_by_role("button", name="Forget my answers").click()
    assert page.evaluate(TAB_KEYS) == [], "Forget leaves nothing"
    page.reload()
    wait_mounted(page)
    expect(page.locator("input[name^='msd-q-']:checked")).to_have_count(0)
