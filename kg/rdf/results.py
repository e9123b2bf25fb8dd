"""Serialise SPARQL results for the CLI and the canned-query API.

JSON, CSV, TSV and XML results and RDF graphs are written by Oxigraph itself; ``table``
(aligned text for a terminal) and the rows handed to the HTML template are made here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph

from kg.errors import UsageError
from kg.rdf.formats import (
    HTML,
    QUERY_GRAPH_OFFERS,
    QUERY_RESULT_OFFERS,
    TABLE,
    Format,
    by_name,
    require,
)
from kg.rdf.terms import PREFIXES, split_iri

Result = pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples

#: ``--format`` names of ``kg sparql`` / ``kg query``, the default first.
QUERY_FORMAT_NAMES = [fmt.name for fmt in (TABLE, *QUERY_RESULT_OFFERS, *QUERY_GRAPH_OFFERS)]


@dataclass(frozen=True)
class Cell:
    text: str
    iri: str | None = None


@dataclass(frozen=True)
class Table:
    """A result as plain rows of text cells (for the terminal table and HTML)."""

    columns: list[str]
    rows: list[list[Cell]]


def offers_for(is_graph: bool) -> tuple[Format, ...]:
    """The formats that can express a graph (CONSTRUCT/DESCRIBE) or rows (SELECT/ASK)."""
    return (*(QUERY_GRAPH_OFFERS if is_graph else QUERY_RESULT_OFFERS), TABLE, HTML)


def formats_for(result: Result) -> list[str]:
    """The format names that can express ``result``."""
    return [fmt.name for fmt in offers_for(isinstance(result, pyoxigraph.QueryTriples))]


def media_type(result: Result, fmt: str) -> str:
    found = by_name(fmt, offers_for(isinstance(result, pyoxigraph.QueryTriples)))
    if found is None:
        check_format(result, fmt)
    assert found is not None
    return found.content_type


def check_format(result: Result, fmt: str) -> None:
    """A :class:`UsageError` when ``fmt`` cannot express this kind of result."""
    allowed = formats_for(result)
    if fmt not in allowed:
        kind = "a graph (CONSTRUCT)" if isinstance(result, pyoxigraph.QueryTriples) else "rows"
        raise UsageError(f"format {fmt!r} cannot express {kind}; use one of {', '.join(allowed)}")


def serialize_result(result: Result, fmt: str) -> bytes:
    """``result`` in ``fmt`` (see :func:`formats_for`); HTML is rendered by the server."""
    check_format(result, fmt)
    if fmt == "table":
        return render_text_table(to_table(result)).encode("utf-8")
    if fmt == "html":
        raise UsageError("html is rendered by the server; use table for a terminal")
    if isinstance(result, pyoxigraph.QueryTriples):
        prefixes = PREFIXES if fmt == "ttl" else None
        rdf = require(fmt, QUERY_GRAPH_OFFERS, "graphs").rdf
        data = pyoxigraph.serialize(result, format=rdf, prefixes=prefixes)
        return data or b""
    data = result.serialize(format=require(fmt, QUERY_RESULT_OFFERS, "rows").results)
    return data or b""


def compact(iri: str) -> str:
    """``https://w3id.org/cmkg/id/russia`` -> ``cmkgid:russia`` (longest namespace wins)."""
    split = split_iri(iri)
    if split and split[1] and all(ch.isalnum() or ch in "-_." for ch in split[1]):
        return f"{split[0]}:{split[1]}"
    return f"<{iri}>"


def _cell(term: object) -> Cell:
    if term is None:
        return Cell("")
    if isinstance(term, pyoxigraph.NamedNode):
        return Cell(compact(term.value), term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return Cell(f"_:{term.value}")
    if isinstance(term, pyoxigraph.Literal):
        return Cell(term.value)
    return Cell(str(term))


def to_table(result: Result) -> Table:
    if isinstance(result, pyoxigraph.QueryBoolean):
        return Table(["result"], [[Cell("true" if bool(result) else "false")]])
    if isinstance(result, pyoxigraph.QueryTriples):
        return triples_table(result)
    names = [v.value for v in result.variables]
    return Table(names, [[_cell(row[name]) for name in names] for row in result])


def triples_table(triples: Iterable[pyoxigraph.Triple | pyoxigraph.Quad]) -> Table:
    """Subject, predicate, object rows in a stable order (graphs parsed back from bytes too)."""
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return Table(
        ["subject", "predicate", "object"],
        [[_cell(t.subject), _cell(t.predicate), _cell(t.object)] for t in ordered],
    )


def render_text_table(table: Table, max_width: int = 60) -> str:
    """Aligned columns with a header rule; long cells are cut with an ellipsis."""

    def fit(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    header = table.columns
    body = [[fit(cell.text) for cell in row] for row in table.rows]
    widths = [len(name) for name in header]
    for row in body:
        widths = [max(w, len(text)) for w, text in zip(widths, row, strict=True)]
    lines = [
        "  ".join(name.ljust(w) for name, w in zip(header, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += [
        "  ".join(text.ljust(w) for text, w in zip(row, widths, strict=True)).rstrip()
        for row in body
    ]
    count = len(body)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"
