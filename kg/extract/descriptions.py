"""Definite descriptions that name an organisation the article named before.

"The Chinese producer proposed …", "the company said", "the bank has lent": a definite
noun for a kind of organisation, with at most one demonym between "the" and the noun,
names the organisation of that kind the article named last (before it in the same
sentence, or in an earlier sentence), and with a demonym only one of that country; "the
Company", capitalised (a press release's defined term), names the first company named.
Nothing is linked when no organisation of the kind was named, when the noun modifies
another ("the company's" is kept, "the company town" is not), or when a name follows
it ("the company Ganfeng"). Kinds:

* firm nouns (company, miner, producer, …) name a company or a state firm; "the group"
  is left alone (a business group, an armed group, a group of countries);
* bank, lender, fund, exchange and agency name an organisation whose name has that word
  (the bank: "European Investment Bank"), a lender or agency also a state firm or body.
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
# noun -> (types it may name, a word its name must hold or "")
KINDS: dict[str, tuple[frozenset[str], str]] = {
    **{
        noun: (_FIRMS, "")
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
    "bank": (_ORGS, "bank"),
    "lender": (_ORGS | _BODIES, ""),
    "fund": (_ORGS, "fund"),
    "exchange": (_ORGS, "exchange"),
    "agency": (_BODIES, ""),
    "regulator": (_BODIES, ""),
}


_DESCRIPTION = re.compile(
    rf"\b[Tt]he\s+(?:[A-Z][\w-]*\s+)?({'|'.join(sorted(KINDS, key=len, reverse=True))}|Company)\b"
)


def description_ents(
    sent: Span,
    ents: list[Ent],
    registry: Registry,
    named: list[tuple[str, str]],
    homes: dict[str, str],
) -> tuple[list[Ent], list[Ent]]:
    """The organisations the definite descriptions of ``sent`` name, and the demonym
    links inside those descriptions they replace ("Chinese" in "the Chinese producer").

    ``named`` lists (slug, type) of the organisations earlier sentences named, in order;
    ``homes`` maps a new organisation to the country its mention stated."""
    doc = sent.doc
    found: list[Ent] = []
    replaced: list[Ent] = []
    # one regex scan of the sentence's text, no loop over its tokens (``doc.text`` would
    # join every token of the article again for each sentence)
    offset = sent.start_char
    for match in _DESCRIPTION.finditer(sent.text):
        noun = doc.char_span(offset + match.start(1), offset + match.end(1))
        if noun is None or len(noun) != 1:
            continue
        token = noun[0]
        kind = KINDS[token.lower_]
        if token.i - 1 < sent.start or token.dep_ == "compound":
            continue
        nxt = doc[token.i + 1] if token.i + 1 < sent.end else None
        if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.lower_ == "of"):
            continue  # "the company town", "the company Ganfeng", "the group of seven"
        if any(e.start <= token.i < e.end for e in ents):
            continue
        start, country, demonym = token.i - 1, None, None
        if doc[start].lower_ != "the":
            demonym = next((e for e in ents if e.demonym and e.end == token.i), None)
            if demonym is None or demonym.start - 1 < sent.start:
                continue
            if doc[demonym.start - 1].lower_ != "the":
                continue
            start, country = demonym.start - 1, demonym.slug
        earlier = named + [(e.slug, e.type) for e in ents if e.end <= start and not e.demonym]
        # "the Company", capitalised, is a press release's defined term for its issuer: the
        # first company the article named, not the last
        order = earlier if token.text == "Company" else list(reversed(earlier))
        slug = _fitting(order, kind, country, registry, homes)
        if slug is None:
            continue
        entity = registry.get(slug)
        found.append(
            Ent(
                slug,
                entity.type if entity else _type_of(earlier, slug),
                start + 1,
                token.i + 1,
                doc[start + 1 : token.i + 1].text,
            )
        )
        if demonym is not None:
            replaced.append(demonym)
    return found, replaced


def _type_of(earlier: list[tuple[str, str]], slug: str) -> str:
    return next(t for s, t in reversed(earlier) if s == slug)


def _fitting(
    order: list[tuple[str, str]],
    kind: tuple[frozenset[str], str],
    country: str | None,
    registry: Registry,
    homes: dict[str, str],
) -> str | None:
    types, word = kind
    for slug, type_name in order:
        if type_name not in types:
            continue
        entity = registry.get(slug)
        if word and word not in slug.split("-"):
            label = entity.label.lower() if entity is not None else ""
            if word not in label.split():
                continue
        if country is not None:
            home = entity.jurisdiction if entity is not None else homes.get(slug)
            if home != country:
                continue
        return slug
    return None
