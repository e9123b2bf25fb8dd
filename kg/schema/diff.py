"""`kg ontology diff OLD NEW`: what changed between two versions of the ontology.

In the spirit of ROBOT's ``diff``: terms added, removed and renamed (a removed term whose
English label or definition an added term of the same kind carries), labels and definitions
changed, and the other axioms (triples) added or removed, per term; the ontology header on
its own. Rendered as plain text or Markdown. A version is a file, a git ``REV:PATH``
(``HEAD~1:ontology/cmkg.ttl``) or a bare revision (``v0.1.0``: its ``ontology/cmkg.ttl``).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import InputError, KGError, UsageError
from kg.rdf.terms import CMKG, ONTOLOGY, curie
from kg.rdf.turtle import describe_syntax_error
from kg.schema.usage import Usage

KINDS = {
    OWL.Class: "class",
    OWL.ObjectProperty: "object property",
    OWL.DatatypeProperty: "datatype property",
    OWL.AnnotationProperty: "annotation property",
    OWL.NamedIndividual: "individual",
}
_TEXT = (RDFS.label, SKOS.definition)


class BreakingChange(KGError):
    """A removed or renamed term that shapes, rules, queries or data still use."""

    exit_code = 1
    http_status = 409


@dataclass(frozen=True)
class Version:
    """One side of a diff: where it came from and its graph."""

    name: str
    graph: rdflib.Graph


@dataclass
class Change:
    """One term's change; ``details`` are its axioms or old/new texts."""

    iri: str
    kind: str
    label: str
    details: list[str] = field(default_factory=list)
    used_by: list[str] = field(default_factory=list)


@dataclass
class OntologyDiff:
    old: str
    new: str
    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    renamed: list[tuple[Change, Change]] = field(default_factory=list)
    relabelled: list[Change] = field(default_factory=list)
    redefined: list[Change] = field(default_factory=list)
    axioms: list[Change] = field(default_factory=list)  # per term present in both
    header: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.renamed
            or self.relabelled
            or self.redefined
            or self.axioms
            or self.header
        )

    @property
    def breaking(self) -> list[Change]:
        """Removed or renamed terms that shapes, rules, queries or data use."""
        gone = self.removed + [old for old, _new in self.renamed]
        return [change for change in gone if change.used_by]


# --- reading versions ----------------------------------------------------------------------


