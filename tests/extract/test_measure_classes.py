"""Classes of measure, support and share wording (invented sentences, none from the dev set).

Each FOUND row names the event type and a role that must hold the values; each NOT_FOUND
row names a type the sentence must not produce (a class of text that is not that event).
"""

from __future__ import annotations

import pytest

from kg.extract.quantities import quantities
from tests.extract.test_event_roles import assert_role_found, extract, extractor, of_type

FOUND = [
    # English fraction words as world shares
    (
        "Chile mines about two-thirds of the world's iodine, according to the survey.",
        "Claim",
        "quantity",
        {"66.7"},
    ),
    ("Peru supplies roughly a fifth of the world's copper.", "Claim", "quantity", {"20"}),
    ("China refines about half the world's cobalt.", "Claim", "quantity", {"50"}),
    # ISO 4217 codes written before the amount
    (
        "The Swedish Energy Agency has awarded the project a grant of SEK 200 million.",
        "SupportMeasure",
        "currency",
        {"SEK"},
    ),
    # a passive ban in what an authority confirmed; the EU is an authority (its bodies
    # answer to it) though the registry types it an organisation
    (
        "The European Union confirmed that imports of Russian nickel will be banned from March 1.",
        "ImportBan",
        "imposedBy",
        {"european-union"},
    ),
    # a fronted "in <country>," sets where the sentence's measures apply
    (
        "In Canada, Chinese electric vehicles have been shut out by surtaxes of 100%.",
        "Tariff",
        "imposedBy",
        {"canada"},
    ),
    # a relative clause the parse labels a participle modifier still names the imposer,
    # and its "to" phrase the target
    (
        "Steel mills complain about the anti-dumping duties that the Department of Commerce "
        "has applied since 2019 to Vietnamese steel.",
        "Tariff",
        "targets",
        {"vietnam"},
    ),
    # who passed a law imposes what the law bans
    (
        "Indonesia's parliament passed a law that bans exports of bauxite from 2027.",
        "ExportControl",
        "imposedBy",
        {"indonesia-parliament"},  # a legislature the text names is the imposer (dev gold)
    ),
    # a scheme's worth is its funding (a project's worth is not: see NOT_FOUND of the
    # trigger classes)
    (
        "Japan's cabinet approved a scheme worth 90 billion yen for gallium recycling.",
        "SupportMeasure",
        "amount",
        {"90000000000"},
    ),
    # a minister the registry does not know still acts for where the title holds
    (
        "Chile's Mining Minister Aurora Williams said on Monday that the royalty on copper "
        "concentrate would rise to 5% from July 1.",
        "Tariff",
        "imposedBy",
        {"chile"},
    ),
    # the same when the parse reads "[a fund] worth …" as a small clause after the verb
    (
        "Brazil's cabinet approved last week a fund worth 9 billion rupees for lithium refining.",
        "SupportMeasure",
        "imposedBy",
        {"brazil"},
    ),
    # a measure a request asks to lift, stated in force by its relative clause
    (
        "Colombia has asked the United States to exempt ferronickel from the 10% tariff "
        "Washington has charged on most Colombian goods since April 2025.",
        "Tariff",
        "targets",
        {"colombia"},
    ),
]


@pytest.mark.parametrize(("body", "kind", "role", "wanted"), FOUND)
def test_measure_class_found(body: str, kind: str, role: str, wanted: set[str]) -> None:
    assert_role_found(body, kind, role, wanted)


NOT_FOUND = [
    # fractions that are no share of a world total
    ("Output rose in the first half of 2025.", "Claim"),
    ("Prices have risen by about a third since the ban.", "Claim"),
    ("Exporters sell more than a third of their output to Japan.", "Claim"),
    # a stake a state holds is ownership, not support given
    ("The Zambian state holds a 20% stake in the copper miner.", "SupportMeasure"),
    # granting permission is not money
    ("The Energy Department has granted waivers to three utilities.", "SupportMeasure"),
    ("Licences have been granted to two lithium exporters since May.", "SupportMeasure"),
    # support one is asked for is not support given
    (
        "Kenya's president asked the United States to finance a $900 million railway to the port.",
        "SupportMeasure",
    ),
    # a measure the relative clause only foresees is not stated in force
    ("Chile asked Japan to spare its copper from the duties Tokyo would impose.", "Tariff"),
    # relief from a charge is not a charge
    ("The permit brings exemptions from customs duty on imported equipment.", "Tariff"),
]


@pytest.mark.parametrize(("body", "kind"), NOT_FOUND)
def test_measure_class_not_found(body: str, kind: str) -> None:
    found = of_type(extract(body), kind)
    assert not found, [c.properties for c in found]


def test_fraction_words_are_percentages() -> None:
    """ "two-thirds of the world's" is 66.7 %, "a fifth of global" 20 %; "the first half of"
    and a bare "third of" are ordinals, not shares."""
    ex = extractor()

    def shares(text: str) -> list[str]:
        doc = ex.nlp.nlp(text)
        matches = [(ex.nlp.vocab.strings[m], s, e) for m, s, e in ex.matcher(doc)]
        return [q.decimal for q in quantities(doc[:], matches) if q.unit == "%"]

    assert shares("It mines two-thirds of the world's iodine.") == ["66.7"]
    assert shares("It mines a fifth of global output.") == ["20"]
    assert shares("It rose in the first half of the world's trading year.") == []
    assert shares("It was the third of the world's largest.") == []


MOODS = [
    # what is done "under the proposal" or "under the bill" is proposed, not hypothetical
    (
        "Under the proposal, the Kuwait Investment Authority would hold a 25% stake in the "
        "cobalt refinery.",
        "SupportMeasure",
        "proposed",
    ),
    (
        "Under the bill, the Energy Department would offer guaranteed minimum prices to "
        "germanium producers.",
        "SupportMeasure",
        "proposed",
    ),
]


@pytest.mark.parametrize(("body", "kind", "mood"), MOODS)
def test_measure_class_modality(body: str, kind: str, mood: str) -> None:
    found = of_type(extract(body), kind)
    assert found, f"no {kind} in {body!r}"
    assert {c.modality for c in found} == {mood}


def test_a_measure_asked_away_that_its_relative_clause_states_is_asserted() -> None:
    """ "asked Japan to revoke the duties that Tokyo has applied since 2021": what the request
    asks is proposed, the duties it names are in force."""
    body = (
        "Peru asked Japan to revoke the duties that Tokyo has applied since 2021 to Peruvian "
        "copper."
    )
    found = of_type(extract(body), "Tariff")
    assert found and {c.modality or "asserted" for c in found} == {"asserted"}, found
