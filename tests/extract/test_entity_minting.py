"""One node per entity in an article: new entities that name the same entity (by
kg.extract.identity) are one candidate, and one that names a registry entity a mention."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.corpus.review import Candidate, Evidence, Mention, ReviewFile, Unlinked
from kg.extract.gazetteer import Registry, load_registry
from kg.extract.identity import Identity
from kg.extract.names import one_node_per_entity
from kg.extract.pipeline import Extractor
from tests.support.extraction import new_nodes, run

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REPO / "corpus" / "entities.ttl")


def _entity(slug: str, kind: str, label: str, at: int) -> Candidate:
    return Candidate(slug, kind, [Evidence(at, at + 10, "x" * 10)], node=slug, label=label)


def _event(**properties: list[str]) -> Candidate:
    return Candidate("e1", "Agreement", [Evidence(0, 10, "x" * 10)], properties=properties)


@pytest.mark.parametrize(
    ("first", "second", "kept"),
    [
        (
            ("kamativi-mine", "Project", "Kamativi mine"),
            ("kamativi", "Project", "Kamativi"),
            "kamativi-mine",
        ),
        (
            ("rheinland-anode-gmbh", "Company", "Rheinland Anode GmbH"),
            ("rheinland-anode", "Organization", "Rheinland Anode"),
            "rheinland-anode-gmbh",
        ),
        (
            ("nasarawa", "Place", "Nasarawa"),
            ("nasarawa-state", "Region", "Nasarawa State"),
            "nasarawa",
        ),
        # the legal form the first slug kept gives way to the name without it
        (
            (
                "kahatagaha-graphite-lanka-limited",
                "StateEntity",
                "Kahatagaha Graphite Lanka Limited",
            ),
            ("kahatagaha-graphite-lanka", "StateEntity", "Kahatagaha Graphite Lanka"),
            "kahatagaha-graphite-lanka",
        ),
        # an acronym named before its full name gives way to it
        (
            ("irh", "Organization", "IRH"),
            ("international-resources-holding", "Organization", "International Resources Holding"),
            "international-resources-holding",
        ),
    ],
)
def test_two_names_of_one_entity_are_one_node(
    registry: Registry,
    first: tuple[str, str, str],
    second: tuple[str, str, str],
    kept: str,
) -> None:
    a, b = _entity(*first, at=0), _entity(*second, at=20)
    review = ReviewFile("t", candidates=[a, b, _event(participant=[first[0], second[0]])])
    review.mentions = [Mention(second[0], 20, 28)]
    one_node_per_entity(review, Identity(registry, "IRH and International Resources Holding"))
    nodes = [c for c in review.candidates if c.type != "Agreement"]
    assert [c.slug for c in nodes] == [kept]
    assert len(nodes[0].evidence) == 2
    event = next(c for c in review.candidates if c.type == "Agreement")
    assert event.properties["participant"] == [kept]
    assert [m.entity for m in review.mentions] == [kept]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("toyota", "Company", "Toyota"), ("toyota-tsusho", "Company", "Toyota Tsusho")),
        (("kokkola", "Place", "Kokkola"), ("kokkola-refinery", "Project", "Kokkola refinery")),
        (("ana-silva", "Person", "Ana Silva"), ("ana-silva-ltd", "Company", "Ana Silva Ltd")),
        (("bikita-mine", "Project", "Bikita mine"), ("kamativi-mine", "Project", "Kamativi mine")),
    ],
)
def test_different_entities_stay_apart(
    registry: Registry, first: tuple[str, str, str], second: tuple[str, str, str]
) -> None:
    review = ReviewFile("t", candidates=[_entity(*first, at=0), _entity(*second, at=20)])
    one_node_per_entity(review, Identity(registry, "Toyota and Toyota Tsusho"))
    assert [c.slug for c in review.candidates] == [first[0], second[0]]


def test_a_name_of_a_registry_entity_becomes_its_mention(registry: Registry) -> None:
    corp = _entity("perpetua-resources-corp", "Company", "Perpetua Resources Corp", at=0)
    review = ReviewFile("t", candidates=[corp, _event(participant=["perpetua-resources-corp"])])
    review.unlinked = [Unlinked("Perpetua Resources Corp", 4, 27, "Company")]
    one_node_per_entity(review, Identity(registry))
    assert [c.type for c in review.candidates] == ["Agreement"]
    assert review.candidates[0].properties["participant"] == ["perpetua-resources"]
    assert [(m.entity, m.start) for m in review.mentions] == [("perpetua-resources", 4)]
    assert review.unlinked == []


def test_a_name_several_registry_entities_bear_stays_new(registry: Registry) -> None:
    """ "Export-Import Bank": the registry knows those of the US, Korea, China and India."""
    exim = _entity("export-import-bank", "Organization", "Export-Import Bank", at=0)
    review = ReviewFile("t", candidates=[exim])
    one_node_per_entity(review, Identity(registry))
    assert [c.slug for c in review.candidates] == ["export-import-bank"]


@pytest.mark.parametrize(
    ("text", "slug", "other"),
    [
        (
            "Maputo, 3 March 2025\nThe company said the Nhanga Graphite Project would start "
            "output in 2027.\nFinancing for the Nhanga project is expected by June, the "
            "company said.\n",
            "nhanga-graphite-project",
            "nhanga-project",
        ),
        (
            "Stockholm, 3 March 2025\nThe Swedish Export Credit Agency will guarantee the "
            "loan, the company said.\nEKN, the Swedish Export Credit Agency, said on Monday "
            "it had approved the guarantee.\n",
            "swedish-export-credit-agency",
            "ekn",
        ),
        (
            "Abu Dhabi, 3 March 2025\nIRH said on Monday it would bid for the stake.\n"
            "International Resources Holding, which is controlled by the state, made the "
            "offer in Lusaka.\n",
            "international-resources-holding",
            "irh",
        ),
    ],
)
def test_an_article_mints_one_node_per_entity(
    news_extractor: Extractor, text: str, slug: str, other: str
) -> None:
    nodes = new_nodes(run(news_extractor, text))
    assert slug in nodes
    assert other not in nodes
