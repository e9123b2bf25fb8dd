"""Review files (``corpus/review/<article-id>.yaml``): candidates and curator decisions.

The format is described in docs/data-model.md. This module reads and writes it; the
extractor produces :class:`ReviewFile` objects and the build consumes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

from kg.corpus import yamlio
from kg.corpus.schema import load_review_data
from kg.errors import InputError, NotFoundError
from kg.fileio import write_text_atomic

T = TypeVar("T", bound=str)
Status = Literal["candidate", "accepted", "rejected"]
Origin = Literal["extractor", "curator"]
STATUSES: tuple[Status, ...] = get_args(Status)
ORIGINS: tuple[Origin, ...] = get_args(Origin)
Modality = Literal["asserted", "planned", "proposed", "hypothetical", "denied"]
# how the text presents an event; absent = asserted (docs/data-model.md)
MODALITIES: tuple[Modality, ...] = get_args(Modality)


@dataclass
class Evidence:
    start: int
    end: int
    quote: str
    sentence: int | None = None  # index of the sentence in the article (0-based), if known


@dataclass
class Candidate:
    id: str
    type: str
    evidence: list[Evidence]
    status: Status = "candidate"
    origin: Origin = "extractor"
    confidence: float = 0.5
    node: str | None = None
    label: str | None = None
    properties: dict[str, list[str]] = field(default_factory=dict)
    note: str | None = None
    modality: Modality | None = None  # None = asserted

    @property
    def slug(self) -> str:
        return self.node or self.id


@dataclass
class Mention:
    entity: str
    start: int
    end: int


@dataclass
class Unlinked:
    text: str
    start: int
    end: int
    type: str | None = None


@dataclass
class ReviewFile:
    article: str
    extractor: str | None = None
    candidates: list[Candidate] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    unlinked: list[Unlinked] = field(default_factory=list)
    # candidates the extractor scored below its threshold (kg.extract.confidence): kept for
    # a curator, not exported until accepted
    held: list[Candidate] = field(default_factory=list)


def _candidate(raw: dict[str, Any], where: str) -> Candidate:
    try:
        evidence = [
            Evidence(
                int(e["start"]),
                int(e["end"]),
                str(e["quote"]),
                None if e.get("sentence") is None else int(e["sentence"]),
            )
            for e in raw["evidence"]
        ]
        properties = {
            str(k): [str(v) for v in (vs if isinstance(vs, list) else [vs])]
            for k, vs in (raw.get("properties") or {}).items()
        }
        candidate = Candidate(
            id=str(raw["id"]),
            type=str(raw["type"]),
            evidence=evidence,
            status=_one_of(raw.get("status", "candidate"), STATUSES, where, raw, "status"),
            origin=_one_of(raw.get("origin", "extractor"), ORIGINS, where, raw, "origin"),
            confidence=float(raw.get("confidence", 0.5)),
            node=raw.get("node"),
            label=raw.get("label"),
            properties=properties,
            note=raw.get("note"),
            modality=None
            if raw.get("modality") is None
            else _one_of(raw.get("modality"), MODALITIES, where, raw, "modality"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(
            f"{where}: malformed candidate ({exc!r}); see docs/data-model.md"
        ) from None
    return candidate


def stated_modality(value: str | None) -> Modality | None:
    """A frame's modality as a review field: None for ``asserted`` or none (the default)."""
    if value is None or value == "asserted":
        return None
    return _one_of(value, MODALITIES, "extractor", {"id": "-"}, "modality")


def _one_of(value: object, allowed: tuple[T, ...], where: str, raw: Any, what: str) -> T:
    """``value`` as one of the ``allowed`` strings, or an InputError naming the candidate."""
    for choice in allowed:
        if choice == value:
            return choice
    raise InputError(
        f"{where}: candidate {raw.get('id')} has {what} {str(value)!r}; "
        f"use one of {', '.join(allowed)}"
    )


def load_review(path: Path) -> ReviewFile:
    """Read a review file, validated against its schema first (:mod:`kg.corpus.schema`): a
    malformed one is an :class:`InputError` with one line per problem, naming the file."""
    raw = load_review_data(path)
    return ReviewFile(
        article=str(raw["article"]),
        extractor=raw.get("extractor"),
        candidates=[_candidate(c, str(path)) for c in raw.get("candidates") or []],
        mentions=[
            Mention(str(m["entity"]), int(m["start"]), int(m["end"]))
            for m in raw.get("mentions") or []
        ],
        unlinked=[
            Unlinked(str(u["text"]), int(u["start"]), int(u["end"]), u.get("type"))
            for u in raw.get("unlinked") or []
        ],
        held=[_candidate(c, str(path)) for c in raw.get("held") or []],
    )


def _evidence_dict(e: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {"start": e.start, "end": e.end}
    if e.sentence is not None:
        out["sentence"] = e.sentence
    out["quote"] = e.quote
    return out


def _candidate_dict(c: Candidate) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.id,
        "type": c.type,
        "status": c.status,
        "origin": c.origin,
        "confidence": c.confidence,
    }
    if c.node:
        out["node"] = c.node
    if c.label:
        out["label"] = c.label
    if c.modality and c.modality != "asserted":
        out["modality"] = c.modality
    if c.properties:
        out["properties"] = {k: list(v) for k, v in c.properties.items()}
    out["evidence"] = [_evidence_dict(e) for e in c.evidence]
    if c.note:
        out["note"] = c.note
    return out


