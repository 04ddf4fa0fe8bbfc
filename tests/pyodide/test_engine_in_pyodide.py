"""The engine answers the same in Pyodide as in CPython, installed from the wheel the site ships.

The browser runs Python 3.14 on WebAssembly with another libm; the tests run CPython. Every request
here goes through both, and the JSON texts must be identical, character for character: the case
files' descriptions and personas, random answer sets, random descriptions, partner comparisons and
broken requests.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from mentoring_stages.runtime import ENGINE_DISTRIBUTION, ShippedRuntime

from tests.support.engine_requests import differing_from_cpython, suite

pytestmark = pytest.mark.pyodide


CHECKS = """
import importlib.metadata, json, sys
for name in [m for m in sys.modules if m.split(".")[0] == "stage_diagnostic"]:
    del sys.modules[name]
before = set(sys.modules)
import stage_diagnostic
loaded = {name.split(".")[0] for name in set(sys.modules) - before}
print(json.dumps({
    "outside_stdlib": sorted(loaded - set(sys.stdlib_module_names) - {"stage_diagnostic"}),
    "installed_version": importlib.metadata.version("stage-diagnostic"),
    "location": stage_diagnostic.__file__,
}))
"""




@pytest.fixture(scope="module")
def suite_run(model: str, pyodide_engine: Any) -> tuple[list[str], dict[str, Any]]:
    """The engine's suite through one Pyodide start, then CHECKS in the same interpreter."""
    requests = suite(model, 150)
    return requests, pyodide_engine.run(model, requests, python=CHECKS)


def test_same_json_in_cpython_and_pyodide(
    model: str, suite_run: tuple[list[str], dict[str, Any]]
) -> None:
    requests, run = suite_run
    assert len(requests) > 150
    differing = differing_from_cpython(model, requests, run["results"])
    assert not differing, (
        f"{len(differing)} of {len(requests)} requests give other JSON in Pyodide "
        "(path: CPython != Pyodide):\n" + "\n".join(differing[:5])
    )


def test_engine_basics_inside_pyodide(
    suite_run: tuple[list[str], dict[str, Any]], shipped: ShippedRuntime
) -> None:
    _, run = suite_run
    assert run["platform"] == "emscripten"
    assert run["python"].startswith("3.14")
    checks = json.loads(run["output"])
    assert checks["outside_stdlib"] == [], "the engine must import only the standard library"
    lock = json.loads((shipped.directory / shipped.lock_file).read_text())
    assert checks["installed_version"] == lock["packages"][ENGINE_DISTRIBUTION]["version"]
    assert "/site-packages/stage_diagnostic/" in checks["location"], "installed from the wheel"
    assert json.loads(run["results"][0])["format"] == 3  # what each answer holds: compared above
