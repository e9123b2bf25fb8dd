"""The entity registry (``corpus/entities.ttl``) as a gazetteer for spaCy's EntityRuler.

:func:`load_registry` reads the Turtle with rdflib into :class:`Registry`;
:func:`entity_patterns` turns every ``rdfs:label`` and ``skos:altLabel`` into token
patterns whose ``id`` is the entity slug and whose ``label`` is the entity's cmkg class:

* case: names of people and countries, and acronyms (``US``, ``USGS``), match
  case-sensitively (as written and in capitals; lowercase words inside them such as "of"
  match in any case), everything else case-insensitively (``rare Earths``, ``Congress``);
* hyphens: ``rare earth elements`` also matches ``rare-earth elements`` and the reverse;
* number: resources, companies and bodies also match their plural/singular form
  (``rare earth element(s)``); possessives (``Russia's``) need nothing, the tokenizer
  splits ``'s`` off;
* people also match their surname alone when the registry does not list it (``Putin``).

:func:`make_pipeline` runs the pinned statistical model (``kg.extract.model``: tagger,
parser whose sentence boundaries are used, NER) and then an EntityRuler with these
patterns, which overwrites overlapping model entities. spaCy is imported inside functions
only, so importing this module (and ``kg.cli``) stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, NotFoundError
from kg.rdf.terms import CMKG, ID, PREFIXES
from kg.rdf.turtle import read_turtle

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacy.language import Language
    from spacy.tokens import Doc

ACTOR_TYPES = ("Person", "Organization", "Company", "GovernmentBody", "StateEntity", "Country")
RESOURCE_TYPES = ("Resource",)
PLACE_TYPES = ("Region", "Place", "Project")
ENTITY_TYPES = ACTOR_TYPES + RESOURCE_TYPES + PLACE_TYPES

_CASE_SENSITIVE_TYPES = ("Person", "Country")  # proper names: "Turkey", not "turkey"
_NUMBER_TYPES = ("Resource", "Company", "GovernmentBody", "StateEntity", "Organization")


def type_group(entity_type: str) -> str | None:
    """``"actors"``, ``"resources"`` or ``"places"`` for an entity class, else ``None``."""
    if entity_type in ACTOR_TYPES:
        return "actors"
    if entity_type in RESOURCE_TYPES:
        return "resources"
    if entity_type in PLACE_TYPES:
        return "places"
    return None


@dataclass(frozen=True)
class RegistryEntity:
    slug: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    jurisdiction: str | None = None
    demonyms: tuple[str, ...] = ()  # skos:hiddenLabel of countries: "Finnish"

    @property
    def surface_forms(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass
class Registry:
    entities: dict[str, RegistryEntity] = field(default_factory=dict)

    def get(self, slug: str) -> RegistryEntity | None:
        return self.entities.get(slug)

    def demonym(self, words: str) -> str | None:
        """The country slug whose demonym is ``words`` ("finnish"), if any."""
        if not hasattr(self, "_demonyms"):
            index: dict[str, str] = {}
            for slug in sorted(self.entities):
                for name in self.entities[slug].demonyms:
                    index.setdefault(name.casefold(), slug)
            self._demonyms = index
        return self._demonyms.get(words.casefold())

    def companies_of(self, country: str) -> str | None:
        """The collective entity of ``country``'s companies ("US companies": a Company under
        that jurisdiction whose label ends "companies"), if the registry has one."""
        if not hasattr(self, "_collectives"):
            index: dict[str, str] = {}
            for slug in sorted(self.entities):
                entity = self.entities[slug]
                if (
                    entity.type == "Company"
                    and entity.jurisdiction
                    and entity.label.endswith(" companies")
                ):
                    index.setdefault(entity.jurisdiction, slug)
            self._collectives = index
        return self._collectives.get(country)

    def governs_bodies(self, slug: str) -> bool:
        """Whether ``slug`` is the jurisdiction of some government body of the registry (a
        country, or the European Union, which its Commission and Council answer to)."""
        if not hasattr(self, "_governing"):
            self._governing = frozenset(
                e.jurisdiction
                for e in self.entities.values()
                if e.type == "GovernmentBody" and e.jurisdiction
            )
        return slug in self._governing

    def slug_for_label(self, label: str) -> str | None:
        """The slug whose label or alias is ``label`` (case-insensitive), if any (the first
        slug in sorted order when several share it)."""
        if not hasattr(self, "_forms"):
            index: dict[str, str] = {}
            for slug in sorted(self.entities):
                for form in self.entities[slug].surface_forms:
                    index.setdefault(form.casefold(), slug)
            self._forms = index
        return self._forms.get(label.casefold())


def _local(iri: str, namespace: str) -> str | None:
    return iri[len(namespace) :] if iri.startswith(namespace) else None


def load_registry(path: Path) -> Registry:
    """Read the registry Turtle; a missing or unparsable file is a clear :class:`KGError`."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS, SKOS

    if not path.is_file():
        raise NotFoundError(
            f"no entity registry at {path}; create corpus/entities.ttl "
            "(see docs/data-model.md) before running `kg extract`"
        )
    graph = read_turtle(path, "entity registry")
    jurisdiction = URIRef(CMKG + "jurisdiction")
    registry = Registry()
    for subject, cls in sorted(graph.subject_objects(RDF.type)):
        slug = _local(str(subject), ID)
        type_name = _local(str(cls), CMKG)
        if slug is None or type_name not in ENTITY_TYPES:
            continue
        labels = sorted(
            str(o) for o in graph.objects(subject, RDFS.label) if isinstance(o, Literal)
        )
        if not labels:
            continue
        aliases = sorted(
            {str(o) for o in graph.objects(subject, SKOS.altLabel) if isinstance(o, Literal)}
        )
        owner = min((str(o) for o in graph.objects(subject, jurisdiction)), default=None)
        demonyms = sorted(
            {str(o) for o in graph.objects(subject, SKOS.hiddenLabel) if isinstance(o, Literal)}
        )
        registry.entities[slug] = RegistryEntity(
            slug=slug,
            type=type_name,
            label=labels[0],
            aliases=tuple(a for a in [*labels[1:], *aliases] if a != labels[0]),
            jurisdiction=_local(owner, ID) if owner is not None else None,
            demonyms=tuple(demonyms),
        )
    if not registry.entities:
        raise InputError(
            f"{path}: no entities found; each needs `a cmkg:<Class>` and an rdfs:label "
            f"(namespace {PREFIXES['cmkgid']})"
        )
    return registry


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and any(c.isupper() for c in token[1:])