def read_version(spec: str, ontology: Path) -> Version:
    """A file, ``REV:PATH`` or a bare git revision (then ``ontology``'s path in that commit)."""
    path = Path(spec)
    if path.is_file():
        return Version(spec, _parse(path.read_bytes(), spec))
    if path.suffix in {".ttl", ".owl", ".rdf"} and ":" not in spec:
        raise UsageError(f"{spec}: no such file")
    if ":" in spec:
        rev, _, inner = spec.partition(":")
        return Version(spec, _parse(_git_show(rev, inner, ontology.parent), spec))
    top = _git(["rev-parse", "--show-toplevel"], ontology.parent).decode().strip()
    try:
        inner = ontology.resolve().relative_to(Path(top).resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{ontology} is not inside the git checkout {top}") from None
    return Version(spec, _parse(_git_show(spec, inner, ontology.parent), spec))


def _git_show(rev: str, inner: str, cwd: Path) -> bytes:
    if not rev:
        raise UsageError(f"no revision before ':{inner}' (e.g. HEAD~1:{inner})")
    return _git(["show", f"{rev}:{inner}"], cwd)


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed; give the versions as files") from None
    if done.returncode != 0:
        reason = " ".join(done.stderr.decode("utf-8", "replace").split()) or "git failed"
        raise UsageError(f"git {' '.join(args)}: {reason}")
    return done.stdout


def _parse(data: bytes, name: str) -> rdflib.Graph:
    try:
        return rdflib.Graph().parse(data=data, format="turtle")
    except Exception as exc:  # rdflib raises many kinds on bad syntax
        raise InputError(f"{name} is not valid Turtle: {describe_syntax_error(exc)}") from None


# --- comparing -----------------------------------------------------------------------------


def _terms(graph: rdflib.Graph) -> dict[str, str]:
    """Declared cmkg terms and their kind (the first of KINDS that applies)."""
    found: dict[str, str] = {}
    for owl_type, kind in KINDS.items():
        for subject in graph.subjects(RDF.type, owl_type):
            iri = str(subject)
            if iri.startswith(CMKG):
                found.setdefault(iri, kind)
    return found


def _text(graph: rdflib.Graph, iri: str, prop: rdflib.URIRef) -> str:
    values = sorted(str(v) for v in graph.objects(rdflib.URIRef(iri), prop))
    return " | ".join(values)


def _axioms(graph: rdflib.Graph, iri: str) -> set[str]:
    """The term's triples other than label and definition, one readable line each."""
    node = rdflib.URIRef(iri)
    return {_render(node, p, o) for p, o in graph.predicate_objects(node) if p not in _TEXT}


def _render(s: rdflib.term.Node, p: rdflib.term.Node, o: rdflib.term.Node) -> str:
    return f"{_node(s)} {_node(p)} {_node(o)}"


def _node(node: rdflib.term.Node) -> str:
    if isinstance(node, rdflib.URIRef):
        return "a" if node == RDF.type else curie(str(node))
    if isinstance(node, rdflib.Literal):
        return node.n3()
    return str(node)


def _change(graph: rdflib.Graph, iri: str, kind: str) -> Change:
    return Change(iri, kind, _text(graph, iri, RDFS.label), sorted(_axioms(graph, iri)))


def diff_ontologies(old: Version, new: Version, usage: Usage | None = None) -> OntologyDiff:
    """Compare ``old`` with ``new``; ``usage`` marks removed terms that something uses."""
    result = OntologyDiff(old.name, new.name)
    old_terms, new_terms = _terms(old.graph), _terms(new.graph)
    added = [_change(new.graph, i, k) for i, k in sorted(new_terms.items()) if i not in old_terms]
    removed = [_change(old.graph, i, k) for i, k in sorted(old_terms.items()) if i not in new_terms]
    for gone in list(removed):
        twin = _renamed_to(gone, added, old.graph, new.graph)
        if twin is not None:
            removed.remove(gone)
            added.remove(twin)
            result.renamed.append((gone, twin))
    result.added, result.removed = added, removed
    for iri in sorted(set(old_terms) & set(new_terms)):
        kind = new_terms[iri]
        label = _text(new.graph, iri, RDFS.label)
        for prop, bucket in ((RDFS.label, result.relabelled), (SKOS.definition, result.redefined)):
            before, after = _text(old.graph, iri, prop), _text(new.graph, iri, prop)
            if before != after:
                bucket.append(Change(iri, kind, label, [f'"{before}" → "{after}"']))
        before_axioms, after_axioms = _axioms(old.graph, iri), _axioms(new.graph, iri)
        if before_axioms != after_axioms:
            lines = [f"- {a}" for a in sorted(before_axioms - after_axioms)]
            lines += [f"+ {a}" for a in sorted(after_axioms - before_axioms)]
            result.axioms.append(Change(iri, kind, label, lines))
    header = rdflib.URIRef(ONTOLOGY)
    before_h = {_render(header, p, o) for p, o in old.graph.predicate_objects(header)}
    after_h = {_render(header, p, o) for p, o in new.graph.predicate_objects(header)}
    result.header = [f"- {a}" for a in sorted(before_h - after_h)]
    result.header += [f"+ {a}" for a in sorted(after_h - before_h)]
    if usage is not None:
        for change in result.removed + [old_c for old_c, _ in result.renamed]:
            change.used_by = usage.where(change.iri)
    return result


def _renamed_to(
    gone: Change, added: list[Change], old: rdflib.Graph, new: rdflib.Graph
) -> Change | None:
    """The added term of the same kind with the same label or definition, if exactly one."""
    keys = {(p, _text(old, gone.iri, p)) for p in _TEXT if _text(old, gone.iri, p)}
    twins = [
        c
        for c in added
        if c.kind == gone.kind and any(_text(new, c.iri, p) == text for p, text in keys)
    ]
    return twins[0] if len(twins) == 1 else None


# --- rendering -----------------------------------------------------------------------------


def _name(change: Change) -> str:
    label = f' "{change.label}"' if change.label else ""
    return f"{curie(change.iri)} ({change.kind}){label}"


def _sections(diff: OntologyDiff) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """(title, [(entry, sub-lines)]) in a fixed order; empty sections left out."""
    sections: list[tuple[str, list[tuple[str, list[str]]]]] = [
        ("Added terms", [(_name(c), c.details) for c in diff.added]),
        (
            "Removed terms",
            [
                (_name(c) + (f" — used by {', '.join(c.used_by)}" if c.used_by else ""), [])
                for c in diff.removed
            ],
        ),
        (
            "Renamed terms",
            [
                (
                    f"{curie(a.iri)} → {curie(b.iri)} ({b.kind})"
                    + (f" — old name used by {', '.join(a.used_by)}" if a.used_by else ""),
                    [],
                )
                for a, b in diff.renamed
            ],
        ),
        ("Changed labels", [(_name(c), c.details) for c in diff.relabelled]),
        ("Changed definitions", [(_name(c), c.details) for c in diff.redefined]),
        ("Changed axioms", [(_name(c), c.details) for c in diff.axioms]),
        ("Ontology header", [(line, []) for line in diff.header]),
    ]
    return [(title, entries) for title, entries in sections if entries]


def render_text(diff: OntologyDiff) -> str:
    lines = [f"ontology diff {diff.old} → {diff.new}"]
    if diff.empty:
        return "\n".join([*lines, "no changes"]) + "\n"
    for title, entries in _sections(diff):
        lines.append(f"{title} ({len(entries)}):")
        for entry, details in entries:
            lines.append(f"  {entry}")
            lines += [f"      {d}" for d in details]
    return "\n".join(lines) + "\n"


def render_markdown(diff: OntologyDiff, heading: str = "##") -> str:
    lines = [f"{heading} Ontology changes: `{diff.old}` → `{diff.new}`", ""]
    if diff.empty:
        return "\n".join([*lines, "No changes.", ""])
    for title, entries in _sections(diff):
        lines += [f"{heading}# {title} ({len(entries)})", ""]
        for entry, details in entries:
            lines.append(f"- `{entry}`" if title == "Ontology header" else f"- {_md(entry)}")
            lines += [f"  - `{d}`" for d in details]
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
