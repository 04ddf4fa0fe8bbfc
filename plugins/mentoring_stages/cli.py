"""`mentoring-stages`: start a site, check content files, write the diagnostic model.

    mentoring-stages new DIR                     scaffold a site of your own in a new folder
    mentoring-stages validate [DIR ...]          report every problem, exit 1 if there are any
        [--seeds DIR]                            and look for every excerpt in its source's text
    mentoring-stages model [DIR ...] [-o FILE]   write the compiled diagnostic model as JSON

Without DIR, validate and model read the shipped content; `--shipped` reads it before the DIRs,
as a site with its own `frameworks` folders does.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import version
from pathlib import Path

from . import scaffold, shipped
from .content import ContentError, load_content
from .diagnostic_model import ModelCompileError, model_json

SHIPPED_HELP = "read the shipped content first, as a site does (the default without DIR)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="mentoring-stages",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[1:]),
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {version('mentoring-stages')}"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="scaffold a site of your own in a new folder")
    new.add_argument("directory", type=Path, help="the folder to create (must be new or empty)")
    validate = commands.add_parser("validate", help="check content files and report every problem")
    validate.add_argument("directories", nargs="*", type=Path)
    validate.add_argument("--shipped", action="store_true", help=SHIPPED_HELP)
    validate.add_argument(
        "--seeds", type=Path, metavar="DIR",
        help="the folder of source texts that sources.yaml names with 'seed': check that every "
             "excerpt is in the text it quotes",
    )
    model = commands.add_parser("model", help="write the compiled diagnostic model (JSON)")
    model.add_argument("directories", nargs="*", type=Path)
    model.add_argument("--shipped", action="store_true", help=SHIPPED_HELP)
    model.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    arguments = parser.parse_args(argv)
    if arguments.command == "new":
        return scaffold.main(arguments.directory)
    directories = shipped.content_dirs(
        arguments.directories,
        with_shipped=arguments.shipped or not arguments.directories,
    )

    try:
        content = load_content(directories, seeds=getattr(arguments, "seeds", None))
        # The engine checks the model it is given, so what it would refuse fails here too.
        text = model_json(content) if content.diagnostic is not None else None
    except (ContentError, ModelCompileError) as error:
        print(error, file=sys.stderr)
        return 1
    if arguments.command == "validate":
        print(
            f"OK: {len(content.frameworks)} frameworks, {len(content.guidance)} guidance topics, "
            f"{len(content.sources)} sources, diagnostic: {'yes' if content.diagnostic else 'no'}"
        )
        return 0
    if text is None:
        print("error: the content folders hold no diagnostic.yaml", file=sys.stderr)
        return 1
    if arguments.output:
        arguments.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
