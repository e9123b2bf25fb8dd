"""A non-editable install ships the workbench: templates, scripts and the vendored libraries."""

from __future__ import annotations

import json
import tomllib
from importlib import metadata

import pytest

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


def _editable(dist: metadata.Distribution) -> bool:
    direct = dist.read_text("direct_url.json")
    return bool(direct) and bool(json.loads(direct).get("dir_info", {}).get("editable"))


def test_installed_distribution_has_the_static_files() -> None:
    """The installed cmkg (CI: ``pip install '.[test]'``, not editable) lists and holds every
    template and static file, the vendored libraries included."""
    installed = [
        d
        for d in metadata.distributions()
        if d.metadata["Name"] == "cmkg" and d.read_text("RECORD")  # not a checkout's egg-info
    ]
    if not installed:
        pytest.skip("cmkg is not installed (only its source checkout is on the path)")
    dist = installed[0]
    if _editable(dist):
        pytest.skip("cmkg is installed in editable mode here; CI installs it with `pip install .`")
    recorded = {str(path) for path in dist.files or []}
    wanted = [f"server/{name}" for name in _shipped_files()]
    assert [name for name in wanted if name not in recorded] == []
    assert all(dist.locate_file(name).is_file() for name in wanted)
