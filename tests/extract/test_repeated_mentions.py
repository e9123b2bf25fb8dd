"""A measure, support measure, claim or dependency named again later in an article is one
candidate with the evidence of each mention (kg.extract.mentions), unless something tells
the mentions apart.

Every sentence is invented for the test (none is copied from the dev set).
"""

from __future__ import annotations

import pytest

from kg.corpus.review import Candidate, Evidence
from kg.extract.mentions import merge_repeated, same_event
from tests.extract.test_event_roles import extract, of_type


def _candidate(
    cid: str, kind: str, sentence: int, modality: str | None = None, **props: list[str]
) -> Candidate:
    evidence = Evidence(sentence * 100, sentence * 100 + 90, f"sentence {sentence}", sentence)
    return Candidate(cid, kind, [evidence], properties=dict(props), modality=modality)


DUTY = {"imposedBy": ["vietnam"], "coversResource": ["tungsten"]}

SAME = [
    (_candidate("a", "Tariff", 1, **DUTY), _candidate("b", "Tariff", 3, **DUTY, rate=["20"])),
    (
        _candidate("a", "ExportControl", 0, imposedBy=["china"]),
        _candidate("b", "ExportControl", 2, imposedBy=["china"], coversResource=["graphite"]),
    ),
    (
        _candidate("a", "SupportMeasure", 1, imposedBy=["efa"], amount=["30000000"]),
        _candidate("b", "SupportMeasure", 4, imposedBy=["efa"], amount=["30000000"]),
    ),
    (
        _candidate("a", "Sanction", 1, imposedBy=["uk"], targets=["acme"]),
        _candidate("b", "Sanction", 2, imposedBy=["uk"], targets=["acme", "russia"]),
    ),
]
APART = [
    # one sentence: the frame builders kept two frames apart
    (_candidate("a", "Tariff", 1, **DUTY), _candidate("b", "Tariff", 1, **DUTY, rate=["20"])),
    (
        _candidate("a", "Dependency", 1, dependent=["japan"], dependsOn=["china"]),
        _candidate("b", "Dependency", 1, dependent=["japan"], dependsOn=["chile"]),
    ),
    (
        _candidate("a", "Sanction", 1, imposedBy=["us"], targets=["rusal"]),
        _candidate("b", "Sanction", 1, imposedBy=["us"], targets=["rusal"], status=["Lifted"]),
    ),
    # other resources, other rates, other modality, other status, other imposer
    (
        _candidate("a", "ExportControl", 1, imposedBy=["china"], coversResource=["gallium"]),
        _candidate("b", "ExportControl", 2, imposedBy=["china"], coversResource=["graphite"]),
    ),
    (
        _candidate("a", "Tariff", 1, **DUTY, rate=["10"]),
        _candidate("b", "Tariff", 2, **DUTY, rate=["20"]),
    ),
    (_candidate("a", "Tariff", 1, **DUTY), _candidate("b", "Tariff", 2, "planned", **DUTY)),
    (
        _candidate("a", "Sanction", 1, imposedBy=["us"], targets=["russia"]),
        _candidate("b", "Sanction", 2, imposedBy=["us"], targets=["russia"], status=["Lifted"]),
    ),
    (
        _candidate("a", "Tariff", 1, imposedBy=["us"]),
        _candidate("b", "Tariff", 2, imposedBy=["eu"]),
    ),
    # targets that neither contains
    (
        _candidate("a", "Tariff", 1, imposedBy=["us"], targets=["china"]),
        _candidate("b", "Tariff", 2, imposedBy=["us"], targets=["canada"]),
    ),
    # a price floor with no figure and a stake of one provider: two support measures
    (
        _candidate("a", "SupportMeasure", 1, imposedBy=["dod"], beneficiary=["mp"]),
        _candidate("b", "SupportMeasure", 2, imposedBy=["dod"], beneficiary=["mp"], stake=["15"]),
    ),
    # proposals and roles have their own identity rules
    (
        _candidate("a", "Proposal", 1, proposedBy=["kazakhstan"]),
        _candidate("b", "Proposal", 2, proposedBy=["kazakhstan"]),
    ),
]


