"""Event resolution: one node per real-world event (docs/data-model.md "Events").

Three steps, each a plain rule that can be explained in one sentence per decision:

1. **Inside an article** (:func:`resolve_article`): candidates of the same event type and
   review status, with no curator-chosen node, whose roles, resources, places and dates are
   compatible, are one event; they become one node whose evidence lists every sentence.
2. **Against the registry** (:class:`KnownEvents`): an event that matches a known event of
   ``corpus/events.ttl`` (same type, its key actor among the known event's, nothing outside the
   known event's scope, dates in its window) is a *report* of it: the article adds evidence to
   the known node instead of minting its own.
3. **Across articles** (:func:`propose_same_events`): article-local events that agree on type,
   key actors, scope and date are proposed as ``cmkg:sameEventAs`` candidates with a score and
   a reason; nothing is merged silently.

Every step is linear in the number of candidates for a fixed registry: (1) compares a
candidate with the groups of its own article, (2) with the known events of its type, (3) with
one representative per cluster of its block (type and key actors).
"""

from __future__ import annotations

import datetime as dt
from collections import ChainMap
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace

import rdflib
from rdflib.namespace import RDF, SKOS

from kg.corpus.review import Candidate, Evidence
from kg.rdf.terms import CMKG, GRAPH, ID, leading_slug

EVENTS_GRAPH = GRAPH + "events"  # the curated event registry, corpus/events.ttl
MATCHES_GRAPH = GRAPH + "event-matches"  # sameEventAs candidates between articles

# The actor roles of each kind of event; the first is the key role (who acts).
ROLE_PROPERTIES: dict[str, tuple[str, ...]] = {
    "measure": ("imposedBy", "targets"),
    "proposal": ("proposedBy", "proposedTo"),
    "gathering": ("participant",),
}
RESOURCE_PROPERTIES = ("coversResource", "concernsResource")
PLACE_PROPERTIES = ("concernsPlace",)
DATE_PROPERTIES = ("startDate", "date")
# one value per event (the shapes say so): two mentions stating different ones are two events
FIGURE_PROPERTIES = ("amount", "rate", "stake", "priceFloor", "quantity")
ASSERTED = "Asserted"
COMPANY_CLASSES = ("Company", "StateEntity")
ENDED_OR_NOT_YET = frozenset({"Lifted", "Planned"})  # cmkg:status values that are not in force
NOT_REPORTS = {"Hypothetical", "Denied"}  # mentions that do not report a real event
DENIED = "Denied"

DATE_SLACK = dt.timedelta(days=92)  # a measure may be reported up to a quarter before it starts
POINT_EVENT_WINDOW = dt.timedelta(days=366)  # a proposal/meeting is news for about a year
SAME_DAY_SLACK = dt.timedelta(days=31)  # two stated dates of one event within a month
STATED_START_SLACK = dt.timedelta(days=366)  # "the 2023 duties": a year-precise start date
PRECISE_START_SLACK = DATE_SLACK  # "on Oct. 9", "in April": announced vs effective date
CROSS_ARTICLE_WINDOW = dt.timedelta(days=45)  # article dates of two reports of a new event
MIN_SAME_EVENT_SCORE = 0.6


