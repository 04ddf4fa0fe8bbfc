"""The compiled diagnostic model: its JSON format, and loading it into checked, immutable objects.

The site's build (`mentoring_stages.diagnostic_model.compile_model`) turns the YAML under
`frameworks/` into this JSON; the engine reads nothing else, so every stage name, question and piece
of advice comes from here and a framework an organisation adds is diagnosed without code changes.

Format 1, field by field (unknown fields are ignored, so the build may add more)::

    {
      "format": 1,
      "duration_scale": [[months, position], ...],
          # months together -> position on the common timeline 0..100, piecewise linear;
          # at least two points, months strictly increasing, positions within 0..100
      "frameworks": [{
          "id": "kram", "name": "Kram's four phases",
          "stages": [{
              "id": "initiation", "name": "Initiation",
              "span": [0, 20],            # the stages' spans cover 0..100 in order, no gaps
              "mentor_does": ["..."],     # next steps for the mentor (strings)
              "mentee_does": ["..."],     # next steps for the mentee
              "listening_prompts": ["..."]
          }],
          "moves_back": [{"from": "cultivation", "to": "initiation", "text": "..."}]
      }],
      "questions": [{
          "id": "goals", "text": "...", "help": "..." or null,
          "options": [{
              "id": "not-yet", "label": "Not yet",
              "evidence": [{"span": [0, 10], "weight": 2}],  # weight > 0: how strongly
              "months": 12 or null,       # duration evidence through duration_scale
              "flags": ["stalled"],       # ids from "flags"
              "reason": "..."             # shown as why the result is what it is
          }]
      }],
      "signals": [{                       # description mode
          "id": "goals-agreed",
          "phrases": ["agreed goals"],
          "evidence": [...],              # as for options
          "negated_evidence": [...],      # used instead when the phrase is negated
          "flags": [], "reason": "..."
      }],
      "flags": [{"id": "stalled", "title": "...", "advice": "...", "framework": "kram" or null}]
    }

One flag id has a meaning to the engine: `move-back` (see `MOVE_BACK_FLAG`). When an answer or a
phrase raises it, the engine also reports each framework's own `moves_back` entry for the stage the
pair seems to be in.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from typing import Any

from .text import phrase_stems

MODEL_FORMAT = 1
TIMELINE_START = 0.0
TIMELINE_END = 100.0
MOVE_BACK_FLAG = "move-back"


class ModelError(ValueError):
    """The model is malformed; the message names the field, e.g. `frameworks[1].stages[0].span`."""


@dataclass(frozen=True)
class Evidence:
    """A hint that the relationship sits somewhere in `span`, as strong as `weight`."""

    start: float
    end: float
    weight: float


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    start: float
    end: float
    mentor_does: tuple[str, ...]
    mentee_does: tuple[str, ...]
    listening_prompts: tuple[str, ...]


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


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    evidence: tuple[Evidence, ...]
    months: float | None
    flags: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    help: str | None
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option | None:
        return next((option for option in self.options if option.id == option_id), None)


@dataclass(frozen=True)
class Signal:
    id: str
    phrases: tuple[str, ...]
    patterns: tuple[tuple[str, ...], ...]  # each phrase as the stems of its words
    evidence: tuple[Evidence, ...]
    negated_evidence: tuple[Evidence, ...]
    flags: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Flag:
    id: str
    title: str
    advice: str
    framework: str | None


@dataclass(frozen=True)
class Model:
    duration_scale: tuple[tuple[float, float], ...]
    frameworks: tuple[Framework, ...]
    questions: tuple[Question, ...]
    signals: tuple[Signal, ...]
    flags: tuple[Flag, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def flag(self, flag_id: str) -> Flag:
        return next(flag for flag in self.flags if flag.id == flag_id)


def load_model(data: dict[str, Any] | str) -> Model:
    """Check a compiled model (a dict, or its JSON text) and return it as a `Model`."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except (ValueError, RecursionError) as error:
            raise ModelError(f"the model is not valid JSON: {error}") from None
    root = _Field(data, "model")
    mapping = root.mapping()
    if mapping.get("format") != MODEL_FORMAT:
        raise ModelError(f"model.format: expected {MODEL_FORMAT}, got {mapping.get('format')!r}")
    flags = tuple(_flag(field) for field in root.key("flags").items())
    _unique(root.key("flags"), [flag.id for flag in flags])
    flag_ids = {flag.id for flag in flags}
    frameworks = tuple(_framework(field) for field in root.key("frameworks").items(minimum=1))
    _unique(root.key("frameworks"), [framework.id for framework in frameworks])
    framework_ids = {framework.id for framework in frameworks}
    for index, flag in enumerate(flags):
        if flag.framework is not None and flag.framework not in framework_ids:
            raise ModelError(f"model.flags[{index}].framework: no framework '{flag.framework}'")
    questions = tuple(_question(field, flag_ids) for field in root.key("questions").items())
    _unique(root.key("questions"), [question.id for question in questions])
    signals = tuple(_signal(field, flag_ids) for field in root.key("signals").items())
    return Model(
        duration_scale=_duration_scale(root.key("duration_scale")),
        frameworks=frameworks,
        questions=questions,
        signals=signals,
        flags=flags,
    )


