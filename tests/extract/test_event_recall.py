"""Recall mechanisms of the event extractor: one parametrised table per general class.

Every sentence is invented for the test (none is copied from the dev set). Each row says
which role of which event type must hold which entities.
"""

from __future__ import annotations

import pytest

from kg.extract.syntax import modality
from tests.extract.test_event_roles import assert_role_found, extract, extractor, of_type, roles

# article body, event type, role, values the role must hold
RECALL = [
    # a clause whose subject names no actor is imposed by the authority announcing it
    (
        "The Ministry of Commerce announced that exporters of gallium will need licences "
        "from Aug. 1.",
        "ExportControl",
        "imposedBy",
        {"china-ministry-of-commerce"},
    ),
    (
        "The Ministry of Commerce announced that exporters of gallium will need licences "
        "from Aug. 1.",
        "ExportControl",
        "coversResource",
        {"gallium"},
    ),
    # a listing: parties linked to X put on a sanctions list make X the target, also when
    # the parse hangs the list on the participle
    (
        "Canada said it added 12 companies linked to Russia's mining sector to its sanctions list.",
        "Sanction",
        "targets",
        {"russia"},
    ),
    (
        "Canada said it added 12 companies linked to Russia's mining sector to its sanctions list.",
        "Sanction",
        "imposedBy",
        {"canada"},
    ),
    # "signed a contract with X": the sides of the signed object
    (
        "The state miner Codelco signed a $500 million contract with Rio Tinto in March.",
        "Agreement",
        "participant",
        {"codelco", "rio-tinto"},
    ),
    # a bare plural subject is the sides of the article's latest gathering
    (
        "China and Russia held talks in Moscow on Monday. The two sides signed an agreement "
        "on rare earths.",
        "Agreement",
        "participant",
        {"china", "russia"},
    ),
    # a figure sourced "by its own account / estimate" is claimed by its holder
    (
        "Glencore, a Swiss trader, mines about 20% of the world's cobalt by its own estimate.",
        "Claim",
        "claimant",
        {"glencore"},
    ),
    (
        "Vale, Brazil's largest miner, supplies roughly 9% of the world's nickel by its own "
        "account.",
        "Claim",
        "claimant",
        {"vale"},
    ),
    # money given with "contribute", and amounts in written-out currencies
    (
        "The US Department of Energy will contribute $200 million to a graphite plant.",
        "SupportMeasure",
        "amount",
        {"200000000"},
    ),
    (
        "Canberra will lend 300 million Australian dollars to Iluka for its refinery.",
        "SupportMeasure",
        "currency",
        {"AUD"},
    ),
    (
        "Beijing set aside 2 billion yuan to fund gallium refiners.",
        "SupportMeasure",
        "currency",
        {"CNY"},
    ),
    # the trade direction in the "on" phrase the parse hangs on the imposing verb
    (
        "Tokyo tightened curbs on exports of lithography tools to 30 Chinese firms.",
        "ExportControl",
        "targets",
        {"china"},
    ),
    (
        "Tokyo tightened curbs on exports of lithography tools to 30 Chinese firms.",
        "ExportControl",
        "imposedBy",
        {"japan"},
    ),
    # a share of what a buyer imports or buys (a relative clause, not the noun "imports")
    # is the buyer's dependency on the supplier
    (
        "Brazil supplied roughly 40% of the nickel the United States imported in 2023.",
        "Dependency",
        "dependent",
        {"united-states"},
    ),
    (
        "Brazil supplied roughly 40% of the nickel bought by U.S. battery makers in 2023.",
        "Dependency",
        "dependsOn",
        {"brazil"},
    ),
    (
        "Tariffs hit Peru, which supplied about 30% of U.S. imports of refined zinc in 2024.",
        "Dependency",
        "dependsOn",
        {"peru"},
    ),
    # a share of capacity, of enrichment, or what a country supplied is a share claim
    (
        "Kazakhstan accounts for about 40% of the world's uranium enrichment capacity.",
        "Claim",
        "about",
        {"kazakhstan"},
    ),
    (
        "Chile supplied about 25% of the world's copper last year.",
        "Claim",
        "concernsResource",
        {"copper"},
    ),
]


@pytest.mark.parametrize(("body", "kind", "role", "wanted"), RECALL)
def test_recall_mechanisms(body: str, kind: str, role: str, wanted: set[str]) -> None:
    assert_role_found(body, kind, role, wanted)


# regression: the parser made the noun "scrap" a conjunct of "imposed", and a conjunct
# whose lemma drops a measure ("dropped", "scrapped") made the imposed tariff denied
@pytest.mark.parametrize(
    ("sentence", "mood"),
    [
        (
            "The United States imposed a 50% tariff on copper pipes but exempted cathodes, "
            "concentrates and scrap.",
            "asserted",
        ),
        ("The EU considered a tariff on Russian nickel but dropped it.", "denied"),
    ],
)
def test_only_a_verb_conjunct_drops_a_measure(sentence: str, mood: str) -> None:
    doc = extractor().nlp(sentence)
    tariff = next(t for t in doc if t.lower_ == "tariff")
    assert modality(tariff) == mood


def test_the_government_is_not_the_country_under_its_measures() -> None:
    """An article on sanctions against Russia names Russia most; "the government" that
    lists more firms is the one that imposed the earlier sanctions."""
    review = extract(
        "Australia imposed sanctions on Russia on Monday. Russia called the move hostile. "
        "Russia has sold less gold since 2022. The government also added 15 firms linked to "
        "Russia's gold sector to its sanctions list."
    )
    listed = [c for c in of_type(review, "Sanction") if "added" in c.evidence[0].quote]
    assert listed and roles(listed[0], "imposedBy") == {"australia"}
    assert roles(listed[0], "targets") == {"russia"}


def test_a_named_plural_is_not_the_sides_met_before() -> None:
    """ "European and Kazakh officials agreed" names its sides; only a bare plural ("the
    two ministers") refers back to the last meeting."""
    review = extract(
        "China and Russia held talks in Moscow on Monday. EU and Kazakh officials agreed "
        "on Friday to fast-track joint projects."
    )
    for c in of_type(review, "Agreement"):
        assert "china" not in roles(c, "participant")
