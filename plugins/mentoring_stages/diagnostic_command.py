"""`stage-diagnostic`, as installed: the engine's terminal command on the content a site ships.

The engine's command (`stage_diagnostic.cli`) reads a compiled model and knows nothing of YAML. This
wrapper compiles one first, from the shipped content and any `--content` folders (read as a site's
`frameworks` setting reads them), with the words of `--language` (else the terminal's own, from
LC_ALL, LC_MESSAGES or LANG), and hands it over; every other option is the engine's.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from stage_diagnostic import cli as engine_cli
from stage_diagnostic.terminal import guarded

from . import shipped
from .content import ContentError, load_content
from .diagnostic_model import model_json
from .language import LanguageError, load_words

BAD_INPUT = 2
"""The engine command's exit status for input the person can fix; this wrapper uses the same."""

CONTENT_HELP = """\
content (this command compiles the model from them; --model FILE uses a compiled one instead):
  --content DIR   a folder of your own, read after the shipped content (repeatable)
  --no-shipped    leave the shipped content out: only the --content folders
  --language CODE the language it speaks, as a site's theme.language (default: the terminal's)
"""


def main(argv: list[str] | None = None) -> int:
    return guarded("stage-diagnostic", lambda: _run(argv))


def _run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="stage-diagnostic", add_help=False)
    parser.add_argument("--content", action="append", type=Path, default=[])
    parser.add_argument("--no-shipped", action="store_true")
    parser.add_argument("--language")
    ours, theirs = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if {"-h", "--help"} & set(theirs):
        print(CONTENT_HELP)
        return engine_cli.main(theirs)
    if any(arg == "--model" or arg.startswith("--model=") for arg in theirs):
        return engine_cli.main(theirs)
    try:
        words = load_words(ours.language or terminal_language())
    except LanguageError as error:
        print(f"stage-diagnostic: {error}", file=sys.stderr)
        return BAD_INPUT
    said = words["terminal"]
    directories = shipped.content_dirs(ours.content, with_shipped=not ours.no_shipped)
    try:
        content = load_content(directories)
    except ContentError as error:  # the content's errors are told in English, as by the build
        print(f"stage-diagnostic: {said['terminal_content_errors']}\n{error}", file=sys.stderr)
        return BAD_INPUT
    if content.diagnostic is None:
        print(f"stage-diagnostic: {said['terminal_no_questionnaire']}", file=sys.stderr)
        return BAD_INPUT
    return engine_cli.main(theirs, model_json=model_json(content, words=words))


def terminal_language() -> str | None:
    """The terminal's language as a site would name it ("de_DE.UTF-8" is "de-DE"); None for the
    C locale or none set."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").split(".")[0]
        if value:
            return None if value in ("C", "POSIX") else value.replace("_", "-")
    return None
