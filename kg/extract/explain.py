"""Why gold events were missed: a breakdown of every unmatched gold event of a fixture run.

Each gold event that :func:`kg.extract.evaluate.score_article` leaves unmatched falls in
exactly one class, tried in this order:

* ``no candidate``: no candidate of any type has evidence in the gold quote's sentence;
* ``wrong type``: candidates in that sentence, none of the gold type on the quote;
* ``taken``: a candidate of the type is on the quote, but another gold event matched it
  (one candidate for two facts);
* ``wrong filler``: the best candidate of the type on the quote fills a gold role, but not
  with (all of) the gold entities;
* ``role missing``: the best candidate leaves a gold role empty (no wrong filler).

The best candidate is the one with the fewest gold entities missing. Modality and dates do
not decide a match; for matched events, disagreements are counted apart
(``modality`` / ``date``). Role counts name the gold role (``imposedBy missing``,
``targets wrong``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.corpus.review import Candidate, ReviewFile
from kg.extract.evaluate import EVENT_ROWS, OTHER_ROWS, STRICT, Gold, GoldEvent, Matching
from kg.extract.evaluate import _has_keys as has_keys
from kg.extract.evaluate import _overlaps as overlaps
from kg.extract.evaluate import _values as values

CLASSES = ("no candidate", "wrong type", "taken", "wrong filler", "role missing")


@dataclass
class Miss:
    article: str
    event: GoldEvent
    reason: str
    detail: str = ""


@dataclass
class Breakdown:
    misses: list[Miss] = field(default_factory=list)
    roles: Counter[str] = field(default_factory=Counter)  # "imposedBy missing" -> n
    modality: list[str] = field(default_factory=list)  # matched, modality disagrees
    dates: list[str] = field(default_factory=list)  # matched, date disagrees

    def add(self, other: Breakdown) -> None:
        self.misses += other.misses
        self.roles.update(other.roles)
        self.modality += other.modality
        self.dates += other.dates


def _sentence_of(spans: list[tuple[int, int]], at: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= at < end:
            return start, end
    return at, at + 1


def _in(c: Candidate, span: tuple[int, int]) -> bool:
    return any(e.start < span[1] and span[0] < e.end for e in c.evidence)


def _role_faults(c: Candidate, g: GoldEvent, matching: Matching = STRICT) -> dict[str, str]:
    """gold role -> 'missing' (no value) or 'wrong' (values, not the gold ones)."""
    faults: dict[str, str] = {}
    for key, wanted in g.properties.items():
        got = values(c, key)
        if len(matching.filled(key, wanted, got)) < len(wanted):
            faults[key] = "wrong" if got else "missing"
    return faults


def _date_of(c: Candidate) -> str | None:
    found = c.properties.get("startDate") or c.properties.get("date") or []
    return found[0] if found else None


def explain_article(
    gold: Gold,
    review: ReviewFile,
    sentences: list[tuple[int, int]],
    matching: Matching = STRICT,
) -> Breakdown:
    """The same one-to-one matching as ``score_article`` (with the same ``matching`` of
    slugs), with a reason for every miss."""
    rows = {*EVENT_ROWS, *OTHER_ROWS}
    events = [c for c in review.candidates if c.type in rows]
    used: set[str] = set()
    out = Breakdown()
    unmatched: list[GoldEvent] = []
    for g in sorted(gold.events, key=lambda g: g.start):
        if g.type not in rows:
            continue
        hit = next(
            (
                c
                for c in events
                if c.id not in used
                and c.type == g.type
                and overlaps(c, g)
                and has_keys(c, g, matching)
            ),
            None,
        )
        if hit is None:
            unmatched.append(g)
            continue
        used.add(hit.id)
        where = f"{gold.article}: {g.type} {g.quote!r}"
        if (hit.modality or "asserted") != g.modality:
            out.modality.append(f"{where}: {hit.modality or 'asserted'} for {g.modality}")
        if g.date is not None and _date_of(hit) != g.date[0]:
            out.dates.append(f"{where}: {_date_of(hit)} for {g.date[0]}")
    for g in unmatched:
        out.misses.append(_classify(gold.article, g, events, used, sentences, matching))
        if out.misses[-1].reason in ("wrong filler", "role missing"):
            same = [c for c in events if c.type == g.type and overlaps(c, g)]
            best = _best(g, same, matching)
            for key, fault in _role_faults(best, g, matching).items():
                out.roles[f"{key} {fault}"] += 1
    return out


def _best(g: GoldEvent, same: list[Candidate], matching: Matching = STRICT) -> Candidate:
    def missing(c: Candidate) -> int:
        return sum(
            len(v) - len(matching.filled(k, v, values(c, k))) for k, v in g.properties.items()
        )

    return min(same, key=missing)


def _classify(
    article: str,
    g: GoldEvent,
    events: list[Candidate],
    used: set[str],
    sentences: list[tuple[int, int]],
    matching: Matching = STRICT,
) -> Miss:
    sentence = _sentence_of(sentences, g.start)
    near = [c for c in events if _in(c, sentence) or overlaps(c, g)]
    same = [c for c in near if c.type == g.type and overlaps(c, g)]
    if not near:
        return Miss(article, g, "no candidate")
    if not same:
        types = ", ".join(sorted({c.type for c in near}))
        return Miss(article, g, "wrong type", f"found {types}")
    free = [c for c in same if c.id not in used]
    if not free:
        return Miss(article, g, "taken")
    best = _best(g, free, matching)
    faults = _role_faults(best, g, matching)
    detail = "; ".join(
        f"{k} {f}: want {g.properties[k]} got {sorted(values(best, k))}" for k, f in faults.items()
    )
    reason = "wrong filler" if "wrong" in faults.values() else "role missing"
    return Miss(article, g, reason, detail)


def format_breakdown(breakdown: Breakdown, listing: bool = True) -> str:
    """Counts per class and per event type, role faults, then (optionally) every miss."""
    by_class = Counter(m.reason for m in breakdown.misses)
    types = sorted({m.event.type for m in breakdown.misses})
    header = ["type", *CLASSES, "total"]
    body = [
        [
            t,
            *(
                str(sum(1 for m in breakdown.misses if m.event.type == t and m.reason == k))
                for k in CLASSES
            ),
            str(sum(1 for m in breakdown.misses if m.event.type == t)),
        ]
        for t in types
    ]
    body.append(["all", *(str(by_class[k]) for k in CLASSES), str(len(breakdown.misses))])
    widths = [max(len(line[i]) for line in (header, *body)) for i in range(len(header))]
    lines = ["missed gold events by class:"]
    for line in (header, *body):
        cells = [line[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    if breakdown.roles:
        roles = ", ".join(f"{k} {n}" for k, n in sorted(breakdown.roles.items()))
        lines.append(f"role faults of the best same-type candidate: {roles}")
    lines.append(
        f"matched but modality disagrees: {len(breakdown.modality)}; "
        f"matched but date disagrees: {len(breakdown.dates)}"
    )
    if listing:
        for m in breakdown.misses:
            extra = f" ({m.detail})" if m.detail else ""
            lines.append(f"  {m.reason}: {m.article}: {m.event.type} {m.event.quote!r}{extra}")
        lines += [f"  modality: {x}" for x in breakdown.modality]
        lines += [f"  date: {x}" for x in breakdown.dates]
    return "\n".join(lines)
