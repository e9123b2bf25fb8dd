"""What the frame builders see of one sentence: its tokens and linked entities.

A :class:`SentenceView` wraps a spaCy sentence span with the registry entities the
EntityRuler found in it (and nationality adjectives such as "Russian" resolved to their
country), plus helpers that answer "which actor stands before this token", "which
entities follow 'on' after the trigger" and so on. A :class:`Frame` is what a builder
returns; ``kg.extract.pipeline`` turns frames into review-file candidates with evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.gazetteer import ACTOR_TYPES, PLACE_TYPES, RESOURCE_TYPES, Registry

if TYPE_CHECKING:
    from spacy.tokens import Span

# nationality adjective -> the registry label of its country (resolved via the registry)
DEMONYMS: dict[str, str] = {
    "american": "United States",
    "russian": "Russia",
    "chinese": "China",
    "ukrainian": "Ukraine",
    "saudi": "Saudi Arabia",
    "indonesian": "Indonesia",
    "australian": "Australia",
    "canadian": "Canada",
    "japanese": "Japan",
    "korean": "South Korea",
    "indian": "India",
    "brazilian": "Brazil",
    "congolese": "Democratic Republic of the Congo",
    "kazakh": "Kazakhstan",
    "chilean": "Chile",
    "vietnamese": "Vietnam",
    "european": "European Union",
    "german": "Germany",
    "french": "France",
    "british": "United Kingdom",
}

OBJECT_PREPOSITIONS = ("from", "to", "with", "on", "against", "by", "of", "for", "over")
CLAUSE_BREAKS = (",", ";", "—", "–", ":", "though", "although", "but", "while", "whereas")


@dataclass(frozen=True)
class Ent:
    """A linked entity in a sentence (token indices are positions in the line's Doc)."""

    slug: str
    type: str
    start: int
    end: int
    text: str
    demonym: bool = False
    described: bool = False  # a description ("the ministry", "the two sides"), no name

    @property
    def is_actor(self) -> bool:
        return self.type in ACTOR_TYPES

    @property
    def is_resource(self) -> bool:
        return self.type in RESOURCE_TYPES

    @property
    def is_place(self) -> bool:
        return self.type in PLACE_TYPES or self.type == "Country"


@dataclass
class Frame:
    """A candidate assertion found in one sentence, before it gets an id and evidence."""

    type: str
    key: str
    properties: dict[str, list[str]]
    confidence: float
    label: str
    node: str | None = None
    anchor: int = -1  # token index of the trigger
    condition_range: tuple[int, int] | None = None  # tokens of an "if …" clause
    note: str | None = None
    span: tuple[int, int] | None = None  # tokens naming a new entity
    modality: str | None = None  # asserted | planned | proposed | hypothetical | denied


@dataclass
class Context:
    """What earlier sentences of the article said (for "he", "they", "its", resources)."""

    article_iri: str
    article_date: str | None = None
    last_person: str | None = None
    last_group: str | None = None
    resource_counts: dict[str, int] = field(default_factory=dict)
    country_counts: dict[str, int] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)  # surname -> person slug
    # short name or acronym -> (slug, type) of a new organisation: "Meridian", "ARECOMS"
    short_names: dict[str, tuple[str, str]] = field(default_factory=dict)
    named_countries: set[str] = field(default_factory=set)  # demonyms included
    last_company: str | None = None
    # organisations named so far, in order, with their types, and the country a new one's
    # mention stated ("the Chinese producer" names the last Chinese company)
    organisations: list[tuple[str, str]] = field(default_factory=list)
    homes: dict[str, str] = field(default_factory=dict)
    last_authority: str | None = None  # the last government body or country named
    last_body: str | None = None  # the last government body named ("the ministry")
    roles: dict[str, str] = field(default_factory=dict)  # person slug -> where the title holds
    # measures reported so far: (type, imposers, targets, covered resources), for a later
    # mention that leaves its imposer out ("exporters will need licences") or repeats one
    measures: list[tuple[str, list[str], list[str], list[str]]] = field(default_factory=list)
    # measures only spoken of (hypothetical, denied): what "those duties" may point back to
    spoken_of: list[tuple[str, list[str], list[str]]] = field(default_factory=list)
    events: set[str] = field(default_factory=set)  # event types reported so far
    sides: list[list[str]] = field(default_factory=list)  # of each meeting or agreement
    addressees: set[str] = field(default_factory=set)  # counterparties of proposals so far
    last_bloc: str | None = None  # the last organisation of states named ("the bloc")
    # countries named, nationality adjectives included ("the Australian Government")
    nation_counts: dict[str, int] = field(default_factory=dict)
    company_counts: dict[str, int] = field(default_factory=dict)  # companies named so far
    # whom "we" stands for in the transcript turn the sentence is in (kg.extract.speaker)
    turn_side: str | None = None
    # per sentence so far: its actors (slug, type, salience: 0 subject, 1 other, 2 adjective)
    actors_named: list[list[tuple[str, str, int]]] = field(default_factory=list)
    text: str = ""  # the article's text, for what a sentence's paragraph or head says
    # who speaks in the whole article when a sentence names nobody (an opinion piece's
    # author, a fact sheet's issuer: ``kg.extract.attribution``), and whether its head
    # calls it an official release or statement
    voice: str | None = None
    release: bool = False
    # a press release's defined terms: "Cerrado Grafite S.A. ("the Company")" -> company
    defined_terms: dict[str, tuple[str, str]] = field(default_factory=dict)

    def main_nation(self) -> str | None:
        """The country the article names most (ties: first named)."""
        if not self.nation_counts:
            return None
        best = max(self.nation_counts.values())
        return next(c for c, n in self.nation_counts.items() if n == best)

    def main_company(self) -> str | None:
        """The company the article is about: named at least twice so far and more often
        than any other (a company named once is no more than the one named last)."""
        ranked = sorted(self.company_counts.values(), reverse=True)
        if not ranked or ranked[0] < 2 or (len(ranked) > 1 and ranked[1] == ranked[0]):
            return None
        return next(c for c, n in self.company_counts.items() if n == ranked[0])

    def main_resources(self) -> list[str]:
        """The resource the article has named most often so far (ties: first named)."""
        if not self.resource_counts:
            return []
        best = max(self.resource_counts.values())
        return [next(r for r, n in self.resource_counts.items() if n == best)]


