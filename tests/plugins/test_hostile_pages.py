"""Hostile text in every kind of content field never renders as markup in the built HTML, read as
a browser would (html.parser): no element, attribute, link or template output came from it on any
page, the table of contents, the navigation, the footer's aria-labels or the 404 page. (That no
script of it runs in Chromium is `tests/browser/test_hostile_content.py`.)"""

from __future__ import annotations

import re

from tests.support.hostile import HostileSite, pages, read_page


def test_hostile_text_never_becomes_markup_in_the_built_html(hostile_site: HostileSite) -> None:
    problems = []
    shown = 0
    for path in pages(hostile_site.site):
        html = path.read_text(encoding="utf-8")
        page = read_page(html)
        name = path.relative_to(hostile_site.site).as_posix()
        problems += [f"{name}: {found} from {hostile_site.place(found)}" for found in page.found]
        text = "".join(page.text)
        # 7*191 worked out, not a marker that happens to be numbered 1337 ("[F1337]").
        if re.search(r"(?<![F\d])1337", text) or "JINJA-RAN" in text.replace(
            "{% if true %}JINJA-RAN", ""
        ):
            problems.append(f"{name}: a template ran content's Jinja")
        shown += text.count("{{7*191}}")
        for label in page.aria_labels:
            if "[F" in label and ("&lt;" in label or "&amp;" in label):
                problems.append(f"{name}: escaped twice: aria-label={label[:90]!r}")
    assert not problems, f"{len(problems)} problems, first:\n" + "\n".join(problems[:20])
    assert shown > len(hostile_site.markers) / 2, "the hostile text is not on the pages as text"


def test_the_toc_and_the_footer_read_hostile_titles_as_text(hostile_site: HostileSite) -> None:
    """The places a title is copied to by the theme: table of contents, nav, footer, <title>."""
    kram = read_page((hostile_site.site / "frameworks/kram/index.html").read_text("utf-8"))
    assert kram.found == []
    labels = [label for label in kram.aria_labels if label.startswith(("Previous:", "Next:"))]
    assert labels, "the framework page has no footer links"
    for label in labels:
        assert "[F" in label and "<img src=x" in label and "Tom & Jerry" in label, label
    html = (hostile_site.site / "frameworks/kram/index.html").read_text("utf-8")
    toc = html[html.index('class="md-nav md-nav--secondary"') :]
    toc = toc[: toc.index("</nav>\n</div>") if "</nav>\n</div>" in toc else len(toc)]
    assert "&lt;img src=x onerror=" in toc, "the stage names are not in the table of contents"
    title = html[html.index("<title>") : html.index("</title>")]
    assert "&lt;" in title and "<script" not in title
