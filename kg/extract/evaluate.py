"""Precision and recall of the extractor against accepted (gold) assertions, per type.

Two gold sources:

* the corpus (default): for every stored article whose review file has accepted entries
  (articles nobody reviewed yet are left out), the **accepted** entries (curator or
  machine) are the gold events; the gold entities are the accepted
  new-entity entries plus every registry entity an accepted assertion refers to;
* fixtures (``--fixtures DIR``): ``DIR/<id>.txt`` articles, each with
  ``DIR/<id>.expected.yaml``::

      entities:                      # named actors, resources and places, by slug and type
        - {slug: ukraine, type: Country}
        - {slug: yulia-svyrydenko, type: Person}    # not in the registry: slug of the name
      events:                        # events, measures, claims, roles, dependencies
        - type: Agreement
          quote: "signed a long-delayed agreement"  # a substring of the article text
          properties: {participant: [united-states, ukraine]}   # key participants only

The predictions are a fresh run of the extractor over the article text (not the
candidates stored in review files): entities = registry mentions + new-entity
candidates; events = the other candidates.

Matching rule (one-to-one, in text order):

* an entity matches when the slug is the same and the types lie on one branch of the
  class tree: the same class, or one a superclass of the other (``Organization`` ⊒
  ``Company``, ``GovernmentBody``, ``StateEntity``; ``Place`` ⊒ ``Region``, ``Country``,
  ``Project``). An unspecific type (a new "in Louisiana" place typed ``Place``) is not
  wrong; a sibling (``Company`` for a ``GovernmentBody``, ``Region`` for a ``Country``) is;
* an event matches when the type is the same (a Tariff is not a Sanction) and the
  prediction's evidence overlaps the gold evidence span (or contains the gold quote),
  and, for fixture gold, every listed key participant is among the prediction's values
  of that property;
* "the same slug" above is, for slugs the registry does not know, the same entity by
  :mod:`kg.extract.identity` ("kamativi" / "kamativi-mine"; a prediction matches at most
  one gold entity), and in an actor role (:data:`ACTOR_ROLES`) a government body of the
  gold country fills it (:func:`kg.extract.identity.body_of`; not the reverse). The
  report keeps the rows under the strict rule (the same slug) too: ``Report.strict``,
  printed as the ``strict slugs:`` line.

Rows: ``actors``, ``resources``, ``places`` (entities, grouped by the gold or predicted
type), each event type, and the totals ``entities`` and ``events`` (Proposal, the four
measures, Claim, Meeting, Agreement; Roles and Dependencies are listed but not totalled).
Precision = matched / predicted, recall = matched / gold.

Conflicts (dev-set gold with a ``conflicts:`` list, tests/fixtures/devset/README.md): the
caller supplies the predicted conflicts of an article (computed the way the build does, by
:mod:`kg.build.conflict_eval`, which this layer cannot import); a predicted conflict matches a
gold one when one of the proposal's evidence sentences in the article contains the gold
proposal quote and the measure is the gold ``known`` event, or one of its evidence sentences
contains the gold measure quote (one-to-one, in gold order).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.corpus.review import Candidate, Evidence, ReviewFile
from kg.errors import InputError, NotFoundError
from kg.extract.gazetteer import ENTITY_TYPES, Registry, type_group
from kg.extract.identity import SUPERCLASSES, Identity, body_of
from kg.extract.identity import type_matches as type_matches

EVENT_ROWS = (
    "Proposal",
    "Sanction",
    "Tariff",
    "ExportControl",
    "ImportBan",
    "SupportMeasure",
    "Claim",
    "Meeting",
    "Agreement",
)
OTHER_ROWS = ("Role", "Dependency")
ENTITY_ROWS = ("actors", "resources", "places")
MEASURE_ROWS = ("Sanction", "Tariff", "ExportControl", "ImportBan", "SupportMeasure")
# dev-set gold role names -> the candidate properties that carry them
ROLE_KEYS: dict[str, tuple[str, ...]] = {
    "covers": ("coversResource", "concernsResource"),
    "concerns": ("concernsResource", "concernsPlace"),
    "claimedBy": ("claimant",),
    "providedBy": ("imposedBy",),
    "person": ("roleOf",),
    "holdsRoleIn": ("roleIn",),
}


@dataclass(frozen=True)
class GoldEntity:
    slug: str
    type: str


@dataclass
class GoldEvent:
    type: str
    spans: list[tuple[int, int]]
    quote: str | None = None
    properties: dict[str, list[str]] = field(default_factory=dict)
    modality: str = "asserted"
    date: tuple[str, str] | None = None  # (ISO date, precision)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.spans)


@dataclass(frozen=True)
class GoldConflict:
    """A conflict the analyst lists: a gold proposal (by quote) and the measure it conflicts
    with, a gold measure of the article (by quote) or a known measure (by event id)."""

    proposal: str
    measure: str | None = None
    known: str | None = None
    why: str = ""


@dataclass(frozen=True)
class PredictedConflict:
    """A conflict the build infers, seen from one article: both nodes, this article's
    evidence sentences for each side, and whether the measure has a scope and is asserted."""

    proposal: str  # node local name
    measure: str  # node local name (a known event's id)
    proposal_sentences: tuple[str, ...]
    measure_sentences: tuple[str, ...] = ()
    scoped: bool = True
    asserted: bool = True


@dataclass
class Gold:
    article: str
    entities: list[GoldEntity] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    must_not: list[GoldEvent] = field(default_factory=list)
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    date: str | None = None  # the article's publication date, if the gold gives it
    conflicts: list[GoldConflict] | None = None  # None: conflicts not annotated


@dataclass
class Row:
    name: str
    gold: int = 0
    found: int = 0
    matched: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None


def _entity_group(entity_type: str) -> str | None:
    return "places" if entity_type == "Place" else type_group(entity_type)


def load_expected(path: Path, text: str, article: str) -> Gold:
    """Read a fixture's expected facts; a bad file is an :class:`InputError` naming it."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        message = f"{path}: cannot read expected facts ({exc})".replace("\n", " ")
        raise InputError(message) from None
    if not isinstance(raw, dict):
        raise InputError(f"{path}: expected a mapping with 'entities:' and 'events:'")
    gold = Gold(article)
    try:
        if raw.get("date") is not None:
            gold.date = str(raw["date"])
        for item in raw.get("entities") or []:
            gold.entities.append(GoldEntity(str(item["slug"]), str(item["type"])))
        for item in raw.get("events") or []:
            event = _gold_event(item, text, path)
            event.modality = str(item.get("modality") or "asserted")
            when = item.get("date")
            if isinstance(when, dict) and when.get("value") is not None:
                event.date = (str(when["value"]), str(when.get("precision") or "day"))
            gold.events.append(event)
        for item in raw.get("must_not") or []:
            gold.must_not.append(_gold_event(item, text, path))
        for line in raw.get("boilerplate") or []:
            at = _line_at(text, str(line))
            if at < 0:
                raise InputError(f"{path}: boilerplate line {line!r} is not in the article text")
            gold.boilerplate.append((at, at + len(str(line))))
        if "conflicts" in raw:
            gold.conflicts = [_gold_conflict(item, gold, path) for item in raw["conflicts"] or []]
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"{path}: malformed entry ({exc!r}); see `kg eval --help`") from None
    return gold


