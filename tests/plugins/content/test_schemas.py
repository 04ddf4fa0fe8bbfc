"""The JSON Schemas that editors use (`# yaml-language-server: $schema=...` in each content file)
agree with the loader: every shipped file, and the small framework the tests build sites from,
validates against its schema (sources inherited as the loader inherits them), and what the loader
rejects, the schema rejects too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from mentoring_stages import shipped
from mentoring_stages.content.citations import EXCERPT_MAX_WORDS
from mentoring_stages.content.loader import SEED_NAME, WEB_URL
from mentoring_stages.content.model import PHASES
from mentoring_stages.content.reader import ID_PATTERN
from referencing import Registry, Resource

from tests.support.content import FRAMEWORK

CONTENT = shipped.content_dir()
SCHEMAS = CONTENT / "schema"
# The schemas refer to each other by file name, as editors resolve them beside each other.
REGISTRY = Registry().with_resources(
    (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
    for path in SCHEMAS.glob("*.schema.json")
)


SCHEMA_COMMENT = "# yaml-language-server: $schema="


def schema_named_in(text: str) -> str:
    """The schema's path, as the file's first line gives it to editors."""
    first = text.splitlines()[0]
    assert first.startswith(SCHEMA_COMMENT), first
    return first.removeprefix(SCHEMA_COMMENT)


def problems(text: str) -> list[str]:
    schema = REGISTRY.contents(Path(schema_named_in(text)).name)
    validator = Draft202012Validator(schema, registry=REGISTRY)
    data: Any = yaml.safe_load(text)
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(data)]


CONTENT_FILES = sorted(CONTENT.rglob("*.yaml"))


@pytest.mark.parametrize(
    "path", CONTENT_FILES, ids=lambda path: path.relative_to(CONTENT).as_posix()
)
def test_every_shipped_file_validates_against_the_schema_it_names(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert (path.parent / schema_named_in(text)).is_file(), "editors would not find the schema"
    assert problems(text) == []


def test_the_test_framework_validates() -> None:
    assert problems(FRAMEWORK) == []


def test_the_schema_also_rejects_what_the_loader_rejects() -> None:
    without_name = FRAMEWORK.replace("name: Demo stages\n", "", 1)
    assert any("'name' is a required property" in problem for problem in problems(without_name))
    both = FRAMEWORK.replace(
        "    text: Pairs go back to the start sometimes.\n",
        "    text: Pairs go back to the start sometimes.\n    source: a\n    sources: [b]\n",
        1,
    )
    assert both != FRAMEWORK
    assert any(problem.startswith("['moves_back', 0]") for problem in problems(both))


def schema(name: str) -> Any:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def test_the_schemas_take_the_loaders_id_pattern_and_url_rule() -> None:
    """The loader's patterns are the one definition; the schemas repeat them for editors."""
    for name in ("framework.schema.json", "diagnostic.schema.json"):
        assert schema(name)["$defs"]["id"]["pattern"] == ID_PATTERN.pattern, name
    core = ID_PATTERN.pattern.removeprefix("^").removesuffix("$")
    stage_reference = schema("diagnostic.schema.json")["$defs"]["stageRef"]["pattern"]
    assert stage_reference == f"^{core}/{core}$"
    source = schema("sources.schema.json")["$defs"]["source"]["properties"]
    assert source["url"]["pattern"] == WEB_URL.pattern
    assert source["seed"]["pattern"] == SEED_NAME.pattern
    # Every other id in the schemas refers to one of those instead of repeating the pattern.
    patterns = [line for path in SCHEMAS.glob("*.schema.json")
                for line in path.read_text(encoding="utf-8").splitlines() if '"pattern"' in line]
    assert len(patterns) == 5, patterns


def test_the_schemas_take_the_loaders_phases_and_excerpt_length() -> None:
    definitions = schema("framework.schema.json")["$defs"]
    assert tuple(definitions["phase"]["enum"]) == PHASES
    assert f"at most {EXCERPT_MAX_WORDS} words" in definitions["excerpt"]["description"]


def test_the_schema_takes_excerpts_and_rejects_one_beside_own() -> None:
    quoted = FRAMEWORK.replace(
        "[{text: Getting to know each other, source: test-source}]",
        "[{text: Getting to know each other, source: test-source, excerpt: know each other}]",
    ).replace("sources: [test-source]", "sources: [{id: test-source, excerpt: a framework}]")
    assert quoted.count("excerpt") == 2
    assert problems(quoted) == []
    stray = FRAMEWORK.replace("    text: Pairs go back to the start sometimes.\n",
                              "    text: Pairs go back to the start sometimes.\n    own: true\n"
                              "    excerpt: go back\n")
    assert stray != FRAMEWORK
    assert any(problem.startswith("['moves_back', 0]") for problem in problems(stray))
