"""The one Turtle reader: parse a file into an rdflib graph, or fail with one line."""

from __future__ import annotations

from pathlib import Path

import rdflib

from kg.errors import InputError


def read_turtle(path: Path, what: str = "Turtle file") -> rdflib.Graph:
    """Parse ``path``; an unreadable file or a syntax error is an InputError naming both.

    ``what`` says what the file is for the message ("ontology", "SHACL shapes file", ...).
    """
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except OSError as exc:
        raise InputError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    except (SyntaxError, ValueError, LookupError) as exc:  # BadSyntax, bad literals, bad UTF-8
        raise InputError(
            f"{what} {path} is not valid Turtle: {describe_syntax_error(exc)}"
        ) from None
    return graph


def describe_syntax_error(exc: Exception) -> str:
    """One line about an rdflib parse error: ``line 3: Prefix "foo:" not bound``."""
    why = getattr(exc, "_why", None)
    lines = getattr(exc, "lines", None)
    if isinstance(why, str) and isinstance(lines, int):
        return f"line {lines + 1}: {why}"
    return " ".join(str(exc).split())[:300]
