from __future__ import annotations

import json
from typing import Any

import pytest
import stage_diagnostic

from .helpers import compiled_model_text, fixture_model_data


@pytest.fixture
def fixture_data() -> dict[str, Any]:
    return fixture_model_data()


@pytest.fixture(scope="session")
def fixture_model() -> stage_diagnostic.Model:
    return stage_diagnostic.load_model(fixture_model_data())


@pytest.fixture(scope="session")
def real_model_text() -> str:
    return compiled_model_text()


@pytest.fixture(scope="session")
def real_model_data(real_model_text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(real_model_text)
    return data


@pytest.fixture(scope="session")
def real_model(real_model_text: str) -> stage_diagnostic.Model:
    return stage_diagnostic.load_model(real_model_text)
