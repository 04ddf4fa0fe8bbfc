"""Turning the content model into HTML: plain Python, Jinja2 templates and a Python-Markdown
extension, no MkDocs."""

from .blocks import BlockError, BlockRenderer, DiagnosticBlock, Links, parse_block_line
from .environment import compiled_templates, make_environment
from .markdown import BlocksExtension, PageContext

__all__ = [
    "BlockError", "BlockRenderer", "BlocksExtension", "DiagnosticBlock", "Links", "PageContext",
    "compiled_templates", "make_environment", "parse_block_line",
]
