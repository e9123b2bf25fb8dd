"""The article reader's model: the stored text cut into segments at every evidence offset,
each segment knowing the facts whose evidence covers it (rendered as ``<mark>``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from kg.corpus.review import Candidate, ReviewFile
from server.labels import colour


@dataclass
class Fact:
    id: str
    type: str
    label: str
    status: str
    origin: str
    confidence: float
    colour: str
    quotes: list[tuple[int, int, str]]
    #: evidence whose quote is not the stored text at its offsets (not highlighted)
    mismatched: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class Segment:
    text: str
    facts: list[Fact]

    @property
    def primary(self) -> Fact:
        """The fact the segment is coloured by: the one with the shortest evidence here."""
        return self.facts[0]


def _label(candidate: Candidate) -> str:
    if candidate.label:
        return candidate.label
    if candidate.evidence:
        return " ".join(candidate.evidence[0].quote.split())
    return candidate.slug


def facts_of(review: ReviewFile | None, text: str) -> list[Fact]:
    """Every candidate of the review file with its evidence checked against ``text``."""
    facts = []
    for c in review.candidates if review else []:
        fact = Fact(c.id, c.type, _label(c), c.status, c.origin, c.confidence, colour(c.type), [])
        for e in c.evidence:
            inside = 0 <= e.start < e.end <= len(text)
            target = fact.quotes if inside and text[e.start : e.end] == e.quote else fact.mismatched
            target.append((e.start, e.end, e.quote))
        facts.append(fact)
    return facts


def segments(text: str, facts: list[Fact]) -> list[Segment]:
    """``text`` cut at every evidence boundary; overlapping evidence shares segments."""
    cuts = {0, len(text)}
    for fact in facts:
        for start, end, _ in fact.quotes:
            cuts.update((start, end))
    bounds = sorted(cuts)
    out = []
    for start, end in pairwise(bounds):
        covering = [
            (q_end - q_start, order, fact)
            for order, fact in enumerate(facts)
            for q_start, q_end, _ in fact.quotes
            if q_start <= start and end <= q_end
        ]
        covering.sort(key=lambda item: (item[0], item[1]))
        unique: list[Fact] = []
        for _, _, fact in covering:
            if fact not in unique:
                unique.append(fact)
        out.append(Segment(text[start:end], unique))
    return out
