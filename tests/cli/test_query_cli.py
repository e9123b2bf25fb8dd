"""`kg query` and `kg sparql` against a built store (the mini KG written to disk)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kg.config import load_settings
from kg.publish.canned import load_queries
from tests.support.cli import kg
from tests.support.minikg import write_mini_store

ID = "https://w3id.org/cmkg/id/"


@pytest.fixture(scope="module")
def built_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("built")
    write_mini_store(load_settings({"home": home}, environ={}).store)
    return home


def run(home: Path, *args: str) -> tuple[int, str, str]:
    result = kg(home, *args)
    return result.exit_code, result.stdout, result.stderr


def test_query_without_a_name_lists_every_query(built_home: Path) -> None:
    code, out, _ = run(built_home, "query")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["query", "parameters", "summary"]
    names = [line.split()[0] for line in lines[2:-1]]
    assert names == list(load_queries())
    assert any(
        line.startswith("actor-profile") and "actor:iri [include_candidates:boolean]" in line
        for line in lines
    )


def test_query_as_json(built_home: Path) -> None:
    code, out, _ = run(built_home, "query", "contested-claims", "--format", "json")
    assert code == 0
    [row] = json.loads(out)["results"]["bindings"]
    assert float(row["quantityA"]["value"]) == 3.8e6
    assert float(row["quantityB"]["value"]) == 2.8e7


def test_query_with_params_as_csv(built_home: Path) -> None:
    code, out, _ = run(
        built_home,
        "query",
        "proposals-conflicting-with-sanctions",
        "--param",
        "as_of=2022-06-01",
        "-p",
        "include_candidates=true",
        "--format",
        "csv",
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {(r["proposal"], r["measure"]) for r in rows} == {
        (ID + "aluminium-offer", ID + "us-sanctions-on-russia"),
        (ID + "exploration-offer", ID + "us-sanctions-on-russia"),
        (ID + "murmansk-offer", ID + "us-sanctions-on-russia"),
    }
    assert {r["as_of"] for r in rows} == {"2022-06-01"}


def test_query_as_tsv(built_home: Path) -> None:
    code, out, _ = run(built_home, "query", "dependencies", "--format", "tsv")
    assert code == 0
    header, row = out.splitlines()
    assert header.split("\t")[:3] == ["?dependency", "?dependentLabel", "?dependsOnLabel"]
    assert '"MP Materials"' in row and '"processing"' in row


def test_table_is_aligned_text(built_home: Path) -> None:
    code, out, _ = run(built_home, "query", "timeline")
    assert code == 0
    lines = out.splitlines()
    header, rule, body, footer = lines[0], lines[1], lines[2:-1], lines[-1]
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    assert starts[:3] == [header.index("date"), header.index("dateSource"), header.index("kind")]
    kind_column = header.index("kind")
    assert [line[kind_column:].split()[0] for line in body][:2] == ["Sanction", "Tariff"]
    assert footer == f"({len(body)} rows)"


def test_construct_query_defaults_to_turtle(built_home: Path) -> None:
    code, out, _ = run(built_home, "query", "conflicts-graph")
    assert code == 0
    assert "@prefix cmkg:" in out and "cmkgid:conflict-aluminium-offer-us-aluminium-duties" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["query", "nope"], 3, "no canned query named 'nope'"),
        (["query", "actor-profile"], 2, "needs parameter actor (iri)"),
        (["query", "evidence", "-p", "subject=x> } DROP ALL #"], 2, "parameter subject must be"),
        (["query", "timeline", "-p", "as_of"], 2, "--param takes NAME=VALUE"),
        (["query", "timeline", "-p", "colour=red"], 2, "has no parameter 'colour'"),
        (["query", "timeline", "--format", "ttl"], 2, "format 'ttl' cannot express rows"),
        (["query", "--format", "json"], 2, "give a query NAME"),
        (["sparql", "SELEC ?s"], 2, "the query does not parse"),
        (["sparql"], 2, "give the query as an argument or with -f FILE"),
        (["sparql", "-f", "/nonexistent/q.rq"], 2, "no such query file"),
    ],
)
def test_errors_are_one_line_with_an_exit_code(
    built_home: Path, args: list[str], code: int, message: str
) -> None:
    exit_code, out, err = run(built_home, *args)
    assert exit_code == code
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err


def test_missing_store_says_to_build(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, "query", "timeline")
    assert code == 3 and "run `kg build` first" in err


def test_sparql_argument_with_predeclared_prefixes(built_home: Path) -> None:
    code, out, _ = run(
        built_home,
        "sparql",
        "SELECT ?m WHERE { ?m a cmkg:Tariff } ",
        "--format",
        "json",
    )
    assert code == 0
    rows = json.loads(out)["results"]["bindings"]
    assert [r["m"]["value"] for r in rows] == [ID + "us-aluminium-duties"]


def test_sparql_from_file_sees_the_union_of_graphs(built_home: Path, tmp_path: Path) -> None:
    query = tmp_path / "count.rq"
    query.write_text(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a cmkg:Conflict ; cmkg:reason ?r }"
    )
    code, out, _ = run(built_home, "sparql", "-f", str(query), "--format", "csv")
    assert code == 0
    assert out.splitlines() == ["n", "4"]


def test_sparql_ask_and_construct(built_home: Path) -> None:
    code, out, _ = run(built_home, "sparql", "ASK { cmkgid:russia a cmkg:Country }")
    assert code == 0 and out.splitlines()[2] == "true"
    code, out, _ = run(
        built_home, "sparql", "CONSTRUCT { ?s a cmkg:Country } WHERE { ?s a cmkg:Country }"
    )
    assert code == 0 and "cmkgid:russia a cmkg:Country" in out


def test_sparql_cannot_change_the_store(built_home: Path) -> None:
    code, _, err = run(built_home, "sparql", "DROP ALL")
    assert code == 2 and err.startswith("error: the query does not parse")
    code, out, _ = run(built_home, "sparql", "ASK { ?s ?p ?o }")
    assert out.splitlines()[2] == "true"
