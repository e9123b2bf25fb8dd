"""`kg review --promote`: an article-local event becomes a known event, and reports attach."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import cli
from kg.config import load_settings
from kg.corpus.review import load_review
from kg.graph.assemble import assemble_dataset
from kg.rdf.terms import CMKG, ID, article_graph
from tests.support.event_corpus import article, write_event_corpus

SLUG = "japan-australia-lithium-talks-2025"


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    return write_event_corpus(tmp_path / "p", 40)


def meeting_id() -> str:
    return article(3)[2].candidates[-1].id  # article 3's local meeting


def promote(runner: CliRunner, home: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["--home", str(home), "review", "gen_00003", *args])
    return result.exit_code, result.output


def test_a_promoted_meeting_is_known_and_later_reports_attach_to_it(
    runner: CliRunner, generated: Path
) -> None:
    settings = load_settings({"home": generated}, environ={})
    before = assemble_dataset(settings)
    assert before.events["article-local events"] == 4
    code, output = promote(runner, generated, "--promote", meeting_id(), "--as", SLUG)
    assert code == 0, output
    assert f"promoted {meeting_id()} to the known event {SLUG}" in output
    registry = rdflib.Graph().parse(settings.corpus / "events.ttl")
    node = rdflib.URIRef(ID + SLUG)
    assert (node, rdflib.RDF.type, rdflib.URIRef(CMKG + "Meeting")) in registry
    assert (node, rdflib.URIRef(CMKG + "participant"), rdflib.URIRef(ID + "japan")) in registry
    [entry] = [
        c
        for c in load_review(settings.reviews / "gen_00003.yaml").candidates
        if c.id == meeting_id()
    ]
    assert (entry.node, entry.status) == (SLUG, "accepted")
    after = assemble_dataset(settings)
    assert after.events["article-local events"] == 0  # the other three meetings are reports
    reporting = {
        aid
        for aid in after.articles
        if (node, rdflib.URIRef(CMKG + "evidence"), None) in after.graphs[article_graph(aid)]
    }
    assert reporting == {"gen_00003", "gen_00013", "gen_00023", "gen_00033"}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--promote", "nope-123"), 3, "has no candidate nope-123"),
        (("--as", SLUG), 2, "use it with --promote"),
        (("--promote", "MEETING", "--as", "us-sanctions-on-russia"), 2, "already"),
        (("--promote", "MEETING", "--as", "Not A Slug"), 2, "is not a slug"),
        (("--promote", "MEETING", "--accept", "MEETING"), 2, "on its own"),
    ],
)
def test_promote_refuses_and_changes_nothing(
    runner: CliRunner, generated: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    events = generated / "corpus" / "events.ttl"
    review = generated / "corpus" / "review" / "gen_00003.yaml"
    before = (events.read_bytes(), review.read_bytes())
    exit_code, output = promote(
        runner, generated, *[meeting_id() if a == "MEETING" else a for a in args]
    )
    assert message in output
    assert exit_code == code, output
    assert (events.read_bytes(), review.read_bytes()) == before
