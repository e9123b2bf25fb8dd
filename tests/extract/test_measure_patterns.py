"""Measure shapes read from the parse (invented sentences, none from the dev set): charges
goods bear, caps, licensing requirements, support given through budgets, equity and tax
relief, and the resources a measure's phrase lists.

Each FOUND row names the event type and a role that must hold the values; each NOT_FOUND
row names a type the sentence must not produce; each VALUE_NOT row a value a role must not
hold.
"""

from __future__ import annotations

import pytest

from tests.extract.test_event_roles import assert_role_found, extract, of_type, roles

FOUND = [
    # a charge of a stated rate that goods "carry" or "attract" is in force; the imposer is
    # the authority the article speaks of
    (
        "Zambia exports copper. Since March, copper concentrate shipped abroad has carried "
        "a levy of 10% of its value.",
        "Tariff",
        "imposedBy",
        {"zambia"},
    ),
    (
        "Zambia exports copper. Since March, copper concentrate shipped abroad has carried "
        "a levy of 10% of its value.",
        "Tariff",
        "rate",
        {"10"},
    ),
    # facing a definite tariff with its rate and imposer states it, not a reference back
    (
        "Shipments to Canada currently face the 25% tariff Washington has applied to most "
        "Canadian steel since May.",
        "Tariff",
        "imposedBy",
        {"united-states"},
    ),
    # a name before a past-tense cap verb the parser reads as an adverbial noun
    (
        "Jakarta capped nickel ore exports at 2 million tonnes for next year.",
        "ExportControl",
        "imposedBy",
        {"indonesia"},
    ),
    (
        "Jakarta capped nickel ore exports at 2 million tonnes for next year.",
        "ExportControl",
        "coversResource",
        {"nickel"},
    ),
    # who receives equity (warrants, a stake) supports the firm it is in
    (
        "The Department of Energy will receive warrants for a 10% stake in Lithium Americas.",
        "SupportMeasure",
        "imposedBy",
        {"us-department-of-energy"},
    ),
    (
        "The Department of Energy will receive warrants for a 10% stake in Lithium Americas.",
        "SupportMeasure",
        "beneficiary",
        {"lithium-americas"},
    ),
    # money received in the budget is the state's; the subject receives it
    (
        "Chile backs its miners. Codelco received 90 million dollars in this year's national "
        "budget for lithium exploration.",
        "SupportMeasure",
        "imposedBy",
        {"chile"},
    ),
    (
        "Chile backs its miners. Codelco received 90 million dollars in this year's national "
        "budget for lithium exploration.",
        "SupportMeasure",
        "beneficiary",
        {"codelco"},
    ),
    # tax relief nouns besides "tax credit"
    (
        "Lynas Rare Earths received a ten-year investment tax allowance from the Malaysian "
        "government.",
        "SupportMeasure",
        "beneficiary",
        {"lynas-rare-earths"},
    ),
    # the lender of a loan named in a relative clause ("a loan the bank agreed")
    (
        "Rio Tinto signed a $500 million loan that the Export-Import Bank of the United "
        "States approved in May.",
        "SupportMeasure",
        "imposedBy",
        {"export-import-bank-of-the-united-states"},
    ),
    # withdrawing permission to export halts the trade; lifting a control does not impose one
    (
        "Zimbabwe revoked export permits for lithium concentrate on Monday.",
        "ExportControl",
        "imposedBy",
        {"zimbabwe"},
    ),
    # traders obliged to get permission to export: their own state requires it
    (
        "Indonesian smelters need licences to export nickel pig iron.",
        "ExportControl",
        "imposedBy",
        {"indonesia"},
    ),
    # a plural noun that ends the name of one resource the article named is that resource
    (
        "Rare-earth magnets drive electric motors. Beijing required licences for seven heavy "
        "rare earths and related magnets in April.",
        "ExportControl",
        "coversResource",
        {"rare-earth-elements", "rare-earth-magnets"},
    ),
    # a coordinated preposition the parse hangs on the verb still lists what is covered
    (
        "Rare-earth magnets drive electric motors. China has required export licences for "
        "heavy rare earths, including dysprosium and terbium, and for magnets containing "
        "them since April.",
        "ExportControl",
        "coversResource",
        {"dysprosium", "terbium", "rare-earth-magnets"},
    ),
    # a charge on shipments that names no resource is on the article's resource
    (
        "Argentina produces lithium in Salta. Producers currently pay a 4.5% duty on "
        "shipments, the ministry said.",
        "Tariff",
        "coversResource",
        {"lithium"},
    ),
]


@pytest.mark.parametrize(("body", "kind", "role", "wanted"), FOUND)
def test_measure_pattern_found(body: str, kind: str, role: str, wanted: set[str]) -> None:
    assert_role_found(body, kind, role, wanted)


NOT_FOUND = [
    # a charge borne with no rate and no authority anywhere is no stated measure
    ("Copper concentrate has carried a levy for years.", "Tariff"),
    # applying for a licence is no obligation a state imposed
    ("Chinese buyers applied for licences to import nickel from Russia.", "ImportBan"),
    # asking to lift a measure only referred to states none
    ("Chile asked Washington to scrap the duties.", "Tariff"),
    # suspending a control the reader knows lifts it, it imposes nothing
    ("China will suspend the export controls on gallium.", "ExportControl"),
    # a name before a participle that is not a cap on trade
    ("Jakarta capped a week of gains.", "ExportControl"),
    # receiving shares a company sells is commerce between companies
    ("Glencore received a 10% stake in a lithium explorer from Rio Tinto.", "SupportMeasure"),
]


@pytest.mark.parametrize(("body", "kind"), NOT_FOUND)
def test_measure_pattern_not_found(body: str, kind: str) -> None:
    found = of_type(extract(body), kind)
    assert not found, [c.properties for c in found]


VALUE_NOT = [
    # easing the terms of a loan does not lift the loan
    (
        "The Department of Energy eased the terms of a $2 billion loan it agreed with "
        "Lithium Americas last year.",
        "SupportMeasure",
        "status",
        "https://w3id.org/cmkg/ontology#Lifted",
    ),
    # a duty on other goods is not on the article's resource
    (
        "Argentina produces lithium in Salta. Argentina imposed a 35% duty on imported cars.",
        "Tariff",
        "coversResource",
        "lithium",
    ),
]


MOODS = [
    # lifting only asked for leaves in force a measure its own phrase states
    (
        "Chile asked Washington to scrap the anti-dumping duties that the Department of "
        "Commerce has imposed since 2022 on Chilean copper rod.",
        "Tariff",
        "asserted",
    ),
]


@pytest.mark.parametrize(("body", "kind", "mood"), MOODS)
def test_measure_pattern_modality(body: str, kind: str, mood: str) -> None:
    found = of_type(extract(body), kind)
    assert found, f"no {kind} in {body!r}"
    assert {c.modality or "asserted" for c in found} == {mood}


@pytest.mark.parametrize(("body", "kind", "role", "value"), VALUE_NOT)
def test_measure_pattern_value_not(body: str, kind: str, role: str, value: str) -> None:
    for candidate in of_type(extract(body), kind):
        assert value not in roles(candidate, role), candidate.properties
