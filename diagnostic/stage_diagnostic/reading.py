"""A description read into the questionnaire's answers, each with the exact words it came from.

Each option of each question lists phrases (see `model`); where several options of one question
match, the one the description puts in the present wins over one it puts in the past ("at first we
..., now we ..."), then the one in the later clause (descriptions tell a story forwards), and within
one clause the longer phrase (it says more). A phrase counts only when it is not denied ("we haven't
set goals" is not "we have set goals"); a phrase written "not ..." in the model counts only when
denied. It does not count when it is about someone outside the pair, partial ("nearly
everything"), asked ("where do I start?") or, for an alarm, a single event ("I missed one
session"). A phrase in the writer's own voice ("{me} ... {cancelling} on {mentee}") counts only when
the writer is the mentor, and one that says the pair met only once only when the text gives them
months. Time together comes from amounts and dates (`text.time_together`) and beats any phrase
about it, except that with a mentor out of reach from the start (an alarm pointing only at the
first stage) months past a framework's first stage are time since matching, not time together.
Goals said to be met and, in a later clause, the next ones being worked out are a move back, however
far apart the two are told (see _next_sought).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from .model import MOVE_BACK_FLAG, Model, Option, Phrase, Question
from .text import (
    BARELY_MET_CLASSES,
    BARELY_MET_MONTHS,
    Description,
    Match,
    months_given,
    phrase_stems,
    time_together,
    told_with_the_pair,
)


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
class Candidate:
    """A phrase found in the description that would give an answer."""

    rank: tuple[int, int, int, int]  # the highest of a question's candidates gives its answer
    option: Option
    match: Match
    told: bool  # the phrase says who does it ("she cancels")
    phrase: Phrase


# A phrase that starts with one of these says the mentor does it ("{mentor} keeps cancelling").
MENTOR_WORDS = frozenset({"{mentor}", "she", "he", "she's", "he's"})
# ...and one that starts with this, the writer, counts only when the writer is the mentor ("I've
# cancelled on her four times": the mentor out of reach, in the mentor's own words).
MENTOR_VOICE = "{me}"
# Goals met, then the next ones sought: a clause that says goals were done ("we smashed the
# list", "hit both our targets", "plan completed in full"), or an answer that says they were all
# met, and a later clause that works out or asks what comes next ("working out whether",
# "drafting a second plan", "asking what the summer term is for"). Together they are a move back
# to setting direction however each is worded, where the questionnaire's phrases for it ("new
# goals", "what's next") need both in a few words.
# A goal may also be told as the thing itself and then named as the goal ("I passed my APC,
# which was what we'd worked towards", "Got made foreman. That was the goal"), or as everything
# done ("everything we'd written down is done").
_GOALS_DONE = tuple(phrase_stems(p) for p in (
    "{done} ... {goals}", "{goals} ... {done}", "which was ... {goals}", "that was the {goals}",
    "which was what", "which was everything", "everything ... {done}",
))
# ...or, in no word for goals, both of them, all of them, or done twice over, word after word
# ("she's nailed both", "she has done all three", "done and done"; not "we get on and both of
# us like it")
_BOTH_DONE = tuple(phrase_stems(p) for p in ("{done} both", "{done} all", "{done} and {done}"))
_NEXT_SOUGHT = tuple(
    phrase_stems(p) for p in (
        "{setting} ... {next}", "{setting} ... {new}", "{setting} ... what",
        "{setting} ... whether", "ask ... what", "ask ... where", "where ... from here",
        "what now", "what ... want ... {next}", "what ... want ... rest of",
        "where ... now", "whether ... {next}", "what ... {setting} ... now",
    )
)


def read(model: Model, description: Description, today: date) -> list[Reading]:
    """The answers the description gives, in the questionnaire's order."""
    candidates_of = candidates(model, description, today)
    chosen = {
        question_id: _chosen(description, found)
        for question_id, found in candidates_of.items()
        if found
    }
    # A trouble that says the pair have not really met (a mentor out of reach from the start):
    # months since matching past a first stage's months are then no time together (OpenLearn's
    # Nick case)
    apart = any(_keeps_apart(model, candidate.option) for candidate in chosen.values())
    readings = []
    for question in model.questions:
        reading = None
        if question.id in chosen:
            candidate = chosen[question.id]
            match = _shortest(candidates_of[question.id], candidate).match
            quote, start, end = description.quote(match.first, match.last)
            reading = Reading(
                question.id, candidate.option.id, quote, start, end, match.hedged
            )
        move = next((o for o in question.options if MOVE_BACK_FLAG in o.flags), None)
        chosen_option = chosen[question.id].option if question.id in chosen else None
        if move is not None and chosen_option is not move:
            met = chosen_option is not None and _says_last(question, chosen_option)
            sought = _next_sought(description, chosen[question.id].match.last if met else None)
            if sought is not None:
                quote, start, end = description.quote(sought.first, sought.last)
                reading = Reading(question.id, move.id, quote, start, end, sought.hedged)
        if question is model.time_question:
            reading = _read_time(description, question, today) or reading
            if apart and reading is not None and _past_first_stage(model, question, reading):
                reading = None
        if reading is not None:
            readings.append(reading)
    if not description.may_be_of_the_pair:
        # A text that speaks neither of the pair nor of one other person ("Dad died in January.
        # Some days I feel completely abandoned", "Stuck on level 147 for three weeks. Nothing
        # moves") may be anyone's: what it tells counts as hedged, so it names no stage, nor
        # carries an alarm, on its own.
        return [replace(reading, hedged=True) for reading in readings]
    return readings


