"""`kg ontology release VERSION`: stamp the version, write the change notes, export the files.

1. In ``ontology/cmkg.ttl`` the header's ``owl:versionIRI`` becomes
   ``https://w3id.org/cmkg/ontology/VERSION``, ``owl:versionInfo`` ``"VERSION"`` and
   ``owl:priorVersion`` the version IRI it had before. Only those lines are rewritten (the
   rest of the file stays as written, so concurrent edits merge cleanly).
2. The diff against the previous release (``--since``, else
   ``build/ontology/<previous>/cmkg.ttl``, else the git tag ``v<previous>``) goes on top of
   ``ontology/CHANGELOG.md`` in Markdown.
3. ``build/ontology/VERSION/`` receives ``cmkg.ttl`` (the released file), ``cmkg.rdf``
   (RDF/XML, for Protégé and the OWL API) and ``cmkg.jsonld``; the server answers the version
   IRI with them.

Every file is written atomically; the export folder is filled aside and renamed into place.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib.namespace import OWL

from kg.errors import ConflictError, InputError, UsageError
from kg.fileio import write_bytes_atomic, write_text_atomic
from kg.rdf.terms import ONTOLOGY
from kg.rdf.turtle import read_turtle
from kg.schema.diff import OntologyDiff, Version, diff_ontologies, read_version, render_markdown
from kg.schema.usage import Usage

_VERSION = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$")
EXPORTS = {"cmkg.ttl": "turtle", "cmkg.rdf": "xml", "cmkg.jsonld": "json-ld"}
CHANGELOG_TITLE = "# Ontology changelog"


def version_iri(version: str) -> str:
    return f"{ONTOLOGY}/{version}"


@dataclass
class Release:
    version: str
    prior: str | None  # the previous versionInfo
    diff: OntologyDiff | None
    folder: Path


def current_version(graph: rdflib.Graph) -> str | None:
    value = graph.value(rdflib.URIRef(ONTOLOGY), OWL.versionInfo)
    return str(value) if value is not None else None


def stamp(text: str, version: str, prior_iri: str | None) -> str:
    """``text`` with the header's versionIRI, versionInfo and priorVersion set."""
    opening = r"<" + re.escape(ONTOLOGY) + r">\s+a\s+owl:Ontology\s*;"
    header = re.search(opening + r"(.*?)\s\.[ \t]*\n", text, re.S)
    if header is None:
        raise InputError(f"the ontology has no `<{ONTOLOGY}> a owl:Ontology ;` header block")
    block = header.group(1)
    new = re.sub(r"\n[ \t]*owl:priorVersion\s+<[^>]*>\s*;", "", block)
    lines = f'\n    owl:versionIRI <{version_iri(version)}> ;\n    owl:versionInfo "{version}" ;'
    if prior_iri is not None:
        lines += f"\n    owl:priorVersion <{prior_iri}> ;"
    new = re.sub(r"\n[ \t]*owl:versionIRI\s+<[^>]*>\s*;", "", new)
    new = re.sub(r"\n[ \t]*owl:versionInfo\s+\"[^\"]*\"\s*;", "", new)
    new = lines + new
    return text[: header.start(1)] + new + text[header.end(1) :]


def _baseline(since: str | None, prior: str | None, ontology: Path, build: Path) -> Version | None:
    if since is not None:  # named by version, never by a machine path, in the changelog
        name = prior or (Path(since).name if Path(since).is_file() else since)
        return Version(name, read_version(since, ontology).graph)
    if prior is None:
        return None
    exported = build / "ontology" / prior / "cmkg.ttl"
    if exported.is_file():
        return Version(prior, read_version(str(exported), ontology).graph)
    try:
        return Version(prior, read_version(f"v{prior}", ontology).graph)
    except UsageError:
        return None  # no export and no tag of the previous version: a first release


def changelog_entry(version: str, prior: str | None, diff: OntologyDiff | None, terms: int) -> str:
    lines = [f"## {version}", ""]
    lines.append(f"Version IRI: <{version_iri(version)}>")
    if prior is not None and prior != version:
        lines.append(f"Prior version: <{version_iri(prior)}>")
    lines.append("")
    if diff is None:
        lines += [f"First recorded release: {terms} cmkg terms.", ""]
    else:
        lines.append(render_markdown(diff, heading="###").rstrip() + "\n")
    return "\n".join(lines) + "\n"


def add_to_changelog(path: Path, version: str, entry: str) -> None:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if re.search(rf"^## {re.escape(version)}\s*$", text, re.M):
        raise ConflictError(f"{path} already has a section for {version}; pick a new version")
    if not text.startswith(CHANGELOG_TITLE):
        intro = (
            f"{CHANGELOG_TITLE}\n\nWritten by `kg ontology release VERSION`: one section per "
            "release,\nnewest first, with the diff against the release before.\n\n"
        )
        text = intro + text
    head, _, rest = text.partition("\n## ")
    body = f"\n## {rest}" if rest else ""
    text = (
        head.rstrip("\n")
        + "\n\n"
        + entry.rstrip("\n")
        + "\n"
        + ("\n" + body.lstrip("\n") if body else "")
    )
    write_text_atomic(path, text)


def export(graph: rdflib.Graph, released: bytes, target: Path) -> None:
    """Write the three formats into ``target`` (replaced as a whole)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        write_bytes_atomic(tmp / "cmkg.ttl", released)
        for name, fmt in EXPORTS.items():
            if name != "cmkg.ttl":
                write_bytes_atomic(tmp / name, graph.serialize(format=fmt, encoding="utf-8"))
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def release(
    version: str,
    ontology: Path,
    changelog: Path,
    build: Path,
    usage: Usage | None = None,
    since: str | None = None,
) -> Release:
    """Stamp ``ontology`` as ``version``, add its changelog section, export it under
    ``build/ontology/<version>/``."""
    if not _VERSION.match(version):
        raise UsageError(f"version {version!r} is not MAJOR.MINOR.PATCH (e.g. 0.2.0)")
    graph = read_turtle(ontology, "ontology")
    prior = current_version(graph)
    baseline = _baseline(since, prior if prior != version else None, ontology, build)
    prior_iri = version_iri(prior) if prior is not None and prior != version else None
    if prior_iri is None:  # re-stamping the version in the file: keep its priorVersion
        kept = graph.value(rdflib.URIRef(ONTOLOGY), OWL.priorVersion)
        prior_iri = str(kept) if kept is not None else None
    text = stamp(ontology.read_text(encoding="utf-8"), version, prior_iri)
    stamped = rdflib.Graph().parse(data=text, format="turtle")
    if current_version(stamped) != version:
        raise InputError(f"could not set owl:versionInfo in {ontology}; fix its header by hand")
    diff = None
    if baseline is not None:
        diff = diff_ontologies(baseline, Version(version, stamped), usage)
    terms = len({s for s in stamped.subjects() if str(s).startswith(ONTOLOGY + "#")})
    entry = changelog_entry(version, prior, diff, terms)
    add_to_changelog(changelog, version, entry)  # first: refuses a version already released
    write_text_atomic(ontology, text)
    folder = build / "ontology" / version
    export(stamped, text.encode("utf-8"), folder)
    return Release(version, prior, diff, folder)
