"""`kg build`: a deterministic dataset, swapped in atomically; failures keep the old build."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.build.dataset import build_dataset
from kg.cli import cli
from kg.errors import BuildError, ConflictError, ValidationError
from kg.rdf.terms import article_graph, sparql_prefixes
from tests.support.tiny_corpus import (
    ARTICLE,
    TEXT,
    review_data,
    settings_for,
    snapshot,
    write_review,
    write_tiny_corpus,
)

DATASET = ("cmkg.trig", "cmkg.nq", "void.ttl")
SEEDS = ("000_5e08cd89a83175d0", "004_622784bdaa288db1")


def _files(home: Path) -> dict[str, bytes]:
    return {name: (home / "build" / name).read_bytes() for name in DATASET}


def _leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir() if p.name.startswith("build."))


def test_build_writes_dataset_and_releases_the_store(tiny: Path) -> None:
    summary = build_dataset(settings_for(tiny))
    build = tiny / "build"
    assert sorted(p.name for p in build.iterdir()) == sorted(
        [
            "build-info.json",
            "cmkg.nq",
            "cmkg.trig",
            "search.sqlite",
            "store",
            "void.ttl",
            "current",
            "versions",
        ]
    )
    assert os.readlink(build / "current") == f"versions/{summary.version}"
    names = [p.name for p in (build / "versions" / summary.version).iterdir()]
    segments = [n for n in names if n.startswith("build-cache-") and n.endswith(".seg")]
    assert len(segments) == 1  # the per-article entries of the build cache
    assert sorted(n for n in names if n not in segments) == sorted(
        [
            "build-cache.pickle",
            "build-info.json",
            "input-hashes.json",
            "cmkg.nq",
            "cmkg.trig",
            "search.sqlite",
            "shacl.json",
            "store",
            "void.ttl",
        ]
    )
    assert summary.articles == 1 and summary.entities == 6
    assert summary.assertions == {"Proposal": {"accepted": 1}, "Sanction": {"candidate": 1}}
    assert summary.triples[article_graph(ARTICLE)] > 0
    info = json.loads((build / "build-info.json").read_text("utf-8"))
    assert f"corpus/articles/{ARTICLE}.txt" in info["inputs"]
    assert info["triples"] == summary.triples
    store = pyoxigraph.Store(str(build / "store"))  # read-write: fails if a lock were left
    query = sparql_prefixes() + (
        "SELECT ?quote WHERE { GRAPH ?g { ?p a cmkg:Proposal ; cmkg:evidence ?e . "
        "?e oa:hasSelector ?s . ?s oa:exact ?quote } }"
    )
    result = store.query(query, default_graph=None)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    quotes = [row["quote"].value for row in result]  # type: ignore[union-attr]
    assert quotes == [TEXT.splitlines()[0]]
    del store
    assert _leftovers(tiny) == []


def test_build_is_deterministic(tiny: Path, tmp_path: Path) -> None:
    build_dataset(settings_for(tiny))
    first = _files(tiny)
    build_dataset(settings_for(tiny))  # again, over the existing build
    assert _files(tiny) == first
    other = tmp_path / "elsewhere"
    write_tiny_corpus(other)
    build_dataset(settings_for(other))
    assert _files(other) == first
    assert b"_:" not in first["cmkg.nq"]


def _previous_build(tiny: Path) -> dict[str, bytes]:
    build_dataset(settings_for(tiny))
    return snapshot(tiny / "build")


def test_quote_mismatch_fails_and_keeps_old_build(tiny: Path) -> None:
    before = _previous_build(tiny)
    data = review_data()
    data["candidates"][0]["evidence"][0]["end"] -= 1  # type: ignore[index]
    write_review(tiny, data)
    with pytest.raises(ValidationError) as caught:
        build_dataset(settings_for(tiny))
    message = caught.value.message
    assert f"article {ARTICLE}, candidate proposal-00000001: offsets 0-40" in message
    assert "expected 'Putin offers rare earths to US companies.'" in message
    assert "found 'Putin offers rare earths to US companies'" in message
    assert snapshot(tiny / "build") == before
    assert _leftovers(tiny) == []


def test_shacl_violation_fails_and_keeps_old_build(tiny: Path) -> None:
    before = _previous_build(tiny)
    data = review_data()
    del data["candidates"][0]["properties"]["proposedBy"]  # type: ignore[index]
    write_review(tiny, data)
    with pytest.raises(ValidationError, match="SHACL") as caught:
        build_dataset(settings_for(tiny))
    assert "putin-rare-earth-offer" in caught.value.message
    assert "proposedBy" in caught.value.message
    assert snapshot(tiny / "build") == before
    assert _leftovers(tiny) == []


def test_incomplete_machine_candidate_is_left_out_with_a_warning(tiny: Path) -> None:
    data = review_data()
    del data["candidates"][1]["properties"]["imposedBy"]  # type: ignore[index]
    write_review(tiny, data)
    summary = build_dataset(settings_for(tiny))
    assert any("left out candidate sanction-00000002" in w for w in summary.warnings)
    assert summary.assertions == {"Proposal": {"accepted": 1}}
    nquads = (tiny / "build" / "cmkg.nq").read_text("utf-8")
    assert "sanction-00000002" not in nquads
    assert f"evidence/{ARTICLE}/42-94" not in nquads
    assert "putin-rare-earth-offer" in nquads


def test_failure_while_writing_keeps_old_build(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _previous_build(tiny)

    def broken(store: pyoxigraph.Store, **_: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.build.outputs.void_turtle", broken)
    with pytest.raises(BuildError, match="No space left"):
        build_dataset(settings_for(tiny), full=True)
    assert snapshot(tiny / "build") == before
    assert _leftovers(tiny) == []


def test_interrupted_build_is_cleaned_up(tiny: Path) -> None:
    before = _previous_build(tiny)
    (tiny / "build").rename(tiny / "build.old-99999")  # killed between the two renames
    (tiny / "build.tmp-99999").mkdir()
    (tiny / "build.tmp-99999" / "cmkg.nq").write_text("half written", "utf-8")
    lines: list[str] = []
    build_dataset(settings_for(tiny), progress=lines.append)
    assert any("restoring the previous build" in line for line in lines)
    assert _leftovers(tiny) == []
    assert _files(tiny) == {name: before[name] for name in DATASET}


def test_concurrent_build_is_refused(tiny: Path) -> None:
    with open(tiny / ".build.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        with pytest.raises(ConflictError, match="another `kg build`"):
            build_dataset(settings_for(tiny))
    assert not (tiny / "build").exists()


def test_build_without_registry_or_reviews(home: Path) -> None:
    write_tiny_corpus(home, with_review=False)
    (home / "corpus" / "entities.ttl").unlink()
    lines: list[str] = []
    summary = build_dataset(settings_for(home), progress=lines.append)
    assert summary.articles == 1 and summary.assertions == {}
    assert any("no entity registry" in line for line in lines)
    assert summary.warnings


def test_cli_build_prints_summary_and_errors(runner: CliRunner, tiny: Path) -> None:
    result = runner.invoke(cli, ["--home", str(tiny), "build"])
    assert result.exit_code == 0, result.output
    assert "articles: 1" in result.output
    assert "Proposal" in result.output and f"graph/{ARTICLE}" in result.output
    (tiny / "corpus" / "articles" / f"{ARTICLE}.txt").write_text("changed text\n", "utf-8")
    failed = runner.invoke(cli, ["--home", str(tiny), "build", "-q"])
    assert failed.exit_code == 4
    assert failed.output.startswith("error: ")
    assert "Traceback" not in failed.output


@pytest.mark.slow
def test_new_article_gets_its_own_graph_and_seeds_stay(
    runner: CliRunner, seed_home: Path, tmp_path: Path
) -> None:
    """The researcher's loop: kg ingest -> kg extract -> kg build, seeds untouched."""
    settings = settings_for(seed_home)
    build_dataset(settings)
    seed_lines = _graph_lines(seed_home, SEEDS)
    seed_reviews = snapshot(seed_home / "corpus" / "review")
    source = tmp_path / "gallium_ban.txt"
    source.write_text(
        "China bans gallium exports to the US\n\n"
        "China banned exports of gallium and germanium to the United States in December "
        "2024, the Ministry of Commerce said.\n"
        "Russia offered to supply gallium to American companies.\n",
        "utf-8",
    )
    home = ["--home", str(seed_home)]
    added = runner.invoke(cli, [*home, "ingest", str(source), "--date", "2025-01-02"])
    assert added.exit_code == 0, added.output
    extracted = runner.invoke(cli, [*home, "extract", "gallium_ban"])
    assert extracted.exit_code == 0, extracted.output
    built = runner.invoke(cli, [*home, "build", "-q"])
    assert built.exit_code == 0, built.output
    assert _graph_lines(seed_home, SEEDS) == seed_lines
    assert {
        k: v
        for k, v in snapshot(seed_home / "corpus" / "review").items()
        if not k.startswith("gallium_ban")
    } == seed_reviews
    new = _graph_lines(seed_home, ("gallium_ban",))
    assert any("cmkg/ontology#Article" in line for line in new)
    candidates = [
        line for line in new if "reviewStatus> <https://w3id.org/cmkg/ontology#Candidate>" in line
    ]
    assert candidates, "the extractor's candidates are in the new article's graph"


