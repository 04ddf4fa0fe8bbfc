"""Map the content onto the diagnostic engine's model (`stage_diagnostic.model.build_model`).

The engine owns the format and checks every model it writes; this module only says which content
goes where: stage references become spans on the common timeline, each stage's lists become its
next steps, and the sources cited along the way travel with the model.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stage_diagnostic.model import Model, ModelError, build_model, model_text

from .content.model import Cited, Content, Framework, Pointer, Stage, StageMonths
from .language import Words, load_words

_FRAMEWORK_PATH = re.compile(r"^model\.frameworks\[(\d+)\]")
WORDING_FILE = "diagnostic-wording.json"
"""The fitted wording model (`scripts/fit_wording.py`), beside the diagnostic.yaml it belongs to."""
FLAG_WORDING_FILE = "diagnostic-flag-wording.json"
"""The fitted flag reading (`scripts/fit_wording.py`), beside the diagnostic.yaml it belongs to."""
WORDING_LABELS = "clutterbuck"
"""The framework whose stages label the example descriptions the wording is fitted to."""
WORDING_KINDS = ("descriptions", "flags", "nostage")
"""The kinds of corpus file whose tuning descriptions (`<kind>-tuning*.yaml`) it is fitted to."""


class ModelCompileError(ValueError):
    """The engine refuses the compiled model; the message names the content file."""


def compile_model(
    content: Content, show: Sequence[str] | None = None, words: Words | None = None
) -> dict[str, Any]:
    """The engine's model document (see `compile_and_read`)."""
    return compile_and_read(content, show, words)[0]


def compile_and_read(
    content: Content, show: Sequence[str] | None = None, words: Words | None = None
) -> tuple[dict[str, Any], Model]:
    """The engine's model, as a document and as the engine read it when it checked it. `show`
    limits the frameworks it reports on; every framework's stages still resolve the evidence that
    points at them. The result's sentences are `words` (the site's language; English unless
    given)."""
    if content.diagnostic is None:
        raise ValueError("the content has no diagnostic.yaml to compile")
    diagnostic = content.diagnostic
    spans = {
        f"{framework.id}/{stage.id}": stage.span
        for framework in content.frameworks
        for stage in framework.stages
    }
    shown = [f for f in content.frameworks if show is None or f.id in show]
    shown_ids = {f.id for f in shown}
    months = {f"{m.framework}/{m.stage}": m for m in diagnostic.stage_months}
    cited: set[str] = set()

    def evidence(pointers: tuple[Pointer, ...]) -> list[dict[str, Any]]:
        return [
            {"span": list(spans[f"{p.framework}/{p.stage}"]), "weight": p.weight}
            for p in pointers
        ]

    def sources(ids: Sequence[str]) -> list[str]:
        cited.update(ids)
        return list(ids)

    frameworks = [_framework(framework, months, sources) for framework in shown]
    flags = []
    for flag in diagnostic.flags:
        framework = flag.framework if flag.framework in shown_ids else None
        flags.append(
            {
                "id": flag.id,
                "title": flag.title,
                "advice": flag.advice,
                "sources": sources(flag.sources),
                "stage": f"{framework}/{flag.stage}" if framework and flag.stage else None,
            }
        )
    questions = [
        {
            "id": question.id,
            "text": question.text,
            "help": question.help,
            "options": [
                {
                    "id": option.id,
                    "label": option.label,
                    "reason": option.reason,
                    "evidence": evidence(option.points_to),
                    "months": None if option.months is None else list(option.months),
                    "flags": list(option.flags),
                    "phrases": list(option.phrases),
                }
                for option in question.options
            ],
        }
        for question in diagnostic.questions
    ]
    try:
        return build_model(
            duration_scale=diagnostic.duration_scale,
            words=(words or load_words()).for_model(),
            sources=[
                {
                    "id": source.id,
                    "number": source.number,
                    "citation": source.citation,
                    "url": source.url,
                }
                for source in content.sources.values()
                if source.id in cited
            ],
            frameworks=frameworks,
            questions=questions,
            flags=flags,
            wording=_fitted(diagnostic.path.with_name(WORDING_FILE)),
            flag_wording=_fitted(diagnostic.path.with_name(FLAG_WORDING_FILE)),
        )
    except ModelError as error:
        fitted = {"model.wording": WORDING_FILE, "model.flag_wording": FLAG_WORDING_FILE}
        where = next(
            (diagnostic.path.with_name(name) for field, name in fitted.items()
             if error.path == field or error.path.startswith((f"{field}.", f"{field}["))),
            _file_of(error.path, shown, diagnostic.path),
        )
        raise ModelCompileError(f"{where}: {error}") from None


def labelled_examples(
    content: Content, cases: Sequence[dict[str, Any]], framework_id: str
) -> list[tuple[str, tuple[float, float] | None]]:
    """Descriptions labelled with a stage of one framework (`{"text", "expect": {framework_id:
    stage id or None}}`) as the wording model's examples: each stage becomes its span on the common
    timeline, None (no stage shown) stays None."""
    framework = next(f for f in content.frameworks if f.id == framework_id)
    spans = {stage.id: stage.span for stage in framework.stages}
    return [
        (case["text"], None if (stage := case["expect"][framework_id]) is None else spans[stage])
        for case in cases
    ]


def _fitted(path: Path) -> dict[str, Any] | None:
    """A reading fitted for this questionnaire (its wording, its flags), if it is beside it."""
    if not path.exists():
        return None
    try:
        document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ModelCompileError(f"{path}: not valid JSON: {error}") from None
    return document


def _file_of(model_path: str, frameworks: list[Framework], diagnostic: Path) -> Path:
    found = _FRAMEWORK_PATH.match(model_path)
    return frameworks[int(found.group(1))].path if found else diagnostic


def _framework(
    framework: Framework, months: dict[str, StageMonths], sources: Any
) -> dict[str, Any]:
    return {
        "id": framework.id,
        "name": framework.name,
        "stages": [_stage(framework, stage, months, sources) for stage in framework.stages],
        "moves_back": [
            {
                "from": move.from_stage,
                "to": move.to_stage,
                "text": move.text.text,
                "sources": sources(move.text.sources),
            }
            for move in framework.moves_back
        ],
    }


def _stage(
    framework: Framework, stage: Stage, months: dict[str, StageMonths], sources: Any
) -> dict[str, Any]:
    stated = months.get(f"{framework.id}/{stage.id}")

    def steps(kind: str, items: tuple[Cited, ...]) -> list[dict[str, Any]]:
        return [
            {"id": f"{kind}-{n}", "for": kind, "text": item.text, "sources": sources(item.sources),
             "own": item.own}
            for n, item in enumerate(items, start=1)
        ]

    return {
        "id": stage.id,
        "name": stage.name,
        "span": list(stage.span),
        "months": None
        if stated is None
        else {"from": stated.start, "to": stated.end, "source": sources([stated.source])[0]},
        "next_steps": steps("mentor", stage.mentor_does)
        + steps("mentee", stage.mentee_does)
        + steps("ask", stage.listening_prompts),
    }


def model_json(
    content: Content, show: Sequence[str] | None = None, words: Words | None = None
) -> str:
    """The model as the site ships it (stable bytes for identical content)."""
    return model_text(compile_model(content, show, words))
