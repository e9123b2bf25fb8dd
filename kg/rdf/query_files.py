"""The ``#+`` YAML header of canned queries (queries/*.rq) and rules (ontology/rules/*.rq)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError


def parse_header(path: Path, text: str) -> Any:
    """The YAML in the ``#+`` comment lines of a ``.rq`` file (canned query or rule)."""
    lines = [line[2:].removeprefix(" ") for line in text.splitlines() if line.startswith("#+")]
    try:
        return yaml.safe_load("\n".join(lines)) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: the #+ header is not valid YAML: {exc}") from None
