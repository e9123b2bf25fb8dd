"""The RDFS/OWL closure rules (stratum 1 of ontology/rules) evaluated in Python, graph by graph.

The rule texts stay the specification (a test compares the two on the seed build and on
generated corpora); :func:`kg.graph.inference.infer` uses this module when every stratum-1
rule text is the one it implements (:data:`RULE_HASHES`).

Every closure rule but ``closure-transitive`` has one data premise plus schema triples
(``rdfs:domain``, ``rdfs:range``, ``rdfs:subClassOf``, ``rdfs:subPropertyOf``,
``owl:inverseOf``, ``a owl:SymmetricProperty``). With the schema fixed, the closure of the
union of graphs is therefore the union of the closures of each graph: :func:`derive` gives
one graph's derived triples, which ``kg build`` keeps per article and reuses while the article
and the schema are unchanged. Transitive properties join triples across graphs and are closed
over the union (:func:`transitive`), as are the conflict rules that follow.

Each derived triple is attributed to one rule, the first (in rule order) that derives it in
one step from the closure, so the per-rule counts do not depend on the order of evaluation.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph
from pyoxigraph import Literal, NamedNode, Triple

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
CMKG = "https://w3id.org/cmkg/ontology#"

# rule name -> SHA-256 of the rule text this module implements (see kg/graph/inference.py)
RULE_HASHES = {
    "closure-domain": "2521e3d22a49f9a34230597242a4b738b56b47ad08f9054cfe10dca5e9cffec1",
    "closure-inverse": "d3764be087cf0b97d5b81b9298da53f02360513aa4db20f91d91ad048ddd0fb6",
    "closure-range": "667d6161e788bffa753a7cb1779074247136986321f8c70726128a215f31a026",
    "closure-subclass-transitive": "ac17ab682414a54fba3bc8dd48dc701b2225d24f2d113a6766bc1bb05daa2203",  # noqa: E501
    "closure-subclass-typing": "da00feb1f48f8a1827b66a29384f423973d2dfbe9adb63a2c790232095a806fe",
    "closure-subproperty": "a9970d2c635995d1cb9b261a65b3cdcb202b6de382a1ffe986f54cca9865b9a5",
    "closure-symmetric": "f49088fdffab03166d3770673d4eab4da5325d05cf1368c54cdee64066a77980",
    "closure-transitive": "ac92d56db67266ce7ad41d057741f3bfb309a97ced256736e1ea4cc625c14159",
}
RULES = tuple(RULE_HASHES)  # the order of attribution: the rule files' order
DOMAIN, INVERSE, RANGE, SUBCLASS_TRANSITIVE, SUBCLASS_TYPING, SUBPROPERTY, SYMMETRIC = range(7)
TRANSITIVE = 7

Term = NamedNode | pyoxigraph.BlankNode | Literal | Triple
Derived = dict[Triple, int]  # derived triple -> index of the rule it is attributed to

_A = NamedNode(RDF_TYPE)
_SCHEMA_PREDICATES = {
    RDFS + "subClassOf",
    RDFS + "subPropertyOf",
    RDFS + "domain",
    RDFS + "range",
    OWL + "inverseOf",
}
_SCHEMA_CLASSES = {OWL + "SymmetricProperty", OWL + "TransitiveProperty"}


def rule_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plus(edges: dict[Term, set[Term]], start: Term) -> set[Term]:
    """Everything reachable from ``start`` in one or more steps (a ``path+``)."""
    seen: set[Term] = set()
    todo = list(edges.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, ()))
    return seen


@dataclass
class Schema:
    """The schema triples the closure rules read, over the union of the asserted graphs."""

    supers: dict[Term, tuple[NamedNode, ...]] = field(default_factory=dict)  # class -> supers
    superprops: dict[Term, tuple[NamedNode, ...]] = field(default_factory=dict)
    domains: dict[Term, tuple[NamedNode, ...]] = field(default_factory=dict)
    ranges: dict[Term, tuple[NamedNode, ...]] = field(default_factory=dict)
    inverses: dict[Term, tuple[NamedNode, ...]] = field(default_factory=dict)
    symmetric: frozenset[Term] = frozenset()
    transitive: frozenset[Term] = frozenset()
    subclass_triples: tuple[Triple, ...] = ()  # what closure-subclass-transitive derives
    digest: str = ""  # identifies the schema: per-graph closures are reused only under it

    def relevant(self, predicate: Term) -> bool:
        return (
            predicate == _A
            or predicate in self.superprops
            or predicate in self.domains
            or predicate in self.ranges
            or predicate in self.inverses
            or predicate in self.symmetric
        )


def read_schema(store: pyoxigraph.Store, skip: NamedNode | None = None) -> Schema:
    """The schema of ``store`` (all graphs but ``skip``), with its transitive class and
    property paths."""

    def edges(predicate: str) -> dict[Term, set[Term]]:
        found: dict[Term, set[Term]] = defaultdict(set)
        for quad in store.quads_for_pattern(None, NamedNode(predicate), None):
            if skip is None or quad.graph_name != skip:
                found[quad.subject].add(quad.object)
        return found

    sub_class = edges(RDFS + "subClassOf")
    sub_property = edges(RDFS + "subPropertyOf")
    schema = Schema()
    for cls in sub_class:
        ups = sorted(
            (u for u in _plus(sub_class, cls) if isinstance(u, NamedNode) and u != cls), key=str
        )
        if ups:
            schema.supers[cls] = tuple(ups)
    derived = []
    for cls, middles in sub_class.items():
        if not isinstance(cls, NamedNode):
            continue
        for middle in middles:
            if not isinstance(middle, NamedNode):
                continue
            for up in _plus(sub_class, middle):
                if isinstance(up, NamedNode) and up != cls and up not in sub_class[cls]:
                    derived.append(Triple(cls, NamedNode(RDFS + "subClassOf"), up))
    schema.subclass_triples = tuple(sorted(set(derived), key=str))
    for prop in sub_property:
        if isinstance(prop, NamedNode):
            ups = sorted(
                (u for u in _plus(sub_property, prop) if isinstance(u, NamedNode) and u != prop),
                key=str,
            )
            if ups:
                schema.superprops[prop] = tuple(ups)
    for name, table in (("domain", schema.domains), ("range", schema.ranges)):
        for prop, classes in edges(RDFS + name).items():
            if isinstance(prop, NamedNode) and prop.value.startswith(CMKG):
                kept = sorted(
                    (c for c in classes if isinstance(c, NamedNode) and c.value.startswith(CMKG)),
                    key=str,
                )
                if kept:
                    table[prop] = tuple(kept)
    inverse: dict[Term, set[NamedNode]] = defaultdict(set)
    for p, qs in edges(OWL + "inverseOf").items():
        for q in qs:
            if isinstance(p, NamedNode) and isinstance(q, NamedNode):
                inverse[p].add(q)
                inverse[q].add(p)
    schema.inverses = {p: tuple(sorted(qs, key=str)) for p, qs in inverse.items()}

    def typed(cls: str) -> frozenset[Term]:
        found = store.quads_for_pattern(None, _A, NamedNode(cls))
        return frozenset(q.subject for q in found if isinstance(q.subject, NamedNode))

    schema.symmetric = typed(OWL + "SymmetricProperty")
    schema.transitive = typed(OWL + "TransitiveProperty")
    parts = [
        *(f"sc {k} {' '.join(map(str, v))}" for k, v in schema.supers.items()),
        *(f"sp {k} {' '.join(map(str, v))}" for k, v in schema.superprops.items()),
        *(f"d {k} {' '.join(map(str, v))}" for k, v in schema.domains.items()),
        *(f"r {k} {' '.join(map(str, v))}" for k, v in schema.ranges.items()),
        *(f"i {k} {' '.join(map(str, v))}" for k, v in schema.inverses.items()),
        *(f"s {p}" for p in schema.symmetric),
        *(f"t {p}" for p in schema.transitive),
    ]
    schema.digest = hashlib.sha256("\n".join(sorted(parts)).encode("utf-8")).hexdigest()
    return schema


def is_schema_triple(triple: Triple) -> bool:
    """A triple that would change the schema (the closure must then be evaluated in SPARQL)."""
    predicate = triple.predicate.value
    if predicate in _SCHEMA_PREDICATES:
        return True
    obj = triple.object
    return predicate == RDF_TYPE and isinstance(obj, NamedNode) and obj.value in _SCHEMA_CLASSES


def _steps(t: Triple, schema: Schema) -> Iterable[tuple[Triple, int]]:
    """What the single-premise rules derive from ``t`` in one step, with the rule index."""
    s, p, o = t.subject, t.predicate, t.object
    if p == _A:
        for up in schema.supers.get(o, ()):
            yield Triple(s, _A, up), SUBCLASS_TYPING
    for cls in schema.domains.get(p, ()):
        yield Triple(s, _A, cls), DOMAIN
    if isinstance(o, NamedNode):
        for cls in schema.ranges.get(p, ()):
            yield Triple(o, _A, cls), RANGE
    for up in schema.superprops.get(p, ()):
        yield Triple(s, up, o), SUBPROPERTY
    if not isinstance(o, Literal):
        for q in schema.inverses.get(p, ()):
            yield Triple(o, q, s), INVERSE
        if p in schema.symmetric:
            yield Triple(o, p, s), SYMMETRIC


def derive(triples: Iterable[Triple], schema: Schema) -> Derived:
    """The triples the single-premise closure rules derive from ``triples`` (to a fixpoint),
    each with the lowest index of a rule that derives it in one step; ``triples`` themselves
    are left out."""
    given: set[Triple] = set()
    todo: list[Triple] = []
    for t in triples:
        given.add(t)
        if schema.relevant(t.predicate):
            todo.append(t)
    derived: Derived = {}
    while todo:
        t = todo.pop()
        for new, rule in _steps(t, schema):
            if new in given:
                continue
            before = derived.get(new)
            if before is None:
                derived[new] = rule
                todo.append(new)
            elif rule < before:
                derived[new] = rule
    return derived


def transitive(triples: Iterable[Triple], schema: Schema) -> set[Triple]:
    """``closure-transitive`` to a fixpoint over ``triples``: every ``x p z`` with a chain of
    ``p`` from x to z (p transitive, z not a literal, x != z), including those given."""
    edges: dict[Term, dict[Term, set[Term]]] = defaultdict(lambda: defaultdict(set))
    for t in triples:
        if t.predicate in schema.transitive:
            edges[t.predicate][t.subject].add(t.object)
    found: set[Triple] = set()
    for p, graph in edges.items():
        for x in list(graph):
            for z in _plus(graph, x):
                if not isinstance(z, Literal) and z != x:
                    found.add(Triple(x, p, z))  # type: ignore[arg-type]
    return found


def merge_into(total: Derived, part: Derived) -> None:
    """Add one graph's derived triples to the union (a triple keeps its lowest rule)."""
    for t, rule in part.items():
        before = total.get(t)
        if before is None or rule < before:
            total[t] = rule