def _line_at(text: str, line: str) -> int:
    """Offset of ``line`` as a whole line of ``text`` ("New Delhi" the sign-off, not the
    words inside a story sentence), else of its first occurrence (-1: absent)."""
    match = re.search(rf"(?m)^[ \t]*({re.escape(line.strip())})[ \t]*$", text)
    return match.start(1) if match else text.find(line)


def _gold_event(item: dict[str, Any], text: str, path: Path) -> GoldEvent:
    quote = str(item["quote"])
    at = text.find(quote)
    if at < 0:
        raise InputError(f"{path}: quote {quote!r} is not in the article text")
    props = {
        str(k): [str(x) for x in (v if isinstance(v, list) else [v])]
        for k, v in (item.get("properties") or {}).items()
    }
    return GoldEvent(str(item["type"]), [(at, at + len(quote))], quote, props)


def _gold_conflict(item: dict[str, Any], gold: Gold, path: Path) -> GoldConflict:
    proposal = str(item["proposal"])
    measure = None if item.get("measure") is None else str(item["measure"])
    known = None if item.get("known") is None else str(item["known"])
    if (measure is None) == (known is None):
        raise InputError(f"{path}: conflict {proposal!r} needs exactly one of measure or known")
    quotes = {e.quote for e in gold.events}
    for quote in (proposal, measure):
        if quote is not None and quote not in quotes:
            raise InputError(f"{path}: conflict quote {quote!r} is not a gold event's quote")
    return GoldConflict(proposal, measure, known, str(item.get("why") or ""))