def _local(value: str) -> str:
    """A slug, a cmkg local name or an IRI -> the part that identifies it."""
    for prefix in (ID, CMKG, "cmkgid:", "cmkg:"):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class World:
    """What the entity registry says that matching needs: jurisdictions and hierarchies."""

    jurisdiction: Mapping[str, frozenset[str]] = field(default_factory=dict)
    broader: dict[str, frozenset[str]] = field(default_factory=dict)  # resource -> ancestors
    located: dict[str, frozenset[str]] = field(default_factory=dict)  # place -> ancestors
    companies: frozenset[str] = frozenset()  # Company and StateEntity slugs: speak for themselves
    countries: frozenset[str] = frozenset()  # Country slugs

    @classmethod
    def from_registry(cls, graph: rdflib.Graph) -> World:
        def closure(pred: rdflib.URIRef) -> dict[str, frozenset[str]]:
            direct: dict[str, set[str]] = {}
            for s, o in graph.subject_objects(pred):
                if str(s).startswith(ID) and str(o).startswith(ID):
                    direct.setdefault(_local(str(s)), set()).add(_local(str(o)))
            result: dict[str, frozenset[str]] = {}
            for start in direct:
                seen: set[str] = set()
                frontier = list(direct[start])
                while frontier:
                    node = frontier.pop()
                    if node not in seen:
                        seen.add(node)
                        frontier.extend(direct.get(node, ()))
                result[start] = frozenset(seen)
            return result

        companies = frozenset(
            _local(str(s))
            for kind in COMPANY_CLASSES
            for s in graph.subjects(RDF.type, rdflib.URIRef(CMKG + kind))
            if str(s).startswith(ID)
        )
        countries = frozenset(
            _local(str(s))
            for s in graph.subjects(RDF.type, rdflib.URIRef(CMKG + "Country"))
            if str(s).startswith(ID)
        )
        return cls(
            jurisdiction=closure(rdflib.URIRef(CMKG + "jurisdiction")),
            broader=closure(SKOS.broader),
            located=closure(rdflib.URIRef(CMKG + "locatedIn")),
            companies=companies,
            countries=countries,
        )

    def with_local(self, local: Mapping[str, Iterable[str]]) -> World:
        """This world and the jurisdictions one article's new entities state ("Ellen Marsh,
        the US special envoy": the United States), so that their mentions are compared by
        country too; the registry's own entries keep theirs."""
        stated = {
            slug: frozenset(values) | self.jurisdiction.get(slug, frozenset())
            for slug, values in local.items()
            if values
        }
        if not stated:
            return self
        return replace(self, jurisdiction=ChainMap(stated, dict(self.jurisdiction)))

    def named_country(self, slug: str) -> str | None:
        """The registry country a new body's name opens with ("kenya-ministry-of-mining",
        "india-department-of-atomic-energy"), the longest such; None when there is none."""
        return leading_slug(slug, self.countries)

    def actor(self, slug: str) -> str:
        """An actor compared by country: its jurisdiction when it has exactly one, else itself."""
        countries = self.jurisdiction.get(slug, frozenset())
        return next(iter(countries)) if len(countries) == 1 else slug

    def actors(self, slugs: Iterable[str]) -> frozenset[str]:
        return frozenset(self.actor(s) for s in slugs)

    def speaker(self, slug: str) -> str:
        """Who acts, for the key role (proposer, imposer): a company speaks for itself, not
        for its country (Rusal's offer is not Putin's); officials and bodies by country."""
        return slug if slug in self.companies else self.actor(slug)

    def speakers(self, slugs: Iterable[str]) -> frozenset[str]:
        return frozenset(self.speaker(s) for s in slugs)

    def within(self, narrow: str, wide: str, *, places: bool = False) -> bool:
        """``narrow`` is ``wide`` or lies under it (skos:broader / cmkg:locatedIn)."""
        ancestors = (self.located if places else self.broader).get(narrow, frozenset())
        return narrow == wide or wide in ancestors

    def related(self, a: str, b: str, *, places: bool = False) -> bool:
        return self.within(a, b, places=places) or self.within(b, a, places=places)

    def own_side(self, actors: Iterable[str]) -> frozenset[str]:
        """The actors and their jurisdictions: the side a measure of theirs stands on."""
        named = set(actors)
        return frozenset(named | {j for a in named for j in self.jurisdiction.get(a, ())})

    def scope_of(self, sig: Signature) -> frozenset[str]:
        """What a measure mention states as its scope (docs/data-model.md "Conflicts"): its
        targets, covered resources and places, less its imposer's own side (a ban "in China" by
        China names no one it stands against; the conflict rule reads scope the same way)."""
        own = self.own_side(sig.roles.get("imposedBy", frozenset()))
        return (sig.roles.get("targets", frozenset()) | sig.places | sig.resources) - own


@dataclass(frozen=True)
class Signature:
    """What identifies an event: its type, actors by role, scope, date and modality."""

    type: str
    kind: str  # measure | proposal | gathering
    roles: dict[str, frozenset[str]]
    resources: frozenset[str]
    places: frozenset[str]
    date: dt.date | None
    modality: str = ASSERTED
    status: frozenset[str] = frozenset()  # cmkg:status values (InForce, Lifted, Planned)
    precision: str | None = None  # cmkg:datePrecision of the date (day, month, year)
    figures: dict[str, frozenset[str]] = field(default_factory=dict)  # FIGURE_PROPERTIES

    @property
    def key(self) -> frozenset[str]:
        return self.roles.get(ROLE_PROPERTIES[self.kind][0], frozenset())

    @property
    def mood(self) -> str:
        """Modality as far as identity goes. An offer is conditional by nature ("could supply
        ... if the duties are lifted" is hypothetical in form), so for proposals only a denial
        differs; for other events every modality differs."""
        if self.kind == "proposal":
            return DENIED if self.modality == DENIED else ASSERTED
        return self.modality

    @property
    def reports_event(self) -> bool:
        """Whether the mention can report a real event (not hypothetical or denied)."""
        return self.mood not in NOT_REPORTS


