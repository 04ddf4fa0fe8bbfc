"""A programme's whole cohort at once: a survey export (CSV) in, every row's diagnosis out.

The cohort page (through the browser worker, under Pyodide) and `stage-diagnostic --batch` both
use this module, so the page's download and the command's output are the same file.

Reading a file (`read_table`), in this order:
- bytes: UTF-8 (with or without the BOM Excel writes), UTF-16 with its BOM (Excel's "Unicode
  text"), else Windows-1252 (Excel's "CSV" on Windows); a `limits` of bytes and rows for the page;
- cells: separated by `,`, `;` or tab, whichever the header row uses most (Excel's `sep=;` first
  line is obeyed); quoted as spreadsheets quote; rows with nothing in them are skipped;
- the header row (the first row with anything in it): each column is matched to a question (by id
  or text), to the pair, the date or the description (see `survey`), or to nothing; a coordinator's
  own `matches` (header key -> target, or "ignore") come first. Two columns for one question, or no
  column for any question or a description, block the file until the columns are matched;
- every other row: answers by option id or label. An answer that is none of its question's
  options, an unreadable date, a row longer or shorter than the header, a description longer than
  the engine reads: each is a problem naming the row and column, and the rest of the row is still
  diagnosed. A file that cannot be read at all raises `BatchFileError`, naming the row.

Every row's diagnosis (`row_result`) keeps what a cohort needs, read from the engine's result by
`result_summary` only; pairs with two dated rows or more get a path (`pair_paths`). Results are
written as CSV (`results_csv`: cells a spreadsheet would read as a formula are neutralised) or
JSON (`results_json`). Every sentence a person reads is the model's (`words`, `batch_...`), in the
site's language, as are the CSV's column headings; the JSON's fields are ids.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .bounds import MAX_TEXT_LENGTH
from .engine import InputError, diagnose
from .model import Model
from .spreadsheet import csv_text
from .survey import (
    DATE,
    DESCRIPTION,
    PAIR,
    QUESTION_PREFIX,
    ROLES,
    Survey,
    match_key,
    survey_header,
)
from .words import fill, listed, number, quoted

# The codecs are looked up when first used; naming them here imports them with this module, so
# the memory snapshot the page starts from holds them (its trimmed standard library does not).
for _codec in ("utf-8-sig", "utf-16", "cp1252"):
    codecs.lookup(_codec)

BATCH_FORMAT = 1  # the JSON results' format
IGNORE = "ignore"  # a coordinator's match for a column to leave out
# Two readings of a pair this close on the common timeline (0..100) count as not having moved: a
# tenth of the timeline's width in any direction is less than any stage of any framework.
STILL_WITHIN = 5.0
SEPARATORS = (",", ";", "\t")
# The separator is told from the file's first rows: this many, within this many characters.
SNIFF_ROWS = 20
SNIFF_CHARACTERS = 65_536


@dataclass(frozen=True)
class Limits:
    max_bytes: int | None = None
    max_rows: int | None = None


# What the cohort page reads, stated on the page before a file is chosen. 10,000 rows of answers
# take about ten seconds in the browser here (bench/cohort.py); twice that stays within a minute.
PAGE_LIMITS = Limits(max_bytes=10_000_000, max_rows=20_000)

HEADINGS = ("row", "pair", "date", "framework", "stage", "level", "confidence", "position")
"""The results file's first columns, by the name of their heading in the words (`batch_heading_`);
a column for each flag, then Problems and a column for each framework follow."""


def message(words: Mapping[str, str], kind: str, **values: Any) -> str:
    """The sentence for a kind of problem or notice ("unknown-answer"), in the model's words."""
    return fill(words["batch_" + kind.replace("-", "_")], **values)


class BatchFileError(ValueError):
    """The file cannot be read at all; the message says where and what to do."""

    def __init__(self, words: Mapping[str, str], kind: str, **values: Any) -> None:
        super().__init__(message(words, kind, **values))
        self.kind = kind


