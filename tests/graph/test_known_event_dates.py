"""Regression: a measure's stated start date, by its precision, against a known measure's.

A day- or month-precise start six months after a known measure's start is another measure
(China's October 2025 extraterritorial rare-earth rules are not its April 2025 controls,
dev-set article wire-us-china-busan-truce); a year-precise one ("the 2023 duties") may lie
anywhere in its year, and an announcement may precede the effective date by weeks.
"""

from __future__ import annotations

import datetime as dt

import pytest
import rdflib

from kg.corpus.review import Candidate, Evidence
from kg.graph.events import KnownEvents, World, kind_of, signature
from kg.graph.vocabulary import load_ontology, read_vocabulary
from kg.resources import ontology_file
from tests.support.paths import REPO

VOCAB = read_vocabulary(load_ontology(ontology_file()))
KINDS = {c: kind_of(c, VOCAB.measure_classes) for c in VOCAB.event_classes}
WORLD = World.from_registry(rdflib.Graph().parse(REPO / "corpus" / "entities.ttl"))
KNOWN = KnownEvents(rdflib.Graph().parse(REPO / "corpus" / "events.ttl"), KINDS, WORLD)
RARE_EARTHS = {"imposedBy": ["china"], "coversResource": ["rare-earth-elements"]}
ALUMINIUM = {"imposedBy": ["united-states"], "targets": ["russia"], "coversResource": ["aluminium"]}


@pytest.mark.parametrize(
    ("props", "start", "precision", "published", "expected"),
    [
        (RARE_EARTHS, "2025-10-09", "day", "2025-10-31", None),
        (RARE_EARTHS, "2025-10-01", "month", "2025-10-31", None),
        (RARE_EARTHS, "2025-04-04", "day", "2025-10-31", "china-rare-earth-export-controls-2025"),
        (RARE_EARTHS, "2025-04-01", "month", "2025-10-31", "china-rare-earth-export-controls-2025"),
        (ALUMINIUM, "2023-01-01", "year", "2025-02-25", "us-aluminium-duties-2023"),
        (ALUMINIUM, "2023-01-01", None, "2025-02-25", "us-aluminium-duties-2023"),
        (ALUMINIUM, "2023-02-24", "day", "2025-02-25", "us-aluminium-duties-2023"),  # announced
        (ALUMINIUM, "2023-10-01", "month", "2025-02-25", None),
    ],
)
def test_start_dates_by_precision(
    props: dict[str, list[str]],
    start: str,
    precision: str | None,
    published: str,
    expected: str | None,
) -> None:
    properties = {**props, "startDate": [start]}
    if precision is not None:
        properties["datePrecision"] = [precision]
    kind = "ExportControl" if props is RARE_EARTHS else "Tariff"
    candidate = Candidate("x", kind, [Evidence(0, 10, "x" * 10)], properties=properties)
    match = KNOWN.match(signature(candidate, KINDS[kind]), dt.date.fromisoformat(published))
    assert (match.slug if match else None) == expected
