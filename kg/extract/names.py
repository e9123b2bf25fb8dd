"""Names from the model's NER: whole-name linking and new typed entities.

* Whole names: a registry match inside a longer name the model found is dropped when the
  name's last word is not itself part of a registry match ("London" in "London Metal
  Exchange", "USA" in "Lynas USA LLC"); "US Department of Energy" keeps its links.
* New entities: a PERSON, ORG, GPE, LOC or FAC name that nothing links becomes a typed
  candidate (Person; Company, GovernmentBody or Organization by its words; Place), with
  the slug of its name ("the" and a possessive "'s" left out). A one-word person name
  is the surname of a person named earlier in the article, or nothing. A name that opens
  with the words of a company named before is that company ("Al Hajar" after "Al Hajar
  Copper SAOG"); a name before "spokeswoman" is an organisation, one in apposition to a
  title ("its chief executive, X,") a person; a place after "in" on a share move ("rose 3.4%
  in New York") is the market, not a place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.corpus.review import Candidate, Mention, ReviewFile, Unlinked
from kg.extract.compounds import CORPORATE_SUFFIXES, apposition, state_owned
from kg.extract.cues import (
    COMPANY_TAILS,
    GOV_HEADS,
    GOV_TAILS,
    LEGAL_SUFFIXES,
    NAME_SUFFIXES,
    ORGANIZATION_TAILS,
    PROJECT_TAILS,
    QUANTIFIERS,
    REGION_TAILS,
    TITLES,
    ends_title,
    project_name,
)
from kg.extract.gazetteer import ENTITY_TYPES
from kg.extract.identity import mergeable
from kg.extract.spans import Ent, Frame, is_headline
from kg.rdf.terms import slugify

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.gazetteer import Registry
    from kg.extract.identity import Identity

NER_TYPES = {
    "NORP": "Place",  # only with "-based" after it ("a Lubumbashi-based trader")
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}
_COMPANY_WORDS = {
    *COMPANY_TAILS,
    "llc",
    "ag",
    "sa",
    "nv",
    "gmbh",
    "magnetics",
    "lithium",
    "mining",
    "energy",
    "technologies",
    "industries",
    "motors",
    "steel",
}
_GOV_WORDS = {*GOV_HEADS, *GOV_TAILS, "parliament", "senate", "cabinet", "government", "treasury"}
_GOV_WORDS |= {"secretariat", "representatives", "assembly", "congress"}
_ORG_WORDS = {*ORGANIZATION_TAILS, "exchange", "fund", "intelligence", "research", "bank"}
_INNER = {"of", "for", "and", "the", "&", "de", "du", "des", "von", "van", "der", "la", "le"}
_SKIP_WORDS = {"the", "a", "an", "'s", "’s"}
_NOT_NAMES = {
    *QUANTIFIERS,
    "reuters",
    "bloomberg",
    "ap",
    "afp",
    "xinhua",
    "tass",  # bylines and wires
    "west",
    "east",
    "north",
    "south",
    "western",
    "eastern",
}


# a one-word name that is an institution or a direction written with a capital: "the
# Government", "Parliament", "Commerce" (a department's portfolio), "the Reserve", "Western"
_GENERIC = {
    "government",
    "parliament",
    "congress",
    "senate",
    "cabinet",
    "administration",
    "ministry",
    "department",
    "agency",
    "authority",
    "council",
    "commission",
    "committee",
    "board",
    "court",
    "state",
    "states",
    "federal",
    "national",
    "reserve",
    "order",
    "commerce",
    "defense",
    "defence",
    "interior",
    "energy",
    "trade",
    "industry",
    "finance",
    "treasury",
    "bank",
    "fund",
    "exchange",
    "group",
    "company",
    "central",
    *_NOT_NAMES,
}
# the last word of programmes, documents and laws, which are not actors or places
_DOCUMENT_TAILS = {
    "strategy",
    "initiative",
    "act",
    "order",
    "plan",
    "programme",
    "program",
    "scheme",
    "reserve",
    "announcement",
    "law",
    "bill",
    "regulation",
    "directive",
    "policy",
    "decree",
    "rules",
    "list",
    "no",
    "no.",
    "report",
    "index",
    "declaration",
    "charter",
    "memorandum",
}
# continents and world regions: too broad to be a place of this graph
_CONTINENTS = {
    "europe",
    "africa",
    "asia",
    "oceania",
    "antarctica",
    "eurasia",
    "latin america",
    "north america",
    "south america",
    "central america",
    "middle east",
    "southeast asia",
    "south-east asia",
    "east asia",
    "central asia",
    "sub-saharan africa",
}
# possessives and determiners: capitalised at a sentence start, never a name's first word
_DETERMINERS = {"its", "their", "his", "her", "our", "this", "that", "these", "those", "a", "an"}
# "<Country> Government": the country itself (the registry names the governments it knows)
_GOVERNMENT_TAILS = {"government", "administration", "authorities", "officials"}


def is_entity_name(label: str, kind: str) -> bool:
    """Whether a new name is an entity of this graph (not a programme, a document, a
    continent, a capitalised common word or "<Country> Government")."""
    words = [w.lower() for w in label.replace("’", "'").split()]
    words = [w for w in words if w not in ("the", "'s")]
    if not words or words[0] in _DETERMINERS:
        return False  # "Its smelter" at a sentence start
    if len(words) == 1 and words[0].strip(".") in _GENERIC:
        return False
    if words[-1] in _DOCUMENT_TAILS or "no." in words or "no" in words:
        return False
    if words[-1] in ("and", "of", "for", "&", ",", "the") or words[0] in ("and", "of", "&"):
        return False  # a name cut short: "Mineral and", "Minister of Trade, Industry and"
    if kind in ("Place", "Region") and " ".join(words) in _CONTINENTS:
        return False
    if kind in ("Project", "Region") and len(words) == 2 and words[0] in _NOT_NAMES:
        return False  # "the largest Western project""
    return not (len(words) > 1 and words[-1] in _GOVERNMENT_TAILS)


# the head of a geographic name
_GEO_WORDS = {
    "salar",
    "lake",
    "mount",
    "river",
    "bay",
    "gulf",
    "basin",
    "valley",
    "desert",
    "pass",
    "plateau",
    "peninsula",
    "strait",
    "canyon",
    "creek",
    "hills",
    "range",
}


def ner_spans(sent: Span) -> list[Span]:
    """The model's entities in ``sent``, trimmed of leading articles and trailing "'s"."""
    out: list[Span] = []
    for span in sent.doc.spans.get("ner", []):
        if span.start < sent.start or span.end > sent.end:
            continue
        start, end = span.start, span.end
        while start < end and sent.doc[start].lower_ in _SKIP_WORDS:
            start += 1
        while end > start and sent.doc[end - 1].lower_ in _SKIP_WORDS:
            end -= 1
        doc = sent.doc
        bracket = next((k for k in range(start + 1, end) if doc[k].text == "("), None)
        if bracket is not None:  # "International Resources Holding (IRH": the acronym
            end = bracket  # in brackets is another name of it, not part of this one
        while (  # "Ahn Duk-geun": the model may stop at the hyphen (not "Nasdaq-listed")
            end + 1 < sent.end
            and (span.label_ == "PERSON" or doc[end + 1].text[:1].isupper())  # "VSMPO-AVISMA"
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
        ):
            end += 2
        if end < sent.end and doc[end].text in NAME_SUFFIXES and span.label_ == "PERSON":
            end += 1  # "Ferdinand Marcos Jr."
        elif (  # "G. Kishan Reddy": the model stopped one proper noun short of the name
            span.label_ == "PERSON"
            and end < sent.end
            and end == span.end
            and doc[end].pos_ == "PROPN"
            and doc[end].is_title
            and doc[end].is_alpha
            and doc[end - 1].is_title
            and doc[end - 1].whitespace_
            and (end + 1 >= sent.end or not doc[end + 1].is_title)
        ):
            end += 1
        if start == 0 and end - start > 2 and doc[0].is_upper and doc[1].text == "-":
            start += 2  # "EXCLUSIVE-Glencore …": a wire kicker opens the headline
        elif start == 0 and end == 1 and doc[0].is_upper and len(doc) > 1 and doc[1].text == "-":
            continue  # "ANALYSIS-Why Brussels …"
        if end > start:
            out.append(sent.doc[start:end])
            out[-1].label_ = span.label_
    return out