def _says_last(question: Question, option: Option) -> bool:
    """Whether no other option of the question points later than this one (goals all met)."""
    return all(_ends_by(other, option) for other in question.options)


def _next_sought(description: Description, met: int | None) -> Match | None:
    """Where the description, after saying the goals were met (at token `met`, or in a clause of
    its own: see _GOALS_DONE), works out what comes next; None if it does not."""
    def counts(match: Match) -> bool:
        return match.negator is None and not match.partial and not match.ahead

    if met is None:
        done = [m for slots in _GOALS_DONE for m in description.find_all(slots) if counts(m)]
        done += [
            m for slots in _BOTH_DONE for m in description.find_all(slots)
            if counts(m) and m.last - m.first + 1 == m.words
        ]
        met = min((m.last for m in done), default=None)
        if met is None:
            return None
    clause = description.tokens[met].clause
    later = [
        m for slots in _NEXT_SOUGHT for m in description.find_all(slots)
        if counts(m) and not m.past and description.tokens[m.first].clause > clause
    ]
    return min(later, key=lambda m: (m.first, m.last), default=None)


def _chosen(description: Description, found: list[Candidate]) -> Candidate:
    """The answer a question's candidates give: the highest ranked (see candidates), except
    that a move back (new goals after the old ones were met) holds against a later answer of
    the same question that says no more than it ("we sat down with a blank page ... we're mapping
    that out": still setting direction) or that comes in the same sentence ("we started talking
    about the next lot: she's helping me work out what that looks like")."""
    best = max(found, key=lambda candidate: candidate.rank)
    moves = [c for c in found if MOVE_BACK_FLAG in c.option.flags]
    if not moves or MOVE_BACK_FLAG in best.option.flags:
        return best
    move = max(moves, key=lambda candidate: candidate.rank)
    sentence = description.tokens[move.match.last].sentence
    if description.tokens[best.match.last].sentence == sentence or _ends_by(best.option,
                                                                             move.option):
        return move
    return best


def _ends_by(option: Option, other: Option) -> bool:
    """Whether every place the option points at ends where the other's places end, or earlier."""
    return bool(option.evidence) and max(e.end for e in option.evidence) <= max(
        (e.end for e in other.evidence), default=0.0
    )


def _shortest(found: list[Candidate], chosen: Candidate) -> Candidate:
    """What to quote for the chosen answer: the shortest phrase giving the same answer in the
    same clause ("hardly ever available", not "she is in a very senior role and hardly ever
    available", which a phrase with a gap also finds)."""
    clause = chosen.rank[0]
    same = [c for c in found if c.option is chosen.option and c.rank[0] == clause]
    return min(same, key=lambda c: (c.match.last - c.match.first, -c.match.last))


