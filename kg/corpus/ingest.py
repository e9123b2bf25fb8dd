"""``kg ingest``: put article files into the corpus with a metadata record.

Every input is read and checked before anything is written, so one bad file leaves
``corpus/`` exactly as it was. Accepted inputs: ``.txt`` and ``.md`` (stored as given, with
line ends normalised to ``\\n`` and a leading byte-order mark dropped) and ``.html``/``.htm``
(main content extracted by trafilatura; navigation, footers, ads and comments dropped).

Metadata: the title is the HTML title or the first non-empty, non-boilerplate line; the
date is ``--date`` if given, else the HTML publication date (precision ``day``), else the
ingest date with precision ``year`` and a ``date_note`` saying it is only an estimate (an
upper bound: the article existed when it was ingested). ``--date`` takes ``YYYY-MM-DD``
(day), ``YYYY-MM`` (month), ``YYYY-Qn`` (quarter) or ``YYYY`` (year); partial dates are
stored as the first day of the period.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from kg.config import Settings
from kg.corpus.boilerplate import is_boilerplate_line
from kg.corpus.files import (
    ArticleMeta,
    article_id_for,
    dump_meta,
    is_article_id,
    meta_path,
    read_meta,
    review_path,
    sha256_text,
    text_path,
)
from kg.errors import ConflictError, EnvironmentProblem, InputError, UsageError
from kg.fileio import read_regular
from kg.progress import track

MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
_TITLE_MAX = 200
#: Progress lines (stderr) from this many files on.
PROGRESS_FROM = 20
_MIN_WORDS = 3  # less from an HTML page is navigation debris, not an article
_GENERIC_HEADINGS = {"highlights", "summary", "key points", "key takeaways", "in brief", "tl;dr"}


@dataclass(frozen=True)
class DateEstimate:
    date: str
    precision: str
    note: str | None = None


@dataclass
class Prepared:
    """An input file, read, checked and converted, not yet written."""

    source: Path
    article_id: str
    text: str
    title: str
    date: DateEstimate | None  # None: nothing known; the ingest date is used


@dataclass(frozen=True)
class IngestResult:
    article_id: str
    action: str  # added | unchanged | replaced | metadata-updated
    source: Path
    note: str | None = None


def parse_date_option(value: str) -> DateEstimate:
    """``--date`` -> a date and its precision; a bad value is a UsageError."""
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return DateEstimate(dt.date.fromisoformat(text).isoformat(), "day")
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return DateEstimate(dt.date.fromisoformat(text + "-01").isoformat(), "month")
        quarter = re.fullmatch(r"(\d{4})-?Q([1-4])", text, re.IGNORECASE)
        if quarter:
            month = 3 * int(quarter.group(2)) - 2
            return DateEstimate(dt.date(int(quarter.group(1)), month, 1).isoformat(), "quarter")
        if re.fullmatch(r"\d{4}", text):
            return DateEstimate(dt.date(int(text), 1, 1).isoformat(), "year")
    except ValueError:
        pass
    raise UsageError(
        f"--date {value!r}: use YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY (e.g. 2025-03-03)"
    )


def collect_inputs(paths: list[Path]) -> list[Path]:
    """The files to ingest: files as given, and the supported files directly in folders."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUFFIXES
            )
            if not found:
                raise InputError(f"{path}: no .txt, .md or .html files in this folder")
            files.extend(found)
        elif not path.exists():
            raise InputError(f"{path}: no such file or folder")
        elif path.suffix.lower() not in SUFFIXES:
            raise InputError(
                f"{path}: unsupported file type {path.suffix or '(none)'!r}; use .txt, .md or .html"
            )
        else:
            files.append(path)
    return files


