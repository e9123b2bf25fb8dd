"""Canned queries: the .rq files in queries/ with their grlc-style ``#+`` headers.

A query file starts with comment lines ``#+ key: value`` that together form a YAML mapping::

    #+ summary: Proposals that conflict with active restrictive measures
    #+ description: ...
    #+ tags: [conflicts, sanctions]
    #+ params:
    #+   as_of: {type: date, default: today, description: ...}
    #+   type: {type: iri, namespace: cmkg, values: [Sanction, Tariff]}  # allowed values
    #+   actor: {type: iri, class: Actor}  # forms suggest names of this class

The files are the single source of the API, the CLI, the HTML listing, the OpenAPI document
and the ``sh:SPARQLExecutable`` descriptions loaded into ``…/graph/queries``.

Parameters are bound by a leading ``VALUES`` clause put first in the query's outermost
``WHERE`` group (:func:`bound_text`), written from the typed RDF terms :func:`parse_value`
makes (their N-Triples form, escaped by pyoxigraph): raw input is never pasted into the query
text. A leading ``VALUES`` lets the planner start from the bound terms (binding them with
Oxigraph's ``substitutions`` instead made some queries 26-43x slower), and it works on any
SPARQL 1.1 store, which a remote backend needs. A query whose row set is a sub-query marks it
with the comment ``#@params`` after its ``{``: the ``VALUES`` goes there instead, since
Oxigraph evaluates a sub-query on its own before joining it. Query files project every
parameter (out of every sub-query that binds it) and test optional ones with
``COALESCE(?v, …)`` (an unbound optional parameter is left out of the ``VALUES`` clause).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph

from kg.errors import InputError, NotFoundError, QuerySyntaxError, UsageError
from kg.rdf.query_files import parse_header
from kg.rdf.terms import BASE, ID, PREFIXES, term
from kg.resources import queries_dir

PARAM_TYPES = ("iri", "date", "string", "integer", "boolean")
QUERY_NS = ID + "query/"
ENDPOINT = BASE + "sparql"
XSD = PREFIXES["xsd"]
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_FORM = re.compile(r"^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_LOCAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_SCHEMES = {"http", "https", "urn"}
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str = ""
    required: bool = False
    default: str | None = None
    namespace: str = "cmkgid"  # prefix for bare local names given to an ``iri`` parameter
    #: the allowed values (header ``values:``), offered as a choice by forms; empty: any
    values: tuple[str, ...] = ()
    #: for ``iri`` parameters, the cmkg class of the expected resources (header ``class:``),
    #: used by forms to suggest names
    cls: str | None = None


@dataclass(frozen=True)
class CannedQuery:
    name: str
    summary: str
    description: str
    tags: tuple[str, ...]
    params: tuple[Param, ...]
    text: str
    form: str  # select | ask | construct | describe

    @property
    def iri(self) -> str:
        return QUERY_NS + self.name


def parse_query_file(path: Path) -> CannedQuery:
    """Read one ``.rq`` file; an unusable header is an :class:`InputError` naming the file."""
    name = path.stem
    if not _NAME.match(name):
        raise InputError(f"{path}: query file names must be lowercase-hyphenated, like timeline.rq")
    text = path.read_text(encoding="utf-8")
    header = parse_header(path, text)
    if not isinstance(header, dict) or not header.get("summary"):
        raise InputError(f"{path}: the #+ header needs at least `summary:`")
    match = _FORM.search("\n".join(ln for ln in text.splitlines() if not ln.startswith("#")))
    if not match:
        raise InputError(f"{path}: no SELECT, ASK, CONSTRUCT or DESCRIBE found")
    tags = header.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    return CannedQuery(
        name=name,
        summary=str(header["summary"]).strip(),
        description=str(header.get("description") or header["summary"]).strip(),
        tags=tuple(str(t) for t in tags),
        params=tuple(_parse_params(path, header.get("params") or {})),
        text=text,
        form=match.group(1).lower(),
    )


def _parse_params(path: Path, raw: Any) -> list[Param]:
    if not isinstance(raw, dict):
        raise InputError(f"{path}: `params:` must map parameter names to their settings")
    params = []
    for name, spec in raw.items():
        spec = spec or {}
        kind = str(spec.get("type", "string")) if isinstance(spec, dict) else ""
        if not _PARAM_NAME.match(str(name)) or kind not in PARAM_TYPES:
            raise InputError(
                f"{path}: parameter {name!r} needs a name like as_of and a type among "
                f"{', '.join(PARAM_TYPES)}"
            )
        default = spec.get("default")
        if isinstance(default, bool):
            default = str(default).lower()
        params.append(
            Param(
                name=str(name),
                type=kind,
                description=str(spec.get("description", "")).strip(),
                required=bool(spec.get("required", False)),
                default=None if default is None else str(default),
                namespace=str(spec.get("namespace", "cmkgid")),
                values=_values(path, str(name), spec.get("values")),
                cls=None if spec.get("class") is None else str(spec["class"]),
            )
        )
    return params


def _values(path: Path, name: str, raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        raise InputError(f"{path}: `values:` of parameter {name} must be a non-empty list")
    return tuple(str(v).lower() if isinstance(v, bool) else str(v) for v in raw)


@cache
def _load_all(folder: Path, stamp: tuple[tuple[str, float], ...]) -> dict[str, CannedQuery]:
    return {path.stem: parse_query_file(path) for path in sorted(folder.glob("*.rq"))}


def load_queries(folder: Path | None = None) -> dict[str, CannedQuery]:
    """Every canned query by name, sorted; re-read when a file changes."""
    folder = folder or queries_dir()
    stamp = tuple((p.name, p.stat().st_mtime) for p in sorted(folder.glob("*.rq")))
    return _load_all(folder, stamp)


def get_query(name: str, folder: Path | None = None) -> CannedQuery:
    queries = load_queries(folder)
    if name not in queries:
        raise NotFoundError(f"no canned query named {name!r}; known: {', '.join(queries)}")
    return queries[name]


def parse_value(param: Param, raw: str) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
    """Turn one raw parameter value into an RDF term, or a :class:`UsageError` naming it."""
    if param.type == "date":
        value = dt.date.today().isoformat() if raw == "today" else raw
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise _bad(param, raw, "a date like 2025-02-24 (or `today`)") from None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise _bad(param, raw, "a date like 2025-02-24 (or `today`)")
        return pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(XSD + "date"))
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", raw.strip()):
            raise _bad(param, raw, "an integer like 10")
        return pyoxigraph.Literal(int(raw))
    if param.type == "boolean":
        if raw.lower() not in _TRUE | _FALSE:
            raise _bad(param, raw, "a boolean: true or false")
        return pyoxigraph.Literal(raw.lower() in _TRUE)
    if param.type == "iri":
        return _parse_iri(param, raw)
    return pyoxigraph.Literal(raw)


def _parse_iri(param: Param, raw: str) -> pyoxigraph.NamedNode:
    expected = "an http(s) IRI, a prefixed name such as cmkg:Sanction, or a slug such as russia"
    prefix, colon, local = raw.partition(":")
    if colon and prefix in PREFIXES and _LOCAL.match(local):
        value = PREFIXES[prefix] + local
    elif not colon and _LOCAL.match(raw):
        value = term(raw) if param.namespace == "cmkg" else PREFIXES[param.namespace] + raw
    elif _IRI.match(raw) and prefix.lower() in _SCHEMES:
        value = raw
    else:
        raise _bad(param, raw, expected)
    try:
        return pyoxigraph.NamedNode(value)
    except ValueError:
        raise _bad(param, raw, expected) from None


def _bad(param: Param, raw: str, expected: str) -> UsageError:
    shown = raw if len(raw) <= 60 else raw[:57] + "..."
    return UsageError(f"parameter {param.name} must be {expected}; got {shown!r}")


Substitutions = dict[
    pyoxigraph.Variable,
    pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple,
]


def bind_params(query: CannedQuery, raw: Mapping[str, str]) -> Substitutions:
    """Validate ``raw`` (name -> text) against the query's parameters; return their terms."""
    known = {p.name: p for p in query.params}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        allowed = ", ".join(known) or "none"
        raise UsageError(
            f"query {query.name} has no parameter {unknown[0]!r}; its parameters: {allowed}"
        )
    bound: Substitutions = {}
    for param in query.params:
        value = raw.get(param.name)
        if value in (None, ""):
            value = param.default
        if value is None:
            if param.required:
                raise UsageError(f"query {query.name} needs parameter {param.name} ({param.type})")
            continue
        parsed = parse_value(param, value)
        if param.values and parsed not in {parse_value(param, v) for v in param.values}:
            raise UsageError(
                f"parameter {param.name} must be one of {', '.join(param.values)}; got {value!r}"
            )
        bound[pyoxigraph.Variable(param.name)] = parsed
    return bound


