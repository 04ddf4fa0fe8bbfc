"""A description read into the questionnaire's answers, each with the exact words it came from.

Each option of each question lists phrases (see `model`); where several options of one question
match, the one the description puts in the present wins over one it puts in the past ("at first we
..., now we ..."), then the one in the later clause (descriptions tell a story forwards), and within
one clause the longer phrase (it says more). A phrase counts only when it is not denied ("we haven't
set goals" is not "we have set goals"); a phrase written "not ..." in the model counts only when
denied. It does not count when it is about someone outside the pair, partial ("nearly
everything"), asked ("where do I start?") or, for an alarm, a single event ("I missed one
session"). Time together comes from amounts and dates (`text.time_together`) and beats any phrase
about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import MOVE_BACK_FLAG, Model, Option, Question
from .text import Description, Match, names_a_party, time_together


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
    candidates: dict[str, list[tuple[tuple[int, int, int, int], Option, Match, bool]]] = {}
    for stem in description.stems:
        for question_id, option, phrase in model.phrase_index.get(stem, ()):
            for match in description.find_all(phrase.stems):
                if (match.negator is not None) != phrase.denied or match.past:
                    continue
                if match.ahead and not phrase.denied:
                    continue  # "we need to set goals": not so yet
                if description.tokens[match.first].clause in description.asked:
                    continue  # a question tells nothing ("Where do I start?")
                if match.partial and not phrase.denied:
                    continue  # "nearly everything" is not everything ("practically never" is)
                if match.once and _alarm(option):
                    continue  # "I missed one session": no pattern
                first = match.first if match.negator is None else min(match.first, match.negator)
                if description.outside(first, match.last):
                    continue  # "the trains keep getting cancelled": not the pair's doing
                # The latest clause wins (descriptions run forwards); within it the longer phrase
                # ("drafting a new set of objectives focused on ...": new objectives, not a
                # focus), then the later one.
                clause = description.tokens[match.last].clause
                rank = (clause, len(phrase.stems), match.last, -(match.last - first))
                found = Match(first, match.last, match.negator, match.ahead, match.past,
                              match.hedged)
                told = names_a_party(phrase.stems)
                candidates.setdefault(question_id, []).append((rank, option, found, told))
    _one_alarm_per_clause(description, candidates)
    chosen = {
        question_id: max(found, key=lambda candidate: candidate[0])
        for question_id, found in candidates.items()
        if found
    }
    readings = []
    for question in model.questions:
        reading = None
        if question.id in chosen:
            _, option, match, _ = chosen[question.id]
            quote, start, end = description.quote(match.first, match.last)
            reading = Reading(question.id, option.id, quote, start, end, match.hedged)
        if question is model.time_question:
            reading = _read_time(description, question, today) or reading
        if reading is not None:
            readings.append(reading)
    return readings


def _alarm(option: Option) -> bool:
    """Whether the answer raises an alarm (any flag but a move back, which is normal)."""
    return any(flag != MOVE_BACK_FLAG for flag in option.flags)


def _one_alarm_per_clause(
    description: Description,
    candidates: dict[str, list[tuple[tuple[int, int, int, int], Option, Match, bool]]],
) -> None:
    """Where one clause gives alarms to two questions, only the phrase that says who did it
    counts: "she's cancelled every session" is a mentor who cannot be reached, not meetings
    missed for no clear reason; "we keep cancelling on each other" is the other way round."""
    told_in: dict[int, set[str]] = {}  # clause -> the questions an actor-naming alarm answers
    for question_id, found in candidates.items():
        for _, option, match, told in found:
            if told and _alarm(option):
                told_in.setdefault(description.tokens[match.last].clause, set()).add(question_id)
    for question_id, found in candidates.items():
        found[:] = [
            (rank, option, match, told)
            for rank, option, match, told in found
            if told
            or not _alarm(option)
            or not told_in.get(description.tokens[match.last].clause, set()) - {question_id}
        ]


def _read_time(description: Description, question: Question, today: date) -> Reading | None:
    mention = time_together(description, today)
    if mention is None or description.outside(mention.first, mention.last):
        return None  # "I've been seeing a therapist for eight months": not the pair's time
    option = next(
        (o for o in question.options if o.months is not None and o.months.contains(mention.months)),
        None,
    )
    if option is None:
        return None
    quote, start, end = description.quote(mention.first, mention.last)
    # In a text that never speaks of the pair ("It's been raining for three weeks"), a length of
    # time may be anyone's: it counts as hedged, so it names no stage on its own.
    return Reading(question.id, option.id, quote, start, end, not description.mentions_pair)
