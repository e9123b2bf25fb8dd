"""A tiny, SHACL-conforming corpus written into a temporary project home, for build tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from kg.config import Settings, load_settings
from kg.corpus.files import sha256_text

ARTICLE = "tiny_001"
TEXT = (
    "Putin offers rare earths to US companies.\n"
    "The US Treasury imposed sanctions on Russia in 2022.\n"
    "🔗 Read more: Casino news you should not miss\n"
    "Leave a Reply\n"
)
PROPOSAL_QUOTE = "Putin offers rare earths to US companies."
SANCTION_QUOTE = "The US Treasury imposed sanctions on Russia in 2022."

REGISTRY = """\
@prefix cmkg: <https://w3id.org/cmkg/ontology#> .
@prefix cmkgid: <https://w3id.org/cmkg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

cmkgid:vladimir-putin a cmkg:Person ; rdfs:label "Vladimir Putin"@en ;
    cmkg:jurisdiction cmkgid:russia .
cmkgid:russia a cmkg:Country ; rdfs:label "Russia"@en .
cmkgid:united-states a cmkg:Country ; rdfs:label "United States"@en .
cmkgid:us-companies a cmkg:Company ; rdfs:label "US companies"@en ;
    cmkg:jurisdiction cmkgid:united-states .
cmkgid:us-treasury-department a cmkg:GovernmentBody ; rdfs:label "US Treasury"@en ;
    cmkg:jurisdiction cmkgid:united-states .
cmkgid:rare-earth-elements a cmkg:Resource ; rdfs:label "rare earth elements"@en .
"""


def span(text: str, quote: str) -> dict[str, object]:
    start = text.index(quote)
    return {"start": start, "end": start + len(quote), "quote": quote}


def review_data(text: str = TEXT) -> dict[str, object]:
    return {
        "article": ARTICLE,
        "extractor": "cmkg-rules 0.1.0",
        "candidates": [
            {
                "id": "proposal-00000001",
                "type": "Proposal",
                "status": "accepted",
                "origin": "extractor",
                "confidence": 0.8,
                "node": "putin-rare-earth-offer",
                "label": "Putin offers rare earths to US companies",
                "properties": {
                    "proposedBy": ["vladimir-putin"],
                    "proposedTo": ["us-companies"],
                    "concernsResource": ["rare-earth-elements"],
                    "date": ["2025-02-24"],
                },
                "evidence": [{**span(text, PROPOSAL_QUOTE), "sentence": 0}],
            },
            {
                "id": "sanction-00000002",
                "type": "Sanction",
                "status": "candidate",
                "origin": "extractor",
                "confidence": 0.6,
                "properties": {
                    "imposedBy": ["us-treasury-department"],
                    "targets": ["russia"],
                    "startDate": ["2022-02-24"],
                    "status": ["https://w3id.org/cmkg/ontology#InForce"],
                },
                "evidence": [span(text, SANCTION_QUOTE)],
            },
            {
                "id": "meeting-00000003",
                "type": "Meeting",
                "status": "rejected",
                "origin": "extractor",
                "confidence": 0.2,
                "properties": {"participant": ["nobody-known"]},
                "evidence": [{"start": 0, "end": 5, "quote": "not the text"}],
            },
        ],
        "mentions": [{"entity": "vladimir-putin", "start": 0, "end": 5}],
        "unlinked": [],
    }


def write_tiny_corpus(home: Path, *, with_review: bool = True) -> Path:
    """Write the tiny corpus under ``home/corpus``; returns the corpus folder."""
    corpus = home / "corpus"
    (corpus / "articles").mkdir(parents=True, exist_ok=True)
    (corpus / "review").mkdir(exist_ok=True)
    (corpus / "articles" / f"{ARTICLE}.txt").write_bytes(TEXT.encode("utf-8"))
    meta = {
        "id": ARTICLE,
        "title": "Putin offers rare earths",
        "date": "2025-03-01",
        "date_precision": "month",
        "source": f"{ARTICLE}.txt",
        "sha256": sha256_text(TEXT),
    }
    (corpus / "articles" / f"{ARTICLE}.meta.yaml").write_text(yaml.safe_dump(meta), "utf-8")
    (corpus / "entities.ttl").write_text(REGISTRY, "utf-8")
    if with_review:
        write_review(home, review_data())
    return corpus


def write_review(home: Path, data: dict[str, object], article: str = ARTICLE) -> Path:
    path = home / "corpus" / "review" / f"{article}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes): compare before and after."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def settings_for(home: Path) -> Settings:
    """Settings for a project folder, ignoring the caller's ``KG_*`` environment."""
    return load_settings({"home": home}, environ={})
