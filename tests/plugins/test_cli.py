"""The `mentoring-stages` command: its reports, and one line for every input it cannot use or output
it cannot write."""

from __future__ import annotations

from pathlib import Path

import pytest
from mentoring_stages.cli import main

from tests.support.commands import BROKEN_PIPE, assert_one_line_refusal, run_module
from tests.support.content import FRAMEWORK


def test_validate_reports_ok(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(content_dir)]) == 0
    assert "OK: 1 frameworks, 1 guidance topics, 1 sources" in capsys.readouterr().out


def test_validate_reports_every_problem(
    content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = FRAMEWORK.replace("name: Demo stages", "name: 3").replace("[0, 40]", "[0, 30]")
    (content_dir / "demo.yaml").write_text(broken)
    assert main(["validate", str(content_dir)]) == 1
    err = capsys.readouterr().err
    assert "2 problems in the content files:" in err
    assert "demo.yaml:3: name: should be text" in err
    assert "demo.yaml:23: stages[1].span: leaves a gap" in err


def test_validate_with_the_seeds_looks_for_every_excerpt_in_its_source(
    content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (content_dir / "sources.yaml").open("a") as sources:
        sources.write('  - id: seeded\n    citation: "B. (2021)."\n    seed: text.txt\n')
    quoted = FRAMEWORK.replace(
        "{text: Getting to know each other, source: test-source}",
        "{text: Getting to know each other, source: seeded, excerpt: getting acquainted}",
    ).replace("{text: Work, source: test-source}",
              "{text: Work, source: seeded, excerpt: the work}")
    (content_dir / "demo.yaml").write_text(quoted)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "text.txt").write_text("First, getting acquainted. Then the work.")
    assert main(["validate", str(content_dir), "--seeds", str(seeds)]) == 0
    (seeds / "text.txt").write_text("First, getting acquainted.")
    assert main(["validate", str(content_dir), "--seeds", str(seeds)]) == 1
    assert "stages[1].characteristics[0].excerpt: is not in the text of 'seeded'" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("output", "why"),
    [("{dir}", "Is a directory"), ("/nonexistent/x", "No such file or directory"),
     ("/dev/full", "No space left on device")],
)
def test_an_output_file_that_cannot_be_written_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    output: str, why: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here: the shipped content, and no line about it
    output = output.format(dir=tmp_path)
    assert main(["model", "-o", output]) == 1
    assert capsys.readouterr().err == f"mentoring-stages: cannot write {output}: {why}\n"


# Standard output closed, full or without a reader: (arguments, shell redirection or
# BROKEN_PIPE, the one line on standard error). Run as a process: they need real descriptors.
STREAMS = [
    (["validate"], BROKEN_PIPE, "standard output was closed before everything was written"),
    (["model"], BROKEN_PIPE, "standard output was closed before everything was written"),
    (["validate"], ">&-", "mentoring-stages: standard output is closed"),
    (["model"], ">/dev/full", "cannot write to standard output: No space left on device"),
]


@pytest.mark.parametrize(("arguments", "redirect", "message"), STREAMS)
def test_output_that_fails_ends_in_one_line(
    arguments: list[str], redirect: str, message: str, tmp_path: Path
) -> None:
    # Outside a site (no mkdocs.yml), so the command reads the shipped content without a word.
    ran = run_module("mentoring_stages.cli", arguments, redirect, cwd=tmp_path)
    assert_one_line_refusal(ran, 1, message)


def test_nesting_that_once_crashed_the_yaml_parser_is_one_problem(tmp_path: Path) -> None:
    """30,000 nested lists made libyaml's composer overflow the C stack (exit 139, no message);
    run as a process, so a crash fails this test, not the run."""
    (tmp_path / "deep.yaml").write_text("stages: " + "[" * 30_000 + "]" * 30_000 + "\n")
    ran = run_module("mentoring_stages.cli", ["validate", str(tmp_path)])
    assert ran.status == 1, ran.stderr
    assert f"{tmp_path / 'deep.yaml'}:1: lists and mappings nest more than 20" in ran.stderr
