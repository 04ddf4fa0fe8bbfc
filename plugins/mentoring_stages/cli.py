"""`mentoring-stages`: check content files and write the diagnostic model the terminal command uses.

    mentoring-stages validate [DIR ...]        report every problem, exit 1 if there are any
    mentoring-stages model [DIR ...] [-o FILE]  write the compiled diagnostic model as JSON
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .content import ContentError, load_content
from .diagnostic_model import ModelCompileError, model_json

DEFAULT_DIR = Path("frameworks")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mentoring-stages", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check content files and report every problem")
    validate.add_argument("directories", nargs="*", type=Path, default=[DEFAULT_DIR])
    model = commands.add_parser("model", help="write the compiled diagnostic model (JSON)")
    model.add_argument("directories", nargs="*", type=Path, default=[DEFAULT_DIR])
    model.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    arguments = parser.parse_args(argv)

    try:
        content = load_content(arguments.directories)
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
