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


def read(model: Model, description: Description, today: date) -> list[Reading]:
    """The answers the description gives, in the questionnaire's order."""
    candidates: dict[str, list[tuple[tuple[int, int, int], Option, Match]]] = {}
    for stem in description.stems:
        for question_id, option, phrase in model.phrase_index.get(stem, ()):
            for match in description.find_all(phrase.stems):
                if (match.negator is not None) != phrase.denied or match.past:
                    continue
                if match.ahead and not phrase.denied:
                    continue  # "we need to set goals": not so yet
                first = match.first if match.negator is None else min(match.first, match.negator)
                # The latest words win (descriptions run forwards); where two phrases end at the
                # same word, the longer one ("every two weeks" over "every week").
                rank = (match.last, len(phrase.stems), -(match.last - first))
                found = Match(first, match.last, match.negator, match.ahead, match.past,
                              match.hedged)
                candidates.setdefault(question_id, []).append((rank, option, found))
    readings = []
    for question in model.questions:
        reading = None
        if question.id in candidates:
            _, option, match = max(candidates[question.id], key=lambda candidate: candidate[0])
            quote, start, end = description.quote(match.first, match.last)
            reading = Reading(question.id, option.id, quote, start, end, match.hedged)
        if question is model.time_question:
            reading = _read_time(description, question, today) or reading
        if reading is not None:
            readings.append(reading)
    return readings


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
