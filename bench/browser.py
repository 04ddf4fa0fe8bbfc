"""Benchmark the diagnostic page in headless Chromium against a bare page that only starts Pyodide.

    .venv/bin/python bench/browser.py [--runs N] [--clicks N] [--site DIR]

It builds the site (or takes a built one), adds a bare page beside it that runs `loadPyodide()` in a
module worker and nothing else, serves both from one local server, and measures, in one run:

- time to ready, cold (a new browser context: empty HTTP cache) and warm (the same context again),
  for the bare page and for ours; ours is ready when the engine is installed, the model loaded and
  one diagnosis made, so the ratio shows what the diagnostic adds to Pyodide's own start;
- the time from a changed answer to the result on the page, once ready (p50 and p95);
- the bytes each page transfers (counted by the server), and the bytes of the runtime that pages
  without the diagnostic transfer (the goal is none).

The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "browser"))

from browser_helpers import READY_TIMEOUT_MS  # noqa: E402
from mentoring_stages.runtime import PYODIDE_VERSION  # noqa: E402
from site_server import ServerOptions, SiteServer  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
GOALS = {"ready_ratio": 1.10, "first_result_ms_p95": 100.0, "pyodide_bytes_on_other_pages": 0}

BARE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide</title>
<script type="module" src="bare.mjs"></script></head>
<body data-msd-state="loading"><p>Starting Pyodide…</p></body></html>
"""
BARE_PAGE = """const url = new URL("bare-worker.mjs", import.meta.url);
const worker = new Worker(url, { type: "module" });
worker.onmessage = () => { document.body.dataset.msdState = "ready"; };
"""
BARE_WORKER = f"""const indexURL = new URL("../assets/mentoring-stages/pyodide/{PYODIDE_VERSION}/",
  import.meta.url).href;
const {{ loadPyodide }} = await import(indexURL + "pyodide.mjs");
await loadPyodide({{ indexURL }});
postMessage("ready");
"""

# Runs in every page before its own scripts: notes when an element's data-msd-state becomes
# "ready", and when a changed answer's result reaches the summary.
PROBE = """
window.__bench = { ready: null, changes: [], results: [] };
new MutationObserver((records) => {
  for (const record of records) {
    const element = record.target;
    if (record.attributeName === "data-msd-state" && element.dataset.msdState === "ready"
        && window.__bench.ready === null) window.__bench.ready = performance.now();
    if (record.type === "childList" && element.matches?.("[data-msd-summary]"))
      window.__bench.results.push(performance.now());
  }
}).observe(document, { attributes: true, attributeFilter: ["data-msd-state"], subtree: true,
                       childList: true });
document.addEventListener("change", () => window.__bench.changes.push(performance.now()), true);
"""


