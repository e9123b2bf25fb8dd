"""The conflicts the build infers from one article, for ``kg eval`` (conflict precision/recall).

The product's path, one article at a time: the article's extracted candidates are resolved
and matched against the event registry and assembled into its graph
(:class:`kg.graph.assemble.ArticleAssembler`); undecided candidates that violate the shapes
are left out as ``kg build`` leaves them out; the graph is loaded into an Oxigraph store next
to the ontology, the entity registry and the event registry, and the inference rules run
(:func:`kg.graph.inference.apply_rules`, the real conflict rule). Every conflict whose
proposal this article reports is returned with this article's evidence sentences for both
sides. The store keeps the shared graphs; each article's graph is removed after its turn.

Evaluating an article alone means conflicts between two articles are not counted: the gold
lists, per article, conflicts within it or with a known measure of the registry.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pyoxigraph
import rdflib

from kg.corpus.files import ArticleMeta
from kg.corpus.review import ReviewFile
from kg.extract.evaluate import ConflictFinder, Gold, PredictedConflict
from kg.graph.assemble import (
    ArticleAssembler,
    Assembly,
    read_event_registry,
    read_registry,
)
from kg.graph.events import EVENTS_GRAPH
from kg.graph.inference import apply_rules
from kg.graph.shapes import ShapeChecker
from kg.graph.vocabulary import load_ontology, read_vocabulary
from kg.rdf.terms import (
    CMKG,
    ENTITIES_GRAPH,
    ID,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    article_graph,
    entity_iri,
)
from kg.resources import ontology_file

SCOPE = ("targets", "coversResource", "concernsPlace")


def _nt(graph: rdflib.Graph) -> bytes:
    return graph.serialize(format="nt", encoding="utf-8")


Term = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple


def _local(term: Term) -> str:
    value = str(getattr(term, "value", term))
    return value[len(ID) :] if value.startswith(ID) else value


def conflict_finder(registry_path: Path, events_path: Path) -> ConflictFinder:
    """A :data:`ConflictFinder` that builds its :class:`ConflictPredictor` on first use, so a
    fixture set without conflict gold pays nothing for it."""
    made: list[ConflictPredictor] = []

    def find(gold: Gold, text: str, review: ReviewFile) -> list[PredictedConflict]:
        if not made:
            made.append(ConflictPredictor(registry_path, events_path))
        return made[0](gold, text, review)

    return find


class ConflictPredictor:
    """Predicted conflicts of single articles against the given entity and event registries."""

    def __init__(self, registry_path: Path, events_path: Path) -> None:
        ontology = load_ontology(ontology_file())
        registry = read_registry(registry_path) or rdflib.Graph()
        known = read_event_registry(events_path, read_vocabulary(ontology))
        self.assemble = ArticleAssembler(ontology, registry, known)
        shared = {ONTOLOGY_GRAPH: ontology, ENTITIES_GRAPH: registry}
        if known is not None:
            shared[EVENTS_GRAPH] = known
        self.checker = ShapeChecker(shared.values())
        self.store = pyoxigraph.Store()
        for iri, graph in shared.items():
            self.store.load(
                _nt(graph),
                format=pyoxigraph.RdfFormat.N_TRIPLES,
                to_graph=pyoxigraph.NamedNode(iri),
            )

    def __call__(self, gold: Gold, text: str, review: ReviewFile) -> list[PredictedConflict]:
        return self.predict(gold.article, text, gold.date or "", review)

    def predict(
        self, article_id: str, text: str, date: str, review: ReviewFile
    ) -> list[PredictedConflict]:
        meta = ArticleMeta(
            id=article_id,
            title=text.splitlines()[0] if text else article_id,
            date=date,
            date_precision="day",
            source="kg eval",
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        )
        # Mentions only add schema:mentions and say nothing about conflicts; a review made from
        # gold names new entities by slug without proposing them, which the assembly refuses.
        mentions = [m for m in review.mentions if m.entity in self.assemble.registry]
        review = replace(review, mentions=mentions)
        graph, resolved = self.assemble(meta, text, review)
        graph = self._leave_out_invalid(article_id, graph, review)
        sentences: dict[str, list[str]] = defaultdict(list)
        for event in resolved:
            node = event.known or event.candidate.slug
            sentences[node] += [e.quote for e in event.candidate.evidence]
        name = pyoxigraph.NamedNode(article_graph(article_id))
        self.store.load(_nt(graph), format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=name)
        try:
            apply_rules(self.store)
            return self._conflicts(sentences)
        finally:
            self.store.remove_graph(name)

    def _leave_out_invalid(
        self, article_id: str, graph: rdflib.Graph, review: ReviewFile
    ) -> rdflib.Graph:
        """Drop the undecided candidates whose nodes violate the shapes, as the build does."""
        violations = self.checker.check(graph)
        if not violations:
            return graph
        owners = {entity_iri(c.slug): c for c in review.candidates if c.status == "candidate"}
        assembly = Assembly(graphs={article_graph(article_id): graph})
        for focus in sorted({v.focus for v in violations if v.focus in owners}):
            assembly.drop_candidate(article_id, owners[str(focus)])
        return assembly.graphs[article_graph(article_id)]

    def _conflicts(self, sentences: dict[str, list[str]]) -> list[PredictedConflict]:
        store, inferred = self.store, pyoxigraph.NamedNode(INFERRED_GRAPH)
        found = []
        conflict_cls = pyoxigraph.NamedNode(CMKG + "Conflict")
        rdf_type = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        for quad in store.quads_for_pattern(None, rdf_type, conflict_cls, inferred):
            conflict = quad.subject
            if not isinstance(conflict, pyoxigraph.NamedNode):
                continue
            p = self._one(conflict, "proposal")
            m = self._one(conflict, "measure")
            if p is None or m is None or _local(p) not in sentences:
                continue  # a registry proposal this article does not report
            moods = {
                _local(q.object)
                for q in store.quads_for_pattern(m, pyoxigraph.NamedNode(CMKG + "modality"), None)
            }
            scoped = any(
                next(store.quads_for_pattern(m, pyoxigraph.NamedNode(CMKG + prop), None), None)
                for prop in SCOPE
            )
            found.append(
                PredictedConflict(
                    proposal=_local(p),
                    measure=_local(m),
                    proposal_sentences=tuple(sentences[_local(p)]),
                    measure_sentences=tuple(sentences.get(_local(m), ())),
                    scoped=scoped,
                    asserted=moods <= {CMKG + "Asserted"},
                )
            )
        return sorted(found, key=lambda c: (c.proposal, c.measure))

    def _one(self, subject: pyoxigraph.NamedNode, name: str) -> pyoxigraph.NamedNode | None:
        for quad in self.store.quads_for_pattern(subject, pyoxigraph.NamedNode(CMKG + name), None):
            if isinstance(quad.object, pyoxigraph.NamedNode):
                return quad.object
        return None