@dataclass(frozen=True)
class Problem:
    kind: str
    message: str
    row: int | None = None
    column: str | None = None  # the spreadsheet's letter: A, B ... AA

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "row": self.row, "column": self.column,
                "message": self.message}


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    target: str | None  # "question:<id>", "pair", "date", "description", or None: not used
    by: str | None  # "id", "text", "name" (of a pair, date or description column), "chosen"

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    def as_json(self) -> dict[str, Any]:
        return {"column": self.letter, "header": self.header, "key": match_key(self.header),
                "target": self.target, "by": self.by}


@dataclass
class Row:
    number: int  # the spreadsheet's row number (the header row counts)
    pair: str = ""
    date: date | None = None
    date_cell: tuple[str, Column] | None = None  # as written, until the column's order is known
    answers: dict[str, str] = field(default_factory=dict)
    text: str = ""
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Table:
    """A file read and matched: its columns, its rows, and what to tell the coordinator."""

    columns: list[Column]
    rows: list[Row]
    encoding: str = "utf-8"
    separator: str = ","
    notices: list[Problem] = field(default_factory=list)
    blocking: list[Problem] = field(default_factory=list)  # until matched, no row is diagnosed
    unsure: bool = False  # columns left unmatched while questions have none: ask the coordinator

    def summary(self, model: Model) -> dict[str, Any]:
        used = {column.target for column in self.columns}
        return {
            "encoding": self.encoding,
            "separator": self.separator,
            "rows": len(self.rows),
            "columns": [column.as_json() for column in self.columns],
            "missing": [q.id for q in model.questions if QUESTION_PREFIX + q.id not in used],
            "notices": [notice.as_json() for notice in self.notices],
            "blocking": [problem.as_json() for problem in self.blocking],
            "needs_matching": bool(self.blocking) or self.unsure,
        }


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, as spreadsheets name columns."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# -- reading ---------------------------------------------------------------------------------------


def decode(data: bytes, words: Mapping[str, str]) -> tuple[str, str]:
    """The file's text and the encoding it was read in."""
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8-sig"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise _encoding_error(data, error, words) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise _encoding_error(data, error, words) from None


def _encoding_error(
    data: bytes, error: UnicodeDecodeError, words: Mapping[str, str]
) -> BatchFileError:
    line = data.count(b"\n", 0, error.start) + 1
    return BatchFileError(words, "encoding", line=line, byte=f"0x{data[error.start]:02X}")


def _separator(text: str) -> tuple[str, str]:
    """The separator and the text without an Excel `sep=` line. Without one: of the separators
    that cut the header into cells, the one that cuts the first rows into as many cells as the
    header most often (a question's text may hold a comma in a file separated by semicolons), then
    into the most cells; a comma when they tie, or when none cuts the header."""
    first, _, rest = text.partition("\n")
    hint = re.fullmatch(r"\s*sep=(.)\s*", first)
    if hint and hint.group(1) in SEPARATORS:
        return hint.group(1), rest
    start = text[:SNIFF_CHARACTERS]

    def score(separator: str) -> tuple[bool, int, int, bool]:
        reader = csv.reader(io.StringIO(start, newline=""), delimiter=separator)
        try:
            records = [r for r in itertools.islice(reader, SNIFF_ROWS) if _filled(r)]
        except csv.Error:
            return (False, 0, 0, False)
        if not records:
            return (False, 0, 0, separator == ",")
        width = len(records[0])
        return (width > 1, sum(len(r) == width for r in records), width, separator == ",")

    best = max(SEPARATORS, key=score)
    return (best if score(best)[0] else ","), text


