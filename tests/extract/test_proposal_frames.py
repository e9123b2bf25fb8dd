"""Proposals read from the parse: whom an offer or a request is made to, and offers that
address nobody. Every sentence is invented for the test (none copied from the dev set)."""

from __future__ import annotations

from functools import lru_cache

import pytest

from kg.corpus.review import ReviewFile
from kg.extract.gazetteer import load_registry
from kg.extract.pipeline import Extractor, extract_article, make_extractor
from tests.support.paths import REPO


@lru_cache(maxsize=1)
def extractor() -> Extractor:
    return make_extractor(load_registry(REPO / "corpus" / "entities.ttl"))


def proposals(body: str) -> list[dict[str, list[str]]]:
    ex = extractor()
    text = f"Invented headline for a test\n\n{body}\n"
    review: ReviewFile = extract_article(text, ex.registry, "t", ex, article_date="2025-06-18")
    return [c.properties for c in review.candidates if c.type == "Proposal"]


# sentence, proposer, counterparty the proposal must be made to
ADDRESSED = [
    # indirect object
    ("Chile has offered Japan long-term supplies of lithium.", "chile", "japan"),
    # a "to" phrase before the object
    ("Indonesia has proposed to Australia a joint nickel smelter.", "indonesia", "australia"),
    # the "to" phrase of the offered clause
    ("Kazakhstan offered on Monday to sell tungsten to Japan.", "kazakhstan", "japan"),
]


@pytest.mark.parametrize(("body", "by", "to"), ADDRESSED)
def test_an_offer_is_made_to_its_addressee(body: str, by: str, to: str) -> None:
    found = proposals(body)
    assert any(by in p.get("proposedBy", []) and to in p.get("proposedTo", []) for p in found), (
        found
    )


# requests: the one asked is the counterparty, whatever the clause's verb, when the clause
# changes trade (a measure, a licence, a contract, shipments)
REQUESTS = [
    # a contract named under the asked clause's object
    ("Bolivia has asked Rosatom to renegotiate the terms of its contract.", "bolivia", "rosatom"),
    # the measure named in a prepositional object of the clause
    ("Chile asked Canada on Monday to exclude Chilean copper from any tariff.", "chile", "canada"),
    # a permission verb with the trade it allows
    ("Australia has asked Indonesia to let its miners ship nickel ore.", "australia", "indonesia"),
    # applying to an authority for a waiver or to change a measure
    (
        "Glencore has applied to the European Commission for a waiver.",
        "glencore",
        "european-commission",
    ),
    ("Glencore has applied to Chile to lift the cap on lithium exports.", "glencore", "chile"),
]


@pytest.mark.parametrize(("body", "by", "to"), REQUESTS)
def test_a_request_is_made_to_the_one_asked(body: str, by: str, to: str) -> None:
    found = proposals(body)
    assert any(by in p.get("proposedBy", []) and to in p.get("proposedTo", []) for p in found), (
        found
    )


def meetings(body: str) -> list[dict[str, list[str]]]:
    ex = extractor()
    text = f"Invented headline for a test\n\n{body}\n"
    review = extract_article(text, ex.registry, "t", ex, article_date="2025-06-18")
    return [c.properties for c in review.candidates if c.type in ("Meeting", "Agreement")]


def test_a_leader_meeting_his_own_ministers_is_one_side() -> None:
    assert meetings("Vladimir Putin told a meeting with Russia's cabinet on Monday to act.") == []


