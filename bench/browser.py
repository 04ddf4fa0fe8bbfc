"""Benchmark the diagnostic page in headless Chromium against a bare page that only starts Pyodide.

    .venv/bin/python bench/browser.py [--runs N] [--clicks N] [--site DIR]

It builds the site (or takes a built one), adds a bare page beside it that runs `loadPyodide()` in a
module worker and nothing else, and a copy of the diagnostic page without its memory snapshot (it
starts the plain way), serves them from one local server, and measures, in one run:

- time to ready, cold (a new browser profile: empty HTTP cache) and warm (the same profile again),
  for the bare page, our page started the plain way, and our page started from the snapshot; ours
  is ready when the engine is installed and the model loaded, so `ready_ratio` (plain over bare)
  shows what the diagnostic adds to Pyodide's own start, and `snapshot_ready_ratio` (snapshot over
  bare) what the snapshot takes off it;
- the time to the first result when the visitor answers the first question at once, before ready;
- the time from a changed answer to the result on the page, once ready (p50 and p95);
- the bytes each page transfers (counted by the server), raw and as gzip would send them with
  deploy/nginx.conf (level 1, the types it compresses), and the bytes of the runtime that pages
  without the diagnostic transfer (the goal is none);
- on throttled networks (`PROFILES`: Chromium's network emulation, which a page's workers follow),
  with the site behind real nginx and deploy/nginx.conf (compression and pre-compressed files as
  configured), cold: the bare page's time to ready against ours to the first result when the first
  question is answered at once, and the bytes on the wire of each (nginx's `$bytes_sent`). The
  pages take turns in the same run, so the ratios hold even on a busy machine; the times do not.

The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # `bench` as a package, as the tests import it

from mentoring_stages.runtime import PYODIDE_VERSION  # noqa: E402

from bench.chromium import CHROMIUM, CHROMIUM_ARGS, READY_TIMEOUT_MS  # noqa: E402
from bench.nginx_server import Nginx  # noqa: E402
from bench.site_server import ServerOptions, SiteServer  # noqa: E402

GOALS = {
    "ready_ratio": 1.10,
    "snapshot_ready_ratio": 0.40,
    "first_result_ms_p95": 100.0,
    "pyodide_bytes_on_other_pages": 0,
    "network_ratio": 0.80,  # on every profile; and no more bytes than the bare page
}
PROFILES = {  # name: (bits per second down and up, round-trip time in ms)
    "100mbit": (100_000_000, 20),
    "10mbit": (10_000_000, 40),
}
PLAIN_PAGE = "__bench_plain__"
SNAPSHOT_PAGE = "__bench_snapshot__"
# What deploy/nginx.conf compresses, by file name ending (HTML always), at nginx's default level.
GZIPPED = (".html", "/", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".snapshot")
GZIP_LEVEL = 1

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
const pyodide = await loadPyodide({{ indexURL }});
pyodide.runPython("import json, re, dataclasses");  // what a small engine would import at least
postMessage("ready");
"""

