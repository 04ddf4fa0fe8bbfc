"""Fixtures for running the engine inside real Pyodide under Node.

The runtime is shipped exactly as the site ships it (`ship_runtime`), so these tests also check the
lock file and the wheel: a wheel that Pyodide refuses fails here before it fails in a browser.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from mentoring_stages.content import load_content
from mentoring_stages.diagnostic_model import model_json
from mentoring_stages.runtime import RuntimeShippingError, ShippedRuntime, ship_runtime
from mentoring_stages.shipped import content_dir

from tests.support.mkdocs_build import BUILD_CACHE

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("run_engine.mjs")
ENGINE_SOURCE = ROOT / "diagnostic" / "stage_diagnostic"


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> ShippedRuntime:
    """The runtime directory as the site holds it: core files, lock file, engine wheel."""
    try:
        return ship_runtime(
            tmp_path_factory.mktemp("site") / "assets" / "mentoring-stages",
            node_modules=ROOT / "node_modules",
            engine_source=ENGINE_SOURCE,
            cache_dir=BUILD_CACHE / "wheels",
        )
    except RuntimeShippingError as error:
        pytest.fail(f"cannot ship the runtime for the Pyodide tests: {error}")


@pytest.fixture(scope="session")
def model() -> str:
    """The model compiled from the shipped content, as the site's model.json holds it."""
    return model_json(load_content([content_dir()]))


class PyodideEngine:
    """Runs batches of requests through `run_engine.mjs`: one Pyodide start per batch, the plain
    way (with Pyodide's standard library archive, or the one given) or, given a snapshot file and
    the archive it was made with, from the snapshot."""

    def __init__(
        self, runtime_dir: Path, stdlib: Path | None = None, snapshot: Path | None = None
    ) -> None:
        node = shutil.which("node")
        if node is None:
            pytest.fail("node is not on PATH: scripts/setup.sh installs it")
        self.runtime_dir = runtime_dir
        files = [str(path) for path in (stdlib, snapshot) if path is not None]
        self.command = [node, str(RUNNER), str(runtime_dir), *files]

    def started_from(self, stdlib: Path, snapshot: Path | None = None) -> PyodideEngine:
        """The same runtime with the site's own standard library archive, started from a
        snapshot made with it (or the plain way), as the browser worker starts it."""
        return PyodideEngine(self.runtime_dir, stdlib, snapshot)

    def run(self, model: str, requests: list[str], python: str = "") -> dict[str, Any]:
        payload = json.dumps({"model": model, "requests": requests, "python": python})
        done = subprocess.run(
            self.command, input=payload, capture_output=True, text=True, timeout=300, check=False
        )
        if done.returncode != 0:
            pytest.fail(f"run_engine.mjs failed ({done.returncode}):\n{done.stderr[-4000:]}")
        result: dict[str, Any] = json.loads(done.stdout)
        return result


@pytest.fixture(scope="session")
def pyodide_engine(shipped: ShippedRuntime) -> PyodideEngine:
    return PyodideEngine(shipped.directory)
