"""The sentences a result is phrased in: the model carries them (`words`), in the site's language.

A sentence names what goes into it as `{name}`; `fill` puts the values in. The page does the same in
JavaScript (`assets/diagnostic/words.mjs`), so a translation is written once for both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

PLACEHOLDER = re.compile(r"\{(\w+)\}")
# `number_example` is 12345.6 as the language writes it: its marks are what stands between.
NUMBER_EXAMPLE = re.compile(r"12(\D*)345(\D+)6")


def fill(sentence: str, **values: object) -> str:
    """`sentence` with each `{name}` replaced by `values[name]` (a KeyError names a missing one)."""
    return PLACEHOLDER.sub(lambda found: str(values[found[1]]), sentence)


def placeholders(sentence: str) -> set[str]:
    """The names a sentence fills in."""
    return set(PLACEHOLDER.findall(sentence))


def number_marks(example: str) -> tuple[str, str] | None:
    """(thousands mark, decimal mark) from a language's `number_example`; None if it is not 12345.6
    written with marks."""
    found = NUMBER_EXAMPLE.fullmatch(example)
    return (found[1], found[2]) if found else None


def number(words: Mapping[str, str], value: float, decimals: int = 0) -> str:
    """`value` as the words' language writes it: 12,345.6 in English, 12.345,6 in German. Without
    a usable `number_example`, digits with no thousands mark and a point."""
    marks = number_marks(words.get("number_example", ""))
    if marks is None:
        return f"{value:.{decimals}f}"
    thousands, decimal = marks
    return f"{value:,.{decimals}f}".translate({ord(","): thousands, ord("."): decimal})


def quoted(words: Mapping[str, str], text: str) -> str:
    """`text` in the language's quotation marks (`quote`)."""
    return fill(words["quote"], text=text)


def listed(words: Mapping[str, str], items: Iterable[str]) -> str:
    """The items one after another, with the language's separator (`list_separator`)."""
    return words["list_separator"].join(items)
