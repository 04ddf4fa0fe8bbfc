"""Benchmark the diagnostic page as built, behind nginx, beside a page starting Pyodide alone.

    .venv/bin/python bench/browser.py [--quick] [--runs N] [--site DIR] [--profiles 10mbit,...]
                                  [--no-lighthouse | --only-lighthouse]

The site is built (or taken from --site) and served by Debian's nginx with deploy/nginx.conf
(bench/nginx_server.py: its compression, pre-compressed twins and cache headers), with a bare page
beside it that starts Pyodide from the same files in a module worker and nothing else. Nothing is
forced: the diagnostic page starts as a visitor's browser would start it.

For each network profile (a slow link in front of nginx, bench/throttle.py: Chromium's own network
emulation leaves a service worker's requests at loopback speed, which would flatter the diagnostic's
page), run after run, each page is loaded cold (a new browser profile on disk) and again as a return
visit (the same profile, a new tab, once the first visit has finished and kept its files),
measuring:

- bare: milliseconds from navigation to Pyodide ready;
- ours: milliseconds to the first result when the visitor answers the first question as soon as it
  is on the page, and to ready (Python started, descriptions answered);
- both: the bytes nginx sent (`$bytes_sent`, headers and bodies: the bytes on the wire).

Each measure is reported as its median with its spread (lowest and highest) over the runs, with the
machine's load average (1 minute) sampled before every load: the pages take turns, so a machine that
slows down slows them alike, but the times themselves are only as good as the load is low. Then,
unthrottled: the time from a changed answer to its result once ready (p50, p95), the Pyodide bytes
other pages cause (none), and Lighthouse (mobile, its own simulated throttling) on the home, the
diagnostic and the comparison pages, when `npm ci` installed it: as many runs as the network's, each
page's median score with its spread, each audit first waiting (at most 90 s) for the load average to
fall to 1, since its blocking time is the real main thread's.

Goals (issue 22): the first result at most half of bare Pyodide's ready time at 10 and 1.6 Mbit/s;
a return visit at most 1.2 times bare's, downloading under 100 KB; bytes on the wire at most 0.8 of
bare's; Lighthouse at least 95. A run takes about 18 minutes (--quick: 2 runs, about 8).

The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # `bench` as a package, as the tests import it

from mentoring_stages.runtime import PYODIDE_VERSION  # noqa: E402

from bench.chromium import CHROMIUM, CHROMIUM_ARGS, READY_TIMEOUT_MS  # noqa: E402
from bench.nginx_server import NGINX_CONF, Nginx  # noqa: E402
from bench.throttle import Throttle  # noqa: E402

GOALS = {
    "first_result_ratio": 0.5,  # at 10 and 1.6 Mbit/s, cold: our first result over bare's ready
    "return_ratio": 1.2,  # our return visit's ready over bare's
    "return_bytes": 100_000,
    "bytes_ratio": 0.8,  # cold, on every profile
    "answer_to_result_ms_p95": 100.0,
    "lighthouse": 95,
}
PROFILES = {  # name: (bits per second each way, round-trip time in ms)
    "100mbit": (100_000_000, 20),
    "10mbit": (10_000_000, 40),
    "1.6mbit": (1_600_000, 150),
}
LIGHTHOUSE_PAGES = ("", "diagnostic/", "compare/")
# The "idle machine" for its audits: the 1-minute load average an audit waits for, and how
# long it waits at most (then it runs anyway, and the load it met is in the report).
QUIET_LOAD = 1.0
QUIET_WAIT_S = 90
BARE = "__bench__/"
DIAGNOSTIC = "diagnostic/"
KEPT_TIMEOUT_MS = 60_000

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
    bare = site / BARE
    bare.mkdir(exist_ok=True)
    (bare / "index.html").write_text(BARE_HTML, encoding="utf-8")
    (bare / "bare.mjs").write_text(BARE_PAGE, encoding="utf-8")
    (bare / "bare-worker.mjs").write_text(BARE_WORKER, encoding="utf-8")


def new_context(playwright: Playwright, profile: Path) -> BrowserContext:
    """A browser with its profile on disk, as a visitor's: Chromium keeps an incognito cache in
    memory and leaves large entries out of it. Playwright's waits evaluate strings, which nginx's
    strict CSP forbids; the pages' own scripts run as they would under it."""
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, bypass_csp=True
    )
    context.add_init_script(PROBE)
    return context