def kind_of(event_type: str, measure_types: set[str]) -> str:
    if event_type in measure_types:
        return "measure"
    if event_type == "Proposal":
        return "proposal"
    return "gathering"


def candidate_modality(candidate: Candidate) -> str:
    """The candidate's modality local name (absent = Asserted), from the field or property."""
    value = getattr(candidate, "modality", None)
    if not value:
        values = candidate.properties.get("modality") or []
        value = values[0] if values else None
    if not value:
        return ASSERTED
    name = _local(str(value))
    return name[:1].upper() + name[1:]


def signature(candidate: Candidate, kind: str) -> Signature:
    props = candidate.properties

    def slugs(names: Iterable[str]) -> frozenset[str]:
        return frozenset(_local(v) for name in names for v in props.get(name, []))

    dates = sorted(d for name in DATE_PROPERTIES for v in props.get(name, []) if (d := _date(v)))
    return Signature(
        type=candidate.type,
        kind=kind,
        roles={role: slugs([role]) for role in ROLE_PROPERTIES[kind]},
        resources=slugs(RESOURCE_PROPERTIES),
        places=slugs(PLACE_PROPERTIES),
        date=dates[0] if dates else None,
        modality=candidate_modality(candidate),
        status=slugs(["status"]),
        precision=next(iter(props.get("datePrecision", [])), None),
        figures={name: slugs([name]) for name in FIGURE_PROPERTIES if props.get(name)},
    )


# -- 1. inside an article ------------------------------------------------------------------


def _roles_compatible(a: frozenset[str], b: frozenset[str], world: World) -> bool:
    """Either side unstated, or one set of actors (by country) contains the other."""
    if not a or not b:
        return True
    na, nb = world.actors(a), world.actors(b)
    return na <= nb or nb <= na


def _scope_compatible(
    a: frozenset[str], b: frozenset[str], world: World, *, places: bool = False
) -> bool:
    """Either side unstated, or some item of one is (under) some item of the other."""
    if not a or not b:
        return True
    return any(world.related(x, y, places=places) for x in a for y in b)


def compatible(a: Signature, b: Signature, world: World) -> bool:
    """Two mentions in one article may be the same event (see the module docstring)."""
    if a.type != b.type or a.mood != b.mood:
        return False
    if a.kind == "measure" and bool(world.scope_of(a)) != bool(world.scope_of(b)):
        return False  # a scope-less mention ("the ban") is no evidence of a scoped measure
    if a.status and b.status and a.status != b.status:
        return False
    if a.status & ENDED_OR_NOT_YET != b.status & ENDED_OR_NOT_YET:
        return False  # "the ban will be extended" is not the ban in force, nor its lifting
    if not all(_roles_compatible(a.roles[r], b.roles[r], world) for r in a.roles):
        return False
    if a.key and b.key and not (world.speakers(a.key) & world.speakers(b.key)):
        return False
    if not _scope_compatible(a.resources, b.resources, world):
        return False
    if not _scope_compatible(a.places, b.places, world, places=True):
        return False
    if any(b.figures.get(name, value) != value for name, value in a.figures.items()):
        return False  # a $90m grant and a $120m loan by two US agencies are two measures
    return a.date is None or b.date is None or abs(a.date - b.date) <= SAME_DAY_SLACK


def merge(group: list[Candidate]) -> Candidate:
    """One candidate for a group of mentions: the first one's id and label, every property
    value and every evidence (in text order, each span once)."""
    first = group[0]
    if len(group) == 1:
        return first
    properties: dict[str, list[str]] = {}
    for member in group:
        for prop, values in member.properties.items():
            kept = properties.setdefault(prop, [])
            kept.extend(v for v in values if v not in kept)
    for prop in DATE_PROPERTIES:  # a date is one value: the earliest stated
        if len(properties.get(prop, [])) > 1:
            properties[prop] = sorted(properties[prop])[:1]
    spans: dict[tuple[int, int], Evidence] = {}
    for member in group:
        for ev in member.evidence:
            spans.setdefault((ev.start, ev.end), ev)
    return replace(
        first,
        label=next((m.label for m in group if m.label), None),
        confidence=max(m.confidence for m in group),
        properties=properties,
        evidence=[spans[key] for key in sorted(spans)],
    )


