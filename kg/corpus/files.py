"""The article corpus: stored texts and their metadata records (docs/data-model.md).

``corpus/articles/<id>.txt`` is the stored text every offset points into;
``corpus/articles/<id>.meta.yaml`` records title, publication date (or an estimate with its
precision), the original file name and the SHA-256 of the stored text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.config import Settings
from kg.corpus import yamlio
from kg.corpus.schema import load_meta
from kg.errors import InputError, NotFoundError
from kg.fileio import write_text_atomic

PRECISIONS = ("day", "month", "quarter", "year")
_ARTICLE_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_META_SUFFIX = ".meta.yaml"


@dataclass
class ArticleMeta:
    id: str
    title: str
    date: str  # ISO 8601 date, YYYY-MM-DD
    date_precision: str
    source: str
    sha256: str
    date_note: str | None = None


def is_article_id(text: str) -> bool:
    """Article ids become IRI path segments: letters, digits, ``_``, ``-`` and ``.`` only."""
    return bool(_ARTICLE_ID.match(text)) and not text.endswith(".")


def article_id_for(stem: str) -> str:
    """The article id for a source file stem: the stem, with unsafe characters as ``-``."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.")
    return cleaned


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_path(settings: Settings, article_id: str) -> Path:
    return settings.articles / f"{article_id}.txt"


def meta_path(settings: Settings, article_id: str) -> Path:
    return settings.articles / f"{article_id}{_META_SUFFIX}"


def review_path(settings: Settings, article_id: str) -> Path:
    return settings.reviews / f"{article_id}.yaml"


def list_article_ids(settings: Settings) -> list[str]:
    """Ids of every stored article (those with a ``.txt``), sorted."""
    if not settings.articles.is_dir():
        return []
    return sorted(p.stem for p in settings.articles.glob("*.txt") if p.is_file())


def require_article(settings: Settings, article_id: str) -> None:
    """Raise :class:`NotFoundError` unless ``article_id`` is a stored article."""
    if not text_path(settings, article_id).is_file():
        known = ", ".join(list_article_ids(settings)) or "none; add some with `kg ingest`"
        raise NotFoundError(f"no article {article_id!r} in {settings.articles}; known: {known}")


def read_text(settings: Settings, article_id: str) -> str:
    """The stored text of an article (the string every offset points into)."""
    path = text_path(settings, article_id)
    try:
        return path.read_bytes().decode("utf-8")  # no newline translation: offsets are exact
    except FileNotFoundError:
        require_article(settings, article_id)
        raise
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the stored article text ({exc})") from None


def read_meta(settings: Settings, article_id: str) -> ArticleMeta:
    """The metadata record of an article, validated (:mod:`kg.corpus.schema`); a missing or
    malformed one is an InputError with one line per problem."""
    path = meta_path(settings, article_id)
    if not path.exists() and not path.is_symlink():
        require_article(settings, article_id)
        raise InputError(
            f"{path}: article {article_id} has no metadata record (half-written by an "
            f"interrupted `kg ingest`?); re-run `kg ingest` on its source, which repairs it, "
            f"or write one (docs/data-model.md)"
        )
    record = load_meta(path)
    if record.id != article_id:
        raise InputError(
            f"{path}: id: expected {article_id!r} (the file's name), got {record.id!r}"
        )
    return ArticleMeta(
        id=record.id,
        title=record.title,
        date=record.date.isoformat(),
        date_precision=record.date_precision,
        source=record.source,
        sha256=record.sha256,
        date_note=record.date_note,
    )


def dump_meta(meta: ArticleMeta) -> str:
    """The YAML text of a metadata record (fixed key order)."""
    data: dict[str, Any] = {
        "id": meta.id,
        "title": meta.title,
        "date": dt.date.fromisoformat(meta.date),
        "date_precision": meta.date_precision,
    }
    if meta.date_note:
        data["date_note"] = meta.date_note
    data["source"] = meta.source
    data["sha256"] = meta.sha256
    return yamlio.safe_dump(data, width=200)


def write_meta(settings: Settings, meta: ArticleMeta) -> Path:
    """Write the metadata record atomically; returns its path."""
    path = meta_path(settings, meta.id)
    write_text_atomic(path, dump_meta(meta))
    return path