# verbs of a price or share move: "shares fell 4.2% in Paris", "ADRs rose 3.4% in New York"
# name the market the security trades on, not a place where something happened
_MARKET_MOVES = frozenset(
    {
        "rise",
        "fall",
        "gain",
        "drop",
        "climb",
        "slip",
        "jump",
        "slide",
        "close",
        "trade",
        "tumble",
        "plunge",
        "surge",
        "soar",
        "dip",
        "ease",
        "add",
        "lose",
        "sink",
        "rally",
    }
)


def market_move(prep: Token) -> bool:
    """ "in <city>" hangs on a price or share move ("shares fell 4.2% in Paris")."""
    return prep.lower_ == "in" and prep.head.lemma_.lower() in _MARKET_MOVES


_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople"})
# the last word of a title a person's name stands in apposition to ("its chief executive, X,")
_APPOSED_TITLES = frozenset({*TITLES, "executive", "officer", "director", "chairman"})
_APPOSED_TITLES |= {"chairwoman", "chair", "president", "ceo", "founder", "analyst", "economist"}
_CURRENCY_WORDS = {"dollar", "dollars", "cent", "cents", "bond", "bonds", "treasuries"}


def not_currencies(sent: Span, ents: list[Ent]) -> list[Ent]:
    """``ents`` without a country that only names a currency or a security ("40 million US
    dollars", "Australian dollar bonds")."""
    doc = sent.doc
    return [
        e
        for e in ents
        if not (e.type == "Country" and e.end < sent.end and doc[e.end].lower_ in _CURRENCY_WORDS)
    ]


