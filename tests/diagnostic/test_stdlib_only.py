"""The engine runs in Pyodide as it is, so it may import nothing outside the standard library."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import stage_diagnostic

PACKAGE = Path(stage_diagnostic.__file__).parent
ALLOWED = set(sys.stdlib_module_names) | {"__future__", "stage_diagnostic"}


def test_every_module_imports_only_the_standard_library() -> None:
    modules = sorted(PACKAGE.glob("*.py"))
    assert len(modules) >= 8
    for module in modules:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            outside = [name for name in names if name.split(".")[0] not in ALLOWED]
            assert not outside, f"{module.name} imports {outside}"


BLOCKED_RUN = textwrap.dedent("""
    import sys

    ALLOWED = set(sys.stdlib_module_names) | {"stage_diagnostic"}

    class Blocker:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] not in ALLOWED:
                raise ImportError(f"not in the standard library: {name}")
            return None

    sys.meta_path.insert(0, Blocker())
    sys.path.insert(0, sys.argv[1])

    import json
    import stage_diagnostic
    from stage_diagnostic.cli import main

    with open(sys.argv[2], encoding="utf-8") as file:
        model_json = file.read()
    model = stage_diagnostic.load_model(model_json)
    first = model.questions[0]
    result = stage_diagnostic.diagnose(model, {first.id: first.options[0].id},
                                       "We met two weeks ago and haven't agreed goals yet.")
    assert stage_diagnostic.use_model(model_json) == ""
    answer = json.loads(stage_diagnostic.diagnose_json(json.dumps({"text": "We are friends now."})))
    assert "frameworks" in answer, answer
    assert main(["--model", sys.argv[2], "--text", "We agreed goals and work on them.",
                 "--json"]) == 0
    print("ran", len(result["frameworks"]), "frameworks without third-party code")
""")


def test_it_runs_isolated_with_third_party_imports_blocked(
    tmp_path: Path, real_model_text: str
) -> None:
    model = tmp_path / "model.json"
    model.write_text(real_model_text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-I", "-c", BLOCKED_RUN, str(PACKAGE.parent), str(model)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "without third-party code" in done.stdout
