"""Helpers for the tests that drive the built site in Chromium (tests/browser, tests/package)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Route, expect

from bench.chromium import READY_TIMEOUT_MS


@dataclass
class Watch:
    """What a page said that a test may want to check: console errors, uncaught errors, requests."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    expected_errors: list[re.Pattern[str]] = field(default_factory=list)

    def expect_errors(self, pattern: str) -> None:
        """Console errors matching `pattern` are part of what the test provokes."""
        self.expected_errors.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.expected_errors)]


def wait_ready(page: Page) -> None:
    expect(page.locator("[data-msd]")).to_have_attribute(
        "data-msd-state", re.compile("ready|failed"), timeout=READY_TIMEOUT_MS
    )
    expect(page.locator("[data-msd]")).to_have_attribute("data-msd-state", "ready")


def watch_csp(page: Page) -> list[str]:
    """The page's CSP violations, as `<directive> <blocked URI>`, from now on."""
    violations: list[str] = []
    page.expose_function("reportViolation", lambda text: violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (event) =>"
        " window.reportViolation(`${event.effectiveDirective} ${event.blockedURI}`));"
    )
    return violations


def snapshot_whatever_the_rate(
    target: Page | BrowserContext, edit: Callable[[str], str] = lambda html: html
) -> None:
    """Serve the diagnostic page with data-msd-snapshot-rate="0", and `edit` applied to it: the
    worker fetches the snapshot only when the connection measures fast enough, and loopback on a
    busy test machine is no measure."""

    def rewrite(route: Route) -> None:
        response = route.fetch()
        html = edit(response.text())
        html = html.replace(" data-msd ", ' data-msd data-msd-snapshot-rate="0" ', 1)
        route.fulfill(response=response, body=html)

    target.route("**/diagnostic/", rewrite)


def expect_start(page: Page, start: str) -> None:
    """Until the diagnostic is ready, started the way named (`snapshot` or `plain`)."""
    wait_ready(page)
    expect(page.locator("[data-msd]")).to_have_attribute("data-msd-start", start)


def answer(page: Page, question: str, option: str) -> None:
    page.locator(f"input[name='msd-q-{question}'][value='{option}']").check()


def answer_all(page: Page, answers: dict[str, str]) -> None:
    """Tick each answer, in order: {question id: option id}."""
    for question, option in answers.items():
        answer(page, question, option)


def wait_result(page: Page) -> None:
    """Until the page shows a result: a stage, or that there is not enough to tell yet."""
    expect(page.locator("[data-msd]")).to_have_attribute(
        "data-msd-outcome", re.compile("shown|undecided"), timeout=10_000
    )


def engine_result(site: Path, request: dict[str, Any]) -> dict[str, Any]:
    from stage_diagnostic import json_api

    model = (site / "assets/mentoring-stages/diagnostic/model.json").read_text(encoding="utf-8")
    assert json_api.use_model(model) == ""
    result: dict[str, Any] = json.loads(json_api.diagnose_json(json.dumps(request)))
    return result


def assert_shows(page: Page, result: dict[str, Any]) -> None:
    """Every framework's card shows the engine's stage (or none) and its probabilities."""
    cards = page.locator("[data-msd-framework]")
    expect(cards).to_have_count(len(result["frameworks"]))
    for framework_id, framework in result["frameworks"].items():
        card = page.locator(f"[data-msd-framework='{framework_id}']")
        if framework["stage"] is None:
            expect(card).not_to_have_attribute("data-msd-stage", re.compile("."))
            expect(card.locator(".msd-likely")).to_have_text("Not enough to tell yet.")
        else:
            expect(card).to_have_attribute("data-msd-stage", framework["stage"])
        for stage_id, p in framework["probabilities"].items():
            value = card.locator(f"[data-msd-bar='{stage_id}'] .msd-bar-value")
            # JavaScript's Math.round: halves round up (Python's round() goes to the even one).
            expect(value).to_have_text(f"{math.floor(p * 100 + 0.5)}%")


def some_answers(model: dict[str, Any], pick: int) -> dict[str, str]:
    """One option per question: the `pick`-th, or the last where there are fewer."""
    return {
        q["id"]: q["options"][min(pick, len(q["options"]) - 1)]["id"] for q in model["questions"]
    }


def runtime_file(site: Path, pattern: str) -> str:
    """The path, under the site, of one of the shipped runtime files."""
    (found,) = site.glob(f"assets/mentoring-stages/pyodide/*/{pattern}")
    return found.relative_to(site).as_posix()


def pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF that Chromium printed has (its page objects, not the /Pages tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
