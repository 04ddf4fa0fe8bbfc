"""Write the contract between the engine, the page and the terminal: the JSON Schemas of the model
and the result, and the page's test fixtures, made by running the engine.

    .venv/bin/python scripts/write_contract.py           # write them
    .venv/bin/python scripts/write_contract.py --check   # exit 1 if any is not what it gives

`diagnostic/schema/` gets `model.schema.json` (what `stage_diagnostic.model.load_model` reads)
and `result.schema.json` (what `diagnose` returns, format 3). They are built below from the
engine's own constants and the plugin's English words, so a new level, word or bound changes them;
a field added to or renamed in the model or the result without changing them here fails
`tests/diagnostic/test_contract.py` and the page's Node tests (`tests/js/contract.test.mjs`), which
validate against the same files.

`tests/js/fixtures/` gets the model compiled from `tests/js/content/` (in English and in German),
the engine's results for the requests in `REQUESTS` and the page's own words: the page's modules
are tested on exactly what the engine and the build give them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from mentoring_stages import shipped
from mentoring_stages.content import load_content
from mentoring_stages.diagnostic_model import WORDING_FILE, compile_model
from mentoring_stages.language import load_words
from stage_diagnostic import bounds
from stage_diagnostic import flag_wording as flag_wording_module
from stage_diagnostic import wording as wording_module
from stage_diagnostic.compare import compare
from stage_diagnostic.engine import diagnose
from stage_diagnostic.model import LEVELS, NEXT_STEP_KINDS, load_model

REPO = Path(__file__).resolve().parent.parent
SCHEMA_DIR = REPO / "diagnostic" / "schema"
FIXTURE_DIR = REPO / "tests" / "js" / "fixtures"
FIXTURE_CONTENT = REPO / "tests" / "js" / "content"
TODAY = "2026-12-01"  # "since March" counts to here, whenever the fixtures are written

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FLAG_STATUSES = ("raised", "confirm")
EVIDENCE_FROM = ("given", "text")
APART = ("durations",)

# name -> the request the fixture result-<name>.json answers (see json_api for the fields)
REQUESTS: dict[str, dict[str, Any]] = {
    # answers and a description read together, a "fairly sure" (medium) result; the description
    # carries a bidirectional control
    "stage": {"answers": {"goals": "agreed-working"},
              "text": "We met two months ago\u202e and we are busy."},
    # one answer that says too little
    "unsure": {"answers": {"missed-meetings": "rarely"}, "text": ""},
    # a stall read from a description only, and one given
    "flags": {"answers": {"feelings": "stuck"},
              "text": "The trains keep getting cancelled. We have worked on my goals for three "
              "years."},
    # an alarm read from the description alone: to confirm before it is raised
    "confirm": {"answers": {}, "text": "We have met every month for a year, but lately our "
                "meetings keep getting cancelled and nothing much moves."},
    # new goals after years together: a move back, and Kram's durations pulling it elsewhere
    "move-back": {"answers": {"goals": "met-setting-new", "time-together": "two-to-five-years"},
                  "text": ""},
    # a description alone, which the wording model reads too
    "wording": {"answers": {}, "text": "We have only just met and are still getting to know each "
                "other; we have not set goals yet and the first sessions are about trust."},
    # two people's answers, compared
    "comparison": {"answers": {"time-together": "one-to-three-months"}, "text": "",
                   "partner": {"answers": {"time-together": "two-to-five-years",
                                           "goals": "agreed-working"}}},
}


# -- the schemas -----------------------------------------------------------------------------------


def _object(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    """A JSON object with exactly these fields: `required` ones and `optional` ones."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(required),
        "properties": {**required, **(optional or {})},
    }


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [{"type": "null"}, schema]}


TEXT = {"$ref": "#/$defs/text"}
ID = {"$ref": "#/$defs/id"}
IDS = {"type": "array", "items": ID}
POSITION = {"$ref": "#/$defs/position"}
SPAN = {"$ref": "#/$defs/span"}
LEVEL = {"enum": list(LEVELS)}
COMMON_DEFS = {
    "text": {"type": "string", "pattern": "\\S"},
    "id": {"type": "string", "minLength": 1},
    "position": {
        "type": "number", "minimum": bounds.TIMELINE_START, "maximum": bounds.TIMELINE_END,
    },
    "span": {"type": "array", "prefixItems": [POSITION, POSITION], "minItems": 2, "items": False},
}


