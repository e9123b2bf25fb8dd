"""The events a changed event may pair with (kg.build.conflict_delta._partners) include every
event the conflict rule links it with: on the seed build, and for resources in either
direction of ``skos:broader``."""

from __future__ import annotations

import pyoxigraph
import pytest

from kg.build.conflict_delta import MEASURE, PROPOSAL, _involving, _is, _partners
from kg.config import Settings
from kg.graph.conflicts import detect_conflicts, detect_conflicts_among

C = "https://w3id.org/cmkg/ontology#"
ID = "https://w3id.org/cmkg/id/"


def _pairs(store: pyoxigraph.Store) -> set[tuple[pyoxigraph.NamedNode, pyoxigraph.NamedNode]]:
    found = detect_conflicts(store)
    assert found is not None
    return {
        (t.subject, t.object)  # type: ignore[misc]
        for t in found
        if t.predicate == pyoxigraph.NamedNode(C + "conflictsWith")
    }


def test_every_conflicting_pair_of_the_seed_build_is_found_from_either_side(
    seed_build: Settings,
) -> None:
    store = pyoxigraph.Store.read_only(str(seed_build.build / "store"))
    pairs = _pairs(store)
    assert pairs
    for p, m in pairs:
        assert m in _partners(store, {p}), (p, m)
        assert p in _partners(store, {m}), (p, m)


TURTLE = """
@prefix cmkg: <https://w3id.org/cmkg/ontology#> .
@prefix cmkgid: <https://w3id.org/cmkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
cmkgid:dysprosium skos:broader cmkgid:heavy-rare-earths .
cmkgid:heavy-rare-earths skos:broader cmkgid:rare-earth-elements .
cmkgid:ban a cmkg:RestrictiveMeasure ; cmkg:imposedBy cmkgid:china ;
  cmkg:coversResource cmkgid:{covered} .
cmkgid:offer a cmkg:Proposal ; cmkg:proposedBy cmkgid:acme ; cmkg:proposedTo cmkgid:beta ;
  cmkg:concernsResource cmkgid:{concerned} ; cmkg:date "2025-01-01"^^xsd:date .
"""


@pytest.mark.parametrize(
    ("covered", "concerned"),
    [
        ("dysprosium", "rare-earth-elements"),  # the proposal is about a broader resource
        ("rare-earth-elements", "dysprosium"),  # the proposal is about a narrower resource
        ("heavy-rare-earths", "heavy-rare-earths"),
    ],
)
def test_resources_pair_in_either_direction_of_broader(covered: str, concerned: str) -> None:
    store = pyoxigraph.Store()
    text = TURTLE.replace("{covered}", covered).replace("{concerned}", concerned)
    store.load(text.encode(), format=pyoxigraph.RdfFormat.TURTLE)
    offer, ban = pyoxigraph.NamedNode(ID + "offer"), pyoxigraph.NamedNode(ID + "ban")
    assert ban in _partners(store, {offer})
    assert offer in _partners(store, {ban})


def _instances(store: pyoxigraph.Store, cls: pyoxigraph.NamedNode) -> set[pyoxigraph.NamedNode]:
    rdf_type = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    return {q.subject for q in store.quads_for_pattern(None, rdf_type, cls)}  # type: ignore[misc]


def test_the_conflicts_among_some_events_are_those_of_the_whole_store(
    seed_build: Settings,
) -> None:
    """Read per subject for the given events, the rule gives the triples it gives over the
    whole store: for all events at once, and for each conflicting event with the events it
    may pair with (what an incremental build evaluates when that event changed)."""
    store = pyoxigraph.Store.read_only(str(seed_build.build / "store"))
    everything = detect_conflicts(store)
    assert everything
    proposals, measures = _instances(store, PROPOSAL), _instances(store, MEASURE)
    assert set(detect_conflicts_among(store, proposals, measures) or ()) == set(everything)
    for p, m in sorted(_pairs(store), key=str):
        for event in (p, m):
            among = {event} | _partners(store, {event})
            found = detect_conflicts_among(
                store,
                {e for e in among if _is(store, e, PROPOSAL)},
                {e for e in among if _is(store, e, MEASURE)},
                focus={event},
            )
            assert found is not None
            assert set(found) == set(_involving(found, {event}))  # only the focus's pairs
            mine = set(found)
            assert mine == set(_involving(everything, {event})), event
            assert pyoxigraph.Triple(p, pyoxigraph.NamedNode(C + "conflictsWith"), m) in mine