_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WHERE = re.compile(r"WHERE\b", re.IGNORECASE)


def _outer_where_brace(text: str) -> int | None:
    """The index just after the ``{`` opening the outermost ``WHERE`` group of ``text``.

    Comments, string literals and IRIs are skipped, so a ``#``, ``{`` or ``WHERE`` inside
    them does not count; ``None`` when the query has no ``WHERE {`` at nesting depth 0.
    """
    depth = 0
    index = 0
    after_where = False
    while index < len(text):
        char = text[index]
        skipped = _skip_token(text, index)
        if skipped is not None:
            index = skipped
            after_where = after_where and char == "#"
            continue
        if char == "{":
            if depth == 0 and after_where:
                return index + 1
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and (word := _WHERE.match(text, index)) and not _is_name_char(text, index):
            after_where = True
            index = word.end()
            continue
        elif not char.isspace():
            after_where = False
        index += 1
    return None


def _skip_token(text: str, index: int) -> int | None:
    """The index after the comment, string literal or IRI starting at ``index``, if one does."""
    char = text[index]
    if char == "#":
        end = text.find("\n", index)
        return len(text) if end < 0 else end + 1
    if char in "\"'":
        quote = text[index : index + 3] if text[index : index + 3] == char * 3 else char
        index += len(quote)
        while index < len(text) and not text.startswith(quote, index):
            index += 2 if text[index] == "\\" else 1
        return index + len(quote)
    if char == "<" and (iri := _IRIREF.match(text, index)):
        return iri.end()
    return None


