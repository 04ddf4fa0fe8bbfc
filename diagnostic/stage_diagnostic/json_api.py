"""JSON in, JSON out: the calls the browser worker makes under Pyodide.

`use_model(model_json)` once after start, then `diagnose_json(request_json)` for every request.
Neither raises: a problem comes back as {"error": {"kind": "input" | "model" | "crash",
"message": ...}} so the page can show it.

A request is {"answers": {question: option}, "text": "...", "partner": {"answers", "text"},
"today": "YYYY-MM-DD", "framework": "<framework id>"}, every part optional (but not both answers
and text empty); "today" dates phrases such as "since March" (default: the real date); "framework"
is the one the headline comes from (the site's default or the visitor's pick). The answer is the
result (see `engine`), with "comparison" when a partner is given.

`batch_json(request_json, data)` is the cohort page's: a survey export read, diagnosed a chunk at a
time and written (see `batch.batch_request`).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from .batch import BatchFileError, BatchRun, batch_request
from .compare import compare
from .engine import InputError, diagnose
from .model import Model, ModelError, load_model

REQUEST_FIELDS = ("answers", "text", "partner", "today", "framework")
PARTNER_FIELDS = ("answers", "text")

_model: list[Model] = []  # the model in use: empty until use_model succeeds
_batch: dict[str, BatchRun] = {}  # the cohort page's tables open, by session


def use_model(model_json: str) -> str:
    """Parse and keep the model; "" on success, else the error JSON."""
    if not isinstance(model_json, str):
        return _error("model", "the model should be JSON text")
    try:
        model = load_model(model_json)
    except ModelError as error:
        return _error("model", str(error))
    _model[:] = [model]
    return ""


def diagnose_json(request_json: str) -> str:
    if not _model:
        return _error("model", "no model yet: call use_model() first")
    try:
        request = _request(request_json)
        today = _today(request.get("today"))
        framework = _framework(request.get("framework"))
        result = diagnose(
            _model[0], request.get("answers"), request.get("text"), today, framework
        )
        if "partner" in request:
            partner = _object(request["partner"], "partner", PARTNER_FIELDS)
            other = diagnose(
                _model[0], partner.get("answers"), partner.get("text"), today, framework
            )
            result["comparison"] = compare(result, other)
    except InputError as error:
        return _error("input", str(error))
    except Exception as error:
        return _error("crash", f"{type(error).__name__}: {error}")
    return json.dumps(result, ensure_ascii=False)


def batch_json(request_json: str, data: Any = None) -> str:
    """A cohort request; `data` is the file's bytes for "open". From the worker they come as a
    JavaScript Uint8Array, which Pyodide hands over as a proxy that has to_bytes()."""
    if not _model:
        return _error("model", "no model yet: call use_model() first")
    try:
        request = json.loads(request_json) if isinstance(request_json, str) else None
        if not isinstance(request, dict):
            raise InputError("the request should be a JSON object")
        raw = data.to_bytes() if hasattr(data, "to_bytes") else data
        if raw is not None and not isinstance(raw, bytes | bytearray | memoryview):
            raise InputError("the file should come as bytes")
        answer = batch_request(
            _model[0], _batch, request, None if raw is None else bytes(raw),
            _today(request.get("today")),
        )
    except (ValueError, RecursionError) as error:  # InputError, BatchFileError, bad JSON
        kind = "file" if isinstance(error, BatchFileError) else "input"
        return _error(kind, str(error))
    except Exception as error:
        return _error("crash", f"{type(error).__name__}: {error}")
    return json.dumps(answer, ensure_ascii=False)


def _request(request_json: str) -> dict[str, Any]:
    if not isinstance(request_json, str):
        raise InputError("the request should be JSON text")
    try:
        request = json.loads(request_json)
    except (ValueError, RecursionError) as error:
        raise InputError(f"the request is not valid JSON: {error}") from None
    return _object(request, "the request", REQUEST_FIELDS)


def _today(value: Any) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value) if isinstance(value, str) else _bad_date()
    except ValueError:
        return _bad_date()


def _framework(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InputError("'framework' should be a framework id (text)")
    return value


def _bad_date() -> date:
    raise InputError("'today' should be a date written YYYY-MM-DD")


def _object(value: Any, what: str, fields: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"{what} should be a JSON object")
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise InputError(f"{what} has unknown fields {', '.join(unknown)}; use {', '.join(fields)}")
    return value


def _error(kind: str, message: str) -> str:
    return json.dumps({"error": {"kind": kind, "message": message}}, ensure_ascii=False)
