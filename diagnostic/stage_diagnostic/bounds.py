"""Facts the model's writer, its reader and the engine share, defined once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MODEL_FORMAT = 3
# The diagnosis result's format (see engine): ids, numbers and quotes only, never English.
RESULT_FORMAT = 3
# The common timeline every framework's stages are laid on.
TIMELINE_START = 0.0
TIMELINE_END = 100.0
# The longest description accepted, in characters; the model carries it to the page and share links.
MAX_TEXT_LENGTH = 4000
# The language the description reader reads (text.py's phrases and negations, wording.py's
# features): a site in another language asks the questions instead.
DESCRIPTION_LANGUAGE = "en"


def on_timeline(start: float, end: float) -> bool:
    """Whether [start, end] is a span of the common timeline."""
    return TIMELINE_START <= start < end <= TIMELINE_END


@dataclass(frozen=True)
class CoverBreak:
    """Where a framework's stages stop covering the timeline in order: the stage at `position`
    starts at `start` where `expected` was due (a gap when later, an overlap when earlier); or,
    with `position` one past the last stage, the last ends at `start`, not at `expected`."""

    position: int
    start: float
    expected: float


def cover_breaks(spans: Sequence[tuple[float, float]]) -> list[CoverBreak]:
    """The rule for a framework's stages: in order, they cover the whole timeline with no gap and
    no overlap. The content loader reports every break to an author; the model's reader refuses
    the first."""
    breaks = []
    expected = TIMELINE_START
    for position, (start, end) in enumerate(spans):
        if start != expected:
            breaks.append(CoverBreak(position, start, expected))
        expected = end
    if expected != TIMELINE_END:
        breaks.append(CoverBreak(len(spans), expected, TIMELINE_END))
    return breaks