# Runs in every page before its own scripts: notes when an element's data-msd-state becomes
# "ready", when a result is first shown, and when a changed answer's result reaches the summary.
PROBE = """
window.__bench = { ready: null, shown: null, changes: [], results: [] };
new MutationObserver((records) => {
  for (const record of records) {
    const element = record.target;
    if (record.attributeName === "data-msd-state" && element.dataset.msdState === "ready"
        && window.__bench.ready === null) window.__bench.ready = performance.now();
    if (record.attributeName === "data-msd-outcome" && element.dataset.msdOutcome !== "empty"
        && window.__bench.shown === null) window.__bench.shown = performance.now();
    if (record.type === "childList" && element.matches?.("[data-msd-headline-title]"))
      window.__bench.results.push(performance.now());
  }
}).observe(document, { attributes: true, attributeFilter: ["data-msd-state", "data-msd-outcome"],
                       subtree: true, childList: true });
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


def add_plain_and_snapshot_pages(site: Path) -> None:
    """The diagnostic page without its snapshot, and with it whatever the connection measures
    (on a loopback shared with other work the measure says little), at the same depth so their
    relative URLs hold. The throttled runs use the page as built."""
    html = (site / "diagnostic" / "index.html").read_text(encoding="utf-8")
    plain, found = re.subn(r' data-msd-snapshot="[^"]*"', "", html)
    if found != 1:
        sys.exit(
            "the built diagnostic page names no snapshot: was it built with `snapshot: false`?"
        )
    snapshot = html.replace(" data-msd ", ' data-msd data-msd-snapshot-rate="0" ', 1)
    for name, page in ((PLAIN_PAGE, plain), (SNAPSHOT_PAGE, snapshot)):
        (site / name).mkdir(exist_ok=True)
        (site / name / "index.html").write_text(page, encoding="utf-8")


class Transfers:
    """Bytes the server sent, raw and as gzip would have sent them (ratio measured per file)."""

    def __init__(self, site: Path, server: SiteServer) -> None:
        self.site, self.server = site, server
        self.ratios: dict[str, float] = {}

    def ratio(self, path: str) -> float:
        if path not in self.ratios:
            file = self.site / path.removeprefix(self.server.options.prefix)
            if path.endswith("/"):
                file = file / "index.html"
            data = file.read_bytes() if file.is_file() else b""
            compressed = bool(data) and path.endswith(GZIPPED)
            self.ratios[path] = (
                len(gzip.compress(data, GZIP_LEVEL)) / len(data) if compressed else 1
            )
        return self.ratios[path]

    def take(self) -> tuple[int, int]:
        """(raw, gzip) bytes sent since the last call."""
        sent = dict(self.server.options.sent)
        self.server.options.sent.clear()
        raw = sum(sent.values())
        return raw, round(sum(count * self.ratio(path) for path, count in sent.items()))


def load_until_ready(page: Page, url: str, transfers: Transfers) -> tuple[float, int, int]:
    """Milliseconds from navigation start to ready, and the bytes sent meanwhile (raw, gzip)."""
    transfers.take()
    page.goto(url)
    page.wait_for_function("window.__bench.ready !== null", timeout=READY_TIMEOUT_MS)
    ready = float(page.evaluate("window.__bench.ready"))
    page.wait_for_load_state("networkidle")
    return ready, *transfers.take()


def measure_ready(
    playwright: Playwright, urls: dict[str, str], transfers: Transfers, runs: int
) -> dict[str, dict[str, int]]:
    """Milliseconds to ready and bytes sent (raw, gzip), cold and warm."""

    def ready(page: Page, url: str) -> dict[str, float]:
        ms, raw, gzipped = load_until_ready(page, url, transfers)
        return {"ms": ms, "bytes": raw, "gzip_bytes": gzipped}

    return cold_and_warm(playwright, urls, runs, ready)


def measure_first_result(
    playwright: Playwright, urls: dict[str, str], runs: int
) -> dict[str, dict[str, int]]:
    """Milliseconds from navigation start to the first result, the first question being answered
    as soon as it is on the page (before the diagnostic is ready), cold and warm."""

    def first_result(page: Page, url: str) -> dict[str, float]:
        page.goto(url, wait_until="commit")
        page.locator("input[name^='msd-q-']").first.check()
        page.wait_for_function("window.__bench.shown !== null", timeout=READY_TIMEOUT_MS)
        shown = float(page.evaluate("window.__bench.shown"))
        page.wait_for_load_state("networkidle")
        return {"ms": shown}

    return cold_and_warm(playwright, urls, runs, first_result)


def cold_and_warm(
    playwright: Playwright,
    urls: dict[str, str],
    runs: int,
    load: Callable[[Page, str], dict[str, float]],
) -> dict[str, dict[str, int]]:
    """`load` each page cold (a new browser profile), then warm (the same profile again, as a
    returning visitor's); the median of each measure over the runs, keyed "cold_<measure>" and
    "warm_<measure>".

    The pages take turns, run after run, so a machine that slows down during the benchmark slows
    them alike. A profile on disk, not an incognito context: Chromium keeps an incognito cache in
    memory and leaves large entries such as the 10 MB wasm out of it, making every load cold.
    """
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in urls}
    for _ in range(runs):
        for name, url in urls.items():
            with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
                context = new_context(playwright, Path(profile))
                page = context.new_page()
                for kind in ("cold", "warm"):
                    for key, value in load(page, url).items():
                        samples[name].setdefault(f"{kind}_{key}", []).append(value)
                    check_start(page, name)
                context.close()
    return {
        name: {key: round(statistics.median(values)) for key, values in measured.items()}
        for name, measured in samples.items()
    }


def check_start(page: Page, name: str) -> None:
    """Our pages must have started the way their name says, or the numbers mean nothing."""
    if name != "bare":
        start = page.get_attribute("[data-msd]", "data-msd-start")
        if start != name:
            sys.exit(f"the {name} page started the {start} way")


def measure_results(
    playwright: Playwright, profile: Path, url: str, transfers: Transfers, clicks: int
) -> list[float]:
    """Milliseconds from each changed answer to its result in the summary, once ready."""
    context = new_context(playwright, profile)
    page = context.new_page()
    load_until_ready(page, url, transfers)
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
    # Playwright's waits evaluate strings, which nginx's strict CSP forbids; the pages' own scripts
    # run as they would under it.
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, bypass_csp=True
    )
    context.add_init_script(PROBE)
    return context


def measure_network(playwright: Playwright, site: Path, work: Path, runs: int) -> dict[str, Any]:
    """Per profile: the bare page's time to ready and ours to the first result (the first question
    answered at once), cold, behind nginx, with the bytes nginx sent for each (medians)."""
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in PROFILES}
    starts: dict[str, set[str]] = {name: set() for name in PROFILES}
    with Nginx(site, work) as nginx:
        for _ in range(runs):
            for name in PROFILES:
                for page_name in ("bare", "ours"):
                    ms, start = throttled_cold_load(playwright, nginx, name, page_name)
                    if start:
                        starts[name].add(start)
                    sent = sum(nginx.take_sent().values())
                    samples[name].setdefault(f"{page_name}_ms", []).append(ms)
                    samples[name].setdefault(f"{page_name}_bytes", []).append(sent)
    report: dict[str, Any] = {}
    for name, measured in samples.items():
        median = {key: statistics.median(values) for key, values in measured.items()}
        report[name] = {
            "bare_ready_ms": round(median["bare_ms"]),
            "first_result_ms": round(median["ours_ms"]),
            "ratio": round(median["ours_ms"] / median["bare_ms"], 3),
            "bytes": round(median["ours_bytes"]),
            "bare_bytes": round(median["bare_bytes"]),
            "start": "/".join(sorted(starts[name])),
        }
    return report


def throttled_cold_load(
    playwright: Playwright, nginx: Nginx, profile_name: str, page_name: str
) -> tuple[float, str | None]:
    """One cold load under a network profile: milliseconds to the bare page's ready or to our first
    result, and how ours started. Returns once the network is idle, so every byte is counted."""
    bits, rtt = PROFILES[profile_name]
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        context = new_context(playwright, Path(profile))
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        conditions = {"latency": rtt, "downloadThroughput": bits / 8, "uploadThroughput": bits / 8}
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **conditions})
        nginx.take_sent()
        start = None
        if page_name == "bare":
            page.goto(nginx.url + "__bench__/")
            page.wait_for_function("window.__bench.ready !== null", timeout=READY_TIMEOUT_MS)
            ms = float(page.evaluate("window.__bench.ready"))
        else:
            page.goto(nginx.url + "diagnostic/", wait_until="commit")
            page.locator("input[name^='msd-q-']").first.check()
            page.wait_for_function("window.__bench.shown !== null", timeout=READY_TIMEOUT_MS)
            ms = float(page.evaluate("window.__bench.shown"))
            started = "document.querySelector('[data-msd]').dataset.msdStart"
            page.wait_for_function(started, timeout=READY_TIMEOUT_MS)
            start = page.evaluate(started)
        page.wait_for_load_state("networkidle")
        context.close()
    return ms, start


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold+warm loads per page")
    parser.add_argument(
        "--network-runs", type=int, default=2, help="cold loads per page and network profile"
    )
    parser.add_argument("--clicks", type=int, default=40, help="answers changed after ready")
    parser.add_argument("--site", type=Path, help="a built site to use instead of building one")
    parser.add_argument(
        "--network-only", action="store_true", help="measure the throttled profiles alone"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as temp:
        site = args.site or build(Path(temp) / "site")
        add_bare_page(site)
        add_plain_and_snapshot_pages(site)
        if args.network_only:
            with sync_playwright() as playwright:
                network = measure_network(playwright, site, Path(temp) / "nginx", args.network_runs)
            print(json.dumps({"network": network, "goals": GOALS}))
            return
        with SiteServer(site, ServerOptions()) as server, sync_playwright() as playwright:
            transfers = Transfers(site, server)
            diagnostic = server.url + "diagnostic/"
            ours = {
                "plain": server.url + f"{PLAIN_PAGE}/",
                "snapshot": server.url + f"{SNAPSHOT_PAGE}/",
            }
            ready = measure_ready(
                playwright, {"bare": server.url + "__bench__/", **ours}, transfers, args.runs
            )
            immediate = measure_first_result(playwright, ours, args.runs)
            latencies = measure_results(
                playwright, Path(temp) / "a", diagnostic, transfers, args.clicks
            )
            elsewhere = other_pages_bytes(playwright, Path(temp) / "b", server, site)
            network = measure_network(playwright, site, Path(temp) / "nginx", args.network_runs)
    bare, plain, snapshot = ready["bare"], ready["plain"], ready["snapshot"]
    report = {
        "runs": args.runs,
        **ready,
        "ready_ratio": round(plain["cold_ms"] / bare["cold_ms"], 3),
        "ready_ratio_warm": round(plain["warm_ms"] / bare["warm_ms"], 3),
        "snapshot_ready_ratio": round(snapshot["cold_ms"] / bare["cold_ms"], 3),
        "snapshot_ready_ratio_warm": round(snapshot["warm_ms"] / bare["warm_ms"], 3),
        "first_result_answered_at_once_ms": immediate,
        "first_result_ms_p50": round(statistics.median(latencies), 1),
        "first_result_ms_p95": round(percentile(latencies, 0.95), 1),
        "extra_cold_bytes": plain["cold_bytes"] - bare["cold_bytes"],
        "snapshot_extra_cold_bytes": snapshot["cold_bytes"] - plain["cold_bytes"],
        "snapshot_extra_cold_gzip_bytes": snapshot["cold_gzip_bytes"] - plain["cold_gzip_bytes"],
        "pyodide_bytes_on_other_pages": elsewhere,
        "network": network,
        "goals": GOALS,
    }
    for name, measured in ready.items():
        print(
            f"{name + ':':10} ready cold {measured['cold_ms']} ms, warm {measured['warm_ms']} ms; "
            f"cold {measured['cold_bytes']:,} bytes raw, {measured['cold_gzip_bytes']:,} gzipped; "
            f"warm {measured['warm_bytes']:,} raw"
        )
    for name, measured in immediate.items():
        print(
            f"first question answered at once, {name} start: result after "
            f"{measured['cold_ms']} ms cold, {measured['warm_ms']} ms warm"
        )
    print(
        f"snapshot over bare: {report['snapshot_ready_ratio']} cold, "
        f"{report['snapshot_ready_ratio_warm']} warm (goal at most {GOALS['snapshot_ready_ratio']})"
    )
    print(
        f"answer to result: p50 {report['first_result_ms_p50']} ms, "
        f"p95 {report['first_result_ms_p95']} ms over {len(latencies)} answers"
    )
    for name, measured in network.items():
        print(
            f"{name}: bare ready {measured['bare_ready_ms']} ms, {measured['bare_bytes']:,} bytes; "
            f"our first result {measured['first_result_ms']} ms ({measured['start']} start), "
            f"{measured['bytes']:,} bytes; ratio {measured['ratio']} "
            f"(goal at most {GOALS['network_ratio']})"
        )
    print(json.dumps(report))


if __name__ == "__main__":
    main()
