"""Helpers for extractor tests on invented sentences: run one text through the extractor
and read what it linked (registry mentions) and what it proposed (new entity nodes)."""

from __future__ import annotations

from kg.corpus.review import ReviewFile
from kg.extract.pipeline import Extractor, extract_article


def run(ex: Extractor, text: str, date: str | None = "2025-04-18") -> ReviewFile:
    return extract_article(text, ex.registry, "t", ex, article_date=date)


def mentioned(review: ReviewFile) -> set[str]:
    return {m.entity for m in review.mentions}


def new_nodes(review: ReviewFile) -> dict[str, str]:
    return {c.node: c.type for c in review.candidates if c.node and c.type != "Role"}


def found(review: ReviewFile) -> set[str]:
    return mentioned(review) | set(new_nodes(review))