def _comment_starts(text: str) -> set[int]:
    """The indexes of the ``#`` that start comments (not those inside strings or IRIs)."""
    found = set()
    index = 0
    while index < len(text):
        skipped = _skip_token(text, index)
        if skipped is None:
            index += 1
            continue
        if text[index] == "#":
            found.add(index)
        index = skipped
    return found


def _is_name_char(text: str, index: int) -> bool:
    """Whether the character before ``index`` continues a name (``?myWHERE``, ``:WHERE``)."""
    return index > 0 and (text[index - 1].isalnum() or text[index - 1] in "_?$:")


def values_clause(bound: Substitutions) -> str:
    """``VALUES (?a ?b) { (<t1> <t2>) }`` for the bound parameters, variables sorted."""
    names = sorted(bound, key=lambda variable: variable.value)
    variables = " ".join(f"?{variable.value}" for variable in names)
    terms = " ".join(str(bound[variable]) for variable in names)  # N-Triples form, escaped
    return f"VALUES ({variables}) {{ ({terms}) }}"


#: A comment that marks the group the parameters are bound in (see :func:`bound_text`).
BIND_MARK = "#@params"


def bound_text(query: CannedQuery, bound: Substitutions) -> str:
    """``query``'s text with ``bound`` as a leading ``VALUES`` in its outermost ``WHERE``.

    A query whose rows are fixed by a sub-query binds its parameters there instead: the
    comment ``#@params`` right after that group's ``{`` marks the place. Oxigraph evaluates a
    sub-query (``SELECT DISTINCT …``) on its own and joins it afterwards, so a ``VALUES``
    outside it would not narrow it. The clause goes on the line of the ``{`` (before the
    marker), so syntax errors keep their line numbers.
    """
    if not bound:
        return query.text
    at = _bind_mark(query)
    if at is None:
        at = _outer_where_brace(query.text)
    if at is None:
        raise InputError(
            f"canned query {query.name} has parameters but no `WHERE {{` to bind them in"
        )
    return f"{query.text[:at]} {values_clause(bound)}{query.text[at:]}"


