"""The memory snapshot: made in Node, restored as the worker restores it, answering as CPython does.

The snapshot is made (a few seconds) into the repository's build cache, unless a build or an earlier
run made it there already, and the site builds below reuse it; only the determinism test makes a
second one, and compares the two.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from mentoring_stages import compress, precomputed, snapshot
from mentoring_stages.runtime import PYODIDE_VERSION, ShippedRuntime
from mentoring_stages.snapshot import (
    NodeNotFound,
    ShippedSnapshot,
    SnapshotError,
    make_snapshot,
    ship_snapshot,
    snapshot_key,
)

from tests.support.engine_requests import differing_from_cpython, suite
from tests.support.mkdocs_build import BUILD_CACHE, cache_sharing_twins

pytestmark = pytest.mark.pyodide

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"


@pytest.fixture(scope="session")
def cache_dir() -> Path:
    """A plugin `cache_dir` whose `snapshots/` holds the session's snapshot: the repository's, so
    a snapshot of the same inputs made by an earlier build or run is used, not made again."""
    return BUILD_CACHE


@pytest.fixture(scope="session")
def shipped_snapshot(shipped: ShippedRuntime, cache_dir: Path) -> ShippedSnapshot:
    try:
        return ship_snapshot(shipped, pyodide_dir=PYODIDE_DIR, cache_dir=cache_dir / "snapshots")
    except SnapshotError as error:
        pytest.fail(f"cannot make the snapshot: {error}")


@pytest.fixture(scope="session")
def snapshot_engine(
    pyodide_engine: Any, shipped: ShippedRuntime, shipped_snapshot: ShippedSnapshot
) -> Any:
    """Like `pyodide_engine`, but started from the shipped snapshot, as the browser worker does."""
    return pyodide_engine.started_from(
        shipped.directory / shipped_snapshot.stdlib.name,
        shipped.directory / shipped_snapshot.snapshot.name,
    )


@pytest.fixture(scope="session")
def trimmed_plain_engine(
    pyodide_engine: Any, shipped: ShippedRuntime, shipped_snapshot: ShippedSnapshot
) -> Any:
    """Like `pyodide_engine`, with the site's own standard library archive instead of Pyodide's:
    the worker's plain start on a connection too slow for the snapshot."""
    return pyodide_engine.started_from(shipped.directory / shipped_snapshot.stdlib.name)


# -- restored under Node ---------------------------------------------------------------------------


CHECKS = """
import json, os, stage_diagnostic
print(json.dumps({"files_present": os.path.exists(stage_diagnostic.__file__)}))
"""




@pytest.fixture(scope="module")
def suite_runs(
    model: str, snapshot_engine: Any, trimmed_plain_engine: Any
) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The engine's suite through each start, once; from the snapshot, CHECKS after it."""
    requests = suite(model, 60)
    return requests, {
        "snapshot": snapshot_engine.run(model, requests, python=CHECKS),
        "plain": trimmed_plain_engine.run(model, requests),
    }


@pytest.mark.parametrize("start", ["snapshot", "plain"])
def test_both_starts_with_the_sites_archive_answer_as_cpython_does(
    model: str, start: str, suite_runs: tuple[list[str], dict[str, dict[str, Any]]]
) -> None:
    """The site's standard library archive holds only what the engine's start imported when it was
    made: every request of the engine's suite (cases, random answers and descriptions, partners,
    broken requests) must run from it, from the snapshot and the plain way alike."""
    requests, runs = suite_runs
    differing = differing_from_cpython(model, requests, runs[start]["results"])
    assert not differing, (
        f"{len(differing)} of {len(requests)} requests give other JSON from the {start} start "
        "(path: CPython != Pyodide):\n" + "\n".join(differing[:5])
    )


def test_the_engine_is_imported_before_anything_runs_and_needs_no_files(
    suite_runs: tuple[list[str], dict[str, dict[str, Any]]],
) -> None:
    """The worker installs no wheel on this path: the snapshot alone must hold the whole engine
    (its memory, not its files, which a snapshot does not keep)."""
    run = suite_runs[1]["snapshot"]
    assert run["platform"] == "emscripten" and run["python"].startswith("3.14")
    source = ROOT / "diagnostic" / "stage_diagnostic"
    modules = {"stage_diagnostic"} | {
        f"stage_diagnostic.{path.stem}" for path in source.glob("*.py") if path.stem != "__init__"
    }
    assert set(run["preloaded"]) == modules - {"stage_diagnostic.__main__"}
    assert json.loads(run["output"]) == {"files_present": False}
    assert json.loads(run["results"][0])["frameworks"]


