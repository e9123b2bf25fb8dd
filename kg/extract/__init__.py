"""Stage 2, extraction: article text -> candidate assertions with evidence.

``pipeline`` runs the spaCy pipeline and turns frames into review-file candidates; the
gazetteer links mentions to the entity registry; ``spans``, ``cues`` and ``quantities`` read
one sentence; ``events``, ``measures``, ``claims``, ``actors`` and ``organisations`` build
frames; ``evaluate`` scores the extractor against gold (``kg eval``)."""

from kg.extract.pipeline import Extractor, extract_article, make_extractor

__all__ = ["Extractor", "extract_article", "make_extractor"]
