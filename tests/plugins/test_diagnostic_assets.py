"""The diagnostic's build artefacts as the pages and the service worker name them: the URL table,
the worker's list of files and the service worker's, from shipped files made up in tmp_path (no
MkDocs build, no Pyodide)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mentoring_stages import offline, shipped
from mentoring_stages.content import load_content
from mentoring_stages.diagnostic_assets import (
    CompiledDiagnostic,
    DiagnosticAssets,
    compile_diagnostic,
)
from mentoring_stages.language import load_words
from mentoring_stages.precomputed import Precomputed
from mentoring_stages.pyodide_files import CORE_FILES
from mentoring_stages.runtime import ShippedFile, ShippedRuntime
from mentoring_stages.snapshot import ShippedSnapshot

RUNTIME = "assets/mentoring-stages/pyodide/1.0/"
PAGE = "diagnostic/"  # the page's URL, as MkDocs gives it


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> CompiledDiagnostic:
    node_modules = tmp_path_factory.mktemp("node_modules")
    (node_modules / "pyodide").mkdir()
    (node_modules / "pyodide" / "package.json").write_text("{}")
    said: list[str] = []
    result = compile_diagnostic(
        load_content([shipped.content_dir()]), wanted=True, show=None, words=load_words(None),
        node_modules=node_modules, note=said.append, warn=said.append,
    )
    assert result is not None, said
    return result


def assets(
    root: Path, compiled: CompiledDiagnostic, snapshot: bool = True, pyodide_url: str | None = None
) -> DiagnosticAssets:
    directory = root / "runtime"
    directory.mkdir(exist_ok=True)
    for name in [*CORE_FILES, "engine.whl", "pyodide-lock.json", "precomputed-a.json"]:
        (directory / name).write_text(name)
    runtime = ShippedRuntime(
        directory=directory, relative_dir="pyodide/1.0/", lock_file="pyodide-lock.json",
        wheel_file="engine.whl", wheel_sha256="w" * 64,
        core_files={name: ShippedFile(name, 10, name.upper(), 5, 4) for name in CORE_FILES},
        wheel=ShippedFile("engine.whl", 3, "W"),
    )
    made = ShippedSnapshot(ShippedFile("diagnostic-s.snapshot", 31, "S", 9, 8),
                           ShippedFile("stdlib-t.zip", 7, "T", 6, 5))
    results = Precomputed(directory / "precomputed-a.json", directory / "precomputed-pairs-b.json")
    return DiagnosticAssets(compiled, runtime, made if snapshot else None, results, pyodide_url)


def test_the_block_gets_urls_relative_to_its_page(tmp_path: Path, compiled: CompiledDiagnostic
                                                  ) -> None:
    shipped_assets = assets(tmp_path, compiled)
    url = shipped_assets.url
    assert url("model", PAGE) == "../assets/mentoring-stages/diagnostic/model.json"
    assert url("wheel", PAGE) == f"../{RUNTIME}engine.whl"
    assert url("lock", "") == f"{RUNTIME}pyodide-lock.json"
    assert url("snapshot", PAGE) == f"../{RUNTIME}diagnostic-s.snapshot"
    assert url("precomputed", PAGE) == f"../{RUNTIME}precomputed-a.json"
    assert url("offline", PAGE) == f"../{offline.SERVICE_WORKER}"
    assert url("runtime", PAGE) == url("code", PAGE) == f"../{RUNTIME}"
    without = assets(tmp_path, compiled, snapshot=False, pyodide_url="https://cdn.example/py/")
    assert without.url("snapshot", PAGE) == without.url("stdlib", PAGE) == ""
    assert without.url("runtime", PAGE) == "https://cdn.example/py/"
    assert without.url("code", PAGE) == f"../{RUNTIME}", "Pyodide's JavaScript stays on the site"


def test_the_worker_lists_every_download_with_its_sizes_and_digest(
    tmp_path: Path, compiled: CompiledDiagnostic
) -> None:
    listed = json.loads(
        assets(tmp_path, compiled, pyodide_url="https://cdn.example/py/").url("files", PAGE)
    )
    assert listed == {
        f"../{RUNTIME}pyodide.mjs": [10, "PYODIDE.MJS", 5, 4],
        f"../{RUNTIME}pyodide.asm.mjs": [10, "PYODIDE.ASM.MJS", 5, 4],
        "https://cdn.example/py/pyodide.asm.wasm": [10, "PYODIDE.ASM.WASM", 5, 4],
        "https://cdn.example/py/python_stdlib.zip": [10, "PYTHON_STDLIB.ZIP", 5, 4],
        f"../{RUNTIME}engine.whl": [3, "W", 0, 0],
        f"../{RUNTIME}diagnostic-s.snapshot": [31, "S", 9, 8],
        f"../{RUNTIME}stdlib-t.zip": [7, "T", 6, 5],
    }


def test_the_worker_is_handed_pyodides_files_by_role_and_names_none_itself(
    tmp_path: Path, compiled: CompiledDiagnostic
) -> None:
    roles = json.loads(
        assets(tmp_path, compiled, pyodide_url="https://cdn.example/py/").url("pyodide", PAGE)
    )
    assert roles == {
        "module": f"../{RUNTIME}pyodide.mjs",
        "asm": f"../{RUNTIME}pyodide.asm.mjs",
        "wasm": "https://cdn.example/py/pyodide.asm.wasm",
        "stdlib": "https://cdn.example/py/python_stdlib.zip",
    }
    scripts = Path(offline.__file__).with_name("assets").glob("**/*.mjs")
    named = {script.name: [name for name in CORE_FILES if name in script.read_text()]
             for script in scripts}
    assert named and not any(named.values()), named


def test_the_site_gets_the_model_the_survey_and_the_runtime(
    tmp_path: Path, compiled: CompiledDiagnostic
) -> None:
    files = assets(tmp_path, compiled).site_files()
    assert files["assets/mentoring-stages/diagnostic/model.json"] == compiled.text
    assert {"assets/mentoring-stages/diagnostic/survey.csv",
            f"{RUNTIME}pyodide.asm.wasm", f"{RUNTIME}engine.whl"} <= set(files)
    assert files[f"{RUNTIME}engine.whl"] == tmp_path / "runtime" / "engine.whl"


def test_the_service_worker_keeps_the_runtime_by_the_digests_recorded_when_shipped(
    tmp_path: Path, compiled: CompiledDiagnostic
) -> None:
    site = tmp_path / "site"
    (site / "diagnostic").mkdir(parents=True)
    (site / "diagnostic" / "index.html").write_text("<p>the diagnostic</p>")
    (site / "assets/mentoring-stages/diagnostic").mkdir(parents=True)
    (site / "assets/mentoring-stages/diagnostic/loader.mjs").write_text("//")
    for name in [*CORE_FILES, "engine.whl", "precomputed-a.json", "pyodide-lock.json"]:
        (site / RUNTIME).mkdir(parents=True, exist_ok=True)
        (site / RUNTIME / name).write_text(name)
    shipped_assets = assets(tmp_path, compiled, snapshot=False)
    shipped_assets.write_service_worker(site, [])
    assert not (site / offline.SERVICE_WORKER).exists(), "no diagnostic page, no service worker"
    page = offline.DiagnosticPage.of(PAGE, "diagnostic/index.html")
    shipped_assets.write_service_worker(site, [page])
    text = (site / offline.SERVICE_WORKER).read_text(encoding="utf-8")
    kept = json.loads(text.partition(";\n")[0].removeprefix("const OFFLINE = "))
    assert kept["files"][f"{RUNTIME}pyodide.asm.wasm"] == "PYODIDE.ASM.WASM"
    assert f"{RUNTIME}pyodide.mjs" in kept["cacheFirst"]
    assert f"{RUNTIME}precomputed-a.json" in kept["precache"]
    assert f"{RUNTIME}pyodide.asm.wasm" in kept["workerKeeps"]


def test_no_questions_or_no_pyodide_leave_the_diagnostic_out_and_say_why(tmp_path: Path) -> None:
    content = load_content([shipped.content_dir()])
    notes: list[str] = []
    warnings: list[str] = []

    def compile_with(node_modules: Path, wanted: bool = True) -> CompiledDiagnostic | None:
        return compile_diagnostic(content, wanted=wanted, show=None, words=load_words(None),
                                  node_modules=node_modules, note=notes.append,
                                  warn=warnings.append)

    assert compile_with(tmp_path, wanted=False) is None and not notes + warnings
    assert compile_with(tmp_path) is None
    assert warnings and "Pyodide's files are not installed" in warnings[0]
