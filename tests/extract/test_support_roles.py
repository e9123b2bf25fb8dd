"""Who gets a support measure, read from the parse (invented sentences, none from the dev
set): a named facility heading the beneficiary phrase, the amount the parse hangs "to X"
on, and "for" phrases that name the price or a facility the story's company runs rather
than a beneficiary.; and a stake a state offers to another side, which is an offer, not support.

Each FOUND row names a role of the sentence's SupportMeasure that must hold the values;
each OFFERS row a sentence that gives a Proposal and no SupportMeasure.
"""

from __future__ import annotations

import pytest

from tests.extract.test_event_roles import assert_role_found, extract, of_type

FOUND = [
    # a named project heading the phrase gets the money, not the owner named in it
    (
        "Andes Copper is a Chilean miner. The Japan Bank for International Cooperation "
        "approved a $200 million loan for Andes Copper's Cerro Azul project.",
        "beneficiary",
        {"cerro-azul-project"},
    ),
    # a named plant that receives a grant
    (
        "The Kasanka copper smelter received a $40 million grant from the Zambian government "
        "in May.",
        "beneficiary",
        {"kasanka-smelter"},
    ),
    # "a loan of <amount> to X": the parse hangs "to X" on the amount
    (
        "The Brazilian Development Bank approved a loan of 500 million reais to Sigma Lithium "
        "for a new plant.",
        "beneficiary",
        {"sigma-lithium"},
    ),
    # "for the refinery": a facility the story spoke of; its company gets the loan
    (
        "Kivu Lithium is building a refinery in Tanzania. The African Development Bank has "
        "signed a loan of $80 million for the refinery.",
        "beneficiary",
        {"kivu-lithium"},
    ),
    # "for a 10% stake" is what the money buys, not who gets it
    (
        "Nordic Graphite Inc. plans a new anode plant in Quebec. Investissement Québec will "
        "invest C$30 million for a 10% stake, the minister said.",
        "beneficiary",
        {"nordic-graphite"},
    ),
    # a facility "set aside" with an amount bound to it is support, like one "set up"
    (
        "The Nordic Investment Bank has set aside a €300 million facility for lithium refining.",
        "imposedBy",
        {"nordic-investment-bank"},
    ),
    # "subscribe for C$20 million of new shares": the amount, not a beneficiary
    (
        "Lakeshore Lithium said on Monday that the Export Development Canada will subscribe "
        "for C$20 million of new shares.",
        "beneficiary",
        {"lakeshore-lithium"},
    ),
]


@pytest.mark.parametrize(("body", "role", "wanted"), FOUND)
def test_support_role_found(body: str, role: str, wanted: set[str]) -> None:
    assert_role_found(body, "SupportMeasure", role, wanted)


OFFERS = [
    # a stake offered to another side is equity for it to buy, not support the state gives
    "Zambia has offered Saudi Arabia a 30% stake in the Kansanshi copper smelter.",
    "Uganda wants investors for its smelter. We have offered the United Arab Emirates a 49% "
    "stake in a new copper smelter at Kasese, the minister said.",
]


@pytest.mark.parametrize("body", OFFERS)
def test_offered_stake_is_a_proposal(body: str) -> None:
    review = extract(body)
    assert of_type(review, "Proposal")
    assert not of_type(review, "SupportMeasure"), [c.properties for c in review.candidates]


# sentence, the terms (amount, stake, priceFloor) of each SupportMeasure it gives
TERMS = [
    # equity bought and a price floor guaranteed by the same state: two measures
    (
        "The Pentagon agreed to buy $400 million of preferred stock in Hudson Magnets and "
        "to guarantee a price floor of $110 a kilogram for its oxide.",
        [{"amount"}, {"priceFloor"}],
    ),
    # the stake a participle says the investment gives spells that investment out: one
    (
        "The Canada Growth Fund agreed to invest C$40 million in Kootenay Metals, giving it "
        "an equity stake of about 19%.",
        [{"amount"}],
    ),
]


@pytest.mark.parametrize(("body", "terms"), TERMS)
def test_support_terms_one_measure_each(body: str, terms: list[set[str]]) -> None:
    found = of_type(extract(body), "SupportMeasure")
    got = sorted((set(c.properties) & {"amount", "stake", "priceFloor"} for c in found), key=sorted)
    assert got == sorted(terms, key=sorted), [c.properties for c in found]


NO_PROVIDER = [
    # support with stated terms whose provider the text does not state is not guessed from
    # the article's last authority (here the one that imposed a tariff), even when a place
    # is named
    "The United States imposed new tariffs on Chinese graphite in May. Separately, a grant of "
    "$20 million for the Kolwezi refinery in Lualaba province was confirmed on Monday.",
]


@pytest.mark.parametrize("body", NO_PROVIDER)
def test_support_needs_a_stated_provider(body: str) -> None:
    found = of_type(extract(body), "SupportMeasure")
    assert not found, [c.properties for c in found]