def whole_names(linked: list[Ent], names: list[Span]) -> list[Ent]:
    """``linked`` without matches that are only part of a longer, unlinked name."""
    keep: list[Ent] = []
    for ent in linked:
        if any(_in_other_name(ent, n, linked) for n in names):
            continue
        inside = [
            n
            for n in names
            if n.start <= ent.start
            and ent.end <= n.end
            and (n.end - n.start) > (ent.end - ent.start)
            and n.label_ in ("ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT")
        ]
        inside = [n for n in inside if not _with_legal_form(ent, n)]
        part = any(
            not any(o.start <= n.end - 1 < o.end for o in linked if o is not ent)
            and (not (ent.start <= n.end - 1 < ent.end) or _of_place(n, ent))
            and n[-1].lower_ not in _GOVERNMENT_TAILS  # "UK Government" is the UK
            for n in inside
        )
        if not part:
            keep.append(ent)
    return keep


def _with_legal_form(ent: Ent, name: Span) -> bool:
    """``name`` is the company ``ent`` with its legal form ("Al Hajar Copper SAOG")."""
    return (
        ent.type in ("Company", "StateEntity")
        and name.start == ent.start
        and name.end == ent.end + 1
        and name[-1].lower_.rstrip(".") in CORPORATE_SUFFIXES
    )


def _in_other_name(ent: Ent, name: Span, linked: list[Ent]) -> bool:
    """``ent`` is a word of a longer name of another kind, every word capitalised, that
    nothing else links: a resource in a place's name ("Silicon Valley", "Lithium Triangle")
    ending in a geographic word, or a company or place in a person's ("Doug Ford")."""
    if not (name.start <= ent.start and ent.end <= name.end and name.end - name.start >= 2):
        return False
    if (name.end - name.start) <= (ent.end - ent.start):
        return False
    if ent.type == "Resource":
        if name[-1].lower_ not in _GEO_WORDS and name[-1].lower_ not in (
            "valley",
            "triangle",
            "belt",
        ):
            return False  # "Tungsten Ridge", which the model may call a place, is a company
        kinds: tuple[str, ...] = ("GPE", "LOC", "FAC")
    elif ent.type in ("Company", "Organization", "Place", "Region", "Project"):
        kinds = ("PERSON",)
    else:
        return False
    return (
        name.label_ in kinds
        and all(t.is_title for t in name)
        and not any(o is not ent and name.start <= o.start < name.end for o in linked)
    )


# heads of organisation names that end "of <place>": "Export-Import Bank of Korea",
# "Bank of England", "Geological Survey of Finland" name a body, not the place; "Republic
# of Korea" or "Province of Quebec" are the place itself and keep their link
_OF_PLACE_HEADS = {
    *ORGANIZATION_TAILS,
    "bank",
    "fund",
    "exchange",
    "agency",
    "corporation",
    "company",
    "institute",
    "survey",
    "university",
    "chamber",
    "council",
    "academy",
    "society",
    "federation",
    "union",
    "commission",
    "authority",
}


def _of_place(name: Span, ent: Ent) -> bool:
    """``ent`` closes ``name`` as "<organisation head> of <ent>"."""
    of = ent.start - 1
    return (
        of - 1 >= name.start
        and name.doc[of].lower_ == "of"
        and name.doc[of - 1].lower_ in _OF_PLACE_HEADS
    )


def _is_title(token: Token) -> bool:
    return token.lower_ in TITLES or token.lower_ in ("prime", "managing", "deputy", "vice")


def _in_title(span: Span) -> bool:
    """The first word of a person's name the model found closes a title (:func:`ends_title`)
    and is not part of the name."""
    return _is_title(span[0]) or (span.end - span.start >= 3 and ends_title(span.doc, span.start))


