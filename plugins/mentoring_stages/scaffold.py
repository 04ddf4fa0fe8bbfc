"""`mentoring-stages new DIR`: a site of an organisation's own, ready to serve and build.

The files are rendered from the Jinja2 templates in `site_template/` (package data; a template's
path is the file's path, less `.jinja`), and the content formats' JSON Schemas are copied from the
shipped content, so the schema line on top of the example framework works in an editor::

    DIR/mkdocs.yml                     the plugin, with the shipped content and DIR/frameworks/,
                                       the theme set up as this project's own site
    DIR/docs/index.md                  a home page
    DIR/frameworks/<id>.yaml           one framework of the organisation's own, cited, an example
    DIR/frameworks/glossary.yaml       one glossary term of its own, added to the shipped ones
    DIR/frameworks/schema/*.json       the JSON Schemas of this version
    DIR/README.md                      for its maintainers: install, build, preview, deploy, add a
                                       framework, translate
    DIR/requirements.txt               this version of mentoring-stages, pinned, found in wheels/
    DIR/wheels/                        where the package's wheel file goes (`--wheel` copies it)
    DIR/.github/workflows/pages.yml    CI that builds and publishes to GitHub Pages
    DIR/.gitlab-ci.yml                 the same for GitLab Pages
    DIR/deploy/nginx.conf              the tested nginx example
    DIR/.gitignore                     the built site and the build cache

Pyodide's files come with the installed package, so the site needs no `package.json` of its own.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import sys
from importlib.metadata import version
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from . import shipped

TEMPLATES = "site_template"
SUFFIX = ".jinja"
RENAMED = {
    "gitignore": ".gitignore",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "github/workflows/pages.yml": ".github/workflows/pages.yml",
}
"""Template names that cannot be the file's own name: a dot-file would be easy to lose."""


FRAMEWORK_SUFFIX = "-programme"
"""The example framework's id is the site's slug and this."""


class ScaffoldError(Exception):
    """The site cannot be made there; the message says why, in one line."""


def create_site(target: Path, wheel: Path | None = None) -> list[Path]:
    """Write a new site into `target` (created if missing, refused unless empty); return its files.
    `wheel`, the package's wheel file, is copied into the site's `wheels/`, where its
    requirements.txt (and so its CI) installs the package from.

    The organisation's name, the example framework's id and the site's title come from the folder's
    name: `acme` gives "Acme", `acme-programme` and "Acme mentoring".
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"'{target}' is not an empty folder: choose a new one")
    if wheel is not None and not (wheel.is_file() and wheel.name.endswith(".whl")):
        raise ScaffoldError(f"'{wheel}' is not a wheel file (mentoring_stages-*.whl)")
    slug = re.sub(r"[^a-z0-9]+", "-", target.resolve().name.lower()).strip("-") or "our"
    organisation = slug.replace("-", " ").title()
    framework_id = f"{slug}{FRAMEWORK_SUFFIX}"
    values = {
        "organisation": organisation,
        "site_name": f"{organisation} mentoring",
        "framework_id": framework_id,
        "source_id": f"{slug}-handbook",
        "year": datetime.date.today().year,
        "version": version("mentoring-stages"),
    }
    environment = Environment(
        loader=PackageLoader("mentoring_stages", TEMPLATES),
        autoescape=False,  # YAML and Markdown, not HTML; YAML strings go through `quoted`
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    environment.filters["quoted"] = lambda text: json.dumps(str(text), ensure_ascii=False)
    written: list[Path] = []
    for name in environment.list_templates(filter_func=lambda name: name.endswith(SUFFIX)):
        relative = name.removesuffix(SUFFIX)
        relative = RENAMED.get(relative, relative)
        if relative == "frameworks/framework.yaml":
            relative = f"frameworks/{framework_id}.yaml"
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(environment.get_template(name).render(values), encoding="utf-8")
        written.append(path)
    schemas = shipped.content_dir() / "schema"
    copies = [(schema, Path("frameworks/schema") / schema.name)
              for schema in sorted(schemas.glob("*.schema.json"))]
    copies.append((shipped.nginx_example(), Path(shipped.NGINX_EXAMPLE)))
    if wheel is not None:
        copies.append((wheel, Path("wheels") / wheel.name))
    for source, copy_path in copies:
        path = target / copy_path
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        written.append(path)
    return written


def main(target: Path, wheel: Path | None = None) -> int:
    """The `new` subcommand: make the site, say what was made and what to run next."""
    try:
        written = create_site(target, wheel)
    except (ScaffoldError, OSError) as error:
        print(f"mentoring-stages new: {error}", file=sys.stderr)
        return 1
    own = next(path for path in written if path.name.endswith(f"{FRAMEWORK_SUFFIX}.yaml"))
    print(f"Made a site in {target}/ with {len(written)} files; your framework is {own}.")
    if wheel is None:
        print(f"Put the package's wheel file into {target / 'wheels'}/ for CI (see its README.md).")
    print(f"Next: cd {target} && mkdocs serve")
    return 0
