"""bench/agreement.py: two annotations of one article scored with ``kg eval``'s matching."""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import pytest

from kg.extract.evaluate import load_expected
from kg.extract.gazetteer import Registry, load_registry
from tests.support.paths import REPO

TEXT = (
    "Brazil offers rare earths to the United States in a tariff row.\n\n"
    "Brazil's Ministry of Mines and Energy proposed to the United States a joint programme "
    "to build rare earth separation capacity, officials said. "
    "Most Brazilian goods face a 50% U.S. tariff, in place since Aug. 6. "
    "Two Chinese refiners were added to the US entity list on Tuesday.\n"
)

PROPOSAL = "proposed to the United States a joint programme"
TARIFF = "Most Brazilian goods face a 50% U.S. tariff"

BASE = """
date: 2025-11-12
entities:
  - {slug: brazil, type: Country}
  - {slug: united-states, type: Country}
  - {slug: rare-earth-elements, type: Resource}
%(extra)sevents:
  - type: Proposal
    quote: "%(proposal)s"
    properties: {proposedBy: [%(proposer)s], proposedTo: [united-states]}
  - type: Tariff
    quote: "%(tariff)s"
    modality: %(modality)s
    properties: {imposedBy: [united-states], targets: [brazil]}
    date: {value: %(date)s, precision: day}
  - type: %(listing)s
    quote: "added to the US entity list"
    properties: {imposedBy: [united-states]}
conflicts:
  - proposal: "%(proposal)s"
    measure: "%(tariff)s"
"""

A = {
    "proposal": PROPOSAL,
    "proposer": "brazil",
    "tariff": TARIFF,
    "modality": "asserted",
    "date": "2025-08-06",
    "listing": "ExportControl",
    "extra": "",
}


@lru_cache(maxsize=1)
def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("agreement", REPO / "bench" / "agreement.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["agreement"] = module
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=1)
def _registry() -> Registry:
    return load_registry(REPO / "corpus" / "entities.ttl")


def _split(text: str) -> list[tuple[int, int]]:
    """Sentences end at a full stop before a capital or at a line end ("U.S. tariff" holds)."""
    return [(m.start(), m.end()) for m in re.finditer(r".+?(?:\.(?= [A-Z])|$)", text, re.M)]


def _gold(tmp: Path, name: str, **changes: str) -> object:
    path = tmp / f"{name}.expected.yaml"
    path.write_text(BASE % {**A, **changes}, encoding="utf-8")
    return load_expected(path, TEXT, "article")


def _figures(tmp: Path, **changes: str) -> dict[str, tuple[int, int, int]]:
    """(matched, gold, found) of events and conflicts, B against A then A against B, and
    the modality and date agreement of B against A."""
    bench = _bench()
    a, b = _gold(tmp, "a"), _gold(tmp, "b", **changes)
    b_vs_a, a_vs_b = bench.agreement([(a, b, TEXT)], _registry(), _split)
    out = {}
    for name, side in (("b_vs_a", b_vs_a), ("a_vs_b", a_vs_b)):
        row = side.report().row("all")
        out[name] = (row.matched, row.gold, row.found)
        out[f"{name} conflicts"] = (
            side.conflicts.matched,
            side.conflicts.gold,
            side.conflicts.found,
        )
    extras = b_vs_a.extras
    out["modality"] = (extras.modality_right, extras.modality_checked, 0)
    out["dates"] = (extras.date_right, extras.date_checked, 0)
    return out


CASES = [
    # (what B changes, B vs A events, A vs B events, B vs A conflicts)
    ({}, (3, 3, 3), (3, 3, 3), (1, 1, 1)),
    # another quote in the same sentence: the evidence is the sentence, so it still agrees
    ({"tariff": "in place since Aug. 6"}, (3, 3, 3), (3, 3, 3), (1, 1, 1)),
    # a ministry for the gold country fills an actor role, not the reverse
    (
        {
            "proposer": "brazil-ministry-of-mines-and-energy",
            "extra": "  - {slug: brazil-ministry-of-mines-and-energy, type: GovernmentBody}\n",
        },
        (3, 3, 3),
        (2, 3, 3),
        (1, 1, 1),
    ),
    # another type for the same measure: no match either way
    ({"listing": "Sanction"}, (2, 3, 3), (2, 3, 3), (1, 1, 1)),
]


@pytest.mark.parametrize(("changes", "b_vs_a", "a_vs_b", "conflicts"), CASES)
def test_agreement_both_ways(
    tmp_path: Path,
    changes: dict[str, str],
    b_vs_a: tuple[int, int, int],
    a_vs_b: tuple[int, int, int],
    conflicts: tuple[int, int, int],
) -> None:
    figures = _figures(tmp_path, **changes)
    assert figures["b_vs_a"] == b_vs_a
    assert figures["a_vs_b"] == a_vs_b
    assert figures["b_vs_a conflicts"] == conflicts


def test_modality_and_date_disagreements_are_counted_on_matched_events(tmp_path: Path) -> None:
    figures = _figures(tmp_path, modality="planned", date="2025-08-07")
    assert figures["b_vs_a"] == (3, 3, 3)  # modality and dates do not decide a match
    assert figures["modality"] == (2, 3, 0)
    assert figures["dates"] == (0, 1, 0)


def test_a_conflict_on_another_measure_sentence_is_missed(tmp_path: Path) -> None:
    bench = _bench()
    a = _gold(tmp_path, "a")
    b = _gold(tmp_path, "b")
    b.conflicts = [type(c)(c.proposal, "added to the US entity list") for c in b.conflicts]
    b_vs_a, _ = bench.agreement([(a, b, TEXT)], _registry(), _split)
    assert (b_vs_a.conflicts.matched, b_vs_a.conflicts.gold, b_vs_a.conflicts.found) == (0, 1, 1)


def test_disagreements_are_classified_like_explain(tmp_path: Path) -> None:
    bench = _bench()
    a, b = _gold(tmp_path, "a"), _gold(tmp_path, "b", listing="Sanction")
    b_vs_a, _ = bench.agreement([(a, b, TEXT)], _registry(), _split)
    assert [(m.reason, m.event.type) for m in b_vs_a.breakdown.misses] == [
        ("wrong type", "ExportControl")
    ]
    listing = bench.format_direction("B vs A", b_vs_a, True)
    assert "wrong type: article: ExportControl" in listing


def test_only_articles_annotated_in_both_folders_are_paired(tmp_path: Path) -> None:
    bench = _bench()
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a_dir.mkdir()
    b_dir.mkdir()
    for d in (a_dir, b_dir):
        (d / "one.txt").write_text(TEXT, encoding="utf-8")
        (d / "one.expected.yaml").write_text(BASE % A, encoding="utf-8")
    (b_dir / "two.txt").write_text(TEXT, encoding="utf-8")
    (b_dir / "two.expected.yaml").write_text(BASE % A, encoding="utf-8")
    assert [a.article for a, _, _ in bench.load_pair(a_dir, b_dir)] == ["one"]