def visit(page: Page, url: str, ours: bool) -> dict[str, float]:
    """One load of the bare page (ready) or ours (first result with the first question answered at
    once, then ready, then its files kept for the next visit), in milliseconds from navigation."""
    if not ours:
        page.goto(url)
        page.wait_for_function("window.__bench.ready !== null", timeout=READY_TIMEOUT_MS)
        return {"ready_ms": float(page.evaluate("window.__bench.ready"))}
    page.goto(url, wait_until="commit")
    page.locator("input[name^='msd-q-']").first.check(timeout=READY_TIMEOUT_MS)
    page.wait_for_function("window.__bench.shown !== null", timeout=READY_TIMEOUT_MS)
    page.wait_for_function("window.__bench.ready !== null", timeout=READY_TIMEOUT_MS)
    measured = {
        "first_result_ms": float(page.evaluate("window.__bench.shown")),
        "ready_ms": float(page.evaluate("window.__bench.ready")),
    }
    start = page.get_attribute("[data-msd]", "data-msd-start")
    measured["snapshot"] = float(start == "snapshot")
    try:  # the files kept for the next visit (in a secure context: 127.0.0.1 is one)
        page.wait_for_selector("[data-msd-kept='true']", state="attached", timeout=KEPT_TIMEOUT_MS)
    except PlaywrightTimeout:
        measured["not_kept"] = 1.0
    return measured


def measure_network(
    playwright: Playwright, nginx: Nginx, profiles: list[str], runs: int
) -> dict[str, Any]:
    """Per profile, page and visit: each measure's samples, and the load average before each."""
    samples: dict[str, dict[str, dict[str, list[float]]]] = {}
    loads: list[float] = []
    with ExitStack() as stack:
        links = {
            profile: stack.enter_context(Throttle(nginx.port, *PROFILES[profile]))
            for profile in profiles
        }
        for run in range(runs):
            for profile in profiles:
                url = nginx.url.replace(f":{nginx.port}/", f":{links[profile].port}/")
                measure_profile(playwright, nginx, url, samples.setdefault(profile, {}), loads)
                progress(f"run {run + 1}/{runs} {profile}: load {os.getloadavg()[0]:.1f}")
    return {"samples": samples, "load": loads}


def measure_profile(
    playwright: Playwright,
    nginx: Nginx,
    url: str,
    samples: dict[str, dict[str, list[float]]],
    loads: list[float],
) -> None:
    """Each page cold and as a return visit through one slow link (`url`), into `samples`."""
    for name, path in (("bare", BARE), ("ours", DIAGNOSTIC)):
        with tempfile.TemporaryDirectory(prefix="bench-profile-") as directory:
            context = new_context(playwright, Path(directory))
            for kind in ("cold", "return"):
                page = context.new_page()
                loads.append(os.getloadavg()[0])
                nginx.take_sent()
                measured = visit(page, url + path, name == "ours")
                page.wait_for_load_state("networkidle")
                measured["bytes"] = float(sum(nginx.take_sent().values()))
                page.close()
                for measure, value in measured.items():
                    samples.setdefault(f"{name}_{kind}", {}).setdefault(measure, []).append(value)
            context.close()


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values)),
        "low": round(min(values)),
        "high": round(max(values)),
    }


def network_report(measured: dict[str, Any]) -> dict[str, Any]:
    report: dict[str, Any] = {}
    for profile, pages in measured["samples"].items():
        entry: dict[str, Any] = {
            key: {measure: summary(values) for measure, values in values_by.items()}
            for key, values_by in pages.items()
        }

        def median(key: str, measure: str, entry: dict[str, Any] = entry) -> float:
            return float(entry[key][measure]["median"])

        entry["first_result_ratio"] = round(
            median("ours_cold", "first_result_ms") / median("bare_cold", "ready_ms"), 3
        )
        entry["ready_ratio"] = round(
            median("ours_cold", "ready_ms") / median("bare_cold", "ready_ms"), 3
        )
        entry["return_ratio"] = round(
            median("ours_return", "ready_ms") / median("bare_return", "ready_ms"), 3
        )
        entry["return_first_result_ratio"] = round(
            median("ours_return", "first_result_ms") / median("bare_return", "ready_ms"), 3
        )
        entry["bytes_ratio"] = round(median("ours_cold", "bytes") / median("bare_cold", "bytes"), 3)
        report[profile] = entry
    loads = measured["load"]
    report["load"] = {"mean": round(statistics.mean(loads), 2), "max": round(max(loads), 2),
                      "cores": os.cpu_count()}
    return report


