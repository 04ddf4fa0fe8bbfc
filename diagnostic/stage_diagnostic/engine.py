"""The diagnosis: answers and a description in, each framework's likely stage out, as data.

A description is first read into the questionnaire's answers (`reading`), and answers given
directly win over answers read; the diagnosis is then computed from the answers alone, so both
ways of telling agree. The result holds ids and numbers only: the page and the terminal command
phrase it from the model.

The result (format 3)::

    {
      "format": 3,
      "answers": {"<question id>": "<option id>"},    # what was used; given answers win
      "evidence": [                                   # one per answer used, questionnaire order
        {"question": "time-together", "option": "one-to-three-months",
         "from": "given" | "text",
         "quote": "exact words from the description" | null,   # always a phrase (text.is_phrase)
         "start": 12 | null, "end": 31 | null,        # offsets into the text (null for answers)
         "hedged": false}                             # the words were hedged ("I think ...")
      ],
      "headline": {"framework": "<id>", "stage": "<stage id>", "level": "medium"} | null,
          # the one stage to lead with: the requested framework's, else HEADLINE_FRAMEWORK's,
          # else the first framework's with a stage; null when there is not enough to tell
      "frameworks": {
        "<framework id>": {
          "stage": "<stage id>" | null,               # null: not enough evidence to tell
          "probabilities": {"<stage id>": 0.0},       # sums to 1, every stage, in order
          "confidence": 0.0,                          # 0..1: the probability of "stage"
          "level": "none" | "low" | "medium" | "high",
          "between": "<adjacent stage id>" | null,    # only ever a neighbour of "stage"
          "next_steps": ["<next-step id>"],           # ids of the stage's next_steps; [] if null
          "apart": null | "durations"                 # its own stated durations put it away from
                                                      # the headline's place on the timeline
        }
      },
      "position": {"mean": 0.0, "low": 0.0, "high": 0.0} | null,  # timeline 0..100; null if none
      "level": "none" | "low" | "medium" | "high",    # the headline's level ("none" without one)
      "ask_next": ["<question id>"],                  # unanswered questions, most useful first
      "flags": [                                      # never contradicting the headline
        {"id": "<flag id>", "status": "raised" | "confirm", "evidence": [<cited answer>]},
        {"id": "move-back", "framework": "kram", "from": "cultivation", "to": "initiation",
         "status": "raised", "evidence": [...]}
      ],
          # a cited answer is {"question", "option", "from", "quote", "start", "end"}. An alarm
          # (any flag but move-back) that only answers read from the description support is
          # "confirm": the page asks before it alarms anyone. Given answers make it "raised".
      "wording": {
          "stage": {"framework": "<id>", "stage": "<stage id>"} | null,  # null: "no stage"
          "quotes": [{"quote": "...", "start": 4, "end": 13}]   # each a phrase
      } | null,
          # what the description's wording concluded (see wording.py), in the headline's
          # framework, and the phrases that weighed most; null when the wording did not count
          # (no text, no fitted wording, or too unsure alone)
      "comparison": {...}                             # only with a partner (see compare.py)
    }

A framework's level is `none` (and its stage null) when the answers say too little; `high` needs
at least two answers that point somewhere. A description's wording (`wording`) joins the answers as
one more factor over the timeline, and names a stage on its own only when it is very sure. A flag
tied to a stage (`flags[].stage` in the model) is reported only when that framework's result is
that stage or a later one (a move back: only that stage); a framework's own move back only when its
result is the stage the move arrives at.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import timeline as tl
from .bounds import MAX_TEXT_LENGTH, RESULT_FORMAT
from .flag_wording import Verdict, verdicts
from .model import MOVE_BACK_FLAG, Flag, Framework, Model, Months, Option, Stage
from .reading import read
from .text import Description
from .timeline import Bins
from .wording import Impression, impression
from .words import fill, listed

DECIMALS = 4
# The framework the headline comes from unless the request names one: the one the corpus labels,
# the wording is fitted to and the accuracy figures measure.
HEADLINE_FRAMEWORK = "clutterbuck"
# frameworks.<id>.apart when a framework's own stated durations place it away from the headline.
DURATIONS = "durations"
# A flag's status: "raised" on the visitor's own answers, "confirm" when only read from their text.
RAISED, CONFIRM = "raised", "confirm"
# The smallest top probability for each level (below LOW a framework cannot tell).
LOW = 0.25
# Below this much informative evidence no framework names a stage.
ENOUGH = 1.0
MEDIUM = 0.6
HIGH = 0.9
# Answers that point somewhere needed before a framework may be `high`.
HIGH_NEEDS_ANSWERS = 2
# A neighbour this close to the top stage (as a share of its probability) makes it "between".
BETWEEN = 0.6
# How much a framework's own stated durations weigh against a stage they rule out: some for a stage
# the pair may have reached early, next to nothing for one they must have left behind (however
# sure the rest of the evidence is of it: a pair setting new goals after two years is not back in
# Kram's initiation, which lasts a year at most). Not zero, so the probabilities always sum to 1.
MONTHS_FLOOR = 0.3
BEHIND_FLOOR = 1e-6
# ...and more for a stage the framework says may come early (Kram's separation, from six months)
# when the rest of the evidence, with an answer besides the time among it, gives it at least this
# share: an ending come too soon is still an ending.
EARLY_FLOOR = 0.6
EARLY_SHARE = 0.6
# Evidence at least this heavy is a clear pointer (see _informative).
STRONG = 2.0
# A hedged answer read from a description counts this much.
HEDGED = 0.5
# The wording alone names a stage (when no answer says enough) only when it is this sure. Chosen
# by 5-fold cross-validation on the tuning corpus: lower lets descriptions that show no stage
# through ("I'm thinking of becoming a mentor"), higher leaves real stages untold.
WORDING_ALONE = 0.97
# ...and, when the description is all there is, one answer read from it does not name a stage if the
# wording gives "shows no stage" at least this much: one clue in a text that reads like a career
# history or a programme's dates is not enough. Also chosen by cross-validation (from 0.5 down to
# 0.1, accuracy held and no-sign descriptions given a stage fell from 10 of 73 to 7; to 0.05 once
# the tuning corpus had 120 texts with no stage: 105 -> 112 of them given none, descriptions +2).
WORDING_NO_STAGE = 0.05
# How the fitted flag reading (flag_wording.py) joins the rules, on its score's log-odds scale. An
# alarm the rules read from a description of at least KEEP_NEEDS_WORDS words alone is asked about
# only if the fitted reading gives it at least KEEP_READ_ALARM: a text that long which holds none
# of the words the reading has learnt for that problem seldom describes it, while a short one says
# too little either way. An alarm the rules did not read is asked about when the fitted reading
# alone gives it ALARM_ALONE, in a description of at least ALONE_NEEDS_WORDS words (in fewer, a
# word or two decide it: "one reply since Monday" in a pair matched last week). All are chosen on
# bench/diagnostic.py --by-author: the rules of each fresh author's first look replayed with the
# reading fitted without that author (healthy pairs asked 6/54 -> 1/54, recall 0.714 -> 0.806),
# and the leave-one-author-out figures (the reading alone asks none of 258 healthy pairs). Checked
# again with 9 authors and 4 first looks (corpus README, "Sets 10 and 11 spent"): no other value
# found more problems without asking more healthy pairs. With 11 authors and 6 first looks (corpus
# README, "Sets 12 and 13 spent"), ALARM_ALONE -0.5 -> -0.75 found 2 more problems in each and
# asked no more healthy pairs (-0.9 asked one more; KEEP_READ_ALARM -3.5 asked one more). With 33
# authors and the reading trusting features few authors use less (flag_wording.SPREAD_AUTHORS),
# scores rose and -0.75 asked 22 of 986 healthy pairs where the old reading asked 20; -0.5 asks 19
# and still finds 1235 of 1530 problems (was 1185), authors 31 to 40 316 of 420 (was 297).
# With 48 authors, weighing a healthy pair asked as three problems missed (corpus README, "Sets 44
# to 50 studied for the flags"): KEEP_READ_ALARM -3.0 -> -2.5 with ALARM_ALONE -0.5 -> -0.75 asks
# 15 of the newest eleven authors' 308 healthy pairs (was 18), finding as many of their problems
# (381 of 462), and finds 1766 of 2160 problems in all (was 1757) asking 36 of 1406 (was 37).
# Asking only where the clauses read name the pair cost far more problems than healthy pairs.
# A read alarm in a text of DOUBT_NEEDS_WORDS to KEEP_NEEDS_WORDS words is doubted only when the
# reading heard none of that problem's words in it (its score is its bias): the short texts a
# lower KEEP_NEEDS_WORDS doubted well were those, while the tested ones it broke were texts whose
# trouble the reading hears little of (a mentor owning up; a clause told of a boss) but not
# nothing (corpus README, "Feelings about someone else's trouble"): 32 -> 30 of 1406 healthy
# pairs asked, 1766 -> 1765 of 2160 problems found. Under 25 words a word or two decide it.
KEEP_READ_ALARM = -2.5
KEEP_NEEDS_WORDS = 40
DOUBT_NEEDS_WORDS = 25
ALARM_ALONE = -0.75
ALONE_NEEDS_WORDS = 30


class InputError(ValueError):
    """The answers or the text cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Used:
    question: str
    option: Option
    source: str  # "given" or "text"
    quote: str | None
    start: int | None
    end: int | None
    hedged: bool


