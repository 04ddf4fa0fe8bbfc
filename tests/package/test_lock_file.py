"""The Pyodide lock file the build writes by hand is the one the `pyodide-lock` library would write.

The build does not import `pyodide-lock` (it would bring pydantic into every build for one small
JSON file), so this test holds the hand-written file to the library's schema and output; the tests
under tests/pyodide load it in real Pyodide.
"""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator
from mentoring_stages import runtime
from pyodide_lock import PyodideLockSpec
from pyodide_lock.spec import InfoSpec, PackageSpec

INFO = {
    "arch": "wasm32",
    "platform": "emscripten_5_0_3",
    "version": runtime.PYODIDE_VERSION,
    "python": "3.14.2",
    "abi_version": "2026_0",
}


def written(tmp_path: Path) -> tuple[Path, Path, str]:
    wheel = tmp_path / f"{runtime.ENGINE_IMPORT}-0.123-py3-none-any.whl"
    wheel.write_bytes(b"not really a wheel, but hashed as one")
    lock = tmp_path / runtime.LOCK_FILE
    return wheel, lock, runtime.write_lock_file(lock, wheel, INFO)


def test_the_lock_file_passes_the_librarys_schema_and_checks(tmp_path: Path) -> None:
    wheel, lock, sha256 = written(tmp_path)
    data = json.loads(lock.read_text(encoding="utf-8"))
    Draft202012Validator(PyodideLockSpec.model_json_schema()).validate(data)
    spec = PyodideLockSpec.from_json(lock)
    spec.check_wheel_filenames()
    (package,) = spec.packages.values()
    assert package.file_name == wheel.name and package.sha256 == sha256
    assert package.imports == [runtime.ENGINE_IMPORT] and package.depends == []


def test_the_lock_file_is_byte_for_byte_what_the_library_writes(tmp_path: Path) -> None:
    wheel, lock, sha256 = written(tmp_path)
    library = tmp_path / "library.json"
    PyodideLockSpec(
        info=InfoSpec(**INFO),
        packages={
            runtime.ENGINE_DISTRIBUTION: PackageSpec(
                name=runtime.ENGINE_DISTRIBUTION,
                version="0.123",
                file_name=wheel.name,
                install_dir="site",
                sha256=sha256,
                package_type="package",
                imports=[runtime.ENGINE_IMPORT],
                depends=[],
            )
        },
    ).to_json(library, indent=2)
    assert lock.read_bytes() == library.read_bytes()
