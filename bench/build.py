"""Benchmark `mkdocs build`: the plugin's overhead over a plain Material site, and how it scales.

    .venv/bin/python bench/build.py [--repeat N] [--sizes 6,60,600]

Overhead. The site is built as configured (mkdocs.yml, whose `strict: true` holds) and, taking
turns in the same run, as its plain twin: a Material site holding the same pages. The twin is
captured from one in-process build with the plugin: each page's HTML as the plugin's build made
it (its `::: mentoring-stages` blocks rendered), as raw HTML in Markdown, and every file the
plugin adds (the diagnostic's runtime and memory snapshot included), written as static files into a
temporary docs folder, with the same theme, extensions, navigation, CSS and scripts, and the plugin
removed. A test (tests/bench/) checks that both give the same pages with the same text. Each build
is a whole `mkdocs build` in a child process, so interpreter start and imports count as they do for
an author; the ratio is of medians of CPU time (user + system, from `os.wait4`), steadier than wall
time on a shared machine (the wall-time ratio is given too). The same pair is measured again with
`diagnostic: false`, and `plugin_events_cpu_s` is the CPU time spent inside the plugin's own event
handlers during the capture build (content loading, rendering, runtime shipping), apart from what
MkDocs and Material do with the result.

Cold and warm. The plugin keeps what it makes once per version (the engine wheel, the memory
snapshot, the compressed twins of Pyodide's files) and per content (the checked content, the
precomputed results) in its cache folder, as an author's builds and the CI recipes of a new site
do; the rounds above build with the cache an earlier build filled (warm). `cold_build` is one more
build of the site with an empty cache folder, as a first build or CI without its cache makes it:
its CPU time and its ratio to the plain twin's median are reported beside the warm ratio, never
left out.

Scale. Sites with 1 (the baseline), 6, 60 and 600 frameworks, generated from the real ones (new ids,
reordered sentences and swapped words, so no two pages are alike), each built beside its plain twin,
with `diagnostic: false`: the runtime shipping is a constant cost, and diagnostic.yaml names the
real framework ids. `X_per_framework_ms` is (X(N) - X(1)) / (N - 1), so the constant cost of
starting MkDocs falls out: flat when X grows linearly, and `X_per_framework_growth` (600 over 60)
near 1. Material lists every page in the navigation of every page, so any site's build grows as the
square of its pages: the plain twin shows it, and the plugin's own handlers show what the plugin
adds.

Peak memory is the build process's VmHWM, in MiB (not ru_maxrss, which on Linux keeps the size of
the process that forked it). Progress goes to stderr; the last line on stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mentoring_stages import shipped
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "mkdocs.yml"
FRAMEWORKS = shipped.content_dir()
GOAL_RATIO = 1.3
PLUGIN = "mentoring-stages"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- building in a child process -------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system, of the build process and anything it waited for
    peak_mib: float


# Runs `mkdocs build` as `python -m mkdocs` would, then reports the process's peak resident set
# size. VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the high-water mark of the process before
# exec, which for a child forked from this benchmark is this benchmark's own size.
_MEASURED_MKDOCS = """
import runpy, sys
sys.argv[0] = "mkdocs"
try:
    runpy.run_module("mkdocs", run_name="__main__")
finally:
    with open("/proc/self/status") as status:
        print(int(status.read().split("VmHWM:")[1].split()[0]))
"""


def build_once(config_file: Path, site_dir: Path) -> Run:
    """One `mkdocs build` in a child process: wall and CPU time, and the child's peak memory."""
    command = [sys.executable, "-c", _MEASURED_MKDOCS, "build", "-q",
               "-f", str(config_file), "-d", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # An author's Python keeps the bytecode of what it imports. A shell that forbids it
    # (PYTHONDONTWRITEBYTECODE, as some sandboxes and CI images set) makes every build compile
    # the plugin's edited modules again, a cost no author's second build pays: the warm-up
    # round writes their bytecode, as an author's first build does.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=stdout, stderr=stderr)
        # wait4 rather than wait: it returns this child's own CPU time.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"{config_file}: mkdocs build failed:\n{stderr.read().decode()}")
        peak_kib = int(stdout.read().split()[-1])
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak_kib / 1024)


