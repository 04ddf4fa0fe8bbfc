"""What `ship_runtime` puts in the site, and how it fails. Plain Python: no Node needed."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from mentoring_stages import compress, runtime
from mentoring_stages.pyodide_files import CODE_FILES, CORE_SHA256
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
TWINS = ROOT / ".cache" / "mentoring-stages" / compress.TWINS_DIR
"""The repository's cache of compressed twins, named by the sha256 of what they compress (so any
test may share it): brotli at level 11 takes 20 s for the WebAssembly, once."""


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
        twins_cache=TWINS,
    )
    assert shipped.directory == tmp_path / "site" / "pyodide" / PYODIDE_VERSION
    assert shipped.relative_dir == f"pyodide/{PYODIDE_VERSION}/"
    names = {path.name for path in shipped.directory.iterdir()}
    twins = {f"{name}{suffix}" for name in PRECOMPRESSED for suffix in compress.suffixes()}
    assert names == {*CORE_FILES, *twins, "pyodide-lock.json", shipped.wheel_file}
    for name in PRECOMPRESSED:  # byte for byte the file, and the same bytes every build
        data = (shipped.directory / name).read_bytes()
        twin = (shipped.directory / f"{name}.gz").read_bytes()
        assert gzip.decompress(twin) == data
        assert twin[4:8] == bytes(4), "no time in the gzip header"
        if compress.BROTLI_MODULE is not None:
            brotli = (shipped.directory / f"{name}.br").read_bytes()
            assert compress.BROTLI_MODULE.decompress(brotli) == data
            assert shipped.core_files[name].br == len(brotli) < len(twin)
        assert shipped.core_files[name].gzip == len(twin)
    for name in CORE_FILES:  # what the worker checks and counts
        data = (shipped.directory / name).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        assert (shipped.core_files[name].size, shipped.core_files[name].sha256) == (
            len(data), digest
        )
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
        site, node_modules=NODE_MODULES, engine_source=engine, cache_dir=tmp_path / "c",
        twins_cache=TWINS,
    )
    (engine / "__init__.py").write_text("def diagnose_json(model, request):\n    return '[]'\n")
    second = ship_runtime(
        site,
        node_modules=NODE_MODULES,
        engine_source=engine,
        cache_dir=tmp_path / "c",
        twins_cache=TWINS,
        include_data=False,
    )
    # Pyodide's data is left to `pyodide_url`; its JavaScript stays on the site, always.
    names = {path.name for path in second.directory.iterdir()}
    code = {f"{name}{suffix}" for name in CODE_FILES for suffix in ("", *compress.suffixes())}
    assert names == {"pyodide-lock.json", second.wheel_file, *code}
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
                 cache_dir=tmp_path / "cache", twins_cache=TWINS)


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


def test_a_core_file_other_than_the_pinned_one_fails_with_one_line(
    tmp_path: Path, engine: Path
) -> None:
    fake = tmp_path / "node_modules" / "pyodide"
    shutil.copytree(NODE_MODULES / "pyodide", fake, ignore=shutil.ignore_patterns("*.wasm"))
    (fake / "pyodide.asm.wasm").write_bytes(b"\0asm not Pyodide's")
    with pytest.raises(RuntimeShippingError) as refused:
        ship_from(fake.parent, tmp_path, engine)
    message = str(refused.value)
    assert "\n" not in message
    assert f"is not the pyodide.asm.wasm of Pyodide {PYODIDE_VERSION}" in message
    assert CORE_SHA256["pyodide.asm.wasm"] in message and "npm ci" in message


def test_the_pins_are_the_npm_packages_files() -> None:
    """What `npm ci` installs, checked by its own lock file's integrity, is what the plugin pins."""
    for name in CORE_FILES:
        data = (NODE_MODULES / "pyodide" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == CORE_SHA256[name], name


def test_not_a_package_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RuntimeShippingError, match="not a Python package"):
        build_engine_wheel(tmp_path, tmp_path / "cache")
