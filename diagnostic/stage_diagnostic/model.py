"""The compiled diagnostic model: its JSON format (written and read here), and checked objects.

The engine owns this format: `build_model` writes it (the site's build only maps its content onto
the arguments) and `load_model` reads it back, so the format number, the timeline's bounds and the
description length limit are defined once (in `bounds`) and travel with the model. The model is
also what the page and the terminal read to phrase a result: every stage name, question, reason,
next step and flag text a reader sees is in it, with the sentences around them in the site's
language (`words`), and nothing of the sort is in the engine's code.

Format 3, field by field (unknown fields are refused, so a misspelt one never disappears); the JSON
Schema `diagnostic/schema/model.schema.json` says the same for other programs::

    {
      "format": 3,
      "max_text_length": 4000,          # the longest description accepted, in characters
      "duration_scale": [[months, position], ...],
          # months together -> position on the common timeline 0..100, piecewise linear;
          # at least two points, months strictly increasing, positions within 0..100
      "words": {"level_none": "Not enough to tell yet", ...},
          # the sentences a result is phrased in, `{name}` to be filled (see words.py); the plugin's
          # language files (`result` and `terminal`) name them all
      "sources": [{"id": "icas-stages", "number": 3, "citation": "...", "url": "..." or null}],
          # every source the model cites, with its number in the site's bibliography
      "frameworks": [{
          "id": "kram", "name": "Kram's four phases",
          "stages": [{
              "id": "initiation", "name": "Initiation",
              "span": [0, 20],            # the stages' spans cover 0..100 in order, no gaps
              "months": {"from": 0, "to": 12, "source": "icas-stages"} or null,
                  # months since the first meeting during which the framework's source places
                  # this stage ("to": null is open-ended); where given, they (not the common
                  # timeline) decide what time together says about this framework
              "next_steps": [{            # what to do next, in the order shown
                  "id": "mentor-1",       # unique within the stage; results name it
                  "for": "mentor" | "mentee" | "ask",   # "ask": a question to ask
                  "text": "...", "sources": ["icas-stages"],   # sources may be []
                  "own": false            # true: the site's own suggestion (no source says it)
              }]
          }],
          "moves_back": [{"from": "cultivation", "to": "initiation", "text": "...",
                          "sources": ["icas-stages"]}]
      }],
      "questions": [{
          "id": "goals", "text": "...", "help": "..." or null,
          "options": [{
              "id": "not-yet", "label": "Not yet",
              "reason": "...",            # what this answer says about the relationship
              "evidence": [{"span": [0, 10], "weight": 2}],  # where it points; weight > 0
              "months": [6, 12] or null,  # time together: [from, to) months (to null: open-
                                          # ended; from == to: exactly that many months)
              "flags": ["stalled"],       # ids from "flags"
              "phrases": ["..."]          # words in a description that give this answer;
                                          # a phrase starting "not" is the denied form; "{class}"
                                          # any word of a word class, "..." any gap in a clause
                                          # (see text.WORD_CLASSES)
          }]
      }],
      "flags": [{
          "id": "stalled", "title": "...", "advice": "...", "sources": ["programme-handbook"],
          "stage": "kram/separation" or null
              # the stage the flag speaks of: it is reported only when that framework's result
              # is that stage or a later one (move-back: that stage only), so a flag never
              # contradicts the headline
      }]
    }

One flag id has a meaning to the engine: `move-back` (see `MOVE_BACK_FLAG`). When an answer raises
it, the engine also reports each framework's own `moves_back` entry that arrives at the stage the
pair is now in.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .bounds import (
    MAX_TEXT_LENGTH,
    MODEL_FORMAT,
    TIMELINE_END,
    TIMELINE_START,
    cover_breaks,
    on_timeline,
)
from .flag_wording import (
    FLAG_FEATURES_VERSION,
    FLAG_WORDING_FORMAT,
    FlagWording,
    flag_wording_from,
)
from .text import GAP_SLOT, Slot, phrase_stems, unknown_classes
from .timeline import Bins, likelihoods, stage_prior
from .wording import FEATURES_VERSION, WORDING_FORMAT, Wording, WordingClass, wording_from

MOVE_BACK_FLAG = "move-back"
LEVELS = ("none", "low", "medium", "high")
NEXT_STEP_KINDS = ("mentor", "mentee", "ask")


class ModelError(ValueError):
    """The model is malformed; `path` names the field, e.g. `frameworks[1].stages[0].span`."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class Evidence:
    """A hint that the relationship sits somewhere in `span`, as strong as `weight`."""

    start: float
    end: float
    weight: float


