"""Assemble the dataset's graphs from the corpus (docs/data-model.md "RDF").

Inputs: the ontology (``…/graph/ontology``), the entity registry ``corpus/entities.ttl``
(``…/graph/entities``), and per article its metadata record and review file
(``…/graph/<article-id>``: the article node, every accepted and candidate assertion, their
evidence). Rejected candidates are not exported. Every node gets an IRI derived from stable
data, so the result has no blank nodes and is the same for the same inputs.

A project without ``corpus/entities.ttl`` gets an empty entities graph (and a warning), so a
fresh project can ingest and build before anyone writes a registry; any review file that
refers to a registry slug then fails with an error naming it.

Events are resolved on the way (:mod:`kg.graph.events`): mentions of one event in an article
become one node; an event that matches a known event of ``corpus/events.ttl``
(``…/graph/events``) adds its evidence to that node instead of minting its own; article-local
events that look alike across articles are proposed as ``cmkg:sameEventAs`` candidates in
``…/graph/event-matches``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, RDFS, XSD

from kg.config import Settings
from kg.corpus.files import (
    ArticleMeta,
    list_article_ids,
    meta_path,
    read_meta,
    read_text,
    review_path,
    text_path,
)
from kg.corpus.review import Candidate, Evidence, ReviewFile, load_review
from kg.errors import InputError
from kg.graph.events import (
    EVENTS_GRAPH,
    MATCHES_GRAPH,
    Blocks,
    KnownEvents,
    LocalEvent,
    Resolved,
    SameEvent,
    World,
    kind_of,
    propose_same_events_by_block,
    resolve_article,
)
from kg.graph.removal import link_removal_asks, request_kind
from kg.graph.vocabulary import Vocabulary, expand_curie, load_ontology, read_vocabulary
from kg.rdf.terms import (
    ENTITIES_GRAPH,
    ID,
    ONTOLOGY_GRAPH,
    PREFIXES,
    article_graph,
    article_iri,
    entity_iri,
    is_slug,
    term,
)
from kg.rdf.turtle import read_turtle
from kg.resources import ontology_file

CONTEXT_CHARS = 32  # oa:prefix / oa:suffix length
STATUS_TERMS = {"accepted": "Accepted", "candidate": "Candidate", "rejected": "Rejected"}

DCTERMS = rdflib.Namespace(PREFIXES["dcterms"])
PROV = rdflib.Namespace(PREFIXES["prov"])
OA = rdflib.Namespace(PREFIXES["oa"])
SCHEMA = rdflib.Namespace(PREFIXES["schema"])
CMKG = rdflib.Namespace(PREFIXES["cmkg"])


@dataclass(frozen=True)
class QuoteRef:
    """One evidence quote to check against the stored text."""

    article: str
    candidate: str
    start: int
    end: int
    quote: str


@dataclass
class ArticlePart:
    """What one article contributes besides its graph: kept by ``kg build`` per article, so
    that an unchanged article need not be read or assembled again."""

    assertions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (type, status)
    events: Counter[str] = field(default_factory=Counter)
    local_events: list[LocalEvent] = field(default_factory=list)
    nodes: set[str] = field(default_factory=set)  # slugs of its exported candidates
    referenced: set[str] = field(default_factory=set)  # other articles' nodes it refers to
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (sort key, warning)


@dataclass
class Assembly:
    """The graphs of a dataset, by graph IRI, plus what the build reports and checks.

    ``articles`` lists every article; ``assembled`` those whose graph is in ``graphs`` (all
    of them unless :func:`assemble_dataset` was given parts to reuse)."""

    graphs: dict[str, rdflib.Graph] = field(default_factory=dict)
    articles: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    quotes: list[QuoteRef] = field(default_factory=list)
    assertions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (type, status)
    entities: int = 0
    warnings: list[str] = field(default_factory=list)
    inputs: dict[str, Path] = field(default_factory=dict)  # name -> file, for checksums
    undecided: dict[str, tuple[str, Candidate]] = field(default_factory=dict)  # IRI -> owner
    events: Counter[str] = field(default_factory=Counter)  # event resolution figures
    local_events: list[LocalEvent] = field(default_factory=list)
    assembled: list[str] = field(default_factory=list)
    parts: dict[str, ArticlePart] = field(default_factory=dict)  # article id -> its part
    blocks: Blocks = field(default_factory=dict)  # same-event blocks, for the next build

    def drop_candidate(self, article_id: str, candidate: Candidate) -> None:
        """Leave an undecided candidate out: its node, references to it, its own evidence."""
        graph = self.graphs[article_graph(article_id)]
        node = rdflib.URIRef(entity_iri(candidate.slug))
        evidence = set(graph.objects(node, CMKG.evidence))
        graph.remove((node, None, None))
        graph.remove((None, None, node))
        for ev in evidence:
            if (None, None, ev) not in graph:
                for selector in list(graph.objects(ev, OA.hasSelector)):
                    graph.remove((selector, None, None))
                graph.remove((ev, None, None))
        self.assertions[(candidate.type, candidate.status)] -= 1
        self.assertions += Counter()  # drops zero counts
        part = self.parts.get(article_id)
        if part is not None:
            part.assertions[(candidate.type, candidate.status)] -= 1
            part.assertions += Counter()
        self.undecided = {k: v for k, v in self.undecided.items() if v[1] is not candidate}


@dataclass
class _Context:
    """What resolving a value in one article needs."""

    vocab: Vocabulary
    registry: set[str]  # slugs defined in the registry
    nodes: set[str]  # slugs defined by exported candidates of any review file or known events
    world: World = field(default_factory=World)
    known: KnownEvents | None = None
    kinds: dict[str, str] = field(default_factory=dict)  # event type -> measure|proposal|…
    referenced: set[str] = field(default_factory=set)  # nodes resolved (not registry slugs)


def evidence_iri(article_id: str, evidence: Evidence) -> str:
    return f"{ID}evidence/{article_id}/{evidence.start}-{evidence.end}"


def registry_slugs(registry: rdflib.Graph) -> set[str]:
    return {
        str(s)[len(ID) :]
        for s in registry.subjects()
        if isinstance(s, rdflib.URIRef) and str(s).startswith(ID)
    }


def read_registry(path: Path) -> rdflib.Graph | None:
    """The registry graph, or None when the project has no ``entities.ttl``."""
    return read_turtle(path, "entity registry") if path.is_file() else None


def read_reviews(
    settings: Settings,
    article_ids: list[str],
    progress: Callable[[str], None] | None = None,
    skip: Collection[str] = (),
) -> dict[str, ReviewFile]:
    """Every review file (but those of the articles in ``skip``), by article id; one for an
    unknown article is an InputError.

    ``progress`` gets a count line at most every second (and one at the end)."""
    reviews: dict[str, ReviewFile] = {}
    if not settings.reviews.is_dir():
        return reviews
    known = set(article_ids)
    paths = sorted(settings.reviews.glob("*.yaml"))
    if skip:
        unknown = [p for p in paths if p.stem not in known]
        paths = unknown or [p for p in paths if p.stem not in skip]  # unknown: reported below
    note = f" ({len(skip)} unchanged, not read again)" if skip else ""
    last = time.monotonic()
    for number, path in enumerate(paths, start=1):
        if progress is not None and (time.monotonic() - last > 1.0 or number == len(paths)):
            progress(f"reading review files: {number}/{len(paths)}{note}")
            last = time.monotonic()
        review = load_review(path)
        if path.stem not in known:
            raise InputError(
                f"{path}: review file for {path.stem!r}, which is not an article in "
                f"{settings.articles}; ingest the article or remove the file"
            )
        if review.article != path.stem:
            raise InputError(f"{path}: says article {review.article!r}, file is for {path.stem}")
        reviews[path.stem] = review
    return reviews


def _resolve_object(value: str, ctx: _Context, article: str, cid: str, prop: str) -> str:
    if "://" in value:
        return value
    curie = expand_curie(value)
    if curie:
        return curie
    if value in ctx.registry:
        return entity_iri(value)
    if value in ctx.nodes:
        ctx.referenced.add(value)
        return entity_iri(value)
    if value in ctx.vocab.individuals:
        return ctx.vocab.individuals[value]
    raise InputError(
        f"article {article}, candidate {cid}: {prop} value {value!r} is not a registry slug, "
        f"a node of a review file, an ontology individual or a full IRI; add it to "
        f"corpus/entities.ttl or fix the value"
    )


def _add_evidence(g: rdflib.Graph, article_id: str, text: str, ev: Evidence) -> rdflib.URIRef:
    node = rdflib.URIRef(evidence_iri(article_id, ev))
    quote = rdflib.URIRef(f"{node}/quote")
    position = rdflib.URIRef(f"{node}/position")
    g.add((node, RDF.type, OA.SpecificResource))
    g.add((node, OA.hasSource, rdflib.URIRef(article_iri(article_id))))
    g.add((node, OA.hasSelector, quote))
    g.add((node, OA.hasSelector, position))
    if ev.sentence is not None:
        g.add(
            (node, CMKG.sentenceIndex, rdflib.Literal(ev.sentence, datatype=XSD.nonNegativeInteger))
        )
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, rdflib.Literal(ev.quote)))
    prefix = text[max(0, ev.start - CONTEXT_CHARS) : max(0, ev.start)]
    suffix = text[ev.end : ev.end + CONTEXT_CHARS]
    if prefix:
        g.add((quote, OA.prefix, rdflib.Literal(prefix)))
    if suffix:
        g.add((quote, OA.suffix, rdflib.Literal(suffix)))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, rdflib.Literal(ev.start, datatype=XSD.nonNegativeInteger)))
    g.add((position, OA.end, rdflib.Literal(ev.end, datatype=XSD.nonNegativeInteger)))
    return node


def _add_candidate(
    g: rdflib.Graph, c: Candidate, review: ReviewFile, text: str, ctx: _Context
) -> set[str]:
    """Add one candidate's node; returns the registry entities it refers to."""
    article = review.article
    if c.type not in ctx.vocab.classes:
        raise InputError(
            f"article {article}, candidate {c.id}: type {c.type!r} is not a cmkg class; "
            f"use one of {', '.join(sorted(ctx.vocab.classes))}"
        )
    node = rdflib.URIRef(entity_iri(c.slug))
    g.add((node, RDF.type, rdflib.URIRef(term(c.type))))
    if c.label:
        g.add((node, RDFS.label, rdflib.Literal(c.label, lang="en")))
    referenced: set[str] = set()
    for prop, values in sorted(c.properties.items()):
        kind = ctx.vocab.property(prop)
        if kind is None:
            raise InputError(
                f"article {article}, candidate {c.id}: unknown property {prop!r}; use a "
                f"property of ontology/cmkg.ttl (local name) or a prefixed name it declares"
            )
        predicate = rdflib.URIRef(kind.iri)
        for value in values:
            if kind.is_object:
                iri = _resolve_object(value, ctx, article, c.id, prop)
                g.add((node, predicate, rdflib.URIRef(iri)))
                if value in ctx.registry:
                    referenced.add(value)
                continue
            try:
                g.add((node, predicate, ctx.vocab.literal(kind, value)))
            except ValueError as exc:
                raise InputError(f"article {article}, candidate {c.id}: {prop}: {exc}") from None
    if c.modality:  # absent = asserted (docs/data-model.md)
        g.add((node, CMKG.modality, CMKG[c.modality.capitalize()]))
    g.add((node, CMKG.reviewStatus, CMKG[STATUS_TERMS[c.status]]))
    g.add((node, CMKG.confidence, rdflib.Literal(repr(float(c.confidence)), datatype=XSD.decimal)))
    g.add((node, CMKG.candidateId, rdflib.Literal(c.id)))
    if c.origin == "extractor" and review.extractor:
        g.add((node, CMKG.extractorVersion, rdflib.Literal(review.extractor)))
    g.add((node, PROV.wasDerivedFrom, rdflib.URIRef(article_iri(article))))
    for ev in c.evidence:
        g.add((node, CMKG.evidence, _add_evidence(g, article, text, ev)))
    if c.type in ctx.vocab.entity_classes:
        referenced.add(c.slug)
    return referenced


