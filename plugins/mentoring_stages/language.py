"""The plugin's words in the site's language.

`languages/` holds one YAML file per language (`en.yaml`, `de.yaml`, ...): sections of named words
(see `en.yaml`). The site's `theme.language` chooses the file as Material chooses its own
translations: the exact code (`pt-BR`), else its first part (`pt`), else English. English is
complete and fills every word another file leaves out, so a partial translation still builds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape
from stage_diagnostic.bounds import DESCRIPTION_LANGUAGE
from stage_diagnostic.words import PLACEHOLDER, number_marks, placeholders

from .content.yaml_source import LocatedDict, read_yaml

LANGUAGES_DIR = Path(__file__).parent / "languages"
ENGLISH = "en"
MODEL_SECTIONS = ("result", "terminal", "batch", "survey")
"""The sections the model carries, for the page's result, the cohort page's engine and the terminal
command alike; their words share one namespace in the model, so no two may have the same name."""


class LanguageError(ValueError):
    """A language file the plugin cannot use; the message names the file, line and word."""


@dataclass(frozen=True)
class Words:
    language: str  # the site's language, as `theme.language` gives it ("en" when unset)
    sections: Mapping[str, Mapping[str, str]]

    def __getitem__(self, section: str) -> Mapping[str, str]:
        return self.sections[section]

    def for_model(self) -> dict[str, str]:
        """The words the model carries: the result's sentences, the terminal's and the cohort's."""
        return {key: text for name in MODEL_SECTIONS for key, text in self.sections[name].items()}


def language_codes() -> list[str]:
    """The languages the plugin has words for."""
    return sorted(path.stem for path in LANGUAGES_DIR.glob("*.yaml"))


def file_language(wanted: str | None) -> str:
    """The language file for a site's `theme.language`: exact, then its first part, then English."""
    known = language_codes()
    for candidate in (wanted or "", (wanted or "").split("-")[0]):
        if candidate in known:
            return candidate
    return ENGLISH


def load_words(wanted: str | None = ENGLISH) -> Words:
    """The words for a site's language, English filling any gap. Raises LanguageError."""
    english = _read(LANGUAGES_DIR / f"{ENGLISH}.yaml", None)
    code = file_language(wanted)
    if code == ENGLISH:
        return Words(wanted or ENGLISH, english)
    translated = _read(LANGUAGES_DIR / f"{code}.yaml", english)
    merged = {name: {**words, **translated.get(name, {})} for name, words in english.items()}
    return Words(wanted or ENGLISH, merged)


def reads_descriptions(language: str) -> bool:
    """Whether the engine reads descriptions written in a site's language: its reader and wording
    model know one language; visitors of a site in another are asked the questions instead."""
    return language.split("-")[0].lower() == DESCRIPTION_LANGUAGE


def _read(path: Path, english: dict[str, dict[str, str]] | None) -> dict[str, dict[str, str]]:
    """A language file's sections; a translation (with `english` given) names only English's words
    and fills in the same `{names}`."""
    data, problem = read_yaml(path, path.parent)
    if problem is not None:
        raise LanguageError(str(problem))

    def fail(line: int, what: str) -> LanguageError:
        return LanguageError(f"{path}:{line}: {what}")

    if not isinstance(data, LocatedDict):
        raise fail(1, "should be sections of words (a mapping)")
    sections: dict[str, dict[str, str]] = {}
    for key_name, section in data.items():
        name = str(key_name)
        if english is not None and name not in english:
            raise fail(data.line_of(key_name), f"unknown section '{name}'; English has: "
                       + ", ".join(english))
        if not isinstance(section, LocatedDict):
            raise fail(data.line_of(key_name), f"{name}: should be a mapping of words")
        words: dict[str, str] = {}
        for key, text in section.items():
            where = f"{name}.{key}"
            if hasattr(dict, str(key)):  # `words.diagnostic.copy` would be the dict's method
                raise fail(section.line_of(key), f"{where}: a template cannot reach a word "
                           "named like a method of a mapping; rename it")
            if not isinstance(text, str) or not text.strip():
                raise fail(section.line_of(key), f"{where}: should be text")
            if key == "number_example" and number_marks(text) is None:
                raise fail(section.line_of(key), f"{where}: should be 12345.6 as the language "
                           "writes it, with its marks, such as 12,345.6 or 12.345,6")
            if english is None and name in MODEL_SECTIONS:
                clash = next((other for other, known in sections.items()
                              if other in MODEL_SECTIONS and key in known), None)
                if clash is not None:
                    raise fail(section.line_of(key), f"{where}: {clash} has a word of this name, "
                               "and the model holds both sections' words together")
            if english is not None:
                if key not in english[name]:
                    raise fail(section.line_of(key), f"{where}: English has no such word")
                wanted = placeholders(english[name][key])
                if placeholders(text) != wanted:
                    names = ", ".join(f"{{{n}}}" for n in sorted(wanted)) or "none"
                    raise fail(section.line_of(key), f"{where}: should fill in {names}")
            words[str(key)] = text  # as written: a separator's spaces count
        sections[name] = words
    return sections


def fill_markup(sentence: str, **values: object) -> Markup:
    """For templates: the sentence escaped, with each `{name}` replaced by its value, itself escaped
    unless it is already Markup (a link the template built)."""
    escaped = str(escape(sentence))
    return Markup(PLACEHOLDER.sub(lambda found: str(escape(values[found[1]])), escaped))
