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

:func:`make_pipeline` builds ``spacy.blank("en")`` + sentencizer + entity_ruler. spaCy is
imported inside functions only, so importing this module (and ``kg.cli``) stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, NotFoundError
from kg.rdf.terms import CMKG, ID, PREFIXES
from kg.rdf.turtle import read_turtle

if TYPE_CHECKING:
    from spacy.language import Language

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

    @property
    def surface_forms(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass
class Registry:
    entities: dict[str, RegistryEntity] = field(default_factory=dict)

    def get(self, slug: str) -> RegistryEntity | None:
        return self.entities.get(slug)

    def slug_for_label(self, label: str) -> str | None:
        """The slug whose label or alias is ``label`` (case-insensitive), if any."""
        wanted = label.casefold()
        for slug in sorted(self.entities):
            if any(form.casefold() == wanted for form in self.entities[slug].surface_forms):
                return slug
        return None


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
        registry.entities[slug] = RegistryEntity(
            slug=slug,
            type=type_name,
            label=labels[0],
            aliases=tuple(a for a in [*labels[1:], *aliases] if a != labels[0]),
            jurisdiction=_local(owner, ID) if owner is not None else None,
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
            patterns.append({"label": entity.type, "pattern": pattern, "id": slug})
    return patterns


def make_pipeline(registry: Registry) -> Language:
    """``spacy.blank("en")`` + sentencizer + entity_ruler fed from the registry."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True, "validate": False})
    ruler.add_patterns(entity_patterns(registry, nlp.tokenizer))  # type: ignore[attr-defined]
    return nlp