def measure_answers(playwright: Playwright, url: str, clicks: int) -> list[float]:
    """Milliseconds from each changed answer to its result in the summary, once ready."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as directory:
        context = new_context(playwright, Path(directory))
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("window.__bench.ready !== null", timeout=READY_TIMEOUT_MS)
        radios = page.locator("input[name^='msd-q-']:not(:checked)")  # a checked one sends nothing
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


def other_pages_bytes(playwright: Playwright, nginx: Nginx, site: Path) -> int:
    """Bytes of the Pyodide runtime that pages without the diagnostic cause to be sent."""
    frameworks = sorted((site / "frameworks").glob("*/index.html"))
    paths = ["", "compare/", "sources/", *(f"frameworks/{p.parent.name}/" for p in frameworks)]
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as directory:
        context = new_context(playwright, Path(directory))
        page = context.new_page()
        nginx.take_sent()
        for path in paths:
            page.goto(nginx.url + path)
            page.wait_for_load_state("networkidle")
        context.close()
    return sum(sent for path, sent in nginx.take_sent().items() if "/pyodide/" in path)


LIGHTHOUSE_METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                      "cumulative-layout-shift", "speed-index", "total-byte-weight")


def lighthouse(url: str, work: Path) -> dict[str, float] | None:
    """One Lighthouse mobile performance audit of `url` (its own simulated slow 4G and CPU), or
    None when `npm ci` has not installed it or the run failed (Lighthouse now and then loses its
    page under load; the other runs still count, and how many counted is reported)."""
    binary = REPO / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists() or shutil.which("node") is None:
        return None
    output = work / "lighthouse.json"
    output.unlink(missing_ok=True)
    command = [
        str(binary), url, "--quiet", "--only-categories=performance", "--output=json",
        f"--output-path={output}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, check=False, env=env, capture_output=True, timeout=300)
    if not output.exists():
        return None
    audit = json.loads(output.read_text(encoding="utf-8"))
    if audit["categories"]["performance"]["score"] is None:  # it wrote why in runtimeError
        return None
    return {
        "score": round(audit["categories"]["performance"]["score"] * 100),
        **{name: audit["audits"][name]["numericValue"] for name in LIGHTHOUSE_METRICS},
    }


def wait_until_quiet() -> float:
    """Wait (at most QUIET_WAIT_S) for the 1-minute load average to fall to QUIET_LOAD, and return
    the seconds waited. The network runs leave it at 2 to 3 for a minute after they end, and each
    audit raises it again; an audit's blocking time is the real main thread's, slowed down four
    times, so an audit that starts on a busy machine measures the machine, not the page."""
    started = time.monotonic()
    while os.getloadavg()[0] > QUIET_LOAD and time.monotonic() - started < QUIET_WAIT_S:
        time.sleep(5)
    return time.monotonic() - started


def lighthouse_report(base_url: str, work: Path, runs: int) -> dict[str, Any]:
    """Lighthouse on each page `runs` times, the pages taking turns as the network runs do: one
    audit swings by ten points or more with what else the machine does in those seconds (its
    simulated CPU is the real one slowed down), so each audit waits for a quiet machine and each
    page gets its median score and spread, as Lighthouse's own documentation advises, with the
    load sampled before every audit and the time spent waiting for it reported."""
    audits: dict[str, list[dict[str, float]]] = {path or "home": [] for path in LIGHTHOUSE_PAGES}
    loads: list[float] = []
    waited = 0.0
    for run in range(runs):
        for path in LIGHTHOUSE_PAGES:
            waited += wait_until_quiet()
            progress(f"Lighthouse {run + 1}/{runs} {path or 'home'}: load {os.getloadavg()[0]:.2f}")
            loads.append(os.getloadavg()[0])
            audit = lighthouse(base_url + path, work)
            if audit is not None:
                audits[path or "home"].append(audit)
    return {
        "load": {"mean": round(statistics.fmean(loads), 2), "max": round(max(loads), 2)},
        "waited_s": round(waited),
        "pages": {
            page: {
                "runs": len(done),
                "score": summary([audit["score"] for audit in done]),
                **{name: round(statistics.median(audit[name] for audit in done), 3)
                   for name in LIGHTHOUSE_METRICS},
            } if done else None
            for page, done in audits.items()
        },
    }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="visits per page and profile")
    parser.add_argument("--quick", action="store_true", help="2 runs and 20 answers")
    parser.add_argument("--clicks", type=int, default=40, help="answers changed once ready")
    parser.add_argument("--site", type=Path, help="a built site to use instead of building one")
    parser.add_argument("--profiles", default=",".join(PROFILES), help="network profiles to run")
    parser.add_argument("--no-lighthouse", action="store_true", help="leave Lighthouse out")
    parser.add_argument("--only-lighthouse", action="store_true",
                        help="Lighthouse alone (to audit again on an idle machine)")
    parser.add_argument("--nginx-conf", type=Path, default=NGINX_CONF,
                        help="a server block to measure instead of deploy/nginx.conf")
    args = parser.parse_args()
    runs, clicks = (2, 20) if args.quick else (args.runs, args.clicks)
    profiles = args.profiles.split(",")
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as temp:
        site = args.site or build(Path(temp) / "site")
        add_bare_page(site)
        nginx_server = Nginx(site, Path(temp) / "nginx", conf=args.nginx_conf)
        report: dict[str, Any] = {"runs": runs}
        with nginx_server as nginx, sync_playwright() as playwright:
            if not args.only_lighthouse:
                network = network_report(measure_network(playwright, nginx, profiles, runs))
                progress("answers once ready")
                latencies = measure_answers(playwright, nginx.url + DIAGNOSTIC, clicks)
                report |= {
                    "network": network,
                    "answer_to_result_ms_p50": round(statistics.median(latencies), 1),
                    "answer_to_result_ms_p95": round(percentile(latencies, 0.95), 1),
                    "pyodide_bytes_on_other_pages": other_pages_bytes(playwright, nginx, site),
                }
            report["lighthouse"] = None
            if not args.no_lighthouse:
                report["lighthouse"] = lighthouse_report(nginx.url, Path(temp), runs)
    report["goals"] = GOALS
    print_report(report)
    print(json.dumps(report))


def spread(measure: dict[str, float], scale: float = 1000, unit: str = "s") -> str:
    return (f"{measure['median'] / scale:.2f} {unit} "
            f"({measure['low'] / scale:.2f}-{measure['high'] / scale:.2f})")


def print_network(report: dict[str, Any]) -> None:
    network = report["network"]
    load = network["load"]
    print(f"{report['runs']} runs; load average {load['mean']} (max {load['max']}) "
          f"on {load['cores']} cores")
    for profile in PROFILES:
        if profile not in network:
            continue
        entry = network[profile]
        for visit_kind in ("cold", "return"):
            bare, ours = entry[f"bare_{visit_kind}"], entry[f"ours_{visit_kind}"]
            print(
                f"{profile} {visit_kind}: bare ready {spread(bare['ready_ms'])}, "
                f"{spread(bare['bytes'], 1e6, 'MB')}; ours first result "
                f"{spread(ours['first_result_ms'])}, ready {spread(ours['ready_ms'])}, "
                f"{spread(ours['bytes'], 1e6, 'MB')}"
            )
        print(
            f"{profile}: first result / bare ready {entry['first_result_ratio']} "
            f"(goal <= {GOALS['first_result_ratio']}), ready / bare {entry['ready_ratio']}, "
            f"return ready / bare return {entry['return_ratio']} "
            f"(goal <= {GOALS['return_ratio']}), "
            f"bytes / bare {entry['bytes_ratio']} (goal <= {GOALS['bytes_ratio']})"
        )
    print(f"answer to result once ready: p50 {report['answer_to_result_ms_p50']} ms, "
          f"p95 {report['answer_to_result_ms_p95']} ms; Pyodide bytes on other pages: "
          f"{report['pyodide_bytes_on_other_pages']}")


def print_report(report: dict[str, Any]) -> None:
    if "network" in report:
        print_network(report)
    audits = report["lighthouse"]
    if audits is None:
        return
    load = audits["load"]
    print(f"Lighthouse mobile, load average {load['mean']} (max {load['max']}), "
          f"{audits['waited_s']} s spent waiting for it to fall to {QUIET_LOAD}")
    for page, audit in audits["pages"].items():
        if audit is None:
            print(f"  {page}: no run finished (is Lighthouse installed? `npm ci`)")
            continue
        score = audit["score"]
        print(f"  {page}: {score['median']} ({score['low']}-{score['high']}, {audit['runs']} runs; "
              f"goal >= {GOALS['lighthouse']}), "
              f"FCP {audit['first-contentful-paint'] / 1000:.2f} s, "
              f"LCP {audit['largest-contentful-paint'] / 1000:.2f} s, "
              f"TBT {audit['total-blocking-time']:.0f} ms, CLS {audit['cumulative-layout-shift']}")


if __name__ == "__main__":
    main()
