"""`kg ingest`: good files land in corpus/ with metadata; bad ones change nothing."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from kg.cli import cli
from kg.config import load_settings
from kg.corpus.files import read_meta, read_text, sha256_text
from kg.corpus.ingest import MAX_BYTES, ingest_paths, parse_date_option
from kg.errors import EnvironmentProblem, InputError, UsageError
from tests.support.paths import REPO
from tests.support.tiny_corpus import snapshot

ARTICLE_TEXT = (
    "Russia offers tungsten to American firms\n"
    "\n"
    "Moscow offered US companies access to tungsten deposits in Buryatia.\n"
    "🔗 Read more: The best casino in Long Island\n"
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Russia offers lithium deal to US firms | Example News</title>
<meta property="og:title" content="Russia offers lithium deal to US firms">
<meta property="article:published_time" content="2025-04-10T08:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/newsletter">Subscribe to our newsletter</a></li></ul></nav>
<div class="ad">Advertisement: Buy gold coins now at the best prices!</div>
<article>
<h1>Russia offers lithium deal to US firms</h1>
<p>Russian officials on Thursday offered American mining companies access to lithium
deposits in the Murmansk region, according to people familiar with the talks.</p>
<p>The proposal would require Washington to ease sanctions on Russian state entities,
a condition US Treasury officials have so far rejected.</p>
<p>China currently controls about 65% of global lithium refining capacity, analysts said.</p>
</article>
<aside><h3>Related stories</h3><ul><li><a href="/x">Gold prices hit record</a></li></ul></aside>
<footer><p>© 2025 Example News. All rights reserved.</p><p>Privacy policy | Terms</p></footer>
</body></html>
"""


def _kg(runner: CliRunner, home: Path, *args: str) -> Result:
    return runner.invoke(cli, ["--home", str(home), "ingest", *args])


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def test_ingest_txt_stores_text_and_metadata(runner: CliRunner, home: Path, inbox: Path) -> None:
    source = _write(inbox, "tungsten_offer.txt", ARTICLE_TEXT)
    result = _kg(runner, home, str(source), "--date", "2025-06")
    assert result.exit_code == 0, result.output
    assert "added tungsten_offer (2025-06-01, month)" in result.output
    settings = load_settings({"home": home}, environ={})
    assert read_text(settings, "tungsten_offer") == ARTICLE_TEXT  # boilerplate kept: offsets
    meta = read_meta(settings, "tungsten_offer")
    assert meta.title == "Russia offers tungsten to American firms"
    assert (meta.date, meta.date_precision) == ("2025-06-01", "month")
    assert meta.source == "tungsten_offer.txt"
    assert meta.sha256 == sha256_text(ARTICLE_TEXT)


def test_ingest_without_date_estimates_and_says_so(home: Path, inbox: Path) -> None:
    settings = load_settings({"home": home}, environ={})
    source = _write(inbox, "undated.md", "# Lithium talks\r\n\r\nNo date in here.\r\n")
    ingest_paths(settings, [source], today=dt.date(2026, 1, 5))
    meta = read_meta(settings, "undated")
    assert (meta.date, meta.date_precision) == ("2026-01-05", "year")
    assert meta.date_note and "no publication date" in meta.date_note
    assert meta.title == "Lithium talks"
    assert read_text(settings, "undated") == "# Lithium talks\n\nNo date in here.\n"


def test_html_keeps_main_text_only(runner: CliRunner, home: Path, inbox: Path) -> None:
    source = _write(inbox, "lithium.html", PAGE)
    result = _kg(runner, home, str(source))
    assert result.exit_code == 0, result.output
    settings = load_settings({"home": home}, environ={})
    text = read_text(settings, "lithium")
    assert "offered American mining companies access to lithium" in text
    assert "65% of global lithium refining capacity" in text
    for junk in ("Home", "Subscribe", "Advertisement", "gold coins", "Related stories", "©"):
        assert junk not in text
    meta = read_meta(settings, "lithium")
    assert meta.title == "Russia offers lithium deal to US firms"
    assert (meta.date, meta.date_precision) == ("2025-04-10", "day")
    assert meta.source == "lithium.html"


def test_folder_ingest_takes_supported_files(runner: CliRunner, home: Path, inbox: Path) -> None:
    _write(inbox, "a.txt", "Article A\nText.\n")
    _write(inbox, "b.md", "Article B\nText.\n")
    _write(inbox, "notes.pdf", b"%PDF-1.4")
    result = _kg(runner, home, str(inbox), "--date", "2025")
    assert result.exit_code == 0, result.output
    stored = sorted(p.name for p in (home / "corpus" / "articles").iterdir())
    assert stored == ["a.meta.yaml", "a.txt", "b.meta.yaml", "b.txt"]


