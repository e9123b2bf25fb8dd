"""The full-text index written by ``kg build`` (SQLite FTS5) and how it ranks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kg.config import Settings
from kg.errors import EnvironmentProblem, UsageError
from kg.publish.search import INDEX_FILE, complete, match_expression, search


def test_build_writes_the_index(seed_build: Settings) -> None:
    index = seed_build.build / INDEX_FILE
    with sqlite3.connect(index) as db:
        kinds = dict(db.execute("SELECT iri, kind FROM docs").fetchall())
    assert kinds["https://w3id.org/cmkg/id/vladimir-putin"] == "Person"
    assert kinds["https://w3id.org/cmkg/id/putin-rare-earth-offer-2025"] == "Proposal"
    assert not any("/id/evidence/" in iri for iri in kinds)


@pytest.mark.parametrize(
    ("words", "first"),
    [
        ("putin", "vladimir-putin"),
        ("Putin", "vladimir-putin"),
        ("kremlin", "russian-government"),  # an alias
        ("rare earth elem", "rare-earth-elements"),  # the last word as a prefix
    ],
)
def test_ranking(seed_build: Settings, words: str, first: str) -> None:
    hits, total = search(seed_build.build / INDEX_FILE, words)
    assert total >= len(hits) > 0
    assert hits[0].iri.rsplit("/", 1)[-1] == first


def test_quotes_are_searched_with_snippets(seed_build: Settings) -> None:
    hits, _ = search(seed_build.build / INDEX_FILE, "grind")
    assert hits and "\x02grind\x03" in hits[0].snippet


def test_paging(seed_build: Settings) -> None:
    index = seed_build.build / INDEX_FILE
    everything, total = search(index, "putin", limit=50)
    second, _ = search(index, "putin", limit=2, offset=2)
    assert [h.iri for h in second] == [h.iri for h in everything[2:4]] and total == len(everything)


def test_user_text_is_never_fts_syntax() -> None:
    assert match_expression('putin OR "x" NEAR(') == '"putin" "OR" "x" "NEAR"*'
    with pytest.raises(UsageError):
        match_expression(" *** ")


def test_complete_by_class(seed_build: Settings) -> None:
    index = seed_build.build / INDEX_FILE
    assert [h.label for h in complete(index, "vlad", "Actor")] == ["Vladimir Putin"]
    assert complete(index, "vlad", "Resource") == []


def test_missing_index_says_to_build(tmp_path: Path) -> None:
    with pytest.raises(EnvironmentProblem, match="kg build"):
        search(tmp_path / INDEX_FILE, "putin")
