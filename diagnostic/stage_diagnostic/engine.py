"""The diagnosis: answers and a description in, each framework's likely stage and what to do out.

Everything a visitor reads (stage names, reasons, next steps, flags) comes from the model; this
module only weighs evidence on the common timeline and reads each framework's stages off it.
"""

from __future__ import annotations

from typing import Any

from . import findings as find
from .findings import Finding
from .model import MOVE_BACK_FLAG, Framework, Model, MoveBack
from .timeline import Timeline, duration_window

MAX_TEXT_LENGTH = 10_000
DECIMALS = 4
# The two likeliest stages closer than this are reported as "between X and Y".
SPLIT_MARGIN = 0.15
# Top probability from which the engine calls itself "sure" / "fairly sure".
SURE = 0.7
FAIRLY_SURE = 0.5


class InputError(ValueError):
    """The answers or the text cannot be used; the message says what to fix."""


def diagnose(
    model: Model, answers: dict[str, str] | None = None, text: str | None = None
) -> dict[str, Any]:
    """Each framework's likely stage, with reasons, next steps and health flags."""
    _check(model, answers, text)
    found = find.from_answers(model, answers or {})
    if text is not None and text.strip():
        found += find.from_text(model, text)
    timeline = Timeline()
    for finding in found:
        for evidence in finding.evidence:
            timeline.weigh(evidence)
        if finding.position is not None:
            timeline.weigh_duration(finding.position)

    frameworks = {
        framework.id: _framework_result(framework, timeline) for framework in model.frameworks
    }
    flags = _flags(model, found, frameworks)
    return {
        "frameworks": frameworks,
        "timeline": _rounded_to_one(timeline.bins),
        "position": {
            "mean": round(timeline.mean(), 1),
            "low": round(timeline.quantile(0.1), 1),
            "high": round(timeline.quantile(0.9), 1),
        },
        "reasons": _reasons(found),
        "next_steps": {
            framework.id: _next_steps(framework, frameworks[framework.id]["stage"])
            for framework in model.frameworks
        },
        "flags": flags,
        "health": "attention" if any(flag["kind"] == "health" for flag in flags) else "ok",
    }


def _check(model: Model, answers: dict[str, str] | None, text: str | None) -> None:
    if not isinstance(model, Model):
        raise InputError("the model should come from stage_diagnostic.load_model()")
    if answers is not None and not isinstance(answers, dict):
        raise InputError("answers should be a mapping of question id to option id")
    if text is not None and not isinstance(text, str):
        raise InputError("the description should be text")
    if text is not None and len(text) > MAX_TEXT_LENGTH:
        raise InputError(
            f"the description is {len(text)} characters long; keep it under {MAX_TEXT_LENGTH}"
        )
    if text is not None and not text.strip() and not answers:
        raise InputError("the description is empty; write a few sentences about the relationship")
    for question_id, option_id in (answers or {}).items():
        question = model.question(question_id) if isinstance(question_id, str) else None
        if question is None:
            known = ", ".join(q.id for q in model.questions)
            raise InputError(f"unknown question {question_id!r}; the questions are: {known}")
        if not isinstance(option_id, str):
            raise InputError(f"the answer to '{question_id}' should be an option id (text)")
        if question.option(option_id) is None:
            known = ", ".join(option.id for option in question.options)
            raise InputError(
                f"question '{question_id}' has no option '{option_id}'; choose one of: {known}"
            )


