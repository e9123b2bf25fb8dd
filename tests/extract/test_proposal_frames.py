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
