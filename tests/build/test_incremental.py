"""Incremental ``kg build``: content hashes, the nothing-changed path, per-article SHACL reuse,
and the same bytes as a full build of the same inputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.build import manifest
from kg.build.dataset import build_dataset
from kg.config import load_settings
from tests.support.event_corpus import article_id, write_event_corpus
from tests.support.tiny_corpus import ARTICLE, review_data, settings_for, write_review

ARTICLES = 12
DATASET = ("cmkg.nq", "cmkg.trig")


def _build(home: Path, *, full: bool = False) -> tuple[str, list[str]]:
    lines: list[str] = []
    settings = load_settings({"home": home}, environ={})
    summary = build_dataset(settings, progress=lines.append, full=full)
    return summary.version, lines


def _bytes(home: Path) -> dict[str, bytes]:
    return {name: (home / "build" / name).read_bytes() for name in DATASET}


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    return write_event_corpus(tmp_path / "project", ARTICLES)


def test_nothing_changed_keeps_the_current_build(generated: Path) -> None:
    first, _ = _build(generated)
    files = _bytes(generated)
    again, lines = _build(generated)
    assert again == first
    assert f"nothing changed since the current build ({ARTICLES} articles)" in lines
    assert _bytes(generated) == files
    forced, lines = _build(generated, full=True)
    assert forced != first and "full rebuild requested (--full)" in lines
    assert _bytes(generated) == files


def test_one_added_article_revalidates_only_it_and_gives_the_full_build_bytes(
    generated: Path, tmp_path: Path
) -> None:
    _build(generated)
    write_event_corpus(generated, ARTICLES + 1)  # adds one article, rewrites the others alike
    _version, lines = _build(generated)
    assert f"1 of {ARTICLES + 1} articles changed (1 added)" in lines
    assert f"reading review files: 1/1 ({ARTICLES} unchanged, not read again)" in lines
    assert any(
        f"validated {ARTICLES + 1}/{ARTICLES + 1} article graphs ({ARTICLES} unchanged" in line
        for line in lines
    )
    fresh = write_event_corpus(tmp_path / "fresh", ARTICLES + 1)
    _build(fresh, full=True)
    assert _bytes(generated) == _bytes(fresh)


def test_modified_and_removed_articles_are_counted(generated: Path, tmp_path: Path) -> None:
    _build(generated)
    articles = generated / "corpus" / "articles"
    text = articles / f"{article_id(0)}.txt"
    text.write_text(text.read_text("utf-8").replace("report number", "report no."), "utf-8")
    (generated / "corpus" / "review" / f"{article_id(0)}.yaml").unlink()
    for suffix in (".txt", ".meta.yaml"):
        (articles / f"{article_id(5)}{suffix}").unlink()
    (generated / "corpus" / "review" / f"{article_id(5)}.yaml").unlink()
    _version, lines = _build(generated)
    assert f"2 of {ARTICLES - 1} articles changed (1 modified, 1 removed)" in lines
    fresh = tmp_path / "fresh"
    shutil.copytree(generated / "corpus", fresh / "corpus")
    _build(fresh, full=True)
    assert _bytes(generated) == _bytes(fresh)


def test_a_registry_change_rebuilds_and_revalidates_everything(generated: Path) -> None:
    _build(generated)
    registry = generated / "corpus" / "entities.ttl"
    registry.write_text(registry.read_text("utf-8") + "\n# edited\n", "utf-8")
    _version, lines = _build(generated)
    assert any(
        "shared inputs changed (corpus/entities.ttl): rebuilding everything" in line
        for line in lines
    )
    assert any(f"({0} unchanged, not validated again)" in line for line in lines)


def test_a_set_aside_candidate_is_set_aside_again_when_its_article_is_unchanged(
    tiny: Path,
) -> None:
    data = review_data()
    del data["candidates"][1]["properties"]["imposedBy"]  # type: ignore[index]
    write_review(tiny, data)
    first = build_dataset(settings_for(tiny), full=True)
    nquads = (tiny / "build" / "cmkg.nq").read_bytes()
    validated = json.loads((tiny / "build" / "current" / "shacl.json").read_text("utf-8"))
    assert ARTICLE not in validated["articles"]  # an article that needed a set-aside
    registry = tiny / "corpus" / "entities.ttl"
    registry.write_text(registry.read_text("utf-8") + "\n# edited\n", "utf-8")
    again = build_dataset(settings_for(tiny))
    assert again.version != first.version
    assert any("left out candidate sanction-00000002" in w for w in again.warnings)
    assert (tiny / "build" / "cmkg.nq").read_bytes() == nquads
    unchanged = build_dataset(settings_for(tiny))
    assert unchanged.version == again.version and unchanged.warnings == again.warnings


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (None, {"corpus/articles/a.txt": "1", "code": "c"}, "no previous build"),
        (
            {"corpus/articles/a.txt": "1", "code": "c"},
            {"corpus/articles/a.txt": "1", "code": "c"},
            "nothing changed since the current build (1 articles)",
        ),
        (
            {"corpus/articles/a.txt": "1", "corpus/review/a.yaml": "1", "code": "c"},
            {"corpus/articles/a.txt": "1", "corpus/review/a.yaml": "2", "code": "c"},
            "1 of 1 articles changed (1 modified)",
        ),
        (
            {"corpus/articles/a.txt": "1", "ontology/shapes.ttl": "1", "code": "c"},
            {"corpus/articles/a.txt": "1", "ontology/shapes.ttl": "2", "code": "c"},
            "0 of 1 articles changed; shared inputs changed (ontology/shapes.ttl): "
            "rebuilding everything",
        ),
        (
            {"corpus/articles/a.txt": "1", "code": "c"},
            {
                "corpus/articles/a.txt": "1",
                "corpus/articles/b.meta.yaml": "1",
                "corpus/articles/b.txt": "1",
                "code": "d",
            },
            "1 of 2 articles changed (1 added); shared inputs changed (code): "
            "rebuilding everything",
        ),
    ],
)
def test_compare_describes_the_changes(
    before: dict[str, str] | None, after: dict[str, str], expected: str
) -> None:
    assert manifest.compare(before, after).describe().startswith(expected)


@pytest.mark.parametrize(
    ("name", "article"),
    [
        ("corpus/articles/x_1.txt", "x_1"),
        ("corpus/articles/x_1.meta.yaml", "x_1"),
        ("corpus/review/x_1.yaml", "x_1"),
        ("corpus/entities.ttl", None),
        ("ontology/rules/closure-domain.rq", None),
        ("code", None),
    ],
)
def test_article_of(name: str, article: str | None) -> None:
    assert manifest.article_of(name) == article


def test_input_hashes_cover_every_kind_of_input(generated: Path) -> None:
    hashes = manifest.input_hashes(load_settings({"home": generated}, environ={}))
    names = set(hashes)
    one = article_id(0)
    for name in (
        f"corpus/articles/{one}.txt",
        f"corpus/articles/{one}.meta.yaml",
        f"corpus/review/{one}.yaml",
        "corpus/entities.ttl",
        "corpus/events.ttl",
        "ontology/cmkg.ttl",
        "ontology/shapes.ttl",
        "code",
    ):
        assert name in names
    assert any(n.startswith("ontology/rules/") for n in names)
    assert any(n.startswith("queries/") for n in names)


def test_a_batch_names_only_the_articles_whose_subjects_violate(generated: Path) -> None:
    from kg.build.dataset import _check_batch
    from kg.graph.assemble import assemble_dataset
    from kg.graph.events import EVENTS_GRAPH
    from kg.graph.shapes import ShapeChecker
    from kg.rdf.terms import ENTITIES_GRAPH, ONTOLOGY_GRAPH, article_graph, article_iri

    assembly = assemble_dataset(load_settings({"home": generated}, environ={}))
    checker = ShapeChecker(
        [assembly.graphs[g] for g in (ONTOLOGY_GRAPH, ENTITIES_GRAPH, EVENTS_GRAPH)]
    )
    assert _check_batch(checker, assembly, assembly.articles) == ([], set())
    broken = article_id(3)
    graph = assembly.graphs[article_graph(broken)]
    title = next(p for p in graph.predicates() if str(p).endswith("/title"))
    graph.remove((None, title, None))  # an article record without its title
    found, owners = _check_batch(checker, assembly, assembly.articles)
    assert owners == {broken}
    assert found and all(v.focus == article_iri(broken) for v in found)
