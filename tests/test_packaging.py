"""The wheel ships every Python package of the checkout (`pip install .` is what CI and users
run, so a package missing from pyproject's list breaks them and not an editable install)."""

from __future__ import annotations

import tomllib

from tests.support.paths import REPO


def test_every_python_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for root in ("kg", "server")
        for init in (REPO / root).rglob("__init__.py")
    }
    assert found - listed == set()
