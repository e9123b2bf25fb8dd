"""`kg ontology check`: is the ontology well-formed, documented and consistent?

Steps, each adding one readable line per problem to the report:

1. parse ``cmkg.ttl`` with rdflib and with Oxigraph (both must read the same triples);
2. house rules: the ontology header, every cmkg term declared, labelled and defined in
   English, every cmkg datatype property with an ``rdfs:range``;
3. the OWL 2 DL profile, asked of the OWL API inside HermiT.jar (needs a JDK, else a note);
4. HermiT (through owlready2, in a fresh World): consistency and unsatisfiable classes;
5. the SHACL shapes parse, conform to SHACL's own shapes (SHACL-SHACL) and use only
   cmkg terms the ontology declares.
"""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import pyshacl
import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD

from kg.errors import InputError
from kg.graph.shapes import describe_report
from kg.rdf.terms import CMKG, ONTOLOGY, curie
from kg.rdf.turtle import read_turtle
from kg.schema.profile import profile_violations

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
    """Run every check on ``ontology`` and ``shapes``; ``say`` receives progress lines.

    The two Java steps (OWL 2 DL profile, HermiT) run in worker threads while the shapes are
    checked, so the whole check costs about as much as its slowest step.
    """
    started = time.perf_counter()
    report = CheckReport(ontology=ontology, shapes=shapes)
    say(f"ontology: {ontology}")
    graph = _parse_both(ontology, report, say)
    if graph is None:
        report.problems += _shapes_step(shapes, None, say)
        report.seconds = time.perf_counter() - started
        return report
    declared = {str(s) for t in DECLARATION_TYPES for s in graph.subjects(RDF.type, t)}
    problems = term_problems(graph)
    report.terms = sum(1 for iri in declared if iri.startswith(CMKG))
    report.problems += problems
    outcome = f"{len(problems)} problem(s)" if problems else "ok"
    say(f"labels and definitions of {report.terms} cmkg terms: {outcome}")
    missing_java = java_missing()
    if missing_java:
        shape_problems = check_shapes(shapes, declared)
        say(f"OWL 2 DL profile and HermiT: skipped ({missing_java})")
        report.notes.append(f"OWL 2 DL profile and HermiT skipped: {missing_java}")
    else:
        shape_problems = _java_steps(graph, shapes, declared, report, say)
    report.problems += shape_problems
    say(f"shapes {shapes}: {_outcome(shape_problems, 'problem')}")
    report.seconds = time.perf_counter() - started
    return report


def _java_steps(
    graph: rdflib.Graph, shapes: Path, declared: set[str], report: CheckReport, say: Say
) -> list[str]:
    """The OWL 2 DL profile and HermiT in worker threads while the shapes are checked;
    returns the shape problems."""
    rdfxml = graph.serialize(format="xml", encoding="utf-8")
    hermit_input, replaced = for_hermit(graph)
    ntriples = hermit_input.serialize(format="nt", encoding="utf-8")
    say("checking the OWL 2 DL profile and reasoning with HermiT (Java) ...")
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="cmkg-check") as pool:
        profile = pool.submit(profile_violations, rdfxml)
        reasoning = pool.submit(reason_with_hermit, ntriples)
        shape_problems = check_shapes(shapes, declared)
        violations = profile.result()
        hermit = reasoning.result()
    if violations is None:
        say("OWL 2 DL profile: skipped (it needs a JDK 11+: javac on PATH)")
        report.notes.append("OWL 2 DL profile check skipped: it needs a JDK 11+ (javac on PATH)")
    else:
        report.problems += [f"not OWL 2 DL: {violation}" for violation in violations]
        say(f"OWL 2 DL profile (OWL API): {_outcome(violations, 'violation')}")
    if replaced:
        note = "HermiT knows only the OWL 2 datatype map; reasoned with "
        report.notes.append(note + ", ".join(sorted(replaced)) + " as rdfs:Literal")
        say(f"  note: {report.notes[-1]}")
    report.consistent, report.unsatisfiable = hermit.consistent, hermit.unsatisfiable
    report.problems += hermit.problems
    if hermit.consistent is not None:
        unsat = ", ".join(hermit.unsatisfiable) or "none"
        state = "consistent" if hermit.consistent else "inconsistent"
        say(f"HermiT: {state}; unsatisfiable classes: {unsat}")
    return shape_problems