def gold_from_review(review: ReviewFile, registry: Registry) -> Gold:
    """Accepted entries of a curated review file as gold (see the module docstring)."""
    gold = Gold(review.article)
    slugs: dict[str, str] = {}
    for c in review.candidates:
        if c.status != "accepted":
            continue
        if c.type in ENTITY_TYPES:
            slugs[c.slug] = c.type
            continue
        gold.events.append(GoldEvent(c.type, [(e.start, e.end) for e in c.evidence]))
        for values in c.properties.values():
            for value in values:
                entity = registry.get(value)
                if entity is not None:
                    slugs.setdefault(value, entity.type)
    gold.entities = [GoldEntity(s, t) for s, t in sorted(slugs.items())]
    return gold


def predicted_entities(review: ReviewFile, registry: Registry) -> dict[str, str]:
    """slug -> type of every entity the extraction names (mentions + new entities)."""
    found: dict[str, str] = {}
    for m in review.mentions:
        entity = registry.get(m.entity)
        if entity is not None:
            found.setdefault(m.entity, entity.type)
    for c in review.candidates:
        if c.type in ENTITY_TYPES:
            found.setdefault(c.slug, c.type)
    return found


def _overlaps(c: Candidate, g: GoldEvent) -> bool:
    for e in c.evidence:
        if any(e.start < end and start < e.end for start, end in g.spans):
            return True
        if g.quote and g.quote in e.quote:
            return True
    return False


def _values(c: Candidate, key: str) -> set[str]:
    found: set[str] = set()
    for name in (key, *ROLE_KEYS.get(key, ())):
        found.update(c.properties.get(name, []))
    return found


# gold roles whose filler acts: a body of the gold state fills them too ("australia" /
# "australia-department-of-industry-science-and-resources"), not the reverse
ACTOR_ROLES = frozenset(
    {"imposedBy", "proposedBy", "providedBy", "claimedBy", "holdsRoleIn", "participant"}
)


@dataclass
class Matching:
    """How gold and predicted slugs are compared in one article: ``identity`` None is the
    strict rule (the same slug); else the same entity (:mod:`kg.extract.identity`) and, in
    an actor role, a body of the gold state (``bodies``: the article's new government
    bodies and state entities, slug -> the jurisdictions they state)."""

    identity: Identity | None = None
    bodies: dict[str, list[str]] = field(default_factory=dict)

    def same(self, gold: str, predicted: str) -> bool:
        return gold == predicted or (
            self.identity is not None and self.identity.same(gold, predicted)
        )

    def fills(self, role: str, gold: str, predicted: str) -> bool:
        if self.same(gold, predicted):
            return True
        return (
            self.identity is not None
            and role in ACTOR_ROLES
            and body_of(predicted, gold, self.identity.registry, self.bodies)
        )

    def filled(self, role: str, wanted: list[str], got: set[str]) -> list[str]:
        """The gold values of ``role`` that the predicted values ``got`` fill, one-to-one
        (the same slug first)."""
        free = set(got)
        done: list[str] = []
        for value in wanted:
            if value in free:
                free.discard(value)
                done.append(value)
        for value in wanted:
            if value in done:
                continue
            hit = next((p for p in sorted(free) if self.fills(role, value, p)), None)
            if hit is not None:
                free.discard(hit)
                done.append(value)
        return done


STRICT = Matching()


def article_matching(
    review: ReviewFile, registry: Registry, text: str, shared: Identity | None = None
) -> Matching:
    """The same-entity matching of one article (its text defines acronyms, its candidates
    the new bodies and their stated jurisdictions); ``shared``: an :class:`Identity` whose
    registry indexes every article reuses."""
    bodies = {
        c.slug: list(c.properties.get("jurisdiction", []))
        for c in review.candidates
        if c.type in ("GovernmentBody", "StateEntity")
    }
    identity = shared.for_text(text) if shared is not None else Identity(registry, text)
    return Matching(identity, bodies)


