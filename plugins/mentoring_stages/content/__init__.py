"""Loading and validating the YAML content: plain Python, no MkDocs."""

from .checked import load_checked_content
from .errors import ContentError, Problem, ProblemCode
from .loader import content_files, load_content
from .model import Content, Framework, Guidance, Source, Stage

__all__ = [
    "Content",
    "ContentError",
    "Framework",
    "Guidance",
    "Problem",
    "ProblemCode",
    "Source",
    "Stage",
    "content_files",
    "load_checked_content",
    "load_content",
]