def _outcome(problems: list[str], what: str) -> str:
    return f"{len(problems)} {what}(s)" if problems else "ok"


def _shapes_step(shapes: Path, declared: set[str] | None, say: Say) -> list[str]:
    problems = check_shapes(shapes, declared)
    say(f"shapes {shapes}: {_outcome(problems, 'problem')}")
    return problems


def _parse_both(path: Path, report: CheckReport, say: Say) -> rdflib.Graph | None:
    try:
        graph: rdflib.Graph | None = read_turtle(path, "ontology")
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
            f"{len(set(quads))}: the parsers disagree; report it with this file"
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
                problems.append(f"the ontology header lacks {curie(str(prop))}")
    declared: dict[str, set[rdflib.term.Node]] = {}
    for kind in DECLARATION_TYPES:
        for subject in graph.subjects(RDF.type, kind):
            declared.setdefault(str(subject), set()).add(kind)
    used = {str(n) for triple in graph for n in triple if isinstance(n, rdflib.URIRef)}
    for iri in sorted(i for i in used if i.startswith(CMKG)):
        name = curie(iri)
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


JAVA_MISSING = (
    "Java is not on PATH; HermiT and the OWL API run in Java: install Java 17 "
    "(e.g. `apt-get install openjdk-17-jre-headless`) to run them"
)


def java_missing() -> str | None:
    """Why the Java steps cannot run (``java`` not on PATH), or None when they can."""
    return JAVA_MISSING if shutil.which("java") is None else None


@dataclass
class Reasoning:
    """HermiT's verdict; ``consistent`` is None when HermiT could not run."""

    consistent: bool | None
    unsatisfiable: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def reason_with_hermit(ntriples: bytes) -> Reasoning:
    """Run HermiT (owlready2, fresh World) on an N-Triples document HermiT accepts."""
    import owlready2  # heavy import, needed only here

    world = owlready2.World()
    try:
        world.get_ontology(ONTOLOGY + "#").load(fileobj=io.BytesIO(ntriples), format="ntriples")
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        # the classes HermiT found equivalent to owl:Nothing
        found = [str(c.iri) for c in world.inconsistent_classes()]
    except owlready2.OwlReadyInconsistentOntologyError:
        return Reasoning(
            consistent=False,
            problems=[
                "HermiT: the ontology is inconsistent "
                "(check disjointness axioms and the types of named individuals)"
            ],
        )
    except owlready2.OwlReadyJavaError as exc:
        detail = _java_error_line(str(exc))
        return Reasoning(consistent=None, problems=[f"HermiT could not reason: {detail}"])
    finally:
        world.close()
    unsatisfiable = sorted(curie(iri) for iri in found if iri != str(OWL.Nothing))
    return Reasoning(
        consistent=True,
        unsatisfiable=unsatisfiable,
        problems=[
            f"HermiT: class {name} is unsatisfiable (it can have no members; "
            "look for subclass axioms into disjoint classes)"
            for name in unsatisfiable
        ],
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
            replaced.add(curie(str(o)))
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
        shapes = read_turtle(path, "SHACL shapes file")
    except InputError as exc:
        return [exc.message]
    problems = [f"shapes: {line}" for line in _meta_shacl_problems(shapes)]
    if declared is not None:
        used = {str(n) for triple in shapes for n in triple if isinstance(n, rdflib.URIRef)}
        for iri in sorted(i for i in used if i.startswith(CMKG) and i not in declared):
            name = curie(iri)
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