def _has_keys(c: Candidate, g: GoldEvent, matching: Matching = STRICT) -> bool:
    """Role-aware: every entity of every gold role is among the prediction's values (or,
    by ``matching``, the same entity or a body of the gold state in an actor role)."""
    return all(len(matching.filled(k, v, _values(c, k))) == len(v) for k, v in g.properties.items())


@dataclass
class Extras:
    """Dev-set checks beyond precision and recall (one article or summed)."""

    must_not: int = 0
    boilerplate: int = 0
    modality_right: int = 0
    modality_checked: int = 0
    date_right: int = 0
    date_checked: int = 0
    violations: list[str] = field(default_factory=list)

    def add(self, other: Extras) -> None:
        self.must_not += other.must_not
        self.boilerplate += other.boilerplate
        self.modality_right += other.modality_right
        self.modality_checked += other.modality_checked
        self.date_right += other.date_right
        self.date_checked += other.date_checked
        self.violations += other.violations


def match_events(
    gold: Gold, events: list[Candidate], matching: Matching = STRICT
) -> list[tuple[Candidate, GoldEvent]]:
    """One-to-one (prediction, gold event) pairs: gold events in text order, each taking the
    first unused prediction of its type that overlaps it and has its key roles."""
    pairs: list[tuple[Candidate, GoldEvent]] = []
    used: set[str] = set()
    for g in sorted(gold.events, key=lambda g: g.start):
        for c in events:
            if (
                c.id not in used
                and c.type == g.type
                and _overlaps(c, g)
                and _has_keys(c, g, matching)
            ):
                used.add(c.id)
                pairs.append((c, g))
                break
    return pairs


def match_entities(
    gold: list[GoldEntity], predicted: dict[str, str], matching: Matching = STRICT
) -> dict[GoldEntity, str]:
    """One-to-one gold entity -> predicted slug: the same slug first, then (by
    ``matching``) the same entity under another slug; types on one branch."""
    pairs: dict[GoldEntity, str] = {}
    for ent in gold:
        if ent.slug in predicted and type_matches(ent.type, predicted[ent.slug]):
            pairs[ent] = ent.slug
    if matching.identity is None:
        return pairs
    used = set(pairs.values()) | {e.slug for e in gold}
    for ent in gold:
        if ent in pairs:
            continue
        hit = next(
            (
                slug
                for slug, kind in predicted.items()
                if slug not in used
                and type_matches(ent.type, kind)
                and matching.same(ent.slug, slug)
            ),
            None,
        )
        if hit is not None:
            pairs[ent] = hit
            used.add(hit)
    return pairs


def score_article(
    gold: Gold,
    review: ReviewFile,
    registry: Registry,
    extras: Extras | None = None,
    matching: Matching = STRICT,
) -> dict[str, Row]:
    """Rows of one article; ``matching`` decides which slugs name the same entity (strict:
    the same slug)."""
    rows = {name: Row(name) for name in (*ENTITY_ROWS, *EVENT_ROWS, *OTHER_ROWS)}
    predicted = predicted_entities(review, registry)
    matched = match_entities(gold.entities, predicted, matching)
    for ent in gold.entities:
        group = _entity_group(ent.type)
        if group is None:
            continue
        rows[group].gold += 1
        if ent in matched:
            rows[group].matched += 1
    for slug_type in predicted.values():
        group = _entity_group(slug_type)
        if group is not None:
            rows[group].found += 1
    events = [c for c in review.candidates if c.type in rows]
    pairs = match_events(gold, events, matching)
    used = {c.id for c, _ in pairs}
    for g in gold.events:
        if g.type in rows:
            rows[g.type].gold += 1
    for c, g in pairs:
        rows[g.type].matched += 1
        if extras is not None:
            _check_details(c, g, extras)
    for c in events:
        rows[c.type].found += 1
    if extras is not None:
        for bad in gold.must_not:
            for c in events:
                asserted = (c.modality or "asserted") == "asserted"
                if c.id not in used and c.type == bad.type and asserted and _overlaps(c, bad):
                    extras.must_not += 1
                    extras.violations.append(f"{gold.article}: {c.type} {bad.quote!r}")
                    break
        extras.boilerplate += _hits(review, gold.boilerplate)
    return rows


