"""Canned queries: the .rq headers, parameter validation and binding, the SHACL descriptions."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pyoxigraph
import pytest

from kg.errors import InputError, NotFoundError, UsageError
from kg.publish.canned import (
    QUERY_NS,
    CannedQuery,
    Param,
    bind_params,
    bound_text,
    get_query,
    load_queries,
    parse_query_file,
    parse_value,
    query_descriptions_turtle,
    run_query,
)
from kg.resources import queries_dir
from tests.support.minikg import mini_store

XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"
SCHEMA = "https://schema.org/"
REQUIRED_QUERIES = {
    "proposals-conflicting-with-sanctions",
    "active-measures",
    "proposals",
    "actor-profile",
    "resource-profile",
    "regions-in-proposals",
    "contested-claims",
    "evidence",
    "market-concentration",
    "meetings-and-channels",
    "timeline",
    "dependencies",
}
SAMPLE_VALUES = {
    "as_of": "2026-03-01",
    "include_candidates": "true",
    "type": "Sanction",
    "actor": "vladimir-putin",
    "resource": "rare-earth-elements",
    "subject": "aluminium-offer",
}

HEADER = """#+ summary: Things by label
#+ description: |
#+   Finds things.
#+ tags: [demo, labels]
#+ params:
#+   name: {type: string, required: true, description: The label}
#+   limit: {type: integer, default: 10}
#+   flag: {type: boolean, default: false}
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?name ?limit ?flag WHERE { ?s rdfs:label ?l FILTER(STR(?l) = ?name) }
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_required_query_ships_with_a_summary_and_typed_params() -> None:
    queries = load_queries()
    assert set(queries) >= REQUIRED_QUERIES
    for query in queries.values():
        assert query.summary and query.description and query.tags, query.name
        for param in query.params:
            assert param.type in {"iri", "date", "string", "integer", "boolean"}
            assert param.description, f"{query.name}.{param.name} lacks a description"


def test_header_is_parsed_as_yaml(tmp_path: Path) -> None:
    query = parse_query_file(write(tmp_path, "by-label", HEADER))
    assert query.name == "by-label" and query.form == "select"
    assert query.summary == "Things by label"
    assert query.description == "Finds things."
    assert query.tags == ("demo", "labels")
    assert query.params == (
        Param("name", "string", "The label", required=True),
        Param("limit", "integer", "", default="10"),
        Param("flag", "boolean", "", default="false"),
    )
    assert query.iri == QUERY_NS + "by-label"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("no-summary", "#+ tags: [a]\nSELECT * WHERE {}", "summary"),
        ("bad-yaml", "#+ summary: [unclosed\nSELECT * WHERE {}", "not valid YAML"),
        ("bad-type", "#+ summary: s\n#+ params:\n#+   x: {type: uri}\nASK {}", "type among"),
        ("bad-params", "#+ summary: s\n#+ params: [x]\nASK {}", "must map"),
        ("no-query", "#+ summary: s\n# only comments\n", "no SELECT"),
        ("Bad_Name", "#+ summary: s\nASK {}", "lowercase-hyphenated"),
    ],
)
def test_bad_query_files_are_input_errors(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        parse_query_file(write(tmp_path, name, text))


def test_unknown_query_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="no canned query named 'nope'; known: "):
        get_query("nope")


IRI = pyoxigraph.NamedNode
DATE = pyoxigraph.NamedNode(XSD + "date")


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("date", "2020-01-01", pyoxigraph.Literal("2020-01-01", datatype=DATE)),
        ("integer", "42", pyoxigraph.Literal(42)),
        ("integer", "-3", pyoxigraph.Literal(-3)),
        ("boolean", "true", pyoxigraph.Literal(True)),
        ("boolean", "FALSE", pyoxigraph.Literal(False)),
        ("boolean", "1", pyoxigraph.Literal(True)),
        ("string", '"> } ; DROP ALL ; #', pyoxigraph.Literal('"> } ; DROP ALL ; #')),
        ("iri", "russia", IRI("https://w3id.org/cmkg/id/russia")),
        ("iri", "cmkg:Sanction", IRI("https://w3id.org/cmkg/ontology#Sanction")),
        ("iri", "https://w3id.org/cmkg/id/x", IRI("https://w3id.org/cmkg/id/x")),
        ("iri", "urn:isbn:123", IRI("urn:isbn:123")),
    ],
)
def test_values_become_typed_terms(kind: str, raw: str, expected: object) -> None:
    assert parse_value(Param("p", kind), raw) == expected


