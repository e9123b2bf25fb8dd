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


Named = list[list[tuple[str, str, int]]]


def _described_in(
    ex: Extractor,
    text: str,
    recent: Named,
    named: list[tuple[str, str]] | None = None,
    terms: dict[str, tuple[str, str]] | None = None,
) -> list[str]:
    """What the singular descriptions of ``text`` name, with ``recent`` the actors of the
    sentences before it (nearest last) and ``named`` the article's organisations."""
    from kg.extract.descriptions import description_ents
    from kg.extract.pipeline import _sentence_ents

    sent = next(iter(ex.nlp(text).sents))
    ents = _sentence_ents(sent, ex.registry)
    if named is None:
        named = [(s, t) for group in recent for s, t, _ in group]
    found, _ = description_ents(sent, ents, ex.registry, named, {}, recent, terms)
    return [e.slug for e in found]


@pytest.mark.parametrize(
    ("text", "recent", "wanted"),
    [
        (  # "the department": the department named last
            "The department will receive warrants for a stake.",
            [[("us-department-of-energy", "GovernmentBody", 0), ("united-states", "Country", 1)]],
            ["us-department-of-energy"],
        ),
        (  # "the ministry": a body whose name holds "ministry", not any authority
            "The ministry ordered tighter reviews of graphite shipments.",
            [[("china-ministry-of-commerce", "GovernmentBody", 0)], [("china", "Country", 0)]],
            ["china-ministry-of-commerce"],
        ),
        (  # a department is no ministry
            "The ministry ordered tighter reviews of graphite shipments.",
            [[("us-department-of-energy", "GovernmentBody", 0)]],
            [],
        ),
        (  # the bank: an Export-Import Bank too
            "The bank said the loan would close in May.",
            [[("export-import-bank-of-the-united-states", "StateEntity", 0)]],
            ["export-import-bank-of-the-united-states"],
        ),
        (  # the commission: the one named before
            "The commission proposed pooled purchases of rare earths.",
            [[("european-commission", "GovernmentBody", 0), ("china", "Country", 1)]],
            ["european-commission"],
        ),
        (  # "the group": an organisation of the sentence before
            "The group had asked for duties of up to 920%.",
            [[("american-active-anode-material-producers", "Organization", 1)]],
            ["american-active-anode-material-producers"],
        ),
        (  # ... but never one named further back
            "The group had asked for duties of up to 920%.",
            [[("sojitz", "Company", 0)], [("china", "Country", 0)]],
            [],
        ),
        (  # nor "the group of …"
            "The group of seven agreed on Monday.",
            [[("sojitz", "Company", 0)]],
            [],
        ),
        (  # beyond the window, the one ministry the article named ...
            "The ministry ordered tighter reviews of graphite shipments.",
            [[("china-ministry-of-commerce", "GovernmentBody", 0)], *[[] for _ in range(7)]],
            ["china-ministry-of-commerce"],
        ),
        (  # ... but of two named long ago, neither
            "The ministry ordered tighter reviews of graphite shipments.",
            [
                [("china-ministry-of-commerce", "GovernmentBody", 0)],
                [("japan-meti", "GovernmentBody", 0)],
                *[[] for _ in range(7)],
            ],
            [],
        ),
    ],
)
def test_a_description_of_a_body_names_the_latest_body_of_its_kind(
    news_extractor: Extractor, text: str, recent: Named, wanted: list[str]
) -> None:
    assert _described_in(news_extractor, text, recent) == wanted


def test_the_capitalised_term_names_the_organisation_the_release_defined_it_for(
    news_extractor: Extractor,
) -> None:
    named = [("korea-zinc", "Company"), ("sojitz", "Company")]
    text = "The Company has asked the agency to exclude graphite from the tariff."
    assert _described_in(news_extractor, text, [], named) == ["korea-zinc"]
    terms = {"company": ("sojitz", "Company")}
    assert _described_in(news_extractor, text, [], named, terms) == ["sojitz"]


@pytest.mark.parametrize(
    ("text", "company", "not_company"),
    [
        (
            'Korea Zinc signed a deal with Sojitz. Veltra Grafite S.A. ("Veltra" or "the '
            'Company") said it would build a mine. The Company has offered Japan 5,000 '
            "tonnes a year of graphite.",
            "veltra-grafite",
            "sojitz",
        ),
        (  # the short name in the brackets, not a resource word of the name before them
            'Korea Zinc signed a deal with Sojitz. Norvik Graphite Ltd ("Norvik" or "the '
            'Company") said it would build a mine. Norvik also signed an offtake with Sojitz. '
            "The Company has offered Japan 5,000 tonnes a year of graphite.",
            "norvik-graphite",
            "graphite",
        ),
        (  # a ticker before the short name in the brackets
            "Export Finance Australia approved a loan guarantee. Tamsin Minerals Limited (ASX: "
            'TMX, "Tamsin" or "the Company") said it would build a mine. The Company has '
            "offered Japan 5,000 tonnes a year of graphite.",
            "tamsin-minerals",
            "export-finance-australia",
        ),
    ],
)
def test_a_release_defines_the_company_it_speaks_for(
    news_extractor: Extractor, text: str, company: str, not_company: str
) -> None:
    found = _proposers(news_extractor, text)
    assert company in found
    assert not_company not in found