def diagnose(
    model: Model,
    answers: dict[str, str] | None = None,
    text: str | None = None,
    today: date | None = None,
    framework: str | None = None,
) -> dict[str, Any]:
    """Each framework's likely stage, the evidence it rests on, flags and what to ask next.
    `framework` names the framework the headline should come from (a site's default, or the
    visitor's pick)."""
    _check(model, answers, text, framework)
    description = Description(text) if text and text.strip() else None
    used = _used(model, answers or {}, description, today or date.today())
    impressed = impression(model.wording, description) if model.wording and description else None

    def place(used: list[Used]) -> Placed:
        return _place(model, used, impressed, bool(answers), description)

    frameworks, bins, seen, no_stage = place(used)
    headline_framework = _headline_framework(model, frameworks, framework)
    headline = None
    if frameworks[headline_framework.id]["stage"] is not None:
        found = frameworks[headline_framework.id]
        headline = {
            "framework": headline_framework.id, "stage": found["stage"], "level": found["level"]
        }
    _mark_apart(model, frameworks, headline_framework, bins)
    return {
        "format": RESULT_FORMAT,
        "answers": {u.question: u.option.id for u in used},
        "evidence": [{**_cited(u), "hedged": u.hedged} for u in used],
        "headline": headline,
        "frameworks": frameworks,
        "position": None
        if headline is None
        else {
            "mean": round(tl.mean(bins), 1),
            "low": round(tl.quantile(bins, 0.1), 1),
            "high": round(tl.quantile(bins, 0.9), 1),
        },
        "level": "none" if headline is None else headline["level"],
        "ask_next": ask_next(model, bins, {u.question for u in used}),
        "flags": _flags(model, used, frameworks, headline_framework, place, description),
        "wording": None
        if seen is None or description is None
        else _wording_result(model, seen, description, headline_framework, no_stage),
    }