def test_today_is_the_default_date() -> None:
    term = parse_value(Param("as_of", "date"), "today")
    assert term == pyoxigraph.Literal(dt.date.today().isoformat(), datatype=DATE)


def test_local_names_can_expand_into_the_ontology_namespace() -> None:
    param = Param("type", "iri", namespace="cmkg")
    assert parse_value(param, "Tariff") == IRI("https://w3id.org/cmkg/ontology#Tariff")


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("date", "2020-13-01", "a date"),
        ("date", "yesterday", "a date"),
        ("date", "20200101", "a date"),
        ("integer", "ten", "an integer"),
        ("integer", "1.5", "an integer"),
        ("boolean", "maybe", "a boolean"),
        ("iri", "x> } INSERT DATA { <a> <b> <c> } #", "an http(s) IRI"),
        ("iri", "http://example.org/a b", "an http(s) IRI"),
        ("iri", "http://example.org/a>", "an http(s) IRI"),
        ("iri", '"> } ; DROP ALL ; #', "an http(s) IRI"),
        ("iri", "nope:thing", "an http(s) IRI"),
        ("iri", "", "an http(s) IRI"),
    ],
)
def test_bad_values_name_the_parameter_and_the_type(kind: str, raw: str, expected: str) -> None:
    with pytest.raises(UsageError, match=re.escape(f"parameter p must be {expected}")):
        parse_value(Param("p", kind), raw)


def test_binding_applies_defaults_and_checks_names(tmp_path: Path) -> None:
    query = parse_query_file(write(tmp_path, "by-label", HEADER))
    bound = bind_params(query, {"name": "Russia"})
    assert {v.value: t for v, t in bound.items()} == {
        "name": pyoxigraph.Literal("Russia"),
        "limit": pyoxigraph.Literal(10),
        "flag": pyoxigraph.Literal(False),
    }
    with pytest.raises(UsageError, match="needs parameter name"):
        bind_params(query, {})
    with pytest.raises(UsageError, match="no parameter 'nmae'; its parameters: name, limit"):
        bind_params(query, {"name": "x", "nmae": "y"})


@pytest.mark.parametrize(
    "value", ['"> } ; DROP ALL ; #', 'x" } INSERT DATA { <a> <b> <c> } #', 'Russia" || true']
)
def test_injection_in_a_string_is_a_plain_value_and_changes_nothing(
    tmp_path: Path, value: str
) -> None:
    store = mini_store(infer=False)
    before = len(store)
    query = parse_query_file(write(tmp_path, "by-label", HEADER))
    result = run_query(store, query, {"name": value})
    assert isinstance(result, pyoxigraph.QuerySolutions)
    assert list(result) == []  # no label equals the text, so no rows
    assert len(store) == before
    russia = run_query(store, query, {"name": "Russia"})
    assert isinstance(russia, pyoxigraph.QuerySolutions)
    assert [row["s"] for row in russia] == [IRI("https://w3id.org/cmkg/id/russia")]


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    return mini_store()


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_query_runs_with_its_required_params_only(store: pyoxigraph.Store, name: str) -> None:
    query = get_query(name)
    raw = {p.name: SAMPLE_VALUES[p.name] for p in query.params if p.required}
    result = run_query(store, query, raw)
    assert len(list(result)) > 0, f"{name} returned nothing on the mini KG"  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_query_runs_with_every_param_bound(store: pyoxigraph.Store, name: str) -> None:
    """pyoxigraph substitutes only projected variables: this fails if a query forgets one."""
    query = get_query(name)
    raw = {p.name: SAMPLE_VALUES[p.name] for p in query.params}
    result = run_query(store, query, raw)
    if isinstance(result, pyoxigraph.QuerySolutions):
        names = {v.value for v in result.variables}
        assert {p.name for p in query.params} <= names
        list(result)