def _bind_mark(query: CannedQuery) -> int | None:
    """The index just after the ``{`` the ``#@params`` comment follows; ``None`` if none."""
    comments = _comment_starts(query.text)
    marks = [
        match.start()
        for match in re.finditer(re.escape(BIND_MARK) + r"(?![\w-])", query.text)
        if match.start() in comments
    ]
    if not marks:
        return None
    before = query.text[: marks[0]].rstrip(" \t")
    if len(marks) > 1 or not before.endswith("{"):
        raise InputError(
            f"canned query {query.name}: put one {BIND_MARK} comment, right after the `{{` "
            "of the group that binds the parameters"
        )
    return len(before)


def run_query(
    store: pyoxigraph.Store, query: CannedQuery, raw: Mapping[str, str]
) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples:
    """Run a canned query over the union of all graphs with its parameters bound."""
    text = bound_text(query, bind_params(query, raw))
    try:
        return store.query(text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QuerySyntaxError(f"canned query {query.name} does not parse: {exc}") from None


def query_descriptions_turtle(folder: Path | None = None, endpoint: str = ENDPOINT) -> str:
    """SHACL ``sh:SPARQLExecutable`` descriptions of every canned query, as Turtle.

    Follows the SIB sparql-examples convention (``sh:select``/``sh:ask``/``sh:construct``,
    ``rdfs:comment``, ``schema:keywords``, ``schema:target``); no blank nodes.
    """
    triples = [t for q in load_queries(folder).values() for t in _describe(q, endpoint)]
    prefixes = {p: PREFIXES[p] for p in ("rdf", "rdfs", "sh", "schema", "xsd", "dcterms")}
    prefixes["query"] = QUERY_NS
    prefixes["spex"] = SPEX
    data = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=prefixes)
    return (data or b"").decode("utf-8")


SPEX = "https://purl.expasy.org/sparql-examples/ontology#"
Object = pyoxigraph.NamedNode | pyoxigraph.Literal


def _describe(query: CannedQuery, endpoint: str) -> list[pyoxigraph.Triple]:
    def iri(value: str) -> pyoxigraph.NamedNode:
        return pyoxigraph.NamedNode(value)

    def lit(value: str, lang: str | None = None) -> pyoxigraph.Literal:
        return pyoxigraph.Literal(value, language=lang)

    rdf, rdfs, sh, schema = (PREFIXES[p] for p in ("rdf", "rdfs", "sh", "schema"))
    node = iri(query.iri)
    kind = {"select": "Select", "ask": "Ask", "construct": "Construct", "describe": "Describe"}
    out: list[tuple[pyoxigraph.NamedNode, pyoxigraph.NamedNode, Object]] = [
        (node, iri(rdf + "type"), iri(sh + "SPARQLExecutable")),
        (node, iri(rdf + "type"), iri(sh + f"SPARQL{kind[query.form]}Executable")),
        (node, iri(rdfs + "label"), lit(query.summary, "en")),
        (node, iri(rdfs + "comment"), lit(query.description, "en")),
        (node, iri(sh + query.form), lit(query.text)),
        (node, iri(schema + "target"), iri(endpoint)),
        (node, iri(schema + "identifier"), lit(query.name)),
    ]
    out += [(node, iri(schema + "keywords"), lit(tag)) for tag in query.tags]
    for param in query.params:
        pnode = iri(f"{query.iri}/param/{param.name}")
        out += [
            (node, iri(sh + "parameter"), pnode),
            (pnode, iri(rdf + "type"), iri(sh + "Parameter")),
            (pnode, iri(sh + "name"), lit(param.name)),
            (pnode, iri(sh + "optional"), pyoxigraph.Literal(not param.required)),
            (pnode, iri(sh + "description"), lit(param.description or param.name, "en")),
            (pnode, iri(schema + "valueRequired"), pyoxigraph.Literal(param.required)),
            (pnode, iri(schema + "additionalType"), lit(param.type)),
        ]
        if param.default is not None:
            out.append((pnode, iri(sh + "defaultValue"), lit(param.default)))
    return [pyoxigraph.Triple(*t) for t in out]
