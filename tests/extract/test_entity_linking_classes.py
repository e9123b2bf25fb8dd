"""Entity-linking classes on invented sentences: letters NFKD does not decompose, the
ministry of the country the sentence itself names, hyphenated given names, a country's
companies named as a group, an organisation's capitalised first word as its short name,
and a registry name whose last letter takes the sentence's full stop."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from kg.rdf.terms import slugify
from tests.support.extraction import found, mentioned, new_nodes, run


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Głogów", "glogow"), ("Kırka", "kirka"), ("Søndre Strøm", "sondre-strom")],
)
def test_letters_without_a_decomposition_fold_to_ascii(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_a_ministry_takes_the_country_its_sentence_names(news_extractor: Extractor) -> None:
    text = (
        "Metals roundup\n\nJapan buys most of the output. In Bolivia, the Ministry of Water "
        "and Mining has asked the firm to renegotiate.\n"
    )
    nodes = new_nodes(run(news_extractor, text))
    assert nodes.get("bolivia-ministry-of-water-and-mining") == "GovernmentBody"


def test_a_country_after_to_is_no_ministry_home(news_extractor: Extractor) -> None:
    text = (
        "Metals roundup\n\nIndia raised output. India's refiners are busy. The refiner "
        "stopped exporting to Japan after the Department of Lunar Affairs directed it to "
        "keep the metal.\n"
    )
    review = run(news_extractor, text)
    body = [c for c in review.candidates if c.node == "india-department-of-lunar-affairs"]
    assert body, new_nodes(review)
    assert "jurisdiction" not in body[0].properties  # a guessed country is not asserted


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        ("Legislator Lin Chia-hao has proposed a special budget to buy gallium.", "lin-chia-hao"),
        ("Kim Ha-eun is a senior fellow at a research institute in Seoul.", "kim-ha-eun"),
    ],
)
def test_a_hyphenated_given_name_is_part_of_the_name(
    news_extractor: Extractor, sentence: str, slug: str
) -> None:
    assert new_nodes(run(news_extractor, sentence)).get(slug) == "Person"


@pytest.mark.parametrize(
    "sentence",
    [
        "The bill guarantees minimum prices to American producers of gallium.",
        "Minsk offered American fertiliser companies long-term contracts.",
        "The deal would give American defense and battery makers first call on output.",
    ],
)
def test_a_countrys_companies_named_as_a_group(news_extractor: Extractor, sentence: str) -> None:
    assert "us-companies" in mentioned(run(news_extractor, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "American officials said the talks would resume.",
        "China banned shipments of antimony to American buyers in December.",
    ],
)
def test_a_country_before_other_nouns_stays_the_country(
    news_extractor: Extractor, sentence: str
) -> None:
    assert "us-companies" not in mentioned(run(news_extractor, sentence))


def test_a_capitalised_first_word_is_the_short_name(news_extractor: Extractor) -> None:
    text = (
        "Metals roundup\n\nThe bank lent €120 million to ZQXW Polska Metale in July. "
        "ZQXW shares rose 4% on the day.\n"
    )
    nodes = found(run(news_extractor, text))
    assert "zqxw" not in nodes


def test_a_one_letter_last_word_takes_the_full_stop(news_extractor: Extractor) -> None:
    text = "Seoul will subsidise anode makers, including POSCO Future M."
    assert "posco-future-m" in mentioned(run(news_extractor, text))


@pytest.mark.parametrize(
    ("sentence", "slug", "kind"),
    [
        (
            "Analysts were cautious, said Ritu Rao of the consultancy Zephyra Advisory.",
            "zephyra-advisory",
            "Organization",
        ),
        (
            "It signed an offtake agreement with Japanese trading house Kisaragi Shoji.",
            "kisaragi-shoji",
            "Company",
        ),
    ],
)
def test_a_company_noun_before_a_name_makes_it_a_company(
    news_extractor: Extractor, sentence: str, slug: str, kind: str
) -> None:
    assert new_nodes(run(news_extractor, sentence)).get(slug) in (kind, "Company")


def test_the_company_capitalised_is_the_issuer(news_extractor: Extractor) -> None:
    text = (
        'PERTH - Quorrin Graphite Ltd ("Quorrin" or "the Company") has signed an offtake '
        "agreement with Japanese trading house Kisaragi Shoji.\n\n"
        "In addition, the Company has offered to supply graphite to Novonix for its plant.\n"
    )
    review = run(news_extractor, text)
    offers = [c for c in review.candidates if c.type == "Proposal"]
    assert offers and "quorrin-graphite" in offers[0].properties.get("proposedBy", [])


def test_each_registry_answers_with_its_own_collectives() -> None:
    """Regression: the index of collective entities was a module dict keyed by ``id()`` of
    the registry, so a later registry at a reused address got the earlier one's answers."""
    from kg.extract.gazetteer import Registry, RegistryEntity

    def registry(slug: str | None) -> Registry:
        entities = {"ruritania": RegistryEntity("ruritania", "Country", "Ruritania")}
        if slug:
            entities[slug] = RegistryEntity(
                slug, "Company", "Ruritanian companies", (), "ruritania"
            )
        return Registry(entities)

    assert registry("ruritania-companies").companies_of("ruritania") == "ruritania-companies"
    assert registry(None).companies_of("ruritania") is None
    assert registry("ruritanian-firms").companies_of("ruritania") == "ruritanian-firms"
