"""The cohort page's calls in Pyodide, started from the snapshot as the worker starts it: the same
answers as CPython, and every encoding a spreadsheet writes readable with the site's trimmed
standard library (its codecs are imported with the engine, or the snapshot would lack them)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from mentoring_stages.runtime import ShippedRuntime
from mentoring_stages.snapshot import SnapshotError, ship_snapshot
from stage_diagnostic import json_api

from tests.support.mkdocs_build import BUILD_CACHE

pytestmark = pytest.mark.pyodide

PYODIDE_DIR = Path(__file__).resolve().parents[2] / "node_modules" / "pyodide"


def files(model: str) -> dict[str, bytes]:
    """One survey export written four ways, with descriptions, dates and an unknown answer."""
    questions = json.loads(model)["questions"]
    header = ["Pair", "Date", *(q["text"] for q in questions), "Description"]
    rows = [header]
    for index in range(12):
        labels = [q["options"][(index + n) % len(q["options"])]["label"] for n, q in
                  enumerate(questions)]
        text = "We met in März, and since then every fortnight; goals agreed." if index % 3 else ""
        rows.append([f"Zoë-{index // 2}", f"0{1 + index % 2}/03/2026", *labels, text])
    rows[3][3] = "Fortnightly"

    def written(separator: str) -> str:
        out = io.StringIO()
        csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(rows)
        return out.getvalue()

    return {
        "utf-8-bom": b"\xef\xbb\xbf" + written(",").encode("utf-8"),
        "cp1252": written(";").encode("cp1252"),
        "utf-16": written("\t").encode("utf-16"),
        "utf-8": written(",").encode("utf-8"),
    }


RUN = """
import json
from stage_diagnostic.json_api import batch_json

def run(data):
    calls = [json.loads(batch_json(json.dumps({"op": "open", "today": "2026-12-01"}), data))]
    calls.append(json.loads(batch_json(json.dumps({"op": "next", "count": 5}))))
    calls.append(json.loads(batch_json(json.dumps({"op": "next", "count": 100}))))
    calls.append(json.loads(batch_json(json.dumps({"op": "export", "format": "csv"}))))
    return calls

print(json.dumps({name: run(data) for name, data in FILES.items()}))
"""


def calls_in_cpython(model: str, data: bytes) -> list[dict[str, Any]]:
    assert json_api.use_model(model) == ""
    requests = [({"op": "open", "today": "2026-12-01"}, data), ({"op": "next", "count": 5}, None),
                ({"op": "next", "count": 100}, None), ({"op": "export", "format": "csv"}, None)]
    return [json.loads(json_api.batch_json(json.dumps(request), raw)) for request, raw in requests]


def test_a_cohort_in_pyodide_as_in_cpython(
    model: str, pyodide_engine: Any, shipped: ShippedRuntime
) -> None:
    try:
        snapshot = ship_snapshot(shipped, pyodide_dir=PYODIDE_DIR,
                                 cache_dir=BUILD_CACHE / "snapshots")
    except SnapshotError as error:
        pytest.fail(f"cannot make the snapshot: {error}")
    engine = pyodide_engine.started_from(shipped.directory / snapshot.stdlib.name,
                                         shipped.directory / snapshot.snapshot.name)
    exports = files(model)
    literal = "{" + ", ".join(f"{name!r}: bytes.fromhex({data.hex()!r})"
                              for name, data in exports.items()) + "}"
    run = engine.run(model, [], python=f"FILES = {literal}\n{RUN}")
    answers = json.loads(run["output"])
    for name, data in exports.items():
        expected = calls_in_cpython(model, data)
        assert answers[name] == expected, name
        opened, _, last, export = expected
        assert opened["file"]["encoding"] == name.removesuffix("-bom")
        assert last["done"] == 12 and len(last["pairs"]) == 6
        assert "Row 4, column D" in export["text"] and "Zoë-0" in export["text"]
