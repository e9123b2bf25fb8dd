"""Entity recall mechanisms on invented news sentences: demonyms as country mentions,
titles kept out of people's names, registry classes (state lenders, metonyms, energy
commodities), legal suffixes, portfolios and ministries, projects, and names that are not
entities (programmes, documents, continents, common words)."""

from __future__ import annotations

import pytest

from kg.corpus.review import ReviewFile
from kg.extract.pipeline import Extractor, extract_article


def run(ex: Extractor, text: str) -> ReviewFile:
    return extract_article(text, ex.registry, "t", ex, article_date="2025-04-18")


def mentioned(review: ReviewFile) -> set[str]:
    return {m.entity for m in review.mentions}


def new_nodes(review: ReviewFile) -> dict[str, str]:
    return {c.node: c.type for c in review.candidates if c.node and c.type != "Role"}


def found(review: ReviewFile) -> set[str]:
    return mentioned(review) | set(new_nodes(review))


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("Ottawa weighs duties on Chinese graphite after a complaint.", "china"),
        ("Europe has had no gallium output since a German plant closed.", "germany"),
        ("The deal would cut reliance on Congolese cobalt.", "democratic-republic-of-the-congo"),
        ("South Korean battery makers welcomed the decision.", "south-korea"),
    ],
)
def test_a_demonym_mentions_its_country(
    news_extractor: Extractor, sentence: str, country: str
) -> None:
    assert country in mentioned(run(news_extractor, sentence))


@pytest.mark.parametrize(
    ("sentence", "person", "not_person"),
    [
        (
            "Treasurer Hamish Doyle said the reserve would be fiscally responsible.",
            "hamish-doyle",
            "treasurer-hamish-doyle",
        ),
        (
            "Secretary of the Interior Ruth Calder, chair of the permitting council, "
            "will lead the review.",
            "ruth-calder",
            "interior-ruth-calder",
        ),
        (
            "Minister for Trade Anna Berglund, who met the delegation on Monday, "
            "signed the accord.",
            "anna-berglund",
            "trade-anna-berglund",
        ),
    ],
)
def test_a_title_is_not_part_of_the_name(
    news_extractor: Extractor, sentence: str, person: str, not_person: str
) -> None:
    nodes = new_nodes(run(news_extractor, sentence))
    assert nodes.get(person) == "Person"
    assert not_person not in nodes


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        ("The senator spoke to reporters on Capitol Hill after the vote.", "us-congress"),
        ("Beijing put a 15% tariff on liquefied natural gas and 10% on crude oil.", "oil-and-gas"),
        ("The ministry blamed Berlin's reliance on Russian gas.", "oil-and-gas"),
        (
            "The accord was signed by European Commissioner Maria Lind in Astana.",
            "european-commission",
        ),
        (
            "Officials at the Federal Ministry for Economic Affairs and Climate Action declined "
            "to comment.",
            "germany-federal-ministry-for-economic-affairs",
        ),
    ],
)
def test_registry_classes_cover_common_names(
    news_extractor: Extractor, sentence: str, slug: str
) -> None:
    assert slug in mentioned(run(news_extractor, sentence))


@pytest.mark.parametrize(
    "slug",
    [
        "us-international-development-finance-corporation",
        "export-import-bank-of-the-united-states",
        "uk-export-finance",
        "export-finance-australia",
        "kfw",
        "jogmec",
    ],
)
def test_state_lenders_are_state_entities(news_extractor: Extractor, slug: str) -> None:
    entity = news_extractor.registry.get(slug)
    assert entity is not None and entity.type == "StateEntity"


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        (
            "The fund acts in consultation with the Secretary of Defense.",
            "us-department-of-defense",
        ),
        (
            "Secretary of the Interior Ruth Calder will coordinate the review.",
            "us-department-of-the-interior",
        ),
        ("Commerce Secretary Dana Whitfield said the duty was fair.", "us-department-of-commerce"),
        (
            "Business and Trade Secretary Owen Hale said the grant would help.",
            "uk-department-for-business-and-trade",
        ),
    ],
)
def test_a_title_names_its_department(news_extractor: Extractor, sentence: str, body: str) -> None:
    assert body in mentioned(run(news_extractor, sentence))


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "China opposes the decision. Foreign ministry spokesperson Lin Hua told a briefing "
            "that the curbs were unfair.",
            "china-ministry-of-foreign-affairs",
        ),
        (
            "Germany set up the fund in 2024. Economy ministry officials said it would buy "
            "minority stakes.",
            "germany-federal-ministry-for-economic-affairs",
        ),
    ],
)
def test_a_ministry_without_its_country_is_the_articles_country(
    news_extractor: Extractor, text: str, body: str
) -> None:
    assert body in mentioned(run(news_extractor, text))


def test_an_unknown_ministry_gets_the_registry_slug_style(news_extractor: Extractor) -> None:
    text = "Peru raised royalties on copper. Mining ministry officials called it overdue."
    nodes = new_nodes(run(news_extractor, text))
    assert nodes.get("peru-ministry-of-mining") == "GovernmentBody"
    assert "mining-ministry" not in nodes


def test_accents_are_dropped_from_new_slugs(news_extractor: Extractor) -> None:
    text = "The accord was signed by Commissioner for Industry Stéphane Séjourné on Friday."
    assert "stephane-sejourne" in new_nodes(run(news_extractor, text))
