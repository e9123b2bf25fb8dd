"""Where the ontology, its shapes and rules, and the canned queries are read from.

One source of truth: the **project folder** (``kg --home DIR``, ``KG_HOME``, else the current
directory) whenever it has them (``ontology/cmkg.ttl``, ``queries/``), and the copies
installed with the package (``kg/ontology``, ``kg/queries``) only when it has none. So an
ontologist who edits ``ontology/cmkg.ttl`` or adds ``queries/my-count.rq`` in a checkout sees
the change in ``kg ontology check``, ``kg build``, ``kg query`` and the server at once, with
no reinstall. :func:`sources` says which folders were chosen.

The CLI (and the server's app factory) call :func:`use_home` with the project folder; until
then the current directory (or ``KG_HOME``) is the project.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_home: Path | None = None


def use_home(home: Path | None) -> Path | None:
    """Make ``home`` the project folder resources are read from; returns the previous one."""
    global _home
    previous, _home = _home, (Path(home) if home is not None else None)
    return previous


def project_home() -> Path:
    """The project folder: the one given to :func:`use_home`, else ``KG_HOME``, else cwd."""
    if _home is not None:
        return _home
    return Path(os.environ.get("KG_HOME") or Path.cwd())


def _installed(name: str) -> Path:
    """The copy installed with the package (in a source checkout: the checkout's folder)."""
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


@dataclass(frozen=True)
class Source:
    """One resource folder and whether it is the project's or the installed package's."""

    what: str
    folder: Path
    origin: str  # "project" or "package"

    def line(self) -> str:
        return f"{self.what}: {self.folder} (from the {self.origin})"


def _ontology_source() -> Source:
    project = project_home() / "ontology"
    if (project / "cmkg.ttl").is_file():
        return Source("ontology", project.resolve(), "project")
    return Source("ontology", _installed("ontology"), "package")


def _queries_source() -> Source:
    project = project_home() / "queries"
    if project.is_dir() and any(project.glob("*.rq")):
        return Source("queries", project.resolve(), "project")
    return Source("queries", _installed("queries"), "package")


def sources() -> list[Source]:
    """The folders the ontology (with shapes and rules) and the canned queries come from."""
    return [_ontology_source(), _queries_source()]


def ontology_dir() -> Path:
    return _ontology_source().folder


def ontology_file() -> Path:
    return ontology_dir() / "cmkg.ttl"


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def rules_dir() -> Path:
    return ontology_dir() / "rules"


def queries_dir() -> Path:
    return _queries_source().folder
