"""The build cache in segments: a +1 build writes one small segment and links the previous
version's, merges small segments when there are too many, keeps the union of the articles'
closures up to date, and falls back to a full build when a segment is missing; every
incremental build still writes the full build's bytes."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from kg.build import cache as build_cache
from kg.build import outputs
from kg.build.dataset import build_dataset
from kg.config import load_settings
from kg.errors import EnvironmentProblem
from tests.support.event_corpus import write_event_corpus

ARTICLES = 6
DATASET = ("cmkg.nq", "cmkg.trig", "void.ttl")


def _build(home: Path, *, full: bool = False) -> tuple[Path, list[str]]:
    lines: list[str] = []
    summary = build_dataset(
        load_settings({"home": home}, environ={}), progress=lines.append, full=full
    )
    return home / "build" / "versions" / summary.version, lines


def _segments(version: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in version.glob("build-cache-*.seg")}


def _same_as_full(home: Path, fresh: Path) -> None:
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(home / "corpus", fresh / "corpus")
    _build(fresh, full=True)
    for name in DATASET:
        assert (home / "build" / name).read_bytes() == (fresh / "build" / name).read_bytes(), name


def test_each_added_article_writes_one_segment_and_links_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_cache, "MAX_SEGMENTS", 3)
    home = write_event_corpus(tmp_path / "project", ARTICLES)
    version, _ = _build(home)
    first = _segments(version)
    assert len(first) == 1
    for extra in range(1, 5):
        write_event_corpus(home, ARTICLES + extra)
        previous = version
        version, lines = _build(home)
        assert any("starting from the previous store" in line for line in lines), lines
        now, before = _segments(version), _segments(previous)
        assert 2 <= len(now) <= build_cache.MAX_SEGMENTS
        linked = {name for name in now if before.get(name) == now[name]}
        assert len(linked) == len(now) - 1  # one new segment, the rest hard links
        cache = build_cache.read(version, _context(version))
        assert cache is not None and len(cache.articles) == ARTICLES + extra
        assert {e.segment for e in cache.articles.values()} == set(now)
        union: build_cache.Union = {}  # the union kept is that of the entries
        for entry in cache.articles.values():
            build_cache.count(union, entry.derived, 1)
        assert cache.union == union and union
        _same_as_full(home, tmp_path / "fresh")
    assert set(first) & set(_segments(version))  # the big first segment is still linked


def _context(version: Path) -> str:
    """The shared inputs' hash the version's cache was made with."""
    with (version / build_cache.CACHE_FILE).open("rb") as handle:
        cache = pickle.load(handle)
    assert isinstance(cache, build_cache.BuildCache)
    return cache.context


def test_a_missing_segment_means_a_full_build(tmp_path: Path) -> None:
    home = write_event_corpus(tmp_path / "project", ARTICLES)
    version, _ = _build(home)
    assert build_cache.read(version, _context(version)) is not None
    for segment in version.glob("build-cache-*.seg"):
        segment.unlink()
    assert build_cache.read(version, _context(version)) is None
    write_event_corpus(home, ARTICLES + 1)
    _, lines = _build(home)
    assert any("no usable build cache" in line for line in lines), lines
    _same_as_full(home, tmp_path / "fresh")


def test_a_failure_in_the_worker_thread_fails_the_build_and_keeps_the_previous(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search index is written beside the hashing of the files: its error still fails
    the build, which leaves the current build as it was and no half-written version."""
    home = write_event_corpus(tmp_path / "project", ARTICLES)
    version, _ = _build(home)
    files = {name: (home / "build" / name).read_bytes() for name in DATASET}

    def broken(*_args: object) -> int:
        raise EnvironmentProblem("cannot write the search index: disk full")

    monkeypatch.setattr(outputs, "write_rows", broken)
    write_event_corpus(home, ARTICLES + 1)
    with pytest.raises(EnvironmentProblem, match="disk full"):
        _build(home)
    assert (home / "build" / "current").resolve() == version
    assert {name: (home / "build" / name).read_bytes() for name in DATASET} == files
    assert sorted(p.name for p in (home / "build" / "versions").iterdir()) == [version.name]