@dataclass(frozen=True)
class Months:
    """A stretch of months since the first meeting; `end` None is open-ended."""

    start: float
    end: float | None

    @property
    def middle(self) -> float:
        """A typical value: the middle, or for an open end forty per cent past the start."""
        return (self.start + self.end) / 2 if self.end is not None else self.start * 1.4

    def contains(self, months: float) -> bool:
        return self.start <= months and (
            self.end is None or months < self.end or months == self.start
        )

    def overlap(self, other: Months) -> float:
        """How much of `other` lies inside this stretch, from 0 to 1 (open ends count as ten
        years, the longest the sources speak of)."""
        own_end = self.end if self.end is not None else math.inf
        other_end = other.end if other.end is not None else other.start + 120.0
        if other_end == other.start:
            return 1.0 if self.contains(other.start) else 0.0
        inside = max(0.0, min(own_end, other_end) - max(self.start, other.start))
        return inside / (other_end - other.start)


@dataclass(frozen=True)
class NextStep:
    id: str
    kind: str
    text: str


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    start: float
    end: float
    months: Months | None
    next_steps: tuple[NextStep, ...]


@dataclass(frozen=True)
class MoveBack:
    from_stage: str
    to_stage: str
    text: str


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    stages: tuple[Stage, ...]
    moves_back: tuple[MoveBack, ...]

    def stage(self, stage_id: str) -> Stage:
        return next(stage for stage in self.stages if stage.id == stage_id)

    def index(self, stage_id: str) -> int:
        return [stage.id for stage in self.stages].index(stage_id)

    @property
    def has_months(self) -> bool:
        return any(stage.months is not None for stage in self.stages)


@dataclass(frozen=True)
class Phrase:
    text: str  # as the model writes it, perhaps with word classes ("{mentor} never {reply}")
    stems: tuple[Slot, ...]
    denied: bool  # written as "not ...": it gives the answer when the words are denied


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    reason: str
    evidence: tuple[Evidence, ...]
    months: Months | None
    flags: tuple[str, ...]
    phrases: tuple[Phrase, ...]


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    help: str | None
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option | None:
        return next((option for option in self.options if option.id == option_id), None)


@dataclass(frozen=True)
class Flag:
    id: str
    title: str
    advice: str
    sources: tuple[str, ...]
    framework: str | None
    stage: str | None


@dataclass(frozen=True, eq=False)
class Model:
    duration_scale: tuple[tuple[float, float], ...]
    max_text_length: int
    frameworks: tuple[Framework, ...]
    questions: tuple[Question, ...]
    flags: tuple[Flag, ...]
    words: dict[str, str]  # the sentences a result is phrased in (see words.py)
    sources: dict[str, int]  # source id -> its number in the bibliography
    # every stage's start and end, for reading stage probabilities off running sums
    stage_edges: frozenset[float]
    stage_spans: tuple[tuple[float, float], ...]
    # a phrase's first stem -> (question id, option, phrase): a description is looked up only for
    # the phrases whose first word it contains
    phrase_index: dict[str, list[tuple[str, Option, Phrase]]]
    # where the pair is before any answer: every framework's stages equally likely, averaged
    prior: Bins
    # question id -> option id -> how likely a pair in each timeline bin is to give that answer
    likelihoods: dict[str, dict[str, Bins]]
    wording: Wording | None = None
    flag_wording: FlagWording | None = None

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def flag(self, flag_id: str) -> Flag:
        return next(flag for flag in self.flags if flag.id == flag_id)

    @property
    def time_question(self) -> Question | None:
        """The question whose options measure time together (the one with months)."""
        return next(
            (q for q in self.questions if any(o.months is not None for o in q.options)), None
        )


# -- writing ---------------------------------------------------------------------------------------