@dataclass
class Resolved:
    """An event node an article asserts: the merged candidate and what it was made of."""

    candidate: Candidate
    members: list[Candidate]
    signature: Signature
    known: str | None = None  # slug of the known event it reports, if any
    reason: str = ""


def resolve_article(
    candidates: list[Candidate],
    kinds: dict[str, str],
    world: World,
    apart: Callable[[Candidate], Hashable] | None = None,
) -> list[Resolved]:
    """Group the article's event mentions (``kinds``: event type -> kind) into events.

    Only undecided or accepted candidates without a curator-chosen ``node`` are grouped; a
    curator's node is a decision and stays as it is. Groups keep file order; a mention joins
    the first group all of whose members it is compatible with. ``apart`` tells mentions
    the words of their sentences keep apart (two mentions with different values are two
    events: a request to remove a measure and an offer, kg.graph.removal.request_kind).
    """
    groups: list[tuple[list[Candidate], list[Signature], Hashable]] = []
    for c in candidates:
        if c.status == "rejected" or c.type not in kinds:
            continue
        sig = signature(c, kinds[c.type])
        side = apart(c) if apart is not None else None
        if c.node is None:
            for members, sigs, kind in groups:
                joinable = members[0].node is None and members[0].status == c.status
                if (
                    joinable
                    and kind == side
                    and all(compatible(sig, other, world) for other in sigs)
                ):
                    members.append(c)
                    sigs.append(sig)
                    break
            else:
                groups.append(([c], [sig], side))
        else:
            groups.append(([c], [sig], side))
    resolved = []
    for members, _sigs, _side in groups:
        merged = merge(members)
        resolved.append(Resolved(merged, members, signature(merged, kinds[merged.type])))
    return resolved


# -- 2. against the registry ---------------------------------------------------------------


@dataclass(frozen=True)
class KnownEvent:
    slug: str
    signature: Signature
    end: dt.date | None


@dataclass(frozen=True)
class Match:
    slug: str
    score: float
    reason: str


