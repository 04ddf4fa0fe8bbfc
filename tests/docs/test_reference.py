"""The reference pages keep up with the code they describe."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import mentoring_stages
from mentoring_stages import shipped
from mentoring_stages.config import MentoringStagesConfig
from mentoring_stages.content import load_content
from mentoring_stages.pages import REFERENCE_SOURCES


def test_every_plugin_setting_is_in_the_settings_table() -> None:
    page = (REFERENCE_SOURCES / "self-hosting.md").read_text(encoding="utf-8")
    table = page[page.index("## Plugin settings") :]
    documented = set(re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE))
    settings = {name for name, _ in MentoringStagesConfig._schema}
    assert documented == settings


def test_the_modules_that_import_mkdocs_are_the_ones_the_page_names() -> None:
    page = (REFERENCE_SOURCES / "self-hosting.md").read_text(encoding="utf-8")
    sentence = page[page.index("Only these modules of the plugin import MkDocs") :]
    named = set(re.findall(r"`(\w+\.py)`", sentence[: sentence.index(".\n")]))
    package = Path(mentoring_stages.__file__).parent
    importing = set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "mkdocs" or name.startswith("mkdocs.") for name in names):
                importing.add(path.relative_to(package).as_posix())
    assert named == importing


EN_DASH = "\N{EN DASH}"  # the table writes ranges as typeset text


def test_the_spans_table_is_the_shipped_content() -> None:
    page = (REFERENCE_SOURCES / "authoring.md").read_text(encoding="utf-8")
    table = page[page.index("| framework | stages, spans (phases) |") :].split("\n\n")[0]
    documented = {
        row.split("|")[1].strip(): row.split("|")[2].strip()
        for row in table.splitlines()[2:]
    }
    content = load_content([shipped.content_dir()])
    shipped_spans = {
        framework.id: ", ".join(
            f"{stage.id} {stage.span[0]}{EN_DASH}{stage.span[1]} ({'/'.join(stage.phases)})"
            for stage in framework.stages
        )
        for framework in content.frameworks
    }
    assert documented == shipped_spans
