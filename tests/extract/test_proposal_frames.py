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


# proposals of one's own plan: nothing offered to, or asked of, another party
UNADDRESSED = [
    "The European Commission proposed a levy on exports of aluminium scrap.",
    "Chile's mining minister proposed a royalty on lithium sales.",
    "The Japanese trade ministry has suggested a joint stockpile of gallium.",
]


@pytest.mark.parametrize("body", UNADDRESSED)
def test_a_plan_of_ones_own_is_no_proposal(body: str) -> None:
    assert proposals(body) == []
