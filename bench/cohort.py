"""How fast a whole cohort is worked out: rows per second, in CPython and in Pyodide, for rows of
answers and rows with descriptions, against the diagnostic's own call measured in the same run.

    .venv/bin/python bench/cohort.py [--rows N] [--descriptions N] [--terminal-rows N]
                                     [--browser] [--site DIR]

Each run makes survey exports as a form tool writes them (question texts as headers, labels as
answers, a BOM, a pair and a date on every row): `--rows` rows of random answers, and
`--descriptions` rows whose description is one of the tuning corpus's, answers left empty. Then:

- CPython and Pyodide (the engine installed from the shipped runtime under Node, as in the
  worker): the page's calls (`batch_json`: open, the rows in chunks as the page asks for them, the
  results CSV), against the baseline of one `diagnose_json` call per row on the same rows. The
  ratio (rows per second of the batch over the baseline's) says what reading, matching and writing
  the file cost on top of diagnosing; CPU time beside wall time, as the machine may be shared;
- the terminal: `stage-diagnostic --batch` on `--terminal-rows` rows of answers, end to end;
- with `--browser`: the cohort page in Chromium (the site built, or `--site`), from choosing a
  file of `--rows` rows of answers to every row worked out.

Projections for the issue's plans (10,000 rows of answers in the browser within 30 s, 100,000 in
the terminal within 2 minutes) come from the rates measured. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import base64
import csv
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from mentoring_stages.config import MentoringStagesConfig
from mentoring_stages.content import load_content
from mentoring_stages.diagnostic_model import model_json
from mentoring_stages.runtime import engine_source, ship_runtime
from mentoring_stages.shipped import content_dir
from stage_diagnostic import json_api
from stage_diagnostic.model import load_model
from stage_diagnostic.survey import survey_header

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # `bench` as a package, as the tests import it

from bench.chromium import CHROMIUM, CHROMIUM_ARGS, READY_TIMEOUT_MS  # noqa: E402
from bench.site_server import ServerOptions, SiteServer  # noqa: E402

CORPUS = REPO / "tests" / "diagnostic" / "corpus"
PYODIDE_RUNNER = Path(__file__).with_name("cohort_pyodide.mjs")
CHUNK = 250  # rows per call, about what the page asks for once its chunks have settled
GOALS = {"browser_10000_answer_rows_s": 30.0, "terminal_100000_rows_s": 120.0}


def answer_rows(model: dict[str, Any], count: int, seed: int) -> list[list[str]]:
    """Rows of a form tool's export: pair, date, a label for most questions, no description."""
    chance = random.Random(seed)
    return [
        [f"pair-{index // 2}", f"2026-{1 + index % 12:02d}-01",
         *(chance.choice(q["options"])["label"] if chance.random() < 0.85 else ""
           for q in model["questions"]), ""]
        for index in range(count)
    ]


def description_rows(model: dict[str, Any], count: int) -> list[list[str]]:
    """Rows with only a description, from the tuning corpus's descriptions in turn."""
    texts = [case["text"] for path in sorted(CORPUS.glob("descriptions-tuning*.yaml"))
             for case in yaml.safe_load(path.read_text(encoding="utf-8")) if case.get("text")]
    blank = [""] * len(model["questions"])
    return [[f"pair-{index // 2}", "2026-12-01", *blank, texts[index % len(texts)]]
            for index in range(count)]


def export(model: dict[str, Any], rows: list[list[str]]) -> bytes:
    header = survey_header(load_model(model))  # pair, date, the questions, the description
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def requests(model: dict[str, Any], rows: list[list[str]]) -> list[str]:
    """The baseline: each row as the diagnostic's request (answers in ids, the text, the day)."""
    questions = model["questions"]
    made = []
    for row in rows:
        answers = {
            q["id"]: next(o["id"] for o in q["options"] if o["label"] == label)
            for q, label in zip(questions, row[2:-1], strict=True) if label
        }
        made.append(json.dumps({"answers": answers, "text": row[-1], "today": row[1]}))
    return made


