"""The canned-query API: /queries, /queries/<name>, /openapi.json (Flask test client)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pyoxigraph
import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from kg.config import load_settings
from kg.publish.canned import load_queries
from tests.support.minikg import write_mini_store

ID = "https://w3id.org/cmkg/id/"
CONFLICTS = "/queries/proposals-conflicting-with-sanctions"


@pytest.fixture(scope="module")
def mini_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    from server import create_app

    home = tmp_path_factory.mktemp("mini")
    settings = load_settings({"home": home}, environ={})
    write_mini_store(settings.store)
    app = create_app(settings)
    app.config["TESTING"] = True
    yield app


@pytest.fixture(scope="module")
def api(mini_app: Flask) -> FlaskClient:
    return mini_app.test_client()


def bindings(response: object) -> list[dict[str, str]]:
    data = json.loads(response.data)  # type: ignore[attr-defined]
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


def test_listing_as_json_describes_every_query(api: FlaskClient) -> None:
    response = api.get("/queries")
    assert response.status_code == 200 and response.mimetype == "application/json"
    listed = {q["name"]: q for q in response.get_json()["queries"]}
    assert set(listed) == set(load_queries())
    conflicts = listed["proposals-conflicting-with-sanctions"]
    assert conflicts["url"] == CONFLICTS
    assert conflicts["iri"] == ID + "query/proposals-conflicting-with-sanctions"
    assert {p["name"]: (p["type"], p["default"]) for p in conflicts["params"]} == {
        "as_of": ("date", "today"),
        "include_candidates": ("boolean", "false"),
    }


@pytest.mark.parametrize(
    ("url", "headers"),
    [("/queries?format=html", {}), ("/queries", {"Accept": "text/html,*/*;q=0.8"})],
)
def test_listing_as_html_links_each_query(
    api: FlaskClient, url: str, headers: dict[str, str]
) -> None:
    response = api.get(url, headers=headers)
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    for name in load_queries():
        assert f'href="/queries/{name}?format=html"' in page


def test_conflicts_as_json(api: FlaskClient) -> None:
    response = api.get(CONFLICTS + "?as_of=2026-03-01&format=json")
    assert response.status_code == 200
    assert response.mimetype == "application/sparql-results+json"
    rows = {(r["proposal"], r["measure"]): r for r in bindings(response)}
    assert set(rows) == {
        (ID + "aluminium-offer", ID + "us-aluminium-duties"),
        (ID + "aluminium-offer", ID + "us-sanctions-on-russia"),
        (ID + "exploration-offer", ID + "us-sanctions-on-russia"),
    }
    row = rows[(ID + "aluminium-offer", ID + "us-aluminium-duties")]
    assert row["basis"].split(", ") and set(row["basis"].split(", ")) == {
        "ImposerIsCounterpartyJurisdiction",
        "TargetsProposerCountry",
        "CoversResource",
        "ConditionRequiresRemoval",
    }
    assert row["proposer"] == "Vladimir Putin" and row["imposer"] == "United States"
    assert row["measureEvidence"] == "if those pesky 2023 duties are scrapped"
    assert row["reason"].startswith("Aluminium supply offer (proposed by Vladimir Putin)")


def test_include_candidates_adds_conflicts_of_unreviewed_proposals(api: FlaskClient) -> None:
    accepted = bindings(api.get(CONFLICTS + "?as_of=2026-03-01"))
    everything = bindings(api.get(CONFLICTS + "?as_of=2026-03-01&include_candidates=true"))
    extra = {r["proposal"] for r in everything} - {r["proposal"] for r in accepted}
    assert extra == {ID + "murmansk-offer"}
    assert {r["reviewStatus"] for r in everything} == {"Accepted", "Candidate"}


def test_as_of_before_the_measures_started_returns_nothing(api: FlaskClient) -> None:
    assert bindings(api.get(CONFLICTS + "?as_of=2020-01-01")) == []


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("json", "application/sparql-results+json"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
        ("xml", "application/sparql-results+xml"),
        ("html", "text/html"),
        ("table", "text/plain"),
    ],
)
def test_row_formats(api: FlaskClient, fmt: str, media_type: str) -> None:
    response = api.get(f"/queries/contested-claims?format={fmt}")
    assert response.status_code == 200 and response.mimetype == media_type
    body = response.get_data(as_text=True)
    assert "3800000" in body and "28000000" in body


def test_csv_is_parseable_with_a_header_row(api: FlaskClient) -> None:
    body = api.get("/queries/contested-claims?format=csv").get_data(as_text=True)
    [row] = list(csv.DictReader(io.StringIO(body)))
    assert (row["claimantA"], float(row["quantityA"])) == ("US Geological Survey", 3.8e6)
    assert (row["claimantB"], float(row["quantityB"])) == ("Russian Government", 2.8e7)


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("text/html", "text/html"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_accept_header_negotiates_the_format(
    api: FlaskClient, accept: str, media_type: str
) -> None:
    response = api.get("/queries/timeline", headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == media_type


def test_construct_query_as_turtle(api: FlaskClient) -> None:
    response = api.get("/queries/conflicts-graph?format=ttl")
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    graph = pyoxigraph.parse(response.data, format=pyoxigraph.RdfFormat.TURTLE)
    subjects = {t.subject.value for t in graph}
    assert ID + "conflict-aluminium-offer-us-aluminium-duties" in subjects
    assert ID + "conflict-murmansk-offer-us-sanctions-on-russia" not in subjects  # candidate


def test_html_result_page_shows_rows_and_the_query(api: FlaskClient) -> None:
    page = api.get("/queries/active-measures?type=Tariff&format=html").get_data(as_text=True)
    assert "2023 US duties on Russian aluminium" in page
    assert "US sanctions on Russia<" not in page
    assert "1 row." in page and "SELECT" in page


@pytest.mark.parametrize(
    ("url", "param", "expected"),
    [
        (CONFLICTS + "?as_of=yesterday", "as_of", "a date"),
        (CONFLICTS + "?as_of=2020-02-30", "as_of", "a date"),
        (CONFLICTS + "?include_candidates=perhaps", "include_candidates", "a boolean"),
        ("/queries/actor-profile?actor=not%20an%20iri", "actor", "an http(s) IRI"),
        ("/queries/active-measures?type=Sanction%3E", "type", "an http(s) IRI"),
    ],
)
def test_bad_parameter_values_are_400_naming_param_and_type(
    api: FlaskClient, url: str, param: str, expected: str
) -> None:
    response = api.get(url)
    assert response.status_code == 400
    error = response.get_json()
    assert error["status"] == 400
    assert error["error"].startswith(f"parameter {param} must be {expected}")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/queries/actor-profile", "needs parameter actor (iri)"),
        ("/queries/timeline?colour=red", "has no parameter 'colour'"),
        ("/queries/timeline?format=ttl", "format 'ttl' cannot express rows"),
        ("/queries/conflicts-graph?format=csv", "format 'csv' cannot express a graph"),
    ],
)
def test_other_request_errors_are_400(api: FlaskClient, url: str, message: str) -> None:
    response = api.get(url)
    assert response.status_code == 400 and message in response.get_json()["error"]


def test_unknown_query_is_404(api: FlaskClient) -> None:
    response = api.get("/queries/no-such-query")
    assert response.status_code == 404
    assert (
        response.get_json()
        == {
            "error": response.get_json()["error"],
            "status": 404,
        }
        and "no canned query named 'no-such-query'" in response.get_json()["error"]
    )


INJECTIONS = [
    '"> } ; DROP ALL ; #',
    "x> } INSERT DATA { <a> <b> <c> } #",
    "https://w3id.org/cmkg/id/russia> } ; DROP ALL ; #",
    "https://w3id.org/cmkg/id/a b",
    "https://w3id.org/cmkg/id/russia>",
    "russia } UNION { ?s ?p ?o",
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("param", ["actor", "resource"])
def test_injection_attempts_are_rejected_and_change_nothing(
    mini_app: Flask, api: FlaskClient, param: str, value: str
) -> None:
    from server.state import current_store

    with mini_app.app_context():
        before = sorted(str(q) for q in current_store())
    response = api.get("/queries/proposals", query_string={param: value})
    assert response.status_code == 400
    assert response.get_json()["error"].startswith(f"parameter {param} must be")
    with mini_app.app_context():
        assert sorted(str(q) for q in current_store()) == before


def test_openapi_document_validates_and_lists_every_query(api: FlaskClient) -> None:
    response = api.get("/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    validate(document)
    assert document["openapi"].startswith("3.")
    for name, query in load_queries().items():
        operation = document["paths"][f"/queries/{name}"]["get"]
        declared = {p["name"]: p for p in operation["parameters"]}
        assert set(declared) == {p.name for p in query.params} | {"format"}
        for p in query.params:
            assert declared[p.name]["required"] is p.required
    as_of = document["paths"][CONFLICTS]["get"]["parameters"][0]
    assert as_of["schema"] == {"type": "string", "format": "date"}


def test_html_results_link_project_iris_to_this_server(api: FlaskClient) -> None:
    page = api.get("/queries/dependencies?format=html").get_data(as_text=True)
    assert 'href="/id/dependency-mp-china"' in page


def test_html_results_link_articles_to_their_reader(api: FlaskClient) -> None:
    page = api.get("/queries/evidence?subject=exploration-offer&format=html").get_data(as_text=True)
    assert 'href="/article/art-a"' in page