def describe_store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(query_descriptions_turtle().encode(), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def test_descriptions_follow_the_sparql_examples_convention() -> None:
    store = describe_store()
    for name, query in load_queries().items():
        node = IRI(QUERY_NS + name)
        types = {q.object for q in store.quads_for_pattern(node, IRI(RDF_TYPE), None)}
        assert IRI(SH + "SPARQLExecutable") in types
        assert IRI(SH + f"SPARQL{query.form.capitalize()}Executable") in types
        texts = [q.object for q in store.quads_for_pattern(node, IRI(SH + query.form), None)]
        assert [t.value for t in texts] == [(queries_dir() / f"{name}.rq").read_text()]
        targets = [q.object for q in store.quads_for_pattern(node, IRI(SCHEMA + "target"), None)]
        assert targets == [IRI("https://w3id.org/cmkg/sparql")]
        keywords = {
            q.object.value for q in store.quads_for_pattern(node, IRI(SCHEMA + "keywords"), None)
        }
        assert keywords == set(query.tags)
        comment = IRI("http://www.w3.org/2000/01/rdf-schema#comment")
        assert [q.object.value for q in store.quads_for_pattern(node, comment, None)] == [
            query.description
        ]


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def test_descriptions_are_deterministic_and_free_of_blank_nodes() -> None:
    text = query_descriptions_turtle()
    assert text == query_descriptions_turtle()
    quads = list(describe_store())
    assert quads
    for quad in quads:
        assert not isinstance(quad.subject, pyoxigraph.BlankNode)
        assert not isinstance(quad.object, pyoxigraph.BlankNode)


def test_descriptions_make_queries_queryable_by_keyword_and_parameter() -> None:
    result = describe_store().query(
        """PREFIX sh: <http://www.w3.org/ns/shacl#> PREFIX schema: <https://schema.org/>
        SELECT ?q ?param WHERE { ?q schema:keywords "conflicts" ; sh:select ?text ;
          sh:parameter/sh:name ?param } ORDER BY ?param"""
    )
    assert isinstance(result, pyoxigraph.QuerySolutions)
    rows = [(row["q"].value, row["param"].value) for row in result]  # type: ignore[union-attr]
    assert rows == [
        (QUERY_NS + "proposals-conflicting-with-sanctions", "as_of"),
        (QUERY_NS + "proposals-conflicting-with-sanctions", "include_candidates"),
    ]


# --- binding by a leading VALUES clause ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", "WHERE {"),
        ("select ?s where{ ?s ?p ?o }", "where{"),
        ("# WHERE { in a comment\nSELECT ?s WHERE { ?s ?p ?o }", "?s WHERE {"),
        ('SELECT ?s WHERE { ?s ?p "WHERE { x" }', "?s WHERE {"),
        ("PREFIX a: <http://x/WHERE#>\nSELECT ?s WHERE { ?s a:p ?o }", "?s WHERE {"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "} WHERE {"),
        ("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }", "?s WHERE {"),
        ("SELECT ?nowhere WHERE { ?nowhere ?p ?o FILTER(?o < 3) }", "?nowhere WHERE {"),
        ("SELECT ?s WHERE { ?s ?p '''WHERE {\n''' }", "?s WHERE {"),
    ],
)
def test_values_go_first_in_the_outermost_where_group(text: str, marker: str) -> None:
    query = parse_query_file_text(text)
    bound = bound_text(query, {pyoxigraph.Variable("x"): pyoxigraph.Literal(1)})
    at = query.text.index(marker) + len(marker)
    clause = ' VALUES (?x) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) }'
    assert bound == query.text[:at] + clause + query.text[at:]
    pyoxigraph.Store().query(bound)  # still parses


