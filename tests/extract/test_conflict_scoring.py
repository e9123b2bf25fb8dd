"""Conflict gold and scoring of `kg eval`: the matching rule, the metrics on a hand-made case,
the soundness check, the gold format."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.extract.evaluate import (
    ConflictScore,
    Gold,
    GoldConflict,
    GoldEntity,
    GoldEvent,
    PredictedConflict,
    conflict_lines,
    conflict_matches,
    load_expected,
    review_from_gold,
    score_conflicts,
    unsound_measure,
)
from kg.extract.gazetteer import load_registry
from tests.support.cli import kg
from tests.support.paths import REPO

OFFER = "Putin offered the United States rare earths"
TARIFF = "a 200% U.S. tariff on Russian aluminium"
PLANNED = "Washington may ban Russian nickel"


def predicted(
    proposal: tuple[str, ...] = (f"He said {OFFER} on Monday.",),
    measure: str = "us-sanctions-on-russia",
    sentences: tuple[str, ...] = (),
    *,
    scoped: bool = True,
    asserted: bool = True,
) -> PredictedConflict:
    return PredictedConflict("proposal-1", measure, proposal, sentences, scoped, asserted)


@pytest.mark.parametrize(
    ("gold", "conflict", "expected"),
    [
        (GoldConflict(OFFER, known="us-sanctions-on-russia"), predicted(), True),
        (GoldConflict(OFFER, known="us-aluminium-duties-2023"), predicted(), False),
        (
            GoldConflict("Putin offered aluminium", known="us-sanctions-on-russia"),
            predicted(),
            False,
        ),
        (
            GoldConflict(OFFER, measure=TARIFF),
            predicted(measure="tariff-1", sentences=(f"It faces {TARIFF}.",)),
            True,
        ),
        (  # the article's evidence reported a known measure: matched by the quote
            GoldConflict(OFFER, measure=TARIFF),
            predicted(measure="us-aluminium-duties-2023", sentences=(f"It faces {TARIFF}.",)),
            True,
        ),
        (
            GoldConflict(OFFER, measure=TARIFF),
            predicted(measure="tariff-1", sentences=("Another sentence.",)),
            False,
        ),
        (  # a gold measure quote needs evidence in the article, not just any measure
            GoldConflict(OFFER, measure=TARIFF),
            predicted(measure="tariff-1"),
            False,
        ),
        (  # any of the proposal's sentences may hold the quote
            GoldConflict(OFFER, known="us-sanctions-on-russia"),
            predicted(proposal=("First mention.", f"{OFFER}.")),
            True,
        ),
    ],
)
def test_conflict_matching(gold: GoldConflict, conflict: PredictedConflict, expected: bool) -> None:
    assert conflict_matches(gold, conflict) is expected


def test_precision_and_recall_on_a_hand_made_case() -> None:
    """Three gold conflicts, four predicted: two right, one duplicate, one wrong."""
    gold = Gold(
        "a",
        events=[GoldEvent("Tariff", [(0, 1)], TARIFF, {"targets": ["russia"]})],
        conflicts=[
            GoldConflict(OFFER, known="us-sanctions-on-russia"),
            GoldConflict(OFFER, measure=TARIFF),
            GoldConflict(OFFER, known="china-graphite-export-controls-2023"),  # missed
        ],
    )
    found = [
        predicted(),
        predicted(),  # the same pair again (two nodes for one offer): one-to-one, so wrong
        predicted(measure="tariff-1", sentences=(f"It faces {TARIFF}.",)),
        predicted(measure="drc-cobalt-export-suspension-2025"),  # not in the gold
    ]
    score = score_conflicts(gold, found)
    assert (score.gold, score.found, score.matched, score.unsound) == (3, 4, 2, 0)
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(2 / 3)
    assert sum("missed" in e for e in score.errors) == 1
    assert sum("wrong" in e for e in score.errors) == 2


def test_an_article_annotated_with_no_conflicts() -> None:
    gold = Gold("a", conflicts=[])
    assert (score_conflicts(gold, []).gold, score_conflicts(gold, []).found) == (0, 0)
    wrong = score_conflicts(gold, [predicted()])
    assert (wrong.found, wrong.matched, wrong.precision) == (1, 0, 0.0)
    assert wrong.recall is None


def test_scores_add_up() -> None:
    total = ConflictScore()
    total.add(ConflictScore(1, 2, 1, 1, 0, ["x"]))
    total.add(ConflictScore(1, 1, 3, 1, 1, ["y"]))
    assert (total.articles, total.gold, total.found, total.matched, total.unsound) == (
        2,
        3,
        4,
        2,
        1,
    )
    assert total.errors == ["x", "y"]


SOUND_GOLD = Gold(
    "a",
    events=[
        GoldEvent("Tariff", [(0, 1)], TARIFF, {"imposedBy": ["united-states"], "covers": ["x"]}),
        GoldEvent("ImportBan", [(0, 1)], PLANNED, {"targets": ["russia"]}, modality="planned"),
        GoldEvent("Sanction", [(0, 1)], "sanctions were imposed", {"imposedBy": ["x"]}),
    ],
    must_not=[GoldEvent("Sanction", [(0, 1)], "lifting of sanctions can be easy")],
)


@pytest.mark.parametrize(
    ("conflict", "unsound"),
    [
        (predicted(), False),  # a known measure, scoped and asserted in the graph
        (predicted(scoped=False), True),
        (predicted(asserted=False), True),
        (predicted(sentences=(f"It faces {TARIFF}.",)), False),
        (predicted(sentences=(f"{PLANNED}, officials said.",)), True),  # only planned
        (predicted(sentences=("Then sanctions were imposed.",)), True),  # no scope in gold
        (predicted(sentences=("The lifting of sanctions can be easy.",)), True),  # must-not
        (predicted(sentences=(f"{PLANNED}, on top of {TARIFF}.",)), False),  # both: sound one
    ],
)
def test_unsound_measures(conflict: PredictedConflict, unsound: bool) -> None:
    assert unsound_measure(conflict, SOUND_GOLD) is unsound


def test_conflict_lines() -> None:
    lines = conflict_lines(ConflictScore(3, 4, 2, 1, 0, ["a: missed 'x' x y"]))
    assert lines[0] == (
        "conflict precision: 50.0% (1/2); conflict recall: 25.0% (1/4); "
        "articles with conflict gold: 3"
    )
    assert lines[1] == "conflicts citing a measure without scope or not asserted: 0"
    assert lines[2] == "  conflict error: a: missed 'x' x y"


TEXT = f"{OFFER} on Monday. It faces {TARIFF}."
EVENTS = (
    "events:\n"
    f"  - {{type: Proposal, quote: '{OFFER}', properties: {{proposedTo: [united-states]}}}}\n"
    f"  - {{type: Tariff, quote: '{TARIFF}', properties: {{targets: [russia]}}}}\n"
)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("", None),  # not annotated
        ("conflicts: []\n", []),
        (
            f"conflicts:\n  - {{proposal: '{OFFER}', measure: '{TARIFF}', why: w}}\n"
            f"  - {{proposal: '{OFFER}', known: us-sanctions-on-russia}}\n",
            [
                GoldConflict(OFFER, measure=TARIFF, why="w"),
                GoldConflict(OFFER, known="us-sanctions-on-russia"),
            ],
        ),
    ],
)
def test_conflict_gold_is_read(
    tmp_path: Path, extra: str, expected: list[GoldConflict] | None
) -> None:
    path = tmp_path / "a.expected.yaml"
    path.write_text(EVENTS + extra, encoding="utf-8")
    assert load_expected(path, TEXT, "a").conflicts == expected


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (f"{{proposal: '{OFFER}', measure: '{TARIFF}', known: x}}", "exactly one of"),
        (f"{{proposal: '{OFFER}'}}", "exactly one of"),
        ("{proposal: 'It faces', known: x}", "not a gold event's quote"),
        (f"{{proposal: '{OFFER}', measure: 'on Monday'}}", "not a gold event's quote"),
    ],
)
def test_bad_conflict_gold(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "a.expected.yaml"
    path.write_text(EVENTS + f"conflicts:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_expected(path, TEXT, "a")


CLI_TEXT = (
    "Putin pitches rare earths to Washington\n\n"
    "MOSCOW, Feb. 25 (Reuters) - President Vladimir Putin offered the United States joint "
    "development of Russian rare earth deposits on Monday, saying American companies could "
    "also take part.\n"
)
CLI_QUOTE = "President Vladimir Putin offered the United States joint development"


def test_kg_eval_prints_the_conflict_lines(tmp_path: Path) -> None:
    fixtures = tmp_path / "fx"
    fixtures.mkdir()
    gold = (
        "date: 2025-02-25\n"
        "entities:\n  - {slug: vladimir-putin, type: Person}\n"
        "events:\n"
        f"  - {{type: Proposal, quote: '{CLI_QUOTE}', "
        "properties: {proposedBy: [vladimir-putin], proposedTo: [united-states]}}\n"
    )
    for name, extra in (
        (
            "annotated",
            "conflicts:\n  - {proposal: '"
            + CLI_QUOTE
            + "', known: us-sanctions-on-russia, why: w}\n",
        ),
        ("not-annotated", ""),  # no conflicts key: not scored on conflicts
    ):
        (fixtures / f"{name}.txt").write_text(CLI_TEXT, encoding="utf-8")
        (fixtures / f"{name}.expected.yaml").write_text(gold + extra, encoding="utf-8")
    result = kg(REPO, "eval", "--fixtures", str(fixtures))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    headline = next(line for line in lines if line.startswith("conflict precision:"))
    assert re.fullmatch(
        r"conflict precision: (\d+\.\d%|-) \(\d+/\d+\); conflict recall: \d+\.\d% \(\d/1\); "
        r"articles with conflict gold: 1",
        headline,
    ), headline
    assert "conflicts citing a measure without scope or not asserted: 0" in lines
    rule = next(line for line in lines if line.startswith("conflict rule on the gold events:"))
    assert "recall 100.0% (1/1)" in rule  # the gold offer meets the registry's US sanctions


def test_kg_eval_without_conflict_gold_prints_no_conflict_lines(tmp_path: Path) -> None:
    fixtures = tmp_path / "fx"
    fixtures.mkdir()
    (fixtures / "a.txt").write_text(CLI_TEXT, encoding="utf-8")
    (fixtures / "a.expected.yaml").write_text(
        "entities:\n  - {slug: vladimir-putin, type: Person}\nevents: []\n", encoding="utf-8"
    )
    result = kg(REPO, "eval", "--fixtures", str(fixtures))
    assert result.exit_code == 0, result.output
    assert "conflict" not in result.stdout


def test_the_devset_gold_is_consistent() -> None:
    """tests/fixtures/devset/check_devset.py, conflict gold included, passes."""
    script = REPO / "tests" / "fixtures" / "devset" / "check_devset.py"
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"conflicts: \d+ in \d+ annotated articles", done.stdout)


RULE_REGISTRY = """\
@prefix cmkg: <https://w3id.org/cmkg/ontology#> .
@prefix cmkgid: <https://w3id.org/cmkg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
cmkgid:russia a cmkg:Country ; rdfs:label "Russia"@en .
cmkgid:united-states a cmkg:Country ; rdfs:label "United States"@en .
cmkgid:aluminium a cmkg:Resource ; rdfs:label "aluminium"@en .
"""


@pytest.mark.parametrize(
    ("event", "properties", "modality"),
    [
        (
            GoldEvent(
                "Tariff",
                [(0, 5)],
                "duty!",
                {"imposedBy": ["united-states"], "targets": ["russia"], "covers": ["aluminium"]},
                date=("2023-03-10", "day"),
            ),
            {
                "imposedBy": ["united-states"],
                "targets": ["russia"],
                "coversResource": ["aluminium"],
                "startDate": ["2023-03-10"],
            },
            None,
        ),
        (
            GoldEvent(
                "Proposal",
                [(0, 5)],
                "offer",
                {"proposedTo": ["united-states"], "covers": ["aluminium"], "concerns": ["yakutia"]},
                modality="hypothetical",
                date=("2025-02-24", "day"),
            ),
            {
                "proposedTo": ["united-states"],
                "concernsResource": ["aluminium"],
                "concernsPlace": ["yakutia"],
                "date": ["2025-02-24"],
            },
            "hypothetical",
        ),
    ],
)
def test_gold_events_as_candidates(
    tmp_path: Path, event: GoldEvent, properties: dict[str, list[str]], modality: str | None
) -> None:
    """The rule alone is scored on the gold events turned into candidates."""
    path = tmp_path / "entities.ttl"
    path.write_text(RULE_REGISTRY, encoding="utf-8")
    gold = Gold(
        "a",
        entities=[GoldEntity("yakutia", "Region")],
        events=[event, GoldEvent("Claim", [(0, 5)], "claim", {"about": ["russia"]})],
    )
    review = review_from_gold(gold, load_registry(path))
    first = review.candidates[0]
    assert (first.type, first.properties, first.modality) == (event.type, properties, modality)
    assert [(e.start, e.end, e.quote) for e in first.evidence] == [(0, 5, event.quote)]
    others = [(c.id, c.type) for c in review.candidates[1:]]
    # claims take no part; a new entity becomes a candidate so the graph can refer to it
    assert others == ([("yakutia", "Region")] if event.type == "Proposal" else [])


def test_a_place_a_gold_measure_covers_is_its_place(tmp_path: Path) -> None:
    """Regression (eleventh batch, liveblog-niger-yellowcake-export-halt-orano-ask-rosatom-
    offer): a gold export halt covering uranium and the Arlit mine became a candidate whose
    coversResource held a place, which the shapes then left out of the rule's input."""
    path = tmp_path / "entities.ttl"
    path.write_text(RULE_REGISTRY, encoding="utf-8")
    halt = GoldEvent("ExportControl", [(0, 5)], "halt!", {"covers": ["aluminium", "yakutia"]})
    gold = Gold("a", entities=[GoldEntity("yakutia", "Region")], events=[halt])
    first = review_from_gold(gold, load_registry(path)).candidates[0]
    assert first.properties == {"coversResource": ["aluminium"], "concernsPlace": ["yakutia"]}
