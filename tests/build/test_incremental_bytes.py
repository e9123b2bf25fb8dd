"""An incremental ``kg build`` writes exactly what a full build of the same inputs writes.

A generated corpus is built, changed (an article added, changed, removed; the registry
edited), built again incrementally, and every file of the new version is compared byte for
byte with a ``--full`` build of the same inputs in another project (``build-info.json``
without its build time; the search index by its rows and its bytes).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.build.dataset import build_dataset
from kg.config import load_settings
from kg.publish.search import INDEX_FILE, read_rows
from tests.support import event_corpus
from tests.support.generated import load_generator

ARTICLES = 30
FILES = ("cmkg.nq", "cmkg.trig", "void.ttl", INDEX_FILE)


def _build(home: Path, *, full: bool = False) -> list[str]:
    lines: list[str] = []
    build_dataset(load_settings({"home": home}, environ={}), progress=lines.append, full=full)
    return lines


def _ids(home: Path) -> list[str]:
    return sorted(p.name[: -len(".txt")] for p in (home / "corpus" / "articles").glob("*.txt"))


def _add(home: Path) -> None:
    first = _ids(home)[0]
    articles, reviews = home / "corpus" / "articles", home / "corpus" / "review"
    new = "999999_genplusone"
    for suffix in (".txt", ".meta.yaml"):
        text = (articles / f"{first}{suffix}").read_text("utf-8")
        (articles / f"{new}{suffix}").write_text(text.replace(first, new), "utf-8")
    review = (reviews / f"{first}.yaml").read_text("utf-8")
    (reviews / f"{new}.yaml").write_text(review.replace(first, new), "utf-8")


def _change(home: Path) -> None:
    """A curator's decision: the first pending candidate of an article is rejected."""
    for path in sorted((home / "corpus" / "review").glob("*.yaml")):
        text = path.read_text("utf-8")
        if "status: candidate" in text:
            path.write_text(text.replace("status: candidate", "status: rejected", 1), "utf-8")
            return
    raise AssertionError("no pending candidate to reject")


def _remove(home: Path) -> None:
    victim = _ids(home)[3]
    for suffix in (".txt", ".meta.yaml"):
        (home / "corpus" / "articles" / f"{victim}{suffix}").unlink()
    (home / "corpus" / "review" / f"{victim}.yaml").unlink()


def _registry(home: Path) -> None:
    registry = home / "corpus" / "entities.ttl"
    registry.write_text(registry.read_text("utf-8") + "\n# edited\n", "utf-8")


CHANGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "add": (_add, f"1 of {ARTICLES + 1} articles changed (1 added)"),
    "change": (_change, f"1 of {ARTICLES} articles changed (1 modified)"),
    "remove": (_remove, f"1 of {ARTICLES - 1} articles changed (1 removed)"),
    "registry": (_registry, "rebuilding everything"),
}


