"""Same-entity decisions between invented slugs (kg.extract.identity)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.gazetteer import Registry, load_registry
from kg.extract.identity import Identity, body_of

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REPO / "corpus" / "entities.ttl")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("glogow-copper-smelter", "glogow-smelter"),  # resource before a facility head
        ("tanbreez-project", "tanbreez-deposit"),
        ("thacker-pass-project", "thacker-pass"),
        ("mt-holland", "mt-holland-refinery"),
        ("kamativi", "kamativi-mine"),
        ("nhanga-graphite-project", "nhanga-project"),
        ("mount-dalgety-graphite-project", "mount-dalgety-project"),
        ("stibnite-gold-project", "stibnite-project"),
        ("rheinland-anode", "rheinland-anode-gmbh"),  # legal form
        ("the-metals-company", "metals-company"),
        ("nasarawa", "nasarawa-state"),  # administrative head
        ("international-resources-holding", "irh"),  # initials
        ("national-oceanic-and-atmospheric-administration", "noaa"),
        ("export-import-bank-of-the-united-states", "export-import-bank"),  # "of <country>"
        ("cook-islands-seabed-minerals-authority", "seabed-minerals-authority"),
        ("parliament-of-ghana", "ghana-parliament"),  # one word left: the same country
        ("supreme-court-of-mexico", "supreme-court"),
        ("australian-house-of-representatives", "australia-house-of-representatives"),
    ],
)
def test_same_entity(registry: Registry, a: str, b: str) -> None:
    identity = Identity(registry)
    assert identity.same(a, b)
    assert identity.same(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("toyota", "toyota-tsusho"),  # two companies that share a first word
        ("eramet", "comilog"),
        ("lithium-plant", "lithium"),  # the resource alone names no facility
        ("us-department-of-energy", "china-department-of-energy"),  # two countries' bodies
        ("export-import-bank-of-korea", "export-import-bank-of-the-united-states"),
        ("rare-earths", "rare-earth-project"),
        ("lobito-corridor", "lobito"),  # a corridor is not its end town
        ("ab", "alpha-beta"),  # two letters are too few to read as initials
        ("kamativi-mine", "bikita-mine"),
        ("china", "chile"),  # registry slugs: only the same slug
        ("glencore", "glencore-international"),
        ("australian-senate", "senate"),  # one word left: both must name the country
        ("parliament-of-ghana", "parliament-of-kenya"),
        ("glencore", "glencore-operations"),  # a registry company's unit
        ("toyotsu-rare-earths-india", "toyotsu-rare-earths"),  # a country's unit
    ],
)
def test_different_entities(registry: Registry, a: str, b: str) -> None:
    identity = Identity(registry)
    assert not identity.same(a, b)
    assert not identity.same(b, a)


@pytest.mark.parametrize(
    ("text", "a", "b", "same"),
    [
        (
            "The Swedish Export Credit Agency (EKN) will back the loan.",
            "ekn",
            "swedish-export-credit-agency",
            True,
        ),
        ("Sweden's Export Credit Agency (EKN) backs it.", "ekn", "export-credit-agency", True),
        (
            "the Brazilian Development Bank (BNDES) said",
            "bndes",
            "brazilian-development-bank",
            True,
        ),
        (
            "EKN, the Swedish Export Credit Agency, said",
            "ekn",
            "swedish-export-credit-agency",
            True,
        ),
        ("KGHM Polska Miedz said KGHM would expand.", "kghm", "kghm-polska-miedz", True),
        ("ZCCM Investments Holdings and ZCCM", "zccm", "zccm-investments-holdings", True),
        ("CATL Europe, a unit of CATL, said", "catl-europe", "catl-x", False),
        ("Toyota and Toyota Tsusho signed", "toyota", "toyota-tsusho", False),
        ("ACME Germany, owned by ACME", "acme", "acme-germany", False),  # a country: a unit
        # a body of the organisation, not the organisation
        (
            "the SCO Council of Foreign Ministers",
            "shanghai-cooperation-organisation",
            "sco-council-of-foreign-ministers",
            False,
        ),
        ("the XYZ Council of Foreign Ministers", "xyz", "xyz-council-of-foreign-ministers", False),
        # no definition and no initials: the acronym stands for something else
        ("The Swedish Export Credit Agency and EKN", "ekn", "swedish-export-credit-agency", False),
        # initials, but the text never writes the acronym in capitals
        ("International Resources Holding said", "irh", "international-resources-holding", False),
    ],
)
def test_acronyms_by_text(registry: Registry, text: str, a: str, b: str, same: bool) -> None:
    assert Identity(registry, text).same(a, b) is same


@pytest.mark.parametrize(
    ("body", "state", "local", "expected"),
    [
        (
            "drc-ministry-of-mines",
            "democratic-republic-of-the-congo",
            {"drc-ministry-of-mines": []},
            True,
        ),  # the country its slug opens with
        (
            "australia-department-of-industry-science-and-resources",
            "australia",
            {"australia-department-of-industry-science-and-resources": ["australia"]},
            True,
        ),
        ("ministry-of-mines", "zambia", {"ministry-of-mines": ["zambia"]}, True),  # stated
        ("ministry-of-mines", "zambia", {"ministry-of-mines": ["malawi"]}, False),
        ("kamativi-mine", "zimbabwe", {}, False),  # not a body of the article
        ("australia", "australia-department-of-industry-science-and-resources", {}, False),
        ("china", "china", {}, False),
    ],
)
def test_body_of_the_state(
    registry: Registry, body: str, state: str, local: dict[str, list[str]], expected: bool
) -> None:
    assert body_of(body, state, registry, local) is expected


def test_registry_bodies_by_jurisdiction(registry: Registry) -> None:
    bodies = [
        e.slug
        for e in registry.entities.values()
        if e.type == "GovernmentBody" and e.jurisdiction == "china"
    ]
    assert bodies, "the registry names Chinese government bodies"
    assert body_of(bodies[0], "china", registry)
    assert not body_of(bodies[0], "united-states", registry)
