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
from kg.graph.conflicts import detect_conflicts
from kg.rdf.query_files import parse_header
from kg.rdf.terms import INFERRED_GRAPH
from kg.resources import rules_dir

MAX_PASSES = 50

Native = Callable[[pyoxigraph.Store], "list[pyoxigraph.Triple] | None"]
# Rules also evaluated by indexed joins in Python, by the SHA-256 of the rule text they
# implement: a changed rule text is evaluated by Oxigraph until its fast path is updated.
NATIVE: dict[str, tuple[str, Native]] = {
    "conflict-detect": (
        "99d04847f5d73a6adecf2c14e55f8a5861c02377dc2b62a291a27c53be96db90",
        detect_conflicts,
    ),
}


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


def _construct(store: pyoxigraph.Store, rule: Rule, native: bool) -> Iterable[pyoxigraph.Triple]:
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
    result = _construct(store, rule, native)
    new: dict[str, pyoxigraph.Quad] = {}
    for triple in result:
        if isinstance(triple.subject, pyoxigraph.BlankNode) or isinstance(
            triple.object, pyoxigraph.BlankNode
        ):
            raise BuildError(f"inference rule {rule.name} made a blank node; derive IRIs instead")
        if next(store.quads_for_pattern(triple.subject, triple.predicate, triple.object), None):
            continue
        quad = pyoxigraph.Quad(triple.subject, triple.predicate, triple.object, graph)
        new[str(quad)] = quad
    store.extend(new.values())
    counts[rule.name] += len(new)
    return len(new)


def _no_fixpoint(rules: list[Rule]) -> str:
    names = ", ".join(rule.name for rule in rules)
    return f"inference did not reach a fixpoint in {MAX_PASSES} rounds; check rules {names}"
