"""`stage-diagnostic --batch`, run as a real subprocess: the page's download, byte for byte."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from stage_diagnostic import Model, batch
from stage_diagnostic.batch import BatchRun, read_table

FILE = (
    "\ufeffPair;Date;How long have you been working together?;How often do you meet?;Mood\r\n"
    "A;2026-01-05;One to three months;Fortnightly;fine\r\n"
    ";;;;\r\n"
    "A;2026-04-05;Six months to a year;Every week or more;=1+1\r\n"
    "=B;;Less than a month;;\r\n"
)


@pytest.fixture
def model_file(tmp_path: Path, real_model_text: str) -> str:
    path = tmp_path / "model.json"
    path.write_text(real_model_text, encoding="utf-8")
    return str(path)


def run(*arguments: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "stage_diagnostic", *arguments], input=stdin,
                          capture_output=True, timeout=120, check=False)


def test_the_csv_is_the_pages_download(tmp_path: Path, model_file: str, real_model: Model) -> None:
    data = FILE.encode("utf-8")
    (tmp_path / "cohort.csv").write_bytes(data)
    done = run("--model", model_file, "--batch", str(tmp_path / "cohort.csv"),
               "--today", "2026-12-01", "--framework", "kram")
    assert done.returncode == 0, done.stderr
    results = BatchRun(real_model, read_table(real_model, data), date(2026, 12, 1)).run()
    assert done.stdout == batch.results_csv(real_model, results, "kram").encode("utf-8")
    said = done.stderr.decode()
    assert "Columns not used: E (“Mood”)." in said
    assert "Row 2, column D (“How often do you meet?”): “Fortnightly” is not one" in said
    assert said.rstrip().endswith("Rows diagnosed: 3.")


def test_json_to_a_file_from_standard_input(tmp_path: Path, model_file: str) -> None:
    out = tmp_path / "results.json"
    done = run("--model", model_file, "--batch", "-", "--format", "json", "-o", str(out),
               stdin=FILE.removeprefix("\ufeff").encode("cp1252"))
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [row["row"] for row in written["rows"]] == [2, 4, 5]
    assert written["pairs"][0]["pair"] == "A" and written["file"]["separator"] == ";"


def test_a_bad_file_is_one_line_naming_where(tmp_path: Path, model_file: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b'Pair,goals\r\nA,"Not yet\r\n')
    done = run("--model", model_file, "--batch", str(bad))
    assert done.returncode == 2 and done.stdout == b""
    said = done.stderr.decode()
    assert said.startswith(f"stage-diagnostic: {bad}: Row 2 (line 2): the file cannot be read as "
                           "CSV:")
    assert "Traceback" not in said
    done = run("--model", model_file, "--batch", str(tmp_path / "missing.csv"))
    assert done.returncode == 2 and b"cannot read" in done.stderr


def test_columns_that_need_matching_say_how(tmp_path: Path, model_file: str) -> None:
    path = tmp_path / "renamed.csv"
    path.write_text("Team,Goals set?\r\nA,Not yet\r\n", encoding="utf-8")
    done = run("--model", model_file, "--batch", str(path))
    assert done.returncode == 2
    said = done.stderr.decode()
    assert "No column matches a question or the description." in said
    assert "--match 'HEADER=TARGET'" in said
    done = run("--model", model_file, "--batch", str(path), "--match", "Team=pair",
               "--match", "Goals set?=goals")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[1].startswith("2,A,,")
    done = run("--model", model_file, "--batch", str(path), "--match", "Team=nothing")
    assert done.returncode == 2 and b"is not a question id" in done.stderr


def test_an_unknown_framework_is_refused(tmp_path: Path, model_file: str) -> None:
    path = tmp_path / "cohort.csv"
    path.write_text(FILE, encoding="utf-8")
    done = run("--model", model_file, "--batch", str(path), "--framework", "nope")
    assert done.returncode == 2 and b"--framework 'nope' is not one of" in done.stderr
