"""Input hashes reused by file status: never a stale hash for a changed file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.build import manifest
from kg.config import Settings, load_settings
from tests.support.event_corpus import article_id, write_event_corpus

CONTENT_HASH = manifest.sha256_file  # reads the file (the tests count the calls of the module's)


@pytest.fixture
def project(tmp_path: Path) -> Settings:
    home = write_event_corpus(tmp_path / "project", 3)
    settings = load_settings({"home": home}, environ={})
    return settings


def _hash(settings: Settings) -> dict[str, str]:
    """Hash the inputs and keep the record as a build would (in a version ``current`` names)."""
    hashes = manifest.input_hashes(settings)
    version = settings.build / "versions" / "v"
    version.mkdir(parents=True, exist_ok=True)
    manifest.keep_hashes(settings.build, version)
    if not (settings.build / "current").exists():
        (settings.build / "current").symlink_to("versions/v")
    return hashes


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    read: list[Path] = []
    real = manifest.sha256_file

    def counted(path: Path) -> str:
        read.append(path)
        return real(path)

    monkeypatch.setattr(manifest, "sha256_file", counted)
    return read


def _plain(settings: Settings) -> dict[str, str]:
    hashes = {n: CONTENT_HASH(p) for n, p in manifest.input_files(settings).items()}
    return {**hashes, manifest.CODE_KEY: manifest.code_hash()}


def test_settled_files_are_not_read_again_and_the_hashes_are_the_contents(
    project: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(manifest, "SETTLED_NS", 0)
    first = _hash(project)
    assert first == _plain(project)
    read = _counting(monkeypatch)
    assert _hash(project) == first
    assert read == []


def test_a_rewrite_with_the_same_size_and_modification_time_is_read_again(
    project: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The modification time can be set back (``touch -d``, a copy keeping times); the
    status-change time cannot, so the new content is hashed."""
    monkeypatch.setattr(manifest, "SETTLED_NS", 0)
    _hash(project)
    text = project.articles / f"{article_id(1)}.txt"
    before = text.stat()
    content = text.read_bytes()
    text.write_bytes(content.replace(b"a", b"o", 1) if b"a" in content else b"x" + content[1:])
    os.utime(text, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert text.stat().st_size == before.st_size and text.stat().st_mtime_ns == before.st_mtime_ns
    read = _counting(monkeypatch)
    hashes = _hash(project)
    assert hashes == _plain(project)
    assert read == [text]


def test_files_written_just_before_the_recording_are_always_read(
    project: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file changed within the clock's granularity of a recording could keep its status:
    fresh files are not recorded, so they are hashed every time until they settle."""
    _hash(project)  # every file was just written by the fixture
    read = _counting(monkeypatch)
    _hash(project)
    corpus = [p for n, p in manifest.input_files(project).items() if n.startswith("corpus/")]
    assert set(corpus) <= set(read) and corpus


def test_an_unreadable_record_is_ignored(project: Settings) -> None:
    _hash(project)
    (project.build / "current" / manifest.HASHES_FILE).write_text("{not json", "utf-8")
    assert _hash(project) == _plain(project)
