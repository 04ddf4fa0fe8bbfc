from __future__ import annotations

from typing import Any

import pytest
import stage_diagnostic

from .helpers import compiled_model_data, fixture_model_data


@pytest.fixture
def fixture_data() -> dict[str, Any]:
    return fixture_model_data()


@pytest.fixture(scope="session")
def fixture_model() -> stage_diagnostic.Model:
    return stage_diagnostic.load_model(fixture_model_data())


@pytest.fixture(scope="session")
def real_model_data() -> dict[str, Any]:
    return compiled_model_data()


@pytest.fixture(scope="session")
def real_model(real_model_data: dict[str, Any]) -> stage_diagnostic.Model:
    return stage_diagnostic.load_model(real_model_data)