# Each framework's result, the timeline's spread, the wording's impression if it counted, and
# whether the wording said the text shows no stage (see _place).
Placed = tuple[dict[str, dict[str, Any]], Bins, Impression | None, bool]


def _place(
    model: Model,
    used: list[Used],
    seen: Impression | None,
    answered: bool,
    description: Description | None,
) -> Placed:
    """Where the answers (and the description's wording, `seen`) place the pair."""
    bins, bins_without_time, informative = _posterior(model, used)
    no_stage = seen is not None and not answered and _shows_no_stage(model, seen, informative)
    if no_stage:
        informative = 0.0  # what little was read is better taken as saying nothing
    elif seen is not None and _wording_counts(model, seen, informative, description):
        factors = _wording_factors(model, seen, informative)
        bins = tl.multiply(bins, factors)
        bins_without_time = tl.multiply(bins_without_time, factors)
        informative = max(informative, ENOUGH)
    else:
        seen = None
    time_answer = next((u.option for u in used if u.option.months is not None), None)
    told_besides_time = any(u.option.months is None and u.option.evidence for u in used)
    frameworks = {
        f.id: _framework_result(
            f, bins, bins_without_time, time_answer, informative, told_besides_time
        )
        for f in model.frameworks
    }
    return frameworks, bins, seen, no_stage


def _cited(u: Used) -> dict[str, Any]:
    return {
        "question": u.question,
        "option": u.option.id,
        "from": u.source,
        "quote": u.quote,
        "start": u.start,
        "end": u.end,
    }


