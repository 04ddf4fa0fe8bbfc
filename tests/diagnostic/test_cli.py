"""The terminal command, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.commands import BROKEN_PIPE, assert_one_line_refusal, run_module

from .helpers import HERE

FIXTURE = str(HERE / "fixture_model.json")


def run(*arguments: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        [sys.executable, "-m", "stage_diagnostic", *arguments],
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )
    return subprocess.CompletedProcess(
        completed.args, completed.returncode, completed.stdout.decode(), completed.stderr.decode()
    )


def write(tmp_path: Path, name: str, content: Any) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def test_a_description_is_phrased_from_the_model(tmp_path: Path, real_model_text: str) -> None:
    model = write(tmp_path, "model.json", real_model_text)
    done = run("--model", model, "--text", "We met three weeks ago and are still getting to know "
               "each other.", "--today", "2026-12-01")
    assert done.returncode == 0, done.stderr
    for name in ("Kram", "Clutterbuck", "Lawrence", "Navig8r", "handbook", "Zachary"):
        assert name in done.stdout
    assert "Rapport-building" in done.stdout and "%" in done.stdout
    assert '"three weeks": You have been together for less than a month.' in done.stdout
    assert "To be surer, answer next:" in done.stdout
    # the shipped model's fitted wording is quoted, marked as the site's own reading
    assert "The wording of the description counted too, most of all" in done.stdout
    assert "(the site's own reading" in " ".join(done.stdout.split())


def test_nothing_recognised_says_so_in_the_models_words() -> None:
    done = run("--model", FIXTURE, "--text", "My mentor works in finance.")
    assert done.returncode == 0, done.stderr
    assert "Alpha phases: Cannot tell" in done.stdout and "Next steps" not in done.stdout


def test_json_output_is_the_result_contract() -> None:
    done = run("--model", FIXTURE, "--text", "We just met and have not agreed goals.", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["format"] == 3 and result["frameworks"]["alpha"]["stage"] == "start"


def test_main_takes_the_model_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    from stage_diagnostic.cli import main

    model_json = (HERE / "fixture_model.json").read_text(encoding="utf-8")
    assert main(["--text", "We just met.", "--json"], model_json=model_json) == 0
    assert json.loads(capsys.readouterr().out)["answers"] == {"time": "weeks"}


def test_flags_show_their_title_advice_and_sources(tmp_path: Path) -> None:
    answers = write(tmp_path, "a.json", {"feel": "stuck", "goals": "working"})
    done = run("--model", FIXTURE, "--answers", answers)
    assert done.returncode == 0, done.stderr
    assert "! Stalled" in done.stdout and "Talk about it. [1]" in done.stdout


def test_answers_by_id_or_number_from_a_file(tmp_path: Path) -> None:
    by_id = write(tmp_path, "a.json", {"answers": {"goals": "none", "time": "weeks"}})
    by_number = write(tmp_path, "b.json", {"goals": 1, "time": "1"})
    results = [
        json.loads(run("--model", FIXTURE, "--answers", path, "--json").stdout)
        for path in (by_id, by_number)
    ]
    assert results[0] == results[1]
    assert results[0]["frameworks"]["alpha"]["stage"] == "start"


def test_a_partner_file_adds_the_comparison(tmp_path: Path) -> None:
    mine = write(tmp_path, "mine.json", {"goals": "none"})
    theirs = write(tmp_path, "theirs.json", {"text": "Our mentoring ended. We met years ago."})
    done = run("--model", FIXTURE, "--answers", mine, "--partner", theirs)
    assert done.returncode == 0, done.stderr
    assert "Where you and your partner differ" in done.stdout
    assert "Alpha phases: Start / End" in done.stdout and "Talk it over." in done.stdout


def test_the_questionnaire_asks_and_skips() -> None:
    done = run("--model", FIXTURE, stdin=b"\n1\nnine\n2\n")  # skip, answer, a typo, answer
    assert done.returncode == 0, done.stderr
    assert "1/3 How long?" in done.stdout and "Type a number from 1 to 4" in done.stdout
    assert "Goals?" in done.stdout and "Agreed ones." in done.stdout
    assert "No goals yet." in done.stdout  # goals answered 1 (None yet)
    assert "Nothing moves." in done.stdout  # feel answered 2 (Stuck)


BAD = [
    (["--answers", "{missing}"], "cannot read"),
    (["--answers", "{answers:unknown}"], "unknown question 'colour'"),
    (["--answers", "{answers:out-of-range}"], "answer 7 to 'goals' is out of range; choose 1 to 3"),
    (["--answers", "{answers:unknown-option}"], "has no option 'maybe'"),
    (["--answers", "{answers:malformed}"], "is not valid JSON"),
    (["--answers", "{answers:a-list}"], "should hold a JSON object"),
    (["--answers", "{answers:extra-field}"], "unknown field 'mood'"),
    (["--text", "   "], "nothing to go on"),
    (["--text", "hi", "--today", "soon"], "is not a date"),
    (["--text", "-"], "cannot read the description"),  # stdin is not UTF-8
    (["--model", "{missing}", "--text", "hello"], "cannot read the model"),
    (["--model", "{answers:malformed}", "--text", "hello"], "is not usable"),
    (["--frobnicate"], "unrecognized arguments"),
    ([], "no questions answered"),  # the questionnaire, with nothing typed
    # Hostile files: nesting that exhausts the JSON reader's recursion, files without end.
    (["--answers", "{answers:deep}"], "nests lists or objects too deeply to hold answers"),
    (["--text", "hi", "--partner", "{answers:deep}"], "nests lists or objects too deeply"),
    (["--answers", "/dev/zero"], "cannot read /dev/zero: it is larger than 10,000,000 bytes"),
    (["--model", "/dev/zero", "--text", "hi"], "cannot read the model /dev/zero: it is larger"),
    (["--answers", "/"], "cannot read /: Is a directory"),
]
FILES = {
    "unknown": {"colour": "red"},
    "out-of-range": {"goals": 7},
    "unknown-option": {"answers": {"goals": "maybe"}},
    "malformed": "{goals: none",
    "a-list": ["goals"],
    "extra-field": {"answers": {}, "mood": "sunny"},
    "deep": "[" * 200_000,
}


@pytest.mark.parametrize(("arguments", "message"), BAD)
def test_bad_input_exits_2_with_one_line_and_no_traceback(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    paths = {
        f"{{answers:{name}}}": write(tmp_path, f"{name}.json", content)
        for name, content in FILES.items()
    }
    paths["{missing}"] = str(tmp_path / "missing.json")
    arguments = [paths.get(argument, argument) for argument in arguments]
    if "--model" not in arguments:
        arguments = ["--model", FIXTURE, *arguments]
    done = run(*arguments, stdin=b"\xff\xfe not utf-8")
    assert done.returncode == 2, done.stdout
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr


def test_the_engine_alone_asks_for_a_model(capsys: pytest.CaptureFixture[str]) -> None:
    from stage_diagnostic.cli import main

    assert main(["--text", "hello"]) == 2
    assert "no model to diagnose with; pass --model FILE" in capsys.readouterr().err


# Standard streams left closed, full, endless or without a reader: (arguments, shell redirection
# or BROKEN_PIPE, exit status, the one line on standard error).
STREAMS = [
    (["--text", "We just met.", "--json"], BROKEN_PIPE, 1,
     "stage-diagnostic: standard output was closed before everything was written"),
    (["--help"], BROKEN_PIPE, 1, "standard output was closed"),
    (["--text", "We just met."], ">/dev/full", 1,
     "stage-diagnostic: cannot write to standard output: No space left on device"),
    (["--text", "We just met."], ">&-", 1, "stage-diagnostic: standard output is closed"),
    ([], "<&-", 2, "standard input is closed, so no question can be answered"),
    (["--text", "-"], "<&-", 2, "--text - reads standard input, which is closed"),
    ([], "</dev/zero", 2, "a line of input is longer than 1000 characters"),
    (["--text", "-"], "</dev/zero", 2,
     "cannot read the description from standard input: it is larger than 10,000,000 bytes"),
]


@pytest.mark.parametrize(("arguments", "redirect", "status", "message"), STREAMS)
def test_hostile_standard_streams_end_in_one_line(
    arguments: list[str], redirect: str, status: int, message: str
) -> None:
    ran = run_module("stage_diagnostic", ["--model", FIXTURE, *arguments], redirect, stdin=None)
    assert_one_line_refusal(ran, status, message)
