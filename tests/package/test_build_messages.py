"""A build that leaves the diagnostic out says why in one line, and builds the rest of the site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mentoring_stages import shipped

from tests.support.content import FRAMEWORK, SOURCES, write_tree


def build(root: Path, settings: str) -> subprocess.CompletedProcess[str]:
    write_tree(root, {
        "mkdocs.yml": "site_name: Test\ntheme:\n  name: material\n  font: false\nplugins:\n"
                      f"  - mentoring-stages:\n{settings}",
        "docs/index.md": "# Home\n",
        "own/sources.yaml": SOURCES,
        "own/demo.yaml": FRAMEWORK,
    })
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, check=False,
    )


def left_out(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "the diagnostic is left out" in line]


def test_content_without_questions_builds_without_the_diagnostic_and_says_so(
    tmp_path: Path,
) -> None:
    done = build(tmp_path, "      shipped_content: false\n      frameworks: [own]\n")
    assert done.returncode == 0, done.stderr
    (line,) = left_out(done.stderr)
    # A note, not a warning: a site built from its own frameworks alone must pass --strict.
    assert line.startswith("INFO") and "no diagnostic.yaml" in line
    assert (tmp_path / "site/frameworks/demo/index.html").is_file()
    assert not (tmp_path / "site/diagnostic").exists()


def test_without_pyodides_files_the_build_says_how_to_get_them(tmp_path: Path) -> None:
    # An editable install has no Pyodide inside the package; an empty node_modules has none either.
    (tmp_path / "empty").mkdir()
    assert shipped.pyodide_dir(tmp_path / "empty") is None
    done = build(tmp_path, "      frameworks: [own]\n      node_modules: empty\n")
    assert done.returncode == 0, done.stderr
    (line,) = left_out(done.stderr)
    assert "Pyodide's files are not installed" in line and "npm ci" in line
    assert (tmp_path / "site/compare/index.html").is_file()
    assert not (tmp_path / "site/diagnostic").exists()
