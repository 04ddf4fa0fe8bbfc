"""The cohort page in a real browser: a form tool's export of 2,000 rows worked out with progress
and no request, the chart, filters, flags and downloads, the results file equal to
`stage-diagnostic --batch` on the same file; columns matched once; a bad file named by row and
column; pairs over time; a mentor's own history kept only when remembered, and the reminder.

How a file is read and each bad file's message are tested in pure Python (tests/diagnostic/
test_batch.py), the page's pure modules under Node (tests/js/cohort.test.mjs), the engine's calls
in Pyodide (tests/pyodide/test_batch_in_pyodide.py): here, only what needs the browser.
"""

from __future__ import annotations

import csv
import io
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from bench.chromium import READY_TIMEOUT_MS
from bench.site_server import STRICT_CSP, SiteServer
from tests.support.browser import (
    Watch,
    answer_all,
    some_answers,
    wait_ready,
    wait_result,
    watch_csp,
)

pytestmark = pytest.mark.browser

COHORT = "reference/cohort/"
DONE_TIMEOUT_MS = 120_000


def form_export(model: dict[str, Any], rows: int, seed: int = 25) -> bytes:
    """A survey export as a form tool writes it: a BOM, question texts as headers, labels as
    answers, a timestamp and an e-mail column, two dated rows for each pair, a few descriptions,
    and one answer the questionnaire does not have."""
    chance = random.Random(seed)
    questions = model["questions"]
    header = ["Timestamp", "Email address", "Pair", *(q["text"] for q in questions),
              "Describe your mentoring relationship in a few sentences"]
    lines = [header]
    for index in range(rows):
        month = 1 if index % 2 == 0 else 5
        line = [f"2026/{month:02d}/{1 + index % 27:02d} 10:22:33 AM GMT+1",
                f"someone{index}@example.org", f"pair-{index // 2:04d}"]
        line += [chance.choice(q["options"])["label"] if chance.random() < 0.85 else ""
                 for q in questions]
        line.append("We meet every month and work on her goals." if index % 10 == 0 else "")
        lines.append(line)
    lines[7][4] = "Fortnightly"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(lines)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def open_cohort(page: Page, server: SiteServer) -> None:
    page.goto(server.url + COHORT)
    expect(page.locator("[data-msc]")).to_have_attribute(
        "data-msd-state", re.compile("ready|failed"), timeout=READY_TIMEOUT_MS
    )
    expect(page.locator("[data-msc]")).to_have_attribute("data-msd-state", "ready")


def choose(page: Page, path: Path, state: str = "done") -> None:
    page.set_input_files("[data-msc-file]", str(path))
    expect(page.locator("[data-msc]")).to_have_attribute("data-msc-state", state,
                                                         timeout=DONE_TIMEOUT_MS)


def batch_command(site: Path, path: Path, *arguments: str) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "stage_diagnostic", "--model",
         str(site / "assets/mentoring-stages/diagnostic/model.json"), "--batch", str(path),
         *arguments],
        capture_output=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def shown_count(page: Page) -> int:
    text = page.locator("[data-msc-shown]").inner_text()
    found = re.match(r"Showing ([\d,]+) of", text)
    assert found, text
    return int(found.group(1).replace(",", ""))


