"""The researcher's loop on text nobody wrote the rules for: every dev-set article through
`kg ingest`, `kg extract --all` and `kg build`, then the canned queries over the result.

Regression: new entities the extractor proposes (a minister, a province) stopped the build,
which only the generated corpora (registry names only) and single articles had been run on.

Also the conflict rule's soundness guard on the whole built dev set (issue 11): every conflict
cites a measure that is asserted, not lifted or planned, and scoped in the graph, and none of
its evidence sentences holds only measures the dev gold calls unasserted or unscoped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import yaml

from kg.config import load_settings
from kg.extract.evaluate import PredictedConflict, load_expected, unsound_measure
from kg.rdf.store import open_store
from kg.rdf.terms import INFERRED_GRAPH
from tests.support.cli import kg
from tests.support.paths import REPO, SEED_CORPUS

DEV = REPO / "tests" / "fixtures" / "devset" / "dev"
CMKG = "https://w3id.org/cmkg/ontology#"
ID = "https://w3id.org/cmkg/id/"
OA = "http://www.w3.org/ns/oa#"


def test_the_dev_set_ingests_extracts_and_builds(tmp_path: Path) -> None:
    home = tmp_path / "project"
    (home / "corpus").mkdir(parents=True)
    for registry in ("entities.ttl", "events.ttl"):
        shutil.copy(SEED_CORPUS / registry, home / "corpus" / registry)
    texts = sorted(DEV.glob("*.txt"))
    for text in texts:
        gold = yaml.safe_load(text.with_suffix(".expected.yaml").read_text("utf-8"))
        added = kg(home, "ingest", str(text), "--date", str(gold["date"]))
        assert added.exit_code == 0, added.output
    extracted = kg(home, "extract", "--all")
    assert extracted.exit_code == 0, extracted.output
    built = kg(home, "build", "-q")
    assert built.exit_code == 0, built.output
    assert "Traceback" not in built.output
    listed = kg(home, "query")
    assert listed.exit_code == 0, listed.output
    answered = kg(home, "query", "proposals-conflicting-with-sanctions")
    assert answered.exit_code == 0, answered.output
    articles = kg(
        home,
        "sparql",
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a "
        "<https://w3id.org/cmkg/ontology#Article> } }",
    )
    assert articles.exit_code == 0 and str(len(texts)) in articles.output, articles.output
    assert_conflicts_are_sound(home, texts)


def _objects(store: pyoxigraph.Store, subject: object, name: str) -> set[str]:
    found = store.quads_for_pattern(subject, pyoxigraph.NamedNode(name), None)  # type: ignore[arg-type]
    return {q.object.value for q in found}


def assert_conflicts_are_sound(home: Path, texts: list[Path]) -> None:
    """Each conflict's measure takes part by the rule's letter (asserted, not lifted or
    planned, a scope beyond its imposer's side); in the articles reporting the conflict's
    proposal, the sentences it cites hold a measure the gold calls asserted and scoped (the
    ``kg eval`` count, kg.extract.evaluate.unsound_measure)."""
    settings = load_settings({"home": home}, environ={})
    store = open_store(settings.store, read_only=True)
    conflict = pyoxigraph.NamedNode(CMKG + "Conflict")
    rdf_type = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    inferred = pyoxigraph.NamedNode(INFERRED_GRAPH)
    pairs = {
        (p, m)
        for q in store.quads_for_pattern(None, rdf_type, conflict, inferred)
        for p in _objects(store, q.subject, CMKG + "proposal")
        for m in _objects(store, q.subject, CMKG + "measure")
    }
    assert pairs, "the dev set gives conflicts: the check is not vacuous"
    golds = {
        t.stem: load_expected(t.with_suffix(".expected.yaml"), t.read_text("utf-8"), t.stem)
        for t in texts
    }
    unsound = []
    for p, m in sorted(pairs):
        node = pyoxigraph.NamedNode(m)
        moods = _objects(store, node, CMKG + "modality")
        over = _objects(store, node, CMKG + "status") & {CMKG + "Lifted", CMKG + "Planned"}
        own: set[str] = set()
        for imposer in _objects(store, node, CMKG + "imposedBy"):
            own |= {imposer} | _objects(store, pyoxigraph.NamedNode(imposer), CMKG + "jurisdiction")
        scope = set().union(
            *(
                _objects(store, node, CMKG + n)
                for n in ("targets", "coversResource", "concernsPlace")
            )
        )
        if not (moods <= {CMKG + "Asserted"} and not over and scope - own):
            unsound.append(f"{m}: not asserted or without scope in the graph")
            continue
        quotes: dict[str, list[str]] = {}
        for ev in _objects(store, node, CMKG + "evidence"):
            article = ev.removeprefix(ID + "evidence/").split("/")[0]
            selector = pyoxigraph.NamedNode(ev + "/quote")
            quotes.setdefault(article, []).extend(_objects(store, selector, OA + "exact"))
        proposal_articles = {
            a.rsplit("/", 1)[-1]
            for a in _objects(
                store, pyoxigraph.NamedNode(p), "http://www.w3.org/ns/prov#wasDerivedFrom"
            )
        }
        for article, cited in sorted(quotes.items()):
            predicted = PredictedConflict(p, m, (), tuple(cited))
            if article in proposal_articles and unsound_measure(predicted, golds[article]):
                unsound.append(f"{p} x {m}: unsound in {article}: {cited}")
    del store
    assert not unsound, unsound
