"""Building a site with `mkdocs build` in a subprocess, as an author would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mentoring_stages import compress

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


def build(root: Path, *args: str, quiet: bool = True) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in `root`. MkDocs drops warnings below `-q`'s level before strict
    mode counts them (its anchor check among them): `quiet=False` where a test needs those."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", *(["-q"] if quiet else []), *args],
        cwd=root, env=env, capture_output=True, text=True,
    )


def build_site(config: Path, out: Path) -> Path:
    """The site of `config` built into `out`, strictly; a failed build fails the test."""
    done = build(config.parent, "-f", str(config), "-d", str(out))
    if done.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{done.stdout}{done.stderr}")
    return out


REPO = Path(__file__).resolve().parents[2]
BUILD_CACHE = REPO / ".cache/mentoring-stages"
"""The plugin's `cache_dir` for the repository's own site. Engine wheels and memory snapshots are
cached there by a key of everything that goes into them, so every test that builds, ships or
snapshots the engine uses it too: each is made once, not once per copy of the site."""


def cache_sharing_twins(cache_dir: Path) -> Path:
    """An empty cache folder for a build that must make its own wheel and snapshot, sharing only
    BUILD_CACHE's compressed twins: they are named by the digest of what they compress, so never
    stale, and making the WebAssembly's brotli twin again takes about twenty seconds."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    (BUILD_CACHE / compress.TWINS_DIR).mkdir(parents=True, exist_ok=True)
    (cache_dir / compress.TWINS_DIR).symlink_to(BUILD_CACHE / compress.TWINS_DIR)
    return cache_dir


def repo_project(root: Path, *, site_url: str | None = None, **settings: object) -> Path:
    """A copy of the repository's mkdocs.yml in `root`, beside links to the folders it names, with
    the plugin's `settings` changed (`snapshot=False` for a test that needs no snapshot) and
    `site_url` set if given."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "node_modules"):
        (root / name).symlink_to(REPO / name)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    if site_url is not None:
        config["site_url"] = site_url
    plugins = config["plugins"]
    for index, plugin in enumerate(plugins):
        if plugin == "mentoring-stages":
            plugin = {"mentoring-stages": {}}
        if isinstance(plugin, dict) and "mentoring-stages" in plugin:
            cache = {"cache_dir": str(BUILD_CACHE)}
            plugins[index] = {"mentoring-stages": {**(plugin["mentoring-stages"] or {}),
                                                   **cache, **settings}}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root
