"""The conflict rules of an incremental build, evaluated only where their inputs changed.

``conflict-detect`` gives its triples for a (proposal, measure) pair from what it reads
*forward* of the two events (their properties, their actors and those actors'
jurisdictions, resources and places with their ``skos:broader`` / ``cmkg:locatedIn``
chains, the reporting articles' dates); ``explain-conflict`` gives a conflict's reason and
review status from what it reads forward of the conflict node. So a pair, or a conflict,
whose forward view did not change since the previous build has the previous build's
triples, and only the others need evaluating.

What changed is known exactly: the graphs an incremental build replaces (the changed
article graphs, the event matches, the inferred graph), before and after. The nodes whose
forward view changed are those that reach the subject of a changed triple backwards over
the followed properties (a path that changed has a first changed edge, whose subject the
node reaches in the new store too). The pairs involving such an event are evaluated by the
fast path (:func:`kg.graph.conflicts.detect_conflicts_among`) restricted to those events and
every event they may pair with (the rule's joins, reversed), reading the store per subject;
the dirty conflicts' explanations by the rule's own SPARQL text over a small
store holding their forward views. The result is the full evaluation's, triple for triple;
a rule whose text is not the one these reads describe is evaluated as usual.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph
from pyoxigraph import NamedNode, Quad, Triple

from kg.graph import inference
from kg.graph.conflicts import detect_conflicts_among

C = "https://w3id.org/cmkg/ontology#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
BROADER = NamedNode("http://www.w3.org/2004/02/skos/core#broader")
DERIVED = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
DATE = NamedNode("http://purl.org/dc/terms/date")
CONFLICT_PREFIX = "https://w3id.org/cmkg/id/conflict-"
DETECT, EXPLAIN = "conflict-detect", "explain-conflict"


def _c(name: str) -> NamedNode:
    return NamedNode(C + name)


PROPOSAL, MEASURE, CONFLICT = _c("Proposal"), _c("RestrictiveMeasure"), _c("Conflict")
REASON, STATUS = _c("reason"), _c("reviewStatus")
CONFLICTS_WITH = _c("conflictsWith")
ACTORS = [_c("proposedTo"), _c("proposedBy")]
JURISDICTION, LOCATED_IN = _c("jurisdiction"), _c("locatedIn")
# the properties whose objects the rules read the properties of
_SHARED = [
    *("imposedBy", "proposedTo", "proposedBy", "jurisdiction", "targets"),
    *("coversResource", "concernsResource", "concernsPlace", "locatedIn"),
]
FOLLOW = {
    DETECT: [*(_c(n) for n in _SHARED), _c("conditionOnMeasure"), BROADER, DERIVED],
    EXPLAIN: [*(_c(n) for n in _SHARED), _c("proposal"), _c("measure"), BROADER],
}
Node = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Triple


def _iri(node: object) -> str:
    return node.value if isinstance(node, NamedNode) else ""


def _read(reads: inference.Reads, t: Triple) -> bool:
    """Whether the rule reads this triple (the predicates and classes it declares)."""
    if t.predicate.value not in reads.predicates:
        return False
    if t.predicate == RDF_TYPE:
        return isinstance(t.object, NamedNode) and t.object.value in reads.classes
    s = t.subject
    unread = reads.unread_subjects
    return not (unread and isinstance(s, NamedNode) and s.value.startswith(unread))


def _triples(quads: Iterable[Quad]) -> set[Triple]:
    return {Triple(q.subject, q.predicate, q.object) for q in quads}


def _read_triples(
    store: pyoxigraph.Store, graph: NamedNode, reads: inference.Reads, held: set[Triple]
) -> set[Triple]:
    """The triples of ``graph`` the rule reads, looked up by predicate (and class): the
    inferred graph holds far more triples than the rules read (mostly closure types)."""
    found: set[Triple] = set()
    patterns: list[tuple[NamedNode, NamedNode | None]] = [
        (RDF_TYPE, NamedNode(cls)) for cls in sorted(reads.classes)
    ]
    patterns += [(NamedNode(p), None) for p in sorted(reads.predicates) if p != RDF_TYPE.value]
    for p, o in patterns:
        quads = store.quads_for_pattern(None, p, o, graph)
        found.update(t for t in _triples(quads) if _read(reads, t))
    return found - held


def _reach_back(
    store: pyoxigraph.Store, starts: set[Node], follow: list[NamedNode], held: set[Triple]
) -> set[Node]:
    """``starts`` and every node with a path of ``follow`` properties to one of them (not
    over a ``held`` triple)."""
    seen = set(starts)
    todo = list(starts)
    while todo:
        node = todo.pop()
        for p in follow:
            for q in store.quads_for_pattern(None, p, node):
                if q.subject not in seen and Triple(q.subject, p, node) not in held:
                    seen.add(q.subject)
                    todo.append(q.subject)
    return seen


def _forward(
    store: pyoxigraph.Store,
    starts: Iterable[Node],
    follow: list[NamedNode],
    reads: inference.Reads,
    held: set[Triple],
    dated: frozenset[str] = frozenset(),
) -> list[Triple]:
    """Every triple the rule reads whose subject ``starts`` reach over ``follow``; of a node
    reached only over a ``dated`` property (``prov:wasDerivedFrom``: the reporting
    articles, with many triples each), only its ``dcterms:date``, all the rule reads of it."""
    wanted = {p.value for p in follow} - dated
    seen = set(starts)
    todo = list(seen)
    sources: set[Node] = set()
    out: list[Triple] = []
    while todo:
        node = todo.pop()
        for q in store.quads_for_pattern(node, None, None):
            t = Triple(q.subject, q.predicate, q.object)
            if t in held:
                continue
            if _read(reads, t):
                out.append(t)
            o = q.object
            if not isinstance(o, NamedNode | pyoxigraph.BlankNode) or o in seen:
                continue
            if q.predicate.value in wanted:
                seen.add(o)
                todo.append(o)
            elif q.predicate.value in dated:
                sources.add(o)
    for node in sources - seen:
        dates = _triples(store.quads_for_pattern(node, DATE, None))
        out.extend(t for t in dates if _read(reads, t))
    return out


def _scratch(triples: Iterable[Triple]) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    graph = NamedNode("urn:x-cmkg:scratch")
    store.extend(Quad(t.subject, t.predicate, t.object, graph) for t in set(triples))
    return store


class ConflictDelta:
    """Overrides (:data:`kg.graph.inference.Override`) of the two conflict rules for an
    incremental build: ``before`` holds the previous content of each replaced graph (the
    inferred graph included); the store's other graphs are the previous build's."""

    def __init__(self, before: dict[str, set[Triple]], replaced: set[str], inferred: str) -> None:
        self.before = before
        self.replaced = sorted(replaced)
        self.old_inferred = before.get(inferred, set())
        self.notes: list[str] = []
        #: the previous conflict triples left in the store while the rules run
        #: (:func:`kg.graph.inference.infer` ``hold``/``held``): read as absent
        self.held: set[Triple] = set()

    def hold(self, t: Triple) -> bool:
        """Whether ``t``, gone from the closure, is left in place for the conflict rules to
        derive again: a conflict node's triples and the ``conflictsWith`` links."""
        return t.predicate == CONFLICTS_WITH or _iri(t.subject).startswith(CONFLICT_PREFIX)

    def overrides(self) -> dict[str, inference.Override]:
        return {DETECT: self.detect, EXPLAIN: self.explain}

    def _changed(
        self, store: pyoxigraph.Store, reads: inference.Reads, own: set[NamedNode]
    ) -> set[Node]:
        """Subjects of the triples the rule reads that differ from the previous build (the
        rule's own earlier output, predicates ``own`` on conflict nodes, left aside)."""
        subjects: set[Node] = set()
        for iri in self.replaced:
            now = _read_triples(store, NamedNode(iri), reads, self.held)
            was = {t for t in self.before.get(iri, ()) if _read(reads, t)}
            for t in now ^ was:
                if t.predicate in own and _iri(t.subject).startswith(CONFLICT_PREFIX):
                    continue
                subjects.add(t.subject)
        return subjects

    def detect(self, store: pyoxigraph.Store, rule: inference.Rule) -> list[Triple] | None:
        reads = inference.reads_of(rule)
        if reads is None or inference.native_for(rule) is None:
            return None
        follow = FOLLOW[DETECT]
        dirty = _reach_back(store, self._changed(store, reads, set()), follow, self.held)
        events = {e for e in dirty if _is(store, e, PROPOSAL) or _is(store, e, MEASURE)}
        kept = self._kept_conflicts(dirty)
        fresh: list[Triple] = []
        partners: set[Node] = set()
        if events:
            partners = _partners(store, events) - events
            among = events | partners
            found = detect_conflicts_among(
                store,
                {e for e in among if _is(store, e, PROPOSAL)},
                {e for e in among if _is(store, e, MEASURE)},
                focus=events,
            )
            if found is None:
                return None
            fresh = _involving(found, events)
        self.notes.append(
            f"conflict-detect: {len(events)} changed event(s) "
            f"(evaluated with {len(partners)} they may pair with), "
            f"{len({t.subject for t in kept if t.predicate == RDF_TYPE})} conflict(s) reused"
        )
        return kept + fresh

    def _kept_conflicts(self, dirty: set[Node]) -> list[Triple]:
        """The previous build's conflict-detect triples of pairs with no dirty member."""
        old = self.old_inferred
        pairs: dict[Node, dict[str, Node]] = {}
        for t in old:
            if t.predicate in (_c("proposal"), _c("measure")) and _iri(t.subject).startswith(
                CONFLICT_PREFIX
            ):
                pairs.setdefault(t.subject, {})[t.predicate.value] = t.object  # type: ignore[assignment]
        clean: dict[Node, tuple[Node, Node]] = {}
        for c, pm in pairs.items():
            p, m = pm.get(C + "proposal"), pm.get(C + "measure")
            if p is not None and m is not None and not {c, p, m} & dirty:
                clean[c] = (p, m)
        shape = {RDF_TYPE, _c("proposal"), _c("measure"), _c("basis"), DERIVED}
        links = {(p, m) for p, m in clean.values()}
        kept: list[Triple] = []
        for t in old:
            s = t.subject
            if s in clean and t.predicate in shape:
                if t.predicate == RDF_TYPE and t.object != CONFLICT:
                    continue
                if t.predicate == DERIVED and t.object not in clean[s]:
                    continue
                kept.append(t)
            elif t.predicate == _c("conflictsWith") and (s, t.object) in links:
                kept.append(t)
        return kept

    def explain(self, store: pyoxigraph.Store, rule: inference.Rule) -> list[Triple] | None:
        reads = inference.reads_of(rule)
        if reads is None:
            return None
        follow = FOLLOW[EXPLAIN]
        dirty = _reach_back(store, self._changed(store, reads, {REASON, STATUS}), follow, self.held)
        conflicts = {
            q.subject
            for q in store.quads_for_pattern(None, RDF_TYPE, CONFLICT)
            if Triple(q.subject, RDF_TYPE, CONFLICT) not in self.held
        }
        redo = conflicts & dirty
        kept = [
            t
            for t in self.old_inferred
            if t.predicate in (REASON, STATUS) and t.subject in conflicts - redo
        ]
        fresh: list[Triple] = []
        if redo:
            scratch = _scratch(_forward(store, redo, follow, reads, self.held))
            result = scratch.query(rule.text, use_default_graph_as_union=True)
            if not isinstance(result, pyoxigraph.QueryTriples):
                return None
            fresh = list(result)
        self.notes.append(
            f"explain-conflict: {len(redo)} conflict(s) explained again, "
            f"{len(conflicts) - len(redo)} reused"
        )
        return kept + fresh