def _check_details(c: Candidate, g: GoldEvent, extras: Extras) -> None:
    extras.modality_checked += 1
    extras.modality_right += (c.modality or "asserted") == g.modality
    if g.date is not None:
        extras.date_checked += 1
        extras.date_right += c.properties.get("startDate", c.properties.get("date", [""]))[:1] == [
            g.date[0]
        ]


def add_totals(rows: dict[str, Row]) -> list[Row]:
    def total(name: str, names: tuple[str, ...]) -> Row:
        row = Row(name)
        for n in names:
            row.gold += rows[n].gold
            row.found += rows[n].found
            row.matched += rows[n].matched
        return row

    out = [rows[n] for n in ENTITY_ROWS]
    out.append(total("entities", ENTITY_ROWS))
    out += [rows[n] for n in EVENT_ROWS]
    out.append(total("measures", MEASURE_ROWS))
    out.append(total("events", EVENT_ROWS))
    out += [rows[n] for n in OTHER_ROWS]
    out.append(total("all", (*EVENT_ROWS, *OTHER_ROWS)))
    return out


def merge_rows(per_article: list[dict[str, Row]]) -> list[Row]:
    summed: dict[str, Row] = {}
    for rows in per_article:
        for name, row in rows.items():
            acc = summed.setdefault(name, Row(name))
            acc.gold += row.gold
            acc.found += row.found
            acc.matched += row.matched
    if not summed:
        summed = {n: Row(n) for n in (*ENTITY_ROWS, *EVENT_ROWS, *OTHER_ROWS)}
    return add_totals(summed)


@dataclass
class Report:
    rows: list[Row]
    articles: int
    boilerplate_hits: int = 0
    extras: Extras | None = None  # when the gold has dev-set fields
    conflicts: ConflictScore | None = None  # when some articles have conflict gold
    conflict_rule: ConflictScore | None = None  # the same, from the gold events
    strict: list[Row] | None = None  # the rows when only the same slug matches

    def strict_row(self, name: str) -> Row | None:
        return next((r for r in self.strict if r.name == name), None) if self.strict else None

    def row(self, name: str) -> Row:
        return next(r for r in self.rows if r.name == name)


def boilerplate_hits(text: str, review: ReviewFile) -> int:
    """Mentions, unlinked names and evidence that fall inside boilerplate lines."""
    from kg.corpus.boilerplate import boilerplate_spans

    return _hits(review, boilerplate_spans(text))


def _hits(review: ReviewFile, spans: list[tuple[int, int]]) -> int:
    offsets: list[tuple[int, int]] = [(m.start, m.end) for m in review.mentions]
    offsets += [(u.start, u.end) for u in review.unlinked]
    offsets += [(e.start, e.end) for c in review.candidates for e in c.evidence]
    return sum(1 for a, b in offsets if any(a < e and s < b for s, e in spans))


def in_fold(article: str, fold: tuple[int, int] | None) -> bool:
    """Whether the article is in fold ``(i, n)``: a stable hash of its id modulo ``n`` is
    ``i`` (None: every article)."""
    if fold is None:
        return True
    digest = hashlib.sha1(article.encode("utf-8"), usedforsecurity=False).hexdigest()
    return int(digest, 16) % fold[1] == fold[0]


