"""The project's IRIs and namespaces (docs/architecture.md "IRIs"), in one place."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

BASE = "https://w3id.org/cmkg/"
CMKG = BASE + "ontology#"
ONTOLOGY = BASE + "ontology"
ID = BASE + "id/"
ARTICLE = BASE + "article/"
GRAPH = BASE + "graph/"
ONTOLOGY_GRAPH = GRAPH + "ontology"
ENTITIES_GRAPH = GRAPH + "entities"
INFERRED_GRAPH = GRAPH + "inferred"
QUERIES_GRAPH = GRAPH + "queries"

PREFIXES: dict[str, str] = {
    "cmkg": CMKG,
    "cmkgid": ID,
    "article": ARTICLE,
    "graph": GRAPH,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "schema": "https://schema.org/",
    "time": "http://www.w3.org/2006/time#",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "wd": "http://www.wikidata.org/entity/",
}

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_slug(text: str) -> bool:
    """True for stable lowercase hyphenated slugs such as ``vladimir-putin``."""
    return bool(_SLUG.match(text))


# letters that NFKD does not split into a base letter and an accent ("Głogów", "Kırka")
_UNDECOMPOSED = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ħ": "h",
    }
)


def slugify(text: str) -> str:
    """``"Scott Bessent"`` -> ``"scott-bessent"``; accents are dropped (``"Stéphane
    Séjourné"`` -> ``"stephane-sejourne"``, ``"Głogów"`` -> ``"glogow"``) and so are
    apostrophes inside a word (``"Tom O'Leary"`` -> ``"tom-oleary"``), other
    non-alphanumerics become hyphens."""
    plain = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    plain = plain.encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"(?<=\w)['’](?=\w)", "", plain)  # "O'Leary" -> "oleary"
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def leading_slug(slug: str, known: Collection[str]) -> str | None:
    """The longest proper leading part of ``slug`` that is in ``known``: the country a new
    body's slug opens with (``"kenya-ministry-of-mining"`` -> ``"kenya"``); None when none."""
    parts = slug.split("-")
    for n in range(len(parts) - 1, 0, -1):
        head = "-".join(parts[:n])
        if head in known:
            return head
    return None


def entity_iri(slug: str) -> str:
    return ID + slug


def article_iri(article_id: str) -> str:
    return ARTICLE + article_id


def article_graph(article_id: str) -> str:
    return GRAPH + article_id


def term(local: str) -> str:
    """An ontology term: ``term("Proposal")`` -> ``https://w3id.org/cmkg/ontology#Proposal``."""
    return CMKG + local


def split_iri(iri: str) -> tuple[str, str] | None:
    """``https://w3id.org/cmkg/id/russia`` -> ``("cmkgid", "russia")``: the project prefix
    whose namespace begins ``iri`` (the longest wins) and the rest; None when none fits."""
    matches = [(p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns)]
    if not matches:
        return None
    prefix, namespace = max(matches, key=lambda pn: len(pn[1]))
    return prefix, iri[len(namespace) :]


def curie(iri: str, *, brackets: bool = True) -> str:
    """The one IRI shortener: ``cmkgid:russia`` when a project prefix fits ``iri`` (with a
    local name), else ``<iri>`` (or the bare IRI with ``brackets=False``)."""
    split = split_iri(iri)
    if split and split[1]:
        return f"{split[0]}:{split[1]}"
    return f"<{iri}>" if brackets else iri


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