def read_table(
    model: Model,
    data: bytes,
    matches: dict[str, str] | None = None,
    limits: Limits = Limits(),
    date_order: str | None = None,
) -> Table:
    """Read a survey export. `matches` (header key -> target or "ignore") are the coordinator's
    own; `date_order` ("dmy" or "mdy") settles dates such as 05/03/2026 when the file does not."""
    words = model.words
    if limits.max_bytes is not None and len(data) > limits.max_bytes:
        raise BatchFileError(words, "too-large", size=megabytes(words, len(data)),
                             limit=megabytes(words, limits.max_bytes))
    text, encoding = decode(data, words)
    separator, text = _separator(text)
    records = _records(text, separator, limits, words)
    header_at = next((i for i, record in enumerate(records) if _filled(record)), None)
    if header_at is None:
        raise BatchFileError(words, "empty")
    survey = Survey.of(model)
    columns, blocking = _columns(survey, records[header_at], matches or {})
    table = Table(columns, [], encoding, separator, blocking=blocking)
    if encoding == "cp1252":
        table.notices.append(Problem("cp1252", message(words, "cp1252")))
    empty = 0
    for index in range(header_at + 1, len(records)):
        record = records[index]
        if not _filled(record):
            empty += 1
            continue
        table.rows.append(_row(survey, columns, record, index + 1))
    if not table.rows:
        raise BatchFileError(words, "no-rows", row=header_at + 1)
    _read_dates(table, date_order, words)
    if not any(c.target and (c.target == DESCRIPTION or c.target.startswith(QUESTION_PREFIX))
               for c in columns):
        headers = listed(words, (f"{c.letter} {quoted(words, c.header)}" for c in columns
                                 if c.header))
        table.blocking.append(Problem("no-columns", message(
            words, "no-columns", row=header_at + 1, headers=headers
        ), row=header_at + 1))
    _note_columns(table, model, empty)
    return table


def megabytes(words: Mapping[str, str], size: int) -> str:
    """A size in bytes as megabytes, to a tenth, in the language's marks: 1.5 or 1,5, and 10."""
    value = round(size / 1_000_000, 1)
    return number(words, value, 0 if value.is_integer() else 1)


def page_limits_text(words: Mapping[str, str]) -> dict[str, str]:
    """PAGE_LIMITS as the cohort page states them before a file is chosen, in the model's words:
    {"megabytes", "rows"}."""
    assert PAGE_LIMITS.max_bytes is not None and PAGE_LIMITS.max_rows is not None
    return {"megabytes": megabytes(words, PAGE_LIMITS.max_bytes),
            "rows": number(words, PAGE_LIMITS.max_rows)}


def _filled(record: Sequence[str]) -> bool:
    return any(cell.strip() for cell in record)


def _records(
    text: str, separator: str, limits: Limits, words: Mapping[str, str]
) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    records: list[list[str]] = []
    filled = ended = 0
    try:
        for record in reader:
            records.append(record)
            filled += _filled(record)
            # the header row is one of them
            if limits.max_rows is not None and filled > limits.max_rows + 1:
                raise BatchFileError(words, "too-many-rows",
                                     limit=number(words, limits.max_rows))
            ended = reader.line_num
    except csv.Error as error:
        # the line the row starts on: where a quote left open is, not the end of the file
        started = ended + 1
        raise BatchFileError(
            words, "syntax", row=len(records) + 1, line=started, why=str(error)
        ) from None
    return records


def _columns(
    survey: Survey, header: list[str], matches: dict[str, str]
) -> tuple[list[Column], list[Problem]]:
    words = survey.model.words
    columns: list[Column] = []
    blocking: list[Problem] = []
    for index, cell in enumerate(header):
        name = cell.strip()
        chosen = matches.get(match_key(name)) if name else None
        found: tuple[str, str] | None
        if chosen is not None:
            found = None if chosen == IGNORE else (chosen, "chosen")
            if found and not (chosen in ROLES or survey.question(chosen)):
                blocking.append(Problem("unknown-target", message(
                    words, "unknown-target", column=column_letter(index), target=chosen
                ), column=column_letter(index)))
                found = None
        else:
            found = survey.header_target(name) if name else None
        if found is None:
            columns.append(Column(index, name, None, "chosen" if chosen else None))
        else:
            columns.append(Column(index, name, found[0], found[1]))
    first: dict[str, Column] = {}
    for column in columns:
        if column.target is None:
            continue
        if column.target in first:
            question = survey.question(column.target)
            what = quoted(words, question.text) if question else words[f"batch_the_{column.target}"]
            earlier = first[column.target]
            blocking.append(Problem("duplicate", message(
                words, "duplicate", first=_named(words, earlier), second=_named(words, column),
                what=what,
            ), column=column.letter))
        else:
            first[column.target] = column
    return columns, blocking


def _named(words: Mapping[str, str], column: Column) -> str:
    if not column.header:
        return column.letter
    return f"{column.letter} ({quoted(words, column.header)})"


