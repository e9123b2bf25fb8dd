"""Conditions and proposing verbs (invented sentences, none from the dev set).

An offer made on a condition ("… if the government lifts the block") is still an offer
made: kept, as hypothetical; a proposal whose trigger is the proposing verb itself was
made (asserted)."""

from __future__ import annotations

import pytest

from tests.extract.test_modality_hedges import assert_mood

ROWS = [
    (
        "Vale has offered to build a nickel refinery in Sulawesi if Jakarta cuts the royalty.",
        "Proposal",
        "hypothetical",
    ),
    (
        "Rusal offered to start building a smelter in Guinea within a year if the government "
        "lifts the export block.",
        "Proposal",
        "hypothetical",
    ),
    ("Vale has offered to build a nickel refinery in Sulawesi.", "Proposal", "asserted"),
    (
        "Seoul said it had proposed to Hanoi's trade ministry a joint separation plant.",
        "Proposal",
        "asserted",
    ),
    (
        "Kazakhstan restricted exports of tungsten concentrate on Monday.",
        "ExportControl",
        "asserted",
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "mood"), ROWS)
def test_condition_and_proposing_verb(sentence: str, kind: str, mood: str | None) -> None:
    assert_mood(sentence, kind, mood)
