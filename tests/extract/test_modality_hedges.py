"""Modality from the parse for hedges the first rules missed: one row per bug, each with
invented sentences of its class (none copied from the dev set). ``None``: no candidate of
the type is exported at all (hypothetical and denied events other than restrictive
measures are not extracted; a restrictive measure is, with that modality, when it is one of
its own: not a negated fact such as "has yet to impose")."""

from __future__ import annotations

import pytest

from tests.extract.test_event_roles import extract, of_type


def assert_mood(sentence: str, kind: str, mood: str | None) -> None:
    """``sentence`` gives a ``kind`` candidate of modality ``mood`` (None: no candidate)."""
    found = of_type(extract(sentence), kind)
    if mood is None:
        assert not found, [(c.modality, c.properties) for c in found]
        return
    assert found, f"no {kind}"
    assert (found[0].modality or "asserted") == mood


# sentence, type, modality of the exported candidate (None: no candidate)
HEDGES = [
    # a clausal complement of a verb of belief or forecast is not asserted
    ("Analysts expect China to tighten export controls on tungsten.", "ExportControl", "planned"),
    # (the nearest cue wins: "will" under "fear" reads as planned, still not asserted)
    ("Traders fear Vietnam will restrict exports of rare earths.", "ExportControl", "planned"),
    ("Brokers believe Jakarta bans bauxite exports next year.", "ExportControl", "hypothetical"),
    # "has yet to": not (yet) done
    ("Kazakhstan has yet to impose the tungsten export quota.", "ExportControl", None),
    ("Peru has yet to sign the copper agreement with Japan.", "Agreement", None),
    # an implicative verb of failure
    ("Australia and India failed to agree on a lithium deal.", "Agreement", None),
    # an adjective of likelihood governs the clause
    ("Britain is unlikely to impose a tariff on Chinese graphite.", "Tariff", "hypothetical"),
    ("Canada is likely to impose a tariff on Chinese graphite.", "Tariff", "hypothetical"),
    # deliberation is not imposition
    ("Canada is discussing a 20% tariff on Chinese graphite.", "Tariff", "proposed"),
    # the same clauses, asserted, are still extracted as asserted
    ("China imposed export controls on gallium and germanium.", "ExportControl", "asserted"),
    ("Canada imposed a 25% tariff on Chinese graphite, and nobody objected.", "Tariff", "asserted"),
    ("Officials said China tightened export controls on tungsten.", "ExportControl", "asserted"),
]


@pytest.mark.parametrize(("sentence", "kind", "mood"), HEDGES)
def test_hedged_events_are_not_asserted(sentence: str, kind: str, mood: str | None) -> None:
    assert_mood(sentence, kind, mood)


# a negative quantifier as the subject denies the clause (the first sentence gives the
# later one an imposer to inherit, as an article's earlier report would)
NEGATIVE_SUBJECTS = [
    '"Nobody in this ministry is discussing new duties on copper," the minister said on Friday.',
    '"No official here is discussing new duties on copper," the minister said on Friday.',
]


@pytest.mark.parametrize("sentence", NEGATIVE_SUBJECTS)
def test_a_negative_subject_denies_the_measure(sentence: str) -> None:
    earlier = "Peru imposed a 5% tariff on Chilean copper wire in 2023."
    tariffs = of_type(extract(f"{earlier} {sentence}"), "Tariff")
    assert [c.properties.get("rate") for c in tariffs] == [["5"]]


# sentence: a share figure in a forecast or denial is held (not exported), with its modality
HELD_CLAIMS = [
    ("Analysts say China could control 90% of rare earth refining by 2030.", "hypothetical"),
    ("Chile may supply 40% of the world's lithium by 2030, the agency said.", "hypothetical"),
]


@pytest.mark.parametrize(("sentence", "mood"), HELD_CLAIMS)
def test_hedged_claims_are_held_with_their_modality(sentence: str, mood: str) -> None:
    review = extract(sentence)
    assert not of_type(review, "Claim")
    held = [c for c in review.held if c.type == "Claim"]
    assert held and held[0].modality == mood


def test_an_asserted_share_claim_is_exported() -> None:
    review = extract("China refines about 90% of the world's rare earths, analysts said.")
    assert of_type(review, "Claim")
    assert not [c for c in review.held if c.type == "Claim"]


# a percentage of demand or consumption is not a share of production, reserves,
# processing, supply or imports (a must-not item of the fresh dev articles had this shape)
NOT_SHARE_CLAIMS = [
    "The mine is designed to produce 5,000 tonnes of cobalt a year, about 3% of global demand.",
    "The refinery will make 2,000 tonnes of lithium a year, some 2% of world consumption.",
]


@pytest.mark.parametrize("sentence", NOT_SHARE_CLAIMS)
def test_a_share_of_demand_is_not_a_share_claim(sentence: str) -> None:
    review = extract(sentence)
    assert not of_type(review, "Claim")
    assert not [c for c in review.held if c.type == "Claim"]


