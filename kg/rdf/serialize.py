"""Deterministic serialisation of the store: same content, byte-identical output.

Every format is written from a sorted list of quads, so the bytes depend only on the
content of the store, never on insertion order or on a parser's hash seed:

* N-Triples / N-Quads: one statement per line, lines sorted, duplicates dropped.
* Turtle: the project's prefixes (``kg.rdf.terms.PREFIXES``, only those used), one block per
  subject (subjects sorted), ``rdf:type`` first then predicates sorted, objects sorted.
* TriG: triples of the default graph first, then one ``graph { … }`` block per named graph
  in sorted order, each laid out as the Turtle above.
* JSON-LD: a ``@context`` of the used prefixes and a ``@graph`` of node objects sorted by
  ``@id``, keys sorted, values sorted; literals keep their lexical form.

The data has no blank nodes by design (docs/data-model.md). If some appear anyway, the
dataset is first canonicalised with RDFC-1.0, which gives them stable labels (``c14n0`` …).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from kg.errors import NotFoundError, UsageError
from kg.rdf.formats import EXPORT_OFFERS, require
from kg.rdf.terms import PREFIXES, split_iri

RDF_TYPE = PREFIXES["rdf"] + "type"
XSD_STRING = PREFIXES["xsd"] + "string"

# A conservative PN_LOCAL: what every Turtle parser we test with (rdflib, Oxigraph, raptor,
# serd) accepts. Anything else is written as a full IRI.
_LOCAL_NAME = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")

Subject = NamedNode | BlankNode
Term = NamedNode | BlankNode | Literal
Graph = NamedNode | BlankNode | DefaultGraph
Triple3 = tuple[Subject, NamedNode, Term]


def selected_node(store: pyoxigraph.Store, graph: str | None = None) -> NamedNode | None:
    """``graph`` (an IRI) as a node of a graph in ``store``; ``None`` for the whole store."""
    if graph is None:
        return None
    try:
        node = NamedNode(graph)
    except ValueError as exc:
        raise UsageError(f"{graph!r} is not an absolute IRI ({exc})") from None
    if not store.contains_named_graph(node):
        raise NotFoundError(f"no graph <{graph}> in the store; list graphs with `kg sparql`")
    return node


def select_quads(store: pyoxigraph.Store, graph: str | None = None) -> list[Quad]:
    """All quads of ``store``, or those of the named graph ``graph`` (an IRI)."""
    return list(store.quads_for_pattern(None, None, None, selected_node(store, graph)))


def serialize_quads(quads: Iterable[Quad], fmt: str) -> bytes:
    """Serialise ``quads`` deterministically; see the module docstring for the layouts."""
    fmt = require(fmt, EXPORT_OFFERS, "exports").name
    canonical = canonicalize(quads)
    if fmt == "nq":
        return _sorted_lines(_nq_line(q) for q in canonical)
    if fmt == "nt":
        return _sorted_lines(
            f"{_nt(q.subject)} {_nt(q.predicate)} {_nt(q.object)} .\n" for q in canonical
        )
    if fmt == "ttl":
        return write_turtle(_triples(canonical))
    if fmt == "trig":
        return write_trig(canonical)
    if fmt == "jsonld":
        return write_jsonld(_triples(canonical))
    raise AssertionError(f"export format {fmt} is registered but has no writer")


def canonicalize(quads: Iterable[Quad]) -> list[Quad]:
    """The quads, with blank nodes (if any) relabelled by RDFC-1.0."""
    listed = list(quads)
    if not any(_has_blank(q) for q in listed):
        return listed
    dataset = pyoxigraph.Dataset(listed)
    dataset.canonicalize(pyoxigraph.CanonicalizationAlgorithm.RDFC_1_0)
    return list(dataset)


def _has_blank(quad: Quad) -> bool:
    return any(isinstance(t, BlankNode) for t in (quad.subject, quad.object, quad.graph_name))


def _nq_line(quad: Quad) -> str:
    graph = _graph_nt(quad.graph_name)
    tail = f" {graph}" if graph else ""
    return f"{_nt(quad.subject)} {_nt(quad.predicate)} {_nt(quad.object)}{tail} .\n"


def _sorted_lines(lines: Iterable[str]) -> bytes:
    return "".join(sorted(set(lines))).encode("utf-8")


def _nt(term: object) -> str:
    """The N-Triples form of a term (pyoxigraph escapes literals per the spec)."""
    return str(term)


def _graph_nt(graph: Graph) -> str:
    return "" if isinstance(graph, DefaultGraph) else str(graph)


def _triples(quads: Iterable[Quad]) -> list[Triple3]:
    """The union of all graphs: distinct triples."""
    return _distinct([(q.subject, q.predicate, q.object) for q in quads])  # type: ignore[misc]


# --- Turtle and TriG ------------------------------------------------------------------------


class _Namer:
    """Writes terms as Turtle, shortening IRIs with the project's prefixes."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def iri(self, iri: str) -> str:
        split = split_iri(iri)
        if split is None or not _LOCAL_NAME.match(split[1]):
            return f"<{iri}>"
        self.used.add(split[0])
        return f"{split[0]}:{split[1]}"

    def term(self, term: object) -> str:
        if isinstance(term, NamedNode):
            return self.iri(term.value)
        if isinstance(term, Literal):
            quoted = str(Literal(term.value))
            if term.language:
                direction = getattr(term, "direction", None)
                suffix = f"--{direction.value}" if direction is not None else ""
                return f"{quoted}@{term.language}{suffix}"
            if term.datatype.value == XSD_STRING:
                return quoted
            return f"{quoted}^^{self.iri(term.datatype.value)}"
        return str(term)

    def header(self) -> str:
        return "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(self.used))


