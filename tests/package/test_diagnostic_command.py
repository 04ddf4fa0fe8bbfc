"""The installed `stage-diagnostic`: compiles the shipped content (and a site's folders), then runs
the engine's command with that model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from mentoring_stages.diagnostic_command import main
from mentoring_stages.scaffold import create_site

TEXT = "We met three weeks ago and are still getting to know each other."


def result(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main([*argv, "--text", TEXT, "--json"]) == 0
    answer: dict[str, object] = json.loads(capsys.readouterr().out)
    return answer


def test_the_shipped_content_is_the_default_model(capsys: pytest.CaptureFixture[str]) -> None:
    frameworks = result(capsys)["frameworks"]
    assert isinstance(frameworks, dict)
    assert {"kram", "clutterbuck", "zachary"} <= set(frameworks)


def test_a_sites_own_folder_joins_the_shipped_frameworks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_site(tmp_path / "acme")
    frameworks = result(capsys, "--content", str(tmp_path / "acme" / "frameworks"))["frameworks"]
    assert isinstance(frameworks, dict)
    assert {"kram", "acme-programme"} <= set(frameworks)


def test_content_without_questions_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_site(tmp_path / "acme")
    own = str(tmp_path / "acme" / "frameworks")
    assert main(["--no-shipped", "--content", own, "--text", TEXT]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "no diagnostic.yaml" in error


def test_broken_content_names_the_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\nname: [\n", encoding="utf-8")
    assert main(["--content", str(tmp_path), "--text", TEXT]) == 2
    assert f"{tmp_path / 'broken.yaml'}:" in capsys.readouterr().err


def test_help_lists_the_content_options_and_the_engines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert "--content DIR" in shown and "--text" in shown


def test_python_m_stage_diagnostic_is_the_installed_command() -> None:
    """`python -m stage_diagnostic` finds the shipped model as the installed command does."""
    installed = Path(sys.executable).with_name("stage-diagnostic")
    arguments = ["--text", TEXT, "--today", "2026-12-01", "--json"]
    results = [
        subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        for command in ([str(installed), *arguments],
                        [sys.executable, "-m", "stage_diagnostic", *arguments])
    ]
    assert [done.returncode for done in results] == [0, 0], results[1].stderr
    assert results[0].stdout == results[1].stdout