def _framework_result(framework: Framework, timeline: Timeline) -> dict[str, Any]:
    probabilities = dict(
        zip(
            [stage.id for stage in framework.stages],
            _rounded_to_one([timeline.mass(stage.start, stage.end) for stage in framework.stages]),
            strict=True,
        )
    )
    order = list(probabilities)
    # Likeliest first; a tie goes to the earlier stage so the result never depends on chance.
    ranked = sorted(order, key=lambda stage_id: (-probabilities[stage_id], order.index(stage_id)))
    top = ranked[0]
    confidence = probabilities[top]
    split = len(ranked) > 1 and confidence - probabilities[ranked[1]] < SPLIT_MARGIN
    between = sorted(ranked[:2], key=order.index) if split else None
    if between:
        label = "between {} and {}".format(*(framework.stage(s).name for s in between))
    elif confidence >= SURE:
        label = "sure"
    elif confidence >= FAIRLY_SURE:
        label = "fairly sure"
    else:
        label = "unsure"
    return {
        "name": framework.name,
        "stage": top,
        "stage_name": framework.stage(top).name,
        "probabilities": probabilities,
        "confidence": confidence,
        "confidence_label": label,
        "between": between,
    }


def _rounded_to_one(probabilities: list[float]) -> list[float]:
    """Round to DECIMALS places in whole units, then give the largest whatever makes the units add
    up exactly, so the probabilities always sum to 1."""
    scale = 10**DECIMALS
    units = [round(p * scale) for p in probabilities]
    largest = probabilities.index(max(probabilities))
    units[largest] += scale - sum(units)
    return [unit / scale for unit in units]


def _reasons(found: list[Finding]) -> list[dict[str, Any]]:
    """One reason per answer or stretch of words: signals that read the same words are merged into
    the first one's reason, pointing everywhere they point."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for finding in found:
        reason = _reason(finding)
        first = merged.setdefault((finding.kind, finding.source), reason)
        if first is not reason:
            first["points_to"] += [
                span for span in reason["points_to"] if span not in first["points_to"]
            ]
    return list(merged.values())


def _reason(finding: Finding) -> dict[str, Any]:
    spans = [(evidence.start, evidence.end) for evidence in finding.evidence]
    if finding.position is not None:
        spans.append(duration_window(finding.position))
    return {
        "kind": finding.kind,
        "source": finding.source,
        "text": finding.reason,
        "points_to": [[_plain(start), _plain(end)] for start, end in spans],
    }


def _plain(number: float) -> float | int:
    return int(number) if float(number).is_integer() else round(number, 1)


def _next_steps(framework: Framework, stage_id: str) -> dict[str, list[str]]:
    stage = framework.stage(stage_id)
    return {
        "mentor": list(stage.mentor_does),
        "mentee": list(stage.mentee_does),
        "listening_prompts": list(stage.listening_prompts),
    }


def _flags(model: Model, found: list[Finding], frameworks: dict[str, Any]) -> list[dict[str, Any]]:
    raised = {flag_id for finding in found for flag_id in finding.flags}
    flags = [
        {
            "id": flag.id,
            "kind": "health",
            "title": flag.title,
            "advice": flag.advice,
            "framework": flag.framework,
        }
        for flag in model.flags
        if flag.id in raised and flag.id != MOVE_BACK_FLAG
    ]
    if MOVE_BACK_FLAG in raised:
        general = model.flag(MOVE_BACK_FLAG)
        flags.append(
            {
                "id": general.id,
                "kind": "move-back",
                "title": general.title,
                "advice": general.advice,
                "framework": None,
            }
        )
        for framework in model.frameworks:
            move = _move_back_for(framework, frameworks[framework.id]["stage"])
            if move is not None:
                flags.append(
                    {
                        "id": f"{MOVE_BACK_FLAG}:{framework.id}",
                        "kind": "move-back",
                        "title": f"{framework.stage(move.from_stage).name} \u2192 "
                        f"{framework.stage(move.to_stage).name}",
                        "advice": move.text,
                        "framework": framework.id,
                    }
                )
    return flags


def _move_back_for(framework: Framework, stage_id: str) -> MoveBack | None:
    """The framework's own account of the move back: the one that arrives at the stage the pair now
    seems to be in, else one that leaves it."""
    arriving = [move for move in framework.moves_back if move.to_stage == stage_id]
    leaving = [move for move in framework.moves_back if move.from_stage == stage_id]
    return (arriving + leaving)[0] if arriving or leaving else None
