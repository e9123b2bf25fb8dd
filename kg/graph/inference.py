"""Inference: SPARQL CONSTRUCT rules from ontology/rules, applied to a fixpoint.

Each rule is a ``.rq`` file with a grlc-style header (``#+ summary:``, ``#+ stratum: N``).
Rules are evaluated by Oxigraph over the union of all graphs; every constructed triple that
is not already in some graph is added to the inferred graph. Strata run in order, each to
its own fixpoint (1: RDFS/OWL-RL closure, 2: conflict detection, 3: explanations); the
whole sequence repeats until a full pass adds nothing. The inferred graph is cleared first,
so the result depends only on the asserted graphs.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from kg.errors import BuildError, InputError
from kg.graph import closure
from kg.graph.conflicts import detect_conflicts
from kg.rdf.query_files import parse_header
from kg.rdf.terms import INFERRED_GRAPH
from kg.resources import rules_dir

MAX_PASSES = 50

Native = Callable[[pyoxigraph.Store], "list[pyoxigraph.Triple] | None"]
# A caller's evaluation of one rule (given the store and the rule), e.g. from the previous
# build's results; None: evaluate the rule as usual.
Override = Callable[[pyoxigraph.Store, "Rule"], "Iterable[pyoxigraph.Triple] | None"]
# Rules also evaluated by indexed joins in Python, by the SHA-256 of the rule text they
# implement: a changed rule text is evaluated by Oxigraph until its fast path is updated.
NATIVE: dict[str, tuple[str, Native]] = {
    "conflict-detect": (
        "0cabd06f53a2abdd36d6f6ae24433a6112045dd00ec8ab13c71a3fbec5ee0997",
        detect_conflicts,
    ),
}


@dataclass(frozen=True)
class Reads:
    """What a rule reads, for :func:`infer` to skip evaluations that cannot add anything:
    the predicates of the triples it matches (``rdf:type`` only with one of ``classes``).
    ``reads_itself`` False: what the rule adds never lets it add more (evaluating it again
    right after itself gives nothing). Keyed by the SHA-256 of the rule text it describes."""

    digest: str
    predicates: frozenset[str]
    classes: frozenset[str]
    reads_itself: bool = False
    unread_subjects: str = ""  # an IRI prefix of subjects read only through their types


_C = "https://w3id.org/cmkg/ontology#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
READS: dict[str, Reads] = {
    # its output is about the conflict nodes it mints (cmkg:Conflict), which it never reads
    # unless they are typed as a proposal, measure or country: it reads the properties of
    # proposals, measures, their actors, places, resources and reporting articles
    "conflict-detect": Reads(
        NATIVE["conflict-detect"][0],
        frozenset(
            [_RDF_TYPE, "http://www.w3.org/ns/prov#wasDerivedFrom"]
            + ["http://purl.org/dc/terms/date", "http://www.w3.org/2004/02/skos/core#broader"]
            + [
                _C + name
                for name in (
                    *("imposedBy", "proposedTo", "proposedBy", "jurisdiction", "targets"),
                    *("coversResource", "concernsResource", "concernsPlace", "locatedIn"),
                    *("conditionOnMeasure", "modality", "reviewStatus", "status"),
                    *("date", "startDate", "endDate", "evidence"),
                )
            ]
        ),
        frozenset(_C + name for name in ("Proposal", "RestrictiveMeasure", "Country")),
        unread_subjects="https://w3id.org/cmkg/id/conflict-",
    ),
    # its output (a reason and a review status per conflict) is read only by its own
    # FILTER NOT EXISTS, which then leaves the explained conflicts out
    "explain-conflict": Reads(
        "4ec757c20687bd1e45316ae8367ecc41b8bdd9f08aada06713edced2b54975e9",
        frozenset(
            [_RDF_TYPE, "http://www.w3.org/2000/01/rdf-schema#label"]
            + ["http://www.w3.org/2004/02/skos/core#broader"]
            + [
                _C + name
                for name in (
                    *("basis", "concernsPlace", "concernsResource", "coversResource"),
                    *("imposedBy", "jurisdiction", "locatedIn", "measure", "proposal"),
                    *("proposedBy", "proposedTo", "reason", "reviewStatus", "targets"),
                )
            ]
        ),
        frozenset(_C + name for name in ("Conflict", "Proposal", "RestrictiveMeasure")),
    ),
}


def reads_of(rule: Rule) -> Reads | None:
    """The :class:`Reads` of this rule's text, if it has one."""
    found = READS.get(rule.name)
    if found is None or hashlib.sha256(rule.text.encode("utf-8")).hexdigest() != found.digest:
        return None
    return found


