"""CSV as spreadsheets open it, safely: the one writer of every CSV the cohort tools hand out."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

# Cells a spreadsheet reads as a formula (or as the start of one) when they begin with these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # Excel reads a CSV file as UTF-8 only with it


def safe_cell(value: Any) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe
    (which spreadsheets hide), whoever wrote it: a pair's name, a quote, a stage's name."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    """CSV as spreadsheets read it: a BOM, so Excel takes it as UTF-8; CRLF line ends; every cell
    through safe_cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return BOM + out.getvalue()
