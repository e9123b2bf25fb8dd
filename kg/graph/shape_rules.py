"""The SHACL shapes compiled into direct checks, for validating many small graphs fast.

:func:`compile_shapes` turns a shapes graph into :class:`NodeRule` objects when every shape
uses only the features listed in :data:`NODE_KEYS` / :data:`PROPERTY_KEYS` (simple
predicate paths; targetClass, targetSubjectsOf, targetObjectsOf; minCount, maxCount,
datatype, class, in, nodeKind sh:IRI, pattern, minLength, minInclusive, maxInclusive,
lessThan, or, qualifiedValueShape with qualifiedMinCount; one plain sh:message per
targeted shape). Anything else makes it return ``None`` and the caller uses pyshacl for
everything: a feature is never skipped.

:func:`check_rules` evaluates the rules over an rdflib graph for given focus nodes and
returns the violations it is sure of, in the form pyshacl reports them, plus the focus
nodes it is *not* sure of: a value whose verdict depends on pyshacl's finer literal
semantics (an ill-typed literal, a comparison of non-numbers, a literal outside an
``sh:in`` list...). The caller validates those focus nodes with pyshacl, so the answer is
pyshacl's in every case (tests/graph/test_shape_rules.py checks that they agree).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import rdflib
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

NODE_KEYS = frozenset(
    {
        RDF.type,
        RDFS.comment,
        RDFS.label,
        SH.targetClass,
        SH.targetSubjectsOf,
        SH.targetObjectsOf,
        SH.property,
        SH["or"],
        SH["class"],
        SH.message,
    }
)
PROPERTY_KEYS = frozenset(
    {
        SH.path,
        SH.minCount,
        SH.maxCount,
        SH.datatype,
        SH["class"],
        SH["in"],
        SH.nodeKind,
        SH.pattern,
        SH.minLength,
        SH.minInclusive,
        SH.maxInclusive,
        SH.lessThan,
        SH["or"],
        SH.qualifiedValueShape,
        SH.qualifiedMinCount,
        SH.message,
        RDFS.comment,
        RDFS.label,
    }
)
_NUMBER = (int, Decimal)
_SURE_DATATYPES = {XSD.string: str, XSD.integer: int, XSD.decimal: Decimal, XSD.date: date}
_UNCHECKED_DATATYPES = {XSD.nonNegativeInteger}  # pyshacl checks only that it is well-typed

OK, BAD, UNSURE = 0, 1, 2


class Unsupported(Exception):
    """A shape uses a feature the compiled checks do not implement."""


@dataclass
class PropertyRule:
    """One property shape: the values of ``path`` and what each must be."""

    path: rdflib.URIRef
    message: str | None
    min_count: int | None = None
    max_count: int | None = None
    datatype: rdflib.URIRef | None = None
    classes: list[Node] = field(default_factory=list)
    in_list: list[Node] | None = None
    node_kind_iri: bool = False
    pattern: re.Pattern[str] | None = None
    min_length: int | None = None
    min_inclusive: rdflib.Literal | None = None
    max_inclusive: rdflib.Literal | None = None
    less_than: rdflib.URIRef | None = None
    value_or: list[ValueShape] | None = None
    qualified: tuple[ValueShape, int] | None = None


@dataclass
class ValueShape:
    """An anonymous shape applied to one value (inside ``sh:or`` or a qualified shape)."""

    datatype: rdflib.URIRef | None = None
    classes: list[Node] = field(default_factory=list)


@dataclass
class NodeRule:
    """One node shape (targeted, or an ``sh:or`` alternative checked on the focus node)."""

    name: Node
    message: str | None = None
    target_classes: list[Node] = field(default_factory=list)
    subjects_of: list[Node] = field(default_factory=list)
    objects_of: list[Node] = field(default_factory=list)
    classes: list[Node] = field(default_factory=list)
    properties: list[PropertyRule] = field(default_factory=list)
    node_or: list[NodeRule] | None = None


@dataclass(frozen=True)
class Found:
    """A violation as pyshacl reports it (terms, not yet text)."""

    focus: Node
    path: rdflib.URIRef | None
    component: str
    message: str
    value: Node | None


def compile_shapes(shapes: rdflib.Graph) -> list[NodeRule] | None:
    """The targeted node shapes as rules, or None when any shape needs pyshacl."""
    try:
        targeted = {
            s
            for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
            for s in shapes.subjects(p, None)
        }
        for s in shapes.subjects(RDF.type, SH.PropertyShape):
            if (None, SH.property, s) not in shapes:
                targeted.add(s)  # a standalone property shape: not handled here
        rules = [_node_rule(shapes, s, top=True) for s in sorted(targeted, key=str)]
        _reject_unknown_sh_terms(shapes)
        return rules
    except Unsupported:
        return None


def _reject_unknown_sh_terms(shapes: rdflib.Graph) -> None:
    """Shapes-level features (sh:deactivated, sh:severity, SPARQL...) anywhere mean pyshacl."""
    known = NODE_KEYS | PROPERTY_KEYS | {SH.NodeShape, SH.PropertyShape, SH.IRI}
    for _s, p, o in shapes:
        for term in (p, o):
            sh_term = isinstance(term, rdflib.URIRef) and str(term).startswith(str(SH))
            if sh_term and term not in known:
                raise Unsupported(str(term))


def _one(shapes: rdflib.Graph, s: Node, p: Node) -> Node | None:
    values = list(shapes.objects(s, p))
    if len(values) > 1:
        raise Unsupported(f"several {p}")
    return values[0] if values else None


def _message(shapes: rdflib.Graph, s: Node, required: bool) -> str | None:
    m = _one(shapes, s, SH.message)
    if m is None:
        if required:
            raise Unsupported("no sh:message (pyshacl writes its own text)")
        return None
    if not isinstance(m, rdflib.Literal) or m.language is not None:
        raise Unsupported("sh:message that is not one plain string")
    return str(m)


def _keys(shapes: rdflib.Graph, s: Node, allowed: frozenset[Node]) -> set[Node]:
    keys = set(shapes.predicates(s, None))
    if keys - allowed:
        raise Unsupported(f"{sorted(str(k) for k in keys - allowed)}")
    types = set(shapes.objects(s, RDF.type)) - {SH.NodeShape, SH.PropertyShape}
    if types:
        raise Unsupported("a shape that is also a class")
    return keys


def _node_rule(shapes: rdflib.Graph, s: Node, *, top: bool) -> NodeRule:
    keys = _keys(shapes, s, NODE_KEYS)
    if (s, SH.targetNode, None) in shapes or (s, RDF.type, SH.PropertyShape) in shapes:
        raise Unsupported("sh:targetNode or a targeted property shape")
    rule = NodeRule(name=s)
    rule.target_classes = list(shapes.objects(s, SH.targetClass))
    rule.subjects_of = list(shapes.objects(s, SH.targetSubjectsOf))
    rule.objects_of = list(shapes.objects(s, SH.targetObjectsOf))
    if not top and (rule.target_classes or rule.subjects_of or rule.objects_of):
        raise Unsupported("an sh:or alternative with targets of its own")
    rule.classes = list(shapes.objects(s, SH["class"]))
    if SH["or"] in keys:
        if not top:
            raise Unsupported("nested sh:or")
        rule.node_or = [
            _node_rule(shapes, alt, top=False) for alt in _list(shapes, _one(shapes, s, SH["or"]))
        ]
    if rule.classes and top:
        raise Unsupported("sh:class on a targeted node shape")
    rule.properties = [_property_rule(shapes, p, top) for p in shapes.objects(s, SH.property)]
    if top:
        has_node_constraint = rule.node_or is not None
        rule.message = _message(shapes, s, required=has_node_constraint)
    elif SH.message in keys:
        raise Unsupported("sh:message on an sh:or alternative")
    return rule


def _list(shapes: rdflib.Graph, head: Node | None) -> list[Node]:
    if head is None:
        raise Unsupported("empty list")
    return list(rdflib.collection.Collection(shapes, head))


def _int(shapes: rdflib.Graph, s: Node, p: Node) -> int | None:
    v = _one(shapes, s, p)
    if v is None:
        return None
    if not isinstance(v, rdflib.Literal) or not isinstance(v.value, int):
        raise Unsupported(f"{p} that is not an integer")
    return int(v.value)


def _number(shapes: rdflib.Graph, s: Node, p: Node) -> rdflib.Literal | None:
    v = _one(shapes, s, p)
    if v is None:
        return None
    if not isinstance(v, rdflib.Literal) or type(v.value) not in _NUMBER:
        raise Unsupported(f"{p} that is not a number")
    return v


def _iri(node: Node | None, what: str) -> rdflib.URIRef:
    if not isinstance(node, rdflib.URIRef):
        raise Unsupported(f"{what} that is not an IRI (a complex path?)")
    return node


def _value_shape(shapes: rdflib.Graph, s: Node) -> ValueShape:
    keys = _keys(shapes, s, frozenset({SH.datatype, SH["class"]}))
    if not keys:
        raise Unsupported("an empty value shape")
    dt = _one(shapes, s, SH.datatype)
    return ValueShape(
        datatype=_iri(dt, "sh:datatype") if dt is not None else None,
        classes=list(shapes.objects(s, SH["class"])),
    )


def _property_rule(shapes: rdflib.Graph, s: Node, top: bool) -> PropertyRule:
    keys = _keys(shapes, s, PROPERTY_KEYS)
    if top is False and keys - {SH.path, SH.minCount}:
        raise Unsupported("an sh:or alternative with more than a minCount")
    rule = PropertyRule(
        path=_iri(_one(shapes, s, SH.path), "sh:path"),
        message=_message(shapes, s, required=top),
    )
    rule.min_count = _int(shapes, s, SH.minCount)
    rule.max_count = _int(shapes, s, SH.maxCount)
    dt = _one(shapes, s, SH.datatype)
    rule.datatype = _iri(dt, "sh:datatype") if dt is not None else None
    rule.classes = list(shapes.objects(s, SH["class"]))
    if SH["in"] in keys:
        rule.in_list = _list(shapes, _one(shapes, s, SH["in"]))
    kind = _one(shapes, s, SH.nodeKind)
    if kind is not None:
        if kind != SH.IRI:
            raise Unsupported("sh:nodeKind other than sh:IRI")
        rule.node_kind_iri = True
    pattern = _one(shapes, s, SH.pattern)
    if pattern is not None:
        rule.pattern = re.compile(str(pattern))
    rule.min_length = _int(shapes, s, SH.minLength)
    rule.min_inclusive = _number(shapes, s, SH.minInclusive)
    rule.max_inclusive = _number(shapes, s, SH.maxInclusive)
    lt = _one(shapes, s, SH.lessThan)
    rule.less_than = _iri(lt, "sh:lessThan") if lt is not None else None
    if SH["or"] in keys:
        rule.value_or = [_value_shape(shapes, a) for a in _list(shapes, _one(shapes, s, SH["or"]))]
    if (SH.qualifiedValueShape in keys) != (SH.qualifiedMinCount in keys):
        raise Unsupported("a qualified shape without its minimum (or the reverse)")
    if SH.qualifiedValueShape in keys:
        node = _one(shapes, s, SH.qualifiedValueShape)
        if node is None:
            raise Unsupported("no qualified shape")
        shape = _value_shape(shapes, node)
        rule.qualified = (shape, _int(shapes, s, SH.qualifiedMinCount) or 0)
    return rule


# ---------------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------------


class Data:
    """The union of a few rdflib graphs (the context and the graph checked), read-only, so
    that checking a graph needs no copy of the context."""

    def __init__(self, graphs: Sequence[rdflib.Graph]) -> None:
        self.graphs = list(graphs)

    def objects(self, s: Node, p: Node) -> list[Node]:
        if len(self.graphs) == 1:
            return list(self.graphs[0].objects(s, p))
        return list(dict.fromkeys(o for g in self.graphs for o in g.objects(s, p)))

    def subjects(self, p: Node, o: Node) -> list[Node]:
        return list(dict.fromkeys(s for g in self.graphs for s in g.subjects(p, o)))

    def predicates_from(self, s: Node) -> set[Node]:
        return {p for g in self.graphs for p in g.predicates(s, None)}

    def predicates_to(self, o: Node) -> set[Node]:
        return {p for g in self.graphs for p in g.predicates(None, o)}


def _closure(start: Node, step: Callable[[Node], list[Node]]) -> set[Node]:
    seen = {start}
    todo = [start]
    while todo:
        for n in step(todo.pop()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


class _Classes:
    """rdf:type with rdfs:subClassOf* over the data, memoised per class."""

    def __init__(self, graph: Data, focus: set[Node] | None) -> None:
        self.graph = graph
        self.focus = focus
        self.supers: dict[Node, set[Node]] = {}
        self.subs: dict[Node, set[Node]] = {}

    def superclasses(self, cls: Node) -> set[Node]:
        if cls not in self.supers:
            self.supers[cls] = _closure(cls, lambda c: self.graph.objects(c, RDFS.subClassOf))
        return self.supers[cls]

    def subclasses(self, cls: Node) -> set[Node]:
        if cls not in self.subs:
            self.subs[cls] = _closure(cls, lambda c: self.graph.subjects(RDFS.subClassOf, c))
        return self.subs[cls]

    def is_instance(self, node: Node, cls: Node) -> bool:
        if isinstance(node, rdflib.Literal):
            return False
        return any(
            t == cls or cls in self.superclasses(t) for t in self.graph.objects(node, RDF.type)
        )


def _component(name: str) -> str:
    return str(SH) + name + "ConstraintComponent"


def check_rules(
    rules: list[NodeRule], graphs: Sequence[rdflib.Graph], focus: Iterable[rdflib.URIRef]
) -> tuple[list[Found], set[rdflib.URIRef]]:
    """The sure violations of the ``focus`` nodes, and the focus nodes that need pyshacl.

    This reproduces pyshacl's validation with ``focus_nodes``, including a quirk of it: the
    focus list also filters the value nodes that an ``sh:or`` alternative or a
    ``sh:qualifiedValueShape`` is applied to, so a value that is not itself a focus node
    conforms to any such shape (a claimant IRI that is no subject of the graph checked passes
    ``sh:or ( [ sh:class cmkg:Actor ] ... )``). The node-level ``sh:or`` of a focus node is
    applied to the focus node itself and is therefore checked.
    """
    graph = Data(graphs)
    focus_list = list(focus)
    classes = _Classes(graph, set(focus_list))
    found: list[Found] = []
    unsure: set[rdflib.URIRef] = set()
    facts = [
        (f, set(graph.objects(f, RDF.type)), graph.predicates_from(f), graph.predicates_to(f))
        for f in focus_list
    ]
    for rule in rules:
        for f in _targets(rule, facts, classes):
            results: list[Found] = []
            if _check_node(rule, graph, f, classes, results):
                unsure.add(f)
            else:
                found += results
    return [v for v in found if v.focus not in unsure], unsure


def _targets(
    rule: NodeRule,
    facts: list[tuple[rdflib.URIRef, set[Node], set[Node], set[Node]]],
    classes: _Classes,
) -> list[rdflib.URIRef]:
    """The focus nodes the rule targets; ``facts`` holds each one's types, predicates and
    incoming predicates."""
    wanted: set[Node] = set()
    for tc in rule.target_classes:
        wanted |= classes.subclasses(tc)
    subjects_of, objects_of = set(rule.subjects_of), set(rule.objects_of)
    return [
        f
        for f, types, out, into in facts
        if not types.isdisjoint(wanted)
        or not out.isdisjoint(subjects_of)
        or not into.isdisjoint(objects_of)
    ]


def _check_node(rule: NodeRule, graph: Data, f: Node, classes: _Classes, out: list[Found]) -> bool:
    """Append the violations of ``rule`` at ``f`` to ``out``; True when unsure."""
    unsure = False
    if rule.node_or is not None:
        verdicts = [_conforms(alt, graph, f, classes) for alt in rule.node_or]
        if OK not in verdicts:
            if UNSURE in verdicts:
                return True
            out.append(Found(f, None, _component("Or"), rule.message or "", f))
    for prop in rule.properties:
        unsure |= _check_property(prop, graph, f, classes, out)
    return unsure


def _conforms(rule: NodeRule, graph: Data, f: Node, classes: _Classes) -> int:
    """OK / BAD for an sh:or alternative (class on the focus, minCounts)."""
    for cls in rule.classes:
        if not classes.is_instance(f, cls):
            return BAD
    for prop in rule.properties:
        if prop.min_count is not None and len(set(graph.objects(f, prop.path))) < prop.min_count:
            return BAD
    return OK


def _check_property(
    rule: PropertyRule, graph: Data, f: Node, classes: _Classes, out: list[Found]
) -> bool:
    values = graph.objects(f, rule.path)
    unsure = False
    message = rule.message or ""

    def add(name: str, value: Node | None) -> None:
        out.append(Found(f, rule.path, _component(name), message, value))

    if rule.min_count is not None and len(values) < rule.min_count:
        add("MinCount", None)
    if rule.max_count is not None and len(values) > rule.max_count:
        add("MaxCount", None)
    if rule.qualified is not None:
        shape, minimum = rule.qualified
        if sum(1 for v in values if _value_ok(shape, v, classes) == OK) < minimum:
            if any(_value_ok(shape, v, classes) == UNSURE for v in values):
                return True
            add("QualifiedMinCount", None)
    lt_values = list(graph.objects(f, rule.less_than)) if rule.less_than is not None else []
    for v in values:
        checks: list[tuple[str, int]] = []
        if rule.datatype is not None:
            checks.append(("Datatype", _datatype_ok(rule.datatype, v)))
        for cls in rule.classes:
            checks.append(("Class", OK if classes.is_instance(v, cls) else BAD))
        if rule.in_list is not None:
            checks.append(("In", _in_ok(rule.in_list, v)))
        if rule.node_kind_iri:
            checks.append(("NodeKind", OK if isinstance(v, rdflib.URIRef) else BAD))
        if rule.pattern is not None:
            checks.append(("Pattern", _pattern_ok(rule.pattern, v)))
        if rule.min_length is not None:
            checks.append(("MinLength", _min_length_ok(rule.min_length, v)))
        if rule.min_inclusive is not None:
            checks.append(("MinInclusive", _compare_ok(v, rule.min_inclusive, lower=True)))
        if rule.max_inclusive is not None:
            checks.append(("MaxInclusive", _compare_ok(v, rule.max_inclusive, lower=False)))
        if rule.value_or is not None:
            verdicts = [_value_ok(alt, v, classes) for alt in rule.value_or]
            checks.append(("Or", OK if OK in verdicts else UNSURE if UNSURE in verdicts else BAD))
        for other in lt_values:
            checks.append(("LessThan", _less_than_ok(v, other)))
        for name, verdict in checks:
            if verdict == UNSURE:
                unsure = True
            elif verdict == BAD:
                add(name, v)
    return unsure


def _value_ok(shape: ValueShape, v: Node, classes: _Classes) -> int:
    if classes.focus is not None and v not in classes.focus:
        return OK  # pyshacl's focus filter: see check_rules
    verdicts = [OK]
    if shape.datatype is not None:
        verdicts.append(_datatype_ok(shape.datatype, v))
    verdicts += [OK if classes.is_instance(v, c) else BAD for c in shape.classes]
    return UNSURE if UNSURE in verdicts else BAD if BAD in verdicts else OK


def _datatype_ok(datatype: rdflib.URIRef, v: Node) -> int:
    if not isinstance(v, rdflib.Literal):
        return BAD
    if v.datatype == datatype and datatype in _UNCHECKED_DATATYPES:
        return BAD if getattr(v, "ill_typed", None) is True else OK
    if v.datatype is None and v.language is None and datatype == XSD.string:
        return OK if isinstance(v.value, str) else UNSURE
    if v.datatype == datatype and datatype in _SURE_DATATYPES:
        if getattr(v, "ill_typed", None) is True:
            return BAD
        kind = _SURE_DATATYPES[datatype]
        value = v.value
        if isinstance(value, bool) or not isinstance(value, kind):
            return UNSURE
        return OK
    special = (RDFS.Literal, RDFS.Datatype, RDF.langString)
    if v.datatype is not None and v.datatype != datatype and v.language is None:
        return UNSURE if datatype in special else BAD
    return UNSURE


def _in_ok(members: list[Node], v: Node) -> int:
    if v in members:
        return OK
    return UNSURE if isinstance(v, rdflib.Literal) else BAD


def _pattern_ok(pattern: re.Pattern[str], v: Node) -> int:
    if isinstance(v, rdflib.Literal) and isinstance(v.value, str) and v.language is None:
        return OK if pattern.search(str(v)) else BAD
    return UNSURE


def _min_length_ok(minimum: int, v: Node) -> int:
    if isinstance(v, rdflib.Literal) and isinstance(v.value, str):
        return OK if len(str(v)) >= minimum else BAD
    return UNSURE


def _plain_number(v: Node) -> Decimal | int | None:
    if isinstance(v, rdflib.Literal) and not getattr(v, "ill_typed", False):
        value = v.value
        if type(value) in _NUMBER:
            return value
    return None


def _compare_ok(v: Node, bound: rdflib.Literal, *, lower: bool) -> int:
    if isinstance(v, (rdflib.URIRef, rdflib.BNode)):
        return BAD
    number, limit = _plain_number(v), _plain_number(bound)
    if number is None or limit is None:
        return UNSURE
    return OK if (number >= limit if lower else number <= limit) else BAD


def _less_than_ok(v: Node, other: Node) -> int:
    a, b = _plain_number(v), _plain_number(other)
    if a is None or b is None:
        return UNSURE
    return OK if a < b else BAD