def test_the_sites_archive_holds_compiled_modules_only_and_fewer_than_pyodides(
    shipped: ShippedRuntime, shipped_snapshot: ShippedSnapshot
) -> None:
    with zipfile.ZipFile(shipped.directory / shipped_snapshot.stdlib.name) as archive:
        names = archive.namelist()
    with zipfile.ZipFile(PYODIDE_DIR / "python_stdlib.zip") as archive:
        upstream = [name for name in archive.namelist() if name.endswith(".py")]
    assert names and all(name.endswith(".pyc") for name in names)
    assert {"json/__init__.pyc", "re/__init__.pyc", "dataclasses.pyc"} <= set(names)
    assert len(names) < len(upstream) / 2


def test_every_precomputed_result_is_what_the_engine_in_pyodide_returns(
    model: str, shipped: ShippedRuntime, snapshot_engine: Any, tmp_path: Path
) -> None:
    """The page shows the precomputed results until the engine in the browser is ready, and the
    engine then takes over: each of the ~1,300 results (every single answer, every two) must be
    the engine's own answer to the same request, as the worker's start restores it, or the result
    would jump when it arrives."""
    made = precomputed.precompute(model, shipped.wheel_sha256, tmp_path)
    singles = json.loads(made.singles.read_text(encoding="utf-8"))
    pairs = json.loads(made.pairs.read_text(encoding="utf-8"))
    assert singles["pairs"] == made.pairs.name
    table = {**singles["results"], **pairs["results"]}
    questions = json.loads(model)["questions"]
    options = sum(len(question["options"]) for question in questions)
    assert len(singles["results"]) == options, "every single answer"
    assert len(table) > options * 20, "and every two"
    # As the page asks: precomputed.mjs looks a request up by its answers alone, with text "".
    requests = [
        json.dumps({"answers": dict(pair.split("=") for pair in key.split("&")), "text": ""})
        for key in table
    ]
    results = snapshot_engine.run(model, requests)["results"]
    differing = [
        key for (key, expected), got in zip(table.items(), results, strict=True)
        if json.loads(got) != expected
    ]
    assert not differing, f"{len(differing)} precomputed results differ, e.g. {differing[:3]}"


# -- making and caching ----------------------------------------------------------------------------


def test_the_file_is_named_by_its_sha256(
    shipped: ShippedRuntime, shipped_snapshot: ShippedSnapshot
) -> None:
    name = shipped_snapshot.snapshot.name
    data = (shipped.directory / name).read_bytes()
    assert name == f"diagnostic-{hashlib.sha256(data).hexdigest()}.snapshot"
    assert shipped_snapshot.snapshot.size == len(data) > 1_000_000


def test_the_same_inputs_make_the_same_bytes(
    shipped: ShippedRuntime, shipped_snapshot: ShippedSnapshot, tmp_path: Path
) -> None:
    """What lets two builds of the same sources give byte-identical sites without a cache."""
    again = make_snapshot(
        pyodide_dir=PYODIDE_DIR,
        wheel=shipped.directory / shipped.wheel_file,
        wheel_sha256=shipped.wheel_sha256,
        cache_dir=tmp_path,
    )
    assert again.read_bytes() == (shipped.directory / shipped_snapshot.snapshot.name).read_bytes()
    assert snapshot.stdlib_of(again).name == shipped_snapshot.stdlib.name


