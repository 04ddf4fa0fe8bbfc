"""`stage-diagnostic`, as installed: the engine's terminal command on the content a site ships.

The engine's command (`stage_diagnostic.cli`) reads a compiled model and knows nothing of YAML. This
wrapper compiles one first, from the shipped content and any `--content` folders (read as a site's
`frameworks` setting reads them), and hands it over; every other option is the engine's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stage_diagnostic import cli as engine_cli
from stage_diagnostic.terminal import guarded

from . import shipped
from .content import ContentError, load_content
from .diagnostic_model import model_json

BAD_INPUT = 2
"""The engine command's exit status for input the person can fix; this wrapper uses the same."""

CONTENT_HELP = """\
content (this command compiles the model from them; --model FILE uses a compiled one instead):
  --content DIR   a folder of your own, read after the shipped content (repeatable)
  --no-shipped    leave the shipped content out: only the --content folders
"""


def main(argv: list[str] | None = None) -> int:
    return guarded("stage-diagnostic", lambda: _run(argv))


def _run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="stage-diagnostic", add_help=False)
    parser.add_argument("--content", action="append", type=Path, default=[])
    parser.add_argument("--no-shipped", action="store_true")
    ours, theirs = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if {"-h", "--help"} & set(theirs):
        print(CONTENT_HELP)
        return engine_cli.main(theirs)
    if any(arg == "--model" or arg.startswith("--model=") for arg in theirs):
        return engine_cli.main(theirs)
    directories = shipped.content_dirs(ours.content, with_shipped=not ours.no_shipped)
    try:
        content = load_content(directories)
    except ContentError as error:
        print(f"stage-diagnostic: the content has errors.\n{error}", file=sys.stderr)
        return BAD_INPUT
    if content.diagnostic is None:
        print(
            "stage-diagnostic: the content has no diagnostic.yaml (the questions): "
            "keep the shipped content or add one to a --content folder",
            file=sys.stderr,
        )
        return BAD_INPUT
    return engine_cli.main(theirs, model_json=model_json(content))