# nouns for a kind of company that stand right before its name ("producer Talco Gold")
_COMPANY_NOUNS = {
    "producer",
    "miner",
    "company",
    "firm",
    "refiner",
    "smelter",
    "developer",
    "explorer",
    "operator",
    "subsidiary",
    "unit",
    "consultancy",
    "startup",
    "start-up",
    "conglomerate",
    "manufacturer",
    "maker",
    "supplier",
    "group",
    "house",  # "Japanese trading house Kisaragi Shoji"
    "trader",
    "lender",
    "insurer",
}
# words after which a name that is no organisation's is a place (not "in" or "at": "a stake
# in Glencore", "worked at Glencore"), and compass words before "of" ("north of Mont-Laurier")
_PLACE_PREPOSITIONS = frozenset({"near", "outside", "around"})
_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast"})
_COMPASS |= {"southwest"}
# words that make a name an organisation's, wherever it stands
_ORG_NAME_WORDS = frozenset({*_COMPANY_WORDS, *_GOV_WORDS, *_ORG_WORDS, *CORPORATE_SUFFIXES})
# nouns for a kind of place before "of <Name>" ("the town of Pangwa", "the port of Durban")
_PLACE_NOUNS = {
    "town",
    "city",
    "village",
    "port",
    "district",
    "province",
    "region",
    "county",
    "municipality",
    "island",
    "islands",
    "prefecture",
    "township",
    "state",
}


def _part_of_person(words: list[str], people: dict[str, str]) -> str | None:
    """The person named earlier whose full name contains ``words`` as a run of words."""
    n = len(words)
    for full, slug in people.items():
        parts = full.split()
        if len(parts) > n and any(parts[i : i + n] == words for i in range(len(parts) - n + 1)):
            return slug
    return None


def sovereign_fund(name: str) -> bool:
    """ "Oman Investment Authority", "Kuwait Investment Office": a state's investment arm
    (like the sovereign funds of the registry: a state entity, not a government body)."""
    words = name.lower().split()
    return "investment" in words and words[-1] in ("authority", "office", "agency", "council")


def _org_type(words: list[str]) -> str:
    lowered = [w.lower() for w in words]
    if sovereign_fund(" ".join(words)):
        return "StateEntity"
    if lowered[-1] in _COMPANY_WORDS or "corp" in lowered[-1]:
        return "Company"
    if any(w in _GOV_WORDS for w in lowered):
        return "GovernmentBody"
    if any(w in _ORG_WORDS for w in lowered):
        return "Organization"
    return "Organization"


_DOTTED = re.compile(r"(?<![A-Za-z])((?:[A-Z]\.){2,})")


def undotted(text: str) -> str:
    """ "U.S.-Ukraine Fund" -> "US-Ukraine Fund": dotted initialisms as the registry's slugs
    write them (``us-…``, not ``u-s-…``)."""
    return _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text)


def title_case_line(sent: Span) -> bool:
    """A headline or label in Title Case, not a sentence full of names that ends like one
    ("Mines Minister G. Kishan Reddy met Catamarca Governor Raúl Jalil on Tuesday.")."""
    return is_headline(sent) and not sent.text.rstrip().endswith((".", '"', "”"))


