"""The plugin's settings, as written under `plugins: - mentoring-stages:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


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

    cache_dir = c.Type(str, default=".cache/mentoring-stages")
    """Where built engine wheels and snapshots are kept between builds, relative to mkdocs.yml."""
