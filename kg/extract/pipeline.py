"""Extraction: article text -> review file of mentions and candidate assertions.

:func:`extract_article` parses each line of the stored text with the pinned statistical
model (``kg.extract.model``: tagger, dependency parser whose sentences are used, NER) and
links registry names (``kg.extract.gazetteer``); names the model finds and the registry
lacks become typed candidates (``kg.extract.names``). Frame builders (``actors``,
``events``, ``measures``, ``claims``, ``quantities`` in this package) read the parse and
``Matcher`` patterns. Lines inside ``kg.corpus.boilerplate.unread_spans`` or
``kg.extract.noise.noise_lines`` are skipped entirely; headlines give no events.
Relative dates resolve against the article date passed in.

Every candidate's evidence is its whole sentence: ``quote`` equals ``text[start:end]`` of
the stored text. Candidate ids are stable: ``<type-lowercase>-<8 hex of sha1(article id,
type, start, end, key)>`` where start/end are the evidence offsets and key is the trigger
offset (events), the quantity (claims) or the node slug (new entities, roles).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.corpus.boilerplate import unread_spans
from kg.corpus.review import (
    Candidate,
    Evidence,
    Mention,
    ReviewFile,
    Unlinked,
    is_kept_on_merge,
    stated_modality,
)
from kg.extract.actors import actor_frames as find_actor_frames
from kg.extract.actors import add_actor_patterns
from kg.extract.attribution import article_voice, is_release
from kg.extract.bodies import (
    minister_bodies,
    ministry_ents,
    portfolio_ents,
    resolve_ministries,
    scoped_ents,
)
from kg.extract.claims import add_claim_patterns, claim_frames
from kg.extract.compounds import (
    based_places,
    collective_companies,
    described_projects,
    resource_companies,
)
from kg.extract.confidence import ArticleState, Scorer, Where, make_scorer
from kg.extract.coref import salient_actors
from kg.extract.cues import CAPITALS, LOCATION_PREPOSITIONS
from kg.extract.dates import Timeline, add_date_patterns, story_dates
from kg.extract.dependencies import stated_dependency
from kg.extract.descriptions import description_ents, plural_ents, remember_defined_terms
from kg.extract.events import add_frame_patterns, event_frames
from kg.extract.gazetteer import ENTITY_TYPES, Pipeline, Registry, make_pipeline
from kg.extract.identity import Identity
from kg.extract.mentions import merge_repeated
from kg.extract.names import (
    is_entity_name,
    market_move,
    name_frames,
    ner_spans,
    not_currencies,
    one_node_per_entity,
    remember_institutions,
    remember_short_names,
    short_name_ents,
    whole_names,
)
from kg.extract.noise import noise_lines
from kg.extract.organisations import where_it_happened
from kg.extract.quantities import add_quantity_patterns, quantities
from kg.extract.rolemodel import RoleModel, make_role_model
from kg.extract.roles import (
    affiliation_frames,
    dominant_country,
    is_title,
    owned_posts,
    role_holder,
    second_posts,
    settle_roles,
)
from kg.extract.spans import Context, Ent, Frame, SentenceView, demonym_ents, is_headline
from kg.extract.speaker import Turns
from kg.rdf.terms import article_iri

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span

EXTRACTOR = "cmkg-rules 0.1.0"
_MAX_EVIDENCE = 3


@dataclass
class Extractor:
    """A ready pipeline for one registry (build once, run on many articles)."""

    registry: Registry
    nlp: Pipeline
    matcher: Matcher
    scorer: Scorer = field(default_factory=make_scorer)  # confidence and hold threshold
    roles: RoleModel = field(default_factory=make_role_model)  # learned role assigner
    identity: Identity | None = None  # same-entity decisions, registry indexes built once


def make_extractor(registry: Registry, scorer: Scorer | None = None) -> Extractor:
    """The pipeline for ``registry``; ``scorer`` defaults to the packaged confidence
    weights (``kg.extract.confidence``)."""
    from spacy.matcher import Matcher

    nlp = make_pipeline(registry)
    matcher = Matcher(nlp.vocab)
    add_quantity_patterns(matcher)
    add_date_patterns(matcher)
    add_actor_patterns(matcher)
    add_frame_patterns(matcher)
    add_claim_patterns(matcher)
    return Extractor(
        registry, nlp, matcher, scorer or make_scorer(), make_role_model(), Identity(registry)
    )


@dataclass
class Sentence:
    """One sentence of the stored text, outside boilerplate, with its offsets."""

    index: int
    start: int
    end: int
    span: Span
    line_start: int


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of every non-blank line outside boilerplate."""
    boiler = unread_spans(text) + noise_lines(text)
    offset = 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        end = offset + len(content)
        inside = any(s < end and offset < e for s, e in boiler)
        if content.strip() and not inside:
            yield offset, content
        offset += len(line)


