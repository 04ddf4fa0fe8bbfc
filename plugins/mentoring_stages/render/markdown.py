"""`::: mentoring-stages` lines as a Python-Markdown extension, as mkdocstrings places its `:::`.

Python-Markdown finds the lines: code blocks, indented or fenced, are code before this processor
sees a line, so a block line inside one stays text. The block's HTML goes into Markdown's stash,
untouched (YAML text is never read as Markdown), except its anchored headings: each one with an `id`
becomes a heading element of the page, so the `toc` extension lists it (escaped), gives it a
permalink if the site asks for them, and the table of contents is what was rendered. A heading
marked `data-ms-no-toc` (a stage's repeated sub-headings, parts of the diagnostic shown only
later) stays inside the HTML.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown import Extension, Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.util import AtomicString

from .blocks import BLOCK_START, BlockError, BlockRenderer, Links, parse_block_line

# A block line: at most three spaces in (four make an indented code block), then `:::`.
BLOCK_LINE = re.compile(rf"^ {{0,3}}{BLOCK_START}.*$", re.MULTILINE)
NO_TOC_ATTRIBUTE = "data-ms-no-toc"


@dataclass(frozen=True)
class PageContext:
    """What the blocks of the page being converted need: the renderer, the page's links, and its
    name and text for error messages."""

    renderer: BlockRenderer
    links: Links
    name: str
    source: str

    def line_of(self, block_line: str) -> int:
        """The line number of a block line in the page's source (the first, if written twice)."""
        wanted = block_line.strip()
        for number, line in enumerate(self.source.splitlines(), start=1):
            if line.strip() == wanted:
                return number
        return 1


class BlocksExtension(Extension):
    """Registered by the plugin; `page` is set before each page is converted."""

    def __init__(self, error: Callable[[str], Exception]) -> None:
        super().__init__()
        self.error = error  # what to raise for a bad block line (the plugin's build error)
        self.page: PageContext | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # After indented code (80), before headings (70) and paragraphs, like mkdocstrings (75).
        processor = BlockLineProcessor(md.parser, self)
        md.parser.blockprocessors.register(processor, "mentoring_stages", 75)


class BlockLineProcessor(BlockProcessor):
    def __init__(self, parser: BlockParser, extension: BlocksExtension) -> None:
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        return BLOCK_LINE.search(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        match = BLOCK_LINE.search(block)
        assert match is not None  # test() found it
        before, line, after = block[: match.start()], match.group(0), block[match.end() :]
        if before.strip():
            self.parser.parseBlocks(parent, [before.rstrip()])
        if after.strip():
            blocks.insert(0, after.lstrip("\n"))
        page = self.extension.page
        if page is None:
            raise self.extension.error(f"'{line.strip()}' outside a page of the site")
        try:
            parsed = parse_block_line(line)
            assert parsed is not None  # BLOCK_LINE matched
            html = page.renderer.render(*parsed, links=page.links)
        except BlockError as error:
            raise self.extension.error(f"{page.name}:{page.line_of(line)}: {error}") from None
        place_html(parent, html, self.parser.md)


def place_html(parent: etree.Element, html: str, md: Markdown) -> None:
    """Append `html` to `parent`: its anchored headings as elements, the rest as stashed HTML."""

    def stash(fragment: str) -> AtomicString:
        return AtomicString(md.htmlStash.store(fragment))

    def append_text(fragment: str) -> None:
        if not fragment.strip():
            return
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + stash(fragment)
        else:
            parent.text = (parent.text or "") + stash(fragment)

    position = 0
    for heading in find_headings(html):
        if "id" not in heading.attributes or NO_TOC_ATTRIBUTE in heading.attributes:
            continue
        append_text(html[position : heading.start])
        element = etree.SubElement(parent, heading.tag, heading.attributes)
        element.text = stash(html[heading.inner_start : heading.inner_end])
        position = heading.end
    append_text(html[position:])


@dataclass(frozen=True)
class FoundHeading:
    tag: str
    attributes: dict[str, str]
    start: int  # of the start tag
    inner_start: int
    inner_end: int
    end: int  # after the end tag


HEADING_TAG = re.compile(r"h[1-6]")


class _HeadingFinder(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.headings: list[FoundHeading] = []
        self._open: tuple[str, dict[str, str], int, int] | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._open is None and HEADING_TAG.fullmatch(tag):
            start = self._offset()
            start_tag = self.get_starttag_text() or ""
            attributes = {name: value if value is not None else "" for name, value in attrs}
            self._open = (tag, attributes, start, start + len(start_tag))

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == self._open[0]:
            name, attributes, start, inner_start = self._open
            inner_end = self._offset()
            end = self.html.index(">", inner_end) + 1
            self.headings.append(FoundHeading(name, attributes, start, inner_start, inner_end, end))
            self._open = None


def find_headings(html: str) -> list[FoundHeading]:
    """Every h1..h6 in `html`, outermost, with where its tags and content begin and end."""
    finder = _HeadingFinder(html)
    finder.feed(html)
    finder.close()
    return finder.headings
