"""Candidates the confidence step holds back for a curator, by class (not by sentence).

Every sentence is invented for the test (none is copied from the dev set).
"""

from __future__ import annotations

import pytest

from tests.extract.test_event_roles import extract, of_type

# body: a stake held is ownership; a stake taken or bought is support
STAKE_HELD = [
    "The Chilean state holds a 25% stake in Minera Andina.",
    "Codelco, which owns a 30% stake in the mine, said output rose.",
]
STAKE_TAKEN = [
    "JOGMEC will take a 15% stake in Lynas Rare Earths.",
    "The Qatar Investment Authority agreed to buy a 15% equity stake in Kalunga Cobalt.",
]


@pytest.mark.parametrize("body", STAKE_HELD)
def test_a_stake_held_is_not_support(body: str) -> None:
    assert not of_type(extract(body), "SupportMeasure")


@pytest.mark.parametrize("body", STAKE_TAKEN)
def test_a_stake_taken_is_support(body: str) -> None:
    assert of_type(extract(body), "SupportMeasure")


# body: a sales contract is no support measure; a loan agreement is
# (companies the registry does not know: its known companies are dropped earlier)
SALES_CONTRACT = [
    "Andes Grafito has also signed a binding offtake agreement with Nordkathode GmbH, a "
    "German cathode maker, for 40% of the plant's graphite output.",
    "Under the offtake agreement, Ege Bakır will buy the copper concentrate at LME prices "
    "less treatment charges.",
]
LOAN_AGREEMENT = [
    "Vulcan Energy has signed a loan agreement of EUR 300 million with the European "
    "Investment Bank to build its lithium plant.",
]


@pytest.mark.parametrize("body", SALES_CONTRACT)
def test_a_sales_contract_is_not_support(body: str) -> None:
    review = extract(body)
    assert not of_type(review, "SupportMeasure")
    assert any(c.type == "SupportMeasure" for c in review.held)


@pytest.mark.parametrize("body", LOAN_AGREEMENT)
def test_a_loan_agreement_is_support(body: str) -> None:
    assert of_type(extract(body), "SupportMeasure")


# body: a share of one named country's total is no market-share claim; of the world's it is
SHARE_OF_A_NAMED_WHOLE = [
    "The Atacama region holds 85% of Chile's lithium reserves, the ministry said.",
    # one plant's or mine's output, named by a common noun
    "Andes Grafito has also signed a binding offtake agreement with Nordkathode GmbH for 60% "
    "of the refinery's lithium hydroxide output over eight years.",
    "Codelco said it would sell 40% of the mine's copper concentrate output to Japanese "
    "smelters, according to the company.",
]
SHARE_OF_THE_WORLD = [
    "Chile holds about 36% of the world's known lithium reserves.",
    "Peru accounted for about 11% of global mine output last year.",
    "China controls about 60% of the market's refined cobalt supply.",
]


@pytest.mark.parametrize("body", SHARE_OF_A_NAMED_WHOLE)
def test_a_share_of_a_named_whole_is_not_a_claim(body: str) -> None:
    review = extract(body)
    assert not of_type(review, "Claim")
    assert any(c.type == "Claim" for c in review.held)


@pytest.mark.parametrize("body", SHARE_OF_THE_WORLD)
def test_a_share_of_the_world_is_a_claim(body: str) -> None:
    assert of_type(extract(body), "Claim")


# body: a visit to a place names where someone went, not a meeting of named sides
VISIT_TO_A_PLACE = [
    "Peru's energy minister visited Beijing last week.",
    "Glencore pitched a joint smelter to the Zambian government during a visit to Lusaka last "
    "month, two officials said.",
]
VISIT_WITH_A_MEETING = [
    "Chile's mining minister visited Tokyo on Monday to meet Japanese Prime Minister Shigeru "
    "Ishiba.",
    "Chilean President Gabriel Boric visited Japan on Monday and met Prime Minister Shigeru "
    "Ishiba.",
]


@pytest.mark.parametrize("body", VISIT_TO_A_PLACE)
def test_a_visit_to_a_place_is_not_a_meeting(body: str) -> None:
    review = extract(body)
    assert not of_type(review, "Meeting")
    assert any(c.type == "Meeting" for c in review.held)


@pytest.mark.parametrize("body", VISIT_WITH_A_MEETING)
def test_a_visit_with_a_meeting_is_a_meeting(body: str) -> None:
    assert of_type(extract(body), "Meeting")


# body: a plural "agreements" sums up several agreements and is none of them
SEVERAL_AGREEMENTS = [
    "Glencore and Codelco announced two agreements covering copper supply on Monday.",
    "Kalunga Cobalt Inc. is pleased to announce financing and commercial agreements with "
    "Glencore for its cobalt refinery.",
    "Serra Cobre today announced three agreements with Glencore that together fund most of its "
    "copper plant.",
]
ONE_AGREEMENT = [
    "Codelco signed an agreement with Glencore on copper supply on Monday.",
]


@pytest.mark.parametrize("body", SEVERAL_AGREEMENTS)
def test_several_agreements_are_not_one(body: str) -> None:
    review = extract(body)
    assert not of_type(review, "Agreement")
    assert any(c.type == "Agreement" for c in review.held)


@pytest.mark.parametrize("body", ONE_AGREEMENT)
def test_one_agreement_is_an_agreement(body: str) -> None:
    assert of_type(extract(body), "Agreement")


# body: an export licence one side asks another to grant is the asker's request (a
# Proposal), not an export control; the licences a government requires are one
REQUESTED_PERMIT = [
    "Peru's trade ministry has asked Beijing to issue general licences for gallium exports.",
    "Tanzania's mines ministry has asked China to approve a technology export licence for a "
    "graphite anode plant.",
]
REQUIRED_PERMIT = [
    "China began requiring export licences for gallium and germanium in August.",
]


@pytest.mark.parametrize("body", REQUESTED_PERMIT)
def test_a_permit_asked_for_is_not_an_export_control(body: str) -> None:
    review = extract(body)
    assert not of_type(review, "ExportControl")
    assert of_type(review, "Proposal")


@pytest.mark.parametrize("body", REQUIRED_PERMIT)
def test_a_permit_required_is_an_export_control(body: str) -> None:
    assert of_type(extract(body), "ExportControl")


# body: a reliance someone reduces is an aim, not a dependence; one the sentence states is
REDUCED_RELIANCE = [
    "Seoul's purchase is the government's latest move to reduce reliance on Chinese graphite.",
    "Korean officials say Seoul is trying to reduce dependence on China for rare earths.",
]
STATED_RELIANCE = [
    "Poland has cut its reliance on Russian nickel since 2022, but it still relies on Russia "
    "for roughly half of its supply.",
    "Korea's dependence on China for graphite is around 90 percent, officials said.",
]


@pytest.mark.parametrize("body", REDUCED_RELIANCE)
def test_a_reliance_reduced_is_not_a_dependency(body: str) -> None:
    review = extract(body)
    assert not of_type(review, "Dependency")
    assert any(c.type == "Dependency" for c in review.held)


@pytest.mark.parametrize("body", STATED_RELIANCE)
def test_a_reliance_stated_is_a_dependency(body: str) -> None:
    assert of_type(extract(body), "Dependency")