def evaluate_fixtures(
    directory: Path,
    registry: Registry,
    fold: tuple[int, int] | None = None,
    observe: Callable[[Gold, ReviewFile, str], None] | None = None,
    conflicts: ConflictFinder | None = None,
) -> Report:
    """Score a fresh extraction of ``DIR/<id>.txt`` against ``DIR/<id>.expected.yaml``.

    Dev-set gold (``date``, ``must_not``, ``boilerplate``, ``modality`` keys) adds
    must-not violations, candidates from the listed boilerplate lines and modality and
    date agreement; the article ``date`` anchors relative dates ("on Friday"). With
    ``conflicts`` (the predicted conflicts of one article), articles with a ``conflicts:``
    list are also scored on conflicts.
    ``fold`` keeps only the articles of one fold (:func:`in_fold`); ``observe`` sees every
    article's gold, predictions and text (the ``--explain`` breakdown).
    """
    from kg.extract.pipeline import extract_article, make_extractor

    texts = sorted(directory.glob("*.txt")) if directory.is_dir() else []
    if not texts:
        raise NotFoundError(f"no fixture articles (*.txt) in {directory}")
    texts = [t for t in texts if in_fold(t.stem, fold)]
    if not texts:
        raise NotFoundError(f"no fixture articles of fold {fold} in {directory}")
    extractor = make_extractor(registry)
    shared = Identity(registry)
    per_article: list[dict[str, Row]] = []
    strict: list[dict[str, Row]] = []
    hits = 0
    extras = Extras()
    devset = False
    conflict_score = ConflictScore() if conflicts is not None else None
    rule_score = ConflictScore()
    for path in texts:
        expected = path.with_name(f"{path.stem}.expected.yaml")
        if not expected.is_file():
            raise NotFoundError(f"{path}: no expected facts file {expected.name} next to it")
        text = path.read_text(encoding="utf-8")
        gold = load_expected(expected, text, path.stem)
        devset = devset or gold.date is not None or bool(gold.must_not or gold.boilerplate)
        review = extract_article(text, registry, path.stem, extractor, article_date=gold.date)
        if conflicts is not None and conflict_score is not None and gold.conflicts is not None:
            conflict_score.add(score_conflicts(gold, conflicts(gold, text, review)))
            from_gold = review_from_gold(gold, registry, review)
            rule_score.add(score_conflicts(gold, conflicts(gold, text, from_gold)))
        matching = article_matching(review, registry, text, shared)
        per_article.append(score_article(gold, review, registry, extras, matching))
        strict.append(score_article(gold, review, registry))
        hits += boilerplate_hits(text, review)
        if observe is not None:
            observe(gold, review, text)
    return Report(
        merge_rows(per_article),
        len(texts),
        hits + extras.boilerplate,
        extras if devset else None,
        conflict_score if conflict_score is not None and conflict_score.articles else None,
        rule_score if rule_score.articles else None,
        merge_rows(strict),
    )


def evaluate_corpus(settings: Any, registry: Registry) -> Report:
    from kg.corpus.files import list_article_ids, read_text, review_path
    from kg.corpus.review import load_review
    from kg.extract.pipeline import extract_article, make_extractor

    ids = [a for a in list_article_ids(settings) if review_path(settings, a).is_file()]
    if not ids:
        raise NotFoundError(
            f"no reviewed articles in {settings.reviews}; curate some or use --fixtures DIR"
        )
    reviewed = {a: load_review(review_path(settings, a)) for a in ids}
    ids = [a for a in ids if any(c.status == "accepted" for c in reviewed[a].candidates)]
    if not ids:
        raise NotFoundError(
            f"no review file in {settings.reviews} has accepted entries yet; accept some "
            "with `kg review` or use --fixtures DIR"
        )
    extractor = make_extractor(registry)
    shared = Identity(registry)
    per_article = []
    strict = []
    hits = 0
    for article_id in ids:
        text = read_text(settings, article_id)
        gold = gold_from_review(reviewed[article_id], registry)
        review = extract_article(text, registry, article_id, extractor)
        matching = article_matching(review, registry, text, shared)
        per_article.append(score_article(gold, review, registry, matching=matching))
        strict.append(score_article(gold, review, registry))
        hits += boilerplate_hits(text, review)
    return Report(merge_rows(per_article), len(ids), hits, strict=merge_rows(strict))


ConflictFinder = Callable[[Gold, str, ReviewFile], list[PredictedConflict]]
CONFLICT_TYPES = ("Proposal", "Sanction", "Tariff", "ExportControl", "ImportBan")
ENTITY_FACTS = ("jurisdiction", "locatedIn")  # what a new entity brings to the conflict rule


