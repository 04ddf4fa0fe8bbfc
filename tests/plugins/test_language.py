"""The plugin's words in the site's language: the language files, how one is chosen, and what a
translation must keep."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mentoring_stages import language
from mentoring_stages.language import LanguageError, file_language, language_codes, load_words
from stage_diagnostic.words import PLACEHOLDER, fill, number, placeholders


def test_english_and_german_ship() -> None:
    assert {"en", "de"} <= set(language_codes())


@pytest.mark.parametrize(("wanted", "file"), [
    ("de", "de"), ("de-CH", "de"), ("en", "en"), ("pt-BR", "en"), (None, "en"), ("", "en"),
])
def test_the_file_is_chosen_as_material_chooses_its_own(wanted: str | None, file: str) -> None:
    assert file_language(wanted) == file


@pytest.mark.parametrize("code", [code for code in language_codes() if code != "en"])
def test_every_translation_is_complete(code: str) -> None:
    """Every word English has, in the other language: a word left out would show in English. Only
    words with nothing to translate (punctuation around `{names}`) may read as in English."""
    english = load_words("en")
    translated = language._read(language.LANGUAGES_DIR / f"{code}.yaml", dict(english.sections))
    for section, words in english.sections.items():
        assert set(translated.get(section, {})) == set(words), section
        for key, text in words.items():
            has_words = re.search(r"[^\W\d_]", PLACEHOLDER.sub("", text))
            if has_words:
                assert translated[section][key] != text, f"{section}.{key} is not translated"


def test_a_word_a_translation_lacks_comes_in_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "en.yaml").write_text(
        (language.LANGUAGES_DIR / "en.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "fr.yaml").write_text("result:\n  level_high: Sûr\n", encoding="utf-8")
    monkeypatch.setattr(language, "LANGUAGES_DIR", tmp_path)
    words = load_words("fr-CA")
    assert words.language == "fr-CA"
    assert words["result"]["level_high"] == "Sûr"
    assert words["result"]["level_low"] == "A first impression"


BROKEN = [
    ("colours:\n  red: Rouge\n", "fr.yaml:1: unknown section 'colours'"),
    ("result:\n  level_hgih: Sûr\n", "fr.yaml:2: result.level_hgih: English has no such word"),
    ("result:\n  headline: Sans doute {stage}\n",
     "fr.yaml:2: result.headline: should fill in {framework}, {stage}"),
    ("result:\n  level_high: [Sûr]\n", "fr.yaml:2: result.level_high: should be text"),
    ("result: Sûr\n", "fr.yaml:1: result: should be a mapping of words"),
    ("result:\n  level_high: Sûr\n  level_high: Certain\n",
     "fr.yaml:3: the key 'level_high' appears twice"),
    ("result:\n  level_high: 'Sûr\n", "fr.yaml:3: is not valid YAML"),
    ("result:\n  number_example: douze mille\n",
     "fr.yaml:2: result.number_example: should be 12345.6 as the language writes it"),
]


@pytest.mark.parametrize(("text", "message"), BROKEN)
def test_a_broken_translation_names_file_line_and_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    (tmp_path / "en.yaml").write_text(
        (language.LANGUAGES_DIR / "en.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "fr.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(language, "LANGUAGES_DIR", tmp_path)
    with pytest.raises(LanguageError) as error:
        load_words("fr")
    assert message in str(error.value)


BROKEN_ENGLISH = [
    ("page:\n  copy: Copy\n", r"en\.yaml:2: page\.copy: a template cannot reach"),
    # two sections the model holds together
    ("result:\n  same: A\nbatch:\n  same: B\n",
     r"en\.yaml:4: batch\.same: result has a word of this"),
]


@pytest.mark.parametrize(("text", "message"), BROKEN_ENGLISH)
def test_a_word_no_template_or_model_could_hold_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    (tmp_path / "en.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(language, "LANGUAGES_DIR", tmp_path)
    with pytest.raises(LanguageError, match=message):
        load_words("en")


@pytest.mark.parametrize(("code", "written"), [("en", "12,345,678.5"), ("de", "12.345.678,5")])
def test_numbers_are_written_with_the_languages_marks(code: str, written: str) -> None:
    words = load_words(code).for_model()
    assert number(words, 12_345_678.5, 1) == written
    assert number({}, 12_345_678.5, 1) == "12345678.5", "without an example: no marks to guess"


def test_the_model_carries_the_result_and_terminal_words() -> None:
    words = load_words("de")
    model_words = words.for_model()
    assert model_words["level_high"] == "Sicher"
    assert "terminal_intro" in model_words and "prompt" not in model_words
    assert model_words["batch_heading_row"] == "Zeile" and "survey_pair_title" in model_words
    assert "engine_failed" not in model_words, "the cohort page's own words come with the page"


def test_fill_puts_values_in_and_names_a_missing_one() -> None:
    assert fill("{a} and {b}", a=1, b="two") == "1 and two"
    assert placeholders("Likely stage: {stage} — {detail}.") == {"stage", "detail"}
    with pytest.raises(KeyError):
        fill("{a}")