@pytest.mark.parametrize(("first", "later"), SAME)
def test_a_repeated_mention_joins_the_first(first: Candidate, later: Candidate) -> None:
    assert same_event(first, later)
    merged = merge_repeated([first, later])
    assert [c.id for c in merged] == ["a"]
    assert [e.sentence for e in merged[0].evidence] == [
        first.evidence[0].sentence,
        later.evidence[0].sentence,
    ]
    for name, values in later.properties.items():  # the later mention's roles are kept
        assert set(values) <= set(merged[0].properties[name])


@pytest.mark.parametrize(("first", "later"), APART)
def test_mentions_told_apart_stay_two(first: Candidate, later: Candidate) -> None:
    assert not same_event(first, later)
    assert [c.id for c in merge_repeated([first, later])] == ["a", "b"]


# one sentence, two builders, the same figures and roles (one naming more): one candidate
ONE_SENTENCE_SAME = [
    (
        _candidate("a", "Dependency", 1, dependent=["korea"], dependsOn=["china"]),
        _candidate("b", "Dependency", 1, dependent=["korea"], dependsOn=["china"]),
    ),
    (_candidate("a", "Tariff", 2, **DUTY), _candidate("b", "Tariff", 2, **DUTY)),
    (
        _candidate("a", "Dependency", 1, dependent=["turkey"], dependsOn=["morocco"]),
        _candidate("b", "Dependency", 1, dependent=["turkey"], dependsOn=["morocco", "egypt"]),
    ),
]


@pytest.mark.parametrize(("first", "later"), ONE_SENTENCE_SAME)
def test_one_sentence_read_twice_is_one_candidate(first: Candidate, later: Candidate) -> None:
    assert same_event(first, later)
    merged = merge_repeated([first, later])
    assert [c.id for c in merged] == ["a"]
    assert len(merged[0].evidence) == 1


def test_a_condition_names_the_kept_candidate() -> None:
    first = _candidate("a", "Tariff", 1, **DUTY)
    later = _candidate("b", "Tariff", 3, **DUTY)
    offer = _candidate("p", "Proposal", 4, proposedBy=["korea"], conditionOnMeasure=["b"])
    merged = merge_repeated([first, later, offer])
    assert merged[-1].properties["conditionOnMeasure"] == ["a"]


# body: a measure named in a market recap and then stated is one candidate
REPEATED = [
    (
        "Tungsten prices rose for a third week after Vietnam doubled its export duty on "
        "tungsten concentrate. Hanoi raised the duty on tungsten concentrate to 20% from "
        "10% in May.",
        "Tariff",
    ),
    (
        "Nickel premiums climbed as Indonesia's higher royalties on nickel ore took effect on "
        "Monday. Under the new regulation, Indonesia raised the royalty on nickel ore to 14%.",
        "Tariff",
    ),
]
# body: two measures of one imposer on different resources stay two
DISTINCT = [
    (
        "China restricted exports of gallium in 2023. China also restricted exports of "
        "graphite in December.",
        "ExportControl",
    ),
]


# a share of imports from a supplier: one dependency, however many rules read it
IMPORT_SHARES = [
    "Korea imports about 80% of its tungsten concentrate from China.",
    "Germany buys roughly 60% of its lithium hydroxide from Chile, customs data show.",
    "Poland imports nearly 75% of its cobalt from the Democratic Republic of the Congo.",
]


@pytest.mark.parametrize("body", IMPORT_SHARES)
def test_an_import_share_is_one_dependency(body: str) -> None:
    found = of_type(extract(body), "Dependency")
    assert len(found) == 1, [c.properties for c in found]


@pytest.mark.parametrize(("body", "kind"), REPEATED)
def test_a_measure_named_again_is_one_candidate(body: str, kind: str) -> None:
    found = of_type(extract(body), kind)
    assert len(found) == 1, [c.properties for c in found]
    assert len(found[0].evidence) == 2


@pytest.mark.parametrize(("body", "kind"), DISTINCT)
def test_two_measures_of_one_imposer_stay_two(body: str, kind: str) -> None:
    assert len(of_type(extract(body), kind)) == 2