def _graph_lines(home: Path, articles: tuple[str, ...]) -> list[str]:
    graphs = tuple(f"<{article_graph(a)}> ." for a in articles)
    text = (home / "build" / "cmkg.nq").read_text("utf-8")
    return [line for line in text.splitlines() if line.endswith(graphs)]


# Versioned builds: one folder per build, an atomic pointer, old versions collected


def test_each_build_is_a_new_version_and_old_ones_are_collected(tiny: Path) -> None:
    build = tiny / "build"
    names = [build_dataset(settings_for(tiny), full=True).version for _ in range(4)]
    assert len(set(names)) == 4 and names == sorted(names)  # names sort by build time
    assert sorted(p.name for p in (build / "versions").iterdir()) == names[-2:]
    assert os.readlink(build / "current") == f"versions/{names[-1]}"
    for name in (*DATASET, "build-info.json", "store"):
        assert os.readlink(build / name) == f"current/{name}"  # stable names follow the pointer
    assert (build / "store").resolve() == (build / "versions" / names[-1] / "store").resolve()


def test_version_a_live_store_derives_from_is_kept(tiny: Path) -> None:
    build = tiny / "build"
    served = build_dataset(settings_for(tiny)).version
    (build / "live" / served).mkdir(parents=True)  # a server's live store was made from it
    later = [build_dataset(settings_for(tiny), full=True).version for _ in range(3)]
    assert sorted(p.name for p in (build / "versions").iterdir()) == sorted([served, *later[-2:]])