class KnownEvents:
    """The events of the registry graph, indexed by type."""

    def __init__(self, graph: rdflib.Graph, kinds: dict[str, str], world: World) -> None:
        self.world = world
        self.by_type: dict[str, list[KnownEvent]] = {}
        self.slugs: set[str] = set()
        for subject in sorted(set(graph.subjects(RDF.type, None)), key=str):
            if not str(subject).startswith(ID):
                continue
            types = sorted(
                _local(str(t))
                for t in graph.objects(subject, RDF.type)
                if str(t).startswith(CMKG) and _local(str(t)) in kinds
            )
            if not types:
                continue
            slug = _local(str(subject))
            self.slugs.add(slug)
            event = self._known(graph, subject, slug, types[0], kinds[types[0]])
            self.by_type.setdefault(types[0], []).append(event)

    @staticmethod
    def _known(
        graph: rdflib.Graph, subject: rdflib.term.Node, slug: str, event_type: str, kind: str
    ) -> KnownEvent:
        def values(names: Iterable[str]) -> frozenset[str]:
            return frozenset(
                _local(str(o))
                for name in names
                for o in graph.objects(subject, rdflib.URIRef(CMKG + name))
            )

        dates = sorted(d for v in values(DATE_PROPERTIES) if (d := _date(v)))
        ends = sorted(d for v in values(["endDate"]) if (d := _date(v)))
        moods = sorted(values(["modality"]))
        sig = Signature(
            type=event_type,
            kind=kind,
            roles={role: values([role]) for role in ROLE_PROPERTIES[kind]},
            resources=values(RESOURCE_PROPERTIES),
            places=values(PLACE_PROPERTIES),
            date=dates[0] if dates else None,
            modality=moods[0] if moods else ASSERTED,
            status=values(["status"]),
        )
        return KnownEvent(slug, sig, ends[0] if ends else None)

    def attach(self, events: list[Resolved], published: dt.date | None) -> None:
        """Mark each event of one article that reports a known event (``known``, ``reason``);
        a curator-chosen known node is kept as it is."""
        for event in events:
            c = event.candidate
            if c.node is None:
                match = self.match(event.signature, published)
                if match is not None:
                    event.known, event.reason = match.slug, match.reason
            elif c.slug in self.slugs:
                event.known = c.slug

    def match(self, sig: Signature, published: dt.date | None) -> Match | None:
        """The known event ``sig`` reports, or None (no match, or two equally good)."""
        if not sig.reports_event or not sig.key:
            return None
        scored = [
            (found, event.slug)
            for event in self.by_type.get(sig.type, [])
            if (found := self._score(sig, event, published)) is not None
        ]
        if not scored:
            return None
        scored.sort(key=lambda item: (-item[0][0], item[1]))
        (best, reasons), slug = scored[0]
        if len(scored) > 1 and scored[1][0][0] == best:
            return None  # ambiguous: leave it article-local for a curator
        return Match(slug, best, "; ".join(reasons))

    def _score(
        self, sig: Signature, event: KnownEvent, published: dt.date | None
    ) -> tuple[float, list[str]] | None:
        world, known = self.world, event.signature
        if sig.mood != known.mood:
            return None  # a proposed 300% duty is not a report of the duties in force
        if (sig.status & ENDED_OR_NOT_YET) - known.status:
            return None  # a lifting or a plan is not a report of the measure in force
        if sig.kind == "measure" and world.scope_of(known) and not world.scope_of(sig):
            return None  # "the lifting of US sanctions": no scope, no report of a scoped one
        reasons = [f"same type {sig.type}"]
        score = 1.0
        key_role = ROLE_PROPERTIES[sig.kind][0]
        extra: frozenset[str] = frozenset()  # imposers the known measure lacks
        for role in ROLE_PROPERTIES[sig.kind]:
            by = world.speakers if role == key_role else world.actors
            mine, theirs = by(sig.roles[role]), by(known.roles[role])
            if not mine:
                if role == key_role:
                    return None
                score -= 0.25 * bool(theirs)
                continue
            if not mine <= theirs:
                if not (role == key_role and sig.kind == "measure" and mine & theirs):
                    return None
                # a measure of two imposers of different sides is nearly always one measure
                # with a wrongly added actor: it reports the known measure of one of them
                # when everything else fits and its stated start agrees (checked below)
                extra = mine - theirs
                mine = mine & theirs
            weight = 2.0 if role == key_role else 1.0
            score += weight * len(mine) - len(extra)
            named = sorted(v for v in sig.roles[role] if by([v]) <= theirs)
            reasons.append(f"{role} {', '.join(named)}")
        if extra and (known.date is None or sig.date is None):
            return None
        for items, known_items, places, label in (
            (sig.resources, known.resources, False, "resources"),
            (sig.places, known.places, True, "places"),
        ):
            if not items:
                score -= 0.25 * bool(known_items)
                continue
            if not all(any(world.related(x, k, places=places) for k in known_items) for x in items):
                return None
            score += len(items)
            reasons.append(f"{label} {', '.join(sorted(items))}")
        start = known.date
        if start is not None:
            point = kind_is_point(sig.kind)
            last = start + POINT_EVENT_WINDOW if point else (event.end or dt.date.max)
            if published is not None and not start - DATE_SLACK <= published <= last:
                return None
            if sig.date is not None:
                slack = SAME_DAY_SLACK if point else _start_slack(sig.precision)
                if abs(sig.date - start) > slack:
                    return None
                score += 1.0
                reasons.append(f"date {sig.date.isoformat()} agrees with {start.isoformat()}")
        return score, reasons


def _start_slack(precision: str | None) -> dt.timedelta:
    """How far a measure's stated start may be from a known measure's: a year ("the 2023
    duties") anywhere in it; a day or a month within a quarter (announced vs effective),
    so China's October 2025 rare-earth rules are not a report of its April 2025 controls."""
    return PRECISE_START_SLACK if precision in ("day", "month") else STATED_START_SLACK


def kind_is_point(kind: str) -> bool:
    """Proposals, meetings and agreements happen at a time; measures last."""
    return kind != "measure"


# -- 3. across articles --------------------------------------------------------------------


@dataclass(frozen=True)
class LocalEvent:
    slug: str
    article: str
    signature: Signature
    published: dt.date | None


@dataclass(frozen=True)
class SameEvent:
    first: str
    second: str
    score: float
    reason: str