def alternate(
    configs: dict[str, Path], work: Path, repeat: int, warm_up: bool = True
) -> dict[str, list[Run]]:
    """Build each config `repeat` times, taking turns so drift in the machine hits all alike."""
    runs: dict[str, list[Run]] = {name: [] for name in configs}
    for name, config_file in configs.items() if warm_up else ():  # caches, bytecode, the wheel
        build_once(config_file, work / f"site-{name}")
    for round_number in range(1, repeat + 1):
        for name, config_file in configs.items():
            runs[name].append(build_once(config_file, work / f"site-{name}"))
        progress(f"  round {round_number}/{repeat}: " + ", ".join(
            f"{name} {runs[name][-1].cpu_seconds:.2f} s" for name in configs))
    return runs


def summary(runs: list[Run]) -> Run:
    """Medians of the times, and the highest peak."""
    return Run(statistics.median(run.seconds for run in runs),
               statistics.median(run.cpu_seconds for run in runs),
               max(run.peak_mib for run in runs))


# -- the plain equivalent of a plugin site --------------------------------------------------------


class _Capture(BasePlugin):  # type: ignore[type-arg]
    """Records what the mentoring-stages plugin made of each page, after it ran."""

    def __init__(self, plugin: Any) -> None:
        self.plugin = plugin
        self.pages: dict[str, str] = {}
        self.files: Files | None = None
        self.nav: list[Any] = []

    @event_priority(-100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.files = files
        return files

    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = _nav_config(nav.items)
        return nav

    @event_priority(-100)
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # The static page carries the page's HTML, blocks and all, as raw HTML in its Markdown:
        # the plugin renders blocks while Markdown runs, so there is no Markdown to swap them into.
        front = (
            f"---\ntitle: {json.dumps(page.meta['title'])}\n---\n\n" if "title" in page.meta else ""
        )
        self.pages[page.file.src_uri] = front + html
        return html


def _nav_config(items: list[Any]) -> list[Any]:
    entries: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            entries.append({item.title: _nav_config(item.children)})
        elif isinstance(item, Page):
            entries.append(item.file.src_uri)
    return entries


def _time_events(config: MkDocsConfig, plugin: Any) -> list[float]:
    """Make each of `plugin`'s event handlers add its CPU seconds to the one-item list returned."""
    spent = [0.0]

    def timed(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                spent[0] += time.process_time() - start
        return run

    for methods in config.plugins.events.values():
        for index, method in enumerate(methods):
            if getattr(method, "__self__", None) is plugin:
                methods[index] = timed(method)
                # MkDocs tells which plugin made a file by the handler running (File.generated_by).
                config.plugins._event_origins[methods[index]] = PLUGIN
    return spent


@dataclass(frozen=True)
class PlainTwin:
    config_file: Path
    plugin_cpu_seconds: float  # spent in the plugin's own event handlers while capturing


def write_plain_site(config_file: Path, target: Path) -> PlainTwin:
    """Build `config_file` once in-process, and write the same site without the plugin to `target`.
    The build also times the plugin's own work, apart from what MkDocs and Material do."""
    config = load_config(str(config_file), site_dir=str(target / "capture-site"))
    plugin = config.plugins[PLUGIN]
    spent = _time_events(config, plugin)
    capture = _Capture(plugin)
    config.plugins["bench-capture"] = capture
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    config.plugins.on_shutdown()
    docs = target / "docs"
    assert capture.files is not None
    for file in capture.files:
        if file.src_uri in capture.pages:
            content: str | bytes = capture.pages[file.src_uri]
        elif file.generated_by or Path(file.abs_src_path or "").is_relative_to(config.docs_dir):
            content = file.content_bytes
        else:
            continue  # the theme's own files, which the plain site's theme brings along
        path = docs / file.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    raw = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    # Each entry is the plugin's name or a mapping keyed by it: `in` finds the plugin either way.
    raw["plugins"] = [p for p in raw["plugins"] if PLUGIN not in p]
    raw["hooks"] = []  # the captured pages already hold what the site's hooks added
    raw["docs_dir"] = str(docs)
    raw["nav"] = capture.nav
    raw["extra_css"] = list(config.extra_css)
    raw["extra_javascript"] = [
        {"path": script.path, "type": script.type} if script.type else script.path
        for script in config.extra_javascript
    ]
    plain_config = target / "mkdocs.yml"
    plain_config.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    shutil.rmtree(target / "capture-site")
    return PlainTwin(plain_config, spent[0])


QUESTIONNAIRE_PAGES = ("check-in.md",)
"""This site's pages whose blocks read the questionnaire (`::: mentoring-stages check-in`)."""


def site_config(target: Path, content_dir: Path, cache_dir: Path, diagnostic: bool) -> Path:
    """The repository's mkdocs.yml, pointed at `content_dir`, with every path made absolute."""
    raw = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    raw["docs_dir"] = str(REPO / "docs")
    if not (content_dir / "diagnostic.yaml").exists():
        # Generated content has no questionnaire, so the page built from it (the check-in form)
        # is left out of a copy of the pages.
        docs = target / "docs"
        shutil.copytree(REPO / "docs", docs, ignore=shutil.ignore_patterns(*QUESTIONNAIRE_PAGES))
        raw["docs_dir"] = str(docs)
    # The home page links to the diagnostic page, which only exists with the diagnostic.
    raw["strict"] = diagnostic
    if "custom_dir" in raw["theme"]:
        raw["theme"]["custom_dir"] = str(REPO / raw["theme"]["custom_dir"])
    raw["hooks"] = [str(REPO / hook) for hook in raw.get("hooks", [])]
    settings = {
        "shipped_content": False,
        "frameworks": [str(content_dir)],
        "diagnostic": diagnostic,
        "node_modules": str(REPO / "node_modules"),
        "cache_dir": str(cache_dir),
    }
    # Each entry is the plugin's name or a mapping keyed by it: `in` finds the plugin either way.
    raw["plugins"] = [
        {PLUGIN: {**(p[PLUGIN] if isinstance(p, dict) else {}), **settings}} if PLUGIN in p else p
        for p in raw["plugins"]
    ]
    target.mkdir(parents=True, exist_ok=True)
    config_file = target / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return config_file


def html_bytes(site_dir: Path) -> int:
    return sum(path.stat().st_size for path in site_dir.rglob("*.html"))


# -- generated content -----------------------------------------------------------------------------

# Keys whose values are ids, references, fixed words or a source's own words: kept as they are so
# the copy still validates (a phase is one of four words; an excerpt quotes its source).
ID_KEYS = {"id", "from", "to", "stage", "source", "sources", "duration_source", "span", "phase",
           "excerpt", "as_cited_in"}
SWAPS = [("mentor", "adviser"), ("mentee", "learner"), ("relationship", "partnership"),
         ("stage", "phase"), ("goals", "aims"), ("often", "frequently"), ("pair", "duo"),
         ("meeting", "session"), ("trust", "confidence"), ("early", "initial")]


def _vary(text: str, rng: random.Random) -> str:
    """Same length and tone, different words: sentences in another order, some words swapped."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    rng.shuffle(sentences)
    varied = " ".join(sentences)
    for old, new in rng.sample(SWAPS, 4):
        varied = varied.replace(old, new)
    return varied


def _vary_tree(value: Any, rng: random.Random, key: str = "") -> Any:
    if key in ID_KEYS:
        return value
    if isinstance(value, dict):
        return {k: _vary_tree(v, rng, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_vary_tree(item, rng, key) for item in value]
    if isinstance(value, str) and key != "cues":
        return _vary(value, rng)
    return value


def framework_templates() -> list[dict[str, Any]]:
    """The real frameworks, parsed, in a stable order."""
    templates = []
    for path in sorted(FRAMEWORKS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "stages" in data:
            templates.append(data)
    return templates


def write_content(target: Path, count: int) -> Path:
    """A content folder with `count` frameworks made from the real ones, the real bibliography and
    guidance, and no diagnostic.yaml (its references name the real framework ids)."""
    templates = framework_templates()
    target.mkdir(parents=True)
    shutil.copy(FRAMEWORKS / "sources.yaml", target / "sources.yaml")
    shutil.copytree(FRAMEWORKS / "guidance", target / "guidance")
    for index in range(count):
        template = templates[index % len(templates)]
        framework = _vary_tree(template, random.Random(index))
        framework["id"] = f"{template['id']}-{index + 1:03d}"
        framework["name"] = f"{template['name']} ({index + 1})"
        framework["order"] = index + 1
        text = yaml.safe_dump(framework, sort_keys=False, allow_unicode=True, width=100)
        (target / f"{framework['id']}.yaml").write_text(text, encoding="utf-8")
    return target


# -- the benchmark ---------------------------------------------------------------------------------


def overhead(work: Path, repeat: int) -> dict[str, Any]:
    progress("plugin overhead: capturing the plain equivalents")
    cache_dir = REPO / ".cache" / PLUGIN  # the cache an author's builds use, warm after one build
    with_diagnostic = site_config(work / "with-diagnostic", FRAMEWORKS, cache_dir, diagnostic=True)
    without = site_config(work / "without-diagnostic", FRAMEWORKS, cache_dir, diagnostic=False)
    # One build first, unmeasured: after an engine or content change the cache is cold, and the
    # capture's `plugin_events_cpu_s` would time the snapshot being made, not a rebuild.
    build_once(with_diagnostic, work / "site-warm-up")
    twin = write_plain_site(with_diagnostic, work / "plain")
    twin_without = write_plain_site(without, work / "plain-no-diagnostic")
    configs = {
        "plugin": with_diagnostic,
        "plain": twin.config_file,
        "plugin_no_diagnostic": without,
        "plain_no_diagnostic": twin_without.config_file,
    }
    progress(f"plugin overhead: {repeat} alternating rounds of {len(configs)} builds")
    runs = {
        name: summary(name_runs) for name, name_runs in alternate(configs, work, repeat).items()
    }
    progress("plugin overhead: one build with an empty cache folder (cold)")
    cold_config = site_config(work / "cold", FRAMEWORKS, work / "cold-cache", diagnostic=True)
    cold = build_once(cold_config, work / "site-cold")

    def ratio(plugin: str, plain: str) -> float:
        return round(runs[plugin].cpu_seconds / runs[plain].cpu_seconds, 3)

    return {
        "plugin_overhead_ratio": ratio("plugin", "plain"),
        "plugin_overhead_ratio_wall": round(runs["plugin"].seconds / runs["plain"].seconds, 3),
        "plugin_overhead_ratio_without_diagnostic": ratio(
            "plugin_no_diagnostic", "plain_no_diagnostic"
        ),
        "cold_build": {
            "cpu_s": round(cold.cpu_seconds, 3),
            "wall_s": round(cold.seconds, 3),
            "overhead_ratio": round(cold.cpu_seconds / runs["plain"].cpu_seconds, 3),
        },
        "goal_ratio": GOAL_RATIO,
        "median_cpu_s": {name: round(run.cpu_seconds, 3) for name, run in runs.items()},
        "median_wall_s": {name: round(run.seconds, 3) for name, run in runs.items()},
        "peak_mib": {name: round(run.peak_mib, 1) for name, run in runs.items()},
        "plugin_events_cpu_s": {"plugin": round(twin.plugin_cpu_seconds, 3),
                                "plugin_no_diagnostic": round(twin_without.plugin_cpu_seconds, 3)},
        "html_bytes": {name: html_bytes(work / f"site-{name}") for name in configs},
    }


def scale(work: Path, sizes: list[int], repeat: int) -> dict[str, Any]:
    """Build sites of each size, each beside its plain twin, and time the plugin's own handlers."""
    cache_dir = work / "cache"
    measured: dict[int, dict[str, float]] = {}
    for count in [1, *sizes]:
        progress(f"scale: {count} frameworks")
        folder = work / f"scale-{count}"
        content = write_content(folder / "content", count)
        config_file = site_config(folder / "site", content, cache_dir, diagnostic=False)
        twin = write_plain_site(config_file, folder / "plain")
        small = count <= 60  # one more build of 600 frameworks would only add minutes
        runs = alternate({"plugin": config_file, "plain": twin.config_file}, folder,
                         repeat if small else 1, warm_up=small)
        plugin, plain = summary(runs["plugin"]), summary(runs["plain"])
        measured[count] = {
            "build_cpu_s": plugin.cpu_seconds,
            "build_wall_s": plugin.seconds,
            "peak_mib": plugin.peak_mib,
            "plain_cpu_s": plain.cpu_seconds,
            "plain_peak_mib": plain.peak_mib,
            "plugin_events_cpu_s": twin.plugin_cpu_seconds,
        }
        shutil.rmtree(folder)

    def per_framework_ms(count: int, key: str) -> float:
        return round((measured[count][key] - measured[1][key]) / (count - 1) * 1000, 2)

    per_framework = {  # output name -> what it is taken from
        "per_framework_ms": "build_cpu_s",
        "plain_per_framework_ms": "plain_cpu_s",
        "plugin_events_per_framework_ms": "plugin_events_cpu_s",
    }
    table = [
        {"frameworks": count}
        | {key: round(value, 3) for key, value in measured[count].items()}
        | {name: per_framework_ms(count, key) for name, key in per_framework.items()}
        for count in sizes
    ]
    result: dict[str, Any] = {
        "scale": table,
        "scale_note": "diagnostic: false (the runtime shipping is a constant cost)."
                      " X_per_framework_ms = (X(N) - X(1)) / (N - 1) for the whole build's CPU,"
                      " the plain twin's, and the plugin's own event handlers' (timed in-process);"
                      " growth = 600 over 60",
    }
    if 60 in sizes and 600 in sizes:
        rows = {row["frameworks"]: row for row in table}
        for name in per_framework:
            result[name.replace("_ms", "_growth")] = round(rows[600][name] / rows[60][name], 3)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="6,60,600",
                        type=lambda text: [int(size) for size in text.split(",")])
    arguments = parser.parse_args()
    # Errors only: without the diagnostic, the home page's link to it is a warning each time.
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="bench-build-") as temp:
        work = Path(temp)
        result = {"python": sys.version.split()[0], "repeat": arguments.repeat,
                  "time": "user+system CPU of the build process (os.wait4); wall also given",
                  "peak_memory": "VmHWM of the build process, MiB"}
        result |= overhead(work, arguments.repeat)
        result |= scale(work, arguments.sizes, arguments.repeat)
    print(f"plugin overhead: {result['plugin_overhead_ratio']} (goal <= {GOAL_RATIO}), "
          f"without the diagnostic: {result['plugin_overhead_ratio_without_diagnostic']}; "
          f"cold (empty cache): {result['cold_build']['overhead_ratio']}, "
          f"{result['cold_build']['cpu_s']:.1f} s CPU")
    for row in result["scale"]:
        print(f"{row['frameworks']:>4} frameworks: {row['build_cpu_s']:.2f} s CPU "
              f"(plain twin {row['plain_cpu_s']:.2f} s), {row['peak_mib']:.0f} MiB; per framework "
              f"{row['per_framework_ms']:.1f} ms "
              f"(plain twin {row['plain_per_framework_ms']:.1f} ms, "
              f"the plugin's own handlers {row['plugin_events_per_framework_ms']:.1f} ms)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
