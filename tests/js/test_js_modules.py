"""Runs the diagnostic page's pure JavaScript modules' tests (`node --test tests/js/`), so that the
whole suite, and `scripts/test.sh`, covers them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def test_node_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: the diagnostic's JavaScript tests need Node.js 20 or later")
    done = subprocess.run(
        [node, "--test", str(HERE)], capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, f"node --test failed:\n{done.stdout[-6000:]}{done.stderr[-2000:]}"
