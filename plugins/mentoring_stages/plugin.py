"""The MkDocs plugin: wires MkDocs events to the content loader, the block renderer and the runtime.

Order of work, and why:
- on_config registers the Markdown extension that renders `::: mentoring-stages` lines
  (render/markdown.py); on_page_markdown tells it which page it converts.
- on_pre_build loads and validates the content, writes the generated pages (pages.py) and prepares
  the diagnostic runtime. MkDocs has not cleaned the site directory yet, so a content error leaves
  the previous site untouched.
- on_files adds the generated pages, the front-end assets, the model and the runtime as MkDocs
  files, where site_map.py says; on_nav orders the navigation by the content's `order`.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, is_error_template
from stage_diagnostic.model import load_model, model_text
from stage_diagnostic.survey import survey_files

from . import (
    compress,
    early,
    offline,
    precomputed,
    runtime,
    shipped,
    site_map,
    snapshot,
    strict_csp,
)
from .config import MentoringStagesConfig, site_content_dirs
from .content import Content, ContentError, load_content
from .content.model import GlossaryTerm
from .diagnostic_model import ModelCompileError, compile_model
from .glossary import GLOSSARY_MARKER, GLOSSARY_PAGE, glossary_html, mark_terms
from .language import LanguageError, load_words, reads_descriptions
from .navigation import order_navigation, page_urls_from
from .pages import GeneratedPage, PageError, generated_pages, glossary_page, reference_pages
from .pyodide_files import CODE_FILES
from .render import (
    BlockError,
    BlockRenderer,
    BlocksExtension,
    DiagnosticBlock,
    Links,
    PageContext,
    make_environment,
)
from .staging import StagedSite
from .strict_csp import externalize_icons, externalize_page

if TYPE_CHECKING:  # only `mkdocs serve` loads it: 20 ms of every build otherwise
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

PACKAGE_DIR = Path(__file__).parent
THEME_DIR = str(PACKAGE_DIR / "theme")


class MentoringStagesPlugin(BasePlugin[MentoringStagesConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.content: Content | None = None
        self.renderer: BlockRenderer | None = None
        self.runtime: runtime.ShippedRuntime | None = None
        self.pyodide_dir: Path | None = None
        self.snapshot: snapshot.ShippedSnapshot | None = None
        self.precomputed: precomputed.Precomputed | None = None
        # Source paths of the diagnostic pages (their block asked for the service worker's URL;
        # the cohort page's does not): started early, and kept offline.
        self.pages_with_diagnostic: set[str] = set()
        self.diagnostic_pages: list[offline.DiagnosticPage] = []  # those pages, as built
        self.files: Files | None = None
        self.pages: dict[str, GeneratedPage] = {}  # what the plugin can generate
        self.generated: dict[str, GeneratedPage] = {}  # what it did: no page of the site's own
        self.glossary: list[GlossaryTerm] = []  # with only the `page` links the site has
        self.blocks = BlocksExtension(error=PluginError)
        self.staged: StagedSite | None = None  # the build's staging folder, from on_config

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
            content = load_content(self.content_dirs)
        except ContentError as error:
            raise PluginError(f"The content has errors, so nothing was built.\n{error}") from None
        try:
            self.content = site_map.shown(content, self.config.show)
        except site_map.UnknownShownFramework as error:
            raise PluginError(f"mentoring-stages: {error}") from None
        with_diagnostic = self.config.diagnostic and content.diagnostic is not None
        if self.config.diagnostic and not with_diagnostic:
            # A note, not a warning: `shipped_content: false` alone must build under --strict.
            log.info(
                "the diagnostic is left out: the content has no diagnostic.yaml (the questions). "
                "Keep `shipped_content: true`, add one, or set `diagnostic: false`."
            )
        if with_diagnostic:
            if compress.BROTLI_MODULE is None:
                log.info(compress.NO_BROTLI_NOTE)
            self.pyodide_dir = shipped.pyodide_dir(self.root / self.config.node_modules)
            if self.pyodide_dir is None:
                log.warning(
                    "the diagnostic is left out: Pyodide's files are not installed. Install "
                    "mentoring-stages from its wheel, or run `npm ci` beside mkdocs.yml."
                )
                with_diagnostic = False
        try:
            words = load_words(config.theme.get("language"))
        except LanguageError as error:
            raise PluginError(f"mentoring-stages: {error}") from None
        # Compiled from all the content: a hidden framework's stages still place evidence.
        try:
            model = compile_model(content, self.config.show, words) if with_diagnostic else None
        except ModelCompileError as error:
            raise PluginError(
                f"The diagnostic model has errors, so nothing was built.\n{error}"
            ) from None
        self.model_text = model_text(model) if model is not None else None
        template_dir = Path(self.config.templates) if self.config.templates else None
        default_framework = self._default_framework()
        diagnostic = None if model is None else DiagnosticBlock(
            model, self.config.start_timeout, default_framework, reads_descriptions(words.language)
        )
        self.renderer = BlockRenderer(
            self.content,
            make_environment(template_dir, words, self.root / self.config.cache_dir / "templates"),
            diagnostic,
        )
        try:
            self.pages = (
                generated_pages(self.content, with_diagnostic, words)
                if self.config.generate_pages else {}
            )
        except PageError as error:
            raise PluginError(f"The content has errors, so nothing was built.\n{error}") from None
        if self.config.generate_pages and self.content.glossary:
            self.pages[GLOSSARY_PAGE] = glossary_page(words)
        if self.config.generate_pages and self.config.reference_pages:
            self.pages.update(reference_pages())
        self.runtime = self._prepare_runtime() if with_diagnostic else None
        self.snapshot = self._prepare_snapshot(self.runtime) if self.runtime else None
        self.precomputed = self._prepare_precomputed(self.runtime) if self.runtime else None
        self.pages_with_diagnostic = set()
        self.diagnostic_pages = []

    def _default_framework(self) -> str | None:
        assert self.content is not None
        wanted = self.config.default_framework
        known = [framework.id for framework in self.content.frameworks]
        if wanted is not None and wanted not in known:
            raise PluginError(
                f"mentoring-stages: 'default_framework' names '{wanted}', which is not a framework "
                f"the site shows. Known: {', '.join(known)}"
            )
        return wanted

    def _prepare_runtime(self) -> runtime.ShippedRuntime:
        """Build the engine wheel and gather Pyodide's files in a staging folder, before the
        site directory is cleaned, so a broken runtime fails the build without losing the site."""
        assert self.pyodide_dir is not None  # found by on_pre_build, which left it out otherwise
        staging = self.root / self.config.cache_dir / "runtime"
        try:
            return runtime.ship_runtime(
                staging,
                node_modules=self.pyodide_dir.parent,
                engine_source=runtime.engine_source(),
                cache_dir=self.root / self.config.cache_dir / "wheels",
                twins_cache=self.root / self.config.cache_dir / "twins",
                include_data=self.config.pyodide_url is None,
            )
        except runtime.RuntimeShippingError as error:
            raise PluginError(
                f"mentoring-stages: cannot ship the diagnostic runtime: {error}"
            ) from None

    def _prepare_snapshot(
        self, shipped_runtime: runtime.ShippedRuntime
    ) -> snapshot.ShippedSnapshot | None:
        """Make (or reuse) the memory snapshot the page starts from, into the staging folder.

        The page starts the plain way without one, so no snapshot never stops the build by itself:
        no Node is worth a note; a snapshot that fails to be made is a warning, which `--strict`
        turns into a failed build, saying how to build without it.
        """
        assert self.pyodide_dir is not None  # found by on_pre_build, which shipped the runtime
        if self.config.snapshot:
            try:
                return snapshot.ship_snapshot(
                    shipped_runtime,
                    pyodide_dir=self.pyodide_dir,
                    cache_dir=self.root / self.config.cache_dir / "snapshots",
                    progress=log.info,
                )
            except snapshot.NodeNotFound as error:
                log.info(f"{error}: the diagnostic will start without a snapshot")
            except snapshot.SnapshotError as error:
                log.warning(
                    f"the diagnostic will start without a snapshot, more slowly: {error}\n"
                    "Set `snapshot: false` for the plugin to build without one."
                )
        # Snapshots left in the staging folder by a build before.
        snapshot.remove_snapshots(shipped_runtime.directory)
        return None

    def _prepare_precomputed(
        self, shipped_runtime: runtime.ShippedRuntime
    ) -> precomputed.Precomputed:
        """The engine's results for one and two answers, shown before Python has arrived."""
        assert self.model_text is not None  # the runtime is only prepared with the model
        try:
            return precomputed.ship_precomputed(
                shipped_runtime.directory,
                self.model_text,
                shipped_runtime.wheel_sha256,
                self.root / self.config.cache_dir / "precomputed",
                self.config.default_framework,  # the headline the page asks for first
            )
        except precomputed.PrecomputeError as error:
            raise PluginError(f"mentoring-stages: the diagnostic's engine: {error}") from None

    # -- files and navigation ------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.generated = {}
        for path, page in self.pages.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=page.markdown))
                self.generated[path] = page
            else:
                log.info(f"{path}: your own page replaces the generated one")
        assets = PACKAGE_DIR / "assets"
        for asset in sorted(assets.rglob("*")):
            if asset.is_file():
                path = f"{site_map.ASSETS_DIR}/{asset.relative_to(assets).as_posix()}"
                files.append(File.generated(config, path, abs_src_path=str(asset)))
        if self.runtime is not None:
            assert self.model_text is not None  # the runtime is only prepared with the model
            files.append(File.generated(config, site_map.MODEL_FILE, content=self.model_text))
            for name, text in survey_files(load_model(self.model_text)).items():
                files.append(File.generated(config, site_map.SURVEY_DIR + name, content=text))
            runtime_dir = site_map.runtime_dir(self.runtime.relative_dir)
            for runtime_file in sorted(self.runtime.directory.iterdir()):
                path = f"{runtime_dir}{runtime_file.name}"
                files.append(File.generated(config, path, abs_src_path=str(runtime_file)))
        if self.config.strict_csp:
            self._externalize_icons(files, config)
        self.files = files
        assert self.content is not None  # loaded by on_pre_build
        self.glossary = [self._glossary_term(term, files) for term in self.content.glossary]
        return files

    @staticmethod
    def _glossary_term(term: GlossaryTerm, files: Files) -> GlossaryTerm:
        """The term, without its link to a page the site does not have (the shipped terms link
        to this repository's own toolkit pages)."""
        if term.page is None or files.get_file_from_path(term.page) is not None:
            return term
        log.debug(f"glossary: '{term.term}' links to {term.page}, which the site does not have")
        return dataclasses.replace(term, page=None)

    @staticmethod
    def _externalize_icons(files: Files, config: MkDocsConfig) -> None:
        """Swap the theme's stylesheets for copies whose data: icons are files of the site."""
        for stylesheet in [file for file in files if file.src_uri.endswith(".css")]:
            css, icons = externalize_icons(stylesheet.content_string, stylesheet.url)
            if not icons:
                continue
            files.remove(stylesheet)
            files.append(File.generated(config, stylesheet.src_uri, content=css))
            for uri, svg in icons.items():
                if files.get_file_from_path(uri) is None:
                    files.append(File.generated(config, uri, content=svg))

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.content is not None
        order_navigation(nav, site_map.navigation_rank(self.content))
        return nav

    # -- pages ----------------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        assert self.renderer is not None
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            # Escaped once, as Markup: the theme prints titles as they are in the navigation and
            # escapes them again in attributes (aria-label="Next: ..."), which leaves Markup alone.
            page.meta["title"] = escape(generated.title)
        self.blocks.page = PageContext(
            self.renderer, self._links_for(page), page.file.src_uri, page.file.content_string
        )
        if page.file.src_uri == GLOSSARY_PAGE:
            return markdown.replace(GLOSSARY_MARKER, glossary_html(
                self.glossary, page_urls_from(page, files), self.renderer.environment))
        return markdown

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.src_uri == GLOSSARY_PAGE or not self.glossary:
            return html
        return mark_terms(html, self.glossary)

    def _links_for(self, page: Page) -> Links:
        files = self.files
        assert files is not None

        def links(kind: str, target: str = "") -> str:
            if kind == "diagnostic-file":
                return self._diagnostic_url(target, page)
            path, fragment = site_map.link_target(kind, target)
            file = files.get_file_from_path(path)
            if file is None:
                raise BlockError(f"links to '{path}', which is not part of the site")
            return get_relative_url(file.url, page.file.url) + fragment

        return links

    def _diagnostic_url(self, name: str, page: Page) -> str:
        assert self.runtime is not None
        runtime_dir = site_map.runtime_dir(self.runtime.relative_dir)
        targets = {
            "model": site_map.MODEL_FILE,
            "worker": site_map.WORKER_FILE,
            "lock": runtime_dir + self.runtime.lock_file,
            "wheel": runtime_dir + self.runtime.wheel_file,
        }
        if self.snapshot is not None:
            targets["snapshot"] = runtime_dir + self.snapshot.snapshot.name
            targets["stdlib"] = runtime_dir + self.snapshot.stdlib.name
        elif name in ("snapshot", "stdlib"):
            return ""  # the template leaves the attribute out
        if name == "precomputed":
            assert self.precomputed is not None  # made with the runtime
            return get_relative_url(runtime_dir + self.precomputed.singles.name, page.file.url)
        if name == "offline":
            self.pages_with_diagnostic.add(page.file.src_uri)
            return get_relative_url(offline.SERVICE_WORKER, page.file.url)
        if name in ("runtime", "code"):  # where Pyodide's data comes from; its JavaScript
            if name == "runtime" and self.config.pyodide_url:
                return self.config.pyodide_url
            module_url = get_relative_url(runtime_dir + "pyodide.mjs", page.file.url)
            return module_url.removesuffix("pyodide.mjs")
        if name == "files":
            return json.dumps(self._diagnostic_files(page), separators=(",", ":"))
        return get_relative_url(targets[name], page.file.url)

    def _diagnostic_files(self, page: Page) -> dict[str, list[int | str]]:
        """What the worker may download, by URL: [size, sha256, gzip size, brotli size], recorded
        now, so that the page counts its progress in bytes of a known total and the worker checks
        every file. Pyodide's JavaScript is listed where the site serves it, its data where
        `pyodide_url` may put it."""
        assert self.runtime is not None
        shipped = [
            (self._diagnostic_url("code" if name in CODE_FILES else "runtime", page) + name, file)
            for name, file in self.runtime.core_files.items()
        ]
        shipped.append((self._diagnostic_url("wheel", page), self.runtime.wheel))
        if self.snapshot is not None:
            shipped.append((self._diagnostic_url("snapshot", page), self.snapshot.snapshot))
            shipped.append((self._diagnostic_url("stdlib", page), self.snapshot.stdlib))
        return {url: file.for_worker() for url, file in shipped}

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.pages_with_diagnostic:
            self.diagnostic_pages.append(offline.DiagnosticPage.of(page.url, page.file.dest_uri))
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
        assert self.staged is not None  # made by on_config
        self._write_service_worker(Path(config.site_dir))  # into the staging folder
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
        if self.staged is not None:
            self.staged.discard()

    def _write_service_worker(self, site_dir: Path) -> None:
        """The service worker that keeps the diagnostic's files, from the files as built."""
        if self.runtime is None or not self.diagnostic_pages:
            return
        assert self.precomputed is not None  # made with the runtime
        runtime_dir = site_map.runtime_dir(self.runtime.relative_dir)
        shipped = [*self.runtime.core_files.values(), self.runtime.wheel]
        if self.snapshot is not None:
            shipped += [self.snapshot.snapshot, self.snapshot.stdlib]
        digests = {runtime_dir + file.name: file.sha256 for file in shipped}
        singles = runtime_dir + self.precomputed.singles.name
        pairs = runtime_dir + self.precomputed.pairs.name
        lock = runtime_dir + self.runtime.lock_file
        digests |= {singles: "", pairs: "", lock: ""}  # small: read from the site
        offline.write_service_worker(
            site_dir,
            self.diagnostic_pages,
            diagnostic_dir=site_map.DIAGNOSTIC_DIR,
            runtime_files=digests,
            cache_first=[*(runtime_dir + name for name in CODE_FILES), singles, pairs],
            precached=[singles],  # the pairs only when a visitor needs them
            revalidated=[lock],
        )

    # -- serving ---------------------------------------------------------------------------------

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        for directory in self.content_dirs:
            server.watch(str(directory))
        if self.config.templates:
            server.watch(self.config.templates)
        return server
