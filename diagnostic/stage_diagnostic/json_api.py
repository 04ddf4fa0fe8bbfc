"""JSON in, JSON out: the one call the browser worker makes under Pyodide.

It never raises: a problem comes back as {"error": {"kind": "input" | "model", "message": ...}} so
the page can show it. The parsed model is cached by its JSON text, so repeated diagnoses in one
session parse it once.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from .compare import compare
from .engine import InputError, diagnose
from .model import Model, ModelError, load_model

REQUEST_FIELDS = ("answers", "text", "partner")
PARTNER_FIELDS = ("answers", "text")


@lru_cache(maxsize=4)
def _cached_model(model_json: str) -> Model:
    return load_model(model_json)


def diagnose_json(model_json: str, request_json: str) -> str:
    """`request_json` is {"answers": {...}, "text": "...", "partner": {"answers", "text"}}, every
    part optional; the answer is the result (with "comparison" when a partner is given)."""
    if not isinstance(model_json, str):
        return _error("model", "the model should be JSON text")
    try:
        model = _cached_model(model_json)
    except ModelError as error:
        return _error("model", str(error))
    try:
        request = _request(request_json)
        result = diagnose(model, request.get("answers"), request.get("text"))
        if "partner" in request:
            partner = _object(request["partner"], "partner", PARTNER_FIELDS)
            result["comparison"] = compare(
                result, diagnose(model, partner.get("answers"), partner.get("text"))
            )
    except InputError as error:
        return _error("input", str(error))
    return json.dumps(result, ensure_ascii=False)


def _request(request_json: str) -> dict[str, Any]:
    if not isinstance(request_json, str):
        raise InputError("the request should be JSON text")
    try:
        request = json.loads(request_json)
    except (ValueError, RecursionError) as error:
        raise InputError(f"the request is not valid JSON: {error}") from None
    return _object(request, "the request", REQUEST_FIELDS)


def _object(value: Any, what: str, fields: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"{what} should be a JSON object")
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise InputError(f"{what} has unknown fields {', '.join(unknown)}; use {', '.join(fields)}")
    return value


def _error(kind: str, message: str) -> str:
    return json.dumps({"error": {"kind": kind, "message": message}}, ensure_ascii=False)
