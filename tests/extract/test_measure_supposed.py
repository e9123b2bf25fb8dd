"""Restrictive measures only supposed, denied or asked for, and measure words the older
tables lack (invented sentences, none from the dev set).

A measure in a condition, a modal clause or a denied plan is kept with that modality (the
dev-set convention: gold with its modality); a question, the lifting of a measure in
force, a negated fact and a measure the article already reported are not new measures.
A measure one asks to be exempted from is in force; who is asked to impose a measure
would impose it; freezing permits halts trade; designating parties sanctions them.

Each FOUND row names the event type and a role that must hold the values; each MOODS row
the modality every candidate of the type must have; each NOT_FOUND row a type the text
must not produce.
"""

from __future__ import annotations

import pytest

from tests.extract.test_event_roles import assert_role_found, extract, of_type

FOUND = [
    # an extension only supposed reaches a new target: its own measure
    (
        "China banned exports of gallium to the United States in May. If Beijing extended its "
        "ban to Vietnam, prices would rise.",
        "ExportControl",
        "targets",
        {"vietnam"},
    ),
    # a denied intention names the measure it denies
    (
        "Brazil is not going to ban exports of lithium.",
        "ExportControl",
        "coversResource",
        {"lithium"},
    ),
    # an extension covers what it adds, not what the extended measure covered
    (
        "Congo capped cobalt exports in May. If Congo extended its cobalt export quotas to "
        "copper concentrate, prices would rise.",
        "ExportControl",
        "coversResource",
        {"copper"},
    ),
    # who is asked to impose a measure would impose it, not who asks
    (
        "Lithuania asked the European Union to impose sanctions on Belarus.",
        "Sanction",
        "imposedBy",
        {"european-union"},
    ),
    # the measure an exemption is asked from, named with its rate and imposer
    (
        "Chile asked the United States to exempt copper cathode from the 25% tariff "
        "Washington has charged since March.",
        "Tariff",
        "imposedBy",
        {"united-states"},
    ),
    # goods put under a permission regime
    (
        "Zambia put exports of cobalt hydroxide under prior authorisation in June.",
        "ExportControl",
        "coversResource",
        {"cobalt"},
    ),
    # a party the designated list names one of
    (
        "The US Treasury designated nine companies in May, including Alatoo Metal Trade LLC.",
        "Sanction",
        "targets",
        {"alatoo-metal-trade-llc"},
    ),
    # a product the registry names after a resource of the phrase: rare earths' magnets
    (
        "Beijing began licensing exports of seven heavy rare earths and the magnets made "
        "from them in April.",
        "ExportControl",
        "coversResource",
        {"rare-earth-elements", "rare-earth-magnets"},
    ),
    # freezing export permits halts the trade
    ("Zambia froze copper export licences on Monday.", "ExportControl", "imposedBy", {"zambia"}),
    # designating parties lists them for sanctions
    (
        "The US Treasury designated six Russian companies in May.",
        "Sanction",
        "imposedBy",
        {"us-treasury-department"},
    ),
]


@pytest.mark.parametrize(("body", "kind", "role", "wanted"), FOUND)
def test_measure_found(body: str, kind: str, role: str, wanted: set[str]) -> None:
    assert_role_found(body, kind, role, wanted)


MOODS = [
    (
        "China banned exports of gallium to the United States in May. If Beijing extended its "
        "ban to Vietnam, prices would rise.",
        "ExportControl",
        {"asserted", "hypothetical"},
    ),
    ("Brazil is not going to ban exports of lithium.", "ExportControl", {"denied"}),
    # the exemption is asked for; the tariff it is from is in force
    (
        "Chile asked the United States to exempt copper cathode from the 25% tariff "
        "Washington has charged since March.",
        "Tariff",
        {"asserted"},
    ),
]


@pytest.mark.parametrize(("body", "kind", "moods"), MOODS)
def test_measure_modality(body: str, kind: str, moods: set[str]) -> None:
    found = of_type(extract(body), kind)
    assert found, f"no {kind} in {body!r}"
    assert {c.modality or "asserted" for c in found} == moods


NOT_FOUND = [
    # a negated fact is no measure at all
    ("Seoul has not imposed duties on Chinese graphite.", "Tariff"),
    # considered and dropped: no measure at all
    ("Diplomats say Canada considered a ban on Russian steel but dropped it.", "ImportBan"),
    # a question supposes nothing
    ("Will Peru ban exports of copper concentrate?", "ExportControl"),
    # lifting a measure in force, as an offer's condition, is not a new measure
    (
        "Canada offered nickel to the United States if Washington lifts its tariffs on "
        "Canadian steel.",
        "Tariff",
    ),
    # what is put under a regime that is no permission restricts no trade
    ("The company put the Kabwe mine under care and maintenance in June.", "ExportControl"),
    # designating a status is not a sanction
    ("The European Commission designated the Keliber mine a Strategic Project.", "Sanction"),
    ("The government designated lithium as a strategic mineral in May.", "Sanction"),
]


@pytest.mark.parametrize(("body", "kind"), NOT_FOUND)
def test_measure_not_found(body: str, kind: str) -> None:
    found = of_type(extract(body), kind)
    assert not found, [(c.modality, c.properties) for c in found]


def test_an_extension_covers_only_what_it_adds() -> None:
    body = (
        "Congo capped cobalt exports in May. If Congo extended its cobalt export quotas to "
        "copper concentrate, prices would rise."
    )
    supposed = [c for c in of_type(extract(body), "ExportControl") if c.modality]
    assert [set(c.properties.get("coversResource", [])) for c in supposed] == [{"copper"}]