def test_a_cached_snapshot_is_reused_and_the_key_follows_the_wheel(
    shipped: ShippedRuntime,
    shipped_snapshot: ShippedSnapshot,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(snapshot.subprocess, "run", lambda *a, **k: pytest.fail("made again"))
    heard: list[str] = []
    cached = make_snapshot(
        pyodide_dir=PYODIDE_DIR,
        wheel=shipped.directory / shipped.wheel_file,
        wheel_sha256=shipped.wheel_sha256,
        cache_dir=cache_dir / "snapshots",
        progress=heard.append,
    )
    assert cached.parent.name == snapshot_key(shipped.wheel_sha256) and heard == []
    assert snapshot_key("0" * 64) != snapshot_key(shipped.wheel_sha256)


def test_shipping_replaces_the_snapshot_of_an_earlier_build(
    shipped: ShippedRuntime, shipped_snapshot: ShippedSnapshot, cache_dir: Path, tmp_path: Path
) -> None:
    shutil.copy(shipped.directory / shipped.wheel_file, tmp_path)
    stale = tmp_path / f"diagnostic-{'0' * 64}.snapshot"
    stale.write_bytes(b"an earlier build's")
    reused = dataclasses.replace(shipped, directory=tmp_path)
    again = ship_snapshot(reused, pyodide_dir=PYODIDE_DIR, cache_dir=cache_dir / "snapshots")
    assert again == shipped_snapshot
    twins = [  # the pre-compressed twins of both
        f"{name}{suffix}"
        for name in (shipped_snapshot.snapshot.name, shipped_snapshot.stdlib.name)
        for suffix in compress.suffixes()
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [shipped.wheel_file, shipped_snapshot.snapshot.name, shipped_snapshot.stdlib.name, *twins]
    )


def test_without_node_nothing_is_made(
    shipped: ShippedRuntime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot.shutil, "which", lambda name: None)
    with pytest.raises(NodeNotFound, match=r"Node\.js is not on PATH"):
        make_snapshot(
            pyodide_dir=PYODIDE_DIR,
            wheel=shipped.directory / shipped.wheel_file,
            wheel_sha256=shipped.wheel_sha256,
            cache_dir=tmp_path,
        )


def test_a_failing_script_says_what_node_said_and_caches_nothing(
    shipped: ShippedRuntime, tmp_path: Path
) -> None:
    with pytest.raises(SnapshotError, match=r"make_snapshot\.mjs failed[\s\S]*pyodide\.mjs"):
        make_snapshot(
            pyodide_dir=tmp_path / "no-pyodide-here",
            wheel=shipped.directory / shipped.wheel_file,
            wheel_sha256=shipped.wheel_sha256,
            cache_dir=tmp_path / "cache",
        )
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []


# -- the plugin, building a site -----------------------------------------------------------------


def build_site(
    root: Path, cache_dir: Path, *, strict: bool = True, path: str | None = None, **options: Any
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Build a site of the shipped content with the plugin's `options`; `path` replaces PATH."""
    settings = "".join(f"      {key}: {json.dumps(value)}\n" for key, value in options.items())
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Snapshot test\ntheme:\n  name: material\n  font: false\nplugins:\n"
        "  - mentoring-stages:\n"
        f"      node_modules: {json.dumps(str(ROOT / 'node_modules'))}\n"
        f"      cache_dir: {json.dumps(str(cache_dir))}\n" + settings,
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if path is not None:
        env["PATH"] = path
    command = [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else [])]
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    return done, root / "site"


def shipped_snapshots(site: Path) -> list[str]:
    runtime_dir = site / "assets" / "mentoring-stages" / "pyodide" / PYODIDE_VERSION
    return sorted(path.name for path in runtime_dir.glob("*.snapshot"))


def snapshot_attribute(site: Path) -> str | None:
    html = (site / "diagnostic" / "index.html").read_text(encoding="utf-8")
    found = [part.split('"')[1] for part in html.split(" data-msd-snapshot=")[1:]]
    return found[0] if found else None


def fake_node(directory: Path) -> str:
    """A PATH whose `node` fails the way a broken Node would, loudly."""
    directory.mkdir()
    node = directory / "node"
    node.write_text("#!/bin/sh\necho 'node: cannot start here' >&2\nexit 1\n", encoding="utf-8")
    node.chmod(0o755)
    return str(directory)


def test_a_site_ships_the_cached_snapshot_and_drops_it_with_snapshot_false(
    shipped_snapshot: ShippedSnapshot, cache_dir: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    # A `node` that fails proves the build took the snapshot from the cache.
    done, site = build_site(project, cache_dir, path=fake_node(tmp_path / "bin"))
    assert done.returncode == 0, done.stderr
    assert shipped_snapshots(site) == [shipped_snapshot.snapshot.name]
    name = shipped_snapshot.snapshot.name
    attribute = f"../assets/mentoring-stages/pyodide/{PYODIDE_VERSION}/{name}"
    assert snapshot_attribute(site) == attribute
    # Again with `snapshot: false`: the earlier build's snapshot goes, and the page names none.
    done, site = build_site(project, cache_dir, snapshot=False)
    assert done.returncode == 0, done.stderr
    assert shipped_snapshots(site) == [] and snapshot_attribute(site) is None
    assert (site / "diagnostic" / "index.html").read_text().count("data-msd-lock=") == 1


def test_without_node_a_strict_build_succeeds_without_a_snapshot(tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    done, site = build_site(tmp_path / "project", cache_sharing_twins(tmp_path / "cache"),
                            path=str(empty))
    assert done.returncode == 0, done.stderr
    assert "Node.js is not on PATH" in done.stderr and "without a snapshot" in done.stderr
    assert shipped_snapshots(site) == [] and snapshot_attribute(site) is None


def test_a_snapshot_that_cannot_be_made_is_a_warning_that_says_how_to_do_without(
    tmp_path: Path,
) -> None:
    path = fake_node(tmp_path / "bin")
    cache = cache_sharing_twins(tmp_path / "cache")
    done, site = build_site(tmp_path / "project", cache, strict=False, path=path)
    assert done.returncode == 0, done.stderr
    assert "WARNING" in done.stderr and "node: cannot start here" in done.stderr
    assert "snapshot: false" in done.stderr
    assert shipped_snapshots(site) == [] and snapshot_attribute(site) is None
    strict, _ = build_site(tmp_path / "project", cache, path=path)
    assert strict.returncode != 0, "--strict makes the warning fail the build"
