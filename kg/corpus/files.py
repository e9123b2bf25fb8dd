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


def _date_text(value: Any, where: str) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise InputError(f"{where}: date {value!r} is not a YYYY-MM-DD date") from None


def parse_meta(raw: Any, where: str) -> ArticleMeta:
    """An :class:`ArticleMeta` from the YAML mapping ``raw``; ``where`` names the file."""
    if not isinstance(raw, dict):
        raise InputError(f"{where}: a metadata record must be a YAML mapping")
    required = ("id", "title", "date", "date_precision", "source", "sha256")
    missing = [k for k in required if k not in raw]
    if missing:
        raise InputError(f"{where}: missing {', '.join(missing)}; see docs/data-model.md")
    meta = ArticleMeta(
        id=str(raw["id"]),
        title=str(raw["title"]),
        date=_date_text(raw["date"], where),
        date_precision=str(raw["date_precision"]),
        source=str(raw["source"]),
        sha256=str(raw["sha256"]),
        date_note=None if raw.get("date_note") is None else str(raw["date_note"]),
    )
    if meta.date_precision not in PRECISIONS:
        raise InputError(
            f"{where}: date_precision {meta.date_precision!r}; use one of {', '.join(PRECISIONS)}"
        )
    if not re.fullmatch(r"[0-9a-f]{64}", meta.sha256):
        raise InputError(f"{where}: sha256 must be 64 lowercase hex digits")
    return meta


def read_meta(settings: Settings, article_id: str) -> ArticleMeta:
    """The metadata record of an article; a missing or malformed one is an InputError."""
    path = meta_path(settings, article_id)
    try:
        raw = yamlio.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        require_article(settings, article_id)
        raise InputError(
            f"{path}: article {article_id} has no metadata record; "
            f"re-run `kg ingest --replace` on its source or write one (docs/data-model.md)"
        ) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    except yamlio.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML ({exc})".replace("\n", " ")) from None
    meta = parse_meta(raw, str(path))
    if meta.id != article_id:
        raise InputError(f"{path}: id is {meta.id!r} but the file is for {article_id!r}")
    return meta


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