def timed(work: Callable[[], int]) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    rows = work()
    return {"rows": rows, "wall_ms": (time.perf_counter() - wall) * 1000,
            "cpu_ms": (time.process_time() - cpu) * 1000}


def batch_calls(data: bytes) -> int:
    """The page's calls, in CPython: what the worker runs."""
    def call(request: dict[str, Any], raw: bytes | None = None) -> dict[str, Any]:
        answer: dict[str, Any] = json.loads(json_api.batch_json(json.dumps(request), raw))
        if "error" in answer:
            raise RuntimeError(answer["error"]["message"])
        return answer

    call({"op": "open", "today": "2026-12-01"}, data)
    while "pairs" not in (done := call({"op": "next", "count": CHUNK})):
        pass
    call({"op": "export", "format": "csv"})
    return int(done["total"])


def baseline_calls(made: list[str]) -> int:
    for request in made:
        json_api.diagnose_json(request)
    return len(made)


def in_cpython(
    model_text: str, files: dict[str, bytes], made: dict[str, list[str]]
) -> dict[str, Any]:
    assert json_api.use_model(model_text) == ""
    return {
        "files": {name: timed(partial(batch_calls, data)) for name, data in files.items()},
        "requests": {name: timed(partial(baseline_calls, rows)) for name, rows in made.items()},
    }


def in_pyodide(model_text: str, files: dict[str, bytes], made: dict[str, list[str]],
               work: Path) -> dict[str, Any]:
    cache = REPO / MentoringStagesConfig.cache_dir.default / "wheels"
    shipped = ship_runtime(work / "runtime", node_modules=REPO / "node_modules",
                           engine_source=engine_source(), cache_dir=cache)
    payload = json.dumps({
        "model": model_text, "chunk": CHUNK,
        "files": {name: base64.b64encode(data).decode("ascii") for name, data in files.items()},
        "requests": made,
    })
    done = subprocess.run(["node", str(PYODIDE_RUNNER), str(shipped.directory)], input=payload,
                          capture_output=True, text=True, check=False, timeout=3600)
    if done.returncode != 0:
        raise RuntimeError(f"cohort_pyodide.mjs failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def in_terminal(model_text: str, data: bytes, work: Path) -> dict[str, float]:
    (work / "model.json").write_text(model_text, encoding="utf-8")
    (work / "terminal.csv").write_bytes(data)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "stage_diagnostic", "--model", str(work / "model.json"),
                    "--batch", str(work / "terminal.csv"), "-o", str(work / "results.csv")],
                   check=True, capture_output=True, timeout=3600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_ms": wall * 1000, "cpu_ms": cpu * 1000}


def in_browser(site: Path, data: bytes, work: Path) -> dict[str, Any]:
    from playwright.sync_api import expect, sync_playwright

    path = work / "browser.csv"
    path.write_bytes(data)
    with SiteServer(site, ServerOptions()) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(server.url + "reference/cohort/")
        root = page.locator("[data-msc]")
        expect(root).to_have_attribute("data-msd-state", "ready", timeout=READY_TIMEOUT_MS)
        start = time.perf_counter()
        page.set_input_files("[data-msc-file]", str(path))
        expect(root).to_have_attribute("data-msc-state", "done", timeout=600_000)
        wall = time.perf_counter() - start
        said = page.locator("[data-msc-work]").inner_text()
        browser.close()
    return {"wall_ms": wall * 1000, "page_says": said}


