"""Hedged, market-move and idiomatic sentences state no event: invented sentences of the
kinds real news carries around the facts (none copied from the dev set). Each must give no
asserted event candidate; the asserted controls below them must still give one, so the
check can fail."""

from __future__ import annotations

import pytest

from tests.extract.test_event_roles import extract

ENTITY_TYPES = {
    "Person",
    "Organization",
    "Company",
    "GovernmentBody",
    "Country",
    "Place",
    "Region",
    "Project",
    "Resource",
    "Role",
}

NOTHING = [
    # price, share and stock moves
    "Shares of Lynas Rare Earths rose 12% in Sydney after the announcement.",
    "Lithium carbonate prices in China fell 4% this week on weak demand from battery makers.",
    "Cobalt hydroxide payables slipped to 58% of the metal price.",
    "Copper futures on the LME gained 2.1% to $9,800 a tonne.",
    "The company's stock jumped 53% after it won the contract.",
    # conditions, forecasts, speculation, questions
    "The tariff could rise to 50% if talks with Beijing fail, analysts said.",
    "Traders speculated that Indonesia might ban nickel ore exports again.",
    "Investors fear China could restrict exports of rare-earth magnets to the United States.",
    "If Washington lifts its sanctions on Rusal, aluminium prices would fall.",
    "Whether Beijing will extend the gallium ban remains unclear.",
    "Market participants said a ban on tungsten exports was unlikely before the election.",
    # negations and refusals
    "A ban on Russian nickel is not on the table, the EU's trade commissioner said.",
    "Canada has not ruled out tariffs on Chinese graphite.",
    "No decision has been made on a price floor for rare earth oxides.",
    # "offers" with nothing offered to anyone
    "Japan offers a useful lesson in stockpiling.",
    "The report offers a glimpse of how China controls graphite processing.",
    "Chile's experience offers a warning to Argentina.",
    # a measure lifted is no longer in force (held for a curator)
    "The United States lifted sanctions on Rusal on Friday.",
    # a state of negotiation is neither a meeting nor a deal
    "Vietnam is in talks with Japan on a rare earth refinery.",
    "Kazakhstan and the European Union are still negotiating a raw materials partnership.",
    # an agreement to keep talking is not a deal
    "Brazil and Japan agreed to continue talks on a niobium supply pact.",
    "The two governments agreed to negotiate a lithium partnership next year.",
    # a ban on an activity at home restricts no trade
    "Panama banned copper mining in 2023.",
    "Norway imposed a moratorium on seabed exploration.",
]


def asserted_events(sentence: str) -> list[tuple[str, str]]:
    review = extract(sentence)
    return [
        (c.type, c.label)
        for c in review.candidates
        if c.type not in ENTITY_TYPES and (c.modality or "asserted") == "asserted"
    ]


@pytest.mark.parametrize("sentence", NOTHING)
def test_no_asserted_event(sentence: str) -> None:
    assert asserted_events(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Kazakhstan offered American buyers long-term supply of tungsten.", "Proposal"),
        ("Indonesia banned exports of nickel ore in 2020.", "ExportControl"),
        ("Canada imposed a 25% tariff on Chinese graphite on Monday.", "Tariff"),
        ("The United States imposed sanctions on Rusal on Friday.", "Sanction"),
        ("Vietnam and Japan signed a rare earth agreement on Monday.", "Agreement"),
        ("Brazil and Japan agreed a niobium supply pact on Monday.", "Agreement"),
        ("Panama banned exports of copper concentrate in 2023.", "ExportControl"),
    ],
)
def test_asserted_controls_are_read(sentence: str, kind: str) -> None:
    assert kind in {t for t, _ in asserted_events(sentence)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Vietnam offered Japan access to its rare earth deposits in exchange for lower tariffs"
        " on Vietnamese goods.",
        "Minsk offered American buyers direct potash contracts in return for the lifting of"
        " sanctions on Belaruskali.",
    ],
)
def test_a_measure_asked_in_return_is_the_proposal_condition(sentence: str) -> None:
    """The measure a proposal asks to change is its condition, not a measure reported."""
    found = asserted_events(sentence)
    assert "Proposal" in {t for t, _ in found}
    assert not {t for t, _ in found} & {"Tariff", "Sanction"}, found


def test_a_measure_in_force_asked_away_stays() -> None:
    """Regression: the tariff a proposal wants cut, stated with its rate and start, is the
    measure in force (the conflict needs it)."""
    found = asserted_events(
        "Vietnam has offered the United States access to its rare earths in exchange for a cut"
        " in the 20% tariff on Vietnamese goods that took effect on Aug. 7."
    )
    assert {"Proposal", "Tariff"} <= {t for t, _ in found}, found


def test_an_offer_to_someone_unnamed_is_still_a_proposal() -> None:
    """Regression: "offer X to investors" offers something to someone, even unnamed."""
    review = extract(
        "Mining Minister Aurora Williams said Chile would offer other deposits to investors"
        " through new tenders later this year."
    )
    assert any(c.type == "Proposal" for c in review.candidates), review.held


def test_an_import_share_is_the_dependency_not_also_a_claim() -> None:
    review = extract("Japan imports about 80% of its graphite from China.")
    types = [c.type for c in review.candidates]
    assert "Dependency" in types
    assert "Claim" not in types
    review = extract("More than 70 percent of our cobalt imports come from Congo, he said.")
    assert "Claim" not in [c.type for c in review.candidates]
    # a share of world supply stays a claim
    review = extract("China supplies about 80% of the world's graphite.")
    assert "Claim" in [c.type for c in review.candidates]
