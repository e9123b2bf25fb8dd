"""The researcher's loop on text nobody wrote the rules for: every dev-set article through
`kg ingest`, `kg extract --all` and `kg build`, then the canned queries over the result.

Regression: new entities the extractor proposes (a minister, a province) stopped the build,
which only the generated corpora (registry names only) and single articles had been run on."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.support.cli import kg
from tests.support.paths import REPO, SEED_CORPUS

DEV = REPO / "tests" / "fixtures" / "devset" / "dev"


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