def test_build_over_the_unversioned_layout(tiny: Path) -> None:
    build = tiny / "build"
    (build / "store").mkdir(parents=True)  # the layout before versioned builds
    (build / "store" / "CURRENT").write_text("x", "utf-8")
    (build / "cmkg.nq").write_text("old", "utf-8")
    summary = build_dataset(settings_for(tiny))
    assert (build / "store").is_symlink() and (build / "cmkg.nq").is_symlink()
    assert (build / "cmkg.nq").read_bytes() == (
        build / "versions" / summary.version / "cmkg.nq"
    ).read_bytes()
    assert not [p.name for p in build.iterdir() if p.name.startswith(".")]


def test_half_written_version_is_removed(tiny: Path) -> None:
    before = _previous_build(tiny)
    half = tiny / "build" / "versions" / ".tmp-99999"  # killed before the rename
    half.mkdir()
    (half / "cmkg.nq").write_text("half written", "utf-8")
    lines: list[str] = []
    build_dataset(settings_for(tiny), progress=lines.append)
    assert any("left by an interrupted build" in line for line in lines)
    assert not half.exists()
    assert _files(tiny) == {name: before[name] for name in DATASET}


def test_unversioned_store_in_use_is_not_pulled_away(tiny: Path) -> None:
    build = tiny / "build"
    (build / "store").mkdir(parents=True)
    held = pyoxigraph.Store(str(build / "store"))  # a server of the old layout serving it
    with pytest.raises(ConflictError, match="in use"):
        build_dataset(settings_for(tiny))
    assert (build / "store").is_dir() and not (build / "store").is_symlink()
    assert not (build / "current").exists()  # nothing was switched
    assert len(held) == 0  # still usable
    del held
