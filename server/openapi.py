"""The OpenAPI 3.1 document of the canned-query API, generated from the query files."""

from __future__ import annotations

from typing import Any

from kg import __version__
from kg.publish.canned import CannedQuery, Param
from kg.rdf.formats import HTML, JSON_LD, QUERY_GRAPH_OFFERS, QUERY_RESULT_OFFERS, RESULTS_JSON

_SCHEMAS: dict[str, dict[str, Any]] = {
    "iri": {"type": "string", "format": "iri"},
    "date": {"type": "string", "format": "date"},
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "boolean": {"type": "boolean"},
}
_ROW_MEDIA = {
    fmt.media_type: {"schema": {"$ref": "#/components/schemas/SparqlJson"}}
    if fmt is RESULTS_JSON
    else {"schema": {"type": "string"}}
    for fmt in (*QUERY_RESULT_OFFERS, HTML)
}
_GRAPH_MEDIA = {
    fmt.media_type: {"schema": {"type": "object" if fmt is JSON_LD else "string"}}
    for fmt in (*QUERY_GRAPH_OFFERS, HTML)
}
_ERROR = {
    "description": "What to fix, as `{error, status}`",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
_TIMEOUT = {
    **_ERROR,
    "description": "The query ran longer than the server's timeout and was stopped, or every "
    "query worker stayed busy that long; `{error, status}`",
}
_RESULT_HEADERS = {
    "X-Result-Truncated": {
        "description": "`true` when the answer was cut at the server's row cap (KG_MAX_ROWS)",
        "schema": {"type": "string", "enum": ["true"]},
    },
    "X-Result-Limit": {
        "description": "Rows (or triples) kept when the answer was cut",
        "schema": {"type": "integer"},
    },
    "X-Cache": {
        "description": "`hit` when the answer came from the server's answer cache",
        "schema": {"type": "string", "enum": ["hit", "miss"]},
    },
}


def _param(param: Param) -> dict[str, Any]:
    schema = dict(_SCHEMAS[param.type])
    if param.default is not None and param.default != "today":
        schema["default"] = param.default == "true" if param.type == "boolean" else param.default
    description = param.description or param.name
    if param.default == "today":
        description += " Default: today."
    if param.values:
        description += f" One of: {', '.join(param.values)}."
    return {
        "name": param.name,
        "in": "query",
        "required": param.required,
        "description": description,
        "schema": schema,
    }


def _operation(query: CannedQuery) -> dict[str, Any]:
    graph = query.form in ("construct", "describe")
    formats = ["ttl", "nt", "jsonld", "html"] if graph else ["json", "csv", "tsv", "xml", "html"]
    format_param = {
        "name": "format",
        "in": "query",
        "required": False,
        "description": "Result format; overrides the Accept header.",
        "schema": {"type": "string", "enum": formats},
    }
    return {
        "get": {
            "operationId": query.name.replace("-", "_"),
            "summary": query.summary,
            "description": query.description,
            "tags": list(query.tags) or ["queries"],
            "parameters": [*(_param(p) for p in query.params), format_param],
            "responses": {
                "200": {
                    "description": "The query's results",
                    "headers": _RESULT_HEADERS,
                    "content": _GRAPH_MEDIA if graph else _ROW_MEDIA,
                },
                "400": _ERROR,
                "503": _TIMEOUT,
            },
        }
    }


def openapi_document(queries: dict[str, CannedQuery]) -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/queries": {
            "get": {
                "operationId": "list_queries",
                "summary": "List the canned queries with their parameters",
                "responses": {
                    "200": {
                        "description": "The canned queries",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/QueryList"}
                            },
                            "text/html": {"schema": {"type": "string"}},
                        },
                    }
                },
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "This document",
                "responses": {
                    "200": {
                        "description": "OpenAPI 3.1 document",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    }
    for name, query in queries.items():
        paths[f"/queries/{name}"] = _operation(query)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Critical Minerals Knowledge Graph: canned queries",
            "version": __version__,
            "description": "Each canned query is a SPARQL file in queries/; parameters are "
            "validated by type and bound by the engine, never spliced into the query text.",
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "paths": paths,
        "components": {"schemas": _COMPONENTS},
    }


_COMPONENTS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error", "status"],
        "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
    },
    "SparqlJson": {
        "type": "object",
        "properties": {
            "head": {"type": "object"},
            "results": {"type": "object"},
            "boolean": {"type": "boolean"},
        },
    },
    "QueryList": {
        "type": "object",
        "properties": {
            "queries": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "summary": {"type": "string"},
                        "description": {"type": "string"},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "form": {"type": "string"},
                        "iri": {"type": "string"},
                        "url": {"type": "string"},
                        "params": {"type": "array", "items": {"type": "object"}},
                    },
                },
            }
        },
    },
}
