"""The order of the navigation, on every site: readers' pages first, in the order a reader needs
them, the bibliography after the reading it supports, and the reference for organisations last;
inside a section, generated frameworks and guidance topics by their `order`, not by file name.
Also the links from one page to the others, as the blocks and the glossary write them."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .glossary import GLOSSARY_PAGE
from .render import BlockError, Links
from .site_map import REFERENCE_DIR, link_target, page_path

SOURCES = page_path("page", "sources")
# Top-level navigation, readers first: a page's source path or a section's folder ("name/").
# A site's other pages go where the reading ends, before the sources, in MkDocs' order.
NAV_ORDER = ("index.md", "start-here.md", page_path("page", "diagnostic"), "frameworks/",
             page_path("page", "compare"), "guidance/", "toolkit/", "faq.md", GLOSSARY_PAGE,
             "further-reading.md", SOURCES, f"{REFERENCE_DIR}/")
SECTION_TITLES = {f"{REFERENCE_DIR}/": "For organisations"}


def order_navigation(nav: Navigation, rank: dict[str, int]) -> None:
    """Sort, in place, the top level readers first, and each section holding ranked pages
    (`rank`: source path -> position) by that rank."""

    def key(item: object) -> tuple[int, int]:
        if isinstance(item, Page):
            if item.file.name == "index":
                return (0, 0)
            return (1, rank.get(item.file.src_uri, len(rank)))
        return (2, 0)

    for item in nav.items:
        if isinstance(item, Section) and any(
            isinstance(child, Page) and child.file.src_uri in rank for child in item.children
        ):
            item.children.sort(key=key)
    nav.items.sort(key=lambda item: (_rank(_nav_key(item)), _nav_key(item) == SOURCES))
    for item in nav.items:
        title = SECTION_TITLES.get(_nav_key(item))
        if title and getattr(item, "children", None) is not None:
            item.title = title


def _nav_key(item: object) -> str:
    """A page's source path, or a section's folder ("name/") from the first page in it."""
    file = getattr(item, "file", None)
    if file is not None:
        return str(file.src_uri)
    for child in getattr(item, "children", None) or []:
        key = _nav_key(child)
        if key:
            return key.split("/")[0] + "/"
    return ""


def _rank(key: str) -> int:
    for rank, prefix in enumerate(NAV_ORDER):
        if key == prefix or (prefix.endswith("/") and key.startswith(prefix)):
            return rank
    return NAV_ORDER.index(SOURCES)  # unknown pages: after the reading, before the sources


def page_urls_from(page: Page, files: Files) -> Callable[[str], str | None]:
    """A documentation page's URL relative to `page`, by its source path; None if there is none."""

    def url_of(path: str) -> str | None:
        file = files.get_file_from_path(path)
        if file is None or not file.is_documentation_page():
            return None
        return file.url_relative_to(page.file)

    return url_of


def block_links(page: Page, files: Files, diagnostic_url: Callable[[str], str]) -> Links:
    """The blocks' `links` on `page`: URLs relative to it, of the site's files by `site_map`'s
    scheme, and of the diagnostic's files by `diagnostic_url(name)`."""

    def links(kind: str, target: str = "") -> str:
        if kind == "diagnostic-file":
            return diagnostic_url(target)
        path, fragment = link_target(kind, target)
        file = files.get_file_from_path(path)
        if file is None:
            raise BlockError(f"links to '{path}', which is not part of the site")
        return get_relative_url(file.url, page.file.url) + fragment

    return links