def _is(store: pyoxigraph.Store, node: Node, cls: NamedNode) -> bool:
    return next(store.quads_for_pattern(node, RDF_TYPE, cls), None) is not None


def _objects(store: pyoxigraph.Store, s: Node, p: NamedNode) -> set[Node]:
    return {q.object for q in store.quads_for_pattern(s, p, None)}  # type: ignore[misc]


def _subjects(store: pyoxigraph.Store, p: NamedNode, o: Node) -> set[Node]:
    return {q.subject for q in store.quads_for_pattern(None, p, o)}


def _down(store: pyoxigraph.Store, start: Node, p: NamedNode) -> set[Node]:
    """``start`` and what it reaches over ``p`` (``p*``)."""
    seen, todo = {start}, [start]
    while todo:
        for o in _objects(store, todo.pop(), p):
            if o not in seen:
                seen.add(o)
                todo.append(o)
    return seen


def _up(store: pyoxigraph.Store, start: Node, p: NamedNode) -> set[Node]:
    """``start`` and what reaches it over ``p``."""
    seen, todo = {start}, [start]
    while todo:
        for s in _subjects(store, p, todo.pop()):
            if s not in seen:
                seen.add(s)
                todo.append(s)
    return seen


def _with_members(store: pyoxigraph.Store, nodes: set[Node]) -> set[Node]:
    """``nodes`` and everything with one of them as its jurisdiction."""
    return nodes | {s for n in nodes for s in _subjects(store, JURISDICTION, n)}


