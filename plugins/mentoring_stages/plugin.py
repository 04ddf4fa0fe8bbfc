"""The MkDocs plugin: wires MkDocs events to the modules that do the work. Each handler calls
them and keeps what they return in one `Build`.

Order of work, and why:
- on_config registers the Markdown extension that renders `::: mentoring-stages` lines
  (render/markdown.py); on_page_markdown tells it which page it converts.
- on_pre_build loads and validates the content, makes the pages it can generate (pages.py) and
  ships the diagnostic's files (diagnostic_assets.py). MkDocs has not cleaned the site directory
  yet, so a content error leaves the previous site untouched.
- on_files adds the generated pages, the front-end assets, the model and the runtime as MkDocs
  files, where site_map.py says; on_nav orders the navigation by the content's `order`.
- on_post_build writes the service worker from the diagnostic's pages as built, and swaps the
  staged site in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import is_error_template

from . import compress, diagnostic_assets, early, offline, site_map, strict_csp
from .config import MentoringStagesConfig, site_content_dirs
from .content import Content, ContentError, load_checked_content
from .content.model import GlossaryTerm
from .diagnostic_assets import DiagnosticAssets, DiagnosticAssetsError
from .glossary import GLOSSARY_MARKER, GLOSSARY_PAGE, glossary_html, mark_terms, terms_on_site
from .language import LanguageError, load_words, reads_descriptions
from .navigation import block_links, order_navigation, page_urls_from
from .pages import GeneratedPage, PageError, site_pages
from .render import (
    BlockError,
    BlockRenderer,
    BlocksExtension,
    DiagnosticBlock,
    PageContext,
    compiled_templates,
    make_environment,
)
from .staging import StagedSite
from .strict_csp import externalize_page, externalize_stylesheet_icons

if TYPE_CHECKING:  # only `mkdocs serve` loads it: 20 ms of every build otherwise
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

THEME_DIR = str(Path(__file__).with_name("theme"))


@dataclass
class Build:
    """What one build has made, from on_pre_build on; the later events add to it."""

    content: Content  # the frameworks the site shows
    renderer: BlockRenderer
    pages: dict[str, GeneratedPage]  # what the plugin can generate
    diagnostic: DiagnosticAssets | None
    generated: dict[str, GeneratedPage] = field(default_factory=dict)  # what it did
    glossary: list[GlossaryTerm] = field(default_factory=list)  # links to the site's pages only
    # Source paths of the pages whose block asked for the service worker's URL: the diagnostic's
    # (the cohort page's does not). They are started early, and kept offline as built.
    diagnostic_sources: set[str] = field(default_factory=set)
    diagnostic_pages: list[offline.DiagnosticPage] = field(default_factory=list)


class MentoringStagesPlugin(BasePlugin[MentoringStagesConfig]):
    supports_multiple_instances = False
    # Set by on_config, which MkDocs runs before any other event.
    root: Path
    origins: strict_csp.Origins
    content_dirs: list[Path]
    staged: StagedSite  # the build's staging folder

    def __init__(self) -> None:
        self.blocks = BlocksExtension(error=PluginError)
        self._build: Build | None = None  # from on_pre_build
        self.serving = False  # `mkdocs serve`: no server that sends compressed twins

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @property
    def build(self) -> Build:
        if self._build is None:  # MkDocs runs on_pre_build before any event that reads it
            raise PluginError("mentoring-stages: a build event came before on_pre_build")
        return self._build

    # -- configuration -----------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        self.origins = strict_csp.site_origins(
            config, self.config.csp_script_origins, self.config.csp_connect_origins,
            self.config.pyodide_url,
        )
        # MkDocs writes into a staging folder, swapped in by on_post_build: a failed build
        # leaves the previous site.
        self.staged = StagedSite(Path(config.site_dir))
        config.site_dir = str(self.staged.begin(strict=config.strict))
        self.content_dirs = site_content_dirs(self.root, self.config)
        # Python-Markdown accepts extension objects beside names, as mkdocstrings relies on.
        config.markdown_extensions.append(self.blocks)  # type: ignore[arg-type]
        if "def_list" not in config.markdown_extensions:
            config.markdown_extensions.append("def_list")  # the glossary page's list
        config.extra_css[:0] = [
            css for css in site_map.THEME_STYLESHEETS if css not in config.extra_css
        ]
        # The plugin's template overrides (accessibility) go after the site's custom_dir, which
        # still wins, and before Material's own templates.
        if THEME_DIR not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, THEME_DIR)
        if self.config.diagnostic:
            config.extra_css += [site_map.DIAGNOSTIC_STYLESHEET, site_map.COHORT_STYLESHEET]
            script = ExtraScriptValue(site_map.DIAGNOSTIC_LOADER)
            script.type = "module"
            config.extra_javascript.append(script)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Everything that can fail on bad content, before MkDocs cleans the site directory."""
        try:
            content = load_checked_content(self.content_dirs, self.cache_dir)
            shown = site_map.shown(content, self.config.show)
            default_framework = site_map.shown_default_framework(
                shown, self.config.default_framework
            )
            words = load_words(config.theme.get("language"))
            compiled = diagnostic_assets.compile_diagnostic(
                content, wanted=self.config.diagnostic, show=self.config.show, words=words,
                node_modules=self.root / self.config.node_modules, note=log.info, warn=log.warning,
            )
            pages = site_pages(shown, compiled is not None, words,
                               generate=self.config.generate_pages,
                               reference=self.config.reference_pages)
            diagnostic = None if compiled is None else diagnostic_assets.ship(
                compiled, cache_dir=self.cache_dir,
                with_snapshot=self.config.snapshot, default_framework=default_framework,
                pyodide_url=self.config.pyodide_url, note=log.info, warn=log.warning,
            )
        except (ContentError, PageError) as error:
            raise PluginError(f"The content has errors, so nothing was built.\n{error}") from None
        except (site_map.UnknownShownFramework, LanguageError) as error:
            raise PluginError(f"mentoring-stages: {error}") from None
        except DiagnosticAssetsError as error:
            raise PluginError(str(error)) from None
        block = None if compiled is None else DiagnosticBlock(
            compiled.document, compiled.model, self.config.start_timeout, default_framework,
            reads_descriptions(words.language),
        )
        template_dir = Path(self.config.templates) if self.config.templates else None
        renderer = BlockRenderer(
            shown, make_environment(template_dir, words, self.template_cache), block
        )
        self._build = Build(shown, renderer, pages, diagnostic)

    @property
    def cache_dir(self) -> Path:
        return self.root / self.config.cache_dir

    @property
    def template_cache(self) -> Path:
        return self.cache_dir / "templates"

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if env.bytecode_cache is None:  # the theme's templates, compiled once like the plugin's
            env.bytecode_cache = compiled_templates(self.template_cache)
        return env

    # -- files and navigation ------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        build = self.build
        for path, page in build.pages.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=page.markdown))
                build.generated[path] = page
            else:
                log.info(f"{path}: your own page replaces the generated one")
        added = site_map.asset_files() | (build.diagnostic.site_files() if build.diagnostic else {})
        for path, source in added.items():
            if isinstance(source, Path):
                files.append(File.generated(config, path, abs_src_path=str(source)))
            else:
                files.append(File.generated(config, path, content=source))
        if self.config.strict_csp:
            externalize_stylesheet_icons(files, config)
        build.glossary = terms_on_site(
            build.content.glossary, lambda path: files.get_file_from_path(path) is not None
        )
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        order_navigation(nav, site_map.navigation_rank(self.build.content))
        return nav

    # -- pages ----------------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        build = self.build
        generated = build.generated.get(page.file.src_uri)
        if generated is not None:
            # Escaped once, as Markup: the theme prints titles as they are in the navigation and
            # escapes them again in attributes (aria-label="Next: ..."), which leaves Markup alone.
            page.meta["title"] = escape(generated.title)
        links = block_links(page, files, lambda name: self._diagnostic_url(name, page))
        self.blocks.page = PageContext(
            build.renderer, links, page.file.src_uri, page.file.content_string
        )
        if page.file.src_uri == GLOSSARY_PAGE:
            return markdown.replace(GLOSSARY_MARKER, glossary_html(
                build.glossary, page_urls_from(page, files), build.renderer.environment))
        return markdown

    def _diagnostic_url(self, name: str, page: Page) -> str:
        build = self.build
        if build.diagnostic is None:
            raise BlockError("the diagnostic's files are not part of this site")
        if name == "offline":  # only the diagnostic's block asks for the service worker
            build.diagnostic_sources.add(page.file.src_uri)
        return build.diagnostic.url(name, page.file.url)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.blocks.page is not None and page.present_anchor_ids is not None:
            page.present_anchor_ids |= self.blocks.page.anchor_ids
        glossary = self.build.glossary
        if page.file.src_uri == GLOSSARY_PAGE or not glossary:
            return html
        return mark_terms(html, glossary)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        build = self.build
        if page.file.src_uri in build.diagnostic_sources:
            build.diagnostic_pages.append(offline.DiagnosticPage.of(page.url, page.file.dest_uri))
            output = early.put_first(output, page.file.url)
        if not self.config.strict_csp:
            return output
        return externalize_page(output, page.file.url, page.file.src_uri, config,
                                self.origins.scripts)

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The theme's pages that are no page of the site: 404.html, served at any depth."""
        if not self.config.strict_csp or not template_name.endswith(".html"):
            return output
        page_url = None if is_error_template(template_name) else template_name
        return externalize_page(output, page_url, template_name, config, self.origins.scripts)

    # -- the end of the build --------------------------------------------------------------------

    @event_priority(-100)  # after every other plugin has written its files (search: its index)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build = self.build
        site_dir = Path(config.site_dir)  # the staging folder, with every page as built
        runtime_dir = None
        if build.diagnostic is not None:
            build.diagnostic.write_service_worker(site_dir, build.diagnostic_pages)
            runtime_dir = site_dir / build.diagnostic.runtime_dir  # twinned as it was shipped
        if not self.serving:  # last: the service worker keeps the files, not their twins
            compress.write_site_twins(site_dir, self.cache_dir / compress.TWINS_DIR, runtime_dir)
        config.site_dir = str(self.staged.site_dir)
        if not self.staged.finish():
            log.info("the previous site is left as it was: the build has warnings")
            return
        if not config.site_url:
            log.info(
                "site_url is not set, so 404.html loads its styles from the server's root; "
                "set site_url to the site's address if it is served under a sub-path"
            )
        csp = strict_csp.policy(self.origins)
        if self.config.strict_csp and csp != strict_csp.policy(strict_csp.Origins()):
            log.info(f"serve the pages with this Content-Security-Policy: {csp}")

    def on_build_error(self, *, error: Exception) -> None:
        self.staged.discard()

    # -- serving ---------------------------------------------------------------------------------

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        for directory in self.content_dirs:
            server.watch(str(directory))
        if self.config.templates:
            server.watch(self.config.templates)
        return server
