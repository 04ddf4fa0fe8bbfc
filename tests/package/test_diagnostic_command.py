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


def test_it_speaks_the_language_asked_for_or_the_terminals(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--language", "de", "--text", TEXT]) == 0
    assert "Alle Modelle (" in capsys.readouterr().out
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "")
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    assert main(["--text", TEXT]) == 0
    assert "Worauf das beruht:" in capsys.readouterr().out
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(["--text", TEXT]) == 0
    assert "What this rests on:" in capsys.readouterr().out


GERMAN_REFUSALS = [
    # (arguments, files to write first, what the one line says)
    (["--answers", "{unknown}"], {"unknown": '{"colour": "red"}'},
     "stage-diagnostic: unbekannte Frage „colour“; die Fragen sind: time-together, "),
    (["--answers", "{range}"], {"range": '{"goals": 9}'},
     "stage-diagnostic: Antwort 9 auf „goals“ gibt es nicht; wählen Sie 1 bis "),
    (["--text", TEXT, "--today", "bald"], {},
     "stage-diagnostic: --today „bald“ ist kein Datum in der Form JJJJ-MM-TT"),
    (["--batch", "{cohort}"], {"cohort": "Farbe,Laune\nrot,gut\n"},
     "stage-diagnostic: {cohort}: Die Spalten lassen sich so nicht verwenden:"),
    (["--batch", "{cohort}", "--match", "Farbe"], {"cohort": "Farbe\nrot\n"},
     "stage-diagnostic: --match „Farbe“ sollte die Form ÜBERSCHRIFT=ZIEL haben"),
]


@pytest.mark.parametrize(("arguments", "files", "said"), GERMAN_REFUSALS)
def test_bad_input_is_refused_in_the_language_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str],
    files: dict[str, str], said: str,
) -> None:
    paths = {f"{{{name}}}": str(tmp_path / f"{name}.txt") for name in files}
    for name, text in files.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    arguments = [paths.get(argument, argument) for argument in arguments]
    for placeholder, path in paths.items():
        said = said.replace(placeholder, path)
    assert main(["--language", "de", *arguments]) == 2
    error = capsys.readouterr().err
    assert error.startswith(said), error


def test_a_cohort_is_reported_in_the_language_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A German export (its form tool's 'Zeitstempel', an answer the questions do not have) gets
    German headings in the results and German lines about the file."""
    export = tmp_path / "umfrage.csv"
    export.write_text("Zeitstempel;Paar;goals\n05.03.2026;A;vielleicht\n", encoding="utf-8")
    assert main(["--language", "de", "--batch", str(export)]) == 0
    out, error = capsys.readouterr()
    assert out.startswith("\ufeffZeile,Paar,Datum,Modell,Phase,Sicherheit,")
    assert "\r\n2,A,2026-03-05," in out, "the date read from the form tool's own column"
    assert "Zeile 2, Spalte C („goals“): „vielleicht“ ist keine der Antworten dieser Frage" in error
    assert error.rstrip().endswith("Ausgewertete Zeilen: 1.")