def _add_event(
    g: rdflib.Graph,
    event: Resolved,
    meta: ArticleMeta,
    review: ReviewFile,
    text: str,
    ctx: _Context,
) -> set[str]:
    """Add one resolved event: a report of a known event, or the article's own node."""
    c = event.candidate
    if event.known is not None and c.node is None:  # matched by KnownEvents.attach
        return _add_report(g, c, event.known, review.article, text)
    return _add_candidate(g, c, review, text, ctx)


def _add_report(g: rdflib.Graph, c: Candidate, known: str, article: str, text: str) -> set[str]:
    """An article reports a known event: its node gets this article's evidence and
    provenance; what the registry says about the event stays the registry's."""
    node = rdflib.URIRef(entity_iri(known))
    g.add((node, RDF.type, rdflib.URIRef(term(c.type))))
    g.add((node, PROV.wasDerivedFrom, rdflib.URIRef(article_iri(article))))
    for ev in c.evidence:
        g.add((node, CMKG.evidence, _add_evidence(g, article, text, ev)))
    return set()


def _published(meta: ArticleMeta) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(meta.date)[:10])
    except ValueError:
        return None


def _add_article_node(g: rdflib.Graph, meta: ArticleMeta) -> rdflib.URIRef:
    node = rdflib.URIRef(article_iri(meta.id))
    g.add((node, RDF.type, CMKG.Article))
    g.add((node, DCTERMS.title, rdflib.Literal(meta.title, lang="en")))
    g.add((node, DCTERMS.date, rdflib.Literal(meta.date, datatype=XSD.date)))
    g.add((node, CMKG.datePrecision, rdflib.Literal(meta.date_precision)))
    g.add((node, DCTERMS.source, rdflib.Literal(meta.source)))
    g.add((node, CMKG.sha256, rdflib.Literal(meta.sha256)))
    return node