def _partners(store: pyoxigraph.Store, events: set[Node]) -> set[Node]:
    """Every event the rule's joins may pair with one of ``events`` (a superset)."""
    out: set[Node] = set()
    for e in events:
        if _is(store, e, PROPOSAL):
            actors = {a for p in ACTORS for a in _objects(store, e, p)}
            sides = actors | {j for a in actors for j in _objects(store, a, JURISDICTION)}
            for imposer in _with_members(store, sides):
                out |= _subjects(store, _c("imposedBy"), imposer)
            for side in sides:
                out |= _subjects(store, _c("targets"), side)
            for r in _objects(store, e, _c("concernsResource")):
                # a measure on the resource, a broader one or a narrower one
                for related in _down(store, r, BROADER) | _up(store, r, BROADER):
                    out |= _subjects(store, _c("coversResource"), related)
            for place in _objects(store, e, _c("concernsPlace")):
                for within in _down(store, place, LOCATED_IN):
                    out |= _subjects(store, _c("concernsPlace"), within)
            out |= _objects(store, e, _c("conditionOnMeasure"))
        if _is(store, e, MEASURE):
            imposers = _objects(store, e, _c("imposedBy"))
            keys = imposers | {j for i in imposers for j in _objects(store, i, JURISDICTION)}
            keys |= _objects(store, e, _c("targets"))
            for actor in _with_members(store, keys):
                for p in ACTORS:
                    out |= _subjects(store, p, actor)
            for r in _objects(store, e, _c("coversResource")):
                for related in _up(store, r, BROADER) | _down(store, r, BROADER):
                    out |= _subjects(store, _c("concernsResource"), related)
            for place in _objects(store, e, _c("concernsPlace")):
                for inside in _up(store, place, LOCATED_IN):
                    out |= _subjects(store, _c("concernsPlace"), inside)
            out |= _subjects(store, _c("conditionOnMeasure"), e)
    return out


def _involving(found: list[Triple], events: set[Node]) -> list[Triple]:
    """The triples of ``found`` (conflict-detect's) about pairs with a member in ``events``."""
    pair: dict[object, set[object]] = {}
    for t in found:
        if t.predicate in (_c("proposal"), _c("measure")):
            pair.setdefault(t.subject, set()).add(t.object)
    out = []
    for t in found:
        if t.predicate == _c("conflictsWith"):
            if t.subject in events or t.object in events:
                out.append(t)
        elif pair.get(t.subject, set()) & events:
            out.append(t)
    return out
