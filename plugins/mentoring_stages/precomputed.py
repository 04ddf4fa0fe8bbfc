"""The engine's results for the first answers, worked out when the site is built.

Python takes seconds to reach a visitor's browser, most on a slow connection; the first answer
should not wait for it. The build runs the real engine (this CPython, the same package the
browser's wheel is made of, through the same `json_api` calls the worker makes) on every request a
visitor can make with one answer, and with two, and ships the results beside the runtime. The page
(`precomputed.mjs`) shows them until the engine in the browser is ready, and the engine takes over
from the same numbers: tests/pyodide checks that every result here is what the engine in Pyodide
returns for the same request.

Two files, named by the sha256 of their bytes (so they are cached for good, like the runtime, and
have pre-compressed twins):

    precomputed-<sha256>.json         every single answer (53 results, 8 KB with brotli); it names
                                      the second file
    precomputed-pairs-<sha256>.json   every two answers to two questions (about 1,300 results,
                                      150 KB with brotli), fetched only when a visitor gives a
                                      second answer before Python is ready

Each holds {"format": 1, "framework": id or null, "results": {key: result}}, where the key is
the request's answers as `question=option` joined by `&`, sorted by question id (`answers_key`,
repeated in precomputed.mjs). The headline comes from the request's framework (the site's
`default_framework` unless the visitor picks another), so the results are worked out for the
site's, named in `framework`; a request for another framework waits for the engine. Descriptions
are not precomputed: a text can be anything.

Working the pairs out takes most of a second, so both files are cached by a key of the model and
the engine's wheel.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stage_diagnostic import json_api

from . import compress

FORMAT = 1
PREFIX = "precomputed-"
PAIRS_PREFIX = "precomputed-pairs-"
SUFFIX = ".json"


class PrecomputeError(Exception):
    """The engine refused the model or a request: the model and the engine disagree."""


@dataclass(frozen=True)
class Precomputed:
    """The two files: the singles (which name the pairs) and the pairs."""

    singles: Path
    pairs: Path


def answers_key(answers: dict[str, str]) -> str:
    """The lookup key of a request's answers: `question=option` pairs sorted by question, `&`."""
    return "&".join(f"{question}={answers[question]}" for question in sorted(answers))


def precompute(
    model_text: str, wheel_sha256: str, cache_dir: Path, framework: str | None = None
) -> Precomputed:
    """The precomputed results for `model_text`, their headlines from `framework` (None: the
    engine's own choice), from the cache or worked out now."""
    key = hashlib.sha256(
        f"{FORMAT}\0{wheel_sha256}\0{framework or ''}\0{model_text}".encode()
    ).hexdigest()
    folder = cache_dir / key
    singles = next(folder.glob(f"{PREFIX}[0-9a-f]*{SUFFIX}"), None)
    pairs = next(folder.glob(f"{PAIRS_PREFIX}*{SUFFIX}"), None)
    if singles is not None and pairs is not None:
        return Precomputed(singles, pairs)
    problem = json_api.use_model(model_text)
    if problem:
        raise PrecomputeError(json.loads(problem)["error"]["message"])
    model = json.loads(model_text)
    questions = [
        (question["id"], [option["id"] for option in question["options"]])
        for question in model["questions"]
    ]
    folder.mkdir(parents=True, exist_ok=True)
    pairs = _write(folder, PAIRS_PREFIX, _results(_two_answers(questions), framework), framework)
    singles_results = _results(_one_answer(questions), framework)
    singles = _write(folder, PREFIX, singles_results, framework, pairs=pairs.name)
    return Precomputed(singles, pairs)


def ship_precomputed(
    runtime_dir: Path,
    model_text: str,
    wheel_sha256: str,
    cache_dir: Path,
    framework: str | None = None,
) -> Precomputed:
    """Put the precomputed results for `model_text` (headlines from `framework`), with their
    twins, into the runtime's folder; remove an earlier build's there. Returns the shipped files."""
    made = precompute(model_text, wheel_sha256, cache_dir, framework)
    shipped = []
    for source in (made.singles, made.pairs):
        # Named by their sha256, so not read again to hash them; made again at each edit of the
        # content, so their brotli twins are made quickly (compress.BROTLI_QUICK).
        sha256 = source.name.removesuffix(SUFFIX).rsplit("-", 1)[1]
        twins_cache = cache_dir / compress.TWINS_DIR
        compress.ship(source, runtime_dir, twins_cache, sha256, compress.BROTLI_QUICK)
        shipped.append(runtime_dir / source.name)
    keep = {path.name for path in shipped}
    for stale in runtime_dir.glob(f"{PREFIX}*{SUFFIX}*"):
        if stale.name.removesuffix(compress.GZIP).removesuffix(compress.BROTLI) not in keep:
            stale.unlink()
    return Precomputed(*shipped)


def _one_answer(questions: list[tuple[str, list[str]]]) -> Iterator[dict[str, str]]:
    for question, options in questions:
        for option in options:
            yield {question: option}


def _two_answers(questions: list[tuple[str, list[str]]]) -> Iterator[dict[str, str]]:
    for (first, first_options), (second, second_options) in itertools.combinations(questions, 2):
        for one, other in itertools.product(first_options, second_options):
            yield {first: one, second: other}


def request(answers: dict[str, str], framework: str | None) -> dict[str, Any]:
    """The request the page makes for `answers` with no description, as the engine takes it."""
    return {"answers": answers, "text": ""} | ({"framework": framework} if framework else {})


def _results(requests: Iterator[dict[str, str]], framework: str | None) -> dict[str, Any]:
    results = {}
    for answers in requests:
        result = json.loads(json_api.diagnose_json(json.dumps(request(answers, framework))))
        if "error" in result:
            raise PrecomputeError(f"the engine refused {answers}: {result['error']['message']}")
        results[answers_key(answers)] = result
    return results


def _write(
    folder: Path, prefix: str, results: dict[str, Any], framework: str | None, **extra: str
) -> Path:
    data = {"format": FORMAT, "framework": framework, **extra, "results": results}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    target = folder / f"{prefix}{hashlib.sha256(text.encode()).hexdigest()}{SUFFIX}"
    partial = target.with_name(target.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)  # last, so an interrupted build never leaves half a file cached
    return target
