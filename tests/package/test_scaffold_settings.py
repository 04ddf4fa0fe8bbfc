"""Every documented setting of the plugin, alone and the on/off switches two at a time, builds a
site made by `mentoring-stages new` with `--strict`: the scaffold's own pages (its home page's
links, its glossary term, the reference pages) hold under each. One process, MkDocs' own build
function, so the walk costs the builds and nothing else."""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from mentoring_stages.config import MentoringStagesConfig
from mentoring_stages.pages import REFERENCE_SOURCES
from mentoring_stages.scaffold import create_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.support.mkdocs_build import BUILD_CACHE, REPO

SWITCHES = {
    "shipped_content": "false",
    "generate_pages": "false",
    "reference_pages": "false",
    "diagnostic": "false",
    "snapshot": "false",
    "strict_csp": "false",
}
"""The on/off settings, each at the value that is not its default."""

SETTINGS = {
    **SWITCHES,
    "frameworks": "[frameworks, more]",
    "show": "[acme-programme, kram]",
    "templates": "own-templates",
    "default_framework": "acme-programme",
    "start_timeout": "90",
    "pyodide_url": "https://pyodide.example.org/v314/",
    "node_modules": "node_modules",
    "csp_script_origins": "[https://stats.example.org]",
    "csp_connect_origins": "[https://stats.example.org]",
    "cache_dir": str(BUILD_CACHE),
}
"""A value for every setting; the test checks that this covers the documented ones."""

CASES = [{name: value} for name, value in SETTINGS.items()] + [
    dict(pair) for pair in itertools.combinations(SWITCHES.items(), 2)
]


@pytest.fixture(scope="module")
def acme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("organisation") / "acme"
    create_site(site)
    (site / "more").mkdir()
    (site / "own-templates").mkdir()
    return site


@pytest.fixture(autouse=True)
def quiet() -> Iterator[None]:
    """MkDocs' INFO lines, 600 builds of them, are not what the test reads."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)
    yield
    logger.setLevel(level)


def test_the_walk_covers_every_documented_setting() -> None:
    documented = {name for name, _ in MentoringStagesConfig._schema}
    assert set(SETTINGS) == documented
    table = (REFERENCE_SOURCES / "self-hosting.md").read_text(encoding="utf-8")
    switches = re.findall(r"^\| `(\w+)` \| `(?:true|false)` \|", table, re.MULTILINE)
    assert set(switches) == set(SWITCHES)


@pytest.mark.parametrize(
    "settings", CASES, ids=lambda settings: "+".join(f"{k}={v}" for k, v in settings.items())
)
def test_the_new_site_builds_strictly_with(
    acme: Path, tmp_path: Path, settings: dict[str, str]
) -> None:
    text = (acme / "mkdocs.yml").read_text(encoding="utf-8")
    lines = {
        # The repository's Pyodide and build cache, as an installed wheel would bring its own.
        "node_modules": str(REPO / "node_modules"),
        "cache_dir": str(BUILD_CACHE),
        **settings,
    }
    plugin = "      frameworks: [frameworks]\n"
    assert plugin in text
    block = "".join(f"      {name}: {value}\n" for name, value in {"frameworks": "[frameworks]",
                                                                    **lines}.items())
    config_file = acme / f"mkdocs-{abs(hash(tuple(settings.items())))}.yml"
    config_file.write_text(text.replace(plugin, block), encoding="utf-8")
    if settings.get("node_modules") == "node_modules":
        (acme / "node_modules").unlink(missing_ok=True)
        (acme / "node_modules").symlink_to(REPO / "node_modules")
    config = load_config(str(config_file), strict=True, site_dir=str(tmp_path / "site"))
    build(config)  # raises Abort on any warning
    index = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "Acme mentoring" in index
    if settings.get("generate_pages") != "false":
        assert (tmp_path / "site/compare/index.html").is_file()
    off = {name for name, value in settings.items() if value == "false"}
    if off & {"diagnostic", "generate_pages", "shipped_content"}:
        assert not (tmp_path / "site/diagnostic").exists()
        assert 'href="diagnostic/"' not in index
    else:  # the home page's `start` block links to the pages the site has
        assert 'href="diagnostic/"' in index
    reference = (tmp_path / "site/reference/authoring/index.html").is_file()
    assert reference == (not off & {"generate_pages", "reference_pages"})
