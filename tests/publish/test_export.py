"""`kg export`: formats, selections, determinism, atomic files and clear errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.config import Settings
from kg.rdf.formats import EXPORT_OFFERS, by_name
from tests.support.rdf_fixture import load_dataset

EXPORT_NAMES = [fmt.name for fmt in EXPORT_OFFERS]

CONFLICTS = """
PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?proposal ?proposer ?measure ?imposer WHERE {
  ?proposal a cmkg:Proposal ; cmkg:proposedBy ?p ; cmkg:reviewStatus cmkg:Accepted ;
            cmkg:conflictsWith ?m .
  ?p rdfs:label ?proposer .
  ?m a cmkg:Sanction ; cmkg:imposedBy/rdfs:label ?imposer ; rdfs:label ?measure .
}
"""


@pytest.fixture
def built(settings: Settings) -> Settings:
    """A project whose build/store holds the inline fixture dataset."""
    settings.build.mkdir(parents=True)
    load_dataset(settings.store)
    return settings


def _export(runner: CliRunner, settings: Settings, *args: str) -> tuple[int, bytes, str]:
    result = runner.invoke(cli, ["--home", str(settings.home), "export", *args])
    return result.exit_code, result.stdout_bytes, result.stderr


def test_two_exports_to_files_are_identical_and_pass_rapper(
    runner: CliRunner, built: Settings, tmp_path: Path
) -> None:
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert _export(runner, built, "--format", "ttl", "-o", str(a))[0] == 0
    assert _export(runner, built, "--format", "ttl", "-o", str(b))[0] == 0
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes().startswith(b"@prefix ")
    if shutil.which("rapper") is None:
        pytest.skip("rapper is not installed (apt-get install raptor2-utils)")
    checked = subprocess.run(["rapper", "-i", "turtle", "-c", str(a)], capture_output=True)
    assert checked.returncode == 0, checked.stderr.decode()


@pytest.mark.parametrize("fmt", EXPORT_NAMES)
def test_stdout_carries_every_format(runner: CliRunner, built: Settings, fmt: str) -> None:
    code, out, err = _export(runner, built, "--format", fmt)
    assert code == 0, err
    expected = len(load_dataset())
    assert len(list(pyoxigraph.parse(out, format=by_name(fmt, EXPORT_OFFERS).rdf))) == expected


def test_default_format_is_turtle(runner: CliRunner, built: Settings) -> None:
    code, out, _ = _export(runner, built)
    assert code == 0
    assert b"cmkgid:putin-offer a cmkg:Proposal ;" in out


@pytest.mark.parametrize(
    ("selection", "graph"),
    [
        (["--article", "000_abc"], "https://w3id.org/cmkg/graph/000_abc"),
        (
            ["--graph", "https://w3id.org/cmkg/graph/inferred"],
            "https://w3id.org/cmkg/graph/inferred",
        ),
        (["--ontology"], "https://w3id.org/cmkg/graph/ontology"),
    ],
)
def test_one_graph_can_be_selected(
    runner: CliRunner, built: Settings, selection: list[str], graph: str
) -> None:
    code, out, err = _export(runner, built, "--format", "nq", *selection)
    assert code == 0, err
    quads = list(pyoxigraph.parse(out, format=pyoxigraph.RdfFormat.N_QUADS))
    expected = load_dataset().quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph))
    assert {str(q) for q in quads} == {str(q) for q in expected}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--article", "999_nope"], 3, "no article '999_nope' in the build; articles: 000_abc"),
        (["--article", "../etc"], 2, "is not an article id"),
        (["--graph", "https://w3id.org/cmkg/graph/nope"], 3, "no graph <https://w3id.org/"),
        (["--ontology", "--article", "000_abc"], 2, "at most one of --graph, --article"),
        (["--graph", "not an iri"], 2, "'not an iri' is not an absolute IRI"),
        (["--format", "rdfxml"], 2, "Invalid value for '--format'"),
        (["-o", "missing-folder/out.ttl"], 3, "does not exist"),
    ],
)
def test_bad_requests_get_one_clear_line(
    runner: CliRunner, built: Settings, args: list[str], code: int, message: str
) -> None:
    exit_code, _, err = _export(runner, built, *args)
    assert exit_code == code
    assert message in err
    assert "Traceback" not in err


def test_missing_build_says_to_run_kg_build(runner: CliRunner, settings: Settings) -> None:
    code, _, err = _export(runner, settings)
    assert code == 3
    assert err.strip().endswith("run `kg build` first")
    assert err.count("\n") == 1


def test_failed_export_leaves_an_existing_file_intact(
    runner: CliRunner, built: Settings, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "keep.ttl"
    target.write_bytes(b"previous export\n")
    code, _, _ = _export(runner, built, "--article", "999_nope", "-o", str(target))
    assert code == 3
    assert target.read_bytes() == b"previous export\n"
    assert [p.name for p in target.parent.iterdir()] == ["keep.ttl"]


def test_export_replaces_a_file_without_leaving_temporaries(
    runner: CliRunner, built: Settings, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "cmkg.nt"
    target.write_bytes(b"old\n")
    assert _export(runner, built, "--format", "nt", "-o", str(target))[0] == 0
    assert target.read_bytes().endswith(b" .\n")
    assert [p.name for p in target.parent.iterdir()] == ["cmkg.nt"]


def test_loaded_turtle_export_answers_the_conflict_query_like_the_store(
    runner: CliRunner, built: Settings
) -> None:
    code, out, _ = _export(runner, built, "--format", "ttl")
    assert code == 0
    reloaded = pyoxigraph.Store()
    reloaded.load(out, format=pyoxigraph.RdfFormat.TURTLE)
    live = load_dataset()

    def answers(store: pyoxigraph.Store) -> list[tuple[str, ...]]:
        solutions = store.query(CONFLICTS, use_default_graph_as_union=True)
        assert isinstance(solutions, pyoxigraph.QuerySolutions)
        return sorted(tuple(str(t) for t in row) for row in solutions)

    expected = answers(live)
    assert expected  # the query must find the fixture's conflict
    assert answers(reloaded) == expected