def build_model(
    *,
    duration_scale: Sequence[Sequence[float]],
    words: dict[str, str],
    sources: Sequence[dict[str, Any]],
    frameworks: Sequence[dict[str, Any]],
    questions: Sequence[dict[str, Any]],
    flags: Sequence[dict[str, Any]],
    wording: dict[str, Any] | None = None,
    flag_wording: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], Model]:
    """The model document in format 3 from its parts (each part as the format above describes
    it), with the engine's reading of it. Raises ModelError if the engine could not use it, so
    nothing unusable is ever written."""
    document: dict[str, Any] = {
        "format": MODEL_FORMAT,
        "max_text_length": MAX_TEXT_LENGTH,
        "duration_scale": [list(point) for point in duration_scale],
        "words": dict(words),
        "sources": list(sources),
        "frameworks": list(frameworks),
        "questions": list(questions),
        "flags": list(flags),
    }
    if wording is not None:
        document["wording"] = wording
    if flag_wording is not None:
        document["flag_wording"] = flag_wording
    return document, load_model(document)


def model_text(document: dict[str, Any]) -> str:
    """The model as the site ships it: stable key order, so identical content gives identical
    bytes, and no indentation (it would nearly double the bytes of the wording's counts)."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


# -- reading ---------------------------------------------------------------------------------------


def load_model(data: dict[str, Any] | str) -> Model:
    """Check a compiled model (a dict, or its JSON text) and return it as a `Model`."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except (ValueError, RecursionError) as error:
            raise ModelError("model", f"not valid JSON: {error}") from None
    root = _Field(data, "model")
    root.only(
        "format", "max_text_length", "duration_scale", "words", "sources", "frameworks",
        "questions", "flags", "wording", "flag_wording",
    )
    if root.mapping().get("format") != MODEL_FORMAT:
        raise root.key("format", None).fail(
            f"expected {MODEL_FORMAT}, got {root.mapping().get('format')!r}"
        )
    max_length = root.key("max_text_length")
    if max_length.value != MAX_TEXT_LENGTH:
        raise max_length.fail(f"should be {MAX_TEXT_LENGTH}, the engine's limit")
    words_field = root.key("words")
    words = {str(key): words_field.key(key).text() for key in words_field.mapping()}
    sources = dict(_source(item) for item in root.key("sources").items())
    source_ids = set(sources)
    frameworks = tuple(_framework(item, source_ids) for item in root.key("frameworks").items(1))
    _unique(root.key("frameworks"), [framework.id for framework in frameworks])
    stage_refs = {f"{fw.id}/{stage.id}": fw.id for fw in frameworks for stage in fw.stages}
    flags = tuple(_flag(item, source_ids, stage_refs) for item in root.key("flags").items())
    _unique(root.key("flags"), [flag.id for flag in flags])
    flag_ids = {flag.id for flag in flags}
    questions = tuple(_question(item, flag_ids) for item in root.key("questions").items(1))
    _unique(root.key("questions"), [question.id for question in questions])
    timed = [q.id for q in questions if any(option.months for option in q.options)]
    if len(timed) > 1:
        raise root.key("questions").fail(
            f"only one question may give months; {', '.join(timed)} do"
        )
    scale = _duration_scale(root.key("duration_scale"))
    return Model(
        duration_scale=scale,
        max_text_length=MAX_TEXT_LENGTH,
        frameworks=frameworks,
        questions=questions,
        flags=flags,
        words=words,
        sources=sources,
        stage_edges=frozenset(
            edge for f in frameworks for stage in f.stages for edge in (stage.start, stage.end)
        ),
        stage_spans=tuple((stage.start, stage.end) for f in frameworks for stage in f.stages),
        phrase_index=_phrase_index(questions),
        prior=stage_prior([[(stage.start, stage.end) for stage in f.stages] for f in frameworks]),
        likelihoods={question.id: likelihoods(question, scale) for question in questions},
        wording=_wording(root.key("wording", None)),
        flag_wording=_flag_wording(root.key("flag_wording", None), flag_ids),
    )


