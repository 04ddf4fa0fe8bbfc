"""axe-core in a page: the pinned npm package (`npm ci` installs it), added to each page as an init
script, which the browser runs before the page's own and outside its CSP. Shared by the browser
tests and the installed-wheel test, which run it over this site and over a new one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page

AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"

COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe rules whose outcome depends on colours: all that a palette changes on a page."""


def add_axe(target: Page | BrowserContext) -> None:
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: run scripts/setup.sh (it runs npm ci)")
    target.add_init_script(path=str(AXE))


def built_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as the path a browser asks for."""
    return sorted(
        str(path.relative_to(site).parent).replace(".", "", 1) + "/"
        if path.name == "index.html"
        else str(path.relative_to(site))
        for path in site.rglob("*.html")
    )


def serious_violations(page: Page, rules: list[str] | None = None) -> list[str]:
    """Run axe (every rule, or only `rules`) on the page as it is now; one line per serious or
    critical violation."""
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    # Axe reads colours as they are drawn: text in a transition under way (Material fades the
    # header's title in and out as the page scrolls) is half transparent, which is no contrast
    # failure, so finite animations end first (a spinner's endless one never would).
    page.evaluate("""() => Promise.all(document.getAnimations()
        .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime))
        .map((animation) => animation.finished.catch(() => null)))""")
    results: dict[str, Any] = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(json.dumps(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
