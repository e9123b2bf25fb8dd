"""The ontology's HTML documentation, made once per app with pyLODE.

pyLODE names each term's section after its label (``rdfs:label "Measure status"`` gives
``id="Measurestatus"``) and adds ``1`` on clashes, so ``/ontology#MeasureStatus`` would not
land anywhere. :func:`anchor_local_names` renames those ids (and the links to them) so that
every ``cmkg:`` term's section has its local name as id: ``/ontology#<LocalName>`` works for
every term. A non-cmkg term whose id a cmkg term needs gets ``<prefix>-<id>`` instead.
pyLODE's OntPub profile documents classes and properties only, so the named individuals
(``cmkg:Accepted``, ``cmkg:InForce``, the conflict bases …) get a section of their own,
added by :func:`add_individuals`, with the same kind of anchors.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import rdflib
from flask import Flask

from kg.errors import EnvironmentProblem, NotFoundError
from kg.rdf.terms import CMKG, PREFIXES
from kg.resources import ontology_file
from kg.schema.docs import import_ontpub

CACHE = "kg_ontology_html"
_ID_OR_LINK = re.compile(r'(id="|href="#)([^"]*)"')


def ontology_path() -> Path:
    path = ontology_file()
    if not path.is_file():
        raise NotFoundError(f"the ontology file {path} is missing")
    return path


def ontology_html(app: Flask) -> bytes:
    """The pyLODE page for the ontology, cached on ``app`` until the file changes."""
    path = ontology_path()
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    cached: tuple[tuple[str, int, int], bytes] | None = app.extensions.get(CACHE)
    if cached is None or cached[0] != key:
        cached = (key, render_ontology_html(path).encode("utf-8"))
        app.extensions[CACHE] = cached
    return cached[1]


def render_ontology_html(path: Path) -> str:
    """pyLODE's OntPub HTML for ``path``, with term sections anchored by local name."""
    ontpub = import_ontpub()  # imports pyLODE and undoes the logging set-up its import does
    from pylode import PylodeError

    try:
        publisher = ontpub(ontology=str(path), sort_subjects=True)
        html: str = publisher.make_html()
    except PylodeError as exc:
        raise EnvironmentProblem(f"pyLODE cannot document {path}: {exc}") from None
    fids = {str(k): str(v) for k, v in publisher.fids.items() if v}
    return add_individuals(anchor_local_names(html, fids), path, set(fids))


def anchor_local_names(html: str, fids: dict[str, str]) -> str:
    """Rename pyLODE fragment ids so each cmkg term's id is its local name."""
    wanted = {iri: iri[len(CMKG) :] for iri in fids if iri.startswith(CMKG)}
    taken = set(wanted.values())
    renames: dict[str, str] = {}
    for iri, fid in fids.items():
        if iri in wanted:
            new = wanted[iri]
        elif fid in taken:
            new = f"{_prefix_of(iri)}-{fid}"
        else:
            continue
        if new != fid:
            renames[fid] = new

    def rename(match: re.Match[str]) -> str:
        return f'{match.group(1)}{renames.get(match.group(2), match.group(2))}"'

    return _ID_OR_LINK.sub(rename, html)


def _prefix_of(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return prefix
    return "ext"


def add_individuals(html: str, path: Path, documented: set[str]) -> str:
    """Insert a "Named Individuals" section for the cmkg individuals pyLODE left out."""
    graph = rdflib.Graph().parse(path, format="turtle")
    rdf_type, label = rdflib.RDF.type, rdflib.RDFS.label
    definition = rdflib.URIRef(PREFIXES["skos"] + "definition")
    individuals = sorted(
        str(s)
        for s in set(graph.subjects(rdf_type, rdflib.OWL.NamedIndividual))
        if str(s).startswith(CMKG) and str(s) not in documented
    )
    if not individuals:
        return html
    entries = []
    for iri in individuals:
        node = rdflib.URIRef(iri)
        local = iri[len(CMKG) :]
        name = _english(graph, node, label) or local
        types = sorted(
            str(t)[len(CMKG) :] for t in graph.objects(node, rdf_type) if str(t).startswith(CMKG)
        )
        rows = [f"<tr><th>IRI</th><td><code>{_e(iri)}</code></td></tr>"]
        if types:
            links = ", ".join(f'<a href="#{_e(t)}">{_e(t)}</a>' for t in types)
            rows.append(f"<tr><th>Type</th><td>{links}</td></tr>")
        text = _english(graph, node, definition)
        if text:
            rows.append(f"<tr><th>Definition</th><td><p>{_e(text)}</p></td></tr>")
        entries.append(
            f'<div class="property entity" id="{_e(local)}"><h3>{_e(name)} '
            '<sup class="sup-ni" title="OWL Named Individual">ni</sup></h3>'
            f"<table>{''.join(rows)}</table></div>"
        )
    section = (
        '<div class="section" id="namedindividuals"><h2>Named Individuals</h2>\n'
        + "\n".join(entries)
        + "\n</div>\n"
    )
    marker = '<div id="namespaces">'
    at = html.find(marker)
    return html[:at] + section + html[at:] if at >= 0 else html + section


def _english(graph: rdflib.Graph, node: rdflib.URIRef, predicate: rdflib.URIRef) -> str:
    values = sorted(
        (0 if getattr(v, "language", None) in ("en", None) else 1, str(v))
        for v in graph.objects(node, predicate)
    )
    return values[0][1] if values else ""


def _e(text: str) -> str:
    return html_lib.escape(text, quote=True)
