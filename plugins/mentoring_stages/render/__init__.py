"""Turning the content model into HTML: plain Python and Jinja2 templates, no MkDocs."""

from .blocks import BlockError, BlockRenderer, RenderedBlock, parse_block_line
from .environment import make_environment

__all__ = ["BlockError", "BlockRenderer", "RenderedBlock", "make_environment", "parse_block_line"]