def _plural(ex: Extractor, text: str, recent: Named, roles: dict[str, str]) -> list[str]:
    from kg.extract.descriptions import plural_ents
    from kg.extract.pipeline import _sentence_ents

    sent = next(iter(ex.nlp(text).sents))
    ents = _sentence_ents(sent, ex.registry)
    return sorted(e.slug for e in plural_ents(sent, ents, ex.registry, recent, roles, {}))


@pytest.mark.parametrize(
    ("text", "recent", "roles", "wanted"),
    [
        (  # the two countries of the sentence before (a demonym names its country)
            "The two governments signed an upgraded free trade agreement in November.",
            [[("china", "Country", 2), ("peru", "Country", 1)]],
            {},
            ["china", "peru"],
        ),
        (  # the nearest sentence that names two
            "Both sides agreed to share data on stockpiles.",
            [[("indonesia", "Country", 0)], [("japan", "Country", 0), ("australia", "Country", 1)]],
            {},
            ["australia", "japan"],
        ),
        (  # three countries: which two is unsure
            "The two countries signed a memorandum on lithium.",
            [[("japan", "Country", 0), ("australia", "Country", 1), ("china", "Country", 1)]],
            {},
            [],
        ),
        (  # only one country named: nothing
            "The two governments signed a roadmap.",
            [[("japan", "Country", 0)], [("japan-meti", "GovernmentBody", 0)]],
            {},
            [],
        ),
        (  # a government body stands for its country
            "The two countries will meet again in Seoul.",
            [[("japan-meti", "GovernmentBody", 0), ("south-korea", "Country", 1)]],
            {},
            ["japan", "south-korea"],
        ),
        (  # the two ministries named last
            "Following the meeting, the two ministries signed a memorandum of cooperation.",
            [
                [
                    ("japan-meti", "GovernmentBody", 0),
                    ("china-ministry-of-commerce", "GovernmentBody", 1),
                ]
            ],
            {},
            ["china-ministry-of-commerce", "japan-meti"],
        ),
        (  # the two companies of the sentence before, not the countries (a firm typed
            # as an organisation counts: "LKAB, the state-owned mining group")
            "The two companies will negotiate a long-term offtake agreement.",
            [[("sojitz", "Company", 0), ("japan", "Country", 1), ("lkab", "Organization", 1)]],
            {},
            ["lkab", "sojitz"],
        ),
        (  # the two ministers: the countries they act for
            "The two ministers signed a critical minerals roadmap.",
            [[("anna-berg", "Person", 0), ("ivan-petrov", "Person", 1)]],
            {"anna-berg": "japan-meti", "ivan-petrov": "australia"},
            ["australia", "japan"],
        ),
        (  # a minister whose post is unknown: nothing
            "The two ministers signed a critical minerals roadmap.",
            [[("anna-berg", "Person", 0), ("ivan-petrov", "Person", 1)]],
            {"anna-berg": "japan-meti"},
            [],
        ),
        (  # "both sides of the border" names no sides
            "Trade on both sides of the border has slowed.",
            [[("japan", "Country", 0), ("australia", "Country", 1)]],
            {},
            [],
        ),
        (  # named too long ago
            "The two governments signed a roadmap.",
            [[("japan", "Country", 0), ("australia", "Country", 1)], [], [], []],
            {},
            [],
        ),
    ],
)
def test_a_plural_description_names_exactly_two_actors_of_its_kind(
    news_extractor: Extractor,
    text: str,
    recent: Named,
    roles: dict[str, str],
    wanted: list[str],
) -> None:
    assert _plural(news_extractor, text, recent, roles) == wanted


def _participants(ex: Extractor, text: str) -> list[set[str]]:
    review = run(ex, f"Metals roundup\n\n{text}\n")
    return [
        set(c.properties.get("participant", [])) for c in review.candidates if c.type == "Agreement"
    ]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "Chinese smelters depend on Peru for about 20% of their concentrate. The two "
            "governments signed an upgraded free trade agreement in November 2024.",
            {"china", "peru"},
        ),
        (
            "Japan and Australia held talks on stockpiles in Canberra. Both countries signed "
            "a memorandum on rare earth stockpiling on Friday.",
            {"japan", "australia"},
        ),
    ],
)
def test_an_agreement_of_a_plural_description_gets_its_two_sides(
    news_extractor: Extractor, text: str, sides: set[str]
) -> None:
    assert any(sides <= found for found in _participants(news_extractor, text))


def test_an_agreement_of_an_ambiguous_plural_gets_no_sides(news_extractor: Extractor) -> None:
    text = (
        "Japan, Australia and India discussed stockpiles in Canberra. The two countries "
        "signed a memorandum on rare earth stockpiling on Friday."
    )
    assert _participants(news_extractor, text) == []
