"""Loading and validating the YAML content: plain Python, no MkDocs."""

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
    "load_content",
]
