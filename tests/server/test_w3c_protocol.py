"""The W3C SPARQL 1.1 Protocol test suite (34 cases), run against a live `kg serve`.

The cases are those of the suite's manifest (sparql11/protocol in the W3C RDF tests): the
same requests, the same expectations (status class, answer format, boolean or rows). Two
adaptations, both needed for any endpoint like this one: updates carry the update token
(without it every update is a 401, which would make the negative cases pass for the wrong
reason), and the graphs the dataset cases load with ``LOAD`` are put with the Graph Store
Protocol instead (this endpoint never fetches). ``query_multiple_dataset`` sends its two
``named-graph-uri`` parameters separately, as the suite's validator does (the manifest's
request path encodes the ``&`` between them).
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pyoxigraph
import pytest

from tests.support.endpoint import AUTH
from tests.support.live import LiveServer, http, live_server

pytestmark = pytest.mark.slow

DATA = "http://kasei.us/2009/09/sparql/data/"
D0, D1, D2, D3 = (f"{DATA}data{n}.rdf" for n in range(4))
FOAF = "http://xmlns.com/foaf/0.1/"
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
BOOLEAN_TYPES = ("application/sparql-results+xml", "application/sparql-results+json")
TABULAR_TYPES = (*BOOLEAN_TYPES, "text/csv", "text/tab-separated-values")
RDF_TYPES = ("application/rdf+xml", "text/turtle", "application/n-triples")


def qs(*pairs: tuple[str, str]) -> str:
    return urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)


@dataclass(frozen=True)
class Step:
    method: str
    query_string: str = ""
    body: bytes | None = None
    content_type: str | None = None
    #: "2xx" (2xx or 3xx) or "4xx"
    status: str = "2xx"
    #: expected answer: "boolean" (true), "tabular", "RDF" or None
    answer: str | None = None
    check: Callable[[bytes], bool] | None = None


@dataclass(frozen=True)
class Case:
    steps: tuple[Step, ...]
    graphs: tuple[str, ...] = field(default=())  # loaded before the case


def ask(text: str, *params: tuple[str, str], method: str = "POST-direct") -> Step:
    if method == "GET":
        return Step("GET", qs(("query", text), *params), answer="boolean")
    if method == "POST-form":
        return Step("POST", qs(*params), qs(("query", text)).encode(), FORM, answer="boolean")
    return Step("POST", qs(*params), text.encode(), QUERY, answer="boolean")


def update(text: str, *params: tuple[str, str]) -> Step:
    return Step("POST", qs(*params), text.encode(), UPDATE)


def bad(
    method: str, query_string: str = "", body: bytes | None = None, ctype: str | None = None
) -> Step:
    return Step(method, query_string, body, ctype, status="4xx")


BOTH = f"ASK {{ <{D1}> a ?type . <{D2}> a ?type . }}"
NAMED = f"ASK {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
PREFIXES = "PREFIX dc: <http://purl.org/dc/terms/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
INSERT_THREE = (
    "DROP ALL ;\nINSERT DATA {\n"
    + "".join(f"  GRAPH <{d}> {{ <{d}> a foaf:Document }}\n" for d in (D1, D2, D3))
    + "} ;\n"
)


def two_but_not_three(graph: str) -> str:
    resource = "<http://purl.org/dc/terms/BibliographicResource>"
    return (
        f"ASK {{ GRAPH <{graph}> {{ <{D1}> a {resource} . <{D2}> a {resource} . }} "
        f"FILTER NOT EXISTS {{ GRAPH <{graph}> {{ <{D3}> a {resource} }} }} }}"
    )


def base_is_resolved(body: bytes) -> bool:
    rows = json.loads(body)["results"]["bindings"]
    return len(rows) == 1 and rows[0]["o"]["type"] == "uri" and rows[0]["o"]["value"] != "test"


CASES: dict[str, Case] = {
    "query_post_form": Case((ask("ASK {}", ("default-graph-uri", D0), method="POST-form"),)),
    "query_dataset_default_graphs_get": Case(
        (ask(BOTH, ("default-graph-uri", D1), ("default-graph-uri", D2), method="GET"),),
        (D1, D2),
    ),
    "query_dataset_default_graphs_post": Case(
        (ask(BOTH, ("default-graph-uri", D1), ("default-graph-uri", D2)),), (D1, D2)
    ),
    "query_dataset_named_graphs_post": Case(
        (ask(NAMED, ("named-graph-uri", D1), ("named-graph-uri", D2)),), (D1, D2)
    ),
    "query_dataset_named_graphs_get": Case(
        (ask(NAMED, ("named-graph-uri", D1), ("named-graph-uri", D2), method="GET"),),
        (D1, D2),
    ),
    "query_dataset_full": Case(
        (
            ask(
                f"ASK {{ <{D3}> a ?type GRAPH ?g1 {{ <{D1}> a ?type }} "
                f"GRAPH ?g2 {{ <{D2}> a ?type }} }}",
                ("default-graph-uri", D3),
                ("named-graph-uri", D1),
                ("named-graph-uri", D2),
            ),
        ),
        (D1, D2, D3),
    ),
    "query_multiple_dataset": Case(
        (
            ask(
                f"ASK FROM <{D3}> {{ GRAPH ?g1 {{ <{D1}> a ?type }} "
                f"GRAPH ?g2 {{ <{D2}> a ?type }} }}",
                ("named-graph-uri", D1),
                ("named-graph-uri", D2),
            ),
        ),
        (D1, D2, D3),
    ),
    "query_get": Case((ask("ASK {}", ("default-graph-uri", D0), method="GET"),)),
    "query_content_type_select": Case(
        (
            Step(
                "POST",
                qs(("default-graph-uri", D0)),
                b"SELECT (1 AS ?value) {}",
                QUERY,
                answer="tabular",
            ),
        )
    ),
    "query_content_type_ask": Case((ask("ASK {}", ("default-graph-uri", D0)),)),
    "query_content_type_describe": Case(
        (
            Step(
                "POST",
                qs(("default-graph-uri", D0)),
                b"DESCRIBE <http://example.org/>",
                QUERY,
                answer="RDF",
            ),
        )
    ),
    "query_content_type_construct": Case(
        (
            Step(
                "POST",
                qs(("default-graph-uri", D0)),
                b"CONSTRUCT { <s> <p> 1 } WHERE {}",
                QUERY,
                answer="RDF",
            ),
        )
    ),
    "update_dataset_default_graph": Case(
        (
            update(
                PREFIXES
                + f"CLEAR ALL ;\nINSERT DATA {{ GRAPH <{D1}> {{ <{D1}> a foaf:Document }} }} ;\n"
                "INSERT { GRAPH <http://example.org/protocol-update-dataset-test/> "
                "{ ?s a dc:BibliographicResource } } WHERE { ?s a foaf:Document }",
                ("using-graph-uri", D1),
            ),
            ask(
                "ASK { GRAPH <http://example.org/protocol-update-dataset-test/> "
                f"{{ <{D1}> a <http://purl.org/dc/terms/BibliographicResource> }} }}"
            ),
        )
    ),
    "update_dataset_default_graphs": Case(
        (
            update(
                PREFIXES
                + INSERT_THREE
                + "INSERT { GRAPH <http://example.org/protocol-update-dataset-graphs-test/> "
                "{ ?s a dc:BibliographicResource } } WHERE { ?s a foaf:Document }",
                ("using-graph-uri", D1),
                ("using-graph-uri", D2),
            ),
            ask(two_but_not_three("http://example.org/protocol-update-dataset-graphs-test/")),
        )
    ),
    "update_dataset_named_graphs": Case(
        (
            update(
                PREFIXES
                + INSERT_THREE
                + "INSERT { GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> "
                "{ ?s a dc:BibliographicResource } } WHERE { GRAPH ?g { ?s a foaf:Document } }",
                ("using-named-graph-uri", D1),
                ("using-named-graph-uri", D2),
            ),
            ask(two_but_not_three("http://example.org/protocol-update-dataset-named-graphs-test/")),
        )
    ),
    "update_dataset_full": Case(
        (
            update(
                PREFIXES
                + INSERT_THREE
                + "INSERT { GRAPH <http://example.org/protocol-update-dataset-full-test/> "
                "{ ?s <http://example.org/in> ?in } } WHERE { { GRAPH ?g { ?s a foaf:Document } "
                'BIND(?g AS ?in) } UNION { ?s a foaf:Document . BIND("default" AS ?in) } }',
                ("using-graph-uri", D1),
                ("using-named-graph-uri", D2),
            ),
            ask(
                "ASK { GRAPH <http://example.org/protocol-update-dataset-full-test/> { "
                f'<{D1}> <http://example.org/in> "default" . '
                f"<{D2}> <http://example.org/in> <{D2}> . }} "
                "FILTER NOT EXISTS { GRAPH <http://example.org/protocol-update-dataset-full-test/> "
                f"{{ <{D3}> ?p ?o }} }} }}"
            ),
        )
    ),
    "update_post_form": Case((Step("POST", "", qs(("update", "CLEAR ALL")).encode(), FORM),)),
    "update_post_direct": Case((update("CLEAR ALL"),)),
    "update_base_uri": Case(
        (
            update(
                "CLEAR GRAPH <http://example.org/protocol-base-test/> ;\n"
                "INSERT DATA { GRAPH <http://example.org/protocol-base-test/> "
                "{ <http://example.org/s> <http://example.org/p> <test> } }"
            ),
            Step(
                "POST",
                "",
                b"SELECT ?o WHERE { GRAPH <http://example.org/protocol-base-test/> "
                b"{ <http://example.org/s> <http://example.org/p> ?o } }",
                QUERY,
                answer="tabular",
                check=base_is_resolved,
            ),
        )
    ),
    "query_post_direct": Case((ask("ASK {}"),)),
    "bad_query_method": Case(
        (bad("PUT", qs(("query", "ASK {}"), ("default-graph-uri", D0)), b"", FORM),)
    ),
    "bad_multiple_queries": Case((bad("GET", qs(("query", "ASK {}"), ("query", "SELECT * {}"))),)),
    "bad_query_wrong_media_type": Case((bad("POST", "", b"ASK {}", "text/plain"),)),
    "bad_query_missing_form_type": Case((bad("POST", "", b"query=ASK%20%7B%7D"),)),
    "bad_query_missing_direct_type": Case((bad("POST", "", b"ASK {}"),)),
    "bad_query_non_utf8": Case(
        (bad("POST", "", "ASK {}".encode("utf-16"), "application/sparql-query; charset=UTF-16"),)
    ),
    "bad_query_syntax": Case((bad("GET", qs(("query", "ASK {"))),)),
    "bad_update_get": Case((bad("GET", qs(("update", "CLEAR ALL"))),)),
    "bad_multiple_updates": Case(
        (
            bad(
                "POST",
                "",
                qs(("update", "CLEAR NAMED"), ("update", "CLEAR DEFAULT")).encode(),
                FORM,
            ),
        )
    ),
    "bad_update_wrong_media_type": Case((bad("POST", "", b"CLEAR NAMED", "text/plain"),)),
    "bad_update_missing_form_type": Case(
        (bad("POST", "", qs(("update", "CLEAR NAMED")).encode()),)
    ),
    "bad_update_non_utf8": Case(
        (
            bad(
                "POST",
                "",
                "CLEAR NAMED".encode("utf-16"),
                "application/sparql-update; charset=UTF-16",
            ),
        )
    ),
    "bad_update_syntax": Case((bad("POST", "", qs(("update", "CLEAR XYZ")).encode(), FORM),)),
    "bad_update_dataset_conflict": Case(
        (
            bad(
                "POST",
                "",
                qs(
                    ("using-named-graph-uri", "http://example/people"),
                    (
                        "update",
                        "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
                        "WITH <http://example/addresses>\n"
                        "DELETE { ?person foaf:givenName 'Bill' }\n"
                        "INSERT { ?person foaf:givenName 'William' }\n"
                        "WHERE { ?person foaf:givenName 'Bill' }",
                    ),
                ).encode(),
                FORM,
            ),
        )
    ),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    home = tmp_path_factory.mktemp("w3c")
    pyoxigraph.Store(str(home / "store"))  # an empty store, closed again
    with live_server(home, home / "store", "--timeout", "10", "--workers", "2") as running:
        yield running


def put_graph(server: LiveServer, graph: str) -> None:
    body = f"<{graph}> a <{FOAF}Document> .\n".encode()
    status, _, answer = http(
        f"{server.base}/store?{qs(('graph', graph))}",
        "PUT",
        body,
        {"Content-Type": "text/turtle", **AUTH},
    )
    assert status in (201, 204), answer


def is_true(content_type: str, body: bytes) -> bool:
    if "json" in content_type:
        return json.loads(body)["boolean"] is True
    parsed = pyoxigraph.parse_query_results(body, format=pyoxigraph.QueryResultsFormat.XML)
    return isinstance(parsed, pyoxigraph.QueryBoolean) and bool(parsed)


def run_step(server: LiveServer, step: Step) -> str | None:
    """None when the step met its expectation, else what went wrong."""
    url = server.endpoint + ("?" + step.query_string if step.query_string else "")
    headers = dict(AUTH)
    if step.content_type is not None:
        headers["Content-Type"] = step.content_type
    status, response_headers, body = http(url, step.method, step.body, headers)
    if step.status == "4xx":
        return None if 400 <= status < 500 else f"expected 4xx, got {status}"
    if not 200 <= status < 400:
        return f"expected 2xx/3xx, got {status}: {body[:300]!r}"
    content_type = response_headers.get("content-type", "").split(";")[0].strip()
    if step.answer == "boolean":
        if content_type not in BOOLEAN_TYPES:
            return f"expected SPARQL XML or JSON results, got {content_type}"
        if not is_true(content_type, body):
            return f"expected true, got {body[:300]!r}"
    elif step.answer == "tabular" and content_type not in TABULAR_TYPES:
        return f"expected tabular results, got {content_type}"
    elif step.answer == "RDF" and content_type not in RDF_TYPES:
        return f"expected an RDF graph, got {content_type}"
    if step.check is not None and not step.check(body):
        return f"unexpected answer {body[:300]!r}"
    return None


def test_the_suite_has_its_34_cases() -> None:
    assert len(CASES) == 34
    assert sum(name.startswith("bad_") for name in CASES) == 14


@pytest.mark.parametrize("name", list(CASES))
def test_w3c_protocol_case(server: LiveServer, name: str) -> None:
    case = CASES[name]
    for graph in case.graphs:
        put_graph(server, graph)
    for number, step in enumerate(case.steps, 1):
        problem = run_step(server, step)
        log = "".join(server.output[-15:])
        assert problem is None, f"{name}, request {number}: {problem}\nserver log:\n{log}"
