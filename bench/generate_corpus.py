"""Generate N news-like articles with review files, for benchmarks at scale.

    python bench/generate_corpus.py --articles 1000 --home /tmp/scale-1000 [--seed 12]

Writes ``HOME/corpus/articles/<id>.txt`` + ``<id>.meta.yaml``, ``HOME/corpus/review/<id>.yaml``
(accepted and candidate assertions whose evidence quotes are exact sentences of the text, with
their character offsets, and the entity mentions) and copies the entity registry
(``corpus/entities.ttl``), so ``kg build`` runs without the extractor.

What makes it news-like:

* 300-600 words per article, from a few dozen sentence templates (lead, event report, quote,
  background, analysis, market colour) filled with the registry's entities by their labels and
  aliases;
* a pool of events (proposals, meetings, agreements, sanctions, tariffs, export controls)
  smaller than the number of articles, each reported by several articles, the popular ones by
  many (a Zipf-like choice), always under the event's one node, as resolved events are; plus
  per-article claims and dependencies;
* about one assertion in five left as an unreviewed candidate.

Deterministic: the same ``--seed`` and ``--articles`` give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.config import load_settings
from kg.corpus.files import ArticleMeta, review_path, sha256_text, text_path, write_meta
from kg.corpus.review import Candidate, Evidence, Mention, ReviewFile, save_review
from kg.fileio import write_text_atomic
from kg.progress import track
from kg.rdf.terms import CMKG, ID

REPO = Path(__file__).resolve().parents[1]
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
IN_FORCE = CMKG + "InForce"


@dataclass
class Entity:
    slug: str
    kind: str
    label: str
    aliases: list[str]


def read_registry(path: Path) -> dict[str, list[Entity]]:
    """The registry's entities by class name (Person, Country, Company, Resource, ...)."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    by_kind: dict[str, list[Entity]] = {}
    rows = store.query(
        f"SELECT ?s ?t ?l WHERE {{ ?s a ?t ; <{LABEL}> ?l FILTER(STRSTARTS(STR(?t), '{CMKG}')) }}"
        " ORDER BY ?s"
    )
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        subject, kind, label = row["s"], row["t"], row["l"]
        assert isinstance(subject, ox.NamedNode) and isinstance(kind, ox.NamedNode)
        assert isinstance(label, ox.Literal)
        aliases = sorted(
            q.object.value
            for q in store.quads_for_pattern(subject, ox.NamedNode(ALT), None)
            if isinstance(q.object, ox.Literal) and len(q.object.value) > 2
        )
        by_kind.setdefault(kind.value[len(CMKG) :], []).append(
            Entity(subject.value[len(ID) :], kind.value[len(CMKG) :], label.value, aliases)
        )
    return by_kind


@dataclass
class Event:
    """One real-world event that several articles report."""

    number: int
    type: str
    node: str
    label: str
    properties: dict[str, list[str]]
    sentences: list[str]  # ways of reporting it, with {A} {B} {R} {P} {D} filled already
    status: str
    mentioned: list[Entity]