def _relevant(reads: Reads, quad: pyoxigraph.Quad) -> bool:
    """Whether the rule may read this added quad (then it is evaluated again)."""
    predicate = quad.predicate.value
    if predicate not in reads.predicates:
        return False
    if predicate == _RDF_TYPE:
        obj = quad.object
        return isinstance(obj, pyoxigraph.NamedNode) and obj.value in reads.classes
    subject = quad.subject
    unread = reads.unread_subjects
    return not (
        unread and isinstance(subject, pyoxigraph.NamedNode) and subject.value.startswith(unread)
    )


@dataclass(frozen=True)
class Rule:
    name: str
    summary: str
    stratum: int
    text: str


def load_rules(folder: Path | None = None) -> list[Rule]:
    """Every rule in ``folder`` (default: the shipped ontology/rules), by stratum then name."""
    folder = folder or rules_dir()
    rules = [_read_rule(path) for path in sorted(folder.glob("*.rq"))]
    return sorted(rules, key=lambda rule: (rule.stratum, rule.name))


def _read_rule(path: Path) -> Rule:
    text = path.read_text(encoding="utf-8")
    header = parse_header(path, text)
    stratum = header.get("stratum", 1) if isinstance(header, dict) else None
    if not isinstance(stratum, int):
        raise InputError(f"{path}: `#+ stratum:` must be a whole number such as 1")
    return Rule(path.stem, str(header.get("summary", "")), stratum, text)


def apply_rules(
    store: pyoxigraph.Store,
    folder: Path | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    native: bool = True,
) -> dict[str, int]:
    """Add every derived triple to the inferred graph; return triples added per rule.

    ``progress`` gets one line per rule evaluation (its name and the triples it added).
    ``native=False`` evaluates every rule's SPARQL text, never a fast path (:data:`NATIVE`)."""
    say = progress or (lambda _line: None)
    rules = load_rules(folder)
    graph = pyoxigraph.NamedNode(INFERRED_GRAPH)
    store.clear_graph(graph) if store.contains_named_graph(graph) else store.add_graph(graph)
    counts = {rule.name: 0 for rule in rules}
    strata = [list(g) for _, g in itertools.groupby(rules, key=lambda rule: rule.stratum)]
    for _ in range(MAX_PASSES):
        added_in_pass = 0
        for stratum in strata:
            for _ in range(MAX_PASSES):
                added = 0
                for rule in stratum:
                    gained = _apply_rule(store, rule, graph, counts, native=native)
                    say(f"rule {rule.name} (stratum {rule.stratum}): {gained} new triples")
                    added += gained
                added_in_pass += added
                if not added:
                    break
            else:
                raise BuildError(_no_fixpoint(stratum))
        if not added_in_pass:
            return counts
    raise BuildError(_no_fixpoint(rules))


def native_for(rule: Rule) -> Native | None:
    """The fast path that gives exactly this rule's triples, if there is one for its text."""
    digest, function = NATIVE.get(rule.name, ("", None))
    if function is None or hashlib.sha256(rule.text.encode("utf-8")).hexdigest() != digest:
        return None
    return function


