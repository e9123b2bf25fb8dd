"""SHACL validation of instance data against ontology/shapes.ttl."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import rdflib
from pyshacl.errors import ReportableRuntimeError
from rdflib.namespace import SH

from kg.errors import ValidationError
from kg.rdf.terms import curie
from kg.rdf.turtle import read_turtle
from kg.resources import ontology_file, shapes_file


def shacl_problems(
    data: rdflib.Graph,
    *,
    shapes: Path | None = None,
    ontology: Path | rdflib.Graph | None = None,
) -> list[str]:
    """One readable line per SHACL violation in ``data`` (empty when it conforms).

    Each line reads ``<focus node> <path>: <message> (value: <value>)``, IRIs shortened with
    the project prefixes, sorted so the same data gives the same lines. The ontology is mixed
    in so that ``sh:targetClass`` reaches instances of subclasses and ``sh:class`` sees the
    class hierarchy. ``shapes`` / ``ontology`` default to the shipped files; ``ontology`` may
    also be a graph already parsed (``kg build`` has one), so it is not read again.
    """
    shapes_path = shapes or shapes_file()
    shapes_graph = read_turtle(shapes_path, "SHACL shapes file")
    if isinstance(ontology, rdflib.Graph):
        ont_graph = ontology
    else:
        ont_graph = read_turtle(ontology or ontology_file(), "ontology file")
    try:
        _conforms, report, _text = pyshacl.validate(
            data,
            shacl_graph=shapes_graph,
            ont_graph=ont_graph,
            inference="none",
            allow_warnings=True,
        )
    except ReportableRuntimeError as exc:  # a malformed shape, not bad data
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ValidationError(
            f"the SHACL shapes in {shapes_path} are not usable ({detail}); "
            "run `kg ontology check` to find the faulty shape"
        ) from exc
    assert isinstance(report, rdflib.Graph)
    return describe_report(report)


def describe_report(report: rdflib.Graph) -> list[str]:
    """The sorted one-line descriptions of the violations in a SHACL validation report."""
    return sorted(
        _describe(report, result)
        for result in report.subjects(rdflib.RDF.type, SH.ValidationResult)
        if report.value(result, SH.resultSeverity) == SH.Violation
    )


def _describe(report: rdflib.Graph, result: rdflib.term.Node) -> str:
    focus = short_name(report.value(result, SH.focusNode))
    path = short_name(report.value(result, SH.resultPath))
    message = report.value(result, SH.resultMessage)
    value = report.value(result, SH.value)
    line = f"{focus} {path}: {message if message is not None else 'violates a shape'}"
    if value is not None and value != report.value(result, SH.focusNode):
        line += f" (value: {short_name(value)})"
    return line


def short_name(node: rdflib.term.Node | None) -> str:
    """An IRI as ``prefix:local`` when a project prefix fits, a literal in Turtle form."""
    if node is None:
        return "-"
    if isinstance(node, rdflib.URIRef):
        return curie(str(node))
    if isinstance(node, rdflib.Literal):
        if node.datatype is None:
            return str(node.n3())
        return f"{rdflib.Literal(str(node)).n3()}^^{short_name(node.datatype)}"
    return "[]"