def _decode(path: Path) -> str:
    data = read_regular(path, MAX_BYTES, "text or HTML file")  # never more than MAX_BYTES + 1
    if not data.strip():
        raise InputError(f"{path}: empty file")
    if b"\x00" in data:
        raise InputError(f"{path}: binary file (contains NUL bytes); give a text or HTML file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            f"convert it to UTF-8"
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{path}: empty file (only whitespace)")
    return text


def title_of(text: str) -> str:
    """The first non-empty line that is neither boilerplate nor a generic heading."""
    for line in text.splitlines():
        candidate = re.sub(r"^\s*(?:#{1,6}\s+|[-*•]\s+)", "", line).strip().strip("*_").strip()
        if not candidate or is_boilerplate_line(line):
            continue
        if candidate.lower().rstrip(":") in _GENERIC_HEADINGS:
            continue
        if len(candidate) > _TITLE_MAX:
            return candidate[: _TITLE_MAX - 1].rstrip() + "…"
        return candidate
    return "(untitled)"


def _from_html(path: Path, html: str) -> tuple[str, str | None, DateEstimate | None]:
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or len(text.split()) < _MIN_WORDS:
        raise InputError(f"{path}: no main article text found in the HTML")
    title = getattr(document, "title", None)
    raw_date = getattr(document, "date", None)
    date = None
    if isinstance(raw_date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw_date):
        date = DateEstimate(raw_date, "day", "publication date from the page's metadata")
    return text.strip() + "\n", title if isinstance(title, str) and title.strip() else None, date


def prepare(path: Path, date: DateEstimate | None = None) -> Prepared:
    """Read and check one input file; raises InputError naming the file and the reason."""
    article_id = article_id_for(path.stem)
    if not article_id or not is_article_id(article_id):
        raise InputError(f"{path}: the file name gives no usable article id; rename the file")
    text = _decode(path)
    title = None
    if path.suffix.lower() in HTML_SUFFIXES:
        text, title, html_date = _from_html(path, text)
        date = date or html_date
    return Prepared(path, article_id, text, title or title_of(text), date)


def _meta_for(item: Prepared, today: dt.date, previous: ArticleMeta | None) -> ArticleMeta:
    """The record for ``item``; a date already on record is kept unless a new one is known."""
    if item.date is not None:
        date = item.date
    elif previous is not None:
        date = DateEstimate(previous.date, previous.date_precision, previous.date_note)
    else:
        date = DateEstimate(
            today.isoformat(),
            "year",
            "no publication date found; the ingest date is used as an estimate (an upper "
            "bound); set the real one with `kg ingest --replace --date …`",
        )
    same_text = previous is not None and previous.sha256 == sha256_text(item.text)
    return ArticleMeta(
        id=item.article_id,
        title=previous.title if same_text and previous else item.title,
        date=date.date,
        date_precision=date.precision,
        source=previous.source if same_text and previous else item.source.name,
        sha256=sha256_text(item.text),
        date_note=date.note,
    )


def _stored_sha(settings: Settings, article_id: str) -> str | None:
    path = text_path(settings, article_id)
    if not path.is_file():
        return None
    try:
        return sha256_text(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: stored text is unreadable ({exc}); restore it") from None


def ingest_paths(
    settings: Settings,
    paths: list[Path],
    *,
    date: DateEstimate | None = None,
    replace: bool = False,
    today: dt.date | None = None,
) -> list[IngestResult]:
    """Ingest files and folders; all inputs are checked before anything is written."""
    if not paths:
        raise UsageError("give one or more .txt, .md or .html files or folders to ingest")
    inputs = collect_inputs(paths)
    checking = track(inputs, "checking files", unit="file", min_total=PROGRESS_FROM)
    prepared = [prepare(path, date) for path in checking]
    by_id: dict[str, Path] = {}
    for item in prepared:
        if item.article_id in by_id:
            raise ConflictError(
                f"{item.source}: gives article id {item.article_id}, as does "
                f"{by_id[item.article_id]}; rename one of them"
            )
        by_id[item.article_id] = item.source
    with _ingest_lock(settings):
        _remove_stale_temp_files(settings)
        return _write_all(settings, prepared, replace, today or dt.date.today())


def _write_all(
    settings: Settings, prepared: list[Prepared], replace: bool, day: dt.date
) -> list[IngestResult]:
    plan: list[tuple[Prepared, str]] = []
    for item in prepared:
        stored = _stored_sha(settings, item.article_id)
        if stored is None:
            plan.append((item, "added"))
        elif stored == sha256_text(item.text):
            plan.append((item, "metadata-updated" if replace else "unchanged"))
        elif not replace:
            raise ConflictError(
                f"{item.source}: article {item.article_id} is already stored with different "
                f"text; use --replace to overwrite it"
            )
        else:
            plan.append((item, "replaced"))
    results = []
    for item, action in track(plan, "storing articles", unit="article", min_total=PROGRESS_FROM):
        previous = _previous_meta(settings, item.article_id) if action != "added" else None
        meta = _meta_for(item, day, previous)
        if action in ("unchanged", "metadata-updated"):
            if previous is None or previous.sha256 != meta.sha256:
                action = "repaired"  # text stored, record missing or stale: a half-written one
            elif action == "unchanged" or meta == previous:
                results.append(IngestResult(item.article_id, "unchanged", item.source))
                continue
            write_article(settings, None, meta)
        else:
            write_article(settings, item.text, meta)
        note = None
        review = review_path(settings, item.article_id)
        if action == "replaced" and review.is_file():
            note = f"{review} points into the old text; run `kg extract {item.article_id}`"
        if action == "repaired":
            note = f"{item.article_id} was half-written (an interrupted `kg ingest`); repaired"
        results.append(IngestResult(item.article_id, action, item.source, note))
    return results


_TEMP_PREFIX = ".ingest-"


def _stage(folder: Path, data: bytes) -> Path:
    """``data`` in a new hidden temporary file in ``folder``, flushed to disk."""
    descriptor, name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=folder)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(name, 0o644)
    return Path(name)


def write_article(settings: Settings, text: str | None, meta: ArticleMeta) -> None:
    """Store an article's text (unless None: only the record) and its record as one step.

    Both are written to temporary files first; then the text is renamed into place and the
    record last. A ``.txt`` without a record (or with a record of other text) is therefore a
    half-written article: the next ``kg ingest`` of its source repairs it, and ``kg build``
    names it. Temporary files left by a killed run are removed by the next run.
    """
    folder = settings.articles
    staged: list[tuple[Path, Path]] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if text is not None:
            staged.append((_stage(folder, text.encode("utf-8")), text_path(settings, meta.id)))
        staged.append(
            (_stage(folder, dump_meta(meta).encode("utf-8")), meta_path(settings, meta.id))
        )
        for temporary, final in staged:
            os.replace(temporary, final)
        with contextlib.suppress(OSError):
            descriptor = os.open(folder, os.O_RDONLY)
            os.fsync(descriptor)
            os.close(descriptor)
    except OSError as exc:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise EnvironmentProblem(
            f"cannot write article {meta.id} in {folder}: {exc.strerror or exc}"
        ) from None


@contextlib.contextmanager
def _ingest_lock(settings: Settings) -> Iterator[None]:
    """One ``kg ingest`` writing the corpus at a time (the lock dies with the process)."""
    try:
        settings.home.mkdir(parents=True, exist_ok=True)
        handle = open(settings.home / ".ingest.lock", "a+b")  # noqa: SIM115
    except OSError as exc:
        raise EnvironmentProblem(f"cannot write in {settings.home}: {exc.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConflictError(
                f"another `kg ingest` is writing {settings.corpus}; wait for it to finish"
            ) from None
        yield


def _remove_stale_temp_files(settings: Settings) -> None:
    """Temporary files of an interrupted run (this one's and the older ``.<name>.*.tmp``)."""
    if settings.articles.is_dir():
        for stale in settings.articles.glob(".*.tmp"):
            stale.unlink(missing_ok=True)


def _previous_meta(settings: Settings, article_id: str) -> ArticleMeta | None:
    if not meta_path(settings, article_id).is_file():
        return None
    try:
        return read_meta(settings, article_id)
    except InputError:
        return None  # a broken record is replaced by a fresh one