def parse_units(text: str) -> list[str]:
    """The texts :func:`iter_sentences` gives the model for ``text``, in order (so that
    ``kg.extract.batch`` can parse the lines of many articles in one ``nlp.pipe`` call)."""
    return [line for _, line in _lines(text)]


# "BEIJING, Feb. 5 (Reuters) - ", "BUSAN, South Korea, Oct. 31 (Reuters) - ": where the
# story was filed, not an actor in it
DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]+(?:,\s+[A-Z][\w .'’-]+)?,\s+"
    r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:\s*\([^)]{1,40}\))?\s*[-—–]+\s*"
)
_LINE_ENDS = (".", "!", "?", '"', "”", "’", "'", ")", ":", ";", ",")
_MAX_LABEL_TOKENS = 15


def is_label_line(doc: Doc, first: bool) -> bool:
    """A short line with no finite verb and no sentence end: a link title, caption or
    section label ("Critical Minerals Strategy 2025: full document"), not story text.

    The headline (``first``) and fact-box rows ("- Vulcan stake: 12%") are kept."""
    text = doc.text.strip()
    if first or not text or text[0] in "-•*▪" or text.endswith(_LINE_ENDS):
        return False
    words = [t for t in doc if not t.is_punct and not t.is_space]
    if not words or len(words) > _MAX_LABEL_TOKENS or any(t.like_num for t in words):
        return False
    return not any("Fin" in t.morph.get("VerbForm", []) for t in doc)


def iter_sentences(text: str, nlp: Pipeline) -> Iterator[Sentence]:
    """Sentences outside boilerplate, trimmed of surrounding whitespace, in text order;
    short verbless label lines (:func:`is_label_line`) are left out too."""
    lines = list(_lines(text))
    index = 0
    for n, ((offset, _), doc) in enumerate(
        zip(lines, nlp.pipe(line for _, line in lines), strict=True)
    ):
        if is_label_line(doc, n == 0):
            continue
        for sent in doc.sents:
            raw = sent.text
            stripped = raw.strip()
            if not stripped:
                continue
            start = offset + sent.start_char + (len(raw) - len(raw.lstrip()))
            yield Sentence(index, start, start + len(stripped), sent, offset)
            index += 1


def sentence_spans(text: str, registry: Registry) -> list[tuple[int, int]]:
    """(start, end) of every sentence extraction sees, indexed as ``sentenceIndex``."""
    nlp = make_pipeline(registry)
    return [(s.start, s.end) for s in iter_sentences(text, nlp)]


def _better_title(frame: Frame, existing: Candidate) -> bool:
    """A later mention's title replaces the one kept for the person when it has a holder
    the kept one lacks, or is a real title where the kept one is a courtesy ("Ms.")."""
    if not is_title(frame.label or ""):
        return False
    return "roleIn" not in existing.properties or not is_title(existing.label or "")


def _first_line_end(text: str) -> int:
    """End offset of the article's headline: its first non-blank line when that line does
    not end like a sentence (headlines repeat the story's events in short); else -1."""
    stripped = text.lstrip()
    first = stripped.split("\n", 1)[0].rstrip()
    if first.endswith((".", "!", '"', "”")):  # a question is still a headline
        return -1
    return len(text) - len(stripped) + len(first) - 1