def _fitted_by_this_version(field: _Field, form: int, features: int, module: str) -> None:
    """A fitted reading's document says it was fitted by this engine's version, so a site's own
    file says "refit me" after an engine upgrade instead of quietly matching nothing."""
    for name, expected in (("format", form), ("features_version", features)):
        found = field.key(name).value
        if found != expected:
            raise field.key(name).fail(
                f"is {found!r}, but this engine reads {expected}: the {module.replace('_', ' ')} "
                "was fitted by another version of the diagnostic; refit it "
                f"(scripts/fit_wording.py, or `fit` in stage_diagnostic.{module}) with the "
                "version you run"
            )


def _wording(field: _Field) -> Wording | None:
    if field.value is None:
        return None
    field.only("format", "features_version", "classes", "features")
    _fitted_by_this_version(field, WORDING_FORMAT, FEATURES_VERSION, "wording")
    classes = []
    for item in field.key("classes").items(2):
        item.only("span", "documents")
        span = item.key("span", None)
        documents = item.key("documents").number()
        if documents < 1 or documents != int(documents):
            raise item.key("documents").fail("should be a whole number of at least 1")
        classes.append(WordingClass(None if span.value is None else span.span(), int(documents)))
    features = field.key("features")
    counts = {}
    for name, value in features.mapping().items():
        # Thousands of cells on every build: a list of whole numbers is taken as it is, and
        # anything else gets the field-by-field reading that says what is wrong where.
        if type(value) is list and len(value) == len(classes) and _whole_counts(value):
            counts[name] = tuple(value)
            continue
        cell = features.key(name)
        values = tuple(item.number() for item in cell.items(len(classes)))
        if len(values) != len(classes) or any(v < 0 or v != int(v) for v in values):
            raise cell.fail(f"should be {len(classes)} whole numbers, one per class")
        counts[name] = tuple(int(v) for v in values)
    return wording_from(classes, counts)


def _whole_counts(values: list[Any]) -> bool:
    return all(type(v) is int and v >= 0 for v in values)  # bool is an int, but not its type


def _flag_wording(field: _Field, flag_ids: set[str]) -> FlagWording | None:
    if field.value is None:
        return None
    field.only("format", "features_version", "flags")
    _fitted_by_this_version(field, FLAG_WORDING_FORMAT, FLAG_FEATURES_VERSION, "flag_wording")
    flags = field.key("flags")
    for flag_id in flags.mapping():
        entry = flags.key(flag_id)
        if flag_id not in flag_ids or flag_id == MOVE_BACK_FLAG:
            raise entry.fail("names no alarm flag of the model")
        entry.only("bias", "weights")
        entry.key("bias").number()
        weights = entry.key("weights")
        for name in weights.mapping():
            weights.key(name).number()
    return flag_wording_from(flags.mapping())


def _phrase_index(questions: tuple[Question, ...]) -> dict[str, list[tuple[str, Option, Phrase]]]:
    index: dict[str, list[tuple[str, Option, Phrase]]] = {}
    for question in questions:
        for option in question.options:
            for phrase in option.phrases:
                for stem in sorted({stems[0] for stems in phrase.stems[0]}):
                    index.setdefault(stem, []).append((question.id, option, phrase))
    return index


@functools.lru_cache(maxsize=8192)  # pure; a build asks it of each phrase of the content twice
def phrase_problem(phrase: str) -> str | None:
    """Why the engine cannot look for this phrase in a description, or None if it can. The content
    loader asks this of every phrase (and of the stages' cues, written in the same form), so an
    author learns of it with file and line."""
    unknown = unknown_classes(phrase)
    if unknown:
        return f"the phrase {phrase!r} names no word class {unknown[0]!r}"
    slots = phrase_stems(phrase)
    if slots[:1] == (NOT_SLOT,):
        slots = slots[1:]
    if not slots or GAP_SLOT in (slots[0], slots[-1]):
        return f"the phrase {phrase!r} has no words a description could match"
    return None


NOT_SLOT = phrase_stems("not")[0]