def review_from_gold(
    gold: Gold, registry: Registry, extracted: ReviewFile | None = None
) -> ReviewFile:
    """The gold proposals and restrictive measures as candidates (evidence: the gold quote),
    and the new entities they name, so that the conflict rule can be scored on what the
    text says, apart from extraction errors. The gold says nothing of a new entity's
    jurisdiction; what the ``extracted`` review proposes for the same entity is kept (the
    product's only source for it), its events are not."""
    facts = {
        c.slug: {
            k: [v for v in values if v in registry.entities]
            for k, values in c.properties.items()
            if k in ENTITY_FACTS
        }
        for c in (extracted.candidates if extracted is not None else [])
        if c.type not in CONFLICT_TYPES
    }
    types = {e.slug: e.type for e in gold.entities}
    candidates: list[Candidate] = []
    named: dict[str, Evidence] = {}
    for number, event in enumerate(gold.events):
        if event.type not in CONFLICT_TYPES or not event.quote:
            continue
        measure = event.type != "Proposal"
        properties: dict[str, list[str]] = {}
        for role, values in event.properties.items():
            for value in values:
                if role == "covers" and types.get(value) in SUPERCLASSES["Place"] + ("Place",):
                    name = "concernsPlace"  # a mine or region a measure covers is its place
                elif role == "covers":
                    name = "coversResource" if measure else "concernsResource"
                elif role == "concerns":
                    resource = types.get(value) == "Resource"
                    name = "concernsResource" if resource else "concernsPlace"
                else:
                    name = role
                properties.setdefault(name, []).append(value)
        if event.date is not None:
            properties["startDate" if measure else "date"] = [event.date[0]]
        start, end = event.spans[0]
        evidence = Evidence(start, end, event.quote)
        for value in (v for values in event.properties.values() for v in values):
            if value not in registry.entities:
                named.setdefault(value, evidence)
        mood = None if event.modality == "asserted" else event.modality
        candidates.append(
            Candidate(
                f"gold-{event.type.lower()}-{number}",
                event.type,
                [evidence],
                properties=properties,
                modality=mood,  # type: ignore[arg-type]
            )
        )
    for slug, evidence in sorted(named.items()):
        candidates.append(
            Candidate(
                slug,
                types.get(slug, "Organization"),
                [evidence],
                label=slug,
                properties=facts.get(slug, {}),
            )
        )
    return ReviewFile(gold.article, candidates=candidates)


NOT_ASSERTED_OR_UNSCOPED = "cites a measure without scope or not asserted"


def conflict_matches(gold: GoldConflict, predicted: PredictedConflict) -> bool:
    """The prediction's proposal has an evidence sentence holding the gold proposal quote,
    and its measure is the gold known event or has a sentence holding the gold measure quote."""
    if not any(gold.proposal in sentence for sentence in predicted.proposal_sentences):
        return False
    if gold.known is not None:
        return predicted.measure == gold.known
    return any(gold.measure in sentence for sentence in predicted.measure_sentences if gold.measure)


def unsound_measure(predicted: PredictedConflict, gold: Gold) -> bool:
    """The conflict cites a measure the rule excludes: without scope or not asserted in the
    graph, or whose sentences in the article hold only gold measures that are not asserted or
    have no scope (or only must-not measure items)."""
    if not (predicted.scoped and predicted.asserted):
        return True
    restrictive = set(MEASURE_ROWS) - {"SupportMeasure"}
    good: list[str] = []
    bad: list[str] = []
    for event in gold.events:
        if event.type in restrictive and event.quote:
            sound = event.modality == "asserted" and bool(
                event.properties.get("targets") or event.properties.get("covers")
            )
            (good if sound else bad).append(event.quote)
    bad += [m.quote for m in gold.must_not if m.type in restrictive and m.quote]
    for sentence in predicted.measure_sentences:
        if any(q in sentence for q in bad) and not any(q in sentence for q in good):
            return True
    return False


@dataclass
class ConflictScore:
    """Conflict precision and recall over the articles with conflict gold."""

    articles: int = 0
    gold: int = 0
    found: int = 0
    matched: int = 0
    unsound: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.matched / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    def add(self, other: ConflictScore) -> None:
        self.articles += other.articles
        self.gold += other.gold
        self.found += other.found
        self.matched += other.matched
        self.unsound += other.unsound
        self.errors += other.errors


