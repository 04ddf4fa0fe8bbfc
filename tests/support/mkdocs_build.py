"""Building a site with `mkdocs build` in a subprocess, as an author would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

MKDOCS = [sys.executable, "-m", "mkdocs"]


def site_config(extra: str = "") -> str:
    """A small mkdocs.yml: the plugin without the diagnostic (so no runtime, no snapshot)."""
    return f"""\
site_name: Test site
theme:
  name: material
  font: false
  features: [navigation.instant, navigation.footer]
plugins:
  - search
  - mentoring-stages:
      shipped_content: false
      frameworks: [frameworks]
      diagnostic: false
{extra}"""


def build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "-q", *args],
        cwd=root, env=env, capture_output=True, text=True,
    )


REPO = Path(__file__).resolve().parents[2]


def repo_project(root: Path, **settings: object) -> Path:
    """A copy of the repository's mkdocs.yml in `root`, beside links to the folders it names, with
    the plugin's `settings` changed (`snapshot=False` for a test that needs no snapshot)."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "hooks", "node_modules", "overrides"):
        (root / name).symlink_to(REPO / name)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = config["plugins"]
    for index, plugin in enumerate(plugins):
        if plugin == "mentoring-stages":
            plugin = {"mentoring-stages": {}}
        if isinstance(plugin, dict) and "mentoring-stages" in plugin:
            # Engine wheels are cached with the repository's, not built again for each copy.
            cache = {"cache_dir": str(REPO / ".cache/mentoring-stages")}
            plugins[index] = {"mentoring-stages": {**(plugin["mentoring-stages"] or {}),
                                                   **cache, **settings}}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root