class _Field:
    """A value inside the model together with its path, so every error says where it is."""

    def __init__(self, value: Any, path: str) -> None:
        self.value = value
        self.path = path

    def fail(self, problem: str) -> ModelError:
        return ModelError(self.path, problem)

    def mapping(self) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            raise self.fail("should be an object")
        return self.value

    def only(self, *names: str) -> None:
        unknown = sorted(set(self.mapping()) - set(names))
        if unknown:
            raise self.fail(f"unknown field '{unknown[0]}'")

    def key(self, name: str, default: Any = ...) -> _Field:
        mapping = self.mapping()
        if name not in mapping:
            if default is ...:
                raise self.fail(f"missing '{name}'")
            return _Field(default, f"{self.path}.{name}")
        return _Field(mapping[name], f"{self.path}.{name}")

    def items(self, minimum: int = 0) -> list[_Field]:
        if not isinstance(self.value, list) or len(self.value) < minimum:
            raise self.fail(f"should be a list of at least {minimum} items")
        return [_Field(item, f"{self.path}[{index}]") for index, item in enumerate(self.value)]

    def text(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            raise self.fail("should be a non-empty string")
        return self.value

    def optional_text(self) -> str | None:
        return None if self.value is None else self.text()

    def number(self) -> float:
        value = self.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail("should be a number")
        if not math.isfinite(value):
            raise self.fail("should be a number")
        return float(value)

    def texts(self, minimum: int = 0) -> tuple[str, ...]:
        return tuple(item.text() for item in self.items(minimum))

    def refs(self, known: set[str], kind: str) -> tuple[str, ...]:
        refs = self.texts()
        unknown = [ref for ref in refs if ref not in known]
        if unknown:
            raise self.fail(f"unknown {kind} '{unknown[0]}'")
        return refs

    def span(self) -> tuple[float, float]:
        items = self.items(minimum=2)
        start, end = (item.number() for item in items[:2])
        if len(items) != 2 or not on_timeline(start, end):
            raise self.fail(
                f"should be [start, end] with {TIMELINE_START:g} <= start < end <= {TIMELINE_END:g}"
            )
        return start, end

    def months(self) -> Months:
        items = self.items(minimum=2)
        start = items[0].number()
        end = None if len(items) > 1 and items[1].value is None else items[1].number()
        if len(items) != 2 or start < 0 or (end is not None and end < start):
            raise self.fail("should be [from, to] months with 0 <= from <= to (to may be null)")
        return Months(start, end)


def _unique(field: _Field, ids: list[str]) -> None:
    duplicates = sorted({item for item in ids if ids.count(item) > 1})
    if duplicates:
        raise field.fail(f"ids must be unique; repeated: {', '.join(duplicates)}")


def _duration_scale(field: _Field) -> tuple[tuple[float, float], ...]:
    points = []
    for point in field.items(minimum=2):
        pair = point.items(minimum=2)
        if len(pair) != 2:
            raise point.fail("should be [months, position]")
        points.append((pair[0].number(), pair[1].number()))
    increasing = all(a[0] < b[0] for a, b in itertools.pairwise(points))
    inside = all(TIMELINE_START <= position <= TIMELINE_END for _, position in points)
    if not (increasing and inside):
        raise field.fail("months must increase and positions lie within 0..100")
    return tuple(points)


def _source(field: _Field) -> tuple[str, int]:
    field.only("id", "number", "citation", "url")
    field.key("citation").text()
    field.key("url", None).optional_text()
    return field.key("id").text(), int(field.key("number").number())


def _framework(field: _Field, source_ids: set[str]) -> Framework:
    field.only("id", "name", "stages", "moves_back")
    stages = tuple(_stage(item, source_ids) for item in field.key("stages").items(minimum=1))
    _unique(field.key("stages"), [stage.id for stage in stages])
    for broken in cover_breaks([(stage.start, stage.end) for stage in stages])[:1]:
        if broken.position == len(stages):
            raise field.key("stages").fail(
                f"the last stage ends at {broken.start:g}, not {broken.expected:g}")
        raise field.key("stages").fail(
            f"stage '{stages[broken.position].id}' starts at {broken.start:g}, expected "
            f"{broken.expected:g}: spans must cover the timeline in order without gaps or overlaps"
        )
    stage_ids = {stage.id for stage in stages}
    moves_back = tuple(
        _move_back(item, stage_ids, source_ids) for item in field.key("moves_back").items()
    )
    return Framework(field.key("id").text(), field.key("name").text(), stages, moves_back)


def _stage(field: _Field, source_ids: set[str]) -> Stage:
    field.only("id", "name", "span", "months", "next_steps")
    start, end = field.key("span").span()
    months_field = field.key("months", None)
    months = None
    if months_field.value is not None:
        months_field.only("from", "to", "source")
        months = _Field(
            [months_field.key("from").value, months_field.key("to", None).value],
            months_field.path,
        ).months()
        source = months_field.key("source")
        if source.text() not in source_ids:
            raise source.fail(f"unknown source '{source.value}'")
    steps = tuple(_next_step(item, source_ids) for item in field.key("next_steps").items())
    _unique(field.key("next_steps"), [step.id for step in steps])
    return Stage(
        id=field.key("id").text(),
        name=field.key("name").text(),
        start=start,
        end=end,
        months=months,
        next_steps=steps,
    )


def _next_step(field: _Field, source_ids: set[str]) -> NextStep:
    field.only("id", "for", "text", "sources", "own")
    kind = field.key("for").text()
    if kind not in NEXT_STEP_KINDS:
        raise field.key("for").fail(f"should be one of {', '.join(NEXT_STEP_KINDS)}")
    field.key("sources").refs(source_ids, "source")
    if not isinstance(field.key("own", False).value, bool):
        raise field.key("own").fail("should be true or false")
    return NextStep(field.key("id").text(), kind, field.key("text").text())


def _move_back(field: _Field, stage_ids: set[str], source_ids: set[str]) -> MoveBack:
    field.only("from", "to", "text", "sources")
    move = MoveBack(field.key("from").text(), field.key("to").text(), field.key("text").text())
    field.key("sources").refs(source_ids, "source")
    for end in (move.from_stage, move.to_stage):
        if end not in stage_ids:
            raise field.fail(f"no stage '{end}' in this framework")
    return move


def _evidence(field: _Field) -> tuple[Evidence, ...]:
    evidence = []
    for item in field.items():
        item.only("span", "weight")
        start, end = item.key("span").span()
        weight = item.key("weight").number()
        if weight <= 0:
            raise item.key("weight").fail("should be greater than 0")
        evidence.append(Evidence(start, end, weight))
    return tuple(evidence)


def _question(field: _Field, flag_ids: set[str]) -> Question:
    field.only("id", "text", "help", "options")
    options = tuple(_option(item, flag_ids) for item in field.key("options").items(minimum=1))
    _unique(field.key("options"), [option.id for option in options])
    return Question(
        id=field.key("id").text(),
        text=field.key("text").text(),
        help=field.key("help", None).optional_text(),
        options=options,
    )


def _option(field: _Field, flag_ids: set[str]) -> Option:
    field.only("id", "label", "reason", "evidence", "months", "flags", "phrases")
    months_field = field.key("months", None)
    phrases = []
    for index, item in enumerate(field.key("phrases").texts()):
        problem = phrase_problem(item)
        if problem:
            raise field.key("phrases").fail(f"[{index}] {problem}")
        stems = phrase_stems(item)
        denied = stems[0] == NOT_SLOT
        phrases.append(Phrase(item, stems[1:] if denied else stems, denied))
    return Option(
        id=field.key("id").text(),
        label=field.key("label").text(),
        reason=field.key("reason").text(),
        evidence=_evidence(field.key("evidence")),
        months=None if months_field.value is None else months_field.months(),
        flags=field.key("flags").refs(flag_ids, "flag"),
        phrases=tuple(phrases),
    )


def _flag(field: _Field, source_ids: set[str], stage_refs: dict[str, str]) -> Flag:
    field.only("id", "title", "advice", "sources", "stage")
    sources = field.key("sources").refs(source_ids, "source")
    stage = field.key("stage", None).optional_text()
    if stage is not None and stage not in stage_refs:
        raise field.key("stage").fail(f"no stage '{stage}'")
    return Flag(
        id=field.key("id").text(),
        title=field.key("title").text(),
        advice=field.key("advice").text(),
        sources=sources,
        framework=stage_refs[stage] if stage else None,
        stage=stage.partition("/")[2] if stage else None,
    )