def name_frames(
    sent: Span,
    ents: list[Ent],
    taken: set[int],
    people: dict[str, str],
    short: dict[str, tuple[str, str]] | None = None,
) -> tuple[list[Frame], list[Ent]]:
    """New-entity frames for unlinked model names; and surnames linked to earlier people.

    ``taken`` holds token indices other cues already named; ``people`` maps the surname
    of every person named so far in the article to its slug (updated here); ``short``
    the short names of organisations named so far (:func:`remember_short_names`): a name
    that is one of them ("Al Hajar" after "Al Hajar Copper") is that organisation."""
    frames: list[Frame] = []
    linked: list[Ent] = []
    if title_case_line(sent):
        return frames, linked  # Title Case: the model sees names everywhere
    for span in ner_spans(sent):
        kind = NER_TYPES.get(span.label_)
        if span.label_ == "NORP" and not (
            span.end + 1 < sent.end and sent.doc[span.end + 1].lower_ == "based"
        ):
            continue
        tokens = range(span.start, span.end)
        if kind is None or any(i in taken for i in tokens):
            continue
        if any(e.start < span.end and span.start < e.end and not _opens(e, span) for e in ents):
            continue
        if (
            kind == "Organization"
            and span.end < sent.end
            and _is_title(sent.doc[span.end])
            and sent.doc[span.end].lower_ not in _SPOKESPEOPLE
        ):
            continue  # "Commerce Secretary", "Trade Minister": part of a title
        while kind == "Person" and span.end - span.start > 1 and _in_title(span):
            span = span[1:]  # "Treasurer Jim Chalmers": the title is not the name
        if span.start > sent.start and sent.doc[span.start - 1].text == ":" and span.text.isupper():
            continue  # a ticker: "(ASX: ILU)"
        words = _name_words(span)
        if not words or words[0].lower() in _NOT_NAMES:
            continue
        if len(words) == 1 and words[0] in people:  # "Lacaze told analysts" (tagged ORG)
            linked.append(Ent(people[words[0]], "Person", span.start, span.end, span.text))
            continue
        if short and " ".join(words) in short:  # "Al Hajar shares rose" (tagged PERSON)
            short_slug, short_type = short[" ".join(words)]
            linked.append(Ent(short_slug, short_type, span.start, span.end, span.text))
            continue
        if any(not w[:1].isupper() and not w[:1].isdigit() and w not in _INNER for w in words):
            continue  # "A ministry agency": not a name
        after = sent.doc[span.end].lower_ if span.end < sent.end else ""
        based = span.end + 1 < sent.end and sent.doc[span.end + 1].lower_ == "based"
        if words[-1].lower().replace(".", "") in CORPORATE_SUFFIXES and len(words) > 1:
            kind = "Company"  # "HyProMag GmbH", whatever the model took it for
        elif kind in ("Place", "Organization", "Person") and any(
            w.lower() in _GEO_WORDS for w in (words[0], words[-1])
        ):
            kind = "Place"  # "Salar de Atacama", "Lake Tanganyika", "Thacker Pass"
        elif after == "-" and based:
            kind = "Place"  # "a Lubumbashi-based trader"
        elif kind == "Place" and any(c.isdigit() for w in words for c in w):
            kind = "Organization"  # "M23": a place name has no digits
        if after in REGION_TAILS:
            kind = "Region"  # "Central Sulawesi province"
        elif after in PROJECT_TAILS:
            kind = "Project"
        elif len(words) > 1 and words[-1].lower() in PROJECT_TAILS and words[-1][-1] != "s":
            kind = "Project"  # "the Eneabba Refinery" (but "Mopani Copper Mines" is a company)
        if kind in ("Person", "Place", "Organization") and len(words) > 1:
            earlier = _part_of_person(words, people)
            if earlier:  # "Tengku Zafrul" after "Tengku Zafrul Aziz", whatever the tag
                linked.append(Ent(earlier, "Person", span.start, span.end, span.text))
                continue
        before = sent.doc[span.start - 1].lower_ if span.start > sent.start else ""
        if (kind == "Person" and before in _COMPANY_NOUNS) or (
            kind in ("Person", "Place") and _apposition_noun(sent, span)
        ):
            # "Tajik producer Talco Gold", "Ningbo Yunsheng, one of China's largest producers"
            kind = "Company"
        elif kind == "Place" and before in _COMPANY_NOUNS:
            kind = "Company"  # "the consultancy Anvaya Advisory" (tagged a place)
        if kind in ("Person", "Place") and after in _SPOKESPEOPLE:
            kind = "Organization"  # "a Comilog spokeswoman": the body the speaker is for
        elif (
            kind == "Organization"
            and span.label_ == "ORG"
            and before == ","
            and span.start - 2 >= sent.start
            and sent.doc[span.start - 2].lower_ in _APPOSED_TITLES
            and after == ","
            and len(words) > 1
            and not any(w.lower() in _ORG_NAME_WORDS for w in words)
        ):
            kind = "Person"  # "Its chief executive, Reto Imboden, said" (tagged ORG)
        if kind == "Place" and span.start > sent.start and market_move(sent.doc[span.start - 1]):
            continue  # "ADRs rose 3.4% in New York": the market, not where it happened
        two_before = sent.doc[span.start - 2].lower_ if span.start - 2 >= sent.start else ""
        if before == "of" and two_before in _PLACE_NOUNS:
            kind = "Place"  # "the town of Pangwa"
        elif (
            kind == "Organization"
            and span.label_ == "ORG"
            and (before in _PLACE_PREPOSITIONS or (before == "of" and two_before in _COMPASS))
            and not any(w.lower() in _ORG_NAME_WORDS for w in words)
        ):
            kind = "Place"  # "refineries planned around Saemangeum", "north of Mont-Laurier"
        if kind == "Person":
            slug = people.get(words[0]) if len(words) == 1 else None
            if slug:  # "Tengku Zafrul" after "Tengku Zafrul Aziz"
                linked.append(Ent(slug, "Person", span.start, span.end, span.text))
                continue
            if len(words) == 1 or any(not w[:1].isupper() for w in words):
                continue
            people.setdefault(words[-1], slugify(span.text))
            people.setdefault(" ".join(words), slugify(span.text))
        elif kind == "Organization":
            kind = _org_type(words)
        if kind in ("Company", "Organization") and state_owned(sent, span.start, span.end):
            kind = "StateEntity"  # "state miner Almalyk MMC"
        prefix = ""
        if kind == "GovernmentBody":  # registry style: "Indonesia's Ministry of …" -> indonesia-…
            country = next(
                (e for e in ents if e.type == "Country" and 0 <= span.start - e.end <= 1), None
            )
            if country is not None:
                prefix = "us" if country.slug == "united-states" else country.slug
            if (
                country is not None
                and country.demonym
                and country.end == span.start
                and words[0].lower() not in ("ministry", "department")
            ):  # "Swedish Energy Agency": the demonym opens the agency's own name
                prefix = slugify(country.text)
        legal = words[-1].lower().replace(".", "") in LEGAL_SUFFIXES
        if kind == "Company" and len(words) > 1 and legal:
            words = words[:-1]  # "Cornish Lithium Ltd" is cornish-lithium, "X S.A." x
        label = span.text
        if (
            kind in ("Organization", "GovernmentBody")
            and span.start - 2 >= sent.start
            and sent.doc[span.start - 1].lower_ in ("of", "for")
            and sent.doc[span.start - 2].text == "Minister"
        ):
            words = ["Minister", sent.doc[span.start - 1].lower_, *words]  # the model left
            # the title out of the name: "the Minister of [Lands and Forestry Development]"
        if len(words) > 2 and words[0] == "Minister" and words[1] in ("of", "for"):
            # "the Minister of Industry and Entrepreneurship Development": a title, whose
            # portfolio names the ministry (given its country by resolve_ministries)
            kind, words = "GovernmentBody", ["Ministry", *words[1:]]
            label, prefix = " ".join(words), ""
        if kind == "Project":  # registry style: "Twin Metals project"
            label = project_name(" ".join(words), after)
            words = label.split()
        slug = slugify(undotted(" ".join([prefix, *words])))
        if not slug or not is_entity_name(label, kind):
            continue
        props: dict[str, list[str]] = {}
        if kind in _ORG_KINDS:
            owner = stated_country(sent, span, ents)
            if owner is not None:
                props["jurisdiction"] = [owner]
        frames.append(Frame(kind, slug, props, 0.5, label, node=slug, span=(span.start, span.end)))
    return frames, linked