# clause cues above or beside the trigger's path (kg.extract.hedges): one class per row,
# invented sentences; None: no candidate of the type is exported
CLAUSE_CUES = [
    # the content of a report or rumour nobody confirms is hypothetical ...
    (
        "There are reports that Vietnam will stop rare earth exports to South Korea next month.",
        "ExportControl",
        "hypothetical",
    ),
    (
        "Reports that Jakarta will ban bauxite exports to China next year pushed aluminium"
        " prices higher.",
        "ExportControl",
        "hypothetical",
    ),
    # ... nor is what only "there were reports" of, or what "reportedly" happened, in any tense
    (
        "There were reports last week that Zambia offered Emirati investors a stake in its"
        " copper smelter.",
        "Proposal",
        None,
    ),
    (
        "QUESTION (radio reporter): There were reports that Japan offered to finance the"
        " second smelter.",
        "Proposal",
        None,
    ),
    (
        "Zambia has reportedly offered Emirati investors a stake in its copper smelter.",
        "Proposal",
        None,
    ),
    # ... a restrictive measure reported so is kept, hypothetical (kg.extract.measures)
    (
        "Indonesia has allegedly halted exports of nickel matte to Japan.",
        "ExportControl",
        "hypothetical",
    ),
    # ... the same offers, stated, are asserted
    (
        "Zambia has offered Emirati investors a stake in its copper smelter.",
        "Proposal",
        "asserted",
    ),
    # ... but a confirmed report is what it reports
    (
        "The ministry confirmed reports that Vietnam will stop rare earth exports to South"
        " Korea next month.",
        "ExportControl",
        "planned",
    ),
    # the subject of a scheduling predicate ("is due to take effect") is planned ...
    (
        "Washington's 25% tariff on Chinese graphite is due to take effect in 2026.",
        "Tariff",
        "planned",
    ),
    # ... and the same measure in force is asserted
    ("Washington's 25% tariff on Chinese graphite took effect in 2024.", "Tariff", "asserted"),
    # "is pleased to advise that": an indicative clause under "advise" is a fact, not advice
    (
        "The company is pleased to advise that Export Finance Australia has approved a A$50"
        " million loan for the Nolans project.",
        "SupportMeasure",
        "asserted",
    ),
    # a measure inside a report that someone denies is denied, not planned
    (
        "The ministry denied a press report that the government was preparing to impose"
        " export duties on nickel matte.",
        "Tariff",
        None,  # "the government" of no article: no imposer
    ),
    (
        "A broker's report that Jakarta planned a 10% export duty on nickel pig iron was"
        " rejected by the trade ministry.",
        "Tariff",
        "denied",
    ),
    # what a beneficiary applied for or sought is proposed, not granted
    (
        "Lithium Americas is counting on a loan of up to $900 million it has applied for from"
        " the U.S. Department of Energy.",
        "SupportMeasure",
        "proposed",
    ),
    # ... but a government that "applied" a tariff imposed it
    ("Canada has applied a 25% surtax on Chinese steel since 2024.", "Tariff", "asserted"),
    # a letter of interest or a conditional approval promises support: planned
    (
        "The Export-Import Bank of the United States issued a letter of interest for a loan of"
        " up to $300 million to Graphite One.",
        "SupportMeasure",
        "planned",
    ),
    # "said it would consider" a duty: under discussion, proposed
    (
        "Canada said it would consider a 20% tariff on Chinese graphite anodes.",
        "Tariff",
        "proposed",
    ),
    # an offer made on a condition is still made: kept, as hypothetical ...
    (
        "Vale has offered to build a nickel refinery in Sulawesi if Jakarta cuts the royalty.",
        "Proposal",
        "hypothetical",
    ),
    (
        "Rusal offered to start building a smelter in Guinea within a year if the government "
        "lifts the export block.",
        "Proposal",
        "hypothetical",
    ),
    ("Vale has offered to build a nickel refinery in Sulawesi.", "Proposal", "asserted"),
    # ... and a proposal whose trigger is the proposing verb itself was made
    (
        "Seoul said it had proposed to Hanoi's trade ministry a joint separation plant.",
        "Proposal",
        "asserted",
    ),
    (
        "Kazakhstan restricted exports of tungsten concentrate on Monday.",
        "ExportControl",
        "asserted",
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "mood"), CLAUSE_CUES)
def test_clause_cues_outrank_the_path(sentence: str, kind: str, mood: str | None) -> None:
    assert_mood(sentence, kind, mood)


# what a bill or draft would do is proposed; a report someone debunks or disputes is denied
DRAFTS = [
    (
        "The Senate committee voted on Wednesday to advance a bill that would let the Energy"
        " Department offer guaranteed minimum prices to producers of gallium.",
        "SupportMeasure",
    ),
    (
        "The ministry debunked reports that China imposed export controls on graphite.",
        "ExportControl",
    ),
    (
        "Officials disputed a report that Indonesia had imposed a ban on exports of bauxite.",
        "ExportControl",
    ),
    ("Jakarta disputed reports that it had banned nickel ore exports to China.", "ExportControl"),
]


@pytest.mark.parametrize(("sentence", "kind"), DRAFTS)
def test_drafts_and_debunked_reports_are_not_asserted(sentence: str, kind: str) -> None:
    found = of_type(extract(sentence), kind)
    assert all((c.modality or "asserted") != "asserted" for c in found), found


# a measure in the clause that a proposing or recommending verb takes is proposed, even
# when an earlier sentence gives it its imposer ("the restriction" in force is extended)
PROPOSED_CLAUSES = [
    (
        "Indonesia has banned exports of nickel ore since 2020. The energy ministry has"
        " proposed that the ban be extended to bauxite next year.",
        "ExportControl",
        "bauxite",
    ),
    (
        "India imposed a 5% duty on graphite imports in 2024. A parliamentary panel"
        " recommended that the government impose a 10% duty on imported graphite anodes.",
        "Tariff",
        "graphite",
    ),
]


@pytest.mark.parametrize(("text", "kind", "resource"), PROPOSED_CLAUSES)
def test_a_measure_a_verb_of_proposing_takes_is_not_asserted(
    text: str, kind: str, resource: str
) -> None:
    second = text.index(". ") + 2
    later = [
        c
        for c in of_type(extract(text), kind)
        if resource in c.properties.get("coversResource", [])
        and any(e.start >= second for e in c.evidence)
    ]
    assert all(c.modality == "proposed" for c in later), [(c.modality, c.properties) for c in later]