def test_identical_reingest_is_a_noop(runner: CliRunner, home: Path, inbox: Path) -> None:
    source = _write(inbox, "tungsten_offer.txt", ARTICLE_TEXT)
    assert _kg(runner, home, str(source)).exit_code == 0
    before = snapshot(home / "corpus")
    result = _kg(runner, home, str(source))
    assert result.exit_code == 0
    assert "unchanged" in result.output and "tungsten_offer" in result.output
    assert snapshot(home / "corpus") == before


def test_changed_text_is_refused_then_replaced(runner: CliRunner, home: Path, inbox: Path) -> None:
    source = _write(inbox, "tungsten_offer.txt", ARTICLE_TEXT)
    assert _kg(runner, home, str(source), "--date", "2025-06-02").exit_code == 0
    before = snapshot(home / "corpus")
    _write(inbox, "tungsten_offer.txt", ARTICLE_TEXT + "A correction was added.\n")
    refused = _kg(runner, home, str(source))
    assert refused.exit_code == 2
    assert "tungsten_offer" in refused.output and "--replace" in refused.output
    assert snapshot(home / "corpus") == before
    replaced = _kg(runner, home, str(source), "--replace")
    assert replaced.exit_code == 0, replaced.output
    settings = load_settings({"home": home}, environ={})
    assert read_text(settings, "tungsten_offer").endswith("A correction was added.\n")
    meta = read_meta(settings, "tungsten_offer")
    assert meta.date == "2025-06-02"  # the date on record is kept
    assert meta.sha256 == sha256_text(read_text(settings, "tungsten_offer"))


