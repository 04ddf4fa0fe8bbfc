"""What the package ships besides its code: the content every site starts from, Pyodide's files.

In a wheel both are package data, found with `importlib.resources`::

    mentoring_stages/shipped/     the frameworks, guidance, sources, glossary, questionnaire and
                                  JSON Schemas, mapped from `frameworks/` at the top of the
                                  repository at build time
    mentoring_stages/pyodide/     Pyodide's core files, put into the wheel by `hatch_build.py`

The repository keeps one copy of the content, in `frameworks/`, where a content author finds it.
An editable install has neither folder inside the package: it reads `frameworks/` in place, and
uses the `node_modules` that `npm ci` filled in the checkout, as the plugin's `node_modules`
setting says.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

CONTENT = "shipped"
"""The shipped content folder inside the package (see pyproject.toml's `force-include`)."""

CHECKOUT_CONTENT = "frameworks"
"""The same content at the top of the repository, read in place by an editable install."""

PYODIDE = "pyodide"
"""The folder inside the package that holds Pyodide's files, laid out as the npm package is."""

NGINX_EXAMPLE = "deploy/nginx.conf"
"""The nginx example, at this path in the package and in the checkout (pyproject.toml maps it)."""
"""The folder inside the package that holds Pyodide's files, laid out as the npm package is."""


def _package_path(name: str) -> Path:
    found = files(__package__).joinpath(name)
    # A package installed from a wheel is a folder on disk; MkDocs and Node need real paths.
    if not isinstance(found, Path):
        raise RuntimeError(f"mentoring_stages is not installed as files on disk: {found}")
    return found


def content_dir() -> Path:
    """The shipped content: six frameworks, the guidance, the bibliography and the questionnaire."""
    return _packaged_or_checkout(CONTENT, CHECKOUT_CONTENT)


def nginx_example() -> Path:
    """The example nginx configuration that the test suite runs (deploy/nginx.conf)."""
    return _packaged_or_checkout(NGINX_EXAMPLE, NGINX_EXAMPLE)


def _packaged_or_checkout(name: str, checkout_name: str) -> Path:
    packaged = _package_path(name)
    if packaged.exists():
        return packaged
    # An editable install: the package is `plugins/mentoring_stages/` of the checkout.
    checkout = Path(__file__).resolve().parents[2] / checkout_name
    if checkout.exists():
        return checkout
    raise RuntimeError(
        f"mentoring_stages has no {checkout_name}: neither {packaged} nor {checkout} exists; "
        "reinstall the package"
    )


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