def _headline_framework(
    model: Model, frameworks: dict[str, dict[str, Any]], wanted: str | None
) -> Framework:
    """The framework the headline comes from: the one asked for, else HEADLINE_FRAMEWORK, else
    the first that names a stage (else the first of all, whose "not enough to tell" it is)."""
    for framework_id in (wanted, HEADLINE_FRAMEWORK):
        chosen = next((f for f in model.frameworks if f.id == framework_id), None)
        if chosen is not None:
            return chosen
    return next(
        (f for f in model.frameworks if frameworks[f.id]["stage"] is not None),
        model.frameworks[0],
    )


def _mark_apart(
    model: Model, frameworks: dict[str, dict[str, Any]], headline: Framework, bins: Bins
) -> None:
    """Set each framework's "apart": "durations" where its own stated durations moved its stage
    off the place the common timeline gives the headline's framework (Kram's initiation lasts a
    year at most, so a pair setting new goals after three years is in its cultivation while
    Clutterbuck has them back at direction-setting). The page says why in a sentence."""
    place = _timeline_stage(headline, bins) if frameworks[headline.id]["stage"] else None
    for framework in model.frameworks:
        found = frameworks[framework.id]
        found["apart"] = None
        if place is None or found["stage"] is None or not framework.has_months:
            continue
        stage = framework.stage(found["stage"])
        if stage.id == _timeline_stage(framework, bins).id:
            continue  # its durations did not move it
        if min(stage.end, place.end) <= max(stage.start, place.start):
            found["apart"] = DURATIONS


def _timeline_stage(framework: Framework, bins: Bins) -> Stage:
    """The framework's likeliest stage by the common timeline alone (its durations aside)."""
    masses = _masses(framework, bins)
    return framework.stages[max(range(len(masses)), key=lambda i: (masses[i], -i))]


def _wording_result(
    model: Model, seen: Impression, description: Description, framework: Framework, no_stage: bool
) -> dict[str, Any]:
    """What the wording concluded, as a stage of the headline's framework (null when it said the
    description shows no stage), and its most telling phrases for that."""
    assert model.wording is not None
    best = max(range(len(seen.probabilities)), key=lambda i: (seen.probabilities[i], -i))
    stage = None
    if no_stage:
        quoted = seen.no_stage_quotes
    elif model.wording.classes[best].span is not None:
        quoted = seen.quotes
        masses = _masses(framework, tl.multiply(model.prior, _wording_factors(model, seen)))
        top = framework.stages[max(range(len(masses)), key=lambda i: (masses[i], -i))]
        stage = {"framework": framework.id, "stage": top.id}
    else:
        quoted = seen.quotes
    return {
        "stage": stage,
        "quotes": [
            dict(zip(("quote", "start", "end"), description.quote(first, last), strict=True))
            for first, last in quoted
        ],
    }


def _shows_no_stage(model: Model, seen: Impression, informative: float) -> bool:
    """Whether a description's wording says it shows no stage ("My mentor retired from the fire
    service in 2015 after 32 years.") while what was read from it is too little to say otherwise."""
    assert model.wording is not None
    return informative < HIGH_NEEDS_ANSWERS and any(
        c.span is None and p >= WORDING_NO_STAGE
        for c, p in zip(model.wording.classes, seen.probabilities, strict=True)
    )


def _wording_counts(
    model: Model, seen: Impression, informative: float, description: Description | None
) -> bool:
    """Whether the wording joins the answers: always when they say enough on their own; alone
    only when it is sure the description is about a stage, and about mentoring at all (not the
    writer and their line manager or personal trainer)."""
    if informative >= ENOUGH:
        return True
    assert model.wording is not None
    if description is not None and description.about_someone_else:
        return False
    best = max(range(len(seen.probabilities)), key=lambda i: seen.probabilities[i])
    sure = seen.probabilities[best] >= WORDING_ALONE
    return sure and model.wording.classes[best].span is not None


def _wording_factors(model: Model, seen: Impression, informative: float = 0.0) -> Bins:
    """Each bin's factor: the square root of its class's share among the classes that are stages
    (the wording counts half as much as if it were certain, in log terms), or its fourth root
    once the answers say enough to be sure (HIGH_NEEDS_ANSWERS): then a bag of words should not
    overrule them (OpenLearn's Parminder: twelve months, "knows what he's going to say", in
    words that read like setting direction). Chosen by cross-validation on the tuning corpus."""
    assert model.wording is not None

    def weigh(p: float) -> float:
        root = math.sqrt(p)
        return math.sqrt(root) if informative >= HIGH_NEEDS_ANSWERS else root

    staged: list[tuple[tuple[float, float], float]] = []
    for wording_class, probability in zip(model.wording.classes, seen.probabilities, strict=True):
        if wording_class.span is not None:
            staged.append((wording_class.span, probability))
    total = math.fsum(p for _, p in staged)
    factors = []
    for i in range(tl.BIN_COUNT):
        shares = [(tl.overlap(i, *span), p / total) for span, p in staged]
        covered = math.fsum(share for share, _ in shares)
        factors.append(
            math.fsum(share * weigh(p) for share, p in shares) / covered if covered else 1.0
        )
    return factors


