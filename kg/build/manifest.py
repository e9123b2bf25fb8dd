"""Content hashes of a build's inputs, and what changed since the current build.

Every file a build reads has a SHA-256 in ``build-info.json`` under ``inputs``: per article its
text, metadata record and review file (``corpus/articles/<id>.txt``, ``….meta.yaml``,
``corpus/review/<id>.yaml``), the registries (``corpus/entities.ttl``, ``corpus/events.ttl``),
the ontology, shapes and rules (``ontology/…``) and the canned queries (``queries/…``). The
code that builds is hashed too (``code``): a different ``kg`` gives a different build.

:func:`compare` tells ``kg build`` which articles changed and whether anything shared (the
registries, ontology, shapes, rules, queries, code) changed, in which case everything is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.config import Settings
from kg.corpus.files import list_article_ids, meta_path, review_path, text_path
from kg.fileio import write_bytes_atomic
from kg.resources import ontology_dir, queries_dir

CODE_KEY = "code"
ARTICLE_PREFIXES = ("corpus/articles/", "corpus/review/")
_CODE_ROOT = Path(__file__).resolve().parents[1]  # the kg package
HASHES_FILE = "input-hashes.json"  # in each version folder: input hashes by file status
SETTLED_NS = 2_000_000_000  # a file status this much older than its recording is trusted


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def code_hash() -> str:
    """One hash of the ``kg`` package's Python sources (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(_CODE_ROOT.rglob("*.py")):
        digest.update(path.relative_to(_CODE_ROOT).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def input_files(settings: Settings) -> dict[str, Path]:
    """Every input file of a build, by its name in ``build-info.json``."""
    files: dict[str, Path] = {}
    for folder, label in ((ontology_dir(), "ontology"), (queries_dir(), "queries")):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.suffix in {".ttl", ".rq"}:
                    files[f"{label}/{path.relative_to(folder).as_posix()}"] = path
    for name in ("entities.ttl", "events.ttl"):
        if (settings.corpus / name).is_file():
            files[f"corpus/{name}"] = settings.corpus / name
    for article_id in list_article_ids(settings):
        files[f"corpus/articles/{article_id}.txt"] = text_path(settings, article_id)
        files[f"corpus/articles/{article_id}.meta.yaml"] = meta_path(settings, article_id)
    if settings.reviews.is_dir():
        for path in sorted(settings.reviews.glob("*.yaml")):
            files[f"corpus/review/{path.stem}.yaml"] = review_path(settings, path.stem)
    return dict(sorted(files.items()))


def _stat_key(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _read_known(path: Path) -> dict[str, list[int | str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    known = data.get("files") if isinstance(data, dict) else None
    return known if isinstance(known, dict) else {}


def input_hashes(settings: Settings) -> dict[str, str]:
    """``{name: sha256}`` for every input file, plus ``code`` for the builder itself.

    A file whose size, modification and status-change times, inode and device are those it
    had when the current build hashed it (:data:`HASHES_FILE` in its version folder) keeps that
    hash without being read again. Any write changes the status-change time (which, unlike
    the modification time, cannot be set back), and only entries whose times were already
    :data:`SETTLED_NS` old when they were recorded are trusted, so that a file written
    within the clock's granularity of a recording is always read again.
    """
    started = time.time_ns()
    known = _read_known(settings.build / "current" / HASHES_FILE)
    hashes: dict[str, str] = {}
    files: dict[str, list[int | str]] = {}
    for name, path in input_files(settings).items():
        try:
            key = _stat_key(path)
        except FileNotFoundError:  # a meta record missing: the build reports it
            hashes[name] = "missing"
            continue
        entry = known.get(name)
        if isinstance(entry, list) and entry[:-1] == key:
            hashes[name] = str(entry[-1])
        else:
            try:
                hashes[name] = sha256_file(path)
            except FileNotFoundError:
                hashes[name] = "missing"
                continue
        if max(key[1], key[2]) < started - SETTLED_NS:
            files[name] = [*key, hashes[name]]
    hashes[CODE_KEY] = code_hash()
    _pending[settings.build] = files
    return hashes


_pending: dict[Path, dict[str, list[int | str]]] = {}  # build folder -> record to keep


def keep_hashes(build: Path, version: Path) -> None:
    """Write the file status record of the last :func:`input_hashes` for ``build`` into the
    new ``version`` folder (a failed build writes none; the next build reads the current
    version's)."""
    files = _pending.pop(build, None)
    if files is not None:
        data = json.dumps({"files": files}, sort_keys=True, separators=(",", ":"))
        write_bytes_atomic(version / HASHES_FILE, data.encode("utf-8"))


def article_of(name: str) -> str | None:
    """The article id an input name belongs to, or None for a shared input."""
    for prefix in ARTICLE_PREFIXES:
        if name.startswith(prefix):
            stem = name[len(prefix) :]
            for suffix in (".meta.yaml", ".txt", ".yaml"):
                if stem.endswith(suffix):
                    return stem[: -len(suffix)]
    return None


@dataclass
class Changes:
    """What differs between the inputs of the current build and the inputs now."""

    articles: int  # articles now
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)  # registry, ontology, shapes, rules, …
    previous: bool = True  # False when there is no usable previous build

    @property
    def nothing(self) -> bool:
        return self.previous and not (self.added or self.removed or self.modified or self.shared)

    @property
    def changed_articles(self) -> int:
        return len(self.added) + len(self.removed) + len(self.modified)

    def describe(self) -> str:
        """One line for the user: what changed and what the build therefore does."""
        if not self.previous:
            return f"no previous build to compare with: building all {self.articles} articles"
        if self.nothing:
            return f"nothing changed since the current build ({self.articles} articles)"
        parts = [f"{self.changed_articles} of {self.articles} articles changed"]
        detail = [
            f"{len(names)} {word}"
            for names, word in (
                (self.added, "added"),
                (self.modified, "modified"),
                (self.removed, "removed"),
            )
            if names
        ]
        if detail:
            parts[0] += f" ({', '.join(detail)})"
        if self.shared:
            shown = ", ".join(self.shared[:5]) + (" …" if len(self.shared) > 5 else "")
            parts.append(f"shared inputs changed ({shown}): rebuilding everything")
        return "; ".join(parts)


def compare(previous: dict[str, str] | None, current: dict[str, str]) -> Changes:
    """The :class:`Changes` from ``previous`` input hashes (None: no build) to ``current``."""
    articles = {article_of(n) for n in current if n.startswith("corpus/articles/")}
    changes = Changes(articles=len(articles - {None}))
    if previous is None:
        changes.previous = False
        return changes
    before: dict[str | None, set[str]] = {}
    now: dict[str | None, set[str]] = {}
    for table, hashes in ((before, previous), (now, current)):
        for name in hashes:
            table.setdefault(article_of(name), set()).add(name)
    changes.shared = sorted(
        name
        for name in before.get(None, set()) | now.get(None, set())
        if previous.get(name) != current.get(name)
    )
    old_ids = {a for a in before if a is not None}
    new_ids = {a for a in now if a is not None}
    changes.added = sorted(new_ids - old_ids)
    changes.removed = sorted(old_ids - new_ids)
    changes.modified = sorted(
        a
        for a in old_ids & new_ids
        if any(previous.get(n) != current.get(n) for n in before[a] | now[a])
    )
    return changes


def read_previous_inputs(build_info: Path) -> dict[str, str] | None:
    """The ``inputs`` of a build's ``build-info.json``, or None when it is missing or unusable."""
    try:
        info = json.loads(build_info.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    inputs = info.get("inputs") if isinstance(info, dict) else None
    if not isinstance(inputs, dict) or CODE_KEY not in inputs:
        return None
    return {str(k): str(v) for k, v in inputs.items()}
