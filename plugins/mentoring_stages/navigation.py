"""The order of the navigation: generated frameworks and guidance topics by their `order`, not by
file name, and the bibliography last, after the reading it supports."""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .site_map import page_path


def order_navigation(nav: Navigation, rank: dict[str, int]) -> None:
    """Sort, in place, each section holding ranked pages (`rank`: source path -> position)."""

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
    sources = page_path("page", "sources")
    nav.items.sort(key=lambda item: isinstance(item, Page) and item.file.src_uri == sources)
