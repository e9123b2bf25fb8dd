"""`kg ontology check`: is the ontology well-formed, documented and consistent?

Steps, each adding one readable line per problem to the report:

1. parse ``cmkg.ttl`` with rdflib and with Oxigraph (both must read the same triples);
2. house rules: the ontology header, every cmkg term declared, labelled and defined in
   English, every cmkg datatype property with an ``rdfs:range``;
3. HermiT (through owlready2, in a fresh World): consistency and unsatisfiable classes;
4. the SHACL shapes parse, conform to SHACL's own shapes (SHACL-SHACL) and use only
   cmkg terms the ontology declares.
"""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import pyshacl
import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD

from kg.errors import EnvironmentProblem, InputError
from kg.iris import CMKG, ONTOLOGY
from kg.validate import describe_report, load_turtle, short_name

DECLARATION_TYPES = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
)
HEADER = (
    OWL.versionIRI,
    OWL.versionInfo,
    DCTERMS.title,
    DCTERMS.description,
    DCTERMS.license,
    DCTERMS.created,
)
# The OWL 2 datatype map (https://www.w3.org/TR/owl2-syntax/#Datatype_Maps): HermiT
# supports these and only these.
_XSD_IN_OWL2 = (
    "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger "
    "long int short byte unsignedLong unsignedInt unsignedShort unsignedByte double float "
    "string normalizedString token language Name NCName NMTOKEN boolean hexBinary "
    "base64Binary anyURI dateTime dateTimeStamp"
)
OWL2_DATATYPES = frozenset(
    [str(RDF.PlainLiteral), str(RDF.XMLLiteral), str(RDFS.Literal), str(OWL.real)]
    + [str(OWL.rational)]
    + [str(XSD) + name for name in _XSD_IN_OWL2.split(" ")]
)

Say = Callable[[str], None]


@dataclass
class CheckReport:
    """What ``kg ontology check`` found; ``problems`` empty means everything passed."""

    ontology: Path
    shapes: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    triples: int = 0
    terms: int = 0
    consistent: bool | None = None  # None: HermiT did not run
    unsatisfiable: list[str] = field(default_factory=list)
    seconds: float = 0.0


def check_ontology(ontology: Path, shapes: Path, say: Say = lambda _line: None) -> CheckReport:
    """Run every check on ``ontology`` and ``shapes``; ``say`` receives progress lines."""
    started = time.perf_counter()
    report = CheckReport(ontology=ontology, shapes=shapes)
    say(f"ontology: {ontology}")
    graph = _parse_both(ontology, report, say)
    declared: set[str] = set()
    if graph is not None:
        declared = {str(s) for t in DECLARATION_TYPES for s in graph.subjects(RDF.type, t)}
        problems = term_problems(graph)
        report.terms = sum(1 for iri in declared if iri.startswith(CMKG))
        report.problems += problems
        outcome = f"{len(problems)} problem(s)" if problems else "ok"
        say(f"labels and definitions of {report.terms} cmkg terms: {outcome}")
        say("reasoning with HermiT (owlready2) ...")
        _reason(graph, report)
        for note in report.notes:
            say(f"  note: {note}")
        if report.consistent is not None:
            unsat = ", ".join(report.unsatisfiable) or "none"
            state = "consistent" if report.consistent else "inconsistent"
            say(f"HermiT: {state}; unsatisfiable classes: {unsat}")
    shape_problems = check_shapes(shapes, declared if graph is not None else None)
    report.problems += shape_problems
    outcome = f"{len(shape_problems)} problem(s)" if shape_problems else "ok"
    say(f"shapes {shapes}: {outcome}")
    report.seconds = time.perf_counter() - started
    return report


def _parse_both(path: Path, report: CheckReport, say: Say) -> rdflib.Graph | None:
    try:
        graph: rdflib.Graph | None = load_turtle(path, "ontology")
    except InputError as exc:
        report.problems.append(exc.message)
        return None
    assert graph is not None
    report.triples = len(graph)
    say(f"parsed with rdflib: {report.triples} triples")
    try:
        quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    except SyntaxError as exc:
        report.problems.append(f"Oxigraph cannot parse {path}: {' '.join(str(exc).split())}")
        return graph
    say(f"parsed with Oxigraph: {len(set(quads))} triples")
    if len(set(quads)) != report.triples:
        report.problems.append(
            f"rdflib reads {report.triples} triples from {path} but Oxigraph reads "
            f"{len(set(quads))}: check literals and IRIs near the end of the file"
        )
    return graph


def term_problems(graph: rdflib.Graph) -> list[str]:
    """House rules: header, declarations, English label and definition, datatype ranges."""
    problems: list[str] = []
    ontology = rdflib.URIRef(ONTOLOGY)
    if (ontology, RDF.type, OWL.Ontology) not in graph:
        problems.append(f"no `<{ONTOLOGY}> a owl:Ontology` header")
    else:
        for prop in HEADER:
            if graph.value(ontology, prop) is None:
                problems.append(f"the ontology header lacks {short_name(prop)}")
    declared: dict[str, set[rdflib.term.Node]] = {}
    for kind in DECLARATION_TYPES:
        for subject in graph.subjects(RDF.type, kind):
            declared.setdefault(str(subject), set()).add(kind)
    used = {str(n) for triple in graph for n in triple if isinstance(n, rdflib.URIRef)}
    for iri in sorted(i for i in used if i.startswith(CMKG)):
        name = short_name(rdflib.URIRef(iri))
        kinds = declared.get(iri)
        if not kinds:
            problems.append(f"{name} is used but not declared (add `{name} a owl:Class` or fix it)")
            continue
        if {OWL.ObjectProperty, OWL.DatatypeProperty} <= kinds:
            problems.append(f"{name} is declared both an object and a datatype property")
        node = rdflib.URIRef(iri)
        for prop, what in ((RDFS.label, "rdfs:label"), (SKOS.definition, "skos:definition")):
            if not any(_is_english(v) for v in graph.objects(node, prop)):
                problems.append(f'{name} has no {what} in English (add {what} "…"@en)')
        if OWL.DatatypeProperty in kinds and graph.value(node, RDFS.range) is None:
            problems.append(f"datatype property {name} has no rdfs:range (e.g. xsd:string)")
    return problems


