"""The stage diagnostic: where a mentoring relationship probably is, in every framework.

Standard library only, so the same code runs in CPython and in the browser under Pyodide. It reads
the compiled model (see `stage_diagnostic.model`) and a visitor's answers and/or description.
"""

from .compare import compare
from .engine import InputError, diagnose
from .json_api import diagnose_json
from .model import Model, ModelError, load_model

__all__ = [
    "InputError",
    "Model",
    "ModelError",
    "compare",
    "diagnose",
    "diagnose_json",
    "load_model",
]
