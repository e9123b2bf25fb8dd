"""Is the ontology in the OWL 2 DL profile? Asked of the OWL API that ships inside HermiT.jar.

owlready2 bundles HermiT.jar, which contains the OWL API and its ``OWL2DLProfile`` checker.
A ten-line Java program, run with Java's single-file source launcher, loads the ontology
(RDF/XML written by rdflib) and prints one profile violation per line. The launcher compiles
in memory, so it needs a JDK; on a JRE-only machine the check is skipped with a note.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import rdflib

from kg.rdf.terms import curie

_PROGRAM = """\
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import java.io.File;

public class OwlDlProfile {
    public static void main(String[] args) throws Exception {
        OWLOntology ontology = OWLManager.createOWLOntologyManager()
            .loadOntologyFromOntologyDocument(new File(args[0]));
        for (OWLProfileViolation v : new OWL2DLProfile().checkOntology(ontology).getViolations()) {
            System.out.println(v.toString().replace('\\n', ' '));
        }
    }
}
"""
# A short-lived program: the C1 compiler and the serial collector start fastest.
_FAST_START = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")
_IRI = re.compile(r"<([^>\s]+)>")


def dl_profile_violations(graph: rdflib.Graph) -> list[str] | None:
    """OWL 2 DL profile violations of ``graph`` (sorted, deduplicated); None when no JDK."""
    return profile_violations(graph.serialize(format="xml", encoding="utf-8"))


def profile_violations(rdfxml: bytes, timeout: float = 120.0) -> list[str] | None:
    """OWL 2 DL profile violations of an RDF/XML document; None without a JDK 11+."""
    import owlready2  # only for the location of HermiT.jar

    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    if shutil.which("java") is None or shutil.which("javac") is None or not jar.is_file():
        return None
    with tempfile.TemporaryDirectory(prefix="cmkg-profile-") as tmp:
        source = Path(tmp) / "OwlDlProfile.java"
        source.write_text(_PROGRAM, encoding="utf-8")
        document = Path(tmp) / "ontology.owl"
        document.write_bytes(rdfxml)
        done = subprocess.run(
            ["java", *_FAST_START, "-cp", str(jar), str(source), str(document)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if done.returncode != 0:
        if "Exception in thread" not in done.stderr:
            return None  # the launcher itself failed (e.g. Java < 11): treat as no JDK
        first = next(line for line in done.stderr.splitlines() if "Exception" in line)
        return [f"the OWL API could not load the ontology: {first.split(': ', 1)[-1]}"]
    return sorted({_shorten(line) for line in done.stdout.splitlines() if line.strip()})


def _shorten(violation: str) -> str:
    """Drop the axiom dump after `` [`` and write IRIs as ``prefix:local``."""
    text = violation.split(" [", 1)[0].strip()
    return _IRI.sub(lambda m: curie(m.group(1)), text)
