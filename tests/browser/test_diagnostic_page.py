"""The diagnostic page in a real browser: answers in, the engine's result out; share, compare, keep.

Each expected result is computed by the same engine in CPython, so these tests check that the page
shows what the engine says, not what the engine should say (tests/diagnostic does that).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import SUB_PATH, Watch, answer, wait_ready, wait_result
from playwright.sync_api import Browser, Page, expect
from site_server import SiteServer

pytestmark = pytest.mark.browser


def engine_result(site: Path, request: dict[str, Any]) -> dict[str, Any]:
    from stage_diagnostic import diagnose_json, use_model

    model = (site / "assets/mentoring-stages/diagnostic/model.json").read_text(encoding="utf-8")
    assert use_model(model) == ""
    result: dict[str, Any] = json.loads(diagnose_json(json.dumps(request)))
    return result


def shown_stages(page: Page) -> dict[str, str]:
    """Framework id -> the stage the timeline marks as likely."""
    boxes = page.locator(".msd-timeline [data-framework][data-stage].is-likely")
    return {
        boxes.nth(i).get_attribute("data-framework") or "": boxes.nth(i).get_attribute("data-stage")
        or ""
        for i in range(boxes.count())
    }


def assert_shows(page: Page, result: dict[str, Any]) -> None:
    expected = {fw: r["stage"] for fw, r in result["frameworks"].items()}
    expect(page.locator(".msd-timeline .is-likely")).to_have_count(len(expected))
    assert shown_stages(page) == expected
    for framework_id, framework in result["frameworks"].items():
        article = page.locator(f"[data-msd-framework='{framework_id}']")
        expect(article.locator("[data-msd-likely]")).to_contain_text(framework["stage_name"])
        for stage_id, p in framework["probabilities"].items():
            value = article.locator(f"[data-msd-bar='{stage_id}'] [data-msd-value]")
            expect(value).to_have_text(f"{round(p * 100)}%")
    summary = page.locator("[data-msd-summary]")
    for framework in result["frameworks"].values():
        expect(summary).to_contain_text(framework["stage_name"])


def some_answers(model: dict[str, Any], pick: int) -> dict[str, str]:
    """One option per question: the `pick`-th, or the last where there are fewer."""
    return {
        q["id"]: q["options"][min(pick, len(q["options"]) - 1)]["id"] for q in model["questions"]
    }


def test_answers_give_the_engines_result(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    expect(page.locator("[data-msd-status]")).to_contain_text("ready")
    answers = some_answers(model, 1)
    for question, option in answers.items():
        answer(page, question, option)
    wait_result(page)
    assert_shows(page, engine_result(site, {"answers": answers, "text": ""}))
    # Changing one answer updates the result.
    first = model["questions"][0]
    answers[first["id"]] = first["options"][-1]["id"]
    answer(page, first["id"], answers[first["id"]])
    assert_shows(page, engine_result(site, {"answers": answers, "text": ""}))
    expect(page.locator("[data-msd-reason-list] li").first).to_be_visible()
    # Clearing empties the result.
    page.get_by_role("button", name="Clear my answers").click()
    expect(page.locator(".msd-timeline .is-likely")).to_have_count(0)
    expect(page.locator("[data-msd]")).to_have_attribute("data-msd-outcome", "empty")


def test_answering_before_ready_shows_the_result_once_ready(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    question = model["questions"][0]
    answer(page, question["id"], question["options"][0]["id"])
    expect(page.locator("[data-msd]")).not_to_have_attribute("data-msd-state", "ready")
    wait_ready(page)
    wait_result(page)
    request = {"answers": {question["id"]: question["options"][0]["id"]}, "text": ""}
    assert_shows(page, engine_result(site, request))


def test_keyboard_only(page: Page, serve: Callable[..., SiteServer], site: Path) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    page.locator(
        "input[name='msd-q-"
        + page.locator("[data-msd-question]").first.get_attribute("data-msd-question")
        + "']"
    ).first.focus()
    page.keyboard.press("Space")
    wait_result(page)
    page.keyboard.press("ArrowDown")  # radios: the arrow keys move the choice
    expect(page.locator("input[name^='msd-q-']:checked")).to_have_count(1)
    live = page.locator("[data-msd-summary]")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(live).to_contain_text("Most likely")


def test_description_mode(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any]
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    page.get_by_label("Describe it in your own words").check()
    expect(page.locator("[data-msd-section='questions']")).to_be_hidden()
    text = (
        "We have just been matched and are still getting to know each other. Nothing is agreed yet."
    )
    page.locator("[data-msd-text]").press_sequentially(text, delay=5)
    expect(page.locator("[data-msd-summary]")).to_contain_text("Most likely")
    assert_shows(page, engine_result(site, {"answers": {}, "text": text}))


def test_share_link_round_trip(
    page: Page,
    new_page: Callable[[], Page],
    serve: Callable[..., SiteServer],
    site: Path,
    model: dict[str, Any],
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    answers = some_answers(model, 2)
    for question, option in answers.items():
        answer(page, question, option)
    page.get_by_role("button", name="Copy a link to my answers").click()
    link = page.locator("[data-msd-link]").input_value()
    assert link.startswith(server.url + "diagnostic/#v1=")
    assert page.url == link, "the address bar holds the link too"
    expect(page.locator("[data-msd-copy-status]")).not_to_be_empty()
    other = new_page()
    other.goto(link)
    for question, option in answers.items():
        expect(other.locator(f"input[name='msd-q-{question}'][value='{option}']")).to_be_checked()
    wait_ready(other)
    wait_result(other)
    assert_shows(other, engine_result(site, {"answers": answers, "text": ""}))
    # A description travels too, and the mode with it.
    other.get_by_label("Describe it in your own words").check()
    other.locator("[data-msd-text]").fill("We meet monthly and work on agreed goals.")
    other.get_by_role("button", name="Copy a link to my answers").click()
    page.goto(other.locator("[data-msd-link]").input_value())
    expect(page.locator("[data-msd-text]")).to_have_value(
        "We meet monthly and work on agreed goals."
    )
    expect(page.get_by_label("Describe it in your own words")).to_be_checked()


def test_partner_comparison(
    page: Page,
    new_page: Callable[[], Page],
    serve: Callable[..., SiteServer],
    site: Path,
    model: dict[str, Any],
) -> None:
    server = serve(site)
    mine, theirs = some_answers(model, 0), some_answers(model, 5)
    partner = new_page()
    partner.goto(server.url + "diagnostic/")
    for question, option in theirs.items():
        answer(partner, question, option)
    partner.get_by_role("button", name="Copy a link to my answers").click()
    partner_link = partner.locator("[data-msd-link]").input_value()

    # A background tab gets no animation frames, and Playwright waits for two before each click.
    page.bring_to_front()
    page.goto(server.url + "diagnostic/")
    for question, option in mine.items():
        answer(page, question, option)
    page.get_by_label("Your partner's link").fill(partner_link)
    page.get_by_role("button", name="Compare", exact=True).click()
    wait_ready(page)
    comparison = page.locator("[data-msd-comparison]")
    expect(comparison).to_be_visible()
    expected = engine_result(
        site, {"answers": mine, "text": "", "partner": {"answers": theirs, "text": ""}}
    )
    differing = expected["comparison"]["disagreements"]
    assert differing, "the two answer sets were chosen far apart"
    expect(comparison.locator("tbody tr")).to_have_count(len(expected["frameworks"]))
    expect(comparison.locator("tr.msd-differs")).to_have_count(len(differing))
    for row in differing:
        expect(comparison).to_contain_text(row["b"]["stage_name"])
    page.get_by_role("button", name="Stop comparing").click()
    expect(comparison).to_be_hidden()
    page.get_by_label("Your partner's link").fill("https://example.org/not-a-diagnostic-link")
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page.locator("[data-msd-partner-status]")).to_contain_text(
        "not a link to diagnostic answers"
    )
    expect(comparison).to_be_hidden()


def encoded(payload: bytes) -> str:
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


HOSTILE = {
    "script in the payload": ("v1=<script>alert(1)</script>", "damaged"),
    "invalid base64": ("v1=!!!!", "damaged"),
    "not JSON": ("v1=" + encoded(b"<img src=x onerror=alert(1)>"), "damaged"),
    "invalid UTF-8": ("v1=" + encoded(b'{"t": "\xff\xfe"}'), "damaged"),
    "wrong shape": ("v1=" + encoded(b'{"a": ["x"], "m": "q"}'), "damaged"),
    "prototype key": ("v1=" + encoded(b'{"__proto__": {"polluted": 1}}'), "damaged"),
    "huge": ("v1=" + "A" * 50_000, "too long"),
    "unknown version": ("v7=" + encoded(b"{}"), "another version"),
    "old version": ("v0=" + encoded(b"{}"), "another version"),
    "unknown question ids": (
        "v1=" + encoded(b'{"a": {"<img src=x onerror=alert(1)>": "x", "nope": "y"}}'),
        "2 of the link's answers do not match",
    ),
    "markup in the text": (
        "v1="
        + encoded(
            json.dumps(
                {"m": "d", "t": "<script>alert(1)</script><img src=x onerror=alert(2)>"}
            ).encode()
        ),
        None,
    ),
    "an ordinary anchor": ("<script>alert(1)</script>", None),
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
    server = serve(site)
    page.goto(server.url + "diagnostic/#" + fragment)
    notice = page.locator("[data-msd-message]")
    if message:
        expect(notice).to_be_visible()
        expect(notice).to_contain_text(message)
    else:
        expect(page.locator("[data-msd]")).to_have_attribute("data-msd-outcome", re.compile("."))
        expect(notice).to_be_hidden()
    root = page.locator("[data-msd]")
    expect(root.locator("script, img, iframe, object")).to_have_count(0)
    assert "polluted" not in page.evaluate("() => Object.keys(Object.prototype).join()")
    assert not any("dialog" in error for error in watch.errors)
    assert all(url.startswith(server.url) for url in watch.requests), "nothing sent anywhere"


def stored(page: Page) -> Any:
    """What the diagnostic keeps (Material keeps its own things in localStorage too)."""
    return page.evaluate("() => localStorage.getItem('mentoring-stages:diagnostic')")


def test_remember_only_when_asked_and_forget(
    page: Page,
    new_page: Callable[[], Page],
    serve: Callable[..., SiteServer],
    site: Path,
    model: dict[str, Any],
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    question = model["questions"][0]
    option = question["options"][1]["id"]
    answer(page, question["id"], option)
    assert stored(page) is None, "nothing is kept unless asked"
    page.get_by_label("Remember my answers in this browser").check()
    assert stored(page).startswith("#v1=")
    later = new_page()
    later.goto(server.url + "diagnostic/")
    expect(later.locator(f"input[name='msd-q-{question['id']}'][value='{option}']")).to_be_checked()
    expect(later.get_by_label("Remember my answers in this browser")).to_be_checked()
    later.get_by_role("button", name="Forget my answers").click()
    assert stored(later) is None
    expect(later.locator("input[name^='msd-q-']:checked")).to_have_count(0)
    expect(later.get_by_label("Remember my answers in this browser")).not_to_be_checked()


def test_sub_path(
    page: Page,
    serve: Callable[..., SiteServer],
    sub_path_site: Path,
    sub_path_port: int,
    watch: Watch,
) -> None:
    server = serve(sub_path_site, prefix=SUB_PATH, port=sub_path_port)
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    page.locator("input[name^='msd-q-']").first.check()
    wait_result(page)
    assert all(url.startswith(server.url) for url in watch.requests), (
        "every request under the prefix"
    )


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


def test_instant_navigation_starts_the_diagnostic_once(
    page: Page,
    serve: Callable[..., SiteServer],
    sub_path_site: Path,
    sub_path_port: int,
    watch: Watch,
) -> None:
    server = serve(sub_path_site, prefix=SUB_PATH, port=sub_path_port)
    page.goto(server.url)
    page.evaluate("() => { window.sameDocument = true; }")
    page.locator(".md-content a[href$='diagnostic/']").first.click()
    page.wait_for_url("**/diagnostic/")
    wait_ready(page)
    assert page.evaluate("() => window.sameDocument"), "Material's instant navigation was used"
    page.locator("input[name^='msd-q-']").first.check()
    wait_result(page)
    # Away and back again, still without a reload: the same worker serves the page shown again.
    page.go_back()
    expect(page.locator("[data-msd]")).to_have_count(0)
    page.go_forward()
    wait_ready(page)
    page.locator("input[name^='msd-q-']").nth(1).check()
    wait_result(page)
    assert page.evaluate("() => window.sameDocument")
    assert sum(url.endswith("pyodide.asm.wasm") for url in watch.requests) == 1
