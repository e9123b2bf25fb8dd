"""Event roles, mentions and modality read from the parse: one table per mechanism.

Every sentence here is invented for the test (none is copied from the dev set), so the
tables check the mechanism, not a phrasing the rules were tuned on. Each article starts
with a headline line because headlines give no events.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from kg.corpus.review import Candidate, ReviewFile
from kg.extract.events import one_per_mention
from kg.extract.gazetteer import load_registry
from kg.extract.pipeline import Extractor, extract_article, make_extractor
from kg.extract.spans import Frame
from tests.support.paths import REPO


@lru_cache(maxsize=1)
def extractor() -> Extractor:
    return make_extractor(load_registry(REPO / "corpus" / "entities.ttl"))


def extract(body: str) -> ReviewFile:
    ex = extractor()
    text = f"Invented headline for a test\n\n{body}\n"
    return extract_article(text, ex.registry, "t", ex, article_date="2025-06-18")


def of_type(review: ReviewFile, name: str) -> list[Candidate]:
    return [c for c in review.candidates if c.type == name]


def roles(candidate: Candidate, key: str) -> set[str]:
    return set(candidate.properties.get(key, []))


def assert_role_found(body: str, kind: str, role: str, wanted: set[str]) -> None:
    """``body`` gives a ``kind`` candidate whose ``role`` holds every value of ``wanted``."""
    found = of_type(extract(body), kind)
    assert found, f"no {kind} in {body!r}"
    assert any(wanted <= roles(c, role) for c in found), [c.properties for c in found]


# sentence, type, role, the values that role must hold, values it must not hold
ROLES = [
    # the subject undergoes a measure it is "hit by" / "faces": a target, not the imposer
    ("Rusal was hit by U.S. sanctions in 2018.", "Sanction", "targets", {"rusal"}, set()),
    (
        "Russian nickel still faces a 15% British tariff.",
        "Tariff",
        "targets",
        {"russia"},
        {"united-kingdom"},
    ),
    (
        "Russian nickel still faces a 15% British tariff.",
        "Tariff",
        "imposedBy",
        {"united-kingdom"},
        {"russia"},
    ),
    # "from X" after a tariff names its target, never its imposer
    ("Ottawa set a 12% duty on graphite anodes from China.", "Tariff", "targets", {"china"}, set()),
    (
        "Ottawa set a 12% duty on graphite anodes from China.",
        "Tariff",
        "imposedBy",
        {"canada"},
        {"china"},
    ),
    # listing someone is the measure; the listed are its targets
    (
        "Japan added nine Russian firms to its sanctions list.",
        "Sanction",
        "targets",
        {"russia"},
        {"japan"},
    ),
    # the nationality of "the X Government" is the actor, not the last country named
    (
        "Chile exports copper. The Canadian government will create a C$500 million critical "
        "minerals fund.",
        "SupportMeasure",
        "imposedBy",
        {"canada"},
        {"chile"},
    ),
    # a relative clause's subject imposes the measure it modifies
    (
        "The licensing requirements Tokyo imposed in May on graphite remain in place.",
        "ExportControl",
        "imposedBy",
        {"japan"},
        set(),
    ),
    # a person who imposes acts for where their title holds
    (
        "U.S. President Donald Trump imposed a 50% tariff on Brazilian copper in July.",
        "Tariff",
        "imposedBy",
        {"united-states"},
        set(),
    ),
    # dependencies: the verb's subject and its "on" object (or a "from X" aside)
    (
        "Italy's steel industry relies on imported iron ore, much of it from Brazil.",
        "Dependency",
        "dependsOn",
        {"brazil"},
        set(),
    ),
    (
        "Congo produces cobalt. The country depends on Chinese smelters for its revenue.",
        "Dependency",
        "dependent",
        {"democratic-republic-of-the-congo"},
        {"china"},
    ),
    # a share of one country's imports that another supplies is a dependency
    (
        "Russia supplied about 35% of U.S. palladium imports last year.",
        "Dependency",
        "dependent",
        {"united-states"},
        set(),
    ),
    # meeting sides from the parse: a relative pronoun stands for its noun
    (
        "Kazakh officials, who met EU envoys on Friday, praised the talks.",
        "Meeting",
        "participant",
        {"kazakhstan", "european-union"},
        set(),
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "role", "wanted", "unwanted"), ROLES)
def test_roles_from_the_parse(
    sentence: str, kind: str, role: str, wanted: set[str], unwanted: set[str]
) -> None:
    found = of_type(extract(sentence), kind)
    assert found, f"no {kind} in {sentence!r}"
    assert any(wanted <= roles(c, role) and not unwanted & roles(c, role) for c in found), [
        c.properties for c in found
    ]


# sentence, type, how many candidates of that type
MENTIONS = [
    # two measures coordinated with their own figures and targets are two candidates
    (
        "Canada imposed a 25% tariff on Chinese steel and a 10% tariff on Indian aluminium.",
        "Tariff",
        2,
    ),
    # a participle clause spelling out the main clause's measure is that measure
    (
        "Japan tightened sanctions on Russian metals, prohibiting imports of Russian nickel.",
        "ImportBan",
        0,
    ),
    # two words for one measure are one
    ("The U.S. imposed tariffs and duties on Chinese graphite.", "Tariff", 1),
    # a definite mention that repeats an earlier measure adds no candidate
    ("The EU banned imports of Russian steel in 2022. The ban has lifted prices.", "ImportBan", 1),
    # a definite mention that names no imposer is not given the last country named
    ("Any ban would hurt Finland. Traders said the embargo on Iranian oil bit.", "ImportBan", 0),
    # lifting a known measure is no new measure
    ("Beijing will suspend the export controls it announced in October.", "ExportControl", 0),
    # a restatement with only an inherited imposer and nothing new is the same measure
    (
        "China imposed export controls on gallium in 2023. Exporters of gallium would need "
        "licences, the ministry said.",
        "ExportControl",
        1,
    ),
    # ... but one that adds a date is reported, with the imposer of the earlier mention
    (
        "China imposed export controls on gallium in 2023. Exporters of gallium will need "
        "licences from Aug. 1.",
        "ExportControl",
        2,
    ),
    # an agreement needs two sides the parse names; a lone subject "agreeing to" is none
    ("China agreed to buy more soybeans, Scott Bessent told Fox Business.", "Agreement", 0),
    # offering support is the support measure, not a proposal
    ("Canada will offer offtake contracts to lithium producers.", "Proposal", 0),
    # money from no one named, or one company paying another, is not a support measure
    ("Tesla will pay $50 million for graphite from Bayou.", "SupportMeasure", 0),
    # "relies on … for 60% of its imports" is the dependency, not a second claim
    ("Japan relies on China for about 60% of its rare earth imports.", "Claim", 0),
    # a clause whose named subject is someone else does not inherit an earlier provider
    (
        "Ottawa granted $5 million to Vale for nickel. Tesla signed an offtake agreement with "
        "Vale for nickel.",
        "SupportMeasure",
        1,
    ),
    # percentages that belong to a charge are not share claims
    ("The bill sets a royalty of 5% on the market value of nickel.", "Claim", 0),
]


@pytest.mark.parametrize(("sentence", "kind", "count"), MENTIONS)
def test_one_candidate_per_mention(sentence: str, kind: str, count: int) -> None:
    found = of_type(extract(sentence), kind)
    assert len(found) == count, [c.properties for c in found]


# sentence, type, the modality the candidate carries (None: no candidate at all)
MODALITY = [
    ("Beijing said it would impose a 25% tariff on American soybeans.", "Tariff", "planned"),
    ("A tariff on Chinese graphite would hurt carmakers, analysts said.", "Tariff", None),
    ("Producers asked for duties of up to 300% on Chinese anodes.", "Tariff", None),
    (
        "Indonesia approved an export ban on nickel ore as part of a bill.",
        "ExportControl",
        "proposed",
    ),
    ("India imposed a 10% duty on Chinese antimony in March.", "Tariff", "asserted"),
    ("Will Canada impose a 25% tariff on Chinese steel after the review?", "Tariff", None),
]


@pytest.mark.parametrize(("sentence", "kind", "mood"), MODALITY)
def test_modality_from_the_clause(sentence: str, kind: str, mood: str | None) -> None:
    found = of_type(extract(sentence), kind)
    if mood is None:
        assert not found, [c.properties for c in found]
        return
    assert found
    assert (found[0].modality or "asserted") == mood


@pytest.mark.parametrize(
    ("sentence", "key", "value"),
    [
        ("The Canadian government will create a C$500 million minerals fund.", "currency", "CAD"),
        ("Canberra will establish an A$1.2 billion reserve for rare earths.", "currency", "AUD"),
        (
            "Australia mines lithium. The government will set a floor price of $90 per kilogram.",
            "unit",
            "USD/kg",
        ),
    ],
)
def test_support_amounts_bind_to_the_measure(sentence: str, key: str, value: str) -> None:
    found = of_type(extract(sentence), "SupportMeasure")
    assert found
    assert found[0].properties[key] == [value]


def _frame(kind: str, **props: list[str]) -> Frame:
    return Frame(kind, "k", dict(props), 0.5, kind)


def test_one_per_mention_keeps_the_fuller_frame_and_distinct_ones() -> None:
    thin = _frame("SupportMeasure", imposedBy=["efa"])
    full = _frame("SupportMeasure", imposedBy=["efa"], beneficiary=["arafura"])
    other = _frame("SupportMeasure", imposedBy=["efa"], beneficiary=["iluka"])
    tariff = _frame("Tariff", imposedBy=["efa"])
    kept = one_per_mention([thin, full, other, tariff])
    assert kept == [full, other, tariff]