def model_schema() -> dict[str, Any]:
    """What `load_model` reads (see stage_diagnostic/model.py for what each field means)."""
    words = load_words().for_model()
    months = {"type": "array", "prefixItems": [
        {"type": "number", "minimum": 0}, _nullable({"type": "number", "minimum": 0}),
    ], "minItems": 2, "items": False}
    step = _object({"id": ID, "for": {"enum": list(NEXT_STEP_KINDS)}, "text": TEXT,
                    "sources": IDS}, {"own": {"type": "boolean"}})
    stage = _object({
        "id": ID, "name": TEXT, "span": SPAN, "next_steps": {"type": "array", "items": step},
    }, {"months": _nullable(_object(
        {"from": {"type": "number", "minimum": 0}, "source": ID},
        {"to": _nullable({"type": "number", "minimum": 0})},
    ))})
    framework = _object({
        "id": ID, "name": TEXT, "stages": {"type": "array", "minItems": 1, "items": stage},
        "moves_back": {"type": "array", "items": _object(
            {"from": ID, "to": ID, "text": TEXT, "sources": IDS})},
    })
    option = _object({
        "id": ID, "label": TEXT, "reason": TEXT,
        "evidence": {"type": "array", "items": _object(
            {"span": SPAN, "weight": {"type": "number", "exclusiveMinimum": 0}})},
        "flags": IDS, "phrases": {"type": "array", "items": TEXT},
    }, {"months": _nullable(months)})
    question = _object({
        "id": ID, "text": TEXT, "options": {"type": "array", "minItems": 1, "items": option},
    }, {"help": _nullable(TEXT)})
    flag = _object({"id": ID, "title": TEXT, "advice": TEXT, "sources": IDS},
                   {"stage": _nullable({"type": "string", "pattern": "^[^/]+/[^/]+$"})})
    count = {"type": "integer", "minimum": 0}
    wording = _object({
        "format": {"const": wording_module.WORDING_FORMAT},
        "features_version": {"const": wording_module.FEATURES_VERSION},
        "classes": {"type": "array", "minItems": 2, "items": _object(
            {"documents": {"type": "integer", "minimum": 1}}, {"span": _nullable(SPAN)})},
        "features": {"type": "object", "additionalProperties": {"type": "array", "items": count}},
    })
    flag_wording = _object({
        "format": {"const": flag_wording_module.FLAG_WORDING_FORMAT},
        "features_version": {"const": flag_wording_module.FLAG_FEATURES_VERSION},
        "flags": {"type": "object", "additionalProperties": _object({
            "bias": {"type": "number"},
            "weights": {"type": "object", "additionalProperties": {"type": "number"}},
        })},
    })
    return {
        "$schema": DRAFT,
        "$id": "model.schema.json",
        "title": f"The diagnostic's compiled model, format {bounds.MODEL_FORMAT}",
        "description": "Written by the plugin's build (diagnostic_model.py), read by the engine "
        "(stage_diagnostic/model.py), the page and the terminal. Generated by "
        "scripts/write_contract.py: do not edit.",
        **_object({
            "format": {"const": bounds.MODEL_FORMAT},
            "max_text_length": {"const": bounds.MAX_TEXT_LENGTH},
            "duration_scale": {"type": "array", "minItems": 2, "items": {
                "type": "array", "prefixItems": [{"type": "number", "minimum": 0}, POSITION],
                "minItems": 2, "items": False}},
            "words": _object({key: TEXT for key in words}),
            "sources": {"type": "array", "items": _object(
                {"id": ID, "number": {"type": "integer", "minimum": 1}, "citation": TEXT},
                {"url": _nullable(TEXT)})},
            "frameworks": {"type": "array", "minItems": 1, "items": framework},
            "questions": {"type": "array", "minItems": 1, "items": question},
            "flags": {"type": "array", "items": flag},
        }, {"wording": wording, "flag_wording": flag_wording}),
        "$defs": COMMON_DEFS,
    }


