"""A site's own content folders over the shipped content: what adds, what replaces."""

from __future__ import annotations

from pathlib import Path

import pytest
from mentoring_stages import shipped
from mentoring_stages.content import ContentError, content_files, load_content

from tests.support.content import FRAMEWORK, GUIDANCE, SOURCES, write_tree

SHIPPED_FRAMEWORKS = {"kram", "clutterbuck", "lawrence", "navig8r", "handbook", "zachary"}


def test_the_shipped_content_is_package_data_with_every_part() -> None:
    content = load_content(shipped.content_dirs([]))
    assert {framework.id for framework in content.frameworks} == SHIPPED_FRAMEWORKS
    assert content.guidance and content.sources and content.diagnostic is not None
    assert {path.name for path in (shipped.content_dir() / "schema").iterdir()} == {
        f"{kind}.schema.json"
        for kind in ("framework", "guidance", "sources", "diagnostic", "glossary")
    }


def test_own_folders_add_frameworks_guidance_and_sources(content_dir: Path) -> None:
    content = load_content(shipped.content_dirs([content_dir]))
    assert {framework.id for framework in content.frameworks} == SHIPPED_FRAMEWORKS | {"demo"}
    assert "tips" in {topic.id for topic in content.guidance}
    # Both bibliographies are read: the site's sources.yaml adds to the shipped one.
    assert "test-source" in content.sources and "icas-stages" in content.sources


def test_a_file_at_a_shipped_path_replaces_the_shipped_file(tmp_path: Path) -> None:
    # A copy of a shipped file, edited: its stage ids stay, as the questionnaire points at them.
    kram = (shipped.content_dir() / "kram.yaml").read_text(encoding="utf-8")
    own = write_tree(tmp_path / "own", {
        "kram.yaml": kram.replace("name: Kram's four phases", "name: Kram, as we use it"),
        "sources.yaml": SOURCES,
        "guidance/roles.yaml": GUIDANCE.replace("id: tips", "id: roles"),
    })
    content = load_content(shipped.content_dirs([own]))
    kram_framework = next(framework for framework in content.frameworks if framework.id == "kram")
    assert kram_framework.name == "Kram, as we use it"
    roles = next(topic for topic in content.guidance if topic.id == "roles")
    assert roles.title == "Tips"
    files = content_files(shipped.content_dirs([own]))
    assert own / "kram.yaml" in files and shipped.content_dir() / "kram.yaml" not in files


def test_a_diagnostic_yaml_of_your_own_replaces_the_shipped_questions(tmp_path: Path) -> None:
    shipped_questions = (shipped.content_dir() / "diagnostic.yaml").read_text(encoding="utf-8")
    own = write_tree(tmp_path / "own", {
        "diagnostic.yaml": shipped_questions.replace(
            "How long have you been working together?", "How long have you known each other?"
        ),
    })
    diagnostic = load_content(shipped.content_dirs([own])).diagnostic
    assert diagnostic is not None and diagnostic.path == own / "diagnostic.yaml"
    assert diagnostic.questions[0].text == "How long have you known each other?"


def test_without_the_shipped_content_only_your_folders_count(content_dir: Path) -> None:
    content = load_content(shipped.content_dirs([content_dir], with_shipped=False))
    assert [framework.id for framework in content.frameworks] == ["demo"]
    assert content.diagnostic is None


def test_an_id_used_by_the_shipped_content_in_another_file_is_still_a_duplicate(
    tmp_path: Path,
) -> None:
    own = write_tree(tmp_path / "own", {
        "our-kram.yaml": FRAMEWORK.replace("id: demo", "id: kram"), "sources.yaml": SOURCES,
    })
    with pytest.raises(ContentError, match=r"the framework id 'kram' is already used in"):
        load_content(shipped.content_dirs([own]))
