"""The shipped diagnostic.yaml against its JSON Schema and what the diagnostic needs from it."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import pytest
import yaml
from mentoring_stages import shipped

SHIPPED = shipped.content_dir()
CONTENT = yaml.safe_load((SHIPPED / "diagnostic.yaml").read_text(encoding="utf-8"))
SCHEMA = json.loads((SHIPPED / "schema" / "diagnostic.schema.json").read_text(encoding="utf-8"))
DEFS = SCHEMA["$defs"]


def _records() -> list[tuple[str, dict[str, Any], str]]:
    """Every mapping in the file with the schema definition it must follow."""
    records = [("top", CONTENT, "")]
    for question in CONTENT["questions"]:
        records.append((f"question {question['id']}", question, "question"))
        records += [
            (f"option {question['id']}/{option['id']}", option, "option")
            for option in question["options"]
        ]
    records += [(f"flag {flag['id']}", flag, "flag") for flag in CONTENT["flags"]]
    return records


@pytest.mark.parametrize(
    ("where", "record", "definition"), _records(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_every_field_is_one_the_schema_knows_and_required_ones_are_there(
    where: str, record: dict[str, Any], definition: str
) -> None:
    schema = DEFS[definition] if definition else SCHEMA
    assert set(record) <= set(schema["properties"]), where
    assert set(schema["required"]) <= set(record), where


def test_stage_references_and_ids_follow_the_schema_patterns() -> None:
    stage_ref = re.compile(DEFS["stageRef"]["pattern"])
    framework_schema = json.loads((SHIPPED / "schema" / "framework.schema.json").read_text("utf-8"))
    identifier = re.compile(framework_schema["$defs"]["id"]["pattern"])
    pointers = [
        pointer
        for record in (o for q in CONTENT["questions"] for o in q["options"])
        for pointer in record.get("points_to", [])
    ]
    assert pointers
    for pointer in pointers:
        assert stage_ref.match(pointer["stage"]) and set(pointer) <= {"stage", "weight"}, pointer
    for _, record, _ in _records()[1:]:
        assert identifier.match(record["id"]), record["id"]


def test_the_questionnaire_has_8_to_15_questions_about_observable_things() -> None:
    assert 8 <= len(CONTENT["questions"]) <= 15
    ids = {question["id"] for question in CONTENT["questions"]}
    assert {"time-together", "meeting-frequency", "goals", "formal-arrangement"} <= ids


def test_the_flags_the_diagnostic_promises_exist_and_cite_sources() -> None:
    flags = {flag["id"]: flag for flag in CONTENT["flags"]}
    assert {"stalled", "premature-separation", "mentor-unavailable", "move-back"} <= set(flags)
    assert flags["premature-separation"]["framework"] == "kram"
    assert flags["premature-separation"]["stage"] == "separation"
    for flag in flags.values():
        assert flag.get("source") or flag.get("sources"), flag["id"]


FROZEN = {
    "time-together": {"under-a-month", "one-to-three-months", "three-to-six-months",
                      "six-to-twelve-months", "one-to-two-years", "two-to-five-years",
                      "over-five-years"},
    "meeting-frequency": {"not-yet-regular", "weekly", "fortnightly-or-monthly",
                          "every-few-months", "once-or-twice-a-year"},
    "agenda": {"mentor", "together", "mentee", "no-agenda"},
    "expectations": {"not-yet", "discussing", "agreed"},
    "goals": {"not-yet", "working-them-out", "agreed-working", "mostly-met", "met-setting-new",
              "all-met"},
    "mentee-initiative": {"rarely", "sometimes", "usually", "as-equals"},
    "mentor-needed": {"a-lot", "less-than-before", "hardly", "not-as-mentor"},
    "missed-meetings": {"rarely", "little-left", "often"},
    "mentor-availability": {"easily", "usually", "hardly-ever", "less-and-fine"},
    "formal-arrangement": {"just-started", "running", "ending-soon", "ended-in-touch",
                           "ended-apart", "never-formal"},
    "feelings": {"getting-to-know", "productive", "predictable", "stuck", "hurt", "grateful"},
}


def test_the_frozen_question_and_option_ids_are_all_still_there() -> None:
    options = {q["id"]: {o["id"] for o in q["options"]} for q in CONTENT["questions"]}
    for question, frozen in FROZEN.items():
        assert frozen <= options[question], question


def test_every_question_can_be_read_from_a_description() -> None:
    for question in CONTENT["questions"]:
        assert any(option.get("phrases") for option in question["options"]), question["id"]


def test_time_options_cover_the_months_without_gaps() -> None:
    time = next(q for q in CONTENT["questions"] if q["id"] == "time-together")
    spans = [option["months"] for option in time["options"]]
    assert spans[0][0] == 0 and spans[-1][1] is None
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