def result_schema() -> dict[str, Any]:
    """What `diagnose` returns (see engine.py for what each field means)."""
    offset = _nullable({"type": "integer", "minimum": 0})
    quote = _object({"quote": TEXT, "start": {"type": "integer", "minimum": 0},
                     "end": {"type": "integer", "minimum": 0}})
    evidence = _object({
        "question": ID, "option": ID, "from": {"enum": list(EVIDENCE_FROM)},
        "quote": _nullable(TEXT), "start": offset, "end": offset, "hedged": {"type": "boolean"},
    })
    flag_evidence = _object({
        "question": ID, "option": ID, "from": {"enum": list(EVIDENCE_FROM)},
        "quote": _nullable(TEXT), "start": offset, "end": offset,
    })
    stage_ref = _object({"framework": ID, "stage": ID})
    probability = {"type": "number", "minimum": 0, "maximum": 1}
    framework = _object({
        "stage": _nullable(ID),
        "probabilities": {"type": "object", "additionalProperties": probability},
        "confidence": probability, "level": LEVEL, "between": _nullable(ID),
        "next_steps": IDS, "apart": _nullable({"enum": list(APART)}),
    })
    result = _object({
        "format": {"const": bounds.RESULT_FORMAT},
        "answers": {"type": "object", "additionalProperties": ID},
        "evidence": {"type": "array", "items": evidence},
        "headline": _nullable(_object({"framework": ID, "stage": ID, "level": LEVEL})),
        "level": LEVEL,
        "position": _nullable(_object({"mean": POSITION, "low": POSITION, "high": POSITION})),
        "frameworks": {"type": "object", "additionalProperties": framework},
        "ask_next": IDS,
        "flags": {"type": "array", "items": _object(
            {"id": ID, "status": {"enum": list(FLAG_STATUSES)},
             "evidence": {"type": "array", "items": flag_evidence}},
            # a move back names the framework whose own entry it is
            {"framework": ID, "from": ID, "to": ID})},
        "wording": _nullable(_object({
            "stage": _nullable(stage_ref), "quotes": {"type": "array", "items": quote}})),
    }, {"comparison": {"$ref": "#/$defs/comparison"}})
    comparison = _object({
        "agree": {"type": "boolean"},
        "differences": {"type": "array", "items": _object({
            "framework": ID, "a": ID, "b": ID, "stages_apart": {"type": "integer", "minimum": 1}})},
        "partner": {"$ref": "#"},
    })
    return {
        "$schema": DRAFT,
        "$id": "result.schema.json",
        "title": f"The diagnostic's result, format {bounds.RESULT_FORMAT}",
        "description": "What stage_diagnostic.diagnose returns (json_api.py gives it to the page, "
        "the terminal prints it with --json): ids, numbers and quotes only, phrased from the "
        "model's words. Generated by scripts/write_contract.py: do not edit.",
        **result,
        "$defs": {**COMMON_DEFS, "comparison": comparison},
    }


# -- the fixtures ----------------------------------------------------------------------------------


def fixture_model(language: str) -> dict[str, Any]:
    """The fixture content compiled as a site in `language` builds it, with the shipped wording
    model (it names no framework, only spans of the common timeline, so it fits any content)."""
    model = compile_model(load_content([FIXTURE_CONTENT]), words=load_words(language))
    model["wording"] = json.loads((shipped.content_dir() / WORDING_FILE).read_text("utf-8"))
    return model


def fixture_results(model: dict[str, Any]) -> dict[str, dict[str, Any]]:
    from datetime import date

    engine = load_model(model)
    today = date.fromisoformat(TODAY)
    results = {}
    for name, request in REQUESTS.items():
        result = diagnose(engine, request["answers"], request["text"], today)
        if "partner" in request:
            partner = request["partner"]
            result["comparison"] = compare(
                result, diagnose(engine, partner.get("answers"), partner.get("text"), today)
            )
        results[name] = result
    return results


def _json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def written() -> dict[Path, str]:
    """Every file this script writes, with its text."""
    english = fixture_model("en")
    files = {
        SCHEMA_DIR / "model.schema.json": _json(model_schema()),
        SCHEMA_DIR / "result.schema.json": _json(result_schema()),
    }
    # The page never reads the wording's counts (the worker's engine does): left out, they would
    # be most of the fixture's bytes.
    for name, model in (("model.json", english), ("model-de.json", fixture_model("de"))):
        files[FIXTURE_DIR / name] = _json({k: v for k, v in model.items() if k != "wording"})
    for name, result in fixture_results(english).items():
        files[FIXTURE_DIR / f"result-{name}.json"] = _json(result)
    # The page's own words (data-msd-words on the page), as the template writes them.
    files[FIXTURE_DIR / "page-words.json"] = _json(
        {language: dict(load_words(language)["page"]) for language in ("en", "de")}
    )
    # The cohort page's own words (data-msc-words on its page).
    files[FIXTURE_DIR / "cohort-words.json"] = _json(
        {language: dict(load_words(language)["cohort_page"]) for language in ("en", "de")}
    )
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether a file is stale")
    arguments = parser.parse_args()
    files = written()
    if arguments.check:
        stale = [path for path, text in files.items()
                 if not path.exists() or path.read_text(encoding="utf-8") != text]
        known = set(files) | set(SCHEMA_DIR.glob("*.json")) | set(FIXTURE_DIR.glob("*.json"))
        stale += sorted(known - set(files))  # a fixture nothing writes any more
        if stale:
            names = ", ".join(str(path.relative_to(REPO)) for path in stale)
            sys.exit(f"stale: {names}; run .venv/bin/python scripts/write_contract.py")
        print(f"the contract's {len(files)} files match the engine")
        return
    for path in set(SCHEMA_DIR.glob("*.json")) | set(FIXTURE_DIR.glob("*.json")):
        if path not in files:
            path.unlink()
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files under diagnostic/schema/ and tests/js/fixtures/")


if __name__ == "__main__":
    main()
