"""The reference pages keep up with the code they describe."""

from __future__ import annotations

import re
from pathlib import Path

from mentoring_stages.config import MentoringStagesConfig

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_plugin_setting_is_in_the_settings_table() -> None:
    page = (DOCS / "reference/self-hosting.md").read_text(encoding="utf-8")
    table = page[page.index("## Plugin settings") :]
    documented = set(re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE))
    settings = {name for name, _ in MentoringStagesConfig._schema}
    assert documented == settings