def candidates(
    model: Model, description: Description, today: date | None = None
) -> dict[str, list[Candidate]]:
    """Each question's candidate answers: the phrases found that count (see the module's
    docstring), one alarm per clause. A phrase that says the pair met only once counts only where
    the text gives them months (text.BARELY_MET_MONTHS) as of `today`."""
    found: dict[str, list[Candidate]] = {}
    barely_met: list[bool] = []  # worked out once, when a phrase needs it

    def months_apart() -> bool:
        if not barely_met:
            months = months_given(description, today or date.today())
            barely_met.append(months >= BARELY_MET_MONTHS)
        return barely_met[0]

    for stem in description.stems:
        for question_id, option, phrase in model.phrase_index.get(stem, ()):
            for match in description.find_all(phrase.stems, stem):
                if (match.negator is not None) != phrase.denied:
                    continue
                if match.past and not _after_the_end(model, option):
                    continue  # "last year we were setting goals": not where the pair are now
                    # (but "we closed our mentoring last year" is where they are: over)
                if match.ahead and not phrase.denied:
                    continue  # "we need to set goals": not so yet
                if match.tried and not phrase.denied and not _alarm(option):
                    continue  # "I tried booking time in her diary": an attempt, not the way
                    # things usually go (a trouble tried is still one: "I've tried chasing him")
                if description.starts_to(match.last) and not _alarm(option):
                    continue  # "I was just beginning to work on them": the work, not the pairing
                    # (the work just begun is what makes an ending too soon: "we'd only just
                    # started on the grad school stuff")
                if description.strands_a_preposition(match.last) and not _alarm(option):
                    continue  # "the bit I actually signed up for": what the thing is
                if description.as_well_as_mentor(match.last):
                    continue  # "a friend now as well as my mentor": both, not one instead
                if description.made_passive(match) and not _alarm(option):
                    continue  # "I was introduced to my mentor": not "was my mentor"
                if description.next_time(match.last):
                    continue  # "what I'd say next time": an occasion, not what comes next
                if description.asks(match.first):
                    continue  # a question tells nothing ("Where do I start?", "whether I
                    # still needed her")
                if match.partial and not phrase.denied:
                    continue  # "nearly everything" is not everything ("practically never" is)
                if match.once and _alarm(option):
                    continue  # "I missed one session": no pattern
                if _barely_met(phrase) and (
                    _frequency_after(description, match.last) or not months_apart()
                ):
                    continue  # "we've met once so far", "one meeting a month"
                first = match.first if match.negator is None else min(match.first, match.negator)
                if description.outside(first, match.last, strict=_alarm(option)):
                    continue  # "the trains keep getting cancelled": not the pair's doing
                if phrase.text.split()[0] in MENTOR_WORDS and description.stands_for_mentee(
                    match.first
                ):
                    continue  # "my mentee ... she keeps cancelling": the mentee's doing
                if phrase.text.split()[0] == MENTOR_VOICE and not description.writer_is_mentor:
                    continue  # "I've cancelled on her": the mentee's doing, unless the writer
                    # is the mentor
                if description.names_an_aim_reached(match.first, match.last):
                    # "which was what we were working towards": the goals met
                    option = _aim_reached(model, question_id, option) or option
                # The latest clause wins (descriptions run forwards); within it the longer phrase
                # ("drafting a new set of objectives focused on ...": new objectives, not a
                # focus), then the later one.
                clause = description.tokens[match.last].clause
                rank = (clause, match.words, match.last, -(match.last - first))
                at = Match(first, match.last, match.negator, match.ahead, match.past,
                           match.hedged, words=match.words, positions=match.positions)
                found.setdefault(question_id, []).append(
                    Candidate(rank, option, at, description.says_who(match), phrase)
                )
    _one_alarm_per_clause(description, found)
    _one_trouble(description, found, _untied_alarms(model))
    return found


def _aim_reached(model: Model, question_id: str, option: Option) -> Option | None:
    """The answer a goals phrase gives when the thing just told is named as the aim, in the past:
    the goals question's last answer (all met), for an answer short of it; None otherwise."""
    question = model.question(question_id)
    if question is None or not any(MOVE_BACK_FLAG in o.flags for o in question.options):
        return None  # only the goals question (the one a move back belongs to) has aims
    if option.flags or _says_last(question, option):
        return None
    return next((o for o in question.options if _says_last(question, o) and not o.flags), None)


def _untied_alarms(model: Model) -> frozenset[str]:
    """The alarms tied to no stage: troubles of a relationship under way (a stall, a mentor out
    of reach), which two questions may each read from one trouble. An alarm tied to a stage (a
    separation too soon) is another trouble, told apart by where the pair are."""
    return frozenset(
        flag.id for flag in model.flags if flag.framework is None and flag.id != MOVE_BACK_FLAG
    )


def _keeps_apart(model: Model, option: Option) -> bool:
    """Whether the answer is an alarm tied to no stage that points only at the first stage
    (however the frameworks split the start, the earliest end of their first stages): a trouble
    that keeps the pair from getting to know each other at all, such as a mentor hardly ever
    available."""
    first = min(framework.stages[0].end for framework in model.frameworks)
    return (
        bool(option.evidence)
        and bool(set(option.flags) & _untied_alarms(model))
        and max(evidence.end for evidence in option.evidence) <= first
    )


