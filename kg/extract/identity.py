"""Whether two entity slugs (or names) denote the same entity.

Entities the registry knows have one slug: two registry slugs are the same entity only when
they are equal. An entity the registry does not know gets a slug invented from its name, by
the extractor and by a gold annotator alike, and the two often name it differently
("Kamativi mine" / "Kamativi", "Rheinland Anode GmbH" / "Rheinland Anode", "the Metals
Company" / "Metals Company"). Such names are compared on a :class:`NameKey`:

* the words of the slug (``slugify``), without "the";
* without a legal form at the end (``CORPORATE_SUFFIXES``: Ltd, GmbH, Corp, ...);
* without a facility head at the end (project, mine, deposit, refinery, smelter, plant,
  port, complex, site, operation) and a resource the registry knows right before it
  ("Nhanga Graphite Project" is "Nhanga"), or an administrative head ("Nasarawa State");
  what is left must not be the resource alone ("Lithium Plant" keeps its head);
* a registry country (or its demonym) the name opens with ("Australia Department of ...",
  registry style for bodies; "Australian Senate") or closes with ("... Bank of the United
  States", "Parliament of Ghana") is set apart: two names are the same when their other
  words are equal and at most one of them names a country, or both the same one
  ("us-department-of-energy" is not "china-department-of-energy"); when one word is left,
  both must name the same country ("Ghana Parliament" is not any "Parliament").

Acronyms: an acronym is the same entity as a name whose significant words it abbreviates
("IRH" / "International Resources Holding", "NOAA"), or that the article defines as it
("Swedish Export Credit Agency (EKN)", "EKN, the Swedish Export Credit Agency"); a name
that opens with an acronym written in capitals in the text is that acronym ("KGHM Polska
Miedz" / "KGHM") unless its other words name a country (a subsidiary: "CATL Europe" is not
"CATL"). Two names that only share a first word ("Toyota" / "Toyota Tsusho") differ.

A registry entity matches an invented name by the same key (its label, aliases and slug;
an organisation not by a name with a facility head: "Glencore Operations" is a unit of
Glencore), except resources and countries, which match only exactly (a country's aliases
include its capital: the city of Beijing is no name of China). :func:`body_of` answers the
evaluator's question whether a predicted government body is a body of the gold state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from kg.extract.compounds import CORPORATE_SUFFIXES
from kg.extract.cues import GOV_HEADS, PROJECT_TAILS
from kg.rdf.terms import leading_slug, slugify

if TYPE_CHECKING:
    from collections.abc import Mapping

    from kg.extract.gazetteer import Registry

# the head noun of a facility's or project's name, left out of its key ("corridor" is not:
# "the Lobito corridor" is not the city of Lobito)
FACILITY_HEADS = frozenset(
    {t for t in PROJECT_TAILS if t not in ("corridor",)}
    | {"plant", "plants", "port", "complex", "site", "operation", "operations"}
)
# the head of an administrative region's name ("Nasarawa State", "Sichuan province")
ADMIN_HEADS = frozenset({"state", "province", "region", "county", "oblast", "prefecture"})
# words an acronym does not abbreviate
_CONNECTORS = frozenset({"of", "and", "for", "the", "de", "du", "des", "la", "le", "on", "in"})
SUPERCLASSES = {
    "Organization": ("Company", "GovernmentBody", "StateEntity"),
    "Actor": ("Person", "Organization", "Company", "GovernmentBody", "StateEntity", "Country"),
    "Place": ("Region", "Country", "Project"),
}
_BODY_TYPES = ("GovernmentBody", "StateEntity")
# registry classes matched only by their slug: resources, and countries (whose aliases
# include their capitals, which name cities too)
_EXACT_TYPES = ("Resource", "Country")
# commodities a project is named by that the registry (critical minerals) leaves out
_OTHER_COMMODITIES = frozenset({("gold",), ("rare", "earth"), ("rare", "earths"), ("iron",)})
# "Full Name (ACR)" and "ACR, the Full Name"
_BRACKETED = re.compile(r"\(\s*([A-Z][A-Za-z]{1,9})\s*\)")
_APPOSED = re.compile(r"\b([A-Z]{2,10}), (?:the|an?) ([^,.;()]{3,90})")
_NAME_RUN = 12  # words looked at before a bracketed acronym


def type_matches(gold_type: str, predicted_type: str) -> bool:
    """Same class, or one a superclass of the other (unspecific is not wrong); siblings
    such as Company/GovernmentBody or Region/Country do not match."""
    return (
        gold_type == predicted_type
        or predicted_type in SUPERCLASSES.get(gold_type, ())
        or gold_type in SUPERCLASSES.get(predicted_type, ())
    )


_ORGANISATIONS = ("Organization", "Company", "GovernmentBody", "StateEntity")


def mergeable(a: str, b: str) -> bool:
    """Whether the extractor may make one node of two new entities of types ``a`` and ``b``
    that name the same entity: the same type, two kinds of organisation, or a place and a
    region ("Nasarawa" / "Nasarawa State"); never a place and a project ("Kokkola" the town
    and the Kokkola refinery) nor people (named again by surname, :mod:`kg.extract.names`)."""
    if "Person" in (a, b):
        return False
    return a == b or (a in _ORGANISATIONS and b in _ORGANISATIONS) or {a, b} == {"Place", "Region"}


@dataclass(frozen=True)
class NameKey:
    """What of a name identifies the entity: its core words and the country it names."""

    core: tuple[str, ...]
    country: str = ""
    facility: bool = False  # a facility head was left out ("Glencore Operations")

    def same(self, other: NameKey) -> bool:
        """The same core words and country; one side may leave the country out, unless the
        core is one word ("Ghana Parliament" is "Parliament of Ghana", not "Parliament")."""
        if self.core != other.core or not self.core:
            return False
        if len(self.core) == 1 and (self.country or other.country):
            return self.country == other.country
        return not self.country or not other.country or self.country == other.country


def words_of(name: str) -> tuple[str, ...]:
    """Lowercase ASCII words of a name or slug, "the" left out."""
    return tuple(w for w in slugify(name).split("-") if w and w != "the")


class Identity:
    """Same-entity decisions for one article: the registry, and the article's text for the
    acronyms it defines and writes in capitals (empty text: only initials tell an acronym,
    unchecked against the text)."""

    def __init__(self, registry: Registry, text: str = "") -> None:
        self.registry = registry
        self.text = text

    def for_text(self, text: str) -> Identity:
        """The same decisions for an article's ``text``, sharing this one's registry indexes
        (built now if need be: a pipeline builds them once, not per article)."""
        other = Identity(self.registry, text)
        other._resources = self._resources
        other._countries = self._countries
        other._registry_keys = self._registry_keys
        return other

    @cached_property
    def _registry_keys(self) -> dict[tuple[str, ...], list[str]]:
        """Core words -> the registry slugs (not resources or countries) one of whose names
        has that key."""
        index: dict[tuple[str, ...], list[str]] = {}
        for slug in sorted(self.registry.entities):
            if self.registry.entities[slug].type in _EXACT_TYPES:
                continue
            for key in self._keys(slug):
                if slug not in index.setdefault(key.core, []):
                    index[key.core].append(slug)
        return index

    def registry_match(self, name: str, kind: str) -> str | None:
        """The registry entity (of a type compatible with ``kind``, not a resource or a
        country) that an invented name denotes, if exactly one does."""
        found = [
            slug
            for slug in self._registry_keys.get(self.key(name).core, [])
            if mergeable(self.registry.entities[slug].type, kind) and self.same(slug, name)
        ]
        return found[0] if len(found) == 1 else None

    @cached_property
    def _resources(self) -> frozenset[tuple[str, ...]]:
        forms: set[tuple[str, ...]] = set(_OTHER_COMMODITIES)
        for entity in self.registry.entities.values():
            if entity.type != "Resource":
                continue
            for form in (*entity.surface_forms, entity.slug):
                words = words_of(form)
                if words:
                    forms.add(words)
                    if words[-1].endswith("s") and len(words[-1]) > 3:
                        forms.add((*words[:-1], words[-1][:-1]))  # "rare earths" -> "rare earth"
        return frozenset(forms)

    @cached_property
    def _countries(self) -> dict[tuple[str, ...], str]:
        """Words of a registry country's slug, label and acronym aliases ("US", "DRC")."""
        index: dict[tuple[str, ...], str] = {}
        for slug in sorted(self.registry.entities):
            entity = self.registry.entities[slug]
            if entity.type != "Country":
                continue
            forms = [slug, entity.label, *(a for a in entity.aliases if a.isupper())]
            for form in forms:
                words = words_of(form)
                if words:
                    index.setdefault(words, slug)
        return index

    @cached_property
    def _definitions(self) -> list[tuple[str, tuple[str, ...]]]:
        """(acronym, words of the name it stands for) the text defines."""
        found: list[tuple[str, tuple[str, ...]]] = []
        for match in _BRACKETED.finditer(self.text):
            acronym = match.group(1)
            if not (acronym.isupper() or sum(c.isupper() for c in acronym) >= 2):
                continue
            before = self.text[max(0, match.start() - 200) : match.start()].split()
            run: list[str] = []
            for word in reversed(before[-_NAME_RUN:]):
                bare = word.strip(",;:\"'“”")
                if bare != word and run:
                    break  # punctuation closes the name
                if bare[:1].isupper() or (bare.lower() in _CONNECTORS and run):
                    run.insert(0, bare)
                    continue
                break
            while run and run[0].lower() in _CONNECTORS:
                run.pop(0)
            if run:
                found.append((acronym.lower(), words_of(" ".join(run))))
        for match in _APPOSED.finditer(self.text):
            found.append((match.group(1).lower(), words_of(match.group(2))))
        return found

    def key(self, name: str) -> NameKey:
        """The :class:`NameKey` of a name or invented slug (see the module docstring)."""
        words = list(words_of(name))
        while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
            words.pop()
        country = ""
        for n in range(len(words) - 1, 0, -1):  # "Australia Department of ..."
            opening = tuple(words[:n])  # or a demonym: "Australian Senate"
            found = self._countries.get(opening) or (
                self.registry.demonym(opening[0]) if n == 1 else None
            )
            if found is not None:
                country, words = found, words[n:]
                break
        if not country:  # "Export-Import Bank of the United States", "Parliament of Ghana"
            for n in range(2, len(words)):
                found = self._countries.get(tuple(words[n:]))
                if found is not None and words[n - 1] == "of":
                    country, words = found, words[: n - 1]
                    break
        facility = False
        if len(words) > 1 and words[-1] in ADMIN_HEADS:
            words.pop()
        elif len(words) > 1 and words[-1] in FACILITY_HEADS:
            head = words.pop()
            for size in (3, 2, 1):
                if len(words) > size and tuple(words[-size:]) in self._resources:
                    del words[-size:]
                    break
            facility = True
            if tuple(words) in self._resources:
                words.append(head)  # "Lithium Plant": the resource alone names no facility
                facility = False
        return NameKey(tuple(words), country, facility)

    def _keys(self, slug: str) -> list[NameKey]:
        """Keys of an invented slug, or of a registry entity's slug, label and aliases (a
        body's without a country in them carry its jurisdiction: "Department of Energy"
        of the US is not China's)."""
        entity = self.registry.get(slug)
        if entity is None:
            return [self.key(slug)]
        home = self.registry.get(entity.jurisdiction or "")
        country = home.slug if home is not None and home.type == "Country" else ""
        keys = [self.key(form) for form in (slug, *entity.surface_forms)]
        return [k if k.country else NameKey(k.core, country, k.facility) for k in keys]

    def same(self, a: str, b: str) -> bool:
        """Whether slugs (or names) ``a`` and ``b`` denote the same entity."""
        if a == b:
            return True
        known_a, known_b = self.registry.get(a), self.registry.get(b)
        if known_a is not None and known_b is not None:
            return False
        if any(e is not None and e.type in _EXACT_TYPES for e in (known_a, known_b)):
            return False  # "Beijing", a capital the registry gives China as an alias
        keys_a, keys_b = self._keys(a), self._keys(b)
        known = known_a or known_b
        if known is not None and known.type in _ORGANISATIONS:  # "Glencore Operations" is
            keys_a = [k for k in keys_a if not k.facility]  # a unit of Glencore, not it
            keys_b = [k for k in keys_b if not k.facility]
        if any(x.same(y) for x in keys_a for y in keys_b):
            return True
        invented = known_a is None and known_b is None
        return any(
            self._acronym_of(x, y, invented) or self._acronym_of(y, x, invented)
            for x in keys_a
            for y in keys_b
        )

    def _acronym_of(self, short: NameKey, full: NameKey, invented: bool) -> bool:
        """``short`` is one word that abbreviates ``full``, or that the text defines as it, or
        (both names ``invented``) that ``full`` opens with, written in capitals in the text,
        followed by no country and no body's head ("SCO Council of Foreign Ministers" is a
        body of the SCO)."""
        if len(short.core) != 1 or short.country or len(full.core) < 2:
            return False
        word = short.core[0]
        if len(word) < 2 or not word.isalpha():
            return False
        if self.text and not re.search(rf"\b{re.escape(word.upper())}\b", self.text):
            return False  # the text never writes it as an acronym
        initials = "".join(w[0] for w in full.core if w not in _CONNECTORS)
        if len(word) >= 3 and initials == word:
            return True  # "IRH" for "International Resources Holding"
        for acronym, words in self._definitions:
            tail = tuple(words[len(words) - len(full.core) :])
            if acronym == word and len(words) >= len(full.core) and tail == full.core:
                return True  # "Swedish Export Credit Agency (EKN)"
        rest = full.core[1:]
        if any(w in GOV_HEADS for w in rest):
            return False
        if invented and self.text and len(word) >= 3 and full.core[0] == word and not full.country:
            return not any(
                rest[i : i + n] in self._countries
                or self.registry.demonym(" ".join(rest[i : i + n]))
                for n in (1, 2, 3)
                for i in range(len(rest))
            )  # "KGHM Polska Miedz" is KGHM; "CATL Europe" is not CATL
        return False


def body_of(
    slug: str,
    state: str,
    registry: Registry,
    local: Mapping[str, list[str]] | None = None,
) -> bool:
    """Whether ``slug`` is a government body or state entity of the country ``state``: its
    registry jurisdiction (a body of a body of the state too), or for a new body of the
    article (``local``: slug -> the jurisdictions it states) the stated one, else the
    registry country its slug opens with ("drc-ministry-of-mines"), as the graph gives new
    bodies their side (kg.graph.assemble)."""
    home = registry.get(state)
    if home is None or home.type != "Country" or slug == state:
        return False
    entity = registry.get(slug)
    if entity is not None:
        seen: set[str] = set()
        while entity is not None and entity.type in _BODY_TYPES and entity.slug not in seen:
            if entity.jurisdiction == state:
                return True
            seen.add(entity.slug)
            entity = registry.get(entity.jurisdiction or "")
        return False
    if local is None or slug not in local:
        return False  # not a body the article names
    if local[slug]:
        return state in local[slug]
    names = {slugify(a) for a in home.aliases if a.isupper()} | {state}
    return leading_slug(slug, names) is not None