def test_a_query_with_parameters_but_no_where_group_is_refused() -> None:
    query = parse_query_file_text("SELECT ?s { ?s ?p ?o }")
    with pytest.raises(InputError, match="no `WHERE \\{`"):
        bound_text(query, {pyoxigraph.Variable("x"): pyoxigraph.Literal(1)})
    assert bound_text(query, {}) == query.text


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("SELECT ?x WHERE { { SELECT ?x WHERE { #@params\n ?x ?p ?o } } }", "?x WHERE {"),
        ("SELECT ?x WHERE { { SELECT ?x WHERE {  #@params trailing words\n?x ?p ?o } } }", "{"),
    ],
)
def test_a_marked_sub_query_gets_the_values(text: str, marker: str) -> None:
    query = parse_query_file_text(text)
    bound = bound_text(query, {pyoxigraph.Variable("x"): pyoxigraph.Literal(1)})
    at = query.text.index("#@params")
    at = query.text.rindex("{", 0, at) + 1
    clause = ' VALUES (?x) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) }'
    assert bound == query.text[:at] + clause + query.text[at:]
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(*(pyoxigraph.NamedNode(f"urn:{n}") for n in "spo")))
    assert list(store.query(bound)) == []  # parses, and the bound ?x narrows the sub-query


@pytest.mark.parametrize(
    "text",
    [
        'SELECT ?x WHERE { ?x ?p "#@params" }',  # inside a string: not a marker
        "SELECT ?x WHERE { ?x ?p ?o } # @params is not it either",
        "SELECT ?x WHERE { ?x ?p ?o #@paramsX\n}",
    ],
)
def test_text_that_is_not_the_marker_leaves_the_values_in_the_outer_group(text: str) -> None:
    query = parse_query_file_text(text)
    bound = bound_text(query, {pyoxigraph.Variable("x"): pyoxigraph.Literal(1)})
    assert bound.index("VALUES") == query.text.index("WHERE {") + len("WHERE {") + 1


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?x WHERE { ?x ?p ?o #@params\n}",  # not right after a `{`
        "SELECT ?x WHERE { #@params\n { SELECT ?x WHERE { #@params\n ?x ?p ?o } } }",
    ],
)
def test_a_misplaced_or_repeated_marker_is_refused(text: str) -> None:
    query = parse_query_file_text(text)
    with pytest.raises(InputError, match="#@params"):
        bound_text(query, {pyoxigraph.Variable("x"): pyoxigraph.Literal(1)})


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_row_carries_the_bound_parameters(store: pyoxigraph.Store, name: str) -> None:
    """A parameter bound in a sub-query must be projected out of it (and out of each step)."""
    query = get_query(name)
    raw = {p.name: SAMPLE_VALUES[p.name] for p in query.params}
    bound = bind_params(query, raw)
    result = run_query(store, query, raw)
    if not isinstance(result, pyoxigraph.QuerySolutions):
        return
    for row in result:
        for variable, term in bound.items():
            assert row[variable] == term, f"{name}: ?{variable.value} is {row[variable]}"


def parse_query_file_text(text: str) -> CannedQuery:
    return CannedQuery("q", "q", "q", (), (), "#+ summary: q\n" + text, "select")


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_values_binding_answers_like_substitutions(store: pyoxigraph.Store, name: str) -> None:
    """The leading VALUES gives the rows Oxigraph's substitutions give, for every query."""
    query = get_query(name)
    raw = {p.name: SAMPLE_VALUES[p.name] for p in query.params}
    bound = bind_params(query, raw)
    by_values = store.query(bound_text(query, bound), use_default_graph_as_union=True)
    by_substitution = store.query(
        query.text, use_default_graph_as_union=True, substitutions=bound or None
    )
    assert type(by_values) is type(by_substitution)
    assert [str(row) for row in by_values] == [str(row) for row in by_substitution]  # type: ignore[union-attr]