_ORG_KINDS = ("Company", "Organization", "GovernmentBody", "StateEntity")


def _opens(ent: Ent, span: Span) -> bool:
    """A demonym opens the organisation's name the model found ("Ethiopian Mineral
    Development"): the name is whole, the demonym part of it."""
    return (
        ent.demonym
        and span.label_ == "ORG"
        and ent.start == span.start
        and ent.end < span.end
        and not any(t.lower_ in _GOV_WORDS for t in span)  # "Indonesian Trade Ministry",
        # "Chinese Ministry of …": registry style, by country (org_frames)
    )


def _name_words(span: Span) -> list[str]:
    """The words of a name, punctuation left out, a hyphenated word kept whole ("Kim
    Ha-eun", "Lin Chia-hao": the tokenizer splits the given name at its hyphen)."""
    words: list[str] = []
    glued = False
    for t in span:
        if t.text == "-" and words and t.i != span.start and not span.doc[t.i - 1].whitespace_:
            words[-1] += "-"
            glued = not t.whitespace_
            continue
        if glued:
            words[-1] += t.text
        elif not t.is_punct or t.text in ("&", "."):
            words.append(t.text)
        glued = False
    return [w.rstrip("-") for w in words]


def _apposition_noun(sent: Span, span: Span) -> bool:
    """The apposition after a name is headed by a company noun ("one of China's largest
    producers", "a Chinese magnet maker"; not "chief executive of the company")."""
    doc, inside = sent.doc, apposition(sent, span)
    words = [doc[j].lower_ for j in inside]
    skip = 2 if words[:2] == ["one", "of"] else 0
    stop = next((j for j in inside[skip:] if doc[j].lower_ == "of"), inside.stop)
    nouns = [doc[j] for j in range(inside.start + skip, stop) if doc[j].pos_ == "NOUN"]
    return bool(nouns) and nouns[-1].lemma_.lower() in _COMPANY_NOUNS  # the phrase's head


