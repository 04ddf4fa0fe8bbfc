"""Every link, script, stylesheet and image in the built site points at a file that exists, and
every #fragment at an element that has that id: in the build at the root and in the one under a
sub-path.

This reads the built files rather than driving a browser, so it covers every page in a second; it
lives beside the browser tests because it checks the same two builds.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from bench.nginx_server import SUB_PATH

LINK_ATTRIBUTES = {"href", "src", "action", "poster", "data"}


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []  # (line, URL as written)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES:
                self.links.append((line, value))
            elif name == "srcset":
                self.links.extend((line, part.split()[0]) for part in value.split(",") if part)


def page_url(site: Path, file: Path, base: str) -> str:
    """The URL a file is served at, for a site published at `base` (ending in '/')."""
    relative = file.relative_to(site).as_posix()
    return base + (relative.removesuffix("index.html") if file.name == "index.html" else relative)


def broken_links(site: Path, base: str) -> list[str]:
    """One line per link that leads nowhere: 'page:line: URL (why)'."""
    pages = {file: _PageReader() for file in site.rglob("*.html")}
    for file, reader in pages.items():
        reader.feed(file.read_text(encoding="utf-8"))
    ids_by_file = {file.resolve(): reader.ids for file, reader in pages.items()}
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    problems = defaultdict(list)
    for file, reader in pages.items():
        here = page_url(site, file, base)
        for line, link in reader.links:
            url, fragment = urldefrag(urljoin(here, link))
            # Another host (a cited source); test_loading_and_privacy keeps pages from loading any.
            if not url.startswith(origin):
                continue
            where = f"{file.relative_to(site)}:{line}: {link}"
            path = unquote(urlsplit(url).path)
            if not path.startswith(urlsplit(base).path):
                problems[where].append("outside the site")
                continue
            target = site / path.removeprefix(urlsplit(base).path)
            if target.is_dir() or path.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                problems[where].append("no such file")
            elif (
                fragment
                and target.suffix == ".html"
                and fragment not in ids_by_file[target.resolve()]
            ):
                problems[where].append(f"no element with id {fragment!r}")
    return [f"{where} ({', '.join(why)})" for where, why in sorted(problems.items())]


def test_the_checker_finds_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a> <a href="a/#top">ok</a> <a href="b/">gone</a>\n'
        '<a href="a/#nowhere">no anchor</a> <img src="../../escape.png"> <a href="https://x.org/">away</a>'
    )
    (tmp_path / "a/index.html").write_text('<h1 id="top">A</h1><a href="../#">home</a>')
    assert broken_links(tmp_path, "http://127.0.0.1/") == [
        "index.html:1: b/ (no such file)",
        "index.html:2: ../../escape.png (no such file)",
        "index.html:2: a/#nowhere (no element with id 'nowhere')",
    ]
    assert "index.html:2: ../../escape.png (outside the site)" in broken_links(
        tmp_path, "http://127.0.0.1/sub/"
    )


def test_no_broken_link_at_the_root(site: Path) -> None:
    assert len(list(site.rglob("*.html"))) > 20
    assert broken_links(site, "http://127.0.0.1:8000/") == []


def test_no_broken_link_under_a_sub_path(sub_path_site: Path, sub_path_port: int) -> None:
    assert broken_links(sub_path_site, f"http://127.0.0.1:{sub_path_port}{SUB_PATH}") == []