def _check(
    model: Model, answers: dict[str, str] | None, text: str | None, framework: str | None
) -> None:
    if not isinstance(model, Model):
        raise InputError("the model should come from stage_diagnostic.load_model()")
    if framework is not None and framework not in {f.id for f in model.frameworks}:
        known = ", ".join(f.id for f in model.frameworks)
        raise InputError(f"unknown framework {framework!r}; the frameworks are: {known}")
    if answers is not None and not isinstance(answers, dict):
        raise InputError("answers should be a mapping of question id to option id")
    # What a person can get wrong (in a file of answers for the terminal, say) is said in the
    # model's words; the rest above is a program's mistake.
    words = model.words
    if text is not None and not isinstance(text, str):
        raise InputError(words["terminal_text_not_text"])
    if text is not None and len(text) > MAX_TEXT_LENGTH:
        raise InputError(
            fill(words["terminal_text_too_long"], length=len(text), limit=MAX_TEXT_LENGTH)
        )
    if not answers and not (text or "").strip():
        raise InputError(words["terminal_nothing_to_go_on"])
    for question_id, option_id in (answers or {}).items():
        question = model.question(question_id) if isinstance(question_id, str) else None
        if question is None:
            known = listed(words, (q.id for q in model.questions))
            raise InputError(fill(words["terminal_unknown_question"], question=question_id,
                                  known=known))
        if not isinstance(option_id, str):
            raise InputError(fill(words["terminal_answer_not_text"], question=question_id))
        if question.option(option_id) is None:
            known = listed(words, (option.id for option in question.options))
            raise InputError(fill(words["terminal_unknown_option"], question=question_id,
                                  option=option_id, known=known))


def _used(
    model: Model, answers: dict[str, str], description: Description | None, today: date
) -> list[Used]:
    """The answers to use, in the questionnaire's order: given ones, else ones read from text."""
    readings = {r.question: r for r in read(model, description, today)} if description else {}
    used = []
    for question in model.questions:
        if question.id in answers:
            option = question.option(answers[question.id])
            assert option is not None  # checked
            used.append(Used(question.id, option, "given", None, None, None, False))
        elif question.id in readings:
            r = readings[question.id]
            option = question.option(r.option)
            assert option is not None
            used.append(Used(question.id, option, "text", r.quote, r.start, r.end, r.hedged))
    return used


def _posterior(model: Model, used: list[Used]) -> tuple[Bins, Bins, float]:
    """The timeline spread after every answer, the same without time together, and how much the
    answers say (see _informative).

    An answer that moves the pair back (new goals after the old ones were met) says where they are
    now on its own: the other answers describe the relationship as a whole (how long, how often,
    how it feels), which a move back leaves as it was. Frameworks whose sources give durations
    still read the time together (see stage_probabilities)."""
    bins = without_time = model.prior
    informative = 0.0
    moved_back = any(MOVE_BACK_FLAG in u.option.flags for u in used)
    for u in used:
        informative += _informative(u.option) * (HEDGED if u.hedged else 1.0)
        if moved_back and MOVE_BACK_FLAG not in u.option.flags:
            continue
        likelihood = model.likelihoods[u.question][u.option.id]
        if u.hedged:
            likelihood = [math.sqrt(p) for p in likelihood]
        bins = tl.multiply(bins, likelihood)
        if u.option.months is None:
            without_time = tl.multiply(without_time, likelihood)
    return bins, without_time, informative


def _informative(option: Option) -> float:
    """How much an answer counts towards saying anything: time together and clear pointers fully,
    a faint pointer (weight below STRONG) half, none not at all."""
    if option.months is not None or any(e.weight >= STRONG for e in option.evidence):
        return 1.0
    return 0.5 if option.evidence else 0.0


