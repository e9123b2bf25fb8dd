"""No conflict cites a measure without a scope or one that is not asserted (issue 11), by any
route a measure reaches the conflict rule: a report of a known event, a mention merged into
an event, a removal ask, the measure's date, a promoted registry entry. Each case is an
adversarial article of its own (not a dev or held-out one): a bad measure sentence next to
an offer it could wrongly be cited against. ``kg eval`` counts a conflict as unsound when an
evidence sentence of its measure in the article holds only a gold measure that is not
asserted or has no scope (kg.extract.evaluate.unsound_measure)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from kg.build.conflict_eval import ConflictPredictor
from kg.corpus.review import Candidate, Evidence, ReviewFile
from kg.extract.evaluate import Gold, GoldEvent, PredictedConflict, score_conflicts
from kg.graph.promote import promote
from kg.graph.vocabulary import load_ontology, read_vocabulary
from kg.resources import ontology_file
from tests.support.paths import REPO

VOCAB = read_vocabulary(load_ontology(ontology_file()))


@pytest.fixture(scope="module")
def predictor() -> ConflictPredictor:
    return ConflictPredictor(REPO / "corpus" / "entities.ttl", REPO / "corpus" / "events.ttl")


@dataclass
class Case:
    """Sentences of one article; candidates on them (by sentence number); the bad measure
    sentence (its gold modality and roles); the conflicts a sound rule still finds."""

    sentences: list[str]
    candidates: list[tuple[int, str, str | None, dict[str, list[str]]]]
    bad: tuple[int, str, dict[str, list[str]]]
    keeps: set[str]
    date: str = "2025-06-01"

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    def evidence(self, number: int) -> Evidence:
        sentence = self.sentences[number]
        start = self.text.index(sentence)
        return Evidence(start, start + len(sentence), sentence, number)

    def review(self) -> ReviewFile:
        made = [
            Candidate(
                f"c{i}",
                kind,
                [self.evidence(n)],
                properties=dict(props),
                modality=mood,  # type: ignore[arg-type]
            )
            for i, (n, kind, mood, props) in enumerate(self.candidates)
        ]
        return ReviewFile("adversarial", candidates=made)

    def gold(self) -> Gold:
        number, mood, props = self.bad
        sentence = self.sentences[number]
        start = self.text.index(sentence)
        bad = GoldEvent("Sanction", [(start, start + len(sentence))], sentence, props, mood)
        return Gold("adversarial", events=[bad], date=self.date, conflicts=[])


OFFER = "Putin said Russia could supply aluminium to the United States if the duties went."
PUTIN_OFFER = (
    "Proposal",
    "hypothetical",
    {
        "proposedBy": ["vladimir-putin"],
        "proposedTo": ["united-states"],
        "concernsResource": ["aluminium"],
    },
)
US = {"imposedBy": ["united-states"]}
NICKEL_BAN = {"imposedBy": ["indonesia"], "coversResource": ["nickel"]}

CASES = {
    # a generic, scope-less mention reported as evidence of the known US sanctions on Russia
    "scope-less report of a known event": Case(
        [OFFER, "The lifting of US sanctions can be straightforward, an adviser said."],
        [(0, *PUTIN_OFFER), (1, "Sanction", None, US)],
        (1, "asserted", US),
        {"us-aluminium-duties-2023", "us-sanctions-on-russia"},
    ),
    # a scope-less back-reference merged into a scoped article-local tariff
    "scope-less mention merged into a scoped one": Case(
        [
            "Brazil's Cerrado offered graphite to the US Defense Logistics Agency.",
            "Washington put a 50% tariff on Brazilian goods in August.",
            "Any such tariff could be challenged in court, lawyers said.",
        ],
        [
            (
                0,
                "Proposal",
                None,
                {
                    "proposedBy": ["brazil"],
                    "proposedTo": ["united-states"],
                    "concernsResource": ["graphite"],
                },
            ),
            (1, "Tariff", None, {**US, "targets": ["brazil"]}),
            (2, "Tariff", None, US),
        ],
        (2, "hypothetical", US),
        {"c1"},
    ),
    # a ban "on China" by China itself states no scope: its own side is no target or place
    "the imposer's own side as the only scope": Case(
        [
            "The United States offered China's commerce ministry talks on gallium supply.",
            "China's ban applies across China, officials said.",
        ],
        [
            (
                0,
                "Proposal",
                None,
                {
                    "proposedBy": ["united-states"],
                    "proposedTo": ["china-ministry-of-commerce"],
                    "concernsPlace": ["china"],
                },
            ),
            (1, "ExportControl", None, {"imposedBy": ["china"], "concernsPlace": ["china"]}),
        ],
        (1, "asserted", {"imposedBy": ["china"]}),
        set(),
    ),
    # a ban that starts after the article, against an offer the article dates later still:
    # the article cannot report the ban in force
    "a start after the article, an offer dated later": Case(
        [
            "Kazakhstan offered the United States tungsten concentrate for delivery from March.",
            "A government ban on exports of tungsten concentrate takes effect on January 1.",
        ],
        [
            (
                0,
                "Proposal",
                None,
                {
                    "proposedBy": ["kazakhstan"],
                    "proposedTo": ["united-states"],
                    "concernsResource": ["tungsten"],
                    "date": ["2026-03-01"],
                },
            ),
            (
                1,
                "ExportControl",
                None,
                {
                    "imposedBy": ["kazakhstan"],
                    "coversResource": ["tungsten"],
                    "startDate": ["2026-01-01"],
                },
            ),
        ],
        (1, "planned", {"imposedBy": ["kazakhstan"], "covers": ["tungsten"]}),
        set(),
        date="2025-12-10",
    ),
    # a hedged mention of the known duties: no report of the measure in force
    "a hedged report of a known event": Case(
        [OFFER, "Washington could raise its tariff on Russian aluminium further."],
        [(0, *PUTIN_OFFER), (1, "Tariff", "hypothetical", {**US, "targets": ["russia"]})],
        (1, "hypothetical", {**US, "targets": ["russia"]}),
        {"us-aluminium-duties-2023", "us-sanctions-on-russia"},
    ),
    # an asserted and a planned mention of the same ban are two events, not one asserted one
    "an asserted and a planned mention": Case(
        [
            "Indonesia offered the United States nickel supply deals.",
            "Indonesia banned nickel ore exports in 2020.",
            "Indonesia plans to ban exports of nickel matte as well.",
        ],
        [
            (
                0,
                "Proposal",
                None,
                {
                    "proposedBy": ["indonesia"],
                    "proposedTo": ["united-states"],
                    "concernsResource": ["nickel"],
                },
            ),
            (1, "ExportControl", None, NICKEL_BAN),
            (2, "ExportControl", "planned", NICKEL_BAN),
        ],
        (2, "planned", {"imposedBy": ["indonesia"], "covers": ["nickel"]}),
        {"indonesia-nickel-ore-export-ban-2020"},
    ),
    # a planned extension (a status, not a modality) merged with the ban in force would make
    # one planned ban dated 2020
    "an in-force and a planned-status mention": Case(
        [
            "Indonesia offered the United States nickel supply deals.",
            "Indonesia banned nickel ore exports in 2020.",
            "The Indonesian ban on nickel exports is to be widened to nickel matte next year.",
        ],
        [
            (
                0,
                "Proposal",
                None,
                {
                    "proposedBy": ["indonesia"],
                    "proposedTo": ["united-states"],
                    "concernsResource": ["nickel"],
                },
            ),
            (1, "ExportControl", None, {**NICKEL_BAN, "startDate": ["2020-01-01"]}),
            (2, "ExportControl", None, {**NICKEL_BAN, "status": ["Planned"]}),
        ],
        (2, "planned", {"imposedBy": ["indonesia"], "covers": ["nickel"]}),
        {"indonesia-nickel-ore-export-ban-2020"},
    ),
    # a removal ask of a measure the article states only as a possibility
    "a removal ask of a hypothetical measure": Case(
        [
            "Rusal offered US buyers aluminium if Washington dropped any sanctions it might "
            "impose on Russian aluminium.",
        ],
        [
            (
                0,
                "Proposal",
                None,
                {
                    "proposedBy": ["rusal"],
                    "proposedTo": ["united-states"],
                    "concernsResource": ["aluminium"],
                },
            ),
            (0, "Sanction", "hypothetical", {**US, "coversResource": ["aluminium"]}),
        ],
        (0, "hypothetical", {**US, "covers": ["aluminium"]}),
        {"us-aluminium-duties-2023", "us-sanctions-on-russia"},
    ),
}


def _cites(found: list[PredictedConflict], sentence: str) -> list[PredictedConflict]:
    return [c for c in found if any(sentence in s for s in c.measure_sentences)]


@pytest.mark.parametrize("name", list(CASES))
def test_no_conflict_cites_an_unscoped_or_unasserted_measure(
    predictor: ConflictPredictor, name: str
) -> None:
    case = CASES[name]
    found = predictor.predict("adversarial", case.text, case.date, case.review())
    assert _cites(found, case.sentences[case.bad[0]]) == []
    assert score_conflicts(case.gold(), found).unsound == 0
    assert {c.measure for c in found} == case.keeps


@pytest.mark.parametrize(("mood", "conflicts"), [("planned", False), (None, True)])
def test_a_promoted_measure_keeps_its_modality(
    tmp_path: Path, mood: str | None, conflicts: bool
) -> None:
    """Promoting a planned ban into the registry makes a known planned ban: offers reported
    later do not conflict with it as with a ban in force (an asserted one still does)."""
    case = CASES["an asserted and a planned mention"]
    ban = Candidate(
        "ban-1",
        "ExportControl",
        [case.evidence(2)],
        label="Indonesia's nickel matte export ban",
        properties={**NICKEL_BAN, "targets": ["united-states"], "startDate": ["2025-01-01"]},
        modality=mood,  # type: ignore[arg-type]
    )
    events = tmp_path / "events.ttl"
    promote(events, ban, "adversarial", VOCAB, set(), "indonesia-nickel-matte-ban")
    assert ("cmkg:modality cmkg:Planned" in events.read_text()) is not conflicts
    predictor = ConflictPredictor(REPO / "corpus" / "entities.ttl", events)
    offer = replace(case.review(), candidates=case.review().candidates[:1])
    found = predictor.predict("adversarial", case.text, "2025-06-01", offer)
    assert ("indonesia-nickel-matte-ban" in {c.measure for c in found}) is conflicts