def stated_country(sent: Span, span: Span, ents: list[Ent]) -> str | None:
    """The country an organisation's name is stated to belong to: a possessive or demonym
    right before it ("China's CATL", "Chinese firm Ningbo Yunsheng": only lowercase words
    between), or in an apposition right after it ("Tenex, the export arm of Russia's
    Rosatom", "X, one of China's largest producers")."""
    doc = sent.doc
    countries = [e for e in ents if e.type == "Country"]
    for e in countries:
        between = range(e.end, span.start)
        if 0 <= span.start - e.end <= 3 and all(
            doc[k].is_lower or doc[k].text in ("'s", "’s") for k in between
        ):
            return e.slug
    inside = apposition(sent, span)
    for e in countries:
        if e.start in inside and e.end <= inside.stop:
            return e.slug
    return None


_SHORT_TYPES = ("Company", "Organization", "StateEntity", "GovernmentBody")
# the last word of a firm's name the model calls an organisation ("Sherritt International")
_FIRM_TAILS = frozenset({"international", "group", "holdings", "holding", "capital"})
_FIRM_TAILS |= {"partners", "analytics", "research", "consulting", "advisory", "trading"}


def _acronym(token: Token) -> bool:
    return token.is_upper and token.is_alpha and 2 <= len(token.text) <= 10


def remember_short_names(
    sent: Span,
    frames: list[Frame],
    registry: Registry,
    short: dict[str, tuple[str, str]],
    linked: list[Ent] | None = None,
) -> None:
    """Record how the article may name its new organisations again: the acronym given in
    brackets after the name ("… Markets (ARECOMS)"; the slug stays the full name), a
    company's first word ("Meridian Rare Earths" -> "Meridian"), an organisation's first
    word in capitals ("KGHM Polska Miedź" -> "KGHM") and a project's name
    without its head noun ("the Dobra deposit" -> "Dobra") when that word is not itself a
    name the registry knows. A company the registry knows (in ``linked``) may be named
    again by the words its name opens with ("Sherritt International" -> "Sherritt", "Al
    Hajar Copper" -> "Al Hajar")."""
    doc = sent.doc
    named = [(e.start, e.end, e.slug, e.type) for e in linked or [] if not e.demonym]
    named += [(*f.span, f.node, f.type) for f in frames if f.span and f.node]
    for start, end, slug, kind in named:
        if kind not in ("Company", "StateEntity", "Organization") or end - start < 2:
            continue
        if kind == "Organization" and doc[end - 1].lower_ not in _FIRM_TAILS:
            continue  # "Mrima Hill", "Solid Minerals Development": no firm's name
        if doc[end - 1].lower_.rstrip(".") in CORPORATE_SUFFIXES:
            end -= 1
        for run in (doc[start:k] for k in range(start + 1, end)):
            first = run[0]
            if not all(t.is_title and t.is_alpha for t in run) or first.is_stop:
                continue
            if _is_title(first):
                break  # "Minister of …": a title, not a name
            if len(run) == 1 and (len(first.text) < 4 or first.lower_ in _GENERIC):
                continue
            if registry.slug_for_label(run.text) or registry.demonym(first.text):
                continue
            short.setdefault(run.text, (slug, kind))
    for frame in frames:
        words = frame.label.split()
        if frame.type == "Project" and frame.node and len(words) == 2 and words[0][:1].isupper():
            if registry.slug_for_label(words[0]) is None:  # "the Dobra deposit" … "Dobra"
                short.setdefault(words[0], (frame.node, frame.type))
            continue
        if frame.type not in _SHORT_TYPES or not frame.node or not frame.span:
            continue
        start, end = frame.span
        bracket = end + 2 < sent.end and doc[end].text == "(" and doc[end + 2].text == ")"
        acronym = doc[end + 1].text if bracket and _acronym(doc[end + 1]) else None
        if acronym and registry.slug_for_label(acronym) is None:
            short.setdefault(acronym, (frame.node, frame.type))
        first = doc[start]
        if (
            end - start >= 2
            and first.is_alpha
            and (  # "Meridian Rare Earths" -> "Meridian"; "KGHM Polska Miedź" -> "KGHM"
                (frame.type == "Company" and first.is_title)
                or (frame.type != "GovernmentBody" and _acronym(first))
            )
            and len(first.text) >= 3
            and first.lower_ not in _GENERIC
            and registry.slug_for_label(first.text) is None
            and registry.demonym(first.text) is None
        ):
            short.setdefault(first.text, (frame.node, frame.type))


# the European Union's institutions, named once, are then "the Commission": the short name
# of each, for articles that have named the Union or one of them
_UNION = frozenset({"european-union", "european-commission", "european-parliament"})
_UNION_SHORT = {"Commission": ("european-commission", "GovernmentBody")}


