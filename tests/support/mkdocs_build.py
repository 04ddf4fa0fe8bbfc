"""Building a site with `mkdocs build` in a subprocess, as an author would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
      diagnostic: false
{extra}"""


def build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "-q", *args],
        cwd=root, env=env, capture_output=True, text=True,
    )