def candidate_id(article_id: str, type_name: str, start: int, end: int, key: str) -> str:
    digest = hashlib.sha1(
        "\x1f".join((article_id, type_name, str(start), str(end), key)).encode("utf-8")
    ).hexdigest()
    return f"{type_name.lower()}-{digest[:8]}"


_COMPASS = (
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "latin",
)


def _sentence_ents(sent: Span, registry: Registry, country: str | None = None) -> list[Ent]:
    """Registry entities of a sentence, except a place inside a longer place name
    ("America" in "North America", which the registry does not list)."""
    doc = sent.doc
    linked = [
        Ent(e.ent_id_, e.label_, e.start, e.end, e.text)
        for e in sent.ents
        if e.ent_id_
        and e.label_ in ENTITY_TYPES
        and not (
            e.label_ in ("Country", "Region")
            and e.start > sent.start
            and doc[e.start - 1].is_title
            and doc[e.start - 1].lower_ in _COMPASS
        )
    ]
    linked = whole_names(linked, ner_spans(sent))
    linked += portfolio_ents(sent, linked, registry, country)  # "Secretary of Defense"
    linked += ministry_ents(sent, linked, registry, country)  # "the foreign ministry"
    ents = not_currencies(sent, linked + demonym_ents(sent, linked, registry))
    ents = collective_companies(sent, ents, registry)  # "American buyers"
    return sorted(ents, key=lambda e: e.start)


def _city_not_country(sent: Span, ent: Ent) -> bool:
    """A capital after "in"/"near" ("talks in Riyadh") is the city where something
    happened (proposed as a Place), not a mention of its country."""
    doc = sent.doc
    return (
        ent.type == "Country"
        and ent.text in CAPITALS
        and ent.start > sent.start
        and doc[ent.start - 1].lower_ in LOCATION_PREPOSITIONS
        and (where_it_happened(doc[ent.start - 1]) or market_move(doc[ent.start - 1]))
    )


def _filing_city(sent: Span, ent: Ent, filed: int) -> bool:
    """The capital of a dateline ("BANGKOK, Jan. 21 -") is where the reporter files from,
    not a mention of its country (it still counts towards the story's home country)."""
    return (
        ent.type == "Country" and sent.doc[ent.start].idx < filed and ent.text.title() in CAPITALS
    )


def _main_country(ctx: Context, ents: list[Ent]) -> str | None:
    """The country the article has named most so far, this sentence included (its
    dateline counts twice)."""
    counts = dict(ctx.country_counts)
    for ent in ents:
        if ent.type == "Country" and not ent.demonym and not ent.described:
            counts[ent.slug] = counts.get(ent.slug, 0) + 1
    return max(counts, key=lambda slug: counts[slug]) if counts else None


def _sole_country(ctx: Context, ents: list[Ent]) -> str | None:
    """The one country the article has named so far, this sentence included, if only one."""
    named = ctx.named_countries | {e.slug for e in ents if e.type == "Country"}
    return next(iter(named)) if len(named) == 1 else None


def _with_new_entities(ents: list[Ent], frames: list[Frame]) -> list[Ent]:
    """The sentence's entities plus the new ones its cues named (so events can use them)."""
    added = [
        Ent(f.node, f.type, f.span[0], f.span[1], f.label)
        for f in frames
        if f.type in ENTITY_TYPES and f.node and f.span
    ]
    # a demonym that opens a new name is part of it ("Australian Strategic Materials")
    ents = [e for e in ents if not (e.demonym and any(_absorbs(a, e) for a in added))]
    added = [a for a in added if not any(e.start < a.end and a.start < e.end for e in ents)]
    return sorted(ents + added, key=lambda e: e.start)


def _absorbs(name: Ent, part: Ent) -> bool:
    return name.start <= part.start and part.end <= name.end and name.end - name.start > 1


_ORGANISATION_TYPES = ("Company", "StateEntity", "Organization", "GovernmentBody")