def stage_probabilities(
    framework: Framework,
    bins: Bins,
    bins_without_time: Bins,
    time_answer: Option | None,
    told_besides_time: bool,
) -> list[float]:
    """The framework's stages' probabilities. Where the framework's source says how long its
    stages last, that (not the common timeline) decides what the time together says. What points
    at a stage the pair must have left behind by now goes to the stage after it: a pair setting
    new goals after two years is not back in Kram's initiation, which lasts a year at most, but
    still in the cultivation that follows it, not anywhere else. A stage that may come early keeps
    more when the rest of the evidence tells it (`told_besides_time`: some answer besides the time
    says something; the wording alone is too faint to overrule the framework's months)."""
    if time_answer is None or time_answer.months is None or not framework.has_months:
        return _masses(framework, bins)
    together = time_answer.months
    weights = []
    carried = 0.0
    masses = _masses(framework, bins_without_time)
    before: Months | None = None
    for stage, mass in zip(framework.stages, masses, strict=True):
        floor = _months_floor(stage.months, together)
        if (told_besides_time and floor == MONTHS_FLOOR
                and mass >= EARLY_SHARE * math.fsum(masses)
                and _may_come_early(stage.months, before, together)):
            floor = EARLY_FLOOR  # an ending the rest of the evidence tells, come early
        before = stage.months
        mass += carried
        carried = mass * (1.0 - floor) if floor == BEHIND_FLOOR else 0.0
        weights.append(
            mass * (floor + (stage.months.overlap(together) if stage.months else 0.0))
        )
    total = math.fsum(weights)
    return [weight / total for weight in weights]


def _masses(framework: Framework, bins: Bins) -> list[float]:
    running = tl.running_sums(bins)
    return [
        tl.cumulative(running, stage.end) - tl.cumulative(running, stage.start)
        for stage in framework.stages
    ]


def _may_come_early(stage: Months | None, before: Months | None, together: Months) -> bool:
    """Whether the pair is short of the stage's months and the framework says it may begin before
    the stage ahead of it does (Kram's separation from six months, its cultivation from twelve):
    an ending that can come early."""
    return (
        stage is not None and before is not None and stage.start < before.start
        and together.end is not None and together.end <= stage.start
    )


def _months_floor(stage: Months | None, together: Months) -> float:
    """How much of a stage is left when the time together is outside its stated months: next to
    nothing for a stage the pair must have left behind (no initiation after two years), more for
    one they may have reached early (a short scheme that ends with its goals met is in
    separation)."""
    if stage is not None and stage.end is not None and stage.end <= together.start:
        return BEHIND_FLOOR
    return MONTHS_FLOOR


def level_for(confidence: float, informative: float) -> str:
    if informative < ENOUGH or confidence < LOW:
        return "none"
    if confidence >= HIGH and informative >= HIGH_NEEDS_ANSWERS:
        return "high"
    return "medium" if confidence >= MEDIUM else "low"


def _framework_result(
    framework: Framework,
    bins: Bins,
    bins_without_time: Bins,
    time_answer: Option | None,
    informative: float,
    told_besides_time: bool,
) -> dict[str, Any]:
    ids = [stage.id for stage in framework.stages]
    rounded = _rounded_to_one(
        stage_probabilities(framework, bins, bins_without_time, time_answer, told_besides_time)
    )
    probabilities = dict(zip(ids, rounded, strict=True))
    # Likeliest first; a tie goes to the earlier stage so the result never depends on chance.
    top = max(range(len(ids)), key=lambda i: (rounded[i], -i))
    confidence = rounded[top]
    level = level_for(confidence, informative)
    if level == "none":
        return {
            "stage": None,
            "probabilities": probabilities,
            "confidence": confidence,
            "level": "none",
            "between": None,
            "next_steps": [],
        }
    neighbours = [i for i in (top - 1, top + 1) if 0 <= i < len(ids)]
    close = max(neighbours, key=lambda i: rounded[i], default=None)
    between = ids[close] if close is not None and rounded[close] >= BETWEEN * confidence else None
    stage = framework.stages[top]
    return {
        "stage": stage.id,
        "probabilities": probabilities,
        "confidence": confidence,
        "level": level,
        "between": between,
        "next_steps": [step.id for step in stage.next_steps],
    }


