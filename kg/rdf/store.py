"""Open the embedded Oxigraph store that ``kg build`` writes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from kg.errors import EnvironmentProblem, NotFoundError


def open_store(path: Path, *, read_only: bool = False, create: bool = False) -> pyoxigraph.Store:
    """Open the Oxigraph store at ``path``.

    ``create`` allows a new, empty directory; otherwise a missing store is a
    :class:`NotFoundError` telling the user to run ``kg build``.
    """
    if not path.exists() and not create:
        raise NotFoundError(f"no Oxigraph store at {path}; run `kg build` first")
    try:
        if read_only:
            return pyoxigraph.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return pyoxigraph.Store(str(path))
    except OSError as exc:
        raise EnvironmentProblem(f"cannot open the Oxigraph store at {path}: {exc}") from None