def _update_context(ctx: Context, view: SentenceView) -> None:
    real = [e for e in view.ents if not e.demonym]
    people = [e.slug for e in real if e.type == "Person"]
    groups = [e.slug for e in real if e.is_actor and e.type != "Person"]
    if people:
        ctx.last_person = people[-1]
    if groups:
        ctx.last_group = groups[0]
    authorities = [e.slug for e in real if e.type in ("GovernmentBody", "Country", "StateEntity")]
    if authorities:
        ctx.last_authority = authorities[-1]
    bodies = [e.slug for e in real if e.type == "GovernmentBody"]
    if bodies:
        ctx.last_body = bodies[-1]
    blocs = [e.slug for e in real if e.type == "Organization"]
    if blocs:
        ctx.last_bloc = blocs[-1]
    ctx.organisations += [(e.slug, e.type) for e in real if e.type in _ORGANISATION_TYPES]
    ctx.actors_named.append(salient_actors(view))  # for pronouns
    # a release's defined terms: Cerrado Grafite S.A. ("Cerrado" or "the Company")
    remember_defined_terms(view.span, view.ents, ctx.defined_terms, view.registry)
    companies = [e.slug for e in real if e.type == "Company"]
    if companies:
        ctx.last_company = companies[-1]
    for slug in companies:
        ctx.company_counts[slug] = ctx.company_counts.get(slug, 0) + 1
    for ent in view.ents:  # how often each country is named ("the two sides" names none)
        if ent.type == "Country" and not ent.described:
            ctx.nation_counts[ent.slug] = ctx.nation_counts.get(ent.slug, 0) + 1
    ctx.named_countries.update(e.slug for e in view.ents if e.type == "Country")
    for ent in real:
        if ent.is_resource:
            ctx.resource_counts[ent.slug] = ctx.resource_counts.get(ent.slug, 0) + 1
        if ent.type == "Country" and not ent.described:
            ctx.country_counts[ent.slug] = ctx.country_counts.get(ent.slug, 0) + 1


def _link_conditions(frames: list[Frame], ids: dict[int, str]) -> None:
    """A proposal whose "if …" clause names a measure gets ``conditionOnMeasure``."""
    for frame in frames:
        if frame.type != "Proposal" or frame.condition_range is None:
            continue
        low, high = frame.condition_range
        for other in frames:
            inside = other is not frame and low <= other.anchor < high and id(other) in ids
            if inside and other.type in ("Sanction", "Tariff", "ExportControl"):
                frame.properties.setdefault("conditionOnMeasure", []).append(ids[id(other)])


def _unlinked_names(sentence: Sentence, view: SentenceView, known: set[int]) -> list[Unlinked]:
    """Runs of 2+ capitalised words mid-sentence that nothing linked (registry gaps)."""
    doc = sentence.span.doc
    found: list[Unlinked] = []
    if is_headline(sentence.span):
        return found  # Title Case: every word looks like a name
    i = sentence.span.start + 1
    while i < sentence.span.end:
        j = i
        while (
            j < sentence.span.end
            and doc[j].is_title
            and doc[j].is_alpha
            and (view.ent_at(j) is None and j not in known)
        ):
            j += 1
        if j - i >= 2:
            start = sentence.line_start + doc[i].idx
            end = sentence.line_start + doc[j - 1].idx + len(doc[j - 1].text)
            found.append(Unlinked(doc[i:j].text, start, end, None))
        i = j + 1
    return found


def _same_fact(fresh: Candidate, kept: Candidate) -> bool:
    """A machine candidate says what a reviewed entry says: same node, or the same event
    type (Role: the same person) on overlapping evidence."""
    if fresh.node and fresh.node == kept.node:
        return True
    if fresh.type != kept.type or fresh.type in ENTITY_TYPES:
        return False
    if fresh.type == "Role":
        return bool(
            set(fresh.properties.get("roleOf", [])) & set(kept.properties.get("roleOf", []))
        )
    if any(a.start < b.end and b.start < a.end for a in fresh.evidence for b in kept.evidence):
        return True
    # the same actors about the same resources: "Putin's proposal" again, in other words
    for key in ("proposedBy", "imposedBy", "dependent", "participant", "claimant"):
        mine, theirs = set(fresh.properties.get(key, [])), set(kept.properties.get(key, []))
        if mine and mine <= theirs:
            a = set(fresh.properties.get("concernsResource", []))
            a |= set(fresh.properties.get("coversResource", []))
            b = set(kept.properties.get("concernsResource", []))
            b |= set(kept.properties.get("coversResource", []))
            return not a or not b or bool(a & b)
    return False