def _token_pattern(tokens: list[str], case_sensitive: bool) -> list[dict[str, Any]]:
    pattern: list[dict[str, Any]] = []
    for token in tokens:
        if (case_sensitive and token != token.lower()) or _is_acronym(token):
            pattern.append({"ORTH": token})
        else:
            pattern.append({"LOWER": token.lower()})
    return pattern


def _hyphen_variants(tokens: list[str]) -> list[list[str]]:
    """``[rare, earth, x]`` -> with ``-`` between each adjacent pair; and without hyphens."""
    variants: list[list[str]] = []
    if "-" in tokens:
        variants.append([t for t in tokens if t != "-"])
    elif 1 < len(tokens) <= 4 and all(t.isalpha() for t in tokens):
        for i in range(len(tokens) - 1):
            variants.append([*tokens[: i + 1], "-", *tokens[i + 1 :]])
    return variants


def _number_variants(tokens: list[str]) -> list[list[str]]:
    last = tokens[-1]
    if not last.isalpha() or not last.islower() or len(last) < 4:
        return []
    if last.endswith("ies"):
        return [[*tokens[:-1], last[:-3] + "y"]]
    if last.endswith("s") and not last.endswith("ss"):
        return [[*tokens[:-1], last[:-1]]]
    if last.endswith("y") and last[-2] not in "aeiou":
        return [[*tokens[:-1], last[:-1] + "ies"]]
    return [[*tokens[:-1], last + "s"]]


# spellings of one legal suffix: a registry company matches with any of them, or none
_SUFFIX_FORMS = (
    ("Corporation", "Corp.", "Corp"),
    ("Incorporated", "Inc.", "Inc"),
    ("Limited", "Ltd.", "Ltd"),
    ("Company", "Co."),
)


def _suffix_variants(tokens: list[str]) -> list[list[str]]:
    """``United States Antimony Corporation`` -> ``… Corp.``, ``… Corp`` and ``United States
    Antimony``; ``Energy Fuels Inc.`` -> ``… Incorporated``, ``… Inc`` (never a bare word)."""
    if len(tokens) < 2:
        return []
    for forms in _SUFFIX_FORMS:
        if tokens[-1] in forms:
            others = [[*tokens[:-1], f] for f in forms if f != tokens[-1]]
            return others + ([tokens[:-1]] if len(tokens) > 2 else [])
    return []