def assemble_article(
    meta: ArticleMeta,
    text: str,
    review: ReviewFile | None,
    ctx: _Context,
    events: list[Resolved] | None = None,
) -> tuple[rdflib.Graph, list[QuoteRef]]:
    """The named graph of one article and the quotes it asserts (``events`` collects the
    article's resolved events)."""
    g = rdflib.Graph()
    node = _add_article_node(g, meta)
    mentioned: set[str] = set()
    quotes: list[QuoteRef] = []
    if review is not None:
        review = _bodies_of_named_countries(review, ctx.world)
        proposed = {c.slug: c.status for c in review.candidates if c.type not in ctx.kinds}
        for mention in review.mentions:
            status = proposed.get(mention.entity)
            if mention.entity in ctx.registry or status not in (None, "rejected"):
                mentioned.add(mention.entity)
            elif status is None:
                raise InputError(
                    f"article {meta.id}: mention of {mention.entity!r}, which neither the "
                    f"registry nor the article's candidates define; re-run `kg extract "
                    f"{meta.id}` or add it to corpus/entities.ttl"
                )
            # else: a curator rejected the entity the extractor proposed; its mentions go too
        for c in review.candidates:
            if c.status == "rejected" or c.type in ctx.kinds:
                continue
            mentioned |= _add_candidate(g, c, review, text, ctx)
            quotes.extend(QuoteRef(meta.id, c.id, e.start, e.end, e.quote) for e in c.evidence)
        local = {c.slug: frozenset(c.properties.get("jurisdiction", [])) for c in review.candidates}
        here = ctx.world.with_local(  # the new entities' stated jurisdictions
            {
                c.slug: local[c.slug]
                for c in review.candidates
                if c.status != "rejected" and c.slug not in ctx.registry
            }
        )
        resolved = resolve_article(review.candidates, ctx.kinds, here, request_kind)
        if ctx.known is not None:
            ctx.known.attach(resolved, _published(meta))
        link_removal_asks(resolved, ctx.world, local)
        for event in resolved:
            mentioned |= _add_event(g, event, meta, review, text, ctx)
            c = event.candidate
            quotes.extend(QuoteRef(meta.id, c.id, e.start, e.end, e.quote) for e in c.evidence)
            if events is not None:
                events.append(event)
    for slug in sorted(mentioned):
        g.add((node, SCHEMA.mentions, rdflib.URIRef(entity_iri(slug))))
    return g, quotes