def score_conflicts(gold: Gold, predicted: list[PredictedConflict]) -> ConflictScore:
    """One article: one-to-one matching in gold order; errors name what was missed or wrong."""
    wanted = gold.conflicts or []
    score = ConflictScore(1, len(wanted), len(predicted))
    used: set[int] = set()
    for g in wanted:
        hit = next(
            (i for i, p in enumerate(predicted) if i not in used and conflict_matches(g, p)), None
        )
        if hit is None:
            measure = g.known or _short(g.measure or "")
            score.errors.append(f"{gold.article}: missed {_short(g.proposal)} x {measure}")
            continue
        used.add(hit)
        score.matched += 1
    for i, p in enumerate(predicted):
        if unsound_measure(p, gold):
            score.unsound += 1
            score.errors.append(
                f"{gold.article}: {p.proposal} x {p.measure} {NOT_ASSERTED_OR_UNSCOPED}"
            )
        if i not in used:
            where = _short(p.measure_sentences[0]) if p.measure_sentences else "(no evidence here)"
            score.errors.append(
                f"{gold.article}: wrong {_short(p.proposal_sentences[0])} x {p.measure} {where}"
            )
    return score


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def format_table(report: Report) -> str:
    header = ("type", "gold", "found", "matched", "precision", "recall")
    body = [
        (
            r.name,
            str(r.gold),
            str(r.found),
            str(r.matched),
            _percent(r.precision),
            _percent(r.recall),
        )
        for r in report.rows
    ]
    widths = [max(len(line[i]) for line in (header, *body)) for i in range(len(header))]
    lines = []
    for line in (header, *body):
        cells = [line[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    if report.extras is not None:
        lines.extend(summary_lines(report))
    lines.extend(strict_lines(report))
    if report.conflicts is not None:
        lines.extend(conflict_lines(report.conflicts))
    if report.conflict_rule is not None:
        lines.extend(conflict_lines(report.conflict_rule, rule=True))
    lines.append(f"articles: {report.articles}; boilerplate hits: {report.boilerplate_hits}")
    return "\n".join(lines)


def _ratio(a: int, b: int) -> str:
    return f"{_percent(a / b if b else None)} ({a}/{b})"


def conflict_lines(score: ConflictScore, *, rule: bool = False) -> list[str]:
    """Conflict precision, recall, unsound conflicts, then one line per error; ``rule``:
    the figures of the rule alone, on the gold events instead of the extracted ones."""
    if rule:
        lines = [
            f"conflict rule on the gold events: precision {_ratio(score.matched, score.found)}; "
            f"recall {_ratio(score.matched, score.gold)}; "
            f"citing a measure without scope or not asserted: {score.unsound}"
        ]
        return lines + [f"  conflict rule error: {line}" for line in score.errors]
    lines = [
        f"conflict precision: {_ratio(score.matched, score.found)}; "
        f"conflict recall: {_ratio(score.matched, score.gold)}; "
        f"articles with conflict gold: {score.articles}",
        f"conflicts citing a measure without scope or not asserted: {score.unsound}",
    ]
    lines += [f"  conflict error: {line}" for line in score.errors]
    return lines


def strict_lines(report: Report) -> list[str]:
    """The headline figures when an entity matches only under the same slug (the table and
    summary match invented slugs that name the same entity, :mod:`kg.extract.identity`)."""
    entities, every = report.strict_row("entities"), report.strict_row("all")
    if entities is None or every is None:
        return []
    return [
        f"strict slugs: entity recall {_ratio(entities.matched, entities.gold)}; "
        f"role-aware event recall {_ratio(every.matched, every.gold)}; "
        f"event precision {_ratio(every.matched, every.found)}"
    ]


def summary_lines(report: Report) -> list[str]:
    """The dev-set headline: role-aware recall, precision, must-not, noise per type."""
    extras = report.extras or Extras()
    every, entities = report.row("all"), report.row("entities")
    noise = ", ".join(
        f"{r.name} {r.found - r.matched}"
        for r in report.rows
        if r.name in (*EVENT_ROWS, *OTHER_ROWS) and r.found > r.matched
    )
    return [
        f"entity recall: {_ratio(entities.matched, entities.gold)}",
        f"role-aware event recall: {_ratio(every.matched, every.gold)}; "
        f"event precision: {_ratio(every.matched, every.found)}",
        f"must-not violations: {extras.must_not}; noise per type: {noise or 'none'}",
        f"modality agrees: {_ratio(extras.modality_right, extras.modality_checked)}; "
        f"dates agree: {_ratio(extras.date_right, extras.date_checked)}",
    ]
