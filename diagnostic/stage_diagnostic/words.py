"""The sentences a result is phrased in: the model carries them (`words`), in the site's language.

A sentence names what goes into it as `{name}`; `fill` puts the values in. The page does the same in
JavaScript (`assets/diagnostic/words.mjs`), so a translation is written once for both.
"""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(sentence: str, **values: object) -> str:
    """`sentence` with each `{name}` replaced by `values[name]` (a KeyError names a missing one)."""
    return PLACEHOLDER.sub(lambda found: str(values[found[1]]), sentence)


def placeholders(sentence: str) -> set[str]:
    """The names a sentence fills in."""
    return set(PLACEHOLDER.findall(sentence))