# offers by clause structure and nominal offers: the proposer from the parse (the subject,
# a possessor, a light verb's subject), the counterparty from "to X" (coordination kept),
# the indirect object, the other side of "a partnership with X", a nation's companies
OFFER_SHAPES = [
    # an adjective of readiness with a supply verb
    (
        "Kazakhstan is ready to resume deliveries of uranium to French utilities.",
        "kazakhstan",
        ["france"],
    ),
    # the parse hangs the "to" phrase on the supplied object
    (
        "Kazakhstan is willing to supply tungsten to the European Union.",
        "kazakhstan",
        ["european-union"],
    ),
    # "open to" a partnership named by a nationality
    ("Mongolia has said it is open to a Japanese partnership on copper.", "mongolia", ["japan"]),
    # a light verb with a proposal noun and two coordinated "to" phrases
    (
        "Chile made a similar offer to Japan, and to South Korean battery companies in May.",
        "chile",
        ["japan", "south-korea"],
    ),
    # a possessed proposal noun whose object has a with-side
    (
        "The minister presented Peru's proposal for a copper partnership with Canada.",
        "peru",
        ["canada"],
    ),
    # the first object swallowed as a compound of the second by the parse
    (
        "Bolivia has offered German and Japanese companies minority stakes in two lithium plants.",
        "bolivia",
        ["germany", "japan"],
    ),
    # "American companies" named collectively: their country too
    ("Peru has offered American companies access to its copper.", "peru", ["united-states"]),
    # an offer coordinated with a request: made to the one asked
    (
        "Rio Tinto has asked Chile to extend its lithium licence and has offered to build a "
        "refinery in return.",
        "rio-tinto",
        ["chile"],
    ),
    # "called on X to" change a measure
    ("Japan called on Indonesia to lift its ban on nickel ore exports.", "japan", ["indonesia"]),
    # an asked clause that gives trade to a third party
    (
        "Japanese officials have asked Canberra to give Japanese buyers priority on lithium.",
        "japan",
        ["australia"],
    ),
]


@pytest.mark.parametrize(("body", "by", "to"), OFFER_SHAPES)
def test_offer_shapes_give_proposer_and_counterparty(body: str, by: str, to: list[str]) -> None:
    found = proposals(body)
    assert any(
        by in p.get("proposedBy", []) and set(to) <= set(p.get("proposedTo", [])) for p in found
    ), found


def test_the_subject_proposes_not_the_nearest_actor() -> None:
    """ "X has asked Y to … and has offered …": X offers, not Y (the actor nearest)."""
    found = proposals(
        "Glencore has asked Chile to resume shipments of copper and has offered to finance "
        "a new smelter."
    )
    assert found and all(p.get("proposedBy") == ["glencore"] for p in found), found


def test_an_unnamed_proposer_with_a_named_counterparty() -> None:
    found = proposals("A commodities trader has offered to buy nickel matte from Glencore.")
    assert any(p.get("proposedTo") == ["glencore"] and not p.get("proposedBy") for p in found)


# one's own policy proposed, addressed to nobody: no Proposal
OWN_POLICY = [
    "The Commission proposed a levy on exports of copper scrap last month.",
    "A senator has proposed restricting exports of lithium concentrate.",
    "The ministry proposed to put $2 billion behind a cobalt stockpile.",
    "Buyers have been cutting orders since the nickel package was first proposed in May.",
    "The government will invite private companies to bid for lithium partnerships.",
]


@pytest.mark.parametrize("body", OWN_POLICY)
def test_a_policy_proposed_to_nobody_is_no_proposal(body: str) -> None:
    assert proposals(body) == []


def test_two_offers_to_two_counterparties_in_one_sentence() -> None:
    found = proposals(
        "Albemarle has pitched lithium supply to Japanese battery makers, and last month it "
        "made a similar offer to Panasonic."
    )
    addressed = [set(p.get("proposedTo", [])) for p in found]
    assert {"japan"} <= addressed[0] and any("panasonic" in a for a in addressed), found


def test_seeking_relief_from_a_named_authority_is_a_request() -> None:
    found = proposals("Glencore sought relief from the European Commission on cobalt duties.")
    assert any(
        p.get("proposedBy") == ["glencore"] and "european-commission" in p.get("proposedTo", [])
        for p in found
    ), found


def test_a_proposal_told_again_is_not_a_second_one() -> None:
    """ "The proposal was presented to the Japanese delegation": the one reported before."""
    found = proposals(
        "Chile has proposed to Japan a joint lithium refinery. The proposal was presented to "
        "the Japanese delegation in Tokyo on Monday."
    )
    assert len(found) == 1, found