def _same_event(a: LocalEvent, b: LocalEvent, world: World) -> SameEvent | None:
    """Score two article-local events of different articles; None when they cannot match."""
    sa, sb = a.signature, b.signature
    if a.article == b.article or not compatible(sa, sb, world):
        return None
    shared_key = world.actors(sa.key) & world.actors(sb.key)
    if not shared_key:
        return None
    when_a, when_b = sa.date or a.published, sb.date or b.published
    if when_a and when_b and abs(when_a - when_b) > CROSS_ARTICLE_WINDOW:
        return None
    checks: list[tuple[bool, str]] = [(True, f"same type {sa.type}")]
    checks.append((True, f"same {ROLE_PROPERTIES[sa.kind][0]} {', '.join(sorted(shared_key))}"))
    for role in ROLE_PROPERTIES[sa.kind][1:]:
        if sa.roles[role] or sb.roles[role]:
            same = bool(world.actors(sa.roles[role]) & world.actors(sb.roles[role]))
            checks.append((same, f"{role} {'agree' if same else 'differ'}"))
    for items_a, items_b, places, label in (
        (sa.resources, sb.resources, False, "resources"),
        (sa.places, sb.places, True, "places"),
    ):
        if items_a or items_b:
            same = any(world.related(x, y, places=places) for x in items_a for y in items_b)
            checks.append((same, f"{label} {'overlap' if same else 'differ'}"))
    if when_a and when_b:
        checks.append((True, f"dates {abs(when_a - when_b).days} days apart"))
    agreed = sum(ok for ok, _ in checks)
    score = round(agreed / len(checks), 2)
    scope_checks = checks[2:]
    if score < MIN_SAME_EVENT_SCORE or not any(ok for ok, _ in scope_checks):
        return None
    return SameEvent(a.slug, b.slug, score, "; ".join(text for _, text in checks))


def propose_same_events(events: list[LocalEvent], world: World) -> list[SameEvent]:
    """``sameEventAs`` candidates among article-local events, in input order.

    Events are blocked by type and key actors (by country); within a block each event is
    compared with one representative per cluster (the first event of the cluster) and joins
    the first cluster it matches, so the work grows with events x clusters, not events².
    """
    blocks: dict[tuple[str, frozenset[str]], list[LocalEvent]] = {}
    found: list[SameEvent] = []
    for event in events:
        sig = event.signature
        if sig.reports_event and sig.key:
            block = blocks.setdefault((sig.type, world.actors(sig.key)), [])
            _cluster(event, block, found, world)
    return found


def _cluster(
    event: LocalEvent, representatives: list[LocalEvent], found: list[SameEvent], world: World
) -> None:
    """Add ``event`` to the first cluster of its block it matches (the match to ``found``), or
    make it the representative of a new cluster."""
    for representative in representatives:
        if representative.slug == event.slug:
            return  # the same IRI in two articles is already one node
        match = _same_event(representative, event, world)
        if match is not None:
            found.append(match)
            return
    representatives.append(event)


def _continued(
    before: tuple[list[LocalEvent], list[SameEvent]], members: list[LocalEvent], world: World
) -> list[SameEvent] | None:
    """A block's matches when its events are those it had before plus new ones at the end
    (articles added after the others, as a +1 build's usually are): the earlier events keep
    their clusters and matches and only the new ones are compared, with what
    :func:`propose_same_events` would give. None when that does not apply."""
    old, matches = before
    if len(members) <= len(old) or members[: len(old)] != old:
        return None
    if len({e.slug for e in members}) != len(members):
        return None  # a repeated IRI: the clusters cannot be read back from the matches
    matched = {m.second for m in matches}
    representatives = [e for e in old if e.slug not in matched]
    found = list(matches)
    for event in members[len(old) :]:
        _cluster(event, representatives, found, world)
    return found


Blocks = dict[tuple[str, frozenset[str]], tuple[list[LocalEvent], list[SameEvent]]]


def propose_same_events_by_block(
    events: list[LocalEvent], world: World, previous: Blocks | None = None
) -> tuple[list[SameEvent], Blocks]:
    """The matches of :func:`propose_same_events` (the same set, listed block by block) and
    each block's events and matches; a block whose events equal those it had in
    ``previous`` (a build with the same registry) keeps its matches without comparing, and
    one with new events after those it had compares only the new ones."""
    grouped: dict[tuple[str, frozenset[str]], list[LocalEvent]] = {}
    for event in events:
        sig = event.signature
        if sig.reports_event and sig.key:
            grouped.setdefault((sig.type, world.actors(sig.key)), []).append(event)
    blocks: Blocks = {}
    found: list[SameEvent] = []
    for key, members in grouped.items():
        before = (previous or {}).get(key)
        matches = None
        if before is not None:
            matches = before[1] if before[0] == members else _continued(before, members, world)
        if matches is None:
            matches = propose_same_events(members, world)
        blocks[key] = (members, matches)
        found.extend(matches)
    return found, blocks
