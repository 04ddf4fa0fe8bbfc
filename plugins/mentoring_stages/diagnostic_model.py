"""Compile the content into the JSON model that the `stage_diagnostic` engine reads.

The engine runs without PyYAML (in Pyodide too), so the build does the YAML work once: stage
references become spans on the common timeline, and each stage's description cues become signals.
The format is documented in `stage_diagnostic.model`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .content.model import Content, Framework, Pointer, Stage

MODEL_FORMAT = 1


def compile_model(content: Content, show: Sequence[str] | None = None) -> dict[str, Any]:
    """The engine's model. `show` limits the frameworks it reports on; every framework's stages
    still resolve the evidence that points at them."""
    if content.diagnostic is None:
        raise ValueError("the content has no diagnostic.yaml to compile")
    diagnostic = content.diagnostic
    stages = {
        f"{framework.id}/{stage.id}": stage
        for framework in content.frameworks
        for stage in framework.stages
    }

    def evidence(pointers: tuple[Pointer, ...]) -> list[dict[str, Any]]:
        return [
            {"span": list(stages[f"{p.framework}/{p.stage}"].span), "weight": p.weight}
            for p in pointers
        ]

    return {
        "format": MODEL_FORMAT,
        "duration_scale": [[months, position] for months, position in diagnostic.duration_scale],
        "frameworks": [
            _framework(framework)
            for framework in content.frameworks
            if show is None or framework.id in show
        ],
        "questions": [
            {
                "id": question.id,
                "text": question.text,
                "help": question.help,
                "options": [
                    {
                        "id": option.id,
                        "label": option.label,
                        "evidence": evidence(option.points_to),
                        "months": option.months,
                        "flags": list(option.flags),
                        "reason": option.reason,
                    }
                    for option in question.options
                ],
            }
            for question in diagnostic.questions
        ],
        "signals": [
            {
                "id": signal.id,
                "phrases": list(signal.phrases),
                "evidence": evidence(signal.points_to),
                "negated_evidence": evidence(signal.negated_points_to),
                "flags": list(signal.flags),
                "reason": signal.reason,
            }
            for signal in diagnostic.signals
        ]
        + [
            _cue_signal(framework, stage)
            for framework in content.frameworks
            for stage in framework.stages
            if stage.cues
        ],
        "flags": [
            {"id": flag.id, "title": flag.title, "advice": flag.advice, "framework": flag.framework}
            for flag in diagnostic.flags
        ],
    }


def _framework(framework: Framework) -> dict[str, Any]:
    return {
        "id": framework.id,
        "name": framework.name,
        "stages": [
            {
                "id": stage.id,
                "name": stage.name,
                "span": list(stage.span),
                "mentor_does": [item.text for item in stage.mentor_does],
                "mentee_does": [item.text for item in stage.mentee_does],
                "listening_prompts": [item.text for item in stage.listening_prompts],
            }
            for stage in framework.stages
        ],
        "moves_back": [
            {"from": move.from_stage, "to": move.to_stage, "text": move.text.text}
            for move in framework.moves_back
        ],
    }


def _cue_signal(framework: Framework, stage: Stage) -> dict[str, Any]:
    return {
        "id": f"cue:{framework.id}/{stage.id}",
        "phrases": list(stage.cues),
        "evidence": [{"span": list(stage.span), "weight": 1.0}],
        "negated_evidence": [],
        "flags": [],
        "reason": f"This is typical of {stage.name} in {framework.name}.",
    }


def model_json(content: Content, show: Sequence[str] | None = None) -> str:
    """The model as the site ships it: stable key order, so identical content gives identical
    bytes."""
    return (
        json.dumps(compile_model(content, show), ensure_ascii=False, sort_keys=True, indent=1)
        + "\n"
    )