def drop_covered(fresh: ReviewFile, existing: ReviewFile | None) -> ReviewFile:
    """``fresh`` without machine candidates that repeat a reviewed entry (curated facts win).

    A candidate is dropped when an accepted or curator entry already uses its ``node``
    (two confidences and review statuses on one IRI would break the build) or states the
    same fact: the same event type on overlapping evidence, or a Role of the same person.
    Rejected entries do not cover anything.
    """
    if existing is None:
        return fresh
    reviewed = [c for c in existing.candidates if is_kept_on_merge(c) and c.status != "rejected"]
    kept_ids = {c.id for c in existing.candidates if is_kept_on_merge(c)}
    fresh.candidates = [
        c
        for c in fresh.candidates
        if c.id in kept_ids or not any(_same_fact(c, k) for k in reviewed)
    ]
    fresh.held = [
        c
        for c in fresh.held
        if c.id not in kept_ids and not any(_same_fact(c, k) for k in reviewed)
    ]
    return fresh


def extract_article(
    text: str,
    registry: Registry,
    article_id: str,
    extractor: Extractor | None = None,
    article_date: str | None = None,
) -> ReviewFile:
    """Mentions, unlinked names and candidate assertions of one stored article text.

    ``article_date`` (ISO) anchors relative dates ("on Friday", "in January")."""
    ex = extractor or make_extractor(registry)
    ctx = Context(article_iri(article_id), article_date=article_date, text=text)
    ctx.voice, ctx.release = article_voice(text, registry), is_release(text)
    timeline = Timeline(article_date)
    review = ReviewFile(article=article_id, extractor=EXTRACTOR)
    by_node: dict[tuple[str, str], Candidate] = {}
    scores = ArticleState()  # what earlier sentences stated, for the confidence features
    turns = Turns()  # the transcript turn each sentence is in: whom "we" stands for
    doc_matches: dict[int, list[tuple[str, int, int]]] = {}
    for sentence in iter_sentences(text, ex.nlp):
        sent = sentence.span
        country = _main_country(ctx, [])
        ents, companies = resource_companies(sent, _sentence_ents(sent, registry, country))
        ents = scoped_ents(ents, registry, ctx.named_countries)
        ents = sorted(ents + short_name_ents(sent, ents, ctx.short_names), key=lambda e: e.start)
        described, replaced = description_ents(
            sent, ents, registry, ctx.organisations, ctx.homes, ctx.actors_named, ctx.defined_terms
        )
        # "the two governments", "both sides": the two actors of the kind named last
        described += plural_ents(sent, ents, registry, ctx.actors_named, ctx.roles, ctx.homes)
        if described:  # "the Chinese producer": the Chinese company named before
            ents = sorted([e for e in ents if e not in replaced] + described, key=lambda e: e.start)
        view = SentenceView(sent, ents, registry)
        dateline = DATELINE.match(sent.doc.text) if sent.start == 0 else None
        filed = dateline.end() if dateline else 0  # the dateline: mentioned, but no actor
        for ent in ents:  # demonyms too: "Chinese graphite" mentions China
            if _city_not_country(sent, ent) or _filing_city(sent, ent, filed):
                continue
            if ent.described:
                continue  # "the Company", "the two sides": a reference, no name
            start = sentence.line_start + sent.doc[ent.start].idx
            end = sentence.line_start + sent.doc[ent.end - 1].idx + len(sent.doc[ent.end - 1])
            review.mentions.append(Mention(ent.slug, start, end))
        for ent in view.ents:  # the filing city's country is the story's home country
            if ent.type == "Country" and sent.doc[ent.start].idx < filed:
                ctx.country_counts[ent.slug] = ctx.country_counts.get(ent.slug, 0) + 2
        view.ents = [e for e in view.ents if sent.doc[e.start].idx >= filed]
        if id(sent.doc) not in doc_matches:  # one Matcher run per line, not per sentence
            doc_matches.clear()
            doc_matches[id(sent.doc)] = [
                (ex.nlp.vocab.strings[m], s, e) for m, s, e in ex.matcher(sent.doc)
            ]
        matches = [
            (label, s, e)
            for label, s, e in doc_matches[id(sent.doc)]
            if s >= sent.start and e <= sent.end
        ]
        matches.sort(key=lambda m: (m[1], -m[2], m[0]))
        skip = next((t.i for t in sent if t.idx >= filed), sent.end) if filed else -1
        found_dates = timeline.resolve(sent, matches, skip)
        frames = find_actor_frames(view, matches) + companies
        taken = {i for f in frames if f.span for i in range(*f.span)}
        frames += described_projects(sent, view.ents, taken) + based_places(sent, view.ents, taken)
        taken = {i for f in frames if f.span for i in range(*f.span)}
        named, surnames = name_frames(sent, view.ents, taken, ctx.people, ctx.short_names)
        main = _main_country(ctx, view.ents)
        taken |= {i for f in named if f.span for i in range(*f.span)}
        named += [  # "Economy Minister Luis Caputo": the ministry his title names
            f
            for f in minister_bodies(
                sent, view.ents, registry, _sole_country(ctx, view.ents), dominant_country(ctx)
            )
            if f.span and not any(i in taken for i in range(*f.span))
        ]
        frames, bodies = resolve_ministries(frames + named, view.ents, registry, main, sent)
        view.ents = sorted(view.ents + surnames + bodies, key=lambda e: e.start)
        for ent in bodies:
            start = sentence.line_start + sent.doc[ent.start].idx
            end = sentence.line_start + sent.doc[ent.end - 1].idx + len(sent.doc[ent.end - 1])
            review.mentions.append(Mention(ent.slug, start, end))
        for f in frames:
            if f.node and f.properties.get("jurisdiction"):
                ctx.homes.setdefault(f.node, f.properties["jurisdiction"][0])
            if f.type == "Person" and f.node:
                ctx.people.setdefault(f.label.split()[-1], f.node)
                ctx.people.setdefault(f.label, f.node)  # its runs name it too
        frames = [
            f
            for f in frames
            if (not f.span or sent.doc[f.span[0]].idx >= filed)
            and (f.type not in ENTITY_TYPES or is_entity_name(f.label, f.type))
        ]
        remember_short_names(sent, frames, registry, ctx.short_names, view.ents)
        remember_institutions(view.ents, ctx.short_names)
        frames = [  # "… Markets (ARECOMS)": the acronym is the same body, not a new one
            f for f in frames if f.type not in ENTITY_TYPES or f.label not in ctx.short_names
        ]
        before = view.ents
        view.ents = _with_new_entities(view.ents, frames)
        for ent in (e for e in before if e.demonym and e not in view.ents):
            start = sentence.line_start + sent.doc[ent.start].idx
            review.mentions = [m for m in review.mentions if m.start != start]
        bounds = (sentence.start, sentence.end, sentence.line_start)
        frames += ex.roles.propose(frames, view, ctx)  # titles the parse attaches
        frames += affiliation_frames(view, frames)  # "X is a senior fellow at Y"
        titles = [f for f in frames if f.type == "Role"]
        holders = {  # the rules' guess where a title holds, one candidate of the model
            id(f): role_holder(view, f.label, ctx, f.properties["roleOf"][0])
            for f in titles
            if "roleIn" not in f.properties
        }
        ex.roles.assign(titles, view, ctx, bounds, holders)
        second_posts(view, titles)  # "Secretary X, chairman of the Council": both
        owned_posts(view, titles, ctx.organisations)  # "the association's president"
        for f in frames:  # a role whose sentence names no holder waits for settle_roles
            if f.type == "Role":
                f.key = f.properties["roleOf"][0]  # one role per person and article
                if "roleIn" in f.properties:
                    ctx.roles.setdefault(f.key, f.properties["roleIn"][0])
        turns.note_titles(titles)
        ctx.turn_side = turns.enter(sentence.line_start, view, ctx)
        found_quantities = quantities(sent, matches)
        line = text[sentence.line_start : sentence.end]
        factbox = line.lstrip()[:1] in "-•*▪" and ":" in line  # "- Vulcan stake: 12% …"
        title = is_headline(sent) and not sent.text.rstrip().endswith((".", '"', "”"))
        if not (title or factbox) and sentence.line_start > _first_line_end(text):
            frames += event_frames(view, matches, ctx, found_dates, found_quantities)
            story_dates(frames, found_dates, timeline, sent.doc)
        ranks = [(s, e) for label, s, e in matches if label == "RANK"]
        ranks = [
            r for r in ranks if not any(o != r and o[0] <= r[0] and r[1] <= o[1] for o in ranks)
        ]
        frames += claim_frames(view, found_quantities, ranks, ctx)
        if not (title or factbox) and not any(f.type == "Dependency" for f in frames):
            stated = stated_dependency(view, ctx)  # shapes the event rules do not read
            frames += [stated] if stated is not None else []
        ex.roles.assign([f for f in frames if f.type != "Role"], view, ctx, bounds)
        quote = text[sentence.start : sentence.end]
        evidence = Evidence(sentence.start, sentence.end, quote, sentence.index)
        ids: dict[int, str] = {}
        known_tokens: set[int] = set()
        for frame in frames:
            key = frame.node or frame.key
            if frame.anchor >= 0:
                key = f"{sentence.line_start + sent.doc[frame.anchor].idx}:{frame.key}"
            cid = candidate_id(article_id, frame.type, evidence.start, evidence.end, key)
            ids[id(frame)] = cid
        where = Where(sentence.index, any(q in quote for q in ('"', "“", "”")))
        held = ex.scorer.rate(frames, ids, view, where, scores)
        _link_conditions(frames, {k: v for k, v in ids.items() if k not in held})
        for frame in frames:
            # one candidate per new entity node, whatever type each sentence suggests ("in
            # Catamarca" a Place, "the province of Catamarca" a Region): one node, one type
            kind = "entity" if frame.type in ENTITY_TYPES and frame.node else frame.type
            node_key = frame.node if kind == "entity" and frame.node else frame.key
            once = (kind, node_key) if frame.anchor < 0 else None
            if once is not None and once in by_node:
                existing = by_node[once]
                if frame.type == "Role" and _better_title(frame, existing):
                    existing.properties, existing.label = frame.properties, frame.label
                if len(existing.evidence) < _MAX_EVIDENCE and evidence not in existing.evidence:
                    existing.evidence.append(evidence)
                continue
            candidate = Candidate(
                id=ids[id(frame)],
                type=frame.type,
                evidence=[evidence],
                confidence=frame.confidence,
                node=frame.node,
                label=frame.label,
                properties=frame.properties,
                note=frame.note,
                modality=stated_modality(frame.modality),
            )
            (review.held if id(frame) in held else review.candidates).append(candidate)
            if once is not None:
                by_node[once] = candidate
            if frame.type in ENTITY_TYPES:
                at = text.find(frame.label, sentence.start, sentence.end)
                span = (at, at + len(frame.label)) if at >= 0 else (evidence.start, evidence.end)
                review.unlinked.append(Unlinked(frame.label, span[0], span[1], frame.type))
                for i in range(sent.start, sent.end):
                    start = sentence.line_start + sent.doc[i].idx
                    if span[0] <= start < span[1]:
                        known_tokens.add(i)
        review.unlinked.extend(_unlinked_names(sentence, view, known_tokens))
        _update_context(ctx, view)
    review.mentions.sort(key=lambda m: (m.start, m.end, m.entity))
    settle_roles(review, ctx, registry, candidate_id, text)
    one_node_per_entity(review, (ex.identity or Identity(registry)).for_text(text))
    review.candidates = merge_repeated(review.candidates)  # a measure named again
    review.unlinked = sorted(
        {(u.start, u.end, u.text, u.type or ""): u for u in review.unlinked}.values(),
        key=lambda u: (u.start, u.end, u.text),
    )
    return review
