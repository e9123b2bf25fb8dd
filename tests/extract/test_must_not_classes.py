"""Must-not classes on invented sentences (none from the dev set): stock, currency and price
moves, stakes, capacities, progress, targets, rates and grades are no share claims;
denied, hypothetical, dropped or lifted measures, private investment and offers that were
denied are not asserted events. The controls below each class are the asserted events they must not
swallow."""

from __future__ import annotations

import pytest

from tests.extract.test_event_roles import extract, of_type

# sentence, the type that must not come out asserted
MUST_NOT = [
    ("Shares of Pilbara Minerals climbed 7% in Sydney after the results.", "Claim"),
    ("MP Materials stock slid 5.2% on Friday.", "Claim"),
    ("The Australian dollar rose 0.6% against the greenback.", "Claim"),
    ("Cobalt prices have fallen 35% this year on oversupply from Congo.", "Claim"),
    ("Lithium carbonate futures in Guangzhou gained 4.5% on Tuesday.", "Claim"),
    ("Glencore owns a 75% stake in the Kamoto mine.", "Claim"),
    ("The state fund will hold 34% of the new company.", "Claim"),
    ("The refinery will be able to process 20,000 tonnes of concentrate a year.", "Claim"),
    ("The project is 60% complete, the company said.", "Claim"),
    ("Exports of cobalt hydroxide fell 28% in March from a year earlier.", "Claim"),
    ("The government aims to raise the share of domestic processing to 40% by 2030.", "Claim"),
    ("The royalty rate will rise to 10% from 8% next year.", "Claim"),
    ("Ore grades at the mine average 1.8% nickel.", "Claim"),
    ("The ministry denied reports that it planned to ban exports of bauxite.", "ExportControl"),
    ("Officials said there were no plans to restrict exports of tin.", "ExportControl"),
    (
        "Jakarta has not imposed any new export duty on nickel pig iron, the minister said.",
        "Tariff",
    ),
    (
        "If Beijing restricted shipments of graphite, Korean anode makers would run short within "
        "weeks.",
        "ExportControl",
    ),
    ("Analysts said a tariff on Russian palladium could follow later this year.", "Tariff"),
    ("The EU considered a ban on Russian nickel but dropped it from the package.", "ImportBan"),
    ("Washington lifted sanctions on the Belarusian potash producer on Thursday.", "Sanction"),
    ("The United States removed the company from its sanctions list last week.", "Sanction"),
    ("Kazakhstan rejected claims that it would halt uranium exports to Europe.", "ExportControl"),
    (
        "A ban on cobalt exports is not on the table, the mines minister told reporters.",
        "ExportControl",
    ),
    (
        "Any export restrictions would need the approval of parliament, which has not voted.",
        "ExportControl",
    ),
    ("The company plans to invest $400 million in a new smelter.", "SupportMeasure"),
    ("Rio Tinto will spend $2.5 billion on the Jadar lithium project.", "SupportMeasure"),
    ("Investors poured $1 billion into battery-metals start-ups last year.", "SupportMeasure"),
    ("The two countries did not sign any agreement during the visit.", "Agreement"),
    ("No meeting between the ministers has been scheduled.", "Meeting"),
    # talks as a process are no meeting held: the setting of an offer, ongoing, proposed
    (
        "In talks in Geneva last week, Beijing offered Brussels faster licences for gallium.",
        "Meeting",
    ),
    (
        "Vietnam has offered Japan a stake in the Dong Pao mine, and talks are continuing.",
        "Meeting",
    ),
    (
        "Washington has asked Beijing to lift its ban on gallium exports and proposed talks with"
        " China on export controls.",
        "Meeting",
    ),
    ("Talks on a minerals deal broke down without agreement.", "Agreement"),
    ("The minister rejected an offer from the Chinese group to buy the mine.", "Proposal"),
    ("Vale denied that it had offered to sell its nickel unit to a Saudi fund.", "Proposal"),
]
# asserted events of the same classes that must still come out asserted
CONTROLS = [
    ("China produces about 98% of the world's primary gallium, according to the USGS.", "Claim"),
    ("Chile holds about 36% of the world's lithium reserves, the USGS estimates.", "Claim"),
    (
        "China banned exports of gallium and germanium to the United States on Tuesday.",
        "ExportControl",
    ),
    ("Vale offered to sell its nickel unit to a Saudi fund on Monday.", "Proposal"),
    ("Washington imposed sanctions on the Russian metals producer on Thursday.", "Sanction"),
    (
        "Chinese Vice Premier He Lifeng held talks with U.S. Treasury Secretary Scott Bessent in"
        " Geneva on Monday.",
        "Meeting",
    ),
    (
        "After talks with Japanese Prime Minister Fumio Kishida in Tokyo on Monday, Australian"
        " Prime Minister Anthony Albanese said the two would cooperate on critical minerals.",
        "Meeting",
    ),
]


def _asserted(sentence: str, kind: str) -> list[object]:
    found = of_type(extract(sentence), kind)
    return [c.properties for c in found if (c.modality or "asserted") == "asserted"]


@pytest.mark.parametrize(("sentence", "kind"), MUST_NOT)
def test_must_not_class_is_not_an_asserted_event(sentence: str, kind: str) -> None:
    assert _asserted(sentence, kind) == []


@pytest.mark.parametrize(("sentence", "kind"), CONTROLS)
def test_asserted_event_of_the_same_class_stays(sentence: str, kind: str) -> None:
    assert _asserted(sentence, kind)
