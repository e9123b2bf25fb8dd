"""Definite descriptions that name an organisation the article named before.

"The Chinese producer proposed …", "the company said", "the bank has lent": a definite
noun for a kind of organisation, with at most one demonym between "the" and the noun,
names the organisation of that kind the article named last (before it in the same
sentence, or in an earlier sentence), and with a demonym only one of that country; "the
Company", "the Ministry", capitalised (a press release's or a statement's defined term for
its issuer), name the first organisation of that kind the article named. Nothing is linked
when no organisation of the kind was named, when the noun modifies another ("the
company's" is kept, "the company town" is not), or when a name follows it ("the company
Ganfeng"); "the state miner" ("state" or "state-owned" before the noun) names a state
firm. Kinds:

* firm nouns (company, miner, producer, …) name a company or a state firm; "the group" a
  company or an organisation named in the same or the sentence before (a business group,
  a coalition), never further back;
* bank, lender, fund, exchange, agency, ministry, department and commission name an
  organisation whose name has that word (the bank: "European Investment Bank", the
  Export-Import Bank "Exim"; the ministry: a ministry or a secretariat), a lender, an
  agency or a regulator also a state firm or body.

Plural descriptions ("the two governments", "both sides", "the two ministries", "the two
companies") name two actors at once (:func:`plural_ents`): the two of their kind the
sentence and the few sentences before it named, only when exactly two were (a third one
makes the description ambiguous and nothing is linked). "The two ministers" are the
countries the two ministers named last act for.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.spans import Ent

if TYPE_CHECKING:
    from spacy.tokens import Span

    from kg.extract.gazetteer import Registry

_FIRMS = frozenset({"Company", "StateEntity"})
_ORGS = frozenset({"Company", "StateEntity", "Organization"})
_BODIES = frozenset({"GovernmentBody", "StateEntity", "Organization"})
# noun -> (types it may name, words one of which its name must hold, or none)
KINDS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    **{
        noun: (_FIRMS, ())
        for noun in (
            "company",
            "firm",
            "miner",
            "producer",
            "refiner",
            "smelter",
            "developer",
            "manufacturer",
            "maker",
            "trader",
            "supplier",
            "conglomerate",
        )
    },
    "group": (frozenset({"Company", "Organization"}), ()),
    "bank": (_ORGS | _BODIES, ("bank", "exim", "eximbank")),
    "lender": (_ORGS | _BODIES, ()),
    "fund": (_ORGS | _BODIES, ("fund",)),
    "exchange": (_ORGS, ("exchange",)),
    "agency": (_BODIES, ()),
    "regulator": (_BODIES, ()),
    "ministry": (_BODIES, ("ministry", "secretariat")),
    "department": (_BODIES, ("department",)),
    "commission": (_BODIES, ("commission",)),
}
# nouns that look back only this many sentences before their own (the others: the
# article); beyond it, a body's noun still names the one body of its kind the article named
WINDOWS: dict[str, int] = {"group": 1, "ministry": 6, "department": 6, "commission": 6}
_ONE_OF_A_KIND = frozenset({"ministry", "department", "commission"})


_DESCRIPTION = re.compile(
    r"\b[Tt]he\s+(?:[A-Z][\w-]*\s+|(?P<state>state(?:-owned)?)\s+)?((?i:"
    + "|".join(sorted(KINDS, key=len, reverse=True))
    + r"))\b"
)


def description_ents(
    sent: Span,
    ents: list[Ent],
    registry: Registry,
    named: list[tuple[str, str]],
    homes: dict[str, str],
    recent: list[list[tuple[str, str, int]]] | None = None,
    terms: dict[str, tuple[str, str]] | None = None,
) -> tuple[list[Ent], list[Ent]]:
    """The organisations the definite descriptions of ``sent`` name, and the demonym
    links inside those descriptions they replace ("Chinese" in "the Chinese producer").

    ``named`` lists (slug, type) of the organisations earlier sentences named, in order;
    ``homes`` maps a new organisation to the country its mention stated; ``recent`` holds
    the actors of each earlier sentence (``Context.actors_named``), for the nouns that
    look back only a few sentences (:data:`WINDOWS`); ``terms`` the defined terms of the
    article so far (:func:`remember_defined_terms`)."""
    doc = sent.doc
    found: list[Ent] = []
    replaced: list[Ent] = []
    # one regex scan of the sentence's text, no loop over its tokens (``doc.text`` would
    # join every token of the article again for each sentence)
    offset = sent.start_char
    for match in _DESCRIPTION.finditer(sent.text):
        noun = doc.char_span(offset + match.start(2), offset + match.end(2))
        if noun is None or len(noun) != 1:
            continue
        token = noun[0]
        kind = KINDS[token.lower_]
        if match.group("state"):  # "the state miner": the state firm named before
            kind = (frozenset({"StateEntity"}), kind[1])
        if token.i - 1 < sent.start or token.dep_ == "compound":
            continue
        nxt = doc[token.i + 1] if token.i + 1 < sent.end else None
        if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.lower_ == "of"):
            continue  # "the company town", "the company Ganfeng", "the group of seven"
        if any(e.start <= token.i < e.end for e in ents):
            continue
        if match.start() > 0 and sent.text[match.start() - 1] in _QUOTES:
            continue  # ("Cerrado" or "the Company"): the term defined, no reference
        start, country, demonym = token.i - 1, None, None
        if match.group("state"):
            the = doc.char_span(offset + match.start(), offset + match.start() + 3)
            start = the[0].i if the is not None else start
        if doc[start].lower_ != "the":
            demonym = next((e for e in ents if e.demonym and e.end == token.i), None)
            if demonym is None or demonym.start - 1 < sent.start:
                continue
            if doc[demonym.start - 1].lower_ != "the":
                continue
            start, country = demonym.start - 1, demonym.slug
        here = [(e.slug, e.type) for e in ents if e.end <= start and not e.demonym]
        defined = token.text[:1].isupper()  # "the Company", "the Ministry": the issuer
        window = WINDOWS.get(token.lower_)
        if window is not None and not defined:
            back = (recent or [])[-window:] if window else []
            earlier = [(s, t) for group in back for s, t, rank in group if rank < 2] + here
        else:
            earlier = named + here
        # a capitalised noun is a press release's defined term for its issuer: the first
        # organisation of the kind the article named, not the last
        order = earlier if defined else list(reversed(earlier))
        term = (terms or {}).get(token.lower_) if defined else None
        if term is not None:  # the organisation the release defined the term for
            order = [term, *order]
        slug = _fitting(order, kind, country, registry, homes)
        if slug is None and token.lower_ in _ONE_OF_A_KIND and not defined:
            slug = _only(named, kind, country, registry, homes)
        if slug is None:
            continue
        entity = registry.get(slug)
        found.append(
            Ent(
                slug,
                entity.type if entity else _type_of([*named, *order], slug),
                start + 1,
                token.i + 1,
                doc[start : token.i + 1].text,  # "the ministry", not a bare group noun
                described=True,
            )
        )
        if demonym is not None:
            replaced.append(demonym)
    return found, replaced


_QUOTES = "\"“”'‘’"
# ("Cerrado" or "the Company"), (ASX: AKG, "the Company"): a term defined for the name
# before the brackets
_DEFINITION = re.compile(
    r"\([^()\"“]{0,60}?(?:[\"“](?P<short>[^\"”()]{1,40})[\"”]\s*(?:or|,|and)\s*)?(?:[Tt]he\s+)?"
    r"[\"“](?:[Tt]he\s+)?(?P<noun>"
    + "|".join(k.capitalize() for k in sorted(KINDS, key=len, reverse=True))
    + r")[\"”]\s*\)"
)


def remember_defined_terms(
    sent: Span, ents: list[Ent], terms: dict[str, tuple[str, str]], registry: Registry
) -> None:
    """Record the terms a press release defines for an organisation it names: "Cerrado
    Grafite S.A. ("Cerrado" or "the Company")" makes "the Company" that company for the
    rest of the article (the first definition of a term stands). The organisation is the
    one linked at the short name in the brackets, else the name right before them."""
    doc = sent.doc
    offset = sent.start_char
    for match in _DEFINITION.finditer(sent.text):
        bracket = doc.char_span(offset + match.start(), offset + match.start() + 1)
        if bracket is None:
            continue
        at = bracket[0].i
        before = [e for e in ents if e.end <= at and at - e.end <= 1 and not e.demonym]
        short = match.group("short")
        inside = [e for e in ents if e.start > at and e.text == short] if short else []
        noun = match.group("noun").lower()
        if not inside and not before:
            continue
        ent = inside[0] if inside else before[-1]
        known = registry.get(ent.slug)
        if ent.type in KINDS[noun][0] and (known is None or known.type in KINDS[noun][0]):
            terms.setdefault(noun, (ent.slug, ent.type))


def _type_of(earlier: list[tuple[str, str]], slug: str) -> str:
    return next(t for s, t in reversed(earlier) if s == slug)


def _fitting(
    order: list[tuple[str, str]],
    kind: tuple[frozenset[str], tuple[str, ...]],
    country: str | None,
    registry: Registry,
    homes: dict[str, str],
) -> str | None:
    types, words = kind
    for slug, type_name in order:
        if type_name not in types:
            continue
        entity = registry.get(slug)
        if words and not _holds_word(slug, entity.label if entity else "", words):
            continue
        if country is not None:
            home = entity.jurisdiction if entity is not None else homes.get(slug)
            if home != country:
                continue
        return slug
    return None


def _only(
    named: list[tuple[str, str]],
    kind: tuple[frozenset[str], tuple[str, ...]],
    country: str | None,
    registry: Registry,
    homes: dict[str, str],
) -> str | None:
    """The organisation of ``kind`` the article named, when it named only one."""
    fits = {
        slug
        for slug, type_name in named
        if _fitting([(slug, type_name)], kind, country, registry, homes) is not None
    }
    return fits.pop() if len(fits) == 1 else None


def _holds_word(slug: str, label: str, words: tuple[str, ...]) -> bool:
    """Whether the name (its slug or its label) has one of ``words``."""
    parts = set(slug.split("-")) | set(re.findall(r"[a-z]+", label.lower()))
    return any(w in parts for w in words)


# plural noun -> the kind of actor two of them name ("minister": the country each acts for)
PLURALS: dict[str, str] = {
    **dict.fromkeys(("governments", "countries", "nations", "sides", "states"), "Country"),
    **dict.fromkeys(("ministries", "departments"), "GovernmentBody"),
    **dict.fromkeys(("companies", "firms", "miners", "producers"), "Company"),
    **dict.fromkeys(("ministers", "leaders", "presidents"), "minister"),
}
PLURAL_WINDOW = 3  # sentences before the description's own that may name the two

_PLURAL = re.compile(
    r"\b(?:[Tt]he\s+two|[Bb]oth(?:\s+the)?)\s+(?:[A-Z][\w-]*\s+)?((?i:"
    + "|".join(sorted(PLURALS, key=len, reverse=True))
    + r"))\b"
)


def plural_ents(
    sent: Span,
    ents: list[Ent],
    registry: Registry,
    recent: list[list[tuple[str, str, int]]],
    roles: dict[str, str],
    homes: dict[str, str],
) -> list[Ent]:
    """Two entities, on the same tokens, for each plural description of ``sent`` that
    names two actors of its kind ("the two governments signed …": the two countries the
    sentence and the :data:`PLURAL_WINDOW` sentences before named, nearest first).

    ``recent`` holds the actors of each earlier sentence (``Context.actors_named``);
    ``roles`` maps a person to where their title holds. Nothing is linked when fewer or
    more than two actors of the kind were named last (the sentence that brings the count
    past one must bring it to exactly two)."""
    doc = sent.doc
    out: list[Ent] = []
    offset = sent.start_char
    for match in _PLURAL.finditer(sent.text):
        words = doc.char_span(offset + match.start(), offset + match.end(1))
        if words is None or words[-1].dep_ == "compound":
            continue
        noun = words[-1]
        nxt = doc[noun.i + 1] if noun.i + 1 < sent.end else None
        if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.lower_ == "of"):
            continue  # "both sides of the border", "the two companies Ganfeng and …"
        if any(e.start <= noun.i < e.end for e in ents):
            continue
        kind = PLURALS[noun.lower_]
        first = words.start + 1 if words[0].lower_ == "the" else words.start
        here = [(e.slug, e.type, 0) for e in ents if e.end <= words.start]
        groups = [here, *reversed(recent[-PLURAL_WINDOW:])]
        two = _two_of(kind, groups, registry, roles, homes)
        if two is None:
            continue
        text = doc[words.start : noun.i + 1].text
        for slug, type_name in two:
            out.append(Ent(slug, type_name, first, noun.i + 1, text, described=True))
    return out


_UNSURE = ("", "")  # an actor of the kind whose slug is not known


def _two_of(
    kind: str,
    groups: list[list[tuple[str, str, int]]],
    registry: Registry,
    roles: dict[str, str],
    homes: dict[str, str],
) -> list[tuple[str, str]] | None:
    """The two actors of ``kind`` the nearest groups name, or None unless exactly two."""
    found: list[tuple[str, str]] = []
    for group in groups:
        for slug, type_name, _rank in reversed(group):
            actor = _as_kind(kind, slug, type_name, registry, roles, homes)
            if actor == _UNSURE:
                return None  # a minister whose country is not known: which two is unsure
            if actor is not None and actor not in found:
                found.append(actor)
        if len(found) >= 2:
            return found if len(found) == 2 else None
    return None


def _as_kind(
    kind: str,
    slug: str,
    type_name: str,
    registry: Registry,
    roles: dict[str, str],
    homes: dict[str, str],
) -> tuple[str, str] | None:
    """The actor of ``kind`` a mention names: a country itself or the country a
    government body belongs to, for states; a minister's country; a body; a firm. None:
    not of the kind; :data:`_UNSURE`: of the kind, but its actor is unknown."""
    if kind == "Company":  # a firm the extractor typed as an organisation ("mining group")
        return (slug, type_name) if type_name in _ORGS else None
    if kind == "GovernmentBody":
        return (slug, type_name) if type_name == "GovernmentBody" else None
    if kind == "minister":
        if type_name != "Person":
            return None
        country = _country_of(roles.get(slug), registry, homes)
        if country is None:
            entity = registry.get(slug)
            country = entity.jurisdiction if entity is not None else None
        return (country, "Country") if country else _UNSURE
    if type_name == "Country":
        return slug, type_name
    if type_name == "GovernmentBody":
        country = _country_of(slug, registry, homes)
        return (country, "Country") if country else None
    return None


def _country_of(slug: str | None, registry: Registry, homes: dict[str, str]) -> str | None:
    """``slug`` when it is a country, else the country it belongs to (if known)."""
    if slug is None:
        return None
    entity = registry.get(slug)
    if entity is not None:
        return slug if entity.type == "Country" else entity.jurisdiction
    return homes.get(slug)