def build(out: Path) -> Path:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run([str(mkdocs), "build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return out


def per_second(measured: dict[str, float], rows: int, key: str = "wall_ms") -> float:
    return rows / (measured[key] / 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="rows of answers")
    parser.add_argument("--descriptions", type=int, default=1_000, help="rows of descriptions")
    parser.add_argument("--terminal-rows", type=int, default=20_000,
                        help="rows of answers for stage-diagnostic --batch (100000: the plan)")
    parser.add_argument("--browser", action="store_true", help="the cohort page in Chromium too")
    parser.add_argument("--site", type=Path, help="a built site for --browser")
    arguments = parser.parse_args()

    model_text = model_json(load_content([content_dir()]))
    model = json.loads(model_text)
    answers = answer_rows(model, arguments.rows, seed=1)
    described = description_rows(model, arguments.descriptions)
    files = {"answers": export(model, answers), "descriptions": export(model, described)}
    made = {"answers": requests(model, answers), "descriptions": requests(model, described)}
    counts = {"answers": arguments.rows, "descriptions": arguments.descriptions}
    report: dict[str, Any] = {"rows": counts, "goals": GOALS}
    with tempfile.TemporaryDirectory(prefix="bench-cohort-") as temp:
        work = Path(temp)
        for where, measured in (("cpython", in_cpython(model_text, files, made)),
                                ("pyodide", in_pyodide(model_text, files, made, work))):
            report[where] = {}
            for kind, rows in counts.items():
                batch, baseline = measured["files"][kind], measured["requests"][kind]
                figures = {
                    "rows_per_s": round(per_second(batch, rows), 1),
                    "rows_per_cpu_s": round(per_second(batch, rows, "cpu_ms"), 1),
                    "baseline_rows_per_s": round(per_second(baseline, rows), 1),
                    "baseline_rows_per_cpu_s": round(per_second(baseline, rows, "cpu_ms"), 1),
                }
                figures["ratio_to_baseline"] = round(
                    figures["rows_per_cpu_s"] / figures["baseline_rows_per_cpu_s"], 3)
                report[where][kind] = figures
                print(f"{where:8} {kind:12} {figures['rows_per_s']:>8} rows/s wall, "
                      f"{figures['rows_per_cpu_s']:>8} per CPU s; one diagnose_json a row: "
                      f"{figures['baseline_rows_per_cpu_s']:>8} per CPU s (ratio "
                      f"{figures['ratio_to_baseline']})")
        terminal_rows = answer_rows(model, arguments.terminal_rows, seed=2)
        terminal = in_terminal(model_text, export(model, terminal_rows), work)
        report["terminal"] = {
            "rows": arguments.terminal_rows,
            "seconds": round(terminal["wall_ms"] / 1000, 2),
            "cpu_seconds": round(terminal["cpu_ms"] / 1000, 2),
            "projected_100000_rows_s": round(terminal["cpu_ms"] / 1000 * 100_000
                                             / arguments.terminal_rows, 1),
        }
        print(f"terminal: {arguments.terminal_rows:,} rows in {report['terminal']['seconds']} s "
              f"({report['terminal']['cpu_seconds']} s CPU); 100,000 rows: about "
              f"{report['terminal']['projected_100000_rows_s']} s of CPU (goal "
              f"{GOALS['terminal_100000_rows_s']:.0f})")
        pyodide_answers = report["pyodide"]["answers"]["rows_per_cpu_s"]
        report["projected_browser_10000_answer_rows_s"] = round(10_000 / pyodide_answers, 1)
        print(f"browser: 10,000 rows of answers at Pyodide's rate: about "
              f"{report['projected_browser_10000_answer_rows_s']} s of CPU (goal "
              f"{GOALS['browser_10000_answer_rows_s']:.0f})")
        if arguments.browser:
            site = arguments.site or build(work / "site")
            page = in_browser(site, files["answers"], work)
            report["browser"] = {"rows": arguments.rows,
                                 "seconds": round(page["wall_ms"] / 1000, 2),
                                 "page_says": page["page_says"]}
            print(f"browser: {arguments.rows:,} rows, from choosing the file to worked out, in "
                  f"{report['browser']['seconds']} s ({page['page_says']})")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
