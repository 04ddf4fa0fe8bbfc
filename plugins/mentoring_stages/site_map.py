"""Where everything the plugin adds lives in the site: the one URL scheme for pages and assets,
used for the generated files, the links between pages and the order of the navigation.

Paths are MkDocs source paths (`frameworks/kram.md`); MkDocs turns them into URLs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from .content.model import Content

ASSETS_DIR = "assets/mentoring-stages"
PACKAGE_ASSETS = Path(__file__).with_name("assets")
"""The front-end files every site gets (package data), copied under ASSETS_DIR as they are."""
STYLESHEET = f"{ASSETS_DIR}/mentoring-stages.css"
# Every site's accessible colours and print styles, ahead of the site's own stylesheets.
THEME_STYLESHEETS = (STYLESHEET, f"{ASSETS_DIR}/palette.css", f"{ASSETS_DIR}/print.css")
DIAGNOSTIC_DIR = f"{ASSETS_DIR}/diagnostic"
DIAGNOSTIC_LOADER = f"{ASSETS_DIR}/diagnostic/loader.mjs"
DIAGNOSTIC_STYLESHEET = f"{ASSETS_DIR}/diagnostic/diagnostic.css"
MODEL_FILE = f"{ASSETS_DIR}/diagnostic/model.json"
WORKER_FILE = f"{ASSETS_DIR}/diagnostic/worker.mjs"
COHORT_STYLESHEET = f"{ASSETS_DIR}/diagnostic/cohort.css"
# The questionnaire as a survey for form tools (stage_diagnostic.survey.survey_files), by name.
SURVEY_DIR = f"{ASSETS_DIR}/diagnostic/"

REFERENCE_DIR = "reference"
"""The section for organisations: the plugin's reference pages and a site's own."""

# The pages a link can name with ("page", name).
NAMED_PAGES = {
    "frameworks": "frameworks/index.md",
    "guidance": "guidance/index.md",
    "compare": "compare.md",
    "sources": "sources.md",
    "diagnostic": "diagnostic.md",
    "glossary": "glossary.md",
    "cohort": f"{REFERENCE_DIR}/cohort.md",  # with the pages for organisations
}
ANCHOR_PREFIXES = {"stage": "stage-", "source": "source-"}
"""What starts the id of a stage's heading on its framework's page, and of a source's entry on the
sources page; templates write both ids with `anchor(kind, id)` and link them with `links`."""


class UnknownShownFramework(ValueError):
    """`show` or `default_framework` names a framework the content does not have (or shows)."""


def page_path(kind: str, target: str = "") -> str:
    """The source path of a page: a framework or a guidance topic by id, or a named page."""
    if kind == "framework":
        return f"frameworks/{target}.md"
    if kind == "guidance":
        return f"guidance/{target}.md"
    if kind == "page":
        return NAMED_PAGES[target]
    raise ValueError(f"unknown page kind {kind!r}")


def anchor(kind: str, target: str) -> str:
    """The id of a stage's heading ("stage", stage id) or a source's entry ("source", source id)."""
    return f"{ANCHOR_PREFIXES[kind]}{target}"


def link_target(kind: str, target: str = "") -> tuple[str, str]:
    """(source path, fragment) a template's `links(kind, target)` points at; fragment may be ''.
    A stage is named "framework id/stage id"."""
    if kind == "source":
        return NAMED_PAGES["sources"], f"#{anchor('source', target)}"
    if kind == "stage":
        framework, _, stage = target.partition("/")
        return page_path("framework", framework), f"#{anchor('stage', stage)}"
    if kind == "survey":
        return SURVEY_DIR + target, ""
    return page_path(kind, target), ""


def navigation_rank(content: Content) -> dict[str, int]:
    """Generated framework and guidance pages, ranked by their content `order`."""
    rank = {page_path("framework", f.id): index for index, f in enumerate(content.frameworks)}
    rank |= {page_path("guidance", g.id): index for index, g in enumerate(content.guidance)}
    return rank


def shown(content: Content, show: Sequence[str] | None) -> Content:
    """The content with only the frameworks `show` names, in that order (all when None)."""
    if show is None:
        return content
    known = {framework.id: framework for framework in content.frameworks}
    unknown = [framework_id for framework_id in show if framework_id not in known]
    if unknown:
        raise UnknownShownFramework(
            f"'show' names unknown frameworks: {', '.join(unknown)}. Known: {', '.join(known)}"
        )
    return dataclasses.replace(
        content, frameworks=tuple(known[framework_id] for framework_id in show)
    )


def shown_default_framework(content: Content, wanted: str | None) -> str | None:
    """`wanted` (the `default_framework` setting), once checked to be a framework the site shows."""
    known = [framework.id for framework in content.frameworks]
    if wanted is not None and wanted not in known:
        raise UnknownShownFramework(
            f"'default_framework' names '{wanted}', which is not a framework the site shows. "
            f"Known: {', '.join(known)}"
        )
    return wanted


def asset_files() -> dict[str, Path]:
    """The package's front-end files by their path in the site."""
    return {
        f"{ASSETS_DIR}/{asset.relative_to(PACKAGE_ASSETS).as_posix()}": asset
        for asset in sorted(PACKAGE_ASSETS.rglob("*"))
        if asset.is_file()
    }


def runtime_dir(relative_dir: str) -> str:
    """The folder of the shipped runtime (Pyodide's files, the engine wheel, the lock file)."""
    return f"{ASSETS_DIR}/{relative_dir}"
