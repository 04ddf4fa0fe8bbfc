"""`mentoring-stages validate` refuses content the engine would refuse, naming file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mentoring_stages import shipped
from mentoring_stages.cli import main
from stage_diagnostic.wording import FEATURES_VERSION


def _content(tmp_path: Path) -> Path:
    target = tmp_path / "frameworks"
    shutil.copytree(shipped.content_dir(), target)
    return target


def _insert_after(path: Path, marker: str, line: str) -> int:
    """Insert `line` after the first line containing `marker`; its 1-based line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, text in enumerate(lines) if marker in text) + 1
    lines.insert(index, line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def test_a_cue_without_words_fails_validate_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _content(tmp_path)
    line = _insert_after(content / "kram.yaml", "    cues:", "      - '...'")
    assert main(["validate", str(content)]) == 1
    error = capsys.readouterr().err
    assert f"kram.yaml:{line}: stages[0].cues[0]: the phrase '...' has no words" in error


def test_an_answer_phrase_without_words_fails_validate_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _content(tmp_path)
    path = content / "diagnostic.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("phrases: [just matched,", "phrases: [not, just matched,", 1))
    line = 1 + text[: text.index("phrases: [just matched,")].count("\n")
    assert main(["validate", str(content)]) == 1
    error = capsys.readouterr().err
    assert f"diagnostic.yaml:{line}:" in error and "phrases[0]: the phrase 'not'" in error


def test_the_shipped_content_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(shipped.content_dir())]) == 0
    assert capsys.readouterr().out.startswith("OK:")


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": 1, "features_version": FEATURES, "classes": [], "features": {}}',
         "model.wording.classes: should be a list of at least"),
        ('{"format": 1, "features_version": 0, "classes": [], "features": {}}',
         f"model.wording.features_version: is 0, but this engine reads {FEATURES_VERSION}: "
         "the wording was fitted by another version of the diagnostic; refit it"),
        ('{"classes": [], "features": {}}', "model.wording: missing 'format'"),
    ],
)
def test_a_broken_wording_model_fails_validate_naming_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], broken: str, problem: str
) -> None:
    content = _content(tmp_path)
    broken = broken.replace("FEATURES", str(FEATURES_VERSION))
    (content / "diagnostic-wording.json").write_text(broken, encoding="utf-8")
    assert main(["validate", str(content)]) == 1
    error = capsys.readouterr().err
    assert "diagnostic-wording.json" in error and problem in error, error