_NAMED_TYPES = ("GovernmentBody", "StateEntity")


def _bodies_of_named_countries(review: ReviewFile, world: World) -> ReviewFile:
    """A new government body or state entity that states no jurisdiction and whose name opens
    with a registry country ("Kenya Ministry of Mining") belongs to that country: the side the
    conflict rule and the removal asks put it on (docs/data-model.md "Conflicts")."""
    changed = False
    candidates = []
    for c in review.candidates:
        country = None
        if c.type in _NAMED_TYPES and not c.properties.get("jurisdiction"):
            country = world.named_country(c.slug)
        if country is not None:
            c = replace(c, properties={**c.properties, "jurisdiction": [country]})
            changed = True
        candidates.append(c)
    return replace(review, candidates=candidates) if changed else review


def _exported_nodes(reviews: dict[str, ReviewFile]) -> set[str]:
    nodes: set[str] = set()
    for review in reviews.values():
        for c in review.candidates:
            if c.status == "rejected":
                continue
            if not is_slug(c.slug):
                raise InputError(
                    f"article {review.article}, candidate {c.id}: node {c.slug!r} is not a "
                    f"slug (lowercase letters, digits and hyphens)"
                )
            nodes.add(c.slug)
    return nodes


def assemble_dataset(
    settings: Settings,
    *,
    ontology: rdflib.Graph | None = None,
    progress: Callable[[str], None] | None = None,
    reuse: dict[str, ArticlePart] | None = None,
    blocks: Blocks | None = None,
) -> Assembly:
    """Read the corpus and return every graph of the dataset except inferred and queries.

    ``reuse`` gives the parts of unchanged articles from an earlier assembly: those articles
    are neither read nor assembled (their graphs are not in the result), and what they
    contribute to the shared graphs and counts comes from their parts; ``blocks`` are the
    same-event blocks of that assembly (unchanged blocks are not compared again). Raises
    :class:`StaleReuse` when a reused article refers to a node no article defines any more."""
    reuse = reuse or {}
    say = progress or (lambda _line: None)
    result = Assembly()
    if ontology is None:
        result.inputs["ontology/cmkg.ttl"] = ontology_file()
        ontology = load_ontology(ontology_file())
    result.graphs[ONTOLOGY_GRAPH] = ontology
    registry = read_registry(settings.registry)
    if registry is None:
        result.warnings.append(
            f"no entity registry at {settings.registry}; the entities graph is empty"
        )
        registry = rdflib.Graph()
    else:
        result.inputs["corpus/entities.ttl"] = settings.registry
    result.graphs[ENTITIES_GRAPH] = registry
    result.entities = len(set(registry.subjects(RDF.type, None)))
    ids = list_article_ids(settings)
    reviews = read_reviews(settings, ids, progress=say, skip=set(reuse) & set(ids))
    vocab = read_vocabulary(ontology)
    events_path = event_registry_path(settings)
    known_graph = read_event_registry(events_path, vocab)
    if known_graph is not None:
        result.inputs["corpus/events.ttl"] = events_path
        result.graphs[EVENTS_GRAPH] = known_graph
    kinds = {cls: kind_of(cls, vocab.measure_classes) for cls in vocab.event_classes}
    world = World.from_registry(registry)
    known = KnownEvents(known_graph or rdflib.Graph(), kinds, world)
    reused_nodes = {slug for a in ids if a in reuse for slug in reuse[a].nodes}
    ctx = _Context(
        vocab,
        registry_slugs(registry),
        _exported_nodes(reviews) | reused_nodes | known.slugs,
        world=world,
        known=known,
        kinds=kinds,
    )
    for article_id in ids:
        if article_id in reuse and not reuse[article_id].referenced <= ctx.nodes:
            raise StaleReuse(article_id)
    fresh = [a for a in ids if a not in reuse]
    number = 0
    for article_id in ids:
        part = reuse.get(article_id)
        if part is not None:
            result.parts[article_id] = part
            result.articles.append(article_id)
            result.assertions.update(part.assertions)
            result.events.update(part.events)
            result.local_events.extend(part.local_events)
            continue
        number += 1
        part = result.parts[article_id] = ArticlePart()
        events_before = Counter(result.events)
        locals_before = len(result.local_events)
        ctx.referenced = set()
        meta = read_meta(settings, article_id)
        text = read_text(settings, article_id)
        review = reviews.get(article_id)
        resolved: list[Resolved] = []
        graph, quotes = assemble_article(meta, text, review, ctx, resolved)
        _count_events(result, article_id, meta, resolved)
        result.graphs[article_graph(article_id)] = graph
        result.articles.append(article_id)
        result.assembled.append(article_id)
        result.texts[article_id] = text
        result.quotes.extend(quotes)
        part.referenced = set(ctx.referenced)
        part.events = result.events - events_before
        part.local_events = result.local_events[locals_before:]
        for c in review.candidates if review else []:
            if c.status != "rejected":
                result.assertions[(c.type, c.status)] += 1
                part.assertions[(c.type, c.status)] += 1
                part.nodes.add(c.slug)
            if c.status == "candidate":
                result.undecided[entity_iri(c.slug)] = (article_id, c)
                for ev in c.evidence:
                    iri = evidence_iri(article_id, ev)
                    for owned in (iri, f"{iri}/quote", f"{iri}/position"):
                        result.undecided.setdefault(owned, (article_id, c))
        prefix = f"articles/{article_id}"
        result.inputs[f"corpus/{prefix}.txt"] = text_path(settings, article_id)
        result.inputs[f"corpus/{prefix}.meta.yaml"] = meta_path(settings, article_id)
        if review is not None:
            result.inputs[f"corpus/review/{article_id}.yaml"] = review_path(settings, article_id)
        say(f"[{number}/{len(fresh)}] {article_id}: {len(graph)} triples")
    matches, result.blocks = propose_same_events_by_block(result.local_events, world, blocks)
    result.events["same-event candidates"] = len(matches)
    if matches:
        result.graphs[MATCHES_GRAPH] = same_event_graph(matches)
    return result