def surface_token_lists(entity: RegistryEntity, tokenize: Any) -> list[tuple[list[str], bool]]:
    """Every token list the entity is matched by, with its case sensitivity."""
    case_sensitive = entity.type in _CASE_SENSITIVE_TYPES
    forms: list[tuple[list[str], bool]] = []
    base = [[t.text for t in tokenize(form) if not t.is_space] for form in entity.surface_forms]
    base = [tokens for tokens in base if tokens]
    if entity.type == "Person" and len(base[0]) >= 2:  # surname alone: "Putin"
        surname = base[0][-1]
        if surname[:1].isupper() and not any(tokens == [surname] for tokens in base):
            base.append([surname])
    for tokens in base:
        variants = [tokens, *_hyphen_variants(tokens)]
        if len(tokens) > 1 and len(tokens[-1]) == 1 and tokens[-1].isupper():
            variants.append([*tokens[:-1], tokens[-1] + "."])  # "… POSCO Future M." ends a sentence
        if entity.type in ("Company", "StateEntity"):
            variants += _suffix_variants(tokens)
            if tokens[-1] != "Group":  # "Uranium One Group" is Uranium One
                variants.append([*tokens, "Group"])
        if entity.type in _NUMBER_TYPES:
            variants += [v for t in list(variants) for v in _number_variants(t)]
        for variant in variants:
            forms.append((variant, case_sensitive))
            if case_sensitive:
                forms.append(([t.upper() for t in variant], True))
    return forms


def entity_patterns(registry: Registry, tokenize: Any) -> list[dict[str, Any]]:
    """EntityRuler patterns (``label`` = cmkg class, ``id`` = slug), deterministic order."""
    patterns: list[dict[str, Any]] = []
    seen: set[str] = set()
    for slug in sorted(registry.entities):
        entity = registry.entities[slug]
        for tokens, case_sensitive in surface_token_lists(entity, tokenize):
            pattern = _token_pattern(tokens, case_sensitive)
            key = repr(pattern)
            if key in seen:  # first slug (sorted) keeps an ambiguous surface form
                continue
            seen.add(key)
            patterns.append({"label": entity.type, "pattern": pattern, "id": slug, "words": tokens})
    return patterns


@dataclass
class Pipeline:
    """The shared model pipeline plus this registry's EntityRuler.

    ``doc.spans["ner"]`` keeps the model's own entities (before the ruler overwrites
    overlapping ones) so that linking can require a whole name to match.
    """

    nlp: Language
    ruler: Any

    @property
    def vocab(self) -> Any:
        return self.nlp.vocab

    @property
    def tokenizer(self) -> Any:
        return self.nlp.tokenizer

    def _finish(self, doc: Doc) -> Doc:
        doc.spans["ner"] = list(doc.ents)
        result: Doc = self.ruler(doc)
        return result

    def __call__(self, text: str) -> Doc:
        return self._finish(self.nlp(text))

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield self._finish(doc)


class RegistryRuler:
    """The registry's names as two PhraseMatchers (exact case, and lowercase), which is
    what spaCy's EntityRuler does with token patterns, an order of magnitude faster: a
    pattern whose tokens all match by ``LOWER`` goes to the lowercase matcher, any other
    (names of people and countries, acronyms) to the exact one. Longest match wins;
    overlapping model entities are overwritten."""

    def __init__(self, nlp: Language, patterns: list[dict[str, Any]]) -> None:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, str]] = {}
        by_key: dict[tuple[str, bool], list[Doc]] = {}
        for item in patterns:
            tokens = item["pattern"]
            caseless = all("LOWER" in t for t in tokens)
            words = [t["LOWER"] for t in tokens] if caseless else list(item["words"])
            key = f"{item['label']}|{item['id']}"
            by_key.setdefault((key, caseless), []).append(Doc(nlp.vocab, words=words))
        for (key, caseless), docs in by_key.items():
            (self.lower if caseless else self.exact).add(key, docs)
            label, slug = key.split("|", 1)
            self.keys[nlp.vocab.strings[key]] = (label, slug)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span

        matches = sorted(
            {*self.lower(doc), *self.exact(doc)}, key=lambda m: (m[1] - m[2], m[1], m[0])
        )
        taken: set[int] = set()
        new: list[Span] = []
        for key, start, end in matches:
            if any(i in taken for i in range(start, end)):
                continue
            label, slug = self.keys[key]
            new.append(Span(doc, start, end, label=label, span_id=slug))
            taken.update(range(start, end))
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = sorted(kept + new, key=lambda e: e.start)
        return doc


def make_pipeline(registry: Registry) -> Pipeline:
    """The pinned model (tagger, parser, NER; loaded once per process, see
    ``kg.extract.model``) followed by the registry's names (:class:`RegistryRuler`)."""
    from kg.extract.model import load_model

    nlp = load_model()
    return Pipeline(nlp, RegistryRuler(nlp, entity_patterns(registry, nlp.tokenizer)))
