"""Helpers for extractor tests on invented sentences: run one text through the extractor
and read what it linked (registry mentions) and what it proposed (new entity nodes)."""

from __future__ import annotations

from functools import lru_cache

from kg.corpus.review import ReviewFile
from kg.extract.gazetteer import load_registry
from kg.extract.pipeline import Extractor, extract_article, make_extractor
from tests.support.paths import REPO


def run(ex: Extractor, text: str, date: str | None = "2025-04-18") -> ReviewFile:
    return extract_article(text, ex.registry, "t", ex, article_date=date)


def mentioned(review: ReviewFile) -> set[str]:
    return {m.entity for m in review.mentions}


def new_nodes(review: ReviewFile) -> dict[str, str]:
    return {c.node: c.type for c in review.candidates if c.node and c.type != "Role"}


def found(review: ReviewFile) -> set[str]:
    return mentioned(review) | set(new_nodes(review))


@lru_cache(maxsize=1)
def shared_extractor() -> Extractor:
    """One extractor on the project's registry for a whole test session."""
    return make_extractor(load_registry(REPO / "corpus" / "entities.ttl"))


def proposals(body: str) -> list[dict[str, list[str]]]:
    """The roles of every Proposal (kept or held) read from an invented article body."""
    ex = shared_extractor()
    review = run(ex, f"Invented headline for a test\n\n{body}\n", "2025-06-18")
    return [c.properties for c in review.candidates + review.held if c.type == "Proposal"]
