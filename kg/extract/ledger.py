"""What ``kg extract`` last wrote, so that ``kg extract --all`` skips unchanged articles.

Per article the ledger keeps two SHA-256 hashes: ``inputs``, of everything an extraction of
it reads (its text and metadata record, plus a ``shared`` key the caller gives for the entity
registry, the extractor's code and the model), and ``review``, of the review file it wrote.
An article is unchanged when both still match: the same inputs, and a review file nobody
edited since (a curator's decision changes what the merge keeps, so an edited review file
is extracted again). Merging is idempotent (:func:`kg.corpus.review.merge_extraction`), so
a skipped article's review file is the one extracting it again would write.

The ledger lives in ``build/extract-state/<name>.json``, one file per shard (``all``,
``shard-0-of-4``) so that shards running on many machines never write the same file;
lookups read them all, and since every entry is checked against the current hashes, a stale
or foreign entry can never make an article be skipped wrongly. A damaged file is ignored
(the articles it covered are extracted again).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.fileio import write_text_atomic

FOLDER = "extract-state"
_VERSION = 1


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def inputs_key(shared: str, text: bytes, meta: bytes | None) -> str:
    """The ``inputs`` hash of one article: ``shared`` (registry, code, model), text, meta."""
    digest = hashlib.sha256()
    for part in (shared.encode("ascii"), text, meta if meta is not None else b"\0missing"):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _entries(data: Any) -> dict[str, tuple[str, str]]:
    articles = data.get("articles") if isinstance(data, dict) else None
    if not isinstance(articles, dict) or data.get("version") != _VERSION:
        return {}
    return {
        str(article_id): (entry["inputs"], entry["review"])
        for article_id, entry in articles.items()
        if isinstance(entry, dict)
        and isinstance(entry.get("inputs"), str)
        and isinstance(entry.get("review"), str)
    }


def _read(path: Path) -> dict[str, tuple[str, str]]:
    try:
        return _entries(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


class Ledger:
    """The ledger of one run, named ``name`` (its file), reading every file in ``folder``."""

    def __init__(self, folder: Path, name: str) -> None:
        self.path = folder / f"{name}.json"
        self._known: dict[str, set[tuple[str, str]]] = {}
        if folder.is_dir():
            for path in sorted(folder.glob("*.json")):
                for article_id, entry in _read(path).items():
                    self._known.setdefault(article_id, set()).add(entry)
        self._saved = _read(self.path)
        self._mine = dict(self._saved)

    def unchanged(self, article_id: str, inputs: str, review: Path) -> bool:
        """Whether ``article_id`` was extracted from ``inputs`` into the review file as it
        is now; if so, the entry is kept in this run's file."""
        entries = self._known.get(article_id)
        if not entries:
            return False
        try:
            current = sha256_bytes(review.read_bytes())
        except OSError:
            return False
        if (inputs, current) not in entries:
            return False
        self._mine[article_id] = (inputs, current)
        return True

    def record(self, article_id: str, inputs: str, review_text: str) -> None:
        """``article_id`` was extracted from ``inputs`` into a review file of ``review_text``."""
        self._mine[article_id] = (inputs, sha256_bytes(review_text.encode("utf-8")))

    def save(self, present: Iterable[str]) -> None:
        """Write this run's file, keeping only the articles in ``present`` (stored ones);
        nothing is written when that is what the file already says."""
        keep = set(present)
        mine = {k: v for k, v in sorted(self._mine.items()) if k in keep}
        if mine == self._saved:
            return
        articles = {
            article_id: {"inputs": inputs, "review": review}
            for article_id, (inputs, review) in mine.items()
        }
        data = {"version": _VERSION, "articles": articles}
        write_text_atomic(self.path, json.dumps(data, indent=1) + "\n")
