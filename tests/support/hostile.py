"""A copy of the shipped content with hostile text in every free-text field, built into a site.

An organisation that takes content contributions lets strangers write its YAML. The copy puts
hostile text (HTML that runs script, a broken-out attribute, Jinja, Markdown, bidirectional
controls) into every free-text field of every file, each copy tagged with a marker naming its file
and field. `tests/plugins/test_hostile_pages.py` reads the built HTML as a browser would;
`tests/browser/test_hostile_content.py` serves it to Chromium.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from mentoring_stages.content import ContentError, load_content
from mentoring_stages.shipped import content_dir

from tests.support.mkdocs_build import build_site, repo_project

# Identifiers, references, numbers and URLs are checked by the loader's patterns; everything else
# is free text an author writes, and reaches a page, the model or both.
STRUCTURAL_FIELDS = {
    "id", "source", "sources", "stage", "framework", "from", "to", "flags", "duration_source",
    "url", "page", "span", "order", "weight", "weights", "scale", "phrases", "blocks",
    "phase", "kind", "seed", "as_cited_in",
}  # fmt: skip


def hostile(marker: str) -> str:
    """Text that is markup, script, a template and Markdown at once, tagged with `marker`."""
    return (
        f"[{marker}] <img src=x onerror=\"window.__pwned='{marker} img';alert(1)\">"
        f"\"><script>window.__pwned='{marker} script';alert(2)</script>"
        f"' onmouseover='window.__pwned=1' "
        "{{7*191}} {% if true %}JINJA-RAN{% endif %} "  # 25 words at most: it fills excerpts too
        "[md-link](javascript:window.__pwned=4) **md-bold** <b>html-bold</b> "
        "Tom & Jerry \u202eevil\u202c \u2066isolate\u2069 "
        "</title></textarea><svg onload=window.__pwned=5>"
    )


def poison(value: Any, file: str, path: str, markers: dict[str, str]) -> Any:
    """`value` with every free-text string replaced by hostile text; records marker -> place."""
    if isinstance(value, dict):
        return {
            key: item if key in STRUCTURAL_FIELDS else poison(item, file, f"{path}.{key}", markers)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [poison(item, file, f"{path}[{index}]", markers) for index, item in enumerate(value)]
    if isinstance(value, str):
        marker = f"F{len(markers)}"
        markers[marker] = f"{file}:{path.lstrip('.')}"
        return hostile(marker)
    return value


@dataclass
class HostileSite:
    site: Path
    markers: dict[str, str]  # marker -> "file:field", for failure messages

    def place(self, text: str) -> str:
        found = sorted(set(re.findall(r"\bF\d+\b", text)), key=lambda m: int(m[1:]))
        return ", ".join(self.markers[marker] for marker in found) or "(no marker nearby)"


def build_hostile_site(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    # The hostile copy instead of the shipped content, and the project's own build cache: the
    # engine wheel and the memory snapshot do not depend on the content, so the build reuses them.
    # Without a snapshot, the plain start on a busy test machine can stall longer than the page's
    # time limit, which would fail for the wrong reason.
    project = repo_project(
        tmp_path_factory.mktemp("hostile-project"),
        shipped_content=False,
        frameworks=["frameworks"],
    )
    markers: dict[str, str] = {}
    shipped = content_dir()
    for path in sorted(shipped.rglob("*.yaml")):
        relative = Path("frameworks") / path.relative_to(shipped)
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = poison(yaml.safe_load(path.read_text(encoding="utf-8")), str(relative), "", markers)
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    shutil.copytree(shipped / "schema", project / "frameworks" / "schema")
    try:
        load_content([project / "frameworks"])
    except ContentError as error:
        pytest.fail(f"the loader refused hostile text it should take as text:\n{error}")
    site = build_site(project / "mkdocs.yml", tmp_path_factory.mktemp("hostile-site"))
    return HostileSite(site, markers)


@dataclass
class Injected:
    """What html.parser, reading as a browser does, found that came from content as markup."""

    found: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # every text node, entities decoded
    aria_labels: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self, injected: Injected) -> None:
        super().__init__(convert_charrefs=True)
        self.injected = injected
        self.in_script = False
        self.bold = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.bold = tag if tag in ("b", "strong") else ""
        self.in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name == "srcdoc":
                self.injected.found.append(f"<{tag} {name}={value!r}>")
            if re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:"):
                self.injected.found.append(f"<{tag} {name}={value!r}>")
            if name == "aria-label":
                self.injected.aria_labels.append(value)
        if tag in ("img", "svg") and dict(attrs).get("src") == "x":
            self.injected.found.append(f"<{tag} src=x>")

    def handle_data(self, data: str) -> None:
        if self.in_script and "__pwned" in data:
            self.injected.found.append(f"<script>{data[:80]}")
        if self.bold and data in ("md-bold", "html-bold"):
            self.injected.found.append(f"<{self.bold}>{data}")
        self.injected.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False
        self.bold = ""


def read_page(html: str) -> Injected:
    injected = Injected()
    reader = _Reader(injected)
    reader.feed(html)
    reader.close()
    return injected


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