BAD_INPUTS = [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\n\t\n", "empty file"),
    ("binary.txt", b"Putin\x00\x01\x02offers", "binary file"),
    ("latin1.txt", "Café in Moscow\n".encode("latin-1"), "not UTF-8"),
    ("big.txt", b"rare earths " * (MAX_BYTES // 12 + 10), "too large"),
    ("report.pdf", b"%PDF-1.4 rare earths", "unsupported file type"),
    ("page.html", b"<html><body><nav>Home</nav></body></html>", "no main article text"),
    ("nav.htm", b"<html><body><nav><a href='/'>Home</a></nav><footer>(c) 2025</footer>", "no main"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_INPUTS)
def test_bad_input_changes_nothing(
    runner: CliRunner, seed_home: Path, inbox: Path, name: str, data: bytes, reason: str
) -> None:
    good = _write(inbox, "good_article.txt", ARTICLE_TEXT)
    bad = _write(inbox, name, data)
    before = snapshot(seed_home / "corpus")
    result = _kg(runner, seed_home, str(good), str(bad))  # the good file comes first
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith(f"error: {bad}: ")
    assert reason in lines[0]
    assert snapshot(seed_home / "corpus") == before


def test_unreadable_file_changes_nothing(
    runner: CliRunner, home: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = _write(inbox, "locked.txt", "secret text\n")
    real_open = os.open

    def deny(path: Path, flags: int, *args: int) -> int:
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr("kg.fileio.os.open", deny)  # chmod 000 does not stop root
    result = _kg(runner, home, str(bad))
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {bad}: cannot read (Permission denied)"
    assert snapshot(home / "corpus") == {}


def test_directory_as_file_is_unreadable_error(runner: CliRunner, home: Path, inbox: Path) -> None:
    weird = inbox / "folder.txt"
    weird.mkdir()
    result = _kg(runner, home, str(weird))
    assert result.exit_code == 2
    assert "error:" in result.output and "folder.txt" in result.output
    assert snapshot(home / "corpus") == {}


def test_missing_file(runner: CliRunner, home: Path, inbox: Path) -> None:
    result = _kg(runner, home, str(inbox / "nope.txt"))
    assert result.exit_code == 2
    assert "nope.txt: no such file" in result.output


@pytest.mark.parametrize(
    ("value", "date", "precision"),
    [
        ("2025-03-03", "2025-03-03", "day"),
        ("2025-03", "2025-03-01", "month"),
        ("2026-Q1", "2026-01-01", "quarter"),
        ("2026q3", "2026-07-01", "quarter"),
        ("2025", "2025-01-01", "year"),
    ],
)
def test_date_option(value: str, date: str, precision: str) -> None:
    parsed = parse_date_option(value)
    assert (parsed.date, parsed.precision) == (date, precision)


@pytest.mark.parametrize("value", ["2025-13", "March 2025", "2025-02-30", "25"])
def test_bad_date_option(value: str) -> None:
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        parse_date_option(value)


def test_seed_metadata_records_are_valid() -> None:
    repo = REPO
    settings = load_settings({"home": repo}, environ={})
    for article_id in ("000_5e08cd89a83175d0", "004_622784bdaa288db1"):
        meta = read_meta(settings, article_id)
        assert meta.sha256 == sha256_text(read_text(settings, article_id))
        assert meta.source == f"{article_id}.txt"
        raw = yaml.safe_load((settings.articles / f"{article_id}.meta.yaml").read_text("utf-8"))
        assert raw["date_note"]
    assert read_meta(settings, "000_5e08cd89a83175d0").date.startswith("2025-03")
    assert read_meta(settings, "004_622784bdaa288db1").date.startswith("2026-")


# Inputs that are not regular files: read at most the limit, never block


@pytest.fixture
def special_inputs(inbox: Path) -> dict[str, Path]:
    zero = inbox / "zero.txt"
    zero.symlink_to("/dev/zero")
    fifo = inbox / "pipe.txt"
    os.mkfifo(fifo)
    folder_link = inbox / "linked.txt"
    folder_link.symlink_to(inbox)
    return {"zero": zero, "fifo": fifo, "folder": folder_link}


@pytest.mark.parametrize(
    ("which", "reason"),
    [
        ("zero", "a character device, not a regular file"),
        ("fifo", "a FIFO, not a regular file"),
    ],
)
def test_special_files_are_refused_at_once(
    runner: CliRunner, home: Path, special_inputs: dict[str, Path], which: str, reason: str
) -> None:
    path = special_inputs[which]
    result = _kg(runner, home, str(path))  # would grow without bound, or hang, if read
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {path}: {reason}; give a text or HTML file"
    assert snapshot(home / "corpus") == {}


def test_folder_ingest_skips_special_files(
    runner: CliRunner, home: Path, inbox: Path, special_inputs: dict[str, Path]
) -> None:
    _write(inbox, "real_one.txt", ARTICLE_TEXT)
    result = _kg(runner, home, str(inbox))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (home / "corpus" / "articles").iterdir()) == [
        "real_one.meta.yaml",
        "real_one.txt",
    ]


def test_growing_file_is_cut_at_the_limit(
    home: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size on disk is not trusted: the read itself stops at the limit plus one byte."""
    import kg.corpus.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_BYTES", 100)
    big = _write(inbox, "big_one.txt", "rare earths " * 50)
    with pytest.raises(InputError, match="too large"):
        ingest_paths(load_settings({"home": home}, environ={}), [big])


# Atomic ingest: text and record as one step; an interrupted run is repaired


def test_interrupted_ingest_is_repaired(
    runner: CliRunner, home: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _write(inbox, "halfway.txt", ARTICLE_TEXT)
    real_replace = os.replace
    calls: list[str] = []

    def killed_after_first(src: str, dst: str) -> None:
        calls.append(str(dst))
        if len(calls) == 2:  # the text is in place; the process dies before the record
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr("kg.corpus.ingest.os.replace", killed_after_first)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(load_settings({"home": home}, environ={}), [source])
    monkeypatch.undo()
    articles = home / "corpus" / "articles"
    assert calls[0].endswith("halfway.txt") and calls[1].endswith("halfway.meta.yaml")
    assert (articles / "halfway.txt").exists() and not (articles / "halfway.meta.yaml").exists()
    assert [p.name for p in articles.glob(".*.tmp")]  # what a kill leaves behind
    failed = runner.invoke(cli, ["--home", str(home), "build", "-q"])
    assert failed.exit_code != 0 and "half-written" in failed.output
    result = _kg(runner, home, str(source))  # the same command again
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("repaired (wrote the missing metadata record of) halfway")
    assert "half-written" in result.stderr
    assert sorted(p.name for p in articles.iterdir()) == ["halfway.meta.yaml", "halfway.txt"]
    meta = read_meta(load_settings({"home": home}, environ={}), "halfway")
    assert meta.sha256 == sha256_text(ARTICLE_TEXT)
    again = _kg(runner, home, str(source))
    assert again.stdout.startswith("unchanged")


def test_failed_write_leaves_no_temporary_files(
    home: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _write(inbox, "nospace.txt", ARTICLE_TEXT)

    def full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.corpus.ingest.os.replace", full)
    with pytest.raises(EnvironmentProblem, match="No space left on device"):
        ingest_paths(load_settings({"home": home}, environ={}), [source])
    assert list((home / "corpus" / "articles").iterdir()) == []