def _sort_key(term: object) -> tuple[int, str]:
    """IRIs before blank nodes before literals, then by N-Triples form."""
    if isinstance(term, NamedNode):
        return (0, term.value)
    if isinstance(term, BlankNode):
        return (1, term.value)
    return (2, str(term))


def _predicate_key(predicate: NamedNode) -> tuple[int, str]:
    return (0 if predicate.value == RDF_TYPE else 1, predicate.value)


def _blocks(triples: Iterable[Triple3], namer: _Namer, indent: str) -> list[str]:
    by_subject: dict[Subject, dict[NamedNode, set[Term]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in triples:
        by_subject[s][p].add(o)
    blocks = []
    pad = indent + "    "
    for subject in sorted(by_subject, key=_sort_key):
        parts = []
        for predicate in sorted(by_subject[subject], key=_predicate_key):
            verb = "a" if predicate.value == RDF_TYPE else namer.iri(predicate.value)
            objects = [namer.term(o) for o in sorted(by_subject[subject][predicate], key=_sort_key)]
            parts.append(f"{verb} " + f" ,\n{pad}    ".join(objects))
        blocks.append(f"{indent}{namer.term(subject)} " + f" ;\n{pad}".join(parts) + " .\n")
    return blocks


def write_turtle(triples: Iterable[Triple3]) -> bytes:
    """Turtle grouped by subject, with the project's prefixes."""
    namer = _Namer()
    body = "\n".join(_blocks(triples, namer, ""))
    header = namer.header()
    return (header + ("\n" if header and body else "") + body).encode("utf-8")


def write_trig(quads: Iterable[Quad]) -> bytes:
    """TriG: the default graph first, then each named graph, sorted."""
    namer = _Namer()
    graphs: dict[Graph, list[Triple3]] = defaultdict(list)
    for q in quads:
        graphs[q.graph_name].append((q.subject, q.predicate, q.object))  # type: ignore[arg-type]
    sections = []
    default = [g for g in graphs if isinstance(g, DefaultGraph)]
    if default:
        sections.append("\n".join(_blocks(_distinct(graphs[default[0]]), namer, "")))
    named = sorted((g for g in graphs if not isinstance(g, DefaultGraph)), key=_sort_key)
    for name in named:
        inner = "\n".join(_blocks(_distinct(graphs[name]), namer, "    "))
        sections.append(f"{namer.term(name)} {{\n{inner}}}\n")
    header = namer.header()
    body = "\n".join(sections)
    return (header + ("\n" if header and body else "") + body).encode("utf-8")


def _distinct(triples: list[Triple3]) -> list[Triple3]:
    return list({(_nt(s), _nt(p), _nt(o)): (s, p, o) for s, p, o in triples}.values())


# --- JSON-LD --------------------------------------------------------------------------------


def _compact(iri: str, used: set[str]) -> str:
    """A compact IRI (``cmkg:Proposal``) when a project prefix applies, else the IRI."""
    split = split_iri(iri)
    if split is None or not split[1] or split[1].startswith("//"):
        return iri
    prefix, local = split
    used.add(prefix)
    return f"{prefix}:{local}"


def _jsonld_id(term: object, used: set[str]) -> str:
    if isinstance(term, NamedNode):
        return _compact(term.value, used)
    return str(term)  # a blank node: "_:label"


def _jsonld_value(term: Term, used: set[str]) -> dict[str, str]:
    if not isinstance(term, Literal):
        return {"@id": _jsonld_id(term, used)}
    value = {"@value": term.value}
    if term.language:
        value["@language"] = term.language
        direction = getattr(term, "direction", None)
        if direction is not None:
            value["@direction"] = str(direction.value)
    elif term.datatype.value != XSD_STRING:
        value["@type"] = _compact(term.datatype.value, used)
    return value


def write_jsonld(triples: Iterable[Triple3]) -> bytes:
    """Compact-IRI JSON-LD: ``@context`` of the used prefixes and a sorted ``@graph``."""
    used: set[str] = set()
    nodes: dict[Subject, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        nodes[s][p.value].append(o)
    graph = []
    for subject in sorted(nodes, key=_sort_key):
        node: dict[str, object] = {"@id": _jsonld_id(subject, used)}
        for predicate, objects in nodes[subject].items():
            ordered = sorted(objects, key=_sort_key)
            types = [o for o in ordered if not isinstance(o, Literal)]
            if predicate == RDF_TYPE and len(types) == len(ordered):
                node["@type"] = [_jsonld_id(o, used) for o in types]
            else:
                node[_compact(predicate, used)] = [_jsonld_value(o, used) for o in ordered]
        graph.append(node)
    document = {"@context": {p: PREFIXES[p] for p in sorted(used)}, "@graph": graph}
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
    return (text + "\n").encode("utf-8")
