"""What the package ships besides its code: the content every site starts from, Pyodide's files.

Both are package data, found with `importlib.resources` wherever the package is installed (a wheel
in a virtualenv, or an editable install of this repository), never by a path into a source tree::

    mentoring_stages/shipped/     the frameworks, guidance, sources, questionnaire and JSON Schemas
    mentoring_stages/pyodide/     Pyodide's core files, put into the wheel by `hatch_build.py`

An editable install has no `pyodide/` (the files are not in git): it uses the `node_modules` that
`npm ci` filled in the checkout, as the plugin's `node_modules` setting says.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

CONTENT = "shipped"
"""The shipped content folder inside the package."""

PYODIDE = "pyodide"
"""The folder inside the package that holds Pyodide's files, laid out as the npm package is."""


def _package_path(name: str) -> Path:
    found = files(__package__).joinpath(name)
    # A package installed from a wheel is a folder on disk; MkDocs and Node need real paths.
    if not isinstance(found, Path):
        raise RuntimeError(f"mentoring_stages is not installed as files on disk: {found}")
    return found


def content_dir() -> Path:
    """The shipped content: six frameworks, the guidance, the bibliography and the questionnaire."""
    return _package_path(CONTENT)


def content_dirs(own: list[Path], *, with_shipped: bool = True) -> list[Path]:
    """The content folders a site reads, in order: the shipped content first, then its own.

    A file in a later folder replaces a file at the same path in an earlier one, so a site can
    replace `diagnostic.yaml` or `kram.yaml`; bibliographies (`sources.yaml`) add up instead (see
    `content.loader.content_files`).
    """
    return [content_dir(), *own] if with_shipped else list(own)


def pyodide_dir(node_modules: Path) -> Path | None:
    """Where Pyodide's files are, laid out as its npm package: `node_modules/pyodide` when `npm ci`
    put it there (this repository, or a site that pins its own), else the copy inside the installed
    wheel. None when there is neither (an editable install before `npm ci`)."""
    for candidate in (node_modules / "pyodide", _package_path(PYODIDE)):
        if (candidate / "package.json").is_file():
            return candidate
    return None
