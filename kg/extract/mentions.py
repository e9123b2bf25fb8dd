"""Repeated mentions of one event in an article, as one candidate.

News states a measure once and then names it again: in a headline-like opening ("1. Argentina
cuts lithium export duty." before "Buenos Aires lowered the export duty on …"), in a market
recap ("copper premiums held high as Zambia's export duty kept material inside the country"
before "Zambia raised its export duty … to 10%"), in a bulleted summary of a release ("- A$30
million loan guarantee from Export Finance Australia"). Each sentence gives a frame; the
article states one event. :func:`merge_repeated` keeps the first candidate and adds the later
mention's evidence (and role values) to it, as the build's event resolution would, so that a
curator reviews the event once.

Two mentions are merged only when nothing tells them apart: the same type and modality, in
different sentences (two frames of one sentence are two facts the frame builders chose to
keep apart, unless one names in each role what the other names or more, with the same
figures and everything else equal: then two builders read one shape, as a share of imports
is read both as a figure and as a sourcing verb), a
shared actor (imposer, provider, claimant, dependent), no conflicting counterparty,
overlapping resources when both name some, the same status, the same figures and dates
when both state them, and, for support measures, the same kinds of figure (a loan of an
amount and a stake are two measures of one provider). Proposals and roles have their own
identity rules (the proposal frames and ``settle_roles``) and are not merged here; meetings
and agreements neither (two meetings of the same sides are common).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg.corpus.review import Candidate
from kg.extract.confidence import ACTOR_ROLE

# the types merged here, each with the role that says who acts (the confidence step's)
_MERGED = (
    "Sanction",
    "Tariff",
    "ExportControl",
    "ImportBan",
    "SupportMeasure",
    "Claim",
    "Dependency",
)
ACTORS = {t: ACTOR_ROLE[t] for t in _MERGED}
# the roles whose values must not disagree
SIDES = {
    "Sanction": ("targets",),
    "Tariff": ("targets",),
    "ExportControl": ("targets",),
    "ImportBan": ("targets",),
    "SupportMeasure": ("beneficiary",),
    "Claim": ("about",),
    "Dependency": ("dependsOn",),
}
RESOURCES = ("coversResource", "concernsResource")
# the roles whose values one reading of a sentence may name more of than another
_ROLES = frozenset(
    {*ACTORS.values(), *(s for sides in SIDES.values() for s in sides), *RESOURCES}
    | {"concernsPlace"}
)
FIGURES = ("rate", "amount", "stake", "priceFloor", "quantity")
# values that must be equal when both mentions state them
SAME_WHEN_STATED = ("startDate", "date", "endDate", "claimKind", "currency", "unit")
MAX_EVIDENCE = 3


def _values(c: Candidate, names: Iterable[str]) -> set[str]:
    return {v for name in names for v in c.properties.get(name, [])}


def _nested(a: set[str], b: set[str]) -> bool:
    return not a or not b or a <= b or b <= a


def _read_twice(a: Candidate, b: Candidate) -> bool:
    """Two frames of one sentence that say the same with more or fewer names: every role's
    values of one contain the other's ("Türkiye imports 90% of its phosphate rock, mainly
    from Morocco and Egypt": from Morocco / from Morocco and Egypt), and the figures, the
    status and every other value are equal."""
    for name in set(a.properties) | set(b.properties):
        x, y = _values(a, [name]), _values(b, [name])
        if x == y:
            continue
        if name in FIGURES or name not in _ROLES or not (x <= y or y <= x):
            return False
    return True


def same_event(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates of one article may be mentions of one event."""
    actor = ACTORS.get(a.type)
    if actor is None or a.type != b.type or (a.modality or "") != (b.modality or ""):
        return False
    if {e.start for e in a.evidence} & {e.start for e in b.evidence}:
        # one sentence: the frame builders kept them apart, unless both say the same
        return _read_twice(a, b)
    if not _values(a, [actor]) & _values(b, [actor]):
        return False
    if not all(_nested(_values(a, [s]), _values(b, [s])) for s in SIDES[a.type]):
        return False
    resources_a, resources_b = _values(a, RESOURCES), _values(b, RESOURCES)
    if resources_a and resources_b and not resources_a & resources_b:
        return False
    if _values(a, ["status"]) != _values(b, ["status"]):
        return False
    for name in SAME_WHEN_STATED:
        x, y = _values(a, [name]), _values(b, [name])
        if x and y and x != y:
            return False
    kinds_a = {f for f in FIGURES if a.properties.get(f)}
    kinds_b = {f for f in FIGURES if b.properties.get(f)}
    if a.type == "SupportMeasure" and kinds_a != kinds_b:
        return False  # "a loan of A$85m" and "a 15% stake": two measures of one provider
    if kinds_a and kinds_b and not kinds_a & kinds_b:
        return False
    return all(_values(a, [f]) == _values(b, [f]) for f in kinds_a & kinds_b)


def _absorb(kept: Candidate, later: Candidate) -> Candidate:
    properties = {k: list(v) for k, v in kept.properties.items()}
    for name, values in later.properties.items():
        if name == "conditionOnMeasure":
            continue
        have = properties.setdefault(name, [])
        have.extend(v for v in values if v not in have)
    evidence = list(kept.evidence)
    for ev in later.evidence:
        if len(evidence) < MAX_EVIDENCE and all(ev.start != e.start for e in evidence):
            evidence.append(ev)
    return replace(
        kept,
        properties=properties,
        evidence=evidence,
        confidence=max(kept.confidence, later.confidence),
    )


def merge_repeated(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with each later mention of an earlier candidate's event merged into
    it (text order kept; a merged mention's id, where a proposal's ``conditionOnMeasure``
    names it, is replaced by the kept candidate's)."""
    kept: list[Candidate] = []
    members: dict[str, list[Candidate]] = {}  # kept id -> the mentions it stands for
    renamed: dict[str, str] = {}
    for c in candidates:
        target = next(
            (
                i
                for i, k in enumerate(kept)
                if k.type in ACTORS and all(same_event(m, c) for m in members[k.id])
            ),
            None,
        )
        if target is None:
            kept.append(c)
            members[c.id] = [c]
            continue
        members[kept[target].id].append(c)
        renamed[c.id] = kept[target].id
        kept[target] = _absorb(kept[target], c)
    if renamed:
        for c in kept:
            links = c.properties.get("conditionOnMeasure")
            if links:
                c.properties["conditionOnMeasure"] = list(
                    dict.fromkeys(renamed.get(v, v) for v in links)
                )
    return kept
