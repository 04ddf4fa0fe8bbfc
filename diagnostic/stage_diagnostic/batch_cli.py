"""`stage-diagnostic --batch FILE.csv`: a whole cohort's survey export diagnosed in a terminal.

The same reading, diagnosing and writing as the site's cohort page (see `batch`), without the
page's limits: the results CSV is the page's download, byte for byte, for the same file, framework,
day and model (its words are the CSV's headings). What the coordinator should know about the file
(columns not used, answers not recognised, row by row) goes to standard error, in the model's
words; the results to standard output or `-o FILE`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import date
from typing import Any

from .batch import (
    EXPORT_FORMATS,
    IGNORE,
    BatchFileError,
    BatchRun,
    Problem,
    message,
    read_table,
    results_csv,
    results_json,
)
from .engine import InputError
from .model import Model
from .survey import QUESTION_PREFIX, ROLES, match_key
from .terminal import reason
from .words import fill, listed

# Problems listed on standard error before the rest are only counted (all are in the results).
SHOWN_PROBLEMS = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("a whole cohort at once (as the site's cohort page)")
    group.add_argument("--batch", metavar="FILE.csv",
                       help="diagnose every row of a survey export ('-' reads stdin)")
    group.add_argument("--format", choices=EXPORT_FORMATS, default="csv",
                       help="the results as CSV (the page's download) or JSON")
    group.add_argument("-o", "--output", metavar="FILE", help="write the results to FILE")
    group.add_argument("--framework", metavar="ID",
                       help="the programme's framework, whose stage the Stage column gives")
    group.add_argument("--match", metavar="HEADER=TARGET", action="append", default=[],
                       help="match a column by its header: to a question id, pair, date, "
                       f"description or {IGNORE} (repeat for more columns)")
    group.add_argument("--date-order", choices=("dmy", "mdy"),
                       help="read dates such as 05/03/2026 day first or month first")


def run(arguments: argparse.Namespace, model: Model, today: date | None) -> int:
    """Diagnose the file; InputError for anything the person running it can fix, in the model's
    words."""
    words = model.words
    framework = arguments.framework
    if framework is not None and framework not in {f.id for f in model.frameworks}:
        known = listed(words, (f.id for f in model.frameworks))
        raise InputError(fill(words["terminal_unknown_framework"], framework=framework,
                              known=known))
    try:
        data = _read(words, arguments.batch)
        table = read_table(model, data, _matches(model, arguments.match),
                           date_order=arguments.date_order)
    except BatchFileError as error:
        raise InputError(f"{arguments.batch}: {error}") from None
    if table.blocking:
        lines = [fill(words["terminal_columns_unusable"], path=arguments.batch),
                 *(f"  {problem.message}" for problem in table.blocking),
                 fill(words["terminal_match_them"], ignore=IGNORE)]
        raise InputError("\n".join(lines))
    results = BatchRun(model, table, today).run()
    if arguments.format == "csv":
        text = results_csv(model, results, framework)
    else:
        text = results_json(model, table, results, framework)
    _write(words, arguments.output, text)
    _report(model, table.notices, results)
    return 0


def _read(words: Mapping[str, str], path: str) -> bytes:
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise InputError(fill(words["terminal_cannot_read"], path=path,
                              why=reason(words, error))) from None


def _matches(model: Model, pairs: list[str]) -> dict[str, str]:
    """--match 'How long?=time-together' as the page keeps a match: header key -> target."""
    words = model.words
    matches = {}
    for pair in pairs:
        header, separator, target = pair.rpartition("=")
        target = target.strip()
        if not separator or not header.strip():
            raise InputError(fill(words["terminal_match_form"], match=pair))
        if model.question(target) is not None:
            target = QUESTION_PREFIX + target
        elif target not in (*ROLES, IGNORE):
            raise InputError(fill(words["terminal_match_target"], match=pair, target=target,
                                  ignore=IGNORE))
        matches[match_key(header)] = target
    return matches


def _write(words: Mapping[str, str], path: str | None, text: str) -> None:
    data = text.encode("utf-8")  # exactly the page's bytes: no newline or locale translation
    if path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        with open(path, "wb") as file:
            file.write(data)
    except OSError as error:
        raise InputError(fill(words["terminal_cannot_write"], path=path,
                              why=reason(words, error))) from None


def _report(model: Model, notices: list[Problem], results: list[dict[str, Any]]) -> None:
    words = model.words
    lines = [notice.message for notice in notices]
    problems = [problem for result in results for problem in result["problems"]]
    lines += [problem["message"] for problem in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(message(words, "more-problems", count=len(problems) - SHOWN_PROBLEMS,
                             column=words["batch_heading_problems"]))
    lines.append(message(words, "diagnosed", count=len(results)))
    print("\n".join(lines), file=sys.stderr)
