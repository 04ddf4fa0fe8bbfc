"""A description read into the questionnaire's answers, each with the exact words it came from.

Each option of each question lists phrases (see `model`); where several options of one question
match, the one the description puts in the present wins over one it puts in the past ("at first we
..., now we ..."), then the later one (descriptions tell a story forwards). A phrase counts only
when it is not denied ("we haven't set goals" is not "we have set goals"); a phrase written "not
..." in the model counts only when denied. Time together comes from amounts and dates
(`text.time_together`) and beats any phrase about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import Model, Option, Question
from .text import Description, Match, time_together


@dataclass(frozen=True)
class Reading:
    """One answer read from the description."""

    question: str
    option: str
    quote: str
    start: int
    end: int
    hedged: bool


@dataclass(frozen=True)
class CueReading:
    """A framework stage's cue found in the description."""

    framework: str
    stage: str
    quote: str
    start: int
    end: int


def read(model: Model, description: Description, today: date) -> list[Reading]:
    """The answers the description gives, in the questionnaire's order."""
    readings = []
    for question in model.questions:
        reading = _read_question(description, question)
        if question is model.time_question:
            reading = _read_time(description, question, today) or reading
        if reading is not None:
            readings.append(reading)
    return readings


def read_cues(model: Model, description: Description) -> list[CueReading]:
    found = []
    for framework in model.frameworks:
        for stage in framework.stages:
            for pattern in stage.cue_patterns:
                matches = [
                    m for m in description.find_all(pattern) if m.negator is None and not m.past
                ]
                if matches:
                    quote, start, end = description.quote(matches[0].first, matches[0].last)
                    found.append(CueReading(framework.id, stage.id, quote, start, end))
                    break
    return found


def _read_question(description: Description, question: Question) -> Reading | None:
    candidates: list[tuple[tuple[int, int, int], Option, Match]] = []
    for option in question.options:
        for phrase in option.phrases:
            for match in description.find_all(phrase.stems):
                if (match.negator is not None) != phrase.denied:
                    continue
                first = min(match.first, match.negator) if match.negator is not None else match.first
                rank = (0 if match.past else 1, first, match.last - first)
                candidates.append((rank, option, Match(first, match.last, match.negator,
                                                       match.past, match.hedged)))
    if not candidates:
        return None
    _, option, match = max(candidates, key=lambda candidate: candidate[0])
    quote, start, end = description.quote(match.first, match.last)
    return Reading(question.id, option.id, quote, start, end, match.hedged)


def _read_time(description: Description, question: Question, today: date) -> Reading | None:
    mention = time_together(description, today)
    if mention is None:
        return None
    option = next(
        (o for o in question.options if o.months is not None and o.months.contains(mention.months)),
        None,
    )
    if option is None:
        return None
    quote, start, end = description.quote(mention.first, mention.last)
    return Reading(question.id, option.id, quote, start, end, False)
