"""The loader refuses a `javascript:` source URL, naming the file and line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mentoring_stages.content import ContentError, load_content
from mentoring_stages.shipped import content_dir


def test_a_javascript_source_url_is_refused_with_file_and_line(tmp_path: Path) -> None:
    sources = tmp_path / "content" / "sources.yaml"
    shutil.copytree(content_dir(), tmp_path / "content")
    text = sources.read_text(encoding="utf-8")
    first_url = re.search(r"^(\s*url:\s*).*$", text, flags=re.MULTILINE)
    assert first_url, "sources.yaml has no url to replace"
    line = text[: first_url.start()].count("\n") + 1
    sources.write_text(
        text[: first_url.start()] + first_url[1] + "javascript:alert(5)" + text[first_url.end() :],
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        load_content([tmp_path / "content"])
    reported = [str(problem).replace(f"{tmp_path}/", "") for problem in caught.value.problems]
    assert len(reported) == 1 and reported[0].startswith(f"content/sources.yaml:{line}:"), reported
    assert "url" in reported[0]
