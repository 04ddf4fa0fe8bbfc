"""The diagnostic starts from the memory snapshot, and the plain way when that cannot be used or
the connection is too slow for its bytes; every file of either start is checked and counted.

The site is built as shipped, with its snapshot. Each test says which start the page must take
(`data-msd-start`) and checks the result against the engine in CPython; one runs both starts side
by side and compares everything the page shows. The worker fetches the snapshot only when the
connection measures fast enough: loopback on a busy test machine is no measure, so the tests that
need the snapshot serve the page with `data-msd-snapshot-rate="0"` (`snapshot_whatever_the_rate`),
and one throttles the connection to see the real rule choose the plain start.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mentoring_stages.runtime import PYODIDE_VERSION
from playwright.sync_api import Browser, Page, Playwright, expect

from bench.chromium import CHROMIUM, CHROMIUM_ARGS, READY_TIMEOUT_MS
from bench.site_server import STRICT_CSP, SiteServer
from tests.support.browser import (
    Watch,
    answer_all,
    assert_shows,
    engine_result,
    expect_start,
    snapshot_whatever_the_rate,
    some_answers,
    wait_result,
)

pytestmark = pytest.mark.browser

SNAPSHOTS = "**/*.snapshot"
DESCRIPTION = "We met three weeks ago, are still getting to know each other and set no goals yet."


def snapshot_file(site: Path) -> Path:
    runtime_dir = site / "assets" / "mentoring-stages" / "pyodide" / PYODIDE_VERSION
    found = sorted(runtime_dir.glob("diagnostic-*.snapshot"))
    assert len(found) == 1, "the site is built with its snapshot, so these tests have one to use"
    return found[0]


def snapshot_rate_zero(site: Path, tmp_path: Path) -> Path:
    """A copy of the site (hard links) whose diagnostic page has data-msd-snapshot-rate="0", for
    pages that Playwright cannot route (it fetches from outside the browser's host mapping)."""
    copy = tmp_path / "site-rate-zero"
    shutil.copytree(site, copy, copy_function=os.link)
    page = copy / "diagnostic" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.unlink()
    page.write_text(html.replace(" data-msd ", ' data-msd data-msd-snapshot-rate="0" ', 1))
    return copy


def shown(page: Page) -> dict[str, Any]:
    """Everything the page shows of a result."""
    return {
        "summary": page.locator("[data-msd-headline-title]").text_content(),
        "likely": page.locator(".msd-likely").all_text_contents(),
        "bars": page.locator(".msd-bar-value").all_text_contents(),
        "marked": page.locator("[data-msd-framework][data-msd-stage]").evaluate_all(
            "cards => cards.map(card => `${card.dataset.msdFramework}/${card.dataset.msdStage}`)"
        ),
        "flags": page.locator("[data-msd-flag-list] li").all_text_contents(),
        "evidence": page.locator("[data-msd-evidence-list] li").all_text_contents(),
    }


def answer_and_describe(page: Page, site: Path, model: dict[str, Any]) -> list[dict[str, Any]]:
    """Answers, then a description: each result checked against CPython's, and what was shown."""
    answers = some_answers(model, 1)
    answer_all(page, answers)
    wait_result(page)
    assert_shows(page, engine_result(site, {"answers": answers, "text": ""}))
    seen = [shown(page)]
    page.get_by_label("Describe it in your own words").check()
    page.locator("[data-msd-text]").fill(DESCRIPTION)
    # The questions stay on screen, and count, beside the description.
    assert_shows(page, engine_result(site, {"answers": answers, "text": DESCRIPTION}))
    seen.append(shown(page))
    return seen


def test_both_starts_under_the_strict_csp_show_identical_results(
    page: Page,
    browser: Browser,
    serve: Callable[..., SiteServer],
    site: Path,
    model: dict[str, Any],
    watch: Watch,
) -> None:
    """From the snapshot: the engine comes in it (no wheel fetched), nothing from elsewhere, no
    warning. With the snapshot blocked, for another visitor (another browser profile: this one's
    keeps the snapshot it used): the plain start takes over, says so, and everything the page
    shows is the same."""
    server = serve(site, csp=STRICT_CSP)
    warnings: dict[str, list[str]] = {"snapshot": [], "plain": []}
    results = {}
    other_visitor = browser.new_context(viewport={"width": 1100, "height": 900})
    for start, tab in (("snapshot", page), ("plain", other_visitor.new_page())):
        heard = warnings[start]
        tab.on("console", lambda message, heard=heard: message.type == "warning"
               and heard.append(message.text))  # fmt: skip
        snapshot_whatever_the_rate(tab)
        if start == "plain":
            watch.expect_errors("snapshot|Failed to load resource|ERR_FAILED")
            tab.route(SNAPSHOTS, lambda route: route.abort())
        tab.bring_to_front()
        tab.goto(server.url + "diagnostic/")
        expect_start(tab, start)
        results[start] = answer_and_describe(tab, site, model)
        if start == "snapshot":
            fetched = [url.rsplit("/", 1)[-1] for url in watch.requests if "/pyodide/" in url]
            assert snapshot_file(site).name in fetched
            assert not any(name.endswith(".whl") for name in fetched), "the engine is in it"
    assert not [url for url in watch.requests if not url.startswith(server.origin)]
    assert not [text for text in warnings["snapshot"] if "snapshot" in text]
    assert any("starts without its snapshot" in text for text in warnings["plain"])
    other_visitor.close()
    assert results["snapshot"] == results["plain"]
    assert results["plain"][0]["summary"], "a result was shown"


def missing(page: Page, site: Path, tmp_path: Path) -> Path:
    snapshot_whatever_the_rate(page)
    page.route(SNAPSHOTS, lambda route: route.fulfill(status=404, body="Not Found"))
    return site


def corrupted(page: Page, site: Path, tmp_path: Path) -> Path:
    snapshot_whatever_the_rate(page)
    return corrupted_copy(site, tmp_path)


def corrupted_copy(site: Path, tmp_path: Path) -> Path:
    """A copy of the site (hard links) whose snapshot has a megabyte garbled in the middle: such a
    snapshot restores without complaint, so only the sha256 in its name can catch it."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy, copy_function=os.link)
    target = snapshot_file(copy)
    data = bytearray(target.read_bytes())
    data[5_000_000:6_000_000] = bytes(byte ^ 0x5A for byte in data[5_000_000:6_000_000])
    target.unlink()  # a new file: the hard link still holds the session site's bytes
    target.write_bytes(bytes(data))
    return copy


def not_a_snapshot(page: Page, site: Path, tmp_path: Path) -> Path:
    """Bytes that match the sha256 in their name but are no snapshot: restoring them throws."""
    junk = b"not a memory snapshot" * 1000
    name = f"diagnostic-{hashlib.sha256(junk).hexdigest()}.snapshot"

    def edit(html: str) -> str:
        shipped = re.search(r"diagnostic-([0-9a-f]{64})\.snapshot", html)
        assert shipped, "the page names its snapshot"
        return html.replace(shipped[1], name.split("-")[1].split(".")[0])  # name and its sha256

    snapshot_whatever_the_rate(page, edit)
    page.route(f"**/{name}", lambda route: route.fulfill(body=junk))
    return site


FALLBACKS = {  # the snapshot blocked: above, beside the snapshot start
    "missing": missing,
    "corrupted": corrupted,
    "not-a-snapshot": not_a_snapshot,
}


@pytest.mark.parametrize("case", FALLBACKS)
def test_the_plain_start_takes_over_when_the_snapshot_cannot_be_used(
    case: str,
    page: Page,
    serve: Callable[..., SiteServer],
    site: Path,
    model: dict[str, Any],
    watch: Watch,
    tmp_path: Path,
) -> None:
    watch.expect_errors("snapshot|404|integrity|digest|Failed to load resource|ERR_FAILED")
    warnings: list[str] = []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    server = serve(FALLBACKS[case](page, site, tmp_path))
    page.goto(server.url + "diagnostic/")
    expect_start(page, "plain")
    answer_and_describe(page, site, model)
    assert any("starts without its snapshot" in text for text in warnings), warnings


def test_off_localhost_on_plain_http_the_browser_checks_the_snapshot(
    playwright_instance: Playwright,
    serve: Callable[..., SiteServer],
    site: Path,
    model: dict[str, Any],
    tmp_path: Path,
) -> None:
    """An intranet site on plain http is no secure context, so the worker has no WebCrypto to
    hash the snapshot with: the browser's own integrity check guards it there, and still refuses
    a garbled one."""
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP intranet.test 127.0.0.1"],
    )
    try:
        for site_dir, start in ((site, "snapshot"), (corrupted_copy(site, tmp_path), "plain")):
            server = serve(snapshot_rate_zero(site_dir, tmp_path / start))
            page = browser.new_page()
            page.goto(server.url.replace("127.0.0.1", "intranet.test") + "diagnostic/")
            assert page.evaluate("isSecureContext") is False
            expect_start(page, start)
            answer_and_describe(page, site, model)
            page.close()
    finally:
        browser.close()


# -- the connection, the files' checks and the progress in bytes ----------------------------------


def throttle(page: Page, bits_per_second: float, rtt_ms: float) -> None:
    """Chromium's network emulation, which the page's worker follows too."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    rate = bits_per_second / 8
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": rtt_ms, "downloadThroughput": rate, "uploadThroughput": rate},
    )


