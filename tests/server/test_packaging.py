"""A non-editable install ships the workbench: templates, scripts and the vendored libraries."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import server
from tests.support.paths import REPO


def _shipped_files() -> list[str]:
    return sorted(
        p.relative_to(REPO / "server").as_posix()
        for folder in ("static", "templates")
        for p in (REPO / "server" / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )


def test_package_data_globs_cover_every_static_file() -> None:
    """setuptools matches each package-data pattern with glob (``*`` never crosses ``/``)."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["server"]
    matched = {
        p.relative_to(REPO / "server").as_posix()
        for pattern in patterns
        for p in (REPO / "server").glob(pattern)
        if p.is_file()
    }
    files = _shipped_files()
    assert "static/vendor/yasgui/yasgui.min.js" in files
    assert [f for f in files if f not in matched] == []


@pytest.mark.skipif(
    Path(server.__file__).resolve().parent == REPO / "server",
    reason="server is imported from the checkout (editable install); CI installs it with pip",
)
def test_installed_package_has_the_static_files() -> None:
    installed = Path(server.__file__).resolve().parent
    missing = [f for f in _shipped_files() if not (installed / f).is_file()]
    assert missing == []
