"""Definite descriptions ("the Chinese producer", "the company", "the bank") name the
organisation of their kind that the article named before (invented sentences)."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from tests.support.extraction import run


def _proposers(ex: Extractor, text: str) -> set[str]:
    review = run(ex, f"Metals roundup\n\n{text}\n")
    return {
        value
        for c in review.candidates
        if c.type == "Proposal"
        for value in c.properties.get("proposedBy", [])
    }


@pytest.mark.parametrize(
    ("text", "proposer", "not_proposer"),
    [
        (  # a demonym in the description picks the company of that country
            "China's Ganfeng Lithium and Australia's Pilbara Minerals held talks in Seoul. "
            "The Chinese producer proposed to Korea Zinc a joint refinery in Ulsan.",
            "ganfeng-lithium",
            "china",
        ),
        (  # without one, the company named last
            "Kazakh state miner Tau-Ken Samruk said on Monday that it would build a plant. "
            "The company has proposed to Japan a joint venture for tungsten.",
            "tau-ken-samruk",
            "japan",
        ),
    ],
)
def test_a_definite_description_names_the_organisation_named_before(
    news_extractor: Extractor, text: str, proposer: str, not_proposer: str
) -> None:
    found = _proposers(news_extractor, text)
    assert proposer in found
    assert not_proposer not in found


def _described(ex: Extractor, text: str, earlier: list[tuple[str, str]]) -> list[str]:
    from kg.extract.descriptions import description_ents
    from kg.extract.pipeline import _sentence_ents

    doc = ex.nlp(text)
    sent = next(iter(doc.sents))
    ents = _sentence_ents(sent, ex.registry)
    found, _ = description_ents(sent, ents, ex.registry, earlier, {})
    return [e.slug for e in found]


@pytest.mark.parametrize(
    ("text", "earlier", "wanted"),
    [
        ("The Chinese producer proposed a joint refinery.", [("pilbara-minerals", "Company")], []),
        (
            "The Chinese producer proposed a joint refinery.",
            [("ganfeng-lithium", "Company"), ("pilbara-minerals", "Company")],
            ["ganfeng-lithium"],
        ),
        ("The company town voted on Monday.", [("pilbara-minerals", "Company")], []),
        ("The company Ganfeng said so.", [("pilbara-minerals", "Company")], []),
        ("The company said so.", [("china-ministry-of-commerce", "GovernmentBody")], []),
        (
            "The bank said the loan would close in May.",
            [("european-investment-bank", "StateEntity"), ("keliber", "Company")],
            ["european-investment-bank"],
        ),
        ("The bank said the loan would close in May.", [("keliber", "Company")], []),
    ],
)
def test_a_description_links_only_an_organisation_that_fits(
    news_extractor: Extractor, text: str, earlier: list[tuple[str, str]], wanted: list[str]
) -> None:
    assert _described(news_extractor, text, earlier) == wanted
