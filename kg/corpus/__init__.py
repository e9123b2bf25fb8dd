"""Stage 1, the corpus: stored article texts and their metadata (files), adding articles
(ingest), finding promo and boilerplate lines (boilerplate), and the review files where
candidates and curator decisions live (review)."""

from kg.corpus.files import ArticleMeta, list_article_ids, read_meta, read_text
from kg.corpus.review import Candidate, Evidence, ReviewFile, load_review, save_review

__all__ = [
    "ArticleMeta",
    "Candidate",
    "Evidence",
    "ReviewFile",
    "list_article_ids",
    "load_review",
    "read_meta",
    "read_text",
    "save_review",
]
