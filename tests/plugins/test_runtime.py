"""What `ship_runtime` puts in the site, and how it fails. Plain Python: no Node needed."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from mentoring_stages import runtime
from mentoring_stages.runtime import (
    CORE_FILES,
    ENGINE_DISTRIBUTION,
    PRECOMPRESSED,
    PYODIDE_VERSION,
    RuntimeShippingError,
    build_engine_wheel,
    ship_runtime,
)

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"


@pytest.fixture
def engine(tmp_path: Path) -> Path:
    """A tiny engine package, so these tests do not depend on the real engine's state."""
    package = tmp_path / "src" / "stage_diagnostic"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("def diagnose_json(model, request):\n    return '{}'\n")
    (package / "data.json").write_text("{}")
    return package


def test_pins_agree() -> None:
    manifest = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert manifest["dependencies"]["pyodide"] == PYODIDE_VERSION
    assert lock["packages"]["node_modules/pyodide"]["version"] == PYODIDE_VERSION


def test_ships_core_files_wheel_and_a_lock_naming_only_the_wheel(
    tmp_path: Path, engine: Path
) -> None:
    shipped = ship_runtime(
        tmp_path / "site",
        node_modules=NODE_MODULES,
        engine_source=engine,
        cache_dir=tmp_path / "cache",
    )
    assert shipped.directory == tmp_path / "site" / "pyodide" / PYODIDE_VERSION
    assert shipped.relative_dir == f"pyodide/{PYODIDE_VERSION}/"
    names = {path.name for path in shipped.directory.iterdir()}
    twins = {f"{name}.gz" for name in PRECOMPRESSED}
    assert names == {*CORE_FILES, *twins, "pyodide-lock.json", shipped.wheel_file}
    for name in PRECOMPRESSED:  # byte for byte the file, and the same bytes every build
        twin = (shipped.directory / f"{name}.gz").read_bytes()
        assert gzip.decompress(twin) == (shipped.directory / name).read_bytes()
        assert twin[4:8] == bytes(4), "no time in the gzip header"
    for name in CORE_FILES:  # what the worker checks and counts
        data = (shipped.directory / name).read_bytes()
        assert shipped.core_files[name] == (len(data), hashlib.sha256(data).hexdigest())
    lock = json.loads((shipped.directory / "pyodide-lock.json").read_text())
    upstream = json.loads((NODE_MODULES / "pyodide" / "pyodide-lock.json").read_text())
    assert lock["info"]["abi_version"] == upstream["info"]["abi_version"]
    assert list(lock["packages"]) == [ENGINE_DISTRIBUTION]
    entry = lock["packages"][ENGINE_DISTRIBUTION]
    assert entry["file_name"] == shipped.wheel_file, (
        "relative: resolved against the lock file's URL"
    )
    wheel = shipped.directory / shipped.wheel_file
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest() == shipped.wheel_sha256
    assert "://" not in json.dumps(lock), "nothing in the lock file may point at another host"
    with zipfile.ZipFile(wheel) as archive:
        files = archive.namelist()
    assert "stage_diagnostic/__init__.py" in files and "stage_diagnostic/data.json" in files
    assert not any(name.startswith("mentoring_stages") for name in files), "the engine alone"
    assert "+" not in shipped.wheel_file, "a '+' in a URL path reads as a space on some hosts"


def test_wheel_is_cached_by_source_hash(
    tmp_path: Path, engine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_engine_wheel(engine, tmp_path / "cache")
    (engine / "__pycache__").mkdir()
    (engine / "__pycache__" / "x.pyc").write_bytes(b"bytecode does not count")
    monkeypatch.setattr(runtime.subprocess, "run", lambda *a, **k: pytest.fail("rebuilt"))
    assert build_engine_wheel(engine, tmp_path / "cache") == first
    monkeypatch.undo()
    (engine / "__init__.py").write_text("def diagnose_json(model, request):\n    return '[]'\n")
    second = build_engine_wheel(engine, tmp_path / "cache")
    assert second.name != first.name, "new sources, new file name: safe to cache forever"


def test_a_reused_target_loses_stale_wheels_and_core_files(tmp_path: Path, engine: Path) -> None:
    site = tmp_path / "site"
    first = ship_runtime(
        site, node_modules=NODE_MODULES, engine_source=engine, cache_dir=tmp_path / "c"
    )
    (engine / "__init__.py").write_text("def diagnose_json(model, request):\n    return '[]'\n")
    second = ship_runtime(
        site,
        node_modules=NODE_MODULES,
        engine_source=engine,
        cache_dir=tmp_path / "c",
        include_core=False,
    )
    names = {path.name for path in second.directory.iterdir()}
    assert names == {"pyodide-lock.json", second.wheel_file}
    assert first.wheel_file != second.wheel_file


def test_missing_node_modules_says_to_run_npm_ci(tmp_path: Path, engine: Path) -> None:
    with pytest.raises(RuntimeShippingError, match="npm ci"):
        ship_runtime(
            tmp_path / "site",
            node_modules=tmp_path / "nothing",
            engine_source=engine,
            cache_dir=tmp_path / "cache",
        )


def ship_from(node_modules: Path, tmp_path: Path, engine: Path) -> None:
    ship_runtime(tmp_path / "site", node_modules=node_modules, engine_source=engine,
                 cache_dir=tmp_path / "cache")


def test_another_pyodide_version_is_refused(tmp_path: Path, engine: Path) -> None:
    fake = tmp_path / "node_modules" / "pyodide"
    shutil.copytree(
        NODE_MODULES / "pyodide", fake, ignore=shutil.ignore_patterns("*.wasm", "*.zip")
    )
    manifest = json.loads((fake / "package.json").read_text())
    manifest["version"] = "0.27.0"
    (fake / "package.json").write_text(json.dumps(manifest))
    with pytest.raises(RuntimeShippingError, match=r"0\.27\.0.*npm ci"):
        ship_from(fake.parent, tmp_path, engine)


def test_a_missing_core_file_is_named(tmp_path: Path, engine: Path) -> None:
    fake = tmp_path / "node_modules" / "pyodide"
    shutil.copytree(NODE_MODULES / "pyodide", fake, ignore=shutil.ignore_patterns("*.wasm"))
    with pytest.raises(RuntimeShippingError, match=r"pyodide\.asm\.wasm.*npm ci"):
        ship_from(fake.parent, tmp_path, engine)


def test_a_core_file_that_is_not_the_pinned_one_is_refused(tmp_path: Path, engine: Path) -> None:
    """Tampered after `npm ci` (or in a wheel's copy): the build stops before anything runs it."""
    fake = tmp_path / "node_modules" / "pyodide"
    shutil.copytree(NODE_MODULES / "pyodide", fake, ignore=shutil.ignore_patterns("*.wasm"))
    (fake / "pyodide.asm.wasm").write_bytes(b"\0asm not the real one")
    with pytest.raises(RuntimeShippingError, match=r"pyodide\.asm\.wasm' is not the file .*npm ci"):
        ship_from(fake.parent, tmp_path, engine)


def test_not_a_package_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RuntimeShippingError, match="not a Python package"):
        build_engine_wheel(tmp_path, tmp_path / "cache")