def test_on_a_slow_connection_the_plain_start_counts_every_byte_and_never_times_out(
    page: Page, serve: Callable[..., SiteServer], site: Path, model: dict[str, Any], watch: Watch
) -> None:
    """At 10 Mbit/s the snapshot's 5 MB would cost more than the seconds it saves: the worker
    measures the link with the standard library archive and starts the plain way, with the
    site's own archive, not Pyodide's. The page hears every byte, of a total known up front.
    The time-out counts from the last bytes that arrived, not from the start: with a 3 s
    time-out, the 5.4 MB of the plain start take over 4 s, and the page never fails and ends
    ready. (Timed from the last change of stage, as it was, it failed here.)"""
    server = serve(site)
    throttle(page, 10_000_000, 40)
    page.route(
        "**/diagnostic/",
        lambda route: route.fulfill(
            response=(response := route.fetch()),
            body=response.text().replace('data-msd-timeout="45"', 'data-msd-timeout="3"', 1),
        ),
    )
    page.add_init_script("""
        window.__states = [];
        new MutationObserver(() => {
          const root = document.querySelector("[data-msd]");
          if (root) window.__states.push(root.dataset.msdState);
        }).observe(document, { attributes: true, subtree: true,
                               attributeFilter: ["data-msd-state"] });
    """)
    page.goto(server.url + "diagnostic/")
    expect_start(page, "plain")
    assert "failed" not in page.evaluate("window.__states")
    fetched = [url.rsplit("/", 1)[-1] for url in watch.requests if "/pyodide/" in url]
    assert not any(name.endswith(".snapshot") for name in fetched)
    assert not any(name.endswith(".whl") for name in fetched), "the engine is in the archive"
    assert any(re.fullmatch(r"stdlib-[0-9a-f]{64}\.zip", name) for name in fetched)
    assert "python_stdlib.zip" not in fetched
    runtime_dir = site / "assets" / "mentoring-stages" / "pyodide" / PYODIDE_VERSION
    # Every file of the plain start, Pyodide's modules too, counted once, as it crossed the wire.
    downloads = {
        name for name in fetched
        if name != "pyodide-lock.json" and not name.startswith("precomputed-")  # the page's
    }
    expected = sum((runtime_dir / name).stat().st_size for name in downloads)
    files = json.loads(page.get_attribute("[data-msd]", "data-msd-files") or "{}")
    total_at_once = sum(  # the site's archive holds the engine: no wheel either
        size
        for url, (size, *_checks) in files.items()
        if not url.endswith((".snapshot", "/python_stdlib.zip", ".whl"))
    )
    state = page.evaluate(RUNTIME_STATE)
    assert state["loaded"] == state["total"] == total_at_once == expected
    assert state["cached"] == 0
    answer_and_describe(page, site, model)