def unique(values: list[str]) -> list[str]:
    """``values`` without repeats, first occurrence kept."""
    return list(dict.fromkeys(v for v in values if v))


@dataclass
class SentenceView:
    span: Span
    ents: list[Ent]
    registry: Registry

    @property
    def start(self) -> int:
        return int(self.span.start)

    @property
    def end(self) -> int:
        return int(self.span.end)

    def lower(self, i: int) -> str:
        return str(self.span.doc[i].lower_)

    def text_of(self, start: int, end: int) -> str:
        return str(self.span.doc[start:end].text)

    def ent_at(self, i: int) -> Ent | None:
        return next((e for e in self.ents if e.start <= i < e.end), None)

    def actors(self) -> list[Ent]:
        return [e for e in self.ents if e.is_actor]

    def resources(self) -> list[str]:
        return unique([e.slug for e in self.ents if e.is_resource])

    def actors_before(self, i: int, window: int = 40) -> list[Ent]:
        """Actors ending at or before token ``i``, nearest first."""
        found = [e for e in self.actors() if e.end <= i and i - e.end <= window]
        return sorted(found, key=lambda e: -e.end)

    def actors_after(self, i: int) -> list[Ent]:
        return [e for e in self.actors() if e.start >= i]

    def is_possessive(self, ent: Ent) -> bool:
        doc = self.span.doc
        return ent.end < self.end and doc[ent.end].lower_ in ("'s", "’s", "'")

    def preposition_before(self, ent: Ent) -> str | None:
        """The word right before ``ent`` (skipping "the"), lowercased."""
        i = ent.start - 1
        while i >= self.start and self.lower(i) in ("the", "a", "an"):
            i -= 1
        return self.lower(i) if i >= self.start else None

    def in_location_phrase(self, ent: Ent) -> bool:
        return self.preposition_before(ent) in ("in", "at", "into", "inside", "across")

    def sentence_subject(self) -> Ent | None:
        """The first actor of the sentence that is not the object of a preposition."""
        for ent in self.actors():
            if not ent.demonym and self.preposition_before(ent) not in OBJECT_PREPOSITIONS:
                return ent
        return None

    def clause_bounds(self, i: int) -> tuple[int, int]:
        """Token range of the clause around ``i`` (split at commas, dashes, "though" ...)."""
        start, end = self.start, self.end
        for j in range(i - 1, self.start - 1, -1):
            if self.lower(j) in CLAUSE_BREAKS:
                start = j + 1
                break
        for j in range(i + 1, self.end):
            if self.lower(j) in CLAUSE_BREAKS:
                end = j
                break
        return start, end

    def find_word(self, words: tuple[str, ...], start: int, end: int) -> int | None:
        for j in range(max(start, self.start), min(end, self.end)):
            if self.lower(j) in words:
                return j
        return None

    def has_word(self, words: tuple[str, ...]) -> bool:
        return self.find_word(words, self.start, self.end) is not None


