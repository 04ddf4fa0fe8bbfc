"""The reference pages keep up with the code they describe."""

from __future__ import annotations

import re

from mentoring_stages.config import MentoringStagesConfig
from mentoring_stages.pages import REFERENCE_SOURCES


def test_every_plugin_setting_is_in_the_settings_table() -> None:
    page = (REFERENCE_SOURCES / "self-hosting.md").read_text(encoding="utf-8")
    table = page[page.index("## Plugin settings") :]
    documented = set(re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE))
    settings = {name for name, _ in MentoringStagesConfig._schema}
    assert documented == settings
