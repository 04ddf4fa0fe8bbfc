"""`mentoring-stages`: start a site, check content files, write the diagnostic model.

    mentoring-stages new DIR                     scaffold a site of your own in a new folder
    mentoring-stages validate [DIR ...]          report every problem, exit 1 if there are any
        [--seeds DIR]                            and look for every excerpt in its source's text
    mentoring-stages model [DIR ...] [-o FILE]   write the compiled diagnostic model as JSON
    mentoring-stages csp                         the Content-Security-Policy the site's pages need

Without DIR, validate and model read the content folders of the site in this folder, as its
mkdocs.yml names them (another with -f FILE), or the shipped content where there is no
mkdocs.yml; `--shipped` reads the shipped content before the DIRs, as a site does.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import version
from pathlib import Path

from mkdocs.exceptions import PluginError
from stage_diagnostic.terminal import guarded

from . import scaffold, shipped, strict_csp
from .config import SiteConfigError, load_site, site_content_dirs
from .content import ContentError, load_content
from .diagnostic_model import ModelCompileError, model_json

SHIPPED_HELP = "read the shipped content first, as a site does"
SITE_CONFIG = Path("mkdocs.yml")
CONFIG_HELP = "the site's mkdocs.yml, whose content folders to read (default: ./mkdocs.yml)"


def main(argv: list[str] | None = None) -> int:
    return guarded("mentoring-stages", lambda: _run(argv))


def _run(argv: list[str] | None) -> int:
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
    new.add_argument("--wheel", type=Path, help="the package's wheel file, to keep in the site")
    validate = commands.add_parser("validate", help="check content files and report every problem")
    validate.add_argument("directories", nargs="*", type=Path)
    validate.add_argument("--shipped", action="store_true", help=SHIPPED_HELP)
    validate.add_argument("-f", "--config-file", type=Path, help=CONFIG_HELP)
    validate.add_argument(
        "--seeds", type=Path, metavar="DIR",
        help="the folder of source texts that sources.yaml names with 'seed': check that every "
             "excerpt is in the text it quotes",
    )
    model = commands.add_parser("model", help="write the compiled diagnostic model (JSON)")
    model.add_argument("directories", nargs="*", type=Path)
    model.add_argument("--shipped", action="store_true", help=SHIPPED_HELP)
    model.add_argument("-f", "--config-file", type=Path, help=CONFIG_HELP)
    model.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    csp = commands.add_parser("csp", help="print the Content-Security-Policy the pages need")
    csp.add_argument("-f", "--config-file", type=Path, default=SITE_CONFIG, help=CONFIG_HELP)
    arguments = parser.parse_args(argv)
    if arguments.command == "new":
        return scaffold.main(arguments.directory, arguments.wheel)
    try:
        if arguments.command == "csp":
            config, settings = load_site(arguments.config_file)
            print(strict_csp.policy(strict_csp.site_origins(
                config, settings.csp_script_origins, settings.csp_connect_origins,
                settings.pyodide_url,
            )))
            return 0
        directories = _content_dirs(arguments)
    except (SiteConfigError, PluginError) as error:
        print(f"mentoring-stages {arguments.command}: {error}", file=sys.stderr)
        return 1

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
        try:
            arguments.output.write_text(text, encoding="utf-8")
        except OSError as error:
            print(f"mentoring-stages: cannot write {arguments.output}: {error.strerror}",
                  file=sys.stderr)
            return 1
    else:
        sys.stdout.write(text)
    return 0


def _content_dirs(arguments: argparse.Namespace) -> list[Path]:
    """The DIRs (after the shipped content with --shipped); without any, the folders of the site
    whose mkdocs.yml is given or here, as its build reads them; else the shipped content."""
    if arguments.directories:
        return shipped.content_dirs(arguments.directories, with_shipped=arguments.shipped)
    config_file = arguments.config_file or (SITE_CONFIG if SITE_CONFIG.is_file() else None)
    if config_file is None:
        return shipped.content_dirs([])
    _, settings = load_site(config_file)
    directories = site_content_dirs(config_file.resolve().parent, settings)
    print(f"{config_file}: reading {', '.join(str(path) for path in directories)}",
          file=sys.stderr)
    return directories


if __name__ == "__main__":
    sys.exit(main())