def _cell(words: Mapping[str, str], row: int, column: Column) -> str:
    if column.header:
        return message(words, "cell", row=row, column=column.letter,
                       header=quoted(words, column.header))
    return message(words, "cell-no-header", row=row, column=column.letter)


def _row(survey: Survey, columns: list[Column], record: list[str], row_number: int) -> Row:
    words = survey.model.words
    row = Row(row_number)
    if len(record) < len(columns):
        row.problems.append(Problem("short-row", message(
            words, "short-row", row=row_number, count=len(record), expected=len(columns)
        ), row=row_number))
    elif len(record) > len(columns) and _filled(record[len(columns):]):
        row.problems.append(Problem("long-row", message(
            words, "long-row", row=row_number, count=len(record), expected=len(columns),
            last=column_letter(len(columns) - 1),
        ), row=row_number))
    for column, value in zip(columns, record, strict=False):
        value = value.strip()
        if column.target is None or not value:
            continue
        if column.target == PAIR:
            row.pair = value
        elif column.target == DATE:
            row.date_cell = (value, column)
        elif column.target == DESCRIPTION:
            row.text = _description(words, row, column, value)
        else:
            _answer(survey, row, column, value)
    return row


def _description(words: Mapping[str, str], row: Row, column: Column, value: str) -> str:
    if len(value) <= MAX_TEXT_LENGTH:
        return value
    row.problems.append(Problem("long-text", message(
        words, "long-text", cell=_cell(words, row.number, column), length=len(value),
        limit=MAX_TEXT_LENGTH,
    ), row.number, column.letter))
    cut = value[:MAX_TEXT_LENGTH]
    return cut[: cut.rfind(" ")] if " " in cut else cut  # not in the middle of a word


def _answer(survey: Survey, row: Row, column: Column, value: str) -> None:
    assert column.target is not None
    question = survey.question(column.target)
    assert question is not None
    option = survey.option(question.id, value)
    if option is not None:
        row.answers[question.id] = option
        return
    known = survey.answers[question.id].get(match_key(value), "") is None
    kind = "ambiguous-answer" if known else "unknown-answer"
    words = survey.model.words
    options = listed(words, (quoted(words, option.label) for option in question.options))
    row.problems.append(Problem(kind, message(
        words, kind, cell=_cell(words, row.number, column), value=quoted(words, value),
        options=options,
    ), row.number, column.letter))


# A date as form tools and spreadsheets write it: 2026-03-05 (with a time or not), 2026/03/05,
# or 05/03/2026, 5.3.26, 3/5/2026 10:22:33 AM (day or month first, settled for the whole column).
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])")
_LOCAL_DATE = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})(?:$|[T\s,])")


def _read_dates(table: Table, date_order: str | None, words: Mapping[str, str]) -> None:
    """Each row's date from its date cell, with the day-or-month order of local dates such as
    05/03/2026 settled from the whole column."""
    cells = [(row, row.date_cell) for row in table.rows if row.date_cell is not None]
    local = [m for _, (value, _) in cells
             if (m := _LOCAL_DATE.match(value)) and m.group(2) != "."]
    order = date_order
    if order is None:
        if any(int(m.group(1)) > 12 for m in local):
            order = "dmy"
        elif any(int(m.group(3)) > 12 for m in local):
            order = "mdy"
        elif any(m.group(1) != m.group(3) for m in local):
            order = "dmy"
            example = next(m.group(0).strip() for m in local if m.group(1) != m.group(3))
            table.notices.append(Problem("date-order", message(
                words, "date-order", example=example
            )))
    for row, (value, column) in cells:
        row.date = _date(value, order or "dmy")
        if row.date is None:
            row.problems.append(Problem("bad-date", message(
                words, "bad-date", cell=_cell(words, row.number, column),
                value=quoted(words, value),
            ), row.number, column.letter))


def _date(value: str, order: str) -> date | None:
    try:
        if match := _ISO_DATE.match(value):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _LOCAL_DATE.match(value):
            first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
            year += 2000 if year < 100 else 0
            day_first = order == "dmy" or match.group(2) == "."  # dotted dates are always so
            return date(year, second, first) if day_first else date(year, first, second)
    except ValueError:
        return None
    return None


