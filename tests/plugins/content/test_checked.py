"""Checked content kept between builds: the same bytes come back, anything else is read afresh."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mentoring_stages.content import ContentError, checked, load_checked_content, load_content
from mentoring_stages.content.model import Content

from tests.support.content import FRAMEWORK


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"{checked.PREFIX}*{checked.SUFFIX}"))


def refuse_reading(*_: object) -> Content:
    raise AssertionError("the content was read again")


def test_the_same_bytes_come_back_from_the_cache_without_reading(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = load_checked_content([content_dir], cache)
    assert len(entries(cache)) == 1
    monkeypatch.setattr(checked, "load_content", refuse_reading)
    assert load_checked_content([content_dir], cache) == first == load_content([content_dir])


def test_an_edited_file_is_read_afresh_and_replaces_the_earlier_entry(
    content_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    load_checked_content([content_dir], cache)
    before = entries(cache)
    framework = content_dir / "demo.yaml"
    framework.write_text(FRAMEWORK.replace("Demo stages", "Demo stages, edited"), "utf-8")
    content = load_checked_content([content_dir], cache)
    assert content.frameworks[0].name == "Demo stages, edited"
    assert len(entries(cache)) == 1 and entries(cache) != before


def test_a_new_file_or_another_folder_is_other_content(content_dir: Path, tmp_path: Path) -> None:
    before = checked.fingerprint([content_dir])
    (content_dir / "second.yaml").write_text(FRAMEWORK.replace("id: demo", "id: second"), "utf-8")
    added = checked.fingerprint([content_dir])
    assert len({before, added, checked.fingerprint([content_dir, tmp_path / "missing"])}) == 3


def test_a_change_to_the_reading_code_is_other_content(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "code"
    code.mkdir()
    rules = code / "rules.py"
    rules.write_text("LIMIT = 1\n", "utf-8")
    monkeypatch.setattr(checked, "READING_CODE", (code,))
    before = checked.fingerprint([content_dir])
    rules.write_text("LIMIT = 2\n", "utf-8")
    assert checked.fingerprint([content_dir]) != before


def test_content_with_a_problem_is_never_kept_and_keeps_its_line(
    content_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    broken = FRAMEWORK.replace("span: [0, 40]", "span: [0, x]")
    (content_dir / "demo.yaml").write_text(broken, "utf-8")
    for _ in range(2):
        with pytest.raises(ContentError) as raised:
            load_checked_content([content_dir], cache)
        assert "demo.yaml:" in str(raised.value)
    assert entries(cache) == []


def test_a_file_the_loader_refuses_is_not_hashed_but_reported(
    content_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(FRAMEWORK.replace("id: demo", "id: outside"), "utf-8")
    os.symlink(outside, content_dir / "linked.yaml")
    assert checked.fingerprint([content_dir]) is None
    with pytest.raises(ContentError, match="outside the content folder"):
        load_checked_content([content_dir], tmp_path / "cache")


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_or_foreign_entry_is_read_afresh_and_rewritten(
    content_dir: Path, tmp_path: Path, damage: bytes
) -> None:
    cache = tmp_path / "cache"
    expected = load_checked_content([content_dir], cache)
    [entry] = entries(cache)
    entry.write_bytes(damage)  # cut short, garbage, and a pickle of something else (the int 1)
    assert load_checked_content([content_dir], cache) == expected
    assert entry.read_bytes() != damage


def test_a_cache_folder_that_cannot_be_written_costs_only_time(
    content_dir: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")
    assert load_checked_content([content_dir], blocked / "cache") == load_content([content_dir])