def is_headline(span: Span) -> bool:
    """A line in Title Case ("The Elephant in the Room: US Sanctions")."""
    words = [t for t in span if t.is_alpha]
    titled = sum(1 for t in words if t.is_title or t.is_upper)
    return len(words) > 1 and titled > 0.6 * len(words)


def demonym_ents(span: Span, taken: list[Ent], registry: Registry) -> list[Ent]:
    """Nationality adjectives ("Russian", "South Korean") outside linked entities, as
    countries (the registry's demonyms, then the built-in table)."""
    found: list[Ent] = []
    doc = span.doc
    i = span.start
    while i < span.end:
        token = doc[i]
        if not token.text[:1].isupper() or any(e.start <= i < e.end for e in taken):
            i += 1
            continue
        two = doc[i : i + 2].text if i + 1 < span.end else ""
        width, slug = 1, None
        if two and registry.demonym(two):
            width, slug = 2, registry.demonym(two)
        else:
            slug = registry.demonym(token.text)
            if slug is None:
                label = DEMONYMS.get(token.lower_)
                slug = registry.slug_for_label(label) if label else None
        if slug:
            found.append(Ent(slug, "Country", i, i + width, doc[i : i + width].text, demonym=True))
        i += width
    return found


def names_of(view: SentenceView, slugs: list[str]) -> str:
    names = []
    for slug in slugs:
        entity = view.registry.get(slug)
        names.append(entity.label if entity else slug)
    return ", ".join(names)


def subject(view: SentenceView, i: int, ctx: Context, allow: tuple[str, ...] = ()) -> str | None:
    """The actor standing before token ``i``; "he"/"they" resolved from context."""
    for ent in view.actors_before(i):
        if view.in_location_phrase(ent) or (ent.demonym and ent.slug not in allow):
            continue
        if view.preposition_before(ent) in OBJECT_PREPOSITIONS:
            continue
        return ent.slug
    for j in range(i - 1, view.start - 1, -1):
        word = view.lower(j)
        if word in ("he", "she") and ctx.last_person:
            return ctx.last_person
        if word in ("they", "it") and ctx.last_group:
            return ctx.last_group
    return None


def places(view: SentenceView) -> list[str]:
    return unique(
        [
            e.slug
            for e in view.ents
            if e.type in ("Region", "Place", "Project")
            or (e.type == "Country" and not e.demonym and view.in_location_phrase(e))
        ]
    )


def resources(view: SentenceView, ctx: Context) -> list[str]:
    return view.resources() or ctx.main_resources()


def type_of(view: SentenceView, slug: str) -> str | None:
    entity = view.registry.get(slug)
    return entity.type if entity else None


def owner(view: SentenceView, slug: str) -> str:
    entity = view.registry.get(slug)
    return entity.jurisdiction or slug if entity else slug