def dump_review(review: ReviewFile) -> str:
    """The YAML text of a review file (stable key order, readable unicode)."""
    data: dict[str, Any] = {
        "article": review.article,
        "extractor": review.extractor,
        "candidates": [_candidate_dict(c) for c in review.candidates],
        "mentions": [vars(m) for m in review.mentions],
        "unlinked": [vars(u) for u in review.unlinked],
    }
    if review.held:
        data["held"] = [_candidate_dict(c) for c in review.held]
    return yamlio.safe_dump(data, width=100)


def save_review(path: Path, review: ReviewFile) -> None:
    """Write a review file atomically (a crash leaves the previous file whole)."""
    write_text_atomic(path, dump_review(review))


def pending(review: ReviewFile) -> list[Candidate]:
    """Candidates still waiting for a decision (status ``candidate``), in file order."""
    return [c for c in review.candidates if c.status == "candidate"]


def is_kept_on_merge(candidate: Candidate) -> bool:
    """Decided entries and curator entries survive re-extraction exactly as they are."""
    return candidate.status != "candidate" or candidate.origin == "curator"


def merge_extraction(existing: ReviewFile | None, fresh: ReviewFile) -> ReviewFile:
    """Merge a fresh extraction into the review file on disk (docs/data-model.md).

    * entries whose status is not ``candidate``, and every ``origin: curator`` entry, are
      kept exactly as they are (a fresh candidate with the same id does not replace them);
    * undecided machine candidates are replaced by their fresh version;
    * undecided machine candidates the extractor no longer finds are dropped;
    * ``mentions``, ``unlinked`` and ``extractor`` come from the fresh run.

    Order: the fresh run's order (kept entries in place of their fresh twin), then kept
    entries the run did not produce, in their previous order. Merging twice is a no-op.
    """
    if existing is None:
        return fresh
    if existing.article != fresh.article:
        raise InputError(
            f"cannot merge an extraction of {fresh.article!r} into the review file of "
            f"{existing.article!r}"
        )
    kept = {c.id: c for c in existing.candidates if is_kept_on_merge(c)}
    merged: list[Candidate] = []
    seen: set[str] = set()
    for candidate in fresh.candidates:
        if candidate.id in seen:
            continue
        seen.add(candidate.id)
        merged.append(kept.get(candidate.id, candidate))
    merged.extend(c for c in existing.candidates if c.id in kept and c.id not in seen)
    return ReviewFile(
        article=fresh.article,
        extractor=fresh.extractor,
        candidates=merged,
        mentions=list(fresh.mentions),
        unlinked=list(fresh.unlinked),
        held=[c for c in fresh.held if c.id not in kept],
    )


def record_decisions(review: ReviewFile, decisions: dict[str, list[str]]) -> int:
    """Record curator decisions (status -> candidate ids) on ``review``; returns how many.

    One id given two decisions is an :class:`InputError` and an unknown id a
    :class:`NotFoundError`; either way nothing is changed. ``kg review --accept/--reject`` and
    the article reader of the server both record decisions through this function.
    """
    named = [cid for ids in decisions.values() for cid in ids]
    twice = sorted({cid for cid in named if named.count(cid) > 1})
    if twice:
        raise InputError(f"candidate(s) given more than one decision: {', '.join(twice)}")
    known = {c.id for c in review.candidates} | {c.id for c in review.held}
    unknown = [cid for cid in named if cid not in known]
    if unknown:
        raise NotFoundError(
            f"article {review.article} has no candidate {', '.join(unknown)}; "
            f"list them with `kg review {review.article}`"
        )
    bad = sorted(set(decisions) - set(STATUSES))
    if bad:
        raise InputError(f"status {bad[0]!r}; use one of {', '.join(STATUSES)}")
    return sum(len(set_status(review, ids, status)) for status, ids in decisions.items() if ids)


def release(review: ReviewFile, candidate_ids: list[str]) -> None:
    """Move the held candidates ``candidate_ids`` into ``candidates`` (a curator decided on
    them, so they are no longer the extractor's low-confidence guesses)."""
    wanted = set(candidate_ids)
    review.candidates.extend(c for c in review.held if c.id in wanted)
    review.held = [c for c in review.held if c.id not in wanted]


def set_status(review: ReviewFile, candidate_ids: list[str], status: str) -> list[Candidate]:
    """Record a curator decision on the candidates ``candidate_ids``; returns them.

    Unknown ids are a :class:`NotFoundError` and nothing is changed.
    """
    decision = next((s for s in STATUSES if s == status), None)
    if decision is None:
        raise InputError(f"status {status!r}; use one of {', '.join(STATUSES)}")
    by_id = {c.id: c for c in review.candidates}
    unknown = [cid for cid in candidate_ids if cid not in by_id]
    unknown = [cid for cid in unknown if not any(c.id == cid for c in review.held)]
    if unknown:
        raise NotFoundError(
            f"article {review.article} has no candidate {', '.join(unknown)}; "
            f"list them with `kg review {review.article}`"
        )
    release(review, candidate_ids)
    by_id = {c.id: c for c in review.candidates}
    changed = [by_id[cid] for cid in candidate_ids]
    for candidate in changed:
        candidate.status = decision
    return changed