def test_a_form_tools_export_of_2000_rows(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any],
    watch: Watch, tmp_path: Path,
) -> None:
    server = serve(site, csp=STRICT_CSP)  # the page, its charts and downloads under the site's CSP
    violations = watch_csp(page)
    export = tmp_path / "cohort.csv"
    export.write_bytes(form_export(model, 2000))
    open_cohort(page, server)
    expect(page.locator(".msc-private")).to_contain_text("Your file never leaves this computer.")
    fetched = [url for url in watch.requests if url.endswith("/model.json")]
    assert len(fetched) == 1, "the worker fetches the model and hands it to the page"
    page.evaluate("""() => {
        window.seenWork = [];
        new MutationObserver(() => window.seenWork.push(
            document.querySelector('[data-msc-work]').textContent)).observe(
            document.querySelector('[data-msc-work]'), {childList: true, characterData: true,
                                                         subtree: true});
    }""")
    asked_before = len(watch.requests)

    choose(page, export)
    seen = page.evaluate("window.seenWork")
    counts = [int(m.group(1).replace(",", "")) for text in seen
              if (m := re.match(r"Working out the stages: ([\d,]+) of 2,000 rows", text))]
    assert counts and counts == sorted(counts) and 0 < counts[0] < 2000, seen
    expect(page.locator("[data-msc-work]")).to_contain_text("All 2,000 rows worked out")
    expect(page.locator("[data-msc-summary]")).to_contain_text("Rows: 2,000; pairs: 1,000.")
    expect(page.locator("[data-msc-notices]")).to_contain_text("Columns not used: B")

    # The chart holds the rows shown (each pair's latest), and follows the filters.
    assert shown_count(page) == 1000
    def charted() -> int:
        counts = page.locator("[data-msc-chart] rect.msc-bar").evaluate_all(
            "bars => bars.map(bar => Number(bar.dataset.count))")
        return sum(counts)
    placed = charted()
    assert 900 < placed <= 1000
    page.select_option("[data-msc-filter='stage']", "progress-making")
    narrowed = shown_count(page)
    assert 0 < narrowed < 1000 and 0 < charted() <= narrowed
    rows = page.locator("[data-msc-rows-body] tr")
    expect(rows).to_have_count(min(narrowed, 100))
    assert set(rows.locator("td:nth-child(4)").all_inner_texts()) == {"Progress-making"}
    page.select_option("[data-msc-filter='stage']", "*")

    # Flags: counted, and a flag's filter shows only rows raising it, with their evidence.
    flag_rows = page.locator("[data-msc-flag-counts] tbody tr")
    assert flag_rows.count() >= 3
    page.select_option("[data-msc-filter='flag']", "stalled")
    stalled = shown_count(page)
    counted = page.locator("[data-msc-flag-counts] tr",
                           has=page.locator("th", has_text="The relationship may have stalled"))
    assert stalled == int(counted.locator("td").inner_text().replace(",", ""))
    assert all("The relationship may have stalled:" in text
               for text in rows.locator("td:last-child").evaluate_all(
                   "cells => cells.map(cell => cell.previousElementSibling.textContent)"))
    page.select_option("[data-msc-filter='flag']", "*")
    page.locator("[data-msc-latest]").uncheck()
    assert shown_count(page) == 2000
    page.locator("[data-msc-every]").check()
    expect(page.locator("[data-msc-rows-head] th")).to_have_count(7 + len(model["frameworks"]) - 1)
    expect(page.locator("[data-msc-rows-body] tr[data-msc-row='8']")).to_contain_text(
        "Fortnightly")

    # Pairs over time: every pair has two dated rows (a row that says too little has no place).
    summary = page.locator("[data-msc-paths-summary]").inner_text()
    pairs = re.match(r"Pairs with two dated rows or more: ([\d,]+)\.", summary)
    assert pairs and 990 <= int(pairs.group(1).replace(",", "")) <= 1000, summary
    expect(page.locator("[data-msc-paths] polyline")).to_have_count(40)

    # The downloads are made in the page, and the CSV is the command's output, byte for byte.
    with page.expect_download() as download:
        page.locator("[data-msc-download='csv']").click()
    assert download.value.suggested_filename == "cohort-stages.csv"
    downloaded = Path(download.value.path()).read_bytes()
    expected = batch_command(site, export)
    assert downloaded.splitlines() == expected.splitlines()
    assert downloaded == expected
    with page.expect_download() as download:
        page.locator("[data-msc-download='json']").click()
    assert b'"format": 1' in Path(download.value.path()).read_bytes()

    page.emulate_media(media="print")
    expect(page.locator("[data-msc-file]")).to_be_hidden()
    expect(page.locator("[data-msc-chart]")).to_be_visible()
    expect(page.locator("[data-msc-print-meta]")).to_contain_text("File: cohort.csv.")
    page.emulate_media(media="screen")

    # Nothing of the file went anywhere: no request at all since the engine was ready.
    asked = [url for url in watch.requests[asked_before:] if not url.startswith("blob:")]
    assert asked == []
    assert violations == []


def test_columns_are_matched_once_and_remembered_only_when_asked(
    page: Page, serve: Callable[..., SiteServer], site: Path, tmp_path: Path,
) -> None:
    server = serve(site)
    export = tmp_path / "renamed.csv"
    export.write_text("Team,Goals agreed yet?,How often do you meet?\r\n"
                      "north,Not yet,Every week or more\r\n", encoding="utf-8")
    open_cohort(page, server)
    choose(page, export, "matching")
    matching = page.locator("[data-msc-matching]")
    expect(matching).to_be_visible()
    expect(page.locator("select[data-msc-key='team']")).to_have_value("ignore")
    expect(page.locator("select[data-msc-key='how often do you meet']")).to_have_value(
        "question:meeting-frequency")
    page.select_option("select[data-msc-key='team']", "pair")
    page.select_option("select[data-msc-key='goals agreed yet']", "question:goals")
    page.locator("[data-msc-apply]").click()
    expect(page.locator("[data-msc]")).to_have_attribute("data-msc-state", "done")
    expect(page.locator("[data-msc-rows-body] tr")).to_contain_text("north")
    assert page.evaluate("localStorage.getItem('mentoring-stages:cohort-matches')") is None

    page.set_input_files("[data-msc-file]", [])
    choose(page, export, "matching")  # not remembered: asked again
    page.select_option("select[data-msc-key='team']", "pair")
    page.select_option("select[data-msc-key='goals agreed yet']", "question:goals")
    page.locator("[data-msc-remember]").check()
    page.locator("[data-msc-apply]").click()
    expect(page.locator("[data-msc]")).to_have_attribute("data-msc-state", "done")
    page.set_input_files("[data-msc-file]", [])
    choose(page, export)  # remembered: straight through
    expect(page.locator("[data-msc-matching]")).to_be_hidden()
    page.locator("[data-msc-forget-matches]").click()
    expect(page.locator("[data-msc-remembered]")).to_be_hidden()
    assert page.evaluate("localStorage.getItem('mentoring-stages:cohort-matches')") is None


