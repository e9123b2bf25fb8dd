"""SHACL validation of instance data against ontology/shapes.ttl."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib.namespace import SH

from kg.errors import ValidationError
from kg.graph.shape_rules import Found, check_rules, compile_shapes
from kg.rdf.terms import curie
from kg.rdf.turtle import read_turtle
from kg.resources import ontology_file, shapes_file


@dataclass(frozen=True)
class ShapeViolation:
    """One SHACL violation, as data; formatted (``str()``) only when shown.

    ``focus``, ``path`` and ``constraint`` are IRIs (None when the report has none);
    ``value`` is the offending value in Turtle form, IRIs shortened.
    """

    focus: str | None
    path: str | None
    constraint: str | None
    message: str
    value: str | None = None

    def __str__(self) -> str:
        """``<focus> <path>: <message> (value: <value>)``, IRIs as ``prefix:local``."""
        line = f"{_iri_text(self.focus)} {_iri_text(self.path)}: {self.message}"
        return line + (f" (value: {self.value})" if self.value is not None else "")


def shacl_violations(
    data: rdflib.Graph,
    *,
    shapes: Path | None = None,
    ontology: Path | rdflib.Graph | None = None,
) -> list[ShapeViolation]:
    """The SHACL violations in ``data`` (empty when it conforms), sorted by their text so the
    same data gives the same list.

    The ontology is mixed in so that ``sh:targetClass`` reaches instances of subclasses and
    ``sh:class`` sees the class hierarchy. ``shapes`` / ``ontology`` default to the shipped
    files; ``ontology`` may also be a graph already parsed (``kg build`` has one).
    """
    shapes_path = shapes or shapes_file()
    shapes_graph = read_turtle(shapes_path, "SHACL shapes file")
    if isinstance(ontology, rdflib.Graph):
        ont_graph = ontology
    else:
        ont_graph = read_turtle(ontology or ontology_file(), "ontology file")
    return _validate(data, shapes_graph, shapes_path, ont_graph, None)


class ShapeChecker:
    """Validate one graph at a time against the shapes, in the context of shared graphs.

    The context (the ontology, the registries) is parsed and merged once; each call to
    :meth:`check` validates only the graph's subjects as focus nodes, over the graph and the
    context, so the cost of a call grows with the graph checked, not with the dataset, and
    no graph of the whole dataset is ever made. A shape that needs data from another article
    graph (none of the shipped ones does) would not see it.

    The shapes are compiled once into direct checks (:mod:`kg.graph.shape_rules`); the focus
    nodes with a value only pyshacl can judge are validated by pyshacl (the graph's triples
    are added to the context for that call and removed again), and shapes the compiler does
    not support make every call use pyshacl. ``compiled=False`` uses pyshacl only (the
    reference the tests compare with). Either way the violations are pyshacl's.
    """

    def __init__(
        self,
        context: Iterable[rdflib.Graph],
        *,
        shapes: Path | None = None,
        compiled: bool = True,
    ) -> None:
        self.shapes_path = shapes or shapes_file()
        self.shapes = read_turtle(self.shapes_path, "SHACL shapes file")
        # the shapes as direct checks (kg.graph.shape_rules), None when they need pyshacl
        self.rules = compile_shapes(self.shapes) if compiled else None
        self.work = rdflib.Graph()
        for graph in context:
            self.work += graph

    def check(self, graph: rdflib.Graph) -> list[ShapeViolation]:
        """The violations of the IRI subjects of ``graph`` (with the context), sorted."""
        focus: list[str | rdflib.URIRef] = sorted(
            {s for s in graph.subjects() if isinstance(s, rdflib.URIRef)}
        )
        if not focus:  # pyshacl validates every node when given no focus node
            return []
        if self.rules is None:
            return self._pyshacl(graph, focus)
        sure, unsure = check_rules(self.rules, [self.work, graph], focus)  # type: ignore[arg-type]
        found = [_found(v) for v in sure]
        if unsure:  # values whose verdict needs pyshacl's own literal semantics
            # the whole focus list, as pyshacl also filters sh:or / qualified value nodes by it
            keep = {str(f) for f in unsure}
            found += [v for v in self._pyshacl(graph, focus) if v.focus in keep]
        return sorted(found, key=str)

    def _pyshacl(
        self, graph: rdflib.Graph, focus: list[str | rdflib.URIRef]
    ) -> list[ShapeViolation]:
        added = [triple for triple in graph if triple not in self.work]
        for triple in added:
            self.work.add(triple)
        try:
            return _validate(self.work, self.shapes, self.shapes_path, None, focus)
        finally:
            for triple in added:
                self.work.remove(triple)


def _validate(
    data: rdflib.Graph,
    shapes_graph: rdflib.Graph,
    shapes_path: Path,
    ont_graph: rdflib.Graph | None,
    focus: list[str | rdflib.URIRef] | None,
) -> list[ShapeViolation]:
    # imported here: most builds never need pyshacl (the compiled shapes decide), and it
    # takes about a second to import with rdflib's SPARQL engine
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    try:
        _conforms, report, _text = pyshacl.validate(
            data,
            shacl_graph=shapes_graph,
            ont_graph=ont_graph,
            inference="none",
            allow_warnings=True,
            inplace=ont_graph is None,
            focus_nodes=focus,
        )
    except ReportableRuntimeError as exc:  # a malformed shape, not bad data
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ValidationError(
            f"the SHACL shapes in {shapes_path} are not usable ({detail}); "
            "run `kg ontology check` to find the faulty shape"
        ) from exc
    assert isinstance(report, rdflib.Graph)
    return read_report(report)


def shacl_problems(
    data: rdflib.Graph,
    *,
    shapes: Path | None = None,
    ontology: Path | rdflib.Graph | None = None,
) -> list[str]:
    """:func:`shacl_violations` as sorted one-line texts, for messages."""
    return [str(v) for v in shacl_violations(data, shapes=shapes, ontology=ontology)]


def read_report(report: rdflib.Graph) -> list[ShapeViolation]:
    """The violations (severity ``sh:Violation``) of a SHACL validation report, sorted."""
    found = [
        _violation(report, result)
        for result in report.subjects(rdflib.RDF.type, SH.ValidationResult)
        if report.value(result, SH.resultSeverity) == SH.Violation
    ]
    return sorted(found, key=str)


def describe_report(report: rdflib.Graph) -> list[str]:
    """The sorted one-line descriptions of the violations in a SHACL validation report."""
    return [str(v) for v in read_report(report)]


def _violation(report: rdflib.Graph, result: rdflib.term.Node) -> ShapeViolation:
    message = report.value(result, SH.resultMessage)
    value = report.value(result, SH.value)
    focus = report.value(result, SH.focusNode)
    return ShapeViolation(
        focus=_iri(focus),
        path=_iri(report.value(result, SH.resultPath)),
        constraint=_iri(report.value(result, SH.sourceConstraintComponent)),
        message=str(message) if message is not None else "violates a shape",
        # a value that is the focus node itself says nothing more
        value=None if value is None or value == focus else _term_text(value),
    )


def _found(v: Found) -> ShapeViolation:
    return ShapeViolation(
        focus=_iri(v.focus),
        path=_iri(v.path),
        constraint=v.component,
        message=v.message,
        value=None if v.value is None or v.value == v.focus else _term_text(v.value),
    )


def _iri(node: rdflib.term.Node | None) -> str | None:
    if node is None:
        return None
    return str(node) if isinstance(node, rdflib.URIRef) else "_:" + str(node)


def _iri_text(iri: str | None) -> str:
    if iri is None:
        return "-"
    return "[]" if iri.startswith("_:") else curie(iri)


def _term_text(node: rdflib.term.Node) -> str:
    """An IRI as ``prefix:local``, a literal in Turtle form, a blank node as ``[]``."""
    if isinstance(node, rdflib.URIRef):
        return curie(str(node))
    if isinstance(node, rdflib.Literal):
        if node.datatype is None:
            return str(node.n3())
        return f"{rdflib.Literal(str(node)).n3()}^^{curie(str(node.datatype))}"
    return "[]"