class StaleReuse(Exception):
    """A reused article refers to a node that no article defines any more: assemble it
    again (a full assembly then reports the error)."""


def event_registry_path(settings: Settings) -> Path:
    """``corpus/events.ttl``: the curated registry of known events and measures."""
    return settings.corpus / "events.ttl"


def read_event_registry(path: Path, vocab: Vocabulary) -> rdflib.Graph | None:
    """The known-events graph (each event also typed ``cmkg:KnownEvent``), or None when the
    project has no registry. An entry without exactly one event or measure class is an
    InputError naming it."""
    if not path.is_file():
        return None
    graph = read_turtle(path, "event registry")
    for subject in sorted(set(graph.subjects()), key=str):
        if not isinstance(subject, rdflib.URIRef) or not str(subject).startswith(ID):
            continue
        classes = [
            t
            for t in graph.objects(subject, RDF.type)
            if str(t)[len(CMKG) :] in vocab.event_classes
        ]
        if len(classes) != 1:
            raise InputError(
                f"{path}: {str(subject)[len(ID) :]} needs exactly one event or measure class "
                f"(one of {', '.join(sorted(vocab.event_classes))})"
            )
        graph.add((subject, RDF.type, CMKG.KnownEvent))
        graph.add((subject, CMKG.reviewStatus, CMKG.Accepted))
    return graph