def ask_next(model: Model, bins: Bins, answered: set[str]) -> list[str]:
    """Unanswered questions, the one expected to settle the frameworks' stages most first (by the
    expected gain in the sum of squared stage probabilities, arithmetic only)."""
    now = _purity(model, bins)
    gains = []
    for question in model.questions:
        if question.id in answered:
            continue
        chances = {
            option_id: math.fsum(p * q for p, q in zip(bins, likelihood, strict=True))
            for option_id, likelihood in model.likelihoods[question.id].items()
        }
        total = math.fsum(chances.values())
        expected = math.fsum(
            chance / total * _purity(model, tl.multiply(bins, model.likelihoods[question.id][o]))
            for o, chance in chances.items()
        )
        gains.append((expected - now, question.id))
    order = [q.id for q in model.questions]
    gains.sort(key=lambda gain: (-round(gain[0], 9), order.index(gain[1])))
    return [question_id for _, question_id in gains]


def _purity(model: Model, bins: Bins) -> float:
    """The sum over frameworks and stages of the squared stage probability (from running sums of
    the bins, as this runs for every option of every unanswered question)."""
    running = tl.running_sums(bins)
    below = {edge: tl.cumulative(running, edge) for edge in model.stage_edges}
    total = 0.0
    for start, end in model.stage_spans:
        probability = below[end] - below[start]
        total += probability * probability
    return total


def _rounded_to_one(probabilities: list[float]) -> list[float]:
    """Round to DECIMALS places in whole units, then give the largest whatever makes the units add
    up exactly, so the probabilities always sum to 1."""
    scale = 10**DECIMALS
    units = [round(p * scale) for p in probabilities]
    largest = probabilities.index(max(probabilities))
    units[largest] += scale - sum(units)
    return [unit / scale for unit in units]


def _rules_show(
    model: Model,
    flag: Flag,
    behind: list[Used],
    used: list[Used],
    frameworks: dict[str, Any],
    headline: Framework,
    place: Callable[[list[Used]], Placed],
    verdict: Verdict | None,
    description: Description | None,
    told: bool,
) -> bool:
    """Whether the answers behind a flag show it (see _flags)."""
    if not behind or not agrees(model, flag, frameworks, headline):
        return False
    if (
        description is not None
        and all(u.source == "text" for u in behind)
        and not keeps_read_alarm(verdict, description)
    ):
        return False  # the wording, read as a whole, does not sound like that problem
    if not told and all(u.source == "text" and u.hedged for u in behind):
        return False  # a hedged reading in a text that shows no stage is too little to alarm
        # anyone ("I'd like a mentor ... nobody on my placement seems to have time")
    if flag.framework is not None and flag.id != MOVE_BACK_FLAG:
        others = place([u for u in used if u not in behind])[0]
        if not agrees(model, flag, others, headline):
            return False
    return True


def agrees(model: Model, flag: Flag, frameworks: dict[str, Any], headline: Framework) -> bool:
    """Whether the flag agrees with where the result places the pair, so no flag contradicts
    the headline. A move back shows only where it arrives (its framework at exactly its stage).
    An alarm tied to a stage (a separation that came too early) shows from that stage on: in its
    own framework, or where the headline's stage starts no earlier on the common timeline (a
    six-month scheme ended too soon is winding down, while Kram's durations keep it in
    initiation). An alarm tied to none (a stall, an unreachable mentor) speaks of a relationship
    under way: it shows until the headline reaches the stages the tied alarms speak of."""
    place = frameworks[headline.id]["stage"]
    start = None if place is None else headline.stage(place).start
    if flag.framework is None:
        endings = [_stage_of(model, other).start for other in model.flags
                   if other.framework is not None and other.id != MOVE_BACK_FLAG]
        return start is None or not endings or start < min(endings)
    framework = next(f for f in model.frameworks if f.id == flag.framework)
    stage: str | None = frameworks[framework.id]["stage"]
    if flag.id == MOVE_BACK_FLAG:
        return stage == flag.stage
    if stage is not None and framework.index(stage) >= framework.index(_stage_of(model, flag).id):
        return True
    return start is not None and start >= _stage_of(model, flag).start


def _stage_of(model: Model, flag: Flag) -> Stage:
    """The stage a flag is tied to (only asked of flags tied to one)."""
    framework = next(f for f in model.frameworks if f.id == flag.framework)
    assert flag.stage is not None
    return framework.stage(flag.stage)