def test_a_bad_file_is_named_by_row_and_column(
    page: Page, serve: Callable[..., SiteServer], site: Path, tmp_path: Path,
) -> None:
    server = serve(site)
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"Pair,goals\r\nA,Not yet\r\nB,\x81\x81\r\n")
    open_cohort(page, server)
    choose(page, broken, "failed")
    expect(page.locator("[data-msc-error]")).to_have_text(
        "The diagnostic could not work this file out: Line 3: the file is neither UTF-8 nor "
        "Windows-1252 text (byte 0x81 cannot be read in either). Save it from your spreadsheet "
        "as CSV UTF-8.")
    large = tmp_path / "large.csv"
    large.write_bytes(b"Pair,goals\r\n" + b"A,Not yet\r\n" * 1_000_000)
    choose(page, large, "failed")
    expect(page.locator("[data-msc-error]")).to_contain_text(
        "this page reads files of up to 10 MB")
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("Pair,Date,How often do you meet?\r\nA,2026-01-02,Fortnightly\r\n"
                       "A,2026-05-02,Every week or more\r\n", encoding="cp1252")
    choose(page, unknown)
    said = ("Row 2, column C (“How often do you meet?”): “Fortnightly” is not one of this "
            "question's answers")
    expect(page.locator("[data-msc-problem-list]")).to_contain_text(said)  # whatever is shown
    expect(page.locator("[data-msc-rows-body]")).not_to_contain_text(said)  # the latest row only
    page.locator("[data-msc-latest]").uncheck()
    expect(page.locator("[data-msc-rows-body] tr[data-msc-row='2']")).to_contain_text(said)


def test_a_pair_with_two_dated_rows_shows_its_path(
    page: Page, serve: Callable[..., SiteServer], site: Path, tmp_path: Path,
) -> None:
    server = serve(site)
    export = tmp_path / "pair.csv"
    export.write_text(
        "Pair;Date;How long have you been working together?;goals\r\n"
        "Ana & Ben;05/01/2026;Less than a month;Not yet\r\n"
        "Ana & Ben;20/06/2026;Six months to a year;Yes, and we are working on them\r\n"
        "Cy & Di;05/01/2026;One to two years;Yes, and we are working on them\r\n"
        "Cy & Di;20/06/2026;One to two years;Yes, and we are working on them\r\n",
        encoding="utf-8")
    open_cohort(page, server)
    choose(page, export)
    path = page.locator("[data-msc-paths] circle.msc-to[data-pair='Ana & Ben']")
    expect(path).to_have_count(1)
    points = page.locator("[data-msc-paths] polyline[data-pair='Ana & Ben']").get_attribute(
        "points") or ""
    xs = [float(point.split(",")[0]) for point in points.split()]
    assert len(xs) == 2 and xs[1] > xs[0], "it moved along the timeline"
    page.fill("[data-msc-still]", "100")
    expect(page.locator("[data-msc-still-rows] tr")).to_have_count(1)
    expect(page.locator("[data-msc-still-rows]")).to_contain_text("Cy & Di")
    expect(page.locator("[data-msc-still-rows]")).to_contain_text("2026-01-05")


def test_a_mentors_own_history_is_kept_only_when_remembered(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any],
) -> None:
    server = serve(site)
    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    answer_all(page, some_answers(model, 0))
    wait_result(page)
    assert page.evaluate("localStorage.getItem('mentoring-stages:diagnostic-history')") is None
    page.locator("[data-msd-remember]").check()
    answer_all(page, some_answers(model, 1))
    wait_result(page)
    page.evaluate("""() => localStorage.setItem('mentoring-stages:diagnostic-history',
        JSON.stringify([{date: '2026-01-05', answers: JSON.parse(localStorage.getItem(
          'mentoring-stages:diagnostic-history'))[0].answers}].concat(JSON.parse(
          localStorage.getItem('mentoring-stages:diagnostic-history')))))""")

    open_cohort(page, server)
    expect(page.locator("[data-msc-own-status]")).to_have_text(
        "This browser keeps your answers of 2 days.")
    expect(page.locator("[data-msc-own-list] li")).to_have_count(2)
    expect(page.locator("[data-msc-own-path] circle.msc-to")).to_have_count(1)
    with page.expect_download() as download:
        page.locator("[data-msc-own-export]").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert exported.splitlines()[1].startswith("You,2026-01-05,")
    with page.expect_download() as download:
        page.locator("[data-msc-remind-download]").click()
    reminder = Path(download.value.path()).read_bytes().decode("utf-8")
    assert reminder.startswith("BEGIN:VCALENDAR\r\n") and "DTSTART;VALUE=DATE:" in reminder
    assert f"{server.url}diagnostic/" in reminder.replace("\r\n ", "")

    page.goto(server.url + "diagnostic/")
    wait_ready(page)
    page.locator("[data-msd-forget]").click()
    assert page.evaluate("localStorage.getItem('mentoring-stages:diagnostic-history')") is None
    open_cohort(page, server)
    expect(page.locator("[data-msc-own-status]")).to_have_text("Nothing is kept in this browser.")