class _Field:
    """A value inside the model together with its path, so every error says where it is."""

    def __init__(self, value: Any, path: str) -> None:
        self.value = value
        self.path = path

    def fail(self, problem: str) -> ModelError:
        return ModelError(f"{self.path}: {problem}")

    def mapping(self) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            raise self.fail("should be an object")
        return self.value

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
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self.fail("should be a number")
        return float(value)

    def texts(self, minimum: int = 0) -> tuple[str, ...]:
        # The build may keep list items as {"text": ..., "source": ...}; only the text matters here.
        return tuple(
            item.key("text").text() if isinstance(item.value, dict) else item.text()
            for item in self.items(minimum)
        )

    def span(self) -> tuple[float, float]:
        items = self.items(minimum=2)
        start, end = (item.number() for item in items[:2])
        if len(items) != 2 or not TIMELINE_START <= start < end <= TIMELINE_END:
            raise self.fail(
                f"should be [start, end] with {TIMELINE_START:g} <= start < end <= {TIMELINE_END:g}"
            )
        return start, end


def _unique(field: _Field, ids: list[str]) -> None:
    duplicates = sorted({item for item in ids if ids.count(item) > 1})
    if duplicates:
        raise field.fail(f"ids must be unique; repeated: {', '.join(duplicates)}")


def _duration_scale(field: _Field) -> tuple[tuple[float, float], ...]:
    points = tuple(_pair(point) for point in field.items(minimum=2))
    increasing = all(a[0] < b[0] for a, b in itertools.pairwise(points))
    inside = all(TIMELINE_START <= position <= TIMELINE_END for _, position in points)
    if not (increasing and inside):
        raise field.fail("months must increase and positions lie within 0..100")
    return points


def _pair(field: _Field) -> tuple[float, float]:
    items = field.items(minimum=2)
    if len(items) != 2:
        raise field.fail("should be [months, position]")
    return items[0].number(), items[1].number()


def _framework(field: _Field) -> Framework:
    stages = tuple(_stage(item) for item in field.key("stages").items(minimum=1))
    _unique(field.key("stages"), [stage.id for stage in stages])
    expected_start = TIMELINE_START
    for stage in stages:
        if stage.start != expected_start:
            raise field.key("stages").fail(
                f"stage '{stage.id}' starts at {stage.start:g}, expected {expected_start:g}: "
                "spans must cover 0..100 in order without gaps or overlaps"
            )
        expected_start = stage.end
    if expected_start != TIMELINE_END:
        raise field.key("stages").fail(f"the last stage ends at {expected_start:g}, not 100")
    stage_ids = {stage.id for stage in stages}
    moves_back = tuple(_move_back(item, stage_ids) for item in field.key("moves_back", []).items())
    return Framework(field.key("id").text(), field.key("name").text(), stages, moves_back)


def _stage(field: _Field) -> Stage:
    start, end = field.key("span").span()
    return Stage(
        id=field.key("id").text(),
        name=field.key("name").text(),
        start=start,
        end=end,
        mentor_does=field.key("mentor_does", []).texts(),
        mentee_does=field.key("mentee_does", []).texts(),
        listening_prompts=field.key("listening_prompts", []).texts(),
    )


def _move_back(field: _Field, stage_ids: set[str]) -> MoveBack:
    move = MoveBack(field.key("from").text(), field.key("to").text(), field.key("text").text())
    for end in (move.from_stage, move.to_stage):
        if end not in stage_ids:
            raise field.fail(f"no stage '{end}' in this framework")
    return move


def _evidence(field: _Field) -> tuple[Evidence, ...]:
    evidence = []
    for item in field.items():
        start, end = item.key("span").span()
        weight = item.key("weight").number()
        if weight <= 0:
            raise item.key("weight").fail("should be greater than 0")
        evidence.append(Evidence(start, end, weight))
    return tuple(evidence)


def _flag_refs(field: _Field, flag_ids: set[str]) -> tuple[str, ...]:
    refs = tuple(item.text() for item in field.items())
    unknown = [ref for ref in refs if ref not in flag_ids]
    if unknown:
        raise field.fail(f"unknown flag '{unknown[0]}'; define it under 'flags'")
    return refs


def _question(field: _Field, flag_ids: set[str]) -> Question:
    options = tuple(_option(item, flag_ids) for item in field.key("options").items(minimum=1))
    _unique(field.key("options"), [option.id for option in options])
    return Question(
        id=field.key("id").text(),
        text=field.key("text").text(),
        help=field.key("help", None).optional_text(),
        options=options,
    )


def _option(field: _Field, flag_ids: set[str]) -> Option:
    months_field = field.key("months", None)
    months = None if months_field.value is None else months_field.number()
    if months is not None and months < 0:
        raise months_field.fail("should not be negative")
    return Option(
        id=field.key("id").text(),
        label=field.key("label").text(),
        evidence=_evidence(field.key("evidence", [])),
        months=months,
        flags=_flag_refs(field.key("flags", []), flag_ids),
        reason=field.key("reason").text(),
    )


def _signal(field: _Field, flag_ids: set[str]) -> Signal:
    phrases = field.key("phrases").texts(minimum=1)
    patterns = tuple(phrase_stems(phrase) for phrase in phrases)
    if not all(patterns):
        raise field.key("phrases").fail("every phrase needs at least one word")
    return Signal(
        id=field.key("id").text(),
        phrases=phrases,
        patterns=patterns,
        evidence=_evidence(field.key("evidence", [])),
        negated_evidence=_evidence(field.key("negated_evidence", [])),
        flags=_flag_refs(field.key("flags", []), flag_ids),
        reason=field.key("reason").text(),
    )


def _flag(field: _Field) -> Flag:
    return Flag(
        id=field.key("id").text(),
        title=field.key("title").text(),
        advice=field.key("advice").text(),
        framework=field.key("framework", None).optional_text(),
    )
