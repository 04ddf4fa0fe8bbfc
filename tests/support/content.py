"""Small content trees for tests: a valid framework, guidance topic and bibliography."""

from __future__ import annotations

import textwrap
from pathlib import Path

from mentoring_stages import shipped

SOURCES = """\
sources:
  - id: test-source
    citation: "Author, A. (2020). A test source."
"""

FRAMEWORK = """\
# yaml-language-server: $schema=schema/framework.schema.json
id: demo
name: Demo stages
summary: A small framework for tests.
sources: [test-source]
moves_back:
  - from: second
    to: first
    text: Pairs go back to the start sometimes.
stages:
  - id: first
    name: First
    span: [0, 40]
    summary: The start.
    characteristics: [{text: Getting to know each other, source: test-source}]
    mentor_does: [{text: Listens, own: true}]
    mentee_does: [{text: Talks, own: true}]
    signs: [{text: First meetings, own: true}]
    moves_on_when: [{text: Trust is there, own: true}]
    cues: [getting to know]
  - id: second
    name: Second
    span: [40, 100]
    summary: The rest.
    characteristics: [{text: Work, source: test-source}]
    mentor_does: [{text: Guides, own: true}]
    mentee_does: [{text: Leads, own: true}]
    signs: [{text: Goals are met, own: true}]
    moves_on_when: [{text: It ends, own: true}]
"""

GUIDANCE = """\
id: tips
title: Tips
summary: Some tips.
sources: [test-source]
sections:
  - heading: A tip
    items: [{text: Listen first, own: true}]
"""


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def write_content(directory: Path) -> Path:
    """A valid content directory with one framework, one guidance topic and a bibliography."""
    return write_tree(
        directory, {"sources.yaml": SOURCES, "demo.yaml": FRAMEWORK, "guidance/tips.yaml": GUIDANCE}
    )


# The content the site ships, for tests that need the whole of it (a diagnostic included).
SHIPPED_CONTENT = shipped.content_dir()