def _count_events(
    result: Assembly, article_id: str, meta: ArticleMeta, resolved: list[Resolved]
) -> None:
    for event in resolved:
        result.events["event mentions"] += len(event.members)
        if event.known is not None:
            result.events["reports of known events"] += 1
            continue
        result.events["article-local events"] += 1
        result.local_events.append(
            LocalEvent(event.candidate.slug, article_id, event.signature, _published(meta))
        )


def same_event_graph(matches: list[SameEvent]) -> rdflib.Graph:
    """``a cmkg:sameEventAs b`` plus an ``cmkg:EventMatch`` record with score and reason."""
    g = rdflib.Graph()
    for m in matches:
        first, second = rdflib.URIRef(entity_iri(m.first)), rdflib.URIRef(entity_iri(m.second))
        record = rdflib.URIRef(entity_iri(f"same-event-{m.first}-{m.second}"))
        g.add((first, CMKG.sameEventAs, second))
        g.add((record, RDF.type, CMKG.EventMatch))
        g.add((record, CMKG.matchedEvent, first))
        g.add((record, CMKG.matchedEvent, second))
        g.add((record, CMKG.matchScore, rdflib.Literal(f"{m.score:.2f}", datatype=XSD.decimal)))
        g.add((record, CMKG.matchReason, rdflib.Literal(m.reason, lang="en")))
        g.add((record, CMKG.reviewStatus, CMKG.Candidate))
    return g


class ArticleAssembler:
    """Assemble one article at a time against fixed registries, as :func:`assemble_dataset`
    does for each article of a corpus (``kg eval`` computes single articles' conflicts with
    it). Returns the article's named graph and its resolved events."""

    def __init__(
        self, ontology: rdflib.Graph, registry: rdflib.Graph, known_graph: rdflib.Graph | None
    ) -> None:
        vocab = read_vocabulary(ontology)
        kinds = {cls: kind_of(cls, vocab.measure_classes) for cls in vocab.event_classes}
        world = World.from_registry(registry)
        known = KnownEvents(known_graph or rdflib.Graph(), kinds, world)
        self.registry = registry_slugs(registry)
        self._ctx = _Context(vocab, self.registry, set(known.slugs), world, known, kinds)

    def __call__(
        self, meta: ArticleMeta, text: str, review: ReviewFile
    ) -> tuple[rdflib.Graph, list[Resolved]]:
        nodes = self._ctx.nodes | _exported_nodes({meta.id: review})
        ctx = _Context(
            self._ctx.vocab,
            self._ctx.registry,
            nodes,
            self._ctx.world,
            self._ctx.known,
            self._ctx.kinds,
        )
        resolved: list[Resolved] = []
        graph, _quotes = assemble_article(meta, text, review, ctx, resolved)
        return graph, resolved