def _construct(
    store: pyoxigraph.Store, rule: Rule, native: bool, override: Override | None = None
) -> Iterable[pyoxigraph.Triple]:
    if override is not None:
        given = override(store, rule)
        if given is not None:
            return given
    fast = native_for(rule) if native else None
    found = fast(store) if fast is not None else None
    if found is not None:
        return found
    try:
        result = store.query(rule.text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise BuildError(f"inference rule {rule.name} does not parse: {exc}") from None
    if not isinstance(result, pyoxigraph.QueryTriples):
        raise BuildError(f"inference rule {rule.name} must be a CONSTRUCT query")
    return result


def _apply_rule(
    store: pyoxigraph.Store,
    rule: Rule,
    graph: pyoxigraph.NamedNode,
    counts: dict[str, int],
    *,
    native: bool = True,
) -> int:
    return len(_add_rule(store, rule, graph, counts, native=native))


def _add_rule(
    store: pyoxigraph.Store,
    rule: Rule,
    graph: pyoxigraph.NamedNode,
    counts: dict[str, int],
    *,
    native: bool = True,
    override: Override | None = None,
    held: _Held | None = None,
) -> list[pyoxigraph.Quad]:
    """Evaluate one rule and add what it derives that no graph has yet; return the quads
    (a ``held`` triple derived again is one of them, left where it is in the store)."""
    result = _construct(store, rule, native, override)
    new: dict[pyoxigraph.Triple, pyoxigraph.Quad] = {}
    revived: list[pyoxigraph.Quad] = []
    for triple in result:
        if isinstance(triple.subject, pyoxigraph.BlankNode) or isinstance(
            triple.object, pyoxigraph.BlankNode
        ):
            raise BuildError(f"inference rule {rule.name} made a blank node; derive IRIs instead")
        if held is not None and triple in held.triples:
            if not held.asserted(triple):
                held.triples.discard(triple)
                held.revived += 1
                revived.append(
                    pyoxigraph.Quad(triple.subject, triple.predicate, triple.object, graph)
                )
            continue
        if triple in new or next(
            store.quads_for_pattern(triple.subject, triple.predicate, triple.object), None
        ):
            continue
        new[triple] = pyoxigraph.Quad(triple.subject, triple.predicate, triple.object, graph)
    store.extend(new.values())
    counts[rule.name] += len(new) + len(revived)
    return [*new.values(), *revived]


@dataclass
class _Held:
    """Triples of the previous inferred graph left in the store while the later strata run
    (see :func:`infer` ``hold``): logically absent until a rule derives one again."""

    triples: set[pyoxigraph.Triple]
    asserted: Callable[[pyoxigraph.Triple], bool]  # in an asserted graph now
    revived: int = 0  # held triples derived again (left in place)

    def present(self, t: pyoxigraph.Triple, lookup: Callable[[pyoxigraph.Triple], bool]) -> bool:
        return self.asserted(t) if t in self.triples else lookup(t)

    def release(
        self, store: pyoxigraph.Store, graph: pyoxigraph.NamedNode
    ) -> list[pyoxigraph.Triple]:
        """Remove the triples still held from the store (no rule derived them again)."""
        gone = list(self.triples)
        for t in gone:
            store.remove(pyoxigraph.Quad(t.subject, t.predicate, t.object, graph))
        self.triples.clear()
        return gone


def _releasing(override: Override, release: Callable[[], None]) -> Override:
    """``override``, releasing the held triples before the rule is evaluated as usual."""

    def run(store: pyoxigraph.Store, rule: Rule) -> Iterable[pyoxigraph.Triple] | None:
        given = override(store, rule)
        if given is None:
            release()
        return given

    return run


def _no_fixpoint(rules: list[Rule]) -> str:
    names = ", ".join(rule.name for rule in rules)
    return f"inference did not reach a fixpoint in {MAX_PASSES} rounds; check rules {names}"


def closure_in_python(rules: list[Rule]) -> bool:
    """Whether the stratum-1 rules are exactly those :mod:`kg.graph.closure` implements."""
    first = {rule.name: rule.text for rule in rules if rule.stratum == 1}
    return set(first) == set(closure.RULES) and all(
        closure.rule_hash(text) == closure.RULE_HASHES[name] for name, text in first.items()
    )


def infer(
    store: pyoxigraph.Store,
    derived: closure.Derived,
    schema: closure.Schema,
    folder: Path | None = None,
    progress: Callable[[str], None] | None = None,
    overrides: dict[str, Override] | None = None,
    previous: set[pyoxigraph.Triple] | None = None,
    replaced: set[pyoxigraph.Triple] | None = None,
    holds: set[pyoxigraph.Triple] | None = None,
    hold: Callable[[pyoxigraph.Triple], bool] | None = None,
    held: set[pyoxigraph.Triple] | None = None,
) -> dict[str, int] | None:
    """:func:`apply_rules` with the closure rules evaluated in Python (:mod:`kg.graph.closure`),
    giving the same inferred graph; None when that is not possible (changed closure rules, or
    derived schema triples), and then nothing was changed but the cleared inferred graph.

    ``derived`` is the union of :func:`kg.graph.closure.derive` over every asserted graph
    (``kg build`` keeps it per article graph) under ``schema``, :func:`closure.read_schema`
    of ``store``. The rules of the later strata (conflicts, explanations) are evaluated over
    the whole store as in :func:`apply_rules`, and what they derive is closed again.
    ``overrides`` (rule name -> :data:`Override`) may give a later-stratum rule's triples
    instead (``kg build`` reuses the previous build's conflicts that cannot have changed).
    ``previous``: the triples the store's inferred graph holds now (an incremental build
    leaves the previous build's there); the graph is then brought to the closure by writing
    only the difference, instead of being cleared and written again, and the store must
    not have been read for its schema with those triples in it
    (:func:`kg.graph.closure.read_schema` ``skip``). ``replaced``, with ``previous``: every
    triple of the asserted graphs written since ``previous`` was inferred (a triple of
    ``previous`` was asserted nowhere then, so it is asserted now only if it is one of
    these); None: look each one up in the store. ``holds``, when given, is filled with the
    triples the inferred graph holds in the end (so that the caller need not read them back).
    ``hold``, with ``previous``: the triples of ``previous`` that the closure no longer
    gives and for which ``hold`` is true (the later strata's own output, mostly derived
    again) stay in the store while the later strata run, listed in ``held`` (which the
    caller's overrides must treat as absent: every override must read the store that way);
    a rule that derives one again counts it as new without writing it, and those still
    held at the end are removed. Before a rule without an override is evaluated they are
    all removed. The result is the same; what is saved is removing and re-adding the
    thousands of unchanged conflict triples.
    """
    say = progress or (lambda _line: None)
    rules = load_rules(folder)
    if not closure_in_python(rules):
        return None
    graph = pyoxigraph.NamedNode(INFERRED_GRAPH)
    if previous is None:
        store.clear_graph(graph) if store.contains_named_graph(graph) else store.add_graph(graph)
    elif not store.contains_named_graph(graph):
        store.add_graph(graph)
    track: set[pyoxigraph.Triple] = set() if holds is None else holds
    track.clear()
    track.update(previous or ())
    total: closure.Derived = dict(derived)
    closure.merge_into(total, dict.fromkeys(schema.subclass_triples, closure.SUBCLASS_TRANSITIVE))

    def present(t: pyoxigraph.Triple) -> bool:
        return next(store.quads_for_pattern(t.subject, t.predicate, t.object), None) is not None

    def asserted(t: pyoxigraph.Triple) -> bool:  # in a graph other than the inferred one
        quads = store.quads_for_pattern(t.subject, t.predicate, t.object)
        return any(q.graph_name != graph for q in quads)

    def asserted_since(t: pyoxigraph.Triple) -> bool:
        if previous is not None and replaced is not None and t in previous:
            return t in replaced
        return asserted(t)

    first = present if previous is None else asserted_since
    _close_transitive(store, total, schema, first, skip=None if previous is None else graph)
    kept = {t: rule for t, rule in total.items() if not first(t)}
    extra = set(schema.subclass_triples)
    if any(closure.is_schema_triple(t) and t not in extra for t in kept):
        return None
    counts = {rule.name: 0 for rule in rules}
    names = list(closure.RULES)
    for index in kept.values():
        counts[names[index]] += 1
    keep: _Held | None = None
    if previous is None:
        store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object, graph) for t in kept)
    else:
        stale = previous.difference(kept)
        if hold is not None:
            # a triple of ``previous`` is asserted now only if it was written since
            keep = _Held(held if held is not None else set(), asserted_since)
            keep.triples.clear()
            keep.triples.update(
                t for t in stale if t.predicate not in schema.transitive and hold(t)
            )
            stale -= keep.triples
        for t in stale:
            store.remove(pyoxigraph.Quad(t.subject, t.predicate, t.object, graph))
            track.discard(t)
        store.extend(
            pyoxigraph.Quad(t.subject, t.predicate, t.object, graph)
            for t in kept
            if t not in previous
        )
    track.update(kept)
    say(f"closure rules: {len(kept)} new triples (evaluated per graph)")
    later = [rule for rule in rules if rule.stratum != 1]
    strata = [list(g) for _, g in itertools.groupby(later, key=lambda rule: rule.stratum)]
    log: list[tuple[pyoxigraph.Quad, str]] = []  # what was added since the closure, by whom
    seen: dict[str, int] = {}  # rule -> length of the log at its last evaluation

    def present_now(t: pyoxigraph.Triple) -> bool:
        return present(t) if keep is None else keep.present(t, present)

    def release() -> None:
        if keep is not None and (keep.triples or keep.revived):
            gone = keep.release(store, graph)
            track.difference_update(gone)
            say(
                f"previous inferred triples left in place: {keep.revived} derived again, "
                f"{len(gone)} removed"
            )
            keep.revived = 0

    def needed(rule: Rule) -> bool:
        reads = reads_of(rule)
        if rule.name not in seen or reads is None:
            return True
        return any(
            _relevant(reads, quad)
            for quad, by in log[seen[rule.name] :]
            if by != rule.name or reads.reads_itself
        )

    for _ in range(MAX_PASSES):
        new: list[pyoxigraph.Quad] = []
        for stratum in strata:
            for _ in range(MAX_PASSES):
                gained: list[pyoxigraph.Quad] = []
                for rule in stratum:
                    if not needed(rule):
                        continue
                    seen[rule.name] = len(log)
                    override = (overrides or {}).get(rule.name)
                    if override is None:
                        release()
                    else:
                        override = _releasing(override, release)
                    found = _add_rule(store, rule, graph, counts, override=override, held=keep)
                    log.extend((quad, rule.name) for quad in found)
                    track.update(pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in found)
                    say(f"rule {rule.name} (stratum {rule.stratum}): {len(found)} new triples")
                    gained += found
                new += gained
                if not gained:
                    break
            else:
                raise BuildError(_no_fixpoint(stratum))
        if not new:
            release()
            return counts
        triples = (pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in new)
        more = closure.derive(triples, schema)
        _close_transitive(store, more, schema, present_now)
        added = {t: rule for t, rule in more.items() if not present_now(t)}
        if any(closure.is_schema_triple(t) for t in added):
            return None
        for rule_index in added.values():
            counts[names[rule_index]] += 1
        quads = [pyoxigraph.Quad(t.subject, t.predicate, t.object, graph) for t in added]
        revived = set() if keep is None else keep.triples.intersection(added)
        if keep is not None:  # those held are in the store already
            keep.triples.difference_update(revived)
            keep.revived += len(revived)
        store.extend(q for q, t in zip(quads, added, strict=True) if t not in revived)
        track.update(added)
        log.extend((quad, "closure") for quad in quads)
        say(f"closure rules: {len(added)} new triples")
        if not added and not new:
            release()
            return counts
    raise BuildError(_no_fixpoint(rules))


def _close_transitive(
    store: pyoxigraph.Store,
    total: closure.Derived,
    schema: closure.Schema,
    present: Callable[[pyoxigraph.Triple], bool],
    skip: pyoxigraph.NamedNode | None = None,
) -> None:
    """Add to ``total`` what closure-transitive derives over the store (its graphs but
    ``skip``) and ``total``, and what the other closure rules derive from that, until
    nothing is new."""
    if not schema.transitive:
        return
    while True:
        edges = [t for t in total if t.predicate in schema.transitive]
        for p in schema.transitive:
            for q in store.quads_for_pattern(None, p, None):  # type: ignore[arg-type]
                if skip is None or q.graph_name != skip:
                    edges.append(pyoxigraph.Triple(q.subject, q.predicate, q.object))
        new = [t for t in closure.transitive(edges, schema) if t not in total and not present(t)]
        if not new:
            return
        for t in new:
            total[t] = closure.TRANSITIVE
        closure.merge_into(total, closure.derive(new, schema))
