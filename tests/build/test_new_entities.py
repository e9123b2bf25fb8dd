"""New entities the extractor proposes (not in the registry) through `kg build`.

Regressions: a mention of a proposed entity stopped the build ("which the registry lacks"),
and two articles proposing the same new entity failed the shapes (two confidences on one
node, because article graphs were validated merged)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from kg.build.dataset import build_dataset
from kg.corpus.files import sha256_text
from kg.errors import KGError
from kg.rdf.terms import article_graph
from tests.support.tiny_corpus import (
    ARTICLE,
    SANCTION_QUOTE,
    TEXT,
    review_data,
    settings_for,
    span,
    write_review,
    write_tiny_corpus,
)

SECOND = "tiny_002"
PERSON = "https://w3id.org/cmkg/id/dana-whitcombe"
MENTIONS = "<https://schema.org/mentions>"


def _proposing(article: str, confidence: float, *extra: dict[str, object]) -> dict[str, object]:
    data = copy.deepcopy(review_data())
    data["article"] = article
    candidates = data["candidates"]
    assert isinstance(candidates, list)
    candidates.append(
        {
            "id": f"person-{article[-3:]}00001",
            "type": "Person",
            "status": "candidate",
            "origin": "extractor",
            "confidence": confidence,
            "node": "dana-whitcombe",
            "label": "Dana Whitcombe",
            "evidence": [span(TEXT, SANCTION_QUOTE)],
        }
    )
    candidates.extend(extra)
    mentions = data.setdefault("mentions", [])
    assert isinstance(mentions, list)
    mentions.append({"entity": "dana-whitcombe", "start": 0, "end": 5})
    return data


def _second_article(home: Path) -> None:
    articles = home / "corpus" / "articles"
    (articles / f"{SECOND}.txt").write_bytes(TEXT.encode("utf-8"))
    meta = {
        "id": SECOND,
        "title": "Putin offers rare earths again",
        "date": "2025-03-02",
        "date_precision": "day",
        "source": f"{SECOND}.txt",
        "sha256": sha256_text(TEXT),
    }
    (articles / f"{SECOND}.meta.yaml").write_text(yaml.safe_dump(meta), "utf-8")


def _mentioning(home: Path, article: str) -> set[str]:
    graph = f"<{article_graph(article)}> ."
    lines = (home / "build" / "cmkg.nq").read_text("utf-8").splitlines()
    return {line.split()[2] for line in lines if line.endswith(graph) and f" {MENTIONS} " in line}


def test_two_articles_proposing_one_new_entity_build(home: Path) -> None:
    write_tiny_corpus(home)
    _second_article(home)
    rejected = {
        "id": "company-00000009",
        "type": "Company",
        "status": "rejected",
        "origin": "extractor",
        "confidence": 0.4,
        "node": "ghost-co",
        "label": "Ghost Co",
        "evidence": [span(TEXT, SANCTION_QUOTE)],
    }
    first = _proposing(ARTICLE, 0.5, rejected)
    mentions = first["mentions"]
    assert isinstance(mentions, list)
    mentions.append({"entity": "ghost-co", "start": 6, "end": 12})
    write_review(home, first)
    write_review(home, _proposing(SECOND, 0.7), SECOND)
    build_dataset(settings_for(home))
    for article in (ARTICLE, SECOND):
        assert f"<{PERSON}>" in _mentioning(home, article)
    assert not any("ghost-co" in iri for iri in _mentioning(home, ARTICLE))


def test_a_mention_of_an_undefined_entity_is_one_clear_error(home: Path) -> None:
    write_tiny_corpus(home)
    data = review_data()
    data["mentions"] = [{"entity": "nobody-knows", "start": 0, "end": 5}]
    write_review(home, data)
    with pytest.raises(KGError, match="neither the registry nor the article's candidates"):
        build_dataset(settings_for(home))
