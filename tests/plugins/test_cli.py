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
