"""Fixtures for the plugin's tests: a content tree in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.content import write_content


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A valid content directory with one framework, one guidance topic and a bibliography."""
    return write_content(tmp_path / "frameworks")