RUNTIME_STATE = (
    "import('../assets/mentoring-stages/diagnostic/runtime.mjs').then(({ startRuntime }) => {"
    "  const { loaded, total, cached } = startRuntime(document.querySelector('[data-msd]'));"
    "  return { loaded, total, cached };"
    "})"
)


def test_a_return_visit_comes_from_the_cache_and_is_no_measure_of_the_link(
    new_page: Callable[[], Page], serve: Callable[..., SiteServer], site: Path
) -> None:
    """First visit on a slow link: the plain start. The return visit, on a fast one, finds every
    file in the browser: none crosses the wire, the page says they came from its cache, and the
    archive read from there is no measure of the link, so the snapshot (not in the cache) is not
    downloaded. (Timed from the cache, the archive once made the worker fetch 5 MB of snapshot.)"""
    server = serve(site)
    first = new_page()
    throttle(first, 10_000_000, 40)
    first.goto(server.url + "diagnostic/")
    expect_start(first, "plain")
    expect(first.locator("[data-msd]")).to_have_attribute("data-msd-kept", "true", timeout=60_000)
    first.close()
    server.options.sent.clear()
    again = new_page()
    again.goto(server.url + "diagnostic/")
    expect_start(again, "plain")
    state = again.evaluate(RUNTIME_STATE)
    assert state["loaded"] == state["total"] == 0
    assert state["cached"] > 5_000_000, "every file of the start, from the browser"
    runtime = [path for path in server.options.sent if "/pyodide/" in path]
    assert runtime == [], "nothing of the runtime crossed the wire"