def _is_english(value: rdflib.term.Node) -> bool:
    return isinstance(value, rdflib.Literal) and (value.language or "").lower() == "en"


def _reason(graph: rdflib.Graph, report: CheckReport) -> None:
    """Run HermiT on ``graph`` and record consistency and unsatisfiable classes."""
    if shutil.which("java") is None:
        raise EnvironmentProblem(
            "HermiT needs Java but `java` is not on PATH: install Java 17 "
            "(e.g. `apt-get install openjdk-17-jre-headless`) and run `kg ontology check` again"
        )
    import owlready2  # heavy import, needed only here

    reasoning_graph, replaced = for_hermit(graph)
    if replaced:
        report.notes.append(
            "HermiT supports only the OWL 2 datatype map; reasoned with "
            + ", ".join(sorted(replaced))
            + " as rdfs:Literal"
        )
    world = owlready2.World()
    try:
        data = reasoning_graph.serialize(format="nt", encoding="utf-8")
        world.get_ontology(ONTOLOGY + "#").load(fileobj=io.BytesIO(data), format="ntriples")
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        # the classes HermiT found equivalent to owl:Nothing
        unsatisfiable = [str(c.iri) for c in world.inconsistent_classes()]
    except owlready2.OwlReadyInconsistentOntologyError:
        report.consistent = False
        report.problems.append(
            "HermiT: the ontology is inconsistent "
            "(check disjointness axioms and the types of named individuals)"
        )
        return
    except owlready2.OwlReadyJavaError as exc:
        report.problems.append(f"HermiT could not reason: {_java_error_line(str(exc))}")
        return
    finally:
        world.close()
    report.consistent = True
    report.unsatisfiable = sorted(
        short_name(rdflib.URIRef(iri)) for iri in unsatisfiable if iri != str(OWL.Nothing)
    )
    for name in report.unsatisfiable:
        report.problems.append(
            f"HermiT: class {name} is unsatisfiable (it can have no members; "
            "look for subclass axioms into disjoint classes)"
        )


def _java_error_line(text: str) -> str:
    """The first informative line of a Java error dump (the exception message)."""
    for line in text.splitlines():
        line = line.strip()
        if "Exception" in line or "Error:" in line:
            return line.split(": ", 1)[-1] if ": " in line else line
    return " ".join(text.split())[:300]


def for_hermit(graph: rdflib.Graph) -> tuple[rdflib.Graph, set[str]]:
    """A copy of ``graph`` that HermiT accepts, and the datatypes it had to replace.

    HermiT refuses datatypes outside the OWL 2 datatype map (``xsd:date`` is one, yet the
    data model needs it). No axiom of ours constrains date values, so reasoning with such a
    datatype read as ``rdfs:Literal`` finds the same consistency and unsatisfiable classes.
    """
    copy = rdflib.Graph()
    replaced: set[str] = set()
    for s, p, o in graph:
        if isinstance(o, rdflib.URIRef) and _unsupported_datatype(str(o)):
            replaced.add(short_name(o))
            o = RDFS.Literal
        elif (
            isinstance(o, rdflib.Literal) and o.datatype and _unsupported_datatype(str(o.datatype))
        ):
            o = rdflib.Literal(str(o))
        copy.add((s, p, o))
    return copy, replaced


def _unsupported_datatype(iri: str) -> bool:
    in_xsd = iri.startswith(str(XSD)) or iri == str(RDF.langString)
    return in_xsd and iri not in OWL2_DATATYPES


def check_shapes(path: Path, declared: set[str] | None) -> list[str]:
    """Problems with the SHACL shapes file (``declared``: the ontology's declared IRIs)."""
    try:
        shapes = load_turtle(path, "SHACL shapes file")
    except InputError as exc:
        return [exc.message]
    problems = [f"shapes: {line}" for line in _meta_shacl_problems(shapes)]
    if declared is not None:
        used = {str(n) for triple in shapes for n in triple if isinstance(n, rdflib.URIRef)}
        for iri in sorted(i for i in used if i.startswith(CMKG) and i not in declared):
            name = short_name(rdflib.URIRef(iri))
            problems.append(f"shapes use {name}, which the ontology does not declare")
    if not any(shapes.subjects(RDF.type, SH.NodeShape)):
        problems.append(f"{path} declares no sh:NodeShape")
    return problems


def _meta_shacl_problems(shapes: rdflib.Graph) -> list[str]:
    """Check the shapes graph against SHACL-SHACL, the shapes of SHACL itself."""
    shacl_shacl = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"
    if not shacl_shacl.is_file():
        return []
    meta = rdflib.Graph().parse(shacl_shacl, format="turtle")
    _conforms, results, _text = pyshacl.validate(shapes, shacl_graph=meta, inference="none")
    assert isinstance(results, rdflib.Graph)
    return describe_report(results)