@dataclass
class Article:
    """The text being written, with the evidence spans and mentions it collects."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    mentions: list[Mention] = field(default_factory=list)

    def add(self, text: str, entities: list[Entity] = ()) -> Evidence:  # type: ignore[assignment]
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append(" ")
            self.length += 1
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        for entity in entities:
            for name in [entity.label, *entity.aliases]:
                at = text.find(name)
                if at >= 0:
                    self.mentions.append(Mention(entity.slug, start + at, start + at + len(name)))
                    break
        return Evidence(start, start + len(text), text)

    def paragraph(self) -> None:
        self.parts.append("\n")
        self.length += 1

    @property
    def text(self) -> str:
        return "".join(self.parts).rstrip() + "\n"

    @property
    def words(self) -> int:
        return len("".join(self.parts).split())


PROPOSAL = [
    "{A} has proposed that {B} join a venture to develop {R} deposits in {P}.",
    "In a statement on {D}, {A} offered {B} access to {R} projects in {P}.",
    "{A} floated a plan for {B} to invest in {R} mining and processing in {P}.",
]
MEETING = [
    "{A} and {B} met on {D} to discuss supplies of {R}.",
    "Talks between {A} and {B} on {D} focused on {R} and processing capacity.",
    "{A} hosted {B} on {D}, with {R} high on the agenda.",
]
AGREEMENT = [
    "{A} and {B} signed an agreement on {D} covering {R} supply chains.",
    "A framework deal on {R} between {A} and {B} was concluded on {D}.",
]
SANCTION = [
    "{A} imposed sanctions on {B} on {D}, covering exports of {R}.",
    "Since {D}, {A} has kept sanctions on {B} that reach its {R} trade.",
]
TARIFF = [
    "{A} introduced a tariff on imports of {R} from {B} on {D}.",
    "Duties that {A} placed on {R} from {B} took effect on {D}.",
]
EXPORT_CONTROL = [
    "{A} announced export controls on {R} on {D}.",
    "New export licensing rules from {A} for {R} came into force on {D}.",
]
CLAIM = [
    "{A} accounts for about {Q} percent of world {R} output, according to {C}.",
    "{C} estimated that {A} supplies roughly {Q} percent of global {R}.",
]
DEPENDENCY = [
    "{A} remains heavily dependent on {B} for {R} processing.",
    "Analysts note that {A} relies on {B} to refine most of its {R}.",
]
LEAD = [
    "{A} is moving to secure supplies of critical minerals as competition over {R} intensifies.",
    "Governments and miners are watching {A} closely as {R} prices swing.",
    "The race for {R} has put {A} at the centre of a new round of industrial diplomacy.",
]
FILLER = [
    "Officials in {A} said the talks would continue in the coming weeks.",
    "Industry groups in {A} welcomed the move but warned that new mines take a decade to build.",
    "Prices for {R} have been volatile since the start of the year, traders said.",
    "Processing remains the bottleneck: refining capacity for {R} is concentrated "
    "in a handful of countries.",
    "Analysts in {A} cautioned that permitting and financing are the harder part.",
    "Shares of mining companies rose on the news before giving back some of their gains.",
    "Environmental groups have raised concerns about water use at new {R} projects.",
    "The announcement follows months of negotiations, according to people familiar with them.",
    "Diplomats described the atmosphere as constructive, if cautious.",
    "Critics argue the plan does little to reduce dependence on a single supplier of {R}.",
    "Demand for {R} is expected to grow with electric vehicles and wind turbines.",
    "Officials declined to give a timetable for the first shipments.",
    "The proposal still needs approval from lawmakers in {A}.",
    "Investors have poured money into exploration for {R} over the past two years.",
    "A spokesperson for {A} said more details would follow after consultations.",
    "Observers in {A} see the step as part of a wider strategy on critical minerals.",
    "Recycling of {R} remains small but is growing quickly, a recent report found.",
    "Logistics costs and long transport routes weigh on the economics of {R} projects.",
]
QUOTE = [
    '"We are open to cooperation on {R}, but on fair terms," a senior official in {A} said.',
    '"This is about security of supply, not just trade," an adviser in {A} told reporters.',
    '"Nobody wants to depend on one country for {R}," an industry executive said.',
]


def fill(template: str, **names: str) -> str:
    return template.format(**names)


def _date(rng: random.Random, start: dt.date, span: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(span))


def make_events(rng: random.Random, registry: dict[str, list[Entity]], count: int) -> list[Event]:
    countries = registry["Country"]
    actors = countries + registry.get("Person", []) + registry.get("GovernmentBody", [])
    companies = registry.get("Company", []) + countries
    resources = registry["Resource"]
    places = registry.get("Region", []) or countries
    kinds = ["Proposal", "Meeting", "Agreement", "Sanction", "Tariff", "ExportControl"]
    weights = [4, 3, 1, 2, 1, 1]
    events = []
    sanctions: list[tuple[Entity, Entity, Entity]] = []  # (imposer, target, resource)
    for number in range(count):
        kind = rng.choices(kinds, weights)[0]
        a, b = rng.sample(actors if kind in ("Proposal", "Meeting") else countries, 2)
        resource = rng.choice(resources)
        if kind == "Proposal" and sanctions and rng.random() < 0.3:
            # a sanctioned country courting the sanctioning one: what conflicts are made of
            b, a, resource = rng.choice(sanctions)
        elif kind == "Proposal":
            b = rng.choice([b, rng.choice(companies)])
        if kind == "Sanction":
            sanctions.append((a, b, resource))
        place = rng.choice(places)
        when = _date(rng, dt.date(2021, 1, 1), 1800)
        names = {"A": a.label, "B": b.label, "R": resource.label.lower(), "P": place.label}
        names["D"] = when.strftime("%-d %B %Y")
        node = f"{kind.lower()}-{a.slug}-{resource.slug}-{number:05d}"
        templates = {
            "Proposal": PROPOSAL,
            "Meeting": MEETING,
            "Agreement": AGREEMENT,
            "Sanction": SANCTION,
            "Tariff": TARIFF,
            "ExportControl": EXPORT_CONTROL,
        }[kind]
        props: dict[str, list[str]]
        mentioned = [a, b, resource]
        if kind == "Proposal":
            label = f"{a.label} proposes {resource.label.lower()} cooperation to {b.label}"
            props = {
                "proposedBy": [a.slug],
                "proposedTo": [b.slug],
                "concernsResource": [resource.slug],
                "concernsPlace": [place.slug],
            }
            mentioned.append(place)
        elif kind in ("Meeting", "Agreement"):
            verb = "meets" if kind == "Meeting" else "agreement with"
            label = f"{a.label} {verb} {b.label} on {resource.label.lower()}"
            props = {"participant": [a.slug, b.slug]}
            if kind == "Meeting":
                props["concernsResource"] = [resource.slug]
                props["date"] = [when.isoformat()]
        else:
            label = f"{a.label} {kind.lower()} on {resource.label.lower()}"
            props = {"imposedBy": [a.slug]}
            if kind != "ExportControl":
                props["targets"] = [b.slug]
            props |= {
                "coversResource": [resource.slug],
                "startDate": [when.isoformat()],
                "datePrecision": ["day"],
                "status": [IN_FORCE],
            }
        status = "candidate" if rng.random() < 0.2 else "accepted"
        sentences = [fill(t, **names) for t in templates]
        events.append(Event(number, kind, node, label, props, sentences, status, mentioned))
    return events


def _extra_candidate(
    rng: random.Random,
    node: str,
    kind: str,
    evidence: Evidence,
    confidence: float,
    label: str,
    properties: dict[str, list[str]],
) -> Candidate:
    """A machine candidate of its own node (a claim or dependency), accepted 80% of the time."""
    return Candidate(
        id=f"gen-{node}",
        type=kind,
        evidence=[evidence],
        status="accepted" if rng.random() < 0.8 else "candidate",
        origin="extractor",
        confidence=confidence,
        node=node,
        label=label,
        properties=properties,
    )


def write_article(
    rng: random.Random,
    number: int,
    registry: dict[str, list[Entity]],
    events: list[Event],
    home: Path,
) -> None:
    settings = load_settings({"home": home})
    countries = registry["Country"]
    resources = registry["Resource"]
    weights = [1.0 / (1 + e.number) ** 0.8 for e in events]  # popular events recur
    reported = {e.number: e for e in rng.choices(events, weights, k=rng.randint(1, 3))}
    main = next(iter(reported.values()))
    focus = main.mentioned[0]
    resource_entity = main.mentioned[2]
    article_id = f"{number:06d}_gen{rng.getrandbits(40):010x}"
    article = Article()
    candidates: list[Candidate] = []
    target_words = rng.randint(300, 600)
    names = {"A": focus.label, "R": resource_entity.label.lower()}
    article.add(fill(rng.choice(LEAD), **names), [focus, resource_entity])
    for event in reported.values():
        evidence = article.add(rng.choice(event.sentences), event.mentioned)
        candidates.append(
            Candidate(
                id=f"gen-{event.node}",
                type=event.type,
                evidence=[evidence],
                status=event.status,
                origin="extractor",
                confidence=0.9 if event.status == "accepted" else 0.6,
                node=event.node,
                label=event.label,
                properties={k: list(v) for k, v in event.properties.items()},
            )
        )
        article.add(fill(rng.choice(FILLER), **names), [focus])
    article.paragraph()
    if rng.random() < 0.6:  # a market-share claim of this article's own
        country, resource = rng.choice(countries), rng.choice(resources)
        source = rng.choice(countries)
        share = rng.randint(5, 90)
        text = fill(
            rng.choice(CLAIM),
            A=country.label,
            R=resource.label.lower(),
            Q=str(share),
            C=f"officials in {source.label}",
        )
        candidates.append(
            _extra_candidate(
                rng,
                f"claim-{article_id.replace('_', '-').lower()}",
                "Claim",
                article.add(text, [country, resource, source]),
                0.8,
                f"{country.label} share of world {resource.label.lower()} output",
                {
                    "claimant": [source.slug],
                    "about": [country.slug],
                    "concernsResource": [resource.slug],
                    "claimKind": ["market-share"],
                    "quantity": [str(share)],
                    "unit": ["%"],
                },
            )
        )
    if rng.random() < 0.4:
        a, b = rng.sample(countries, 2)
        resource = rng.choice(resources)
        text = fill(rng.choice(DEPENDENCY), A=a.label, B=b.label, R=resource.label.lower())
        candidates.append(
            _extra_candidate(
                rng,
                f"dependency-{article_id.replace('_', '-').lower()}",
                "Dependency",
                article.add(text, [a, b, resource]),
                0.7,
                f"{a.label} depends on {b.label} for {resource.label.lower()}",
                {
                    "dependent": [a.slug],
                    "dependsOn": [b.slug],
                    "forActivity": ["processing"],
                    "concernsResource": [resource.slug],
                },
            )
        )
    while article.words < target_words:
        if rng.random() < 0.15:
            article.paragraph()
        other = rng.choice(countries)
        pool = QUOTE if rng.random() < 0.15 else FILLER
        article.add(
            fill(rng.choice(pool), A=other.label, R=rng.choice(resources).label.lower()), [other]
        )
    text = article.text
    title = f"{main.label[:1].upper()}{main.label[1:]}"
    published = _date(rng, dt.date(2022, 1, 1), 1400)
    write_text_atomic(text_path(settings, article_id), text)
    write_meta(
        settings,
        ArticleMeta(
            id=article_id,
            title=title,
            date=published.isoformat(),
            date_precision="day",
            source=f"{article_id}.txt",
            sha256=sha256_text(text),
        ),
    )
    review = ReviewFile(
        article=article_id,
        extractor="bench-generator",
        candidates=candidates,
        mentions=article.mentions,
    )
    save_review(review_path(settings, article_id), review)


def generate(home: Path, articles: int, seed: int, registry_path: Path) -> None:
    """Write ``articles`` articles into ``home/corpus`` (replacing an earlier corpus there)."""
    corpus = home / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    (corpus / "articles").mkdir(parents=True)
    (corpus / "review").mkdir()
    shutil.copyfile(registry_path, corpus / "entities.ttl")
    registry = read_registry(registry_path)
    rng = random.Random(seed)
    events = make_events(rng, registry, max(5, articles // 4))
    for number in track(range(articles), "generating articles", total=articles, unit="article"):
        write_article(rng, number, registry, events, home)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--home", type=Path, required=True, help="project home to write into")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--registry", type=Path, default=REPO / "corpus" / "entities.ttl")
    args = parser.parse_args(argv)
    generate(args.home, args.articles, args.seed, args.registry)
    return 0


if __name__ == "__main__":
    sys.exit(main())
