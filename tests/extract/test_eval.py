"""`kg eval`: the matching rule on hand-made gold, the table, the fixture-corpus thresholds."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.corpus.review import Candidate, Evidence, Mention, ReviewFile
from kg.errors import InputError
from kg.extract.evaluate import (
    ENTITY_ROWS,
    EVENT_ROWS,
    OTHER_ROWS,
    Gold,
    GoldEntity,
    GoldEvent,
    Report,
    Row,
    add_totals,
    evaluate_fixtures,
    format_table,
    load_expected,
    score_article,
)
from kg.extract.gazetteer import load_registry
from tests.support.paths import REPO

FIXTURES = REPO / "tests" / "fixtures" / "articles"

REGISTRY = """\
@prefix cmkg: <https://w3id.org/cmkg/ontology#> .
@prefix cmkgid: <https://w3id.org/cmkg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
cmkgid:russia a cmkg:Country ; rdfs:label "Russia"@en .
cmkgid:ukraine a cmkg:Country ; rdfs:label "Ukraine"@en .
cmkgid:china a cmkg:Country ; rdfs:label "China"@en .
cmkgid:rare-earth-elements a cmkg:Resource ; rdfs:label "rare earths"@en .
cmkgid:yakutia a cmkg:Region ; rdfs:label "Yakutia"@en .
"""


def candidate(cid: str, type_name: str, start: int, end: int, **props: list[str]) -> Candidate:
    return Candidate(
        cid, type_name, [Evidence(start, end, "x" * (end - start))], properties=dict(props)
    )


def test_matching_rule_on_hand_made_gold(tmp_path: Path) -> None:
    path = tmp_path / "entities.ttl"
    path.write_text(REGISTRY, encoding="utf-8")
    registry = load_registry(path)
    gold = Gold(
        "a",
        entities=[
            GoldEntity("russia", "Country"),
            GoldEntity("ukraine", "Place"),
            GoldEntity("yakutia", "Region"),
            GoldEntity("new-firm", "Company"),
        ],
        events=[
            GoldEvent("Sanction", [(0, 40)], properties={"imposedBy": ["ukraine"]}),
            GoldEvent("Claim", [(50, 90)]),
            GoldEvent("Meeting", [(100, 120)]),
        ],
    )
    predicted = ReviewFile(
        "a",
        mentions=[Mention("russia", 0, 6), Mention("ukraine", 10, 17), Mention("china", 20, 25)],
        candidates=[
            Candidate("org-1", "GovernmentBody", [Evidence(0, 4, "xxxx")], node="new-firm"),
            Candidate("place-1", "Place", [Evidence(0, 4, "xxxx")], node="yakutia"),
            candidate("sanction-1", "Sanction", 30, 45, imposedBy=["ukraine", "russia"]),
            candidate("sanction-2", "Sanction", 0, 40, imposedBy=["russia"]),  # wrong imposer
            candidate("tariff-1", "Tariff", 50, 90),  # right span, wrong type
            candidate("claim-1", "Claim", 85, 95),  # overlaps the gold claim
            candidate("claim-2", "Claim", 60, 70),  # one-to-one: the claim is already taken
        ],
    )
    rows = {r.name: r for r in add_totals(score_article(gold, predicted, registry))}
    # russia matches; ukraine matches as a Country (a Place); yakutia predicted as a Place
    # (unspecific, not wrong) matches; new-firm is predicted as a GovernmentBody, a sibling
    # of Company: no match
    assert (rows["actors"].gold, rows["actors"].found, rows["actors"].matched) == (2, 4, 1)
    assert (rows["places"].gold, rows["places"].found, rows["places"].matched) == (2, 1, 2)
    assert (rows["entities"].gold, rows["entities"].matched) == (4, 3)
    assert (rows["Sanction"].gold, rows["Sanction"].found, rows["Sanction"].matched) == (1, 2, 1)
    assert (rows["Tariff"].found, rows["Tariff"].matched) == (1, 0)
    assert (rows["Claim"].gold, rows["Claim"].found, rows["Claim"].matched) == (1, 2, 1)
    assert (rows["Meeting"].gold, rows["Meeting"].matched) == (1, 0)
    events = rows["events"]
    assert (events.gold, events.found, events.matched) == (3, 5, 2)
    assert events.precision == pytest.approx(0.4)
    assert events.recall == pytest.approx(2 / 3)


def test_table_is_aligned() -> None:
    names = (*ENTITY_ROWS, *EVENT_ROWS, *OTHER_ROWS)
    rows = add_totals({name: Row(name) for name in names})
    rows[0].gold, rows[0].found, rows[0].matched = 10, 8, 6
    table = format_table(Report(rows, articles=1))
    lines = table.splitlines()
    assert lines[0].split() == ["type", "gold", "found", "matched", "precision", "recall"]
    assert lines[2].split() == ["actors", "10", "8", "6", "75.0%", "60.0%"]
    assert lines[3].split() == ["resources", "0", "0", "0", "-", "-"]
    body = lines[:-1]
    ends = {len(line) for line in body if not line.startswith("-")}
    assert len(ends) == 1, "right-aligned columns end at the same position"
    assert lines[-1] == "articles: 1; boilerplate hits: 0"


def test_expected_quote_must_be_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "a.expected.yaml"
    path.write_text("events:\n  - {type: Claim, quote: not there}\n", encoding="utf-8")
    with pytest.raises(InputError, match="not in the article text"):
        load_expected(path, "some other text", "a")


def test_eval_on_a_tiny_fixture_dir(tmp_path: Path, runner: CliRunner) -> None:
    fixtures = tmp_path / "fx"
    fixtures.mkdir()
    (fixtures / "one.txt").write_text(
        "Russia imposed sanctions on Ukraine in 2022.\n"
        "China controls about 90% of rare earths processing.\n"
        "✨ Don't miss: Yakutia and China in one cheap trip\n",
        encoding="utf-8",
    )
    (fixtures / "one.expected.yaml").write_text(
        "entities:\n"
        "  - {slug: russia, type: Country}\n"
        "  - {slug: ukraine, type: Country}\n"
        "  - {slug: china, type: Country}\n"
        "  - {slug: rare-earth-elements, type: Resource}\n"
        "events:\n"
        "  - {type: Sanction, quote: imposed sanctions, properties: {imposedBy: [russia]}}\n"
        "  - {type: Claim, quote: 'about 90%', properties: {about: [china]}}\n"
        "  - {type: Meeting, quote: China controls}\n",
        encoding="utf-8",
    )
    registry_path = tmp_path / "entities.ttl"
    registry_path.write_text(REGISTRY, encoding="utf-8")
    report = evaluate_fixtures(fixtures, load_registry(registry_path))
    assert report.boilerplate_hits == 0
    entities = report.row("entities")
    assert (entities.gold, entities.found, entities.matched) == (4, 4, 4)  # no Yakutia
    assert (report.row("events").gold, report.row("events").matched) == (3, 2)
    result = runner.invoke(
        cli, ["eval", "--fixtures", str(fixtures), "--registry", str(registry_path)]
    )
    assert result.exit_code == 0, result.output
    assert "Sanction" in result.output and "66.7%" in result.output


def test_eval_errors(runner: CliRunner, home: Path, tmp_path: Path) -> None:
    registry = str(REPO / "corpus" / "entities.ttl")
    result = runner.invoke(cli, ["--home", str(home), "eval", "--registry", registry])
    assert result.exit_code == 3
    assert "no reviewed articles" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(cli, ["eval", "--fixtures", str(empty), "--registry", registry])
    assert result.exit_code == 3
    assert "no fixture articles" in result.output


def test_eval_on_the_curated_seeds(runner: CliRunner, seed_home: Path) -> None:
    unreviewed = seed_home / "corpus" / "articles" / "unreviewed.txt"
    unreviewed.write_text("Indonesia banned exports of nickel ore in 2020.\n", "utf-8")
    assert runner.invoke(cli, ["--home", str(seed_home), "extract", "unreviewed"]).exit_code == 0
    result = runner.invoke(cli, ["--home", str(seed_home), "eval"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.output.splitlines()[2:-1]}
    assert int(rows["entities"][1]) >= 30  # every entity an accepted fact refers to
    assert float(rows["entities"][-1].rstrip("%")) >= 90
    assert float(rows["events"][-1].rstrip("%")) >= 70
    assert result.output.rstrip().endswith("articles: 2; boilerplate hits: 0")  # not 3


def test_fixture_corpus_meets_the_generalisation_targets() -> None:
    """Unseen articles: >= 70% of named actors, resources, places; >= 50% of events."""
    report = evaluate_fixtures(FIXTURES, load_registry(REPO / "corpus" / "entities.ttl"))
    assert report.articles >= 4
    assert report.boilerplate_hits == 0
    for name in ("actors", "resources", "places", "entities"):
        assert report.row(name).recall >= 0.70, (name, report.row(name))
    for name in ("Proposal", "measures", "Claim", "Meeting", "Agreement", "events"):
        assert report.row(name).recall >= 0.50, (name, report.row(name))


def test_a_gold_boilerplate_line_is_the_whole_line_not_words_in_the_story(tmp_path: Path) -> None:
    """ "New Delhi" as a sign-off line is boilerplate; the same words inside a story
    sentence above it are not (the first occurrence used to be taken)."""
    text = "Headline\n\nOfficials in New Delhi said exports resumed.\n\nNew Delhi\n"
    expected = tmp_path / "a.expected.yaml"
    expected.write_text("boilerplate:\n  - New Delhi\n", "utf-8")
    gold = load_expected(expected, text, "a")
    start = text.rindex("New Delhi")
    assert gold.boilerplate == [(start, start + len("New Delhi"))]