def _note_columns(table: Table, model: Model, empty: int) -> None:
    words = model.words
    ignored = [c for c in table.columns if c.target is None and c.header]
    used = {c.target for c in table.columns}
    missing = [q for q in model.questions if QUESTION_PREFIX + q.id not in used]
    if ignored:
        table.notices.append(Problem("ignored", message(
            words, "ignored", columns=listed(words, (_named(words, c) for c in ignored))
        )))
    if missing:
        table.notices.append(Problem("missing", message(
            words, "missing", questions=listed(words, (quoted(words, q.text) for q in missing))
        )))
    if empty:
        table.notices.append(Problem("empty-rows", message(words, "empty-rows", count=empty)))
    table.unsure = any(c.by is None for c in ignored) and bool(missing)


def table_from_entries(model: Model, entries: Iterable[dict[str, Any]]) -> Table:
    """A table from rows already in ids ({"pair", "date", "answers", "text"}, as the page keeps a
    mentor's own history), checked as a file's rows are."""
    survey = Survey.of(model)
    rows = []
    for row_number, entry in enumerate(entries, start=1):
        row = Row(row_number, pair=str(entry.get("pair") or ""), text=str(entry.get("text") or ""))
        if isinstance(entry.get("date"), str):
            row.date = _date(entry["date"], "dmy")
        for question_id, option_id in (entry.get("answers") or {}).items():
            question = survey.model.question(str(question_id))
            if question is not None and question.option(str(option_id)) is not None:
                row.answers[question.id] = str(option_id)
        rows.append(row)
    return Table([], rows)


# -- diagnosing ------------------------------------------------------------------------------------


def result_summary(model: Model, result: dict[str, Any]) -> dict[str, Any]:
    """What a cohort keeps of the engine's result: the one function that reads its fields, so a
    new result format changes here only. Format 2 names each flag; format 3 also gives its status
    and evidence, which for format 2 are the answers whose option raises the flag."""
    flags: dict[str, dict[str, Any]] = {}
    for flag in result["flags"]:
        if flag["id"] in flags:
            continue  # a move back names each framework's own move as well: one is enough here
        evidence = flag.get("evidence")
        if evidence is None:
            evidence = [e for e in result["evidence"] if flag["id"] in _option_flags(model, e)]
        flags[flag["id"]] = {
            "id": flag["id"],
            "status": flag.get("status", "raised"),
            "evidence": [
                {"question": e["question"], "option": e["option"], "quote": e.get("quote")}
                for e in evidence
            ],
        }
    return {
        "answers": result["answers"],
        "position": result["position"],
        "frameworks": {
            framework_id: {key: found[key] for key in ("stage", "level", "confidence")}
            for framework_id, found in result["frameworks"].items()
        },
        "flags": list(flags.values()),
    }


def _option_flags(model: Model, evidence: dict[str, Any]) -> tuple[str, ...]:
    question = model.question(evidence["question"])
    option = question.option(evidence["option"]) if question else None
    return option.flags if option else ()


def headline_framework(model: Model, requested: str | None) -> str:
    """The framework a cohort is shown in: the programme's (the site's default, or the
    coordinator's pick), else Clutterbuck's where the site has it, else the first."""
    ids = [framework.id for framework in model.frameworks]
    if requested in ids:
        assert requested is not None
        return requested
    return "clutterbuck" if "clutterbuck" in ids else ids[0]


def row_result(model: Model, row: Row, today: date | None = None) -> dict[str, Any]:
    """One row's diagnosis, as the page and the JSON results hold it. The row's own date is its
    "today" (a description's "since March" counts to it)."""
    problems = list(row.problems)
    try:
        summary = result_summary(
            model, diagnose(model, row.answers or None, row.text or None, row.date or today)
        )
    except InputError:
        problems.append(Problem("nothing", message(model.words, "nothing", row=row.number),
                                row.number))
        summary = {"answers": {}, "position": None, "frameworks": {
            f.id: {"stage": None, "level": "none", "confidence": 0.0} for f in model.frameworks
        }, "flags": []}
    return {
        "row": row.number,
        "pair": row.pair,
        "date": row.date.isoformat() if row.date else None,
        **summary,
        "problems": [problem.as_json() for problem in problems],
    }