def remember_institutions(ents: list[Ent], short: dict[str, tuple[str, str]]) -> None:
    """After the EU or one of its institutions is named, "the Commission" is the European
    Commission (as "ARECOMS" is the body named with it before)."""
    if any(e.slug in _UNION for e in ents):
        for name, entry in _UNION_SHORT.items():
            short.setdefault(name, entry)


def short_name_ents(sent: Span, ents: list[Ent], short: dict[str, tuple[str, str]]) -> list[Ent]:
    """Later mentions of a short name or acronym (:func:`remember_short_names`), not as
    the last word of a longer name ("the Federal Trade Commission")."""
    found: list[Ent] = []
    if not short:
        return found
    doc = sent.doc
    for token in sent:
        prev = doc[token.i - 1] if token.i > sent.start else None
        longer = prev is not None and prev.is_title and prev.is_alpha and not prev.is_stop
        if longer and token.text in _UNION_SHORT:
            continue
        nxt = doc[token.i + 1] if token.i + 1 < sent.end else None
        if (
            nxt is not None
            and nxt.is_title
            and nxt.is_alpha
            and short.get(token.text, ("", ""))[1] == "Project"
        ):
            continue  # "Lobito" of the Lobito corridor opens "Lobito Atlantic Railway"
        if token.text in short and not any(e.start <= token.i < e.end for e in ents):
            slug, kind = short[token.text]
            found.append(Ent(slug, kind, token.i, token.i + 1, token.text))
    return found


def _better_slug(later: Candidate, earlier: Candidate) -> bool:
    """The later name of one entity gives it its slug: a full name after its acronym
    ("IRH" … "International Resources Holding"), or a name without the legal form that the
    first slug kept ("Kahatagaha Graphite Lanka Limited" … "Kahatagaha Graphite Lanka")."""
    if earlier.label and earlier.label.isupper() and not (later.label or "").isupper():
        return True
    first, then = earlier.slug.split("-"), later.slug.split("-")
    return first[-1] in LEGAL_SUFFIXES and then == first[: len(then)] and len(then) < len(first)


def one_node_per_entity(review: ReviewFile, identity: Identity) -> None:
    """New entities of the article that name one entity (:mod:`kg.extract.identity`:
    "Kamativi mine" / "Kamativi", "Rheinland Anode GmbH" / "Rheinland Anode", "IRH" /
    "International Resources Holding") become one candidate, under the slug minted first
    (but a full name rather than an acronym before it, :func:`_better_slug`); one that
    names a registry entity ("Perpetua Resources Corp") becomes a mention of it. Role
    fillers, mentions and evidence follow (in place); registry slugs never change."""
    registry = identity.registry
    rename: dict[str, str] = {}
    kept: list[Candidate] = []
    for c in [c for c in review.candidates if c.type in ENTITY_TYPES]:
        if not c.node or registry.get(c.slug) is not None:
            continue
        known = identity.registry_match(c.slug, c.type)
        if known is not None:
            rename[c.slug] = known
            continue
        earlier = next(
            (k for k in kept if mergeable(k.type, c.type) and identity.same(k.slug, c.slug)),
            None,
        )
        if earlier is None:
            kept.append(c)
            continue
        if _better_slug(c, earlier):
            earlier.id, earlier.node, c.id, c.node = c.id, c.node, earlier.id, earlier.node
            earlier.label, c.label = c.label, earlier.label  # "IRH" then its full name
            for old, new in rename.items():
                if new == c.slug:
                    rename[old] = earlier.slug
        rename[c.slug] = earlier.slug
        if earlier.type in ("Organization", "Place") and c.type != earlier.type:
            earlier.type = c.type  # "Organization" then "Company": the company
        for evidence in c.evidence:
            if evidence not in earlier.evidence:
                earlier.evidence.append(evidence)
        for key, values in c.properties.items():
            earlier.properties.setdefault(key, values)
    if not rename:
        return
    gone = {c.id for c in review.candidates if c.type in ENTITY_TYPES and c.slug in rename}
    review.candidates = [c for c in review.candidates if c.id not in gone]
    for c in [*review.candidates, *review.held]:
        for key, values in c.properties.items():
            c.properties[key] = list(dict.fromkeys(rename.get(v, v) for v in values))
    for m in review.mentions:
        m.entity = rename.get(m.entity, m.entity)
    targets = {v for v in rename.values() if v in registry.entities}
    linked: list[tuple[Unlinked, str]] = []
    for u in review.unlinked if targets else []:
        target = identity.registry_match(u.text, u.type) if u.type else None
        if target is not None and target in targets:
            linked.append((u, target))
    review.mentions += [Mention(target, u.start, u.end) for u, target in linked]
    review.unlinked = [u for u in review.unlinked if all(u is not x for x, _ in linked)]
