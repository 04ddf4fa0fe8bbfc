"""The MkDocs plugin: wires MkDocs events to the content loader, the block renderer and the runtime.

Order of work, and why:
- on_pre_build loads and validates the content and prepares the diagnostic runtime. MkDocs has not
  cleaned the site directory yet, so a content error leaves the previous site untouched.
- on_files adds the generated pages, the front-end assets, the model and the runtime as MkDocs
  files.
- on_page_markdown swaps each `::: mentoring-stages` line for a placeholder; on_page_content puts
  the rendered HTML in its place, after Markdown, so YAML text is never read as Markdown.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from . import runtime, snapshot
from .config import MentoringStagesConfig
from .content import Content, ContentError, load_content
from .diagnostic_model import ModelCompileError, model_json
from .pages import generated_pages
from .render import BlockError, BlockRenderer, RenderedBlock, make_environment, parse_block_line
from .render.blocks import Links
from .strict_csp import externalize_icons, externalize_scripts

if TYPE_CHECKING:  # only `mkdocs serve` loads it: 20 ms of every build otherwise
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

PACKAGE_DIR = Path(__file__).parent
ENGINE_SOURCE = PACKAGE_DIR.parent.parent / "diagnostic" / "stage_diagnostic"
ASSETS_URI = "assets/mentoring-stages"
STYLESHEET = f"{ASSETS_URI}/mentoring-stages.css"
DIAGNOSTIC_LOADER = f"{ASSETS_URI}/diagnostic/loader.mjs"
DIAGNOSTIC_STYLESHEET = f"{ASSETS_URI}/diagnostic/diagnostic.css"
MODEL_URI = f"{ASSETS_URI}/diagnostic/model.json"
WORKER_URI = f"{ASSETS_URI}/diagnostic/worker.mjs"


class MentoringStagesPlugin(BasePlugin[MentoringStagesConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.content: Content | None = None
        self.renderer: BlockRenderer | None = None
        self.runtime: runtime.ShippedRuntime | None = None
        self.snapshot: snapshot.ShippedSnapshot | None = None
        self.files: Files | None = None
        self._rendered: dict[str, RenderedBlock] = {}

    # -- configuration -----------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        self.content_dirs = [self.root / directory for directory in self.config.frameworks]
        config.extra_css.insert(0, STYLESHEET)
        if self.config.diagnostic:
            config.extra_css.append(DIAGNOSTIC_STYLESHEET)
            script = ExtraScriptValue(DIAGNOSTIC_LOADER)
            script.type = "module"
            config.extra_javascript.append(script)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        try:
            content = load_content(self.content_dirs)
        except ContentError as error:
            raise PluginError(f"The content has errors, so nothing was built.\n{error}") from None
        self.content = self._shown(content)
        with_diagnostic = self.config.diagnostic and content.diagnostic is not None
        # Compiled from all the content: a hidden framework's stages still place evidence.
        try:
            self.model_text = model_json(content, self.config.show) if with_diagnostic else None
        except ModelCompileError as error:
            raise PluginError(f"The diagnostic model has errors, so nothing was built.\n{error}")
        template_dir = Path(self.config.templates) if self.config.templates else None
        self.renderer = BlockRenderer(
            self.content, make_environment(template_dir),
            json.loads(self.model_text) if self.model_text else None,
        )
        self.runtime = self._prepare_runtime() if with_diagnostic else None
        self.snapshot = self._prepare_snapshot(self.runtime) if self.runtime else None

    def _shown(self, content: Content) -> Content:
        if self.config.show is None:
            return content
        known = {framework.id: framework for framework in content.frameworks}
        unknown = [framework_id for framework_id in self.config.show if framework_id not in known]
        if unknown:
            raise PluginError(
                f"mentoring-stages: 'show' names unknown frameworks: {', '.join(unknown)}. "
                f"Known: {', '.join(known)}"
            )
        return dataclasses.replace(
            content, frameworks=tuple(known[framework_id] for framework_id in self.config.show)
        )

    def _prepare_runtime(self) -> runtime.ShippedRuntime:
        """Build the engine wheel and gather Pyodide's files in a staging folder, before the
        site directory is cleaned, so a missing `npm ci` fails the build without losing the site."""
        staging = self.root / self.config.cache_dir / "runtime"
        try:
            return runtime.ship_runtime(
                staging,
                node_modules=self.root / self.config.node_modules,
                engine_source=ENGINE_SOURCE,
                cache_dir=self.root / self.config.cache_dir / "wheels",
                include_core=self.config.pyodide_url is None,
            )
        except runtime.RuntimeShippingError as error:
            raise PluginError(
                f"mentoring-stages: cannot ship the diagnostic runtime: {error}"
            ) from None

    def _prepare_snapshot(self, shipped: runtime.ShippedRuntime) -> snapshot.ShippedSnapshot | None:
        """Make (or reuse) the memory snapshot the page starts from, into the staging folder.

        The page starts the plain way without one, so no snapshot never stops the build by itself:
        no Node is worth a note; a snapshot that fails to be made is a warning, which `--strict`
        turns into a failed build, saying how to build without it.
        """
        if self.config.snapshot:
            try:
                return snapshot.ship_snapshot(
                    shipped,
                    pyodide_dir=self.root / self.config.node_modules / "pyodide",
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
        snapshot.remove_snapshots(shipped.directory)  # left in the staging folder by a build before
        return None

    # -- files and navigation ------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.content is not None
        if self.config.generate_pages:
            pages = generated_pages(self.content, self.runtime is not None)
            for src_uri, markdown in pages.items():
                if files.get_file_from_path(src_uri) is None:
                    files.append(File.generated(config, src_uri, content=markdown))
                else:
                    log.info(f"{src_uri}: your own page replaces the generated one")
        assets = PACKAGE_DIR / "assets"
        for path in sorted(assets.rglob("*")):
            if path.is_file():
                uri = f"{ASSETS_URI}/{path.relative_to(assets).as_posix()}"
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        if self.runtime is not None:
            assert self.model_text is not None  # the runtime is only prepared with the model
            files.append(File.generated(config, MODEL_URI, content=self.model_text))
            for path in sorted(self.runtime.directory.iterdir()):
                uri = f"{ASSETS_URI}/{self.runtime.relative_dir}{path.name}"
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        if self.config.strict_csp:
            self._externalize_icons(files, config)
        self.files = files
        return files

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
        """Order generated frameworks and guidance topics by their `order`, not by file name."""
        assert self.content is not None
        rank = {f"frameworks/{f.id}.md": index for index, f in enumerate(self.content.frameworks)}
        rank |= {f"guidance/{g.id}.md": index for index, g in enumerate(self.content.guidance)}

        def key(item: Any) -> tuple[int, int]:
            if isinstance(item, Page):
                if item.file.name == "index":
                    return (0, 0)
                return (1, rank.get(item.file.src_uri, len(rank)))
            return (2, 0)

        for item in nav.items:
            if isinstance(item, Section) and any(
                isinstance(child, Page) and child.file.src_uri in rank for child in item.children
            ):
                item.children.sort(key=key)
        # The bibliography closes the navigation, after the reading it supports.
        nav.items.sort(
            key=lambda item: isinstance(item, Page) and item.file.src_uri == "sources.md"
        )
        return nav

    # -- pages ----------------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        assert self.renderer is not None
        lines = markdown.split("\n")
        in_fence = False
        for number, line in enumerate(lines, start=1):
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence  # a block line inside a code sample stays text
            if in_fence:
                continue
            try:
                block = parse_block_line(line)
                if block is None:
                    continue
                rendered = self.renderer.render(*block, links=self._links_for(page))
            except BlockError as error:
                raise PluginError(f"{page.file.src_uri}:{number}: {error}") from None
            placeholder = f"ms-block-{uuid.uuid4().hex}"
            self._rendered[placeholder] = rendered
            lines[number - 1] = f'\n<div class="{placeholder}"></div>\n'
        return "\n".join(lines)

    # Before other plugins read the HTML (search indexes it later, in on_page_context).
    @event_priority(50)
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        for placeholder in [p for p in self._rendered if p in html]:
            rendered = self._rendered.pop(placeholder)
            html = html.replace(f'<div class="{placeholder}"></div>', rendered.html)
            for heading in rendered.headings:
                page.toc.items.append(AnchorLink(heading.title, heading.id, heading.level))
        return html

    def _links_for(self, page: Page) -> Links:
        files = self.files
        assert files is not None

        def url_of(src_uri: str) -> str:
            file = files.get_file_from_path(src_uri)
            if file is None:
                raise BlockError(f"links to '{src_uri}', which is not part of the site")
            return get_relative_url(file.url, page.file.url)

        def links(kind: str, target: str = "") -> str:
            if kind == "framework":
                return url_of(f"frameworks/{target}.md")
            if kind == "guidance":
                return url_of(f"guidance/{target}.md")
            if kind == "page":
                return url_of(
                    f"{target}/index.md" if target in ("frameworks", "guidance") else f"{target}.md"
                )
            if kind == "source":
                return f"{url_of('sources.md')}#source-{target}"
            if kind == "diagnostic-file":
                return self._diagnostic_url(target, page)
            raise ValueError(f"unknown link kind {kind!r}")

        return links

    def _diagnostic_url(self, name: str, page: Page) -> str:
        assert self.runtime is not None
        runtime_dir = f"{ASSETS_URI}/{self.runtime.relative_dir}"
        targets = {
            "model": MODEL_URI,
            "worker": WORKER_URI,
            "lock": runtime_dir + self.runtime.lock_file,
            "wheel": runtime_dir + self.runtime.wheel_file,
        }
        if self.snapshot is not None:
            targets["snapshot"] = runtime_dir + self.snapshot.file_name
        elif name == "snapshot":
            return ""  # the template leaves the attribute out
        if name == "runtime":
            if self.config.pyodide_url:
                return self.config.pyodide_url
            module_url = get_relative_url(runtime_dir + "pyodide.mjs", page.file.url)
            return module_url.removesuffix("pyodide.mjs")
        return get_relative_url(targets[name], page.file.url)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.strict_csp:
            return output
        output, scripts = externalize_scripts(output, page.file.url)
        for uri, code in scripts.items():
            path = Path(config.site_dir) / uri
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(code, encoding="utf-8")
        return output

    # -- serving ---------------------------------------------------------------------------------

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        for directory in self.content_dirs:
            server.watch(str(directory))
        if self.config.templates:
            server.watch(self.config.templates)
        return server