def _after_the_end(model: Model, option: Option) -> bool:
    """Whether the answer points only at the time after the formal relationship (from where the
    last stage of every framework has begun): a relationship over, which a stretch the description
    puts in the past ("we closed our mentoring last year") still tells, as an ending is past by
    nature."""
    last = max(framework.stages[-1].start for framework in model.frameworks)
    return bool(option.evidence) and min(evidence.start for evidence in option.evidence) >= last


def _past_first_stage(model: Model, question: Question, reading: Reading) -> bool:
    """Whether the time read starts where some framework's first stage's months end, or later."""
    option = next(o for o in question.options if o.id == reading.option)
    ends = [f.stages[0].months.end for f in model.frameworks if f.stages[0].months is not None]
    return option.months is not None and any(
        end is not None and option.months.start >= end for end in ends
    )


def _barely_met(phrase: Phrase) -> bool:
    """Whether the phrase says the pair met only once ("{met} ... {once}")."""
    return any(name in phrase.text for name in BARELY_MET_CLASSES)


def _frequency_after(description: Description, last: int) -> bool:
    """Whether the words after a phrase make it how often ("once a month", "one call per week")."""
    tokens = description.tokens
    for index in range(last + 1, min(last + 4, len(tokens))):
        if tokens[index].clause != tokens[last].clause:
            return False
        if tokens[index].word in {"a", "an", "per", "every", "each"}:
            return True
    return False


def _alarm(option: Option) -> bool:
    """Whether the answer raises an alarm (any flag but a move back, which is normal)."""
    return any(flag != MOVE_BACK_FLAG for flag in option.flags)


def _one_alarm_per_clause(description: Description, found: dict[str, list[Candidate]]) -> None:
    """Where one clause gives alarms to two questions, only the phrase that says who did it
    counts: "she's cancelled every session" is a mentor who cannot be reached, not meetings
    missed for no clear reason; "we keep cancelling on each other" is the other way round."""
    told_in: dict[int, set[str]] = {}  # clause -> the questions an actor-naming alarm answers
    for question_id, candidates in found.items():
        for candidate in candidates:
            if candidate.told and _alarm(candidate.option):
                clause = description.tokens[candidate.match.last].clause
                told_in.setdefault(clause, set()).add(question_id)
    for question_id, candidates in found.items():
        candidates[:] = [
            candidate
            for candidate in candidates
            if candidate.told
            or not _alarm(candidate.option)
            or not told_in.get(description.tokens[candidate.match.last].clause, set())
            - {question_id}
        ]


def _one_trouble(
    description: Description, found: dict[str, list[Candidate]], untied: frozenset[str]
) -> None:
    """Where the text gives alarms tied to no stage (`untied`) to several questions, they are one
    trouble told from two sides: meetings missed by both ("I've postponed twice, she's postponed
    twice, and now neither of us is chasing") are a stall, not a mentor out of reach, and a mentor
    who cancels explains meetings missed. Alarms that name both of the pair win; failing those,
    the ones that name who did it, then any but that the pair met only once. A separation that
    came too soon is no side of that trouble
    ("I've not heard from my mentor since, and I was nowhere near standing on my own two feet")."""

    def troubled(candidate: Candidate) -> bool:
        return bool(candidate.option.flags) and set(candidate.option.flags) <= untied

    alarms = {
        question_id: [c for c in candidates if troubled(c)]
        for question_id, candidates in found.items()
        if candidates and troubled(max(candidates, key=lambda c: c.rank))
    }
    if len({c.option.flags for cs in alarms.values() for c in cs}) < 2:
        return  # one flag, however many questions read it
    tests: tuple[Callable[[Candidate], bool], ...] = (
        lambda c: description.says_both(c.match),
        lambda c: c.told,
        # that they met only once says nothing of why: any other reading of the trouble wins
        lambda c: not _barely_met(c.phrase),
    )
    for test in tests:
        winners = {question_id for question_id, cs in alarms.items() if any(map(test, cs))}
        if winners:
            for question_id in set(alarms) - winners:
                found[question_id] = [c for c in found[question_id] if not troubled(c)]
            return


def _read_time(description: Description, question: Question, today: date) -> Reading | None:
    mention = time_together(description, today)
    if mention is None:
        return None
    if description.outside(mention.first, mention.last) and not told_with_the_pair(
        description.tokens, mention.first
    ):
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
