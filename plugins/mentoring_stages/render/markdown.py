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

import html as html_module
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
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
    name and text for error messages. `anchor_ids` gathers the ids the blocks' HTML gives the page:
    MkDocs finds ids in a page's Markdown and raw HTML, not in HTML an extension stashes, and a
    link to one (`sources.md#source-...`) would look broken to its anchor check."""

    renderer: BlockRenderer
    links: Links
    name: str
    source: str
    anchor_ids: set[str] = field(default_factory=set)

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
        page.anchor_ids.update(place_html(parent, html, self.parser.md))


def place_html(parent: etree.Element, html: str, md: Markdown) -> set[str]:
    """Append `html` to `parent`: its anchored headings as elements, the rest as stashed HTML.
    Returns every id in `html`."""

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
    found = scan_html(html)
    for heading in found.headings:
        if "id" not in heading.attributes or NO_TOC_ATTRIBUTE in heading.attributes:
            continue
        append_text(html[position : heading.start])
        element = etree.SubElement(parent, heading.tag, heading.attributes)
        element.text = stash(html[heading.inner_start : heading.inner_end])
        position = heading.end
    append_text(html[position:])
    return found.ids


@dataclass(frozen=True)
class FoundHeading:
    tag: str
    attributes: dict[str, str]
    start: int  # of the start tag
    inner_start: int
    inner_end: int
    end: int  # after the end tag


@dataclass(frozen=True)
class ScannedHTML:
    headings: list[FoundHeading]  # every h1..h6, outermost
    ids: set[str]  # every element's id


# Where a heading may start, and every id: the parser reads only what these find, since reading
# every tag of a stage's page was a tenth of the plugin's build. Autoescaped template output holds
# no `<h2` or `id="` in text or attribute values (they become `&lt;h2`, `id=&#34;`).
HEADING_START = re.compile(r"<(h[1-6])(?=[\s/>])", re.IGNORECASE)
ID_ATTRIBUTE = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


class _StartTag(HTMLParser):
    """One heading's start tag, its attributes read as a browser reads them, and its length."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.attributes: dict[str, str] = {}
        self.length = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.length:
            self.attributes = {name: value if value is not None else "" for name, value in attrs}
            self.length = len(self.get_starttag_text() or "")


def scan_html(html: str) -> ScannedHTML:
    """Every h1..h6 in `html`, outermost, with where its tags and content begin and end; and every
    id in it."""
    headings = []
    position = 0
    for start in HEADING_START.finditer(html):
        if start.start() < position:
            continue  # inside the heading before
        tag = start.group(1).lower()
        end_tag = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(html, start.end())
        if end_tag is None:
            break  # an unclosed heading: the rest stays as it is
        reader = _StartTag()
        reader.feed(html[start.start() : end_tag.start()])
        reader.close()
        headings.append(FoundHeading(tag, reader.attributes, start.start(),
                                     start.start() + reader.length, end_tag.start(), end_tag.end()))
        position = end_tag.end()
    ids = {html_module.unescape(next(value for value in match.groups() if value is not None))
           for match in ID_ATTRIBUTE.finditer(html)}
    return ScannedHTML(headings, ids - {""})
