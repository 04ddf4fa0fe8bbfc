from __future__ import annotations

from pathlib import Path

import pytest
from mentoring_stages.cli import main

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
