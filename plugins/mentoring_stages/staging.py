"""Build into a folder beside the site and swap it in at the end, so that a build that fails after
MkDocs has started writing (a script the strict CSP would refuse, a warning under `--strict`)
leaves the previous site as it was, as a content error, found before anything is written, does.

MkDocs cleans `site_dir` and writes into it page by page; the plugin points `site_dir` at the
staging folder before MkDocs starts, and renames it into place after every other plugin has
written its files. A build stopped half way leaves the staging folder, which the next build
clears.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.utils import CountHandler


class StagedSite:
    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.staging = site_dir.with_name(f".{site_dir.name}.building")
        self.previous = site_dir.with_name(f".{site_dir.name}.previous")
        self._warnings = CountHandler()
        self._warnings.setLevel(logging.WARNING)

    def begin(self, *, strict: bool) -> Path:
        """Clear what a stopped build left; return the folder to build into. Under `strict`,
        count warnings, which make MkDocs stop the build after the last plugin event."""
        for leftover in (self.staging, self.previous):
            shutil.rmtree(leftover, ignore_errors=True)
        if strict:
            logging.getLogger("mkdocs").addHandler(self._warnings)
        return self.staging

    def finish(self) -> bool:
        """Swap the new site in, unless a warning will stop a strict build; say whether it was."""
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        if self._warnings.get_counts():
            self.discard()
            return False
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging.mkdir(parents=True, exist_ok=True)  # a site with no files at all
        if self.site_dir.exists():
            self.site_dir.rename(self.previous)
        self.staging.rename(self.site_dir)
        shutil.rmtree(self.previous, ignore_errors=True)
        return True

    def discard(self) -> None:
        """The build failed: the previous site stays, the new one goes."""
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        shutil.rmtree(self.staging, ignore_errors=True)