def pair_paths(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each pair with two dated, placed rows or more: its points across the common timeline in
    date order, how far it moved from first to last, and since when (and for how many days up to
    its latest row) it has stayed within STILL_WITHIN of where it is now."""
    by_pair: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["pair"] and row["date"] and row["position"] is not None:
            by_pair.setdefault(row["pair"], []).append(row)
    paths = []
    for pair, found in by_pair.items():
        if len(found) < 2:
            continue
        found.sort(key=lambda row: (row["date"], row["row"]))
        latest = found[-1]["position"]["mean"]
        since = found[-1]["date"]
        for row in reversed(found[:-1]):
            if abs(row["position"]["mean"] - latest) >= STILL_WITHIN:
                break
            since = row["date"]
        paths.append({
            "pair": pair,
            "points": [
                {"row": r["row"], "date": r["date"], "position": r["position"]["mean"]}
                for r in found
            ],
            "moved": round(latest - found[0]["position"]["mean"], 1),
            "still_days": (date.fromisoformat(found[-1]["date"]) - date.fromisoformat(since)).days,
            "still_since": since,
        })
    return paths


class BatchRun:
    """A table diagnosed a few rows at a time, so the page can show progress."""

    def __init__(self, model: Model, table: Table, today: date | None = None) -> None:
        self.model = model
        self.table = table
        self.today = today
        self.results: list[dict[str, Any]] = []

    @property
    def done(self) -> bool:
        return len(self.results) == len(self.table.rows)

    def next(self, count: int) -> list[dict[str, Any]]:
        start = len(self.results)
        rows = self.table.rows[start:start + max(1, count)]
        self.results += [row_result(self.model, row, self.today) for row in rows]
        return self.results[start:]

    def run(self) -> list[dict[str, Any]]:
        while not self.done:
            self.next(len(self.table.rows))
        return self.results


# -- writing ---------------------------------------------------------------------------------------


def results_csv(model: Model, results: Sequence[dict[str, Any]], framework: str | None) -> str:
    """The results as the page downloads them and `stage-diagnostic --batch` writes them: one row
    per row of the file, in the model's words; a column per flag (its evidence where raised) and
    per framework (its stage)."""
    shown = headline_framework(model, framework)
    names = {f.id: f for f in model.frameworks}
    header = [model.words[f"batch_heading_{key}"] for key in HEADINGS]
    header += [flag.title for flag in model.flags]
    header += [model.words["batch_heading_problems"], *(f.name for f in model.frameworks)]
    lines: list[list[Any]] = [header]
    for result in results:
        found = result["frameworks"][shown]
        flags = {flag["id"]: flag for flag in result["flags"]}
        position = result["position"]
        lines.append([
            result["row"],
            result["pair"],
            result["date"] or "",
            names[shown].name,
            names[shown].stage(found["stage"]).name if found["stage"] else "",
            model.words[f"level_{found['level']}"],
            round(found["confidence"] * 100) if found["stage"] else "",
            f"{position['mean']:.0f}" if position else "",
            *(_flag_cell(model, flags[flag.id]) if flag.id in flags else ""
              for flag in model.flags),
            " ".join(problem["message"] for problem in result["problems"]),
            *(_stage_name(model, f.id, result) for f in model.frameworks),
        ])
    return csv_text(lines)


def _stage_name(model: Model, framework_id: str, result: dict[str, Any]) -> str:
    stage = result["frameworks"][framework_id]["stage"]
    if stage is None:
        return ""
    return next(f for f in model.frameworks if f.id == framework_id).stage(stage).name


def _flag_cell(model: Model, flag: dict[str, Any]) -> str:
    """The evidence of a raised flag: the words quoted from a description, else the answer."""
    said = []
    for item in flag["evidence"]:
        if item.get("quote"):
            said.append(quoted(model.words, item["quote"]))
            continue
        question = model.question(item["question"])
        option = question.option(item["option"]) if question else None
        said.append(f"{question.text} {option.label}" if question and option else item["option"])
    evidence = " / ".join(said) or flag["id"]
    if flag["status"] == "confirm":
        return message(model.words, "confirm", evidence=evidence)
    return evidence


def results_json(
    model: Model, table: Table, results: Sequence[dict[str, Any]], framework: str | None
) -> str:
    return json.dumps({
        "format": BATCH_FORMAT,
        "framework": headline_framework(model, framework),
        "file": table.summary(model),
        "rows": list(results),
        "pairs": pair_paths(results),
    }, ensure_ascii=False, indent=1) + "\n"


def answers_csv(model: Model, entries: Iterable[dict[str, Any]]) -> str:
    """Rows in ids ({"pair", "date", "answers", "text"}) as a survey export in the survey's own
    header and the answers' labels: a mentor's own history exported reads back as a file."""
    lines: list[list[Any]] = [survey_header(model)]
    table = table_from_entries(model, entries)
    for row in table.rows:
        labels = []
        for question in model.questions:
            option = question.option(row.answers.get(question.id, ""))
            labels.append(option.label if option else "")
        lines.append([row.pair, row.date.isoformat() if row.date else "", *labels, row.text])
    return csv_text(lines)


# -- the page's requests ---------------------------------------------------------------------------

BATCH_OPS = ("open", "next", "export", "answers-csv")
EXPORT_FORMATS = ("csv", "json")


SESSIONS = ("file", "own")  # a coordinator's file; a mentor's own history


def batch_request(
    model: Model, runs: dict[str, BatchRun], request: dict[str, Any], data: bytes | None,
    today: date | None,
) -> dict[str, Any]:
    """One of the cohort page's requests ({"op": ..., "session": "file" | "own"}): `runs` holds
    each session's table open, so the page may work out a mentor's own history while a file is
    being diagnosed.

    - {"op": "open", "matches": {header key: target}, "date_order": "dmy" | "mdy"} with the file's
      bytes as `data`, or {"op": "open", "entries": [...]} (rows in ids, see table_from_entries):
      read within PAGE_LIMITS -> {"file": summary}
    - {"op": "next", "count": n}: diagnose up to n more rows -> {"done", "total", "rows": [the
      new rows' results], and once every row is done "pairs": pair_paths}
    - {"op": "export", "format": "csv" | "json", "framework": id | null} -> {"text"}
    - {"op": "answers-csv", "entries": [...]}: the entries as a survey export -> {"text"}
    """
    op = request.get("op")
    session = request.get("session", SESSIONS[0])
    if session not in SESSIONS:
        raise InputError(f"'session' should be one of {', '.join(SESSIONS)}")
    if op == "open":
        if "entries" in request:
            table = table_from_entries(model, _list(request["entries"], "entries"))
        elif data is None:
            raise InputError("'open' needs the file's bytes")
        else:
            matches = request.get("matches") or {}
            if not isinstance(matches, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in matches.items()
            ):
                raise InputError("'matches' should map header keys to targets")
            order = request.get("date_order")
            if order not in (None, "dmy", "mdy"):
                raise InputError("'date_order' should be \"dmy\" or \"mdy\"")
            table = read_table(model, data, matches, PAGE_LIMITS, order)
        runs[session] = BatchRun(model, table, today)
        return {"file": table.summary(model)}
    if op == "answers-csv":
        return {"text": answers_csv(model, _list(request.get("entries"), "entries"))}
    if op not in BATCH_OPS:
        raise InputError(f"unknown op {op!r}; use one of {', '.join(BATCH_OPS)}")
    run = runs.get(session)
    if run is None:
        raise InputError("no file is open: send {\"op\": \"open\"} first")
    if op == "next":
        if run.table.blocking:
            raise InputError("the file's columns must be matched before its rows are diagnosed")
        count = request.get("count", 100)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise InputError("'count' should be a whole number of at least 1")
        rows = run.next(count)
        answer: dict[str, Any] = {"done": len(run.results), "total": len(run.table.rows),
                                  "rows": rows}
        if run.done:
            answer["pairs"] = pair_paths(run.results)
        return answer
    export = request.get("format", "csv")
    if export not in EXPORT_FORMATS:
        raise InputError(f"'format' should be one of {', '.join(EXPORT_FORMATS)}")
    results = run.run()
    framework = request.get("framework")
    framework = framework if isinstance(framework, str) else None
    if export == "csv":
        return {"text": results_csv(model, results, framework)}
    return {"text": results_json(model, run.table, results, framework)}


def _list(value: Any, what: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise InputError(f"'{what}' should be a list of objects")
    return value
