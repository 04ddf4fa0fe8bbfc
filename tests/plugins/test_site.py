"""The real site, and an organisation's own site built on the shipped content."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.content import write_tree
from tests.support.mkdocs_build import BUILD_CACHE, build, repo_project

REPO = Path(__file__).resolve().parents[2]

ACME_FRAMEWORK = """\
# yaml-language-server: $schema=schema/framework.schema.json
id: acme-journey
name: The Acme mentoring journey
summary: Acme's own two-stage programme.
sources: [acme-handbook]
bibliography:
  - id: acme-handbook
    citation: Acme Ltd (2026). Internal mentoring handbook.
stages:
  - id: kick-off
    name: Kick-off
    span: [0, 30]
    summary: The pair meets and agrees how to work.
    characteristics: [{text: First meetings, source: acme-handbook}]
    mentor_does: [{text: Explains the programme, source: acme-handbook}]
    mentee_does: [{text: Brings a goal, source: acme-handbook}]
    signs: [{text: No goals yet, source: acme-handbook}]
    moves_on_when: [{text: A goal is written down, source: acme-handbook}]
    cues: [kick-off meeting]
  - id: stretch
    name: Stretch assignments
    span: [30, 100]
    summary: The mentee takes on stretch work.
    characteristics: [{text: Hard work, source: acme-handbook}]
    mentor_does: [{text: Opens doors, source: acme-handbook}]
    mentee_does: [{text: Reports progress, source: acme-handbook}]
    signs: [{text: Goals in progress, source: acme-handbook}]
    moves_on_when: [{text: The programme year ends, source: acme-handbook}]
"""


SOURCE_DATE_EPOCH = "1700000000"  # the date a build writes (the sitemap's), the same each time


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, without the memory snapshot none of these tests reads; built in `site/`
    beside its mkdocs.yml."""
    project = repo_project(tmp_path_factory.mktemp("real"), snapshot=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_the_real_site_builds_strict_with_every_framework(real_site: Path) -> None:
    compare = (real_site / "compare/index.html").read_text()
    for framework in ("kram", "clutterbuck", "lawrence", "navig8r", "handbook", "zachary"):
        assert f'data-framework="{framework}"' in compare
        assert (real_site / f"frameworks/{framework}/index.html").is_file()


def test_the_real_site_asks_no_other_host(real_site: Path) -> None:
    # Links to sources may point elsewhere (a reader follows them by choice); nothing may be
    # loaded from elsewhere: no src, no stylesheet, no preconnect, no font.
    loads = re.compile(r'(?:src|href)="(https?:)?//[^"]*"')
    for page in real_site.rglob("*.html"):
        for match in loads.finditer(page.read_text()):
            tag_start = page.read_text().rfind("<", 0, match.start())
            tag = page.read_text()[tag_start : match.start()]
            assert tag.startswith("<a "), f"{page}: {tag}{match.group(0)}"


def test_an_organisation_adds_its_own_framework_without_code_changes(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "mkdocs.yml": f"""\
site_name: Acme mentoring
theme:
  name: material
  font: false
plugins:
  - mentoring-stages:
      frameworks: [our-frameworks]
      node_modules: "{REPO / 'node_modules'}"
      cache_dir: "{BUILD_CACHE}"
      snapshot: false
""",
        "docs/index.md": "# Acme mentoring\n",
        "our-frameworks/acme.yaml": ACME_FRAMEWORK,
    })
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    compare = (tmp_path / "site/compare/index.html").read_text()
    assert 'data-framework="acme-journey" data-stage="stretch"' in compare
    assert "The Acme mentoring journey" in compare
    sources = (tmp_path / "site/sources/index.html").read_text()
    assert "Acme Ltd (2026). Internal mentoring handbook." in sources
    model_file = tmp_path / "site/assets/mentoring-stages/diagnostic/model.json"
    model = json.loads(model_file.read_text())
    assert "acme-journey" in [framework["id"] for framework in model["frameworks"]]
    acme = next(framework for framework in model["frameworks"] if framework["id"] == "acme-journey")
    assert next(stage["id"] for stage in acme["stages"]) == "kick-off"


def test_two_builds_of_the_same_sources_are_byte_identical(
    real_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    again = tmp_path / "again"
    assert build(real_site.parent, "-d", str(again)).returncode == 0
    trees = [
        {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
        for site in (real_site, again)
    ]
    assert trees[0].keys() == trees[1].keys()
    assert [path for path in trees[0] if trees[0][path] != trees[1][path]] == []


# Facts from each seed document, the page that must carry them, and the source it must cite.
SEED_FACTS = [
    ("frameworks/kram", r"eighteen", "icas-stages"),
    ("frameworks/kram", r"Boston University", "icas-stages"),
    ("frameworks/kram", r"abandon", "icas-stages"),
    ("frameworks/kram", r"[Ss]ix months to a year", "icas-stages"),
    ("frameworks/clutterbuck", r"[Rr]apport-building", "clutterbuck-2008"),
    ("frameworks/lawrence", r"once a year", "lawrence-12manage"),
    ("frameworks/navig8r", r"20-minute", "navig8r-four-stages"),
    ("frameworks/navig8r", r"SMART", "navig8r-four-stages"),
    ("frameworks/handbook", r"too broad", "programme-handbook"),
    ("guidance/expectations", r"sense of humour", "programme-handbook"),
    ("guidance/mentoring-vs-coaching", r"transformational", "programme-handbook"),
    ("guidance/mentoring-vs-coaching", r"Zey", "zey-1984"),
    ("guidance/formats", r"[Rr]everse mentoring", "insala-2015"),
    ("guidance/active-listening", r"[Ss]ummaris", "programme-handbook"),
    ("guidance/mentor-gains", r"upward spiral", "icas-stages"),
    ("guidance/case-studies", r"Parminder", "openlearn-mentoring-process"),
    ("guidance/roles", r"ASHA|American Speech-Language-Hearing Association", "asha-roles"),
]


@pytest.mark.parametrize(("page", "fact", "source"), SEED_FACTS)
def test_seed_facts_appear_attributed(real_site: Path, page: str, fact: str, source: str) -> None:
    html = (real_site / page / "index.html").read_text()
    assert re.search(fact, html), f"{page} does not mention {fact}"
    assert f"#source-{source}" in html, f"{page} does not cite {source}"


@pytest.mark.parametrize(("anchor", "builds"), [("source-acme-handbook", True),
                                                ("source-nope", False)])
def test_a_link_to_an_anchor_inside_a_block_is_checked_like_any_other(
    tmp_path: Path, anchor: str, builds: bool
) -> None:
    """The sources list is a block's HTML, which MkDocs does not read for ids: the plugin tells it
    which ids the page has, so a right link passes its anchor check and a wrong one stops it."""
    write_tree(tmp_path, {
        "mkdocs.yml": """\
site_name: Acme mentoring
strict: true
validation:
  anchors: warn
theme:
  name: material
  font: false
plugins:
  - mentoring-stages:
      shipped_content: false
      frameworks: [our-frameworks]
      diagnostic: false
""",
        "docs/index.md": f"# Acme mentoring\n\nSee [the handbook](sources.md#{anchor}).\n",
        "our-frameworks/acme.yaml": ACME_FRAMEWORK,
    })
    result = build(tmp_path, quiet=False)
    assert (result.returncode == 0) is builds, result.stderr
    if not builds:
        assert "does not contain an anchor '#source-nope'" in result.stderr
