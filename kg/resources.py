"""Where the files shipped with the package live: the ontology, its rules, the canned queries.

Installed from a wheel they sit inside the package (``kg/ontology``, ``kg/queries``); in a
checkout they are the top-level ``ontology/`` and ``queries/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def ontology_dir() -> Path:
    return _shipped("ontology")


def ontology_file() -> Path:
    return ontology_dir() / "cmkg.ttl"


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def rules_dir() -> Path:
    return ontology_dir() / "rules"


def queries_dir() -> Path:
    return _shipped("queries")