@pytest.mark.parametrize("archive", ["stdlib-*.zip", "python_stdlib.zip"])
def test_a_tampered_standard_library_is_refused_with_a_clear_failure(
    archive: str,
    page: Page,
    serve: Callable[..., SiteServer],
    site: Path,
    tmp_path: Path,
    watch: Watch,
) -> None:
    """The worker checks each of Pyodide's files against the sha256 recorded at build time: one
    byte changed in the standard library archive the page uses (the site's own, or Pyodide's on a
    site built without a snapshot) and the diagnostic says it failed, naming the file."""
    watch.expect_errors("sha256|standard library|Failed to load resource")
    # Pyodide, refused the archive, goes on without it and may print Python's report of an
    # interpreter that cannot start (stderr goes to the console) before the test is over.
    watch.expect_errors(
        r"^(Fatal Python error: Failed to import encodings module|Python runtime state: .*"
        r"|ModuleNotFoundError: No module named 'encodings'|Current thread .*"
        r"|\s*<no Python frame>|)$"
    )
    copy = tmp_path / "site"
    shutil.copytree(site, copy, copy_function=os.link)
    (target,) = (copy / "assets" / "mentoring-stages" / "pyodide" / PYODIDE_VERSION).glob(archive)
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.unlink()  # a new file: the hard link still holds the session site's bytes
    target.write_bytes(bytes(data))
    if archive == "python_stdlib.zip":  # a site without a snapshot uses Pyodide's own archive
        page.route(
            "**/diagnostic/",
            lambda route: route.fulfill(
                response=(response := route.fetch()),
                body=re.sub(r' data-msd-(snapshot|stdlib)="[^"]*"', "", response.text()),
            ),
        )
    server = serve(copy)
    page.goto(server.url + "diagnostic/")
    root = page.locator("[data-msd]")
    expect(root).to_have_attribute("data-msd-state", "failed", timeout=READY_TIMEOUT_MS)
    expect(page.locator("[data-msd-status]")).to_contain_text(
        "not the one this site was built with"
    )
    expect(page.locator("[data-msd-detail-text]")).to_contain_text(
        f"{target.name}: its bytes do not match the sha256 recorded when the site was built"
    )