def keeps_read_alarm(verdict: Verdict | None, description: Description) -> bool:
    """Whether an alarm the rules read from the description alone is asked about: unless the
    fitted flag reading finds a long description's wording far from that problem, or a short
    one holds none of the words it has learnt for it (a short text the reading heard something
    of says too little either way: "I've been a poor mentor: I've cancelled on her")."""
    return (
        verdict is None
        or verdict.score >= KEEP_READ_ALARM
        or len(description.tokens) < DOUBT_NEEDS_WORDS
        or (len(description.tokens) < KEEP_NEEDS_WORDS and verdict.heard > 0)
    )


def alarms_alone(verdict: Verdict | None, description: Description) -> bool:
    """Whether the fitted flag reading asks about an alarm the rules did not read."""
    return (
        verdict is not None
        and bool(verdict.quotes)
        and verdict.score >= ALARM_ALONE
        and len(description.tokens) >= ALONE_NEEDS_WORDS
    )


def fitted_alarm(
    model: Model, flag: Flag, verdict: Verdict, description: Description
) -> dict[str, Any]:
    """An alarm the fitted reading alone gives, to confirm: it cites the answer that carries the
    flag (the last in the questionnaire's order: the feelings question's, where it has one, the
    most general) with the phrase that weighed most for it, so the visitor confirms that answer.
    One phrase, not several: each cited reading is a question the page asks."""
    question, option = next(
        (question.id, option.id)
        for question in reversed(model.questions)
        for option in question.options
        if flag.id in option.flags
    )
    quote, start, end = description.quote(*verdict.quotes[0])
    cited = {"question": question, "option": option, "from": "text", "quote": quote,
             "start": start, "end": end}
    return {"id": flag.id, "status": CONFIRM, "evidence": [cited]}


def _flags(
    model: Model,
    used: list[Used],
    frameworks: dict[str, Any],
    headline: Framework,
    place: Callable[[list[Used]], Placed],
    description: Description | None = None,
) -> list[dict[str, Any]]:
    """The flags the answers raise, each with the answers it rests on, leaving out any that
    would contradict the headline (see agrees). An alarm tied to a stage shows only where the
    other answers place the pair too: feeling hurt does not, by itself, make the separation that
    came too soon ("a client was furious and I was upset"). An alarm (every flag but a move back,
    which is normal) that rests on answers read from the description alone is only "confirm":
    the visitor is asked first; one that rests on hedged readings alone, in a description that
    shows no stage, is not shown."""
    flags: list[dict[str, Any]] = []
    told = frameworks[headline.id]["stage"] is not None
    fitted = (
        verdicts(model.flag_wording, description)
        if model.flag_wording is not None and description is not None
        else {}
    )
    # a writer who says the trouble they tell is not the pair's is not asked about it
    disclaimed = description is not None and description.disclaims_the_pair
    for flag in model.flags:
        behind = [u for u in used if flag.id in u.option.flags]
        verdict = fitted.get(flag.id)
        if disclaimed and flag.id != MOVE_BACK_FLAG and all(u.source == "text" for u in behind):
            continue
        if not _rules_show(model, flag, behind, used, frameworks, headline, place, verdict,
                           description, told):
            # what the rules read does not carry the alarm (or they read none): the wording,
            # read as a whole, may still ask about it ("I'll 'be absolutely fine on my own
            # now' ... I am not fine" with only the hurt read, which alone places nobody)
            if description is not None and alarms_alone(verdict, description):
                assert verdict is not None
                alarm = fitted_alarm(model, flag, verdict, description)
                answered = {u.question for u in used if u.source == "given"}
                if agrees(model, flag, frameworks, headline) and not any(
                    cited["question"] in answered for cited in alarm["evidence"]
                ):
                    flags.append(alarm)  # (never against what the visitor answered themselves)
            continue
        given = any(u.source == "given" for u in behind)
        shown = {
            "status": RAISED if given or flag.id == MOVE_BACK_FLAG else CONFIRM,
            "evidence": [_cited(u) for u in behind],
        }
        flags.append({"id": flag.id, **shown})
        if flag.id != MOVE_BACK_FLAG:
            continue
        for framework in model.frameworks:
            stage = frameworks[framework.id]["stage"]
            move = next((m for m in framework.moves_back if m.to_stage == stage), None)
            if move is not None:
                flags.append(
                    {
                        "id": MOVE_BACK_FLAG,
                        "framework": framework.id,
                        "from": move.from_stage,
                        "to": move.to_stage,
                        **shown,
                    }
                )
    return flags
