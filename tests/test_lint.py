"""The whole tree passes `ruff check`, and the two packages pass `mypy --strict`, with the settings
in pyproject.toml.

Ruff and mypy are pinned in requirements-test.txt: a newer version can add or change rules, and the
tree should only have to follow when the pin moves.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_check_passes() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", str(ROOT)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"ruff check failed:\n{result.stdout}{result.stderr}"


def test_mypy_strict_passes() -> None:
    # No arguments: the packages to check and the strictness come from [tool.mypy].
    result = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"mypy failed:\n{result.stdout}{result.stderr}"
