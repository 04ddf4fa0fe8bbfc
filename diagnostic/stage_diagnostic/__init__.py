"""The stage diagnostic: where a mentoring relationship probably is, in every framework.

Standard library only, so the same code runs in CPython and in the browser under Pyodide. It reads
the compiled model (see `stage_diagnostic.model`) and a visitor's answers and/or description.
"""

from .bounds import MAX_TEXT_LENGTH, MODEL_FORMAT
from .compare import compare
from .engine import InputError, diagnose
from .json_api import diagnose_json, use_model
from .model import Model, ModelError, build_model, load_model, model_text

__all__ = [
    "MAX_TEXT_LENGTH",
    "MODEL_FORMAT",
    "InputError",
    "Model",
    "ModelError",
    "build_model",
    "compare",
    "diagnose",
    "diagnose_json",
    "load_model",
    "model_text",
    "use_model",
]
