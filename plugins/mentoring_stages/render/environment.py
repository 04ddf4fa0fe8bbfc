"""The Jinja2 environment: autoescaped, package templates, a site's own folder first."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
)

from ..content.model import PHASES
from ..language import Words, fill_markup, load_words
from ..site_map import anchor
from .timeline import tone


def make_environment(
    override_dir: Path | None = None, words: Words | None = None, cache_dir: Path | None = None
) -> Environment:
    """Templates come from the package; a site can replace any of them in `override_dir`. Their
    fixed labels are `words` (the site's language; English unless given), filled with `fill`. With
    `cache_dir`, compiled templates are kept there between builds (see `compiled_templates`)."""
    loaders: list[BaseLoader] = [FileSystemLoader(override_dir)] if override_dir else []
    loaders.append(PackageLoader("mentoring_stages", "templates"))
    environment = Environment(
        loader=ChoiceLoader(loaders),
        bytecode_cache=None if cache_dir is None else compiled_templates(cache_dir),
        autoescape=True,  # every string from YAML reaches HTML escaped
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    environment.filters["paragraphs"] = paragraphs
    environment.filters["tone"] = tone
    environment.filters["fill"] = fill_markup
    # Plain text, escaped where it lands: JSON for a data- attribute the page's scripts read.
    environment.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)
    environment.globals["words"] = (words or load_words()).sections
    environment.globals["anchor"] = anchor
    environment.globals["phase_ids"] = PHASES  # the comparison's phases, in order
    return environment


def compiled_templates(cache_dir: Path) -> FileSystemBytecodeCache:
    """Where an environment keeps its compiled templates between builds. Jinja checks each one's
    source before using it, so an edited template is compiled again. Compiling is a twentieth of
    a build for the plugin's templates, and a tenth for the theme's (Material's and the plugin's
    overrides), which MkDocs compiles afresh on every build and every reload of `mkdocs serve`."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(cache_dir))


def paragraphs(text: str | None) -> list[str]:
    """Split plain text on blank lines: the only structure content text may carry."""
    if not text:
        return []
    blocks = [" ".join(line.strip() for line in block.splitlines()) for block in text.split("\n\n")]
    return [block for block in blocks if block]
