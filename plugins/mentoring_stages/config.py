"""The plugin's settings, as written under `plugins: - mentoring-stages:` in mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from . import shipped

PLUGIN_NAME = "mentoring-stages"
"""The plugin's name under `plugins:` in mkdocs.yml (its entry point in pyproject.toml)."""


class MentoringStagesConfig(Config):
    shipped_content = c.Type(bool, default=True)
    """Start from the content that comes with the package: six frameworks, the guidance, the
    bibliography and the diagnostic's questionnaire. `false` builds from your own folders alone."""

    frameworks = c.ListOfItems(c.Type(str), default=[])
    """Your own content folders, relative to mkdocs.yml, read after the shipped content: they add
    frameworks, guidance topics and sources; a file at the same path as a shipped one (say
    `diagnostic.yaml` or `guidance/roles.yaml`) replaces it, except `sources.yaml`, which adds."""

    show = c.Optional(c.ListOfItems(c.Type(str)))
    """Framework ids to show, in this order. Default: every framework, by its `order`."""

    templates = c.Optional(c.Dir(exists=True))
    """A folder of templates that replace the shipped ones with the same name."""

    generate_pages = c.Type(bool, default=True)
    """Generate a page per framework and guidance topic, the comparison, the sources and the
    diagnostic. A Markdown page of your own at the same path always wins."""

    reference_pages = c.Type(bool, default=True)
    """Generate the pages for the site's maintainers under `reference/` ("For organisations"):
    writing content and self-hosting, the documentation the content files' schemas point to."""

    diagnostic = c.Type(bool, default=True)
    """Ship the in-browser diagnostic (Pyodide, the engine wheel and the model)."""

    snapshot = c.Type(bool, default=True)
    """Make a memory snapshot of Pyodide with the engine imported, so the diagnostic starts in a
    fraction of the time (needs Node.js while building; cached between builds). Without it, or
    without Node, the diagnostic starts the plain way."""

    default_framework = c.Optional(c.Type(str))
    """The framework id the diagnostic shows first, for programmes that use one framework. Unset,
    it shows every framework; a visitor can still pick another, and the page remembers the pick."""

    start_timeout = c.Type(int, default=45)
    """Seconds the diagnostic's start may go without progress before the page says it is stuck
    and offers to try again."""

    pyodide_url = c.Optional(c.Type(str))
    """Load Pyodide's data files (its WebAssembly and, without a snapshot, its standard library)
    from this URL (ending in '/') instead of the site itself. The worker checks their bytes against
    the sha256 pinned in the plugin before Pyodide gets them; Pyodide's JavaScript always comes
    from the site, since a script cannot be checked before it runs. The default, unset, keeps
    every request on the site's own origin."""

    node_modules = c.Type(str, default="node_modules")
    """Where `npm ci` installed the pinned `pyodide` package, relative to mkdocs.yml. Used when it
    holds one; otherwise the diagnostic ships the copy of Pyodide's files inside the package."""

    strict_csp = c.Type(bool, default=True)
    """Move the theme's inline scripts and its data: icons into files, so every page runs under
    `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'` without a
    violation."""

    csp_script_origins = c.ListOfItems(c.Type(str), default=[])
    """Other hosts the site's scripts come from (`https://stats.example.org`): an
    extra_javascript URL there passes the strict-CSP check, and the policy lets them in."""

    csp_connect_origins = c.ListOfItems(c.Type(str), default=[])
    """Other hosts the site's scripts send data to (an analytics service): the policy lets them
    in. Material's `extra.analytics` adds its provider's hosts to both lists by itself."""

    cache_dir = c.Type(str, default=".cache/mentoring-stages")
    """Where built engine wheels and snapshots are kept between builds, relative to mkdocs.yml."""


class SiteConfigError(Exception):
    """A site's mkdocs.yml cannot be read, or does not use the plugin; the message says which."""


def load_site(config_file: Path) -> tuple[MkDocsConfig, MentoringStagesConfig]:
    """A site's MkDocs configuration and the plugin's settings in it, checked as a build checks
    them (nothing is built)."""
    from mkdocs.config import load_config  # what MkDocs itself does: the plugins it names load
    from mkdocs.exceptions import ConfigurationError

    try:
        config = load_config(str(config_file))
    except (ConfigurationError, OSError) as error:
        raise SiteConfigError(f"{config_file}: {error}") from None
    plugin = config.plugins.get(PLUGIN_NAME)
    if plugin is None:
        raise SiteConfigError(f"{config_file} does not use the {PLUGIN_NAME} plugin")
    settings = plugin.config
    assert isinstance(settings, MentoringStagesConfig)
    return config, settings


def site_content_dirs(root: Path, settings: MentoringStagesConfig) -> list[Path]:
    """The content folders a site reads, as its settings say: the shipped content (unless
    `shipped_content: false`), then its own `frameworks` folders, relative to mkdocs.yml."""
    return shipped.content_dirs(
        [root / directory for directory in settings.frameworks],
        with_shipped=settings.shipped_content,
    )