def _offer(home: Path) -> None:
    """A new article reports a new offer that conflicts with a known sanction."""
    number = 900
    aid = event_corpus.article_id(number)
    _, text, review = event_corpus.article(number)
    sentence = "Putin offered the United States Russian nickel."
    text += sentence + "\n"
    start = text.index(sentence)
    evidence = event_corpus.Evidence(start, start + len(sentence), sentence, 3)
    props = {
        "proposedBy": ["vladimir-putin"],
        "proposedTo": ["united-states"],
        "concernsResource": ["nickel"],
        "date": ["2026-06-01"],
    }
    review.candidates.append(event_corpus._candidate("Proposal", number, 3, props, evidence))
    corpus = home / "corpus"
    (corpus / "articles" / f"{aid}.txt").write_text(text, "utf-8")
    meta = {
        "id": aid,
        "title": text.split(".")[0],
        "date": "2026-06-01",
        "date_precision": "day",
        "source": f"{aid}.txt",
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    (corpus / "articles" / f"{aid}.meta.yaml").write_text(json.dumps(meta), "utf-8")
    (corpus / "review" / f"{aid}.yaml").write_text(event_corpus.dump_review(review), "utf-8")


def _unoffer(home: Path) -> None:
    """The article of :func:`_offer` is removed again."""
    aid = event_corpus.article_id(900)
    for path in (f"articles/{aid}.txt", f"articles/{aid}.meta.yaml", f"review/{aid}.yaml"):
        (home / "corpus" / path).unlink()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("generated")
    generator = load_generator()
    generator.generate(home, ARTICLES, 12, generator.REPO / "corpus" / "entities.ttl")
    return home


def _info(home: Path) -> dict[str, object]:
    info = json.loads((home / "build" / "build-info.json").read_text("utf-8"))
    del info["built"]
    return info  # type: ignore[no-any-return]


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_an_incremental_build_writes_the_full_build_bytes(
    corpus: Path, tmp_path: Path, change: str
) -> None:
    home = tmp_path / "incremental"
    shutil.copytree(corpus / "corpus", home / "corpus")
    _build(home)
    edit, expected = CHANGES[change]
    edit(home)
    lines = _build(home)
    assert any(expected in line for line in lines), lines
    if change != "registry":
        assert any("starting from the previous store" in line for line in lines), lines
    _assert_same_as_full(home, tmp_path / "fresh")
    again = _build(home)  # nothing changed now
    assert any("nothing changed since the current build" in line for line in again)


def _assert_same_as_full(home: Path, fresh: Path) -> None:
    """Every file of ``home``'s build is the bytes of a ``--full`` build of its corpus."""
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(home / "corpus", fresh / "corpus")
    _build(fresh, full=True)
    for name in FILES:
        mine, full = home / "build" / name, fresh / "build" / name
        if name == INDEX_FILE:
            assert read_rows(mine) == read_rows(full)
        assert mine.read_bytes() == full.read_bytes(), name
    assert _info(home) == _info(fresh)


def _conflicts(home: Path) -> tuple[int, int]:
    inferred = _info(home)["inferred"]
    assert isinstance(inferred, dict)
    return inferred["conflict-detect"], inferred["explain-conflict"]


# (edit, the conflict rules' notes expected: events evaluated again, conflicts explained again)
EVENT_CHANGES: list[tuple[Callable[[Path], None], str, str]] = [
    (_add, "conflict-detect: 1 changed event(s)", "explain-conflict: 0 conflict(s) explained"),
    (_change, "conflict-detect: ", "explain-conflict: "),
    (_remove, "conflict-detect: ", "explain-conflict: "),
    (_offer, "conflict-detect: 2 changed event(s)", "explain-conflict: 1 conflict(s) explained"),
    (_unoffer, "conflict-detect: 1 changed event(s)", "explain-conflict: 0 conflict(s) explained"),
]


def test_conflicts_are_reused_or_evaluated_again_as_a_full_build_would(tmp_path: Path) -> None:
    """On a corpus with conflicts (reports of known offers and sanctions), each incremental
    build re-evaluates the conflict rules only for what changed and writes the full bytes:
    an article added, a candidate rejected, an article removed, a new conflicting offer
    reported, and that report removed again."""
    home = event_corpus.write_event_corpus(tmp_path / "events", 40)
    _build(home)
    before = _conflicts(home)
    assert before[0] > 0 and before[1] > 0
    for edit, detect, explain in EVENT_CHANGES:
        edit(home)
        lines = _build(home)
        assert any("starting from the previous store" in line for line in lines), lines
        assert any(line.startswith(detect) for line in lines), (edit.__name__, lines)
        assert any(line.startswith(explain) for line in lines), (edit.__name__, lines)
        # the unchanged conflicts were left in the store, not removed and written again
        kept = [line for line in lines if line.startswith("previous inferred triples left")]
        assert len(kept) == 1 and not kept[0].startswith(
            "previous inferred triples left in place: 0 "
        ), (edit.__name__, lines)
        _assert_same_as_full(home, tmp_path / "fresh")
        if edit is _offer:
            assert _conflicts(home)[0] > before[0]
        if edit is _unoffer:
            assert _conflicts(home) == before