def build(out: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run(
        [str(mkdocs), "build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
        check=True,
        env=env,
    )
    return out


def add_bare_page(site: Path) -> None:
    bare = site / "__bench__"
    bare.mkdir(exist_ok=True)
    (bare / "index.html").write_text(BARE_HTML, encoding="utf-8")
    (bare / "bare.mjs").write_text(BARE_PAGE, encoding="utf-8")
    (bare / "bare-worker.mjs").write_text(BARE_WORKER, encoding="utf-8")


def load_until_ready(page: Page, url: str, server: SiteServer) -> tuple[float, int]:
    """Milliseconds from navigation start to ready, and the bytes the server sent meanwhile."""
    server.options.sent.clear()
    page.goto(url)
    page.wait_for_function("window.__bench.ready !== null", timeout=READY_TIMEOUT_MS)
    ready = float(page.evaluate("window.__bench.ready"))
    page.wait_for_load_state("networkidle")
    return ready, sum(server.options.sent.values())


def measure_ready(
    playwright: Playwright, urls: dict[str, str], server: SiteServer, runs: int
) -> dict[str, dict[str, int]]:
    """Cold: a new browser profile. Warm: the same profile again, as a returning visitor's.

    The pages take turns, run after run, so a machine that slows down during the benchmark slows
    them alike. A profile on disk, not an incognito context: Chromium keeps an incognito cache in
    memory and leaves large entries such as the 10 MB wasm out of it, making every load cold.
    """
    samples: dict[str, dict[str, list[float]]] = {
        name: {"cold_ms": [], "warm_ms": [], "cold_bytes": [], "warm_bytes": []} for name in urls
    }
    for _ in range(runs):
        for name, url in urls.items():
            with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
                context = new_context(playwright, Path(profile))
                page = context.new_page()
                for kind in ("cold", "warm"):
                    ms, sent = load_until_ready(page, url, server)
                    samples[name][f"{kind}_ms"].append(ms)
                    samples[name][f"{kind}_bytes"].append(sent)
                context.close()
    return {
        name: {key: round(statistics.median(values)) for key, values in measured.items()}
        for name, measured in samples.items()
    }


def measure_results(
    playwright: Playwright, profile: Path, url: str, server: SiteServer, clicks: int
) -> list[float]:
    """Milliseconds from each changed answer to its result in the summary, once ready."""
    context = new_context(playwright, profile)
    page = context.new_page()
    load_until_ready(page, url, server)
    radios = page.locator("input[name^='msd-q-']:not(:checked)")  # a checked one sends no change
    rng = random.Random(7)
    for _ in range(clicks):
        done = len(page.evaluate("window.__bench.results"))
        radios.nth(rng.randrange(radios.count())).check()
        page.wait_for_function(f"window.__bench.results.length > {done}")
    changes = page.evaluate("window.__bench.changes")
    results = page.evaluate("window.__bench.results")
    context.close()
    # Each click waits for its result, so the n-th result after the first click answers it.
    first = len(results) - clicks
    return [results[first + i] - changes[i] for i in range(clicks)]


def other_pages_bytes(playwright: Playwright, profile: Path, server: SiteServer, site: Path) -> int:
    """Bytes of the Pyodide runtime that pages without the diagnostic cause to be sent."""
    frameworks = sorted((site / "frameworks").glob("*/index.html"))
    paths = ["", "compare/", "sources/", *(f"frameworks/{p.parent.name}/" for p in frameworks)]
    context = new_context(playwright, profile)
    page = context.new_page()
    server.options.sent.clear()
    for path in paths:
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
    context.close()
    return sum(sent for path, sent in server.options.sent.items() if "/pyodide/" in path)


def new_context(playwright: Playwright, profile: Path) -> BrowserContext:
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS
    )
    context.add_init_script(PROBE)
    return context


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="cold+warm loads per page")
    parser.add_argument("--clicks", type=int, default=40, help="answers changed after ready")
    parser.add_argument("--site", type=Path, help="a built site to use instead of building one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as temp:
        site = args.site or build(Path(temp) / "site")
        add_bare_page(site)
        with SiteServer(site, ServerOptions()) as server, sync_playwright() as playwright:
            diagnostic = server.url + "diagnostic/"
            urls = {"bare": server.url + "__bench__/", "ours": diagnostic}
            ready = measure_ready(playwright, urls, server, args.runs)
            bare, ours = ready["bare"], ready["ours"]
            latencies = measure_results(
                playwright, Path(temp) / "a", diagnostic, server, args.clicks
            )
            elsewhere = other_pages_bytes(playwright, Path(temp) / "b", server, site)
    report = {
        "runs": args.runs,
        "bare": bare,
        "ours": ours,
        "ready_ratio": round(ours["cold_ms"] / bare["cold_ms"], 3),
        "ready_ratio_warm": round(ours["warm_ms"] / bare["warm_ms"], 3),
        "first_result_ms_p50": round(statistics.median(latencies), 1),
        "first_result_ms_p95": round(percentile(latencies, 0.95), 1),
        "extra_cold_bytes": ours["cold_bytes"] - bare["cold_bytes"],
        "pyodide_bytes_on_other_pages": elsewhere,
        "goals": GOALS,
    }
    print(
        f"bare page: ready cold {bare['cold_ms']} ms, warm {bare['warm_ms']} ms, "
        f"{bare['cold_bytes']:,} bytes cold"
    )
    print(
        f"diagnostic: ready cold {ours['cold_ms']} ms, warm {ours['warm_ms']} ms, "
        f"{ours['cold_bytes']:,} bytes cold, {ours['warm_bytes']:,} warm"
    )
    print(
        f"answer to result: p50 {report['first_result_ms_p50']} ms, "
        f"p95 {report['first_result_ms_p95']} ms over {len(latencies)} answers"
    )
    print(json.dumps(report))


if __name__ == "__main__":
    main()
