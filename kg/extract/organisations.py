"""Organisations, regions, projects and places the registry lacks, from their names.

* heads and tails: "… Ministry of Commerce", "Department of …" (GovernmentBody); "… Agency",
  "… Commission" (GovernmentBody); "… Corp", "… Holding Group", "… Resources" (Company);
  "… Organization", "… Association" (Organization); "… province", "… Peninsula" (Region);
  "… mine", "… deposit" (Project) — a lowercase tail is a description and stays out of the
  name ("Central Sulawesi province" -> ``central-sulawesi``);
* a capitalised name after "in"/"near" that nothing links ("in Rotterdam") is a Place.

Each becomes a Frame with ``node`` = slug of the name (government bodies prefixed with
their country: ``indonesia-ministry-of-energy-and-mineral-resources``) and
``jurisdiction``/``locatedIn`` when a country stands right before the name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.compounds import state_owned
from kg.extract.cues import (
    CAPITALS,
    COMPANY_TAILS,
    DELIVERY_TERMS,
    GOV_HEADS,
    GOV_TAILS,
    LEGAL_SUFFIXES,
    LOCATION_PREPOSITIONS,
    NOT_PLACE_TAILS,
    ORGANIZATION_TAILS,
    PROJECT_TAILS,
    QUANTIFIERS,
    REGION_TAILS,
    country_near,
    name_token,
    project_name,
)
from kg.extract.names import market_move, sovereign_fund, undotted
from kg.extract.spans import Ent, Frame, SentenceView, is_headline
from kg.rdf.terms import slugify

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Token

_INNER = ("of", "for", "the")  # inside a body's name, before a capitalised word


# what may stand between a country and the name it owns: "Japan's Ministry", "the Indonesian
# Ministry"; not "exporting to Japan after the Department of Atomic Energy"
_OWNER_GLUE = frozenset({"'s", "’s", "the"})


def _owner(view: SentenceView, start: int) -> Ent | None:
    """:func:`country_near`, when the word between (if any) is a possessive."""
    country = country_near(view, start)
    if country is not None and all(
        view.span.doc[k].lower_ in _OWNER_GLUE for k in range(country.end, start)
    ):
        return country
    return None


def add_organisation_patterns(matcher: Matcher) -> None:
    matcher.add(
        "GOV_HEAD",
        [
            [
                {"LOWER": {"IN": [*GOV_HEADS, "secretariat"]}, "IS_TITLE": True},
                {"LOWER": {"IN": ["of", "for"]}},
                {"LOWER": "the", "OP": "?"},
                {"IS_TITLE": True},
            ]
        ],
    )
    tails = [*GOV_TAILS, *COMPANY_TAILS, *ORGANIZATION_TAILS]
    matcher.add("ORG_TAIL", [[{"IS_ALPHA": True, "IS_LOWER": False}, {"LOWER": {"IN": tails}}]])
    matcher.add("REGION_TAIL", [[{"IS_TITLE": True}, {"LOWER": {"IN": list(REGION_TAILS)}}]])
    matcher.add(
        "LOCATION",
        [
            [
                {"LOWER": {"IN": [*LOCATION_PREPOSITIONS, *DELIVERY_TERMS]}},
                {"LOWER": "the", "OP": "?"},
                {"IS_TITLE": True, "IS_ALPHA": True},
            ],
            [{"LOWER": "at"}, {"IS_TITLE": True, "IS_ALPHA": True}],  # "a plant at Tula"
        ],
    )
    group = r"^(companies|firms|makers|producers|miners|suppliers|manufacturers|carmakers)$"
    matcher.add("SUCH_AS", [[{"LOWER": {"REGEX": group}}, {"LOWER": "such"}, {"LOWER": "as"}]])
    matcher.add("PROJECT_TAIL", [[{"IS_TITLE": True}, {"LOWER": {"IN": list(PROJECT_TAILS)}}]])
    # a source introduced by what it is: "analysts at Mbote Research", "consultancy Tinline
    # Analytics", "Karachi brokerage Topline Capital" (names the model often misses)
    matcher.add(
        "ORG_INTRO",
        [
            [{"LOWER": {"IN": list(_ANALYSTS)}}, {"LOWER": "at"}, {"IS_TITLE": True}],
            [{"LOWER": {"IN": list(_SOURCE_NOUNS)}}, {"IS_TITLE": True, "IS_ALPHA": True}],
        ],
    )


_ANALYSTS = frozenset({"analysts", "analyst", "economists", "economist", "strategists"})
_SOURCE_NOUNS = frozenset({"consultancy", "brokerage", "newsletter", "broker", "consultants"})


def introduced_org_frames(view: SentenceView, end: int) -> list[Frame]:
    """The organisation whose name starts at ``end - 1`` after an ORG_INTRO cue
    ("analysts at Mbote Research"): up to four name words, nothing linked among them."""
    doc = view.span.doc
    first = j = end - 1
    opening = view.ent_at(first)
    if (  # "analysts at Havana Trade Monitor": a city opens the name
        opening is not None
        and opening.type in ("Country", "Region", "Place")
        and opening.start == first
        and opening.end < view.end
        and name_token(doc[opening.end])
    ):
        j = opening.end
    while j < view.end and j - first < 4 and view.ent_at(j) is None:
        if name_token(doc[j]) or (
            doc[j].lower_ in ("&", "and", "of") and j + 1 < view.end and name_token(doc[j + 1])
        ):
            j += 1
            continue
        break
    if j == first or (j < view.end and doc[j].is_title and doc[j].is_alpha):
        return []  # no name, or it goes on beyond four words
    words = [doc[k].text for k in range(first, j)]
    if words[-1].lower().rstrip(".") in LEGAL_SUFFIXES and len(words) > 1:
        words = words[:-1]
    name = view.text_of(first, j)
    slug = slugify(undotted(" ".join(words)))
    return [Frame("Organization", slug, {}, 0.5, name, node=slug, span=(first, j))]


def _hyphen_joins(view: SentenceView, i: int) -> bool:
    """``doc[i]`` is a hyphen written between two name words ("Export-Import")."""
    doc = view.span.doc
    return (
        i - 1 >= view.start
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and name_token(doc[i - 1])
        and view.ent_at(i - 1) is None
    )


def _listed(view: SentenceView, i: int) -> bool:
    """``doc[i]`` is a comma inside a portfolio list that "and" closes: "Ministry of
    Industries, Mines and Energy" (not "Ministry of Mines, Energy Minister …")."""
    doc = view.span.doc
    if doc[i].text != ",":
        return False
    k = i + 1
    while k < view.end and k - i < 8 and view.ent_at(k) is None:
        if doc[k].lower_ == "and":
            return k + 1 < view.end and doc[k + 1].is_title and doc[k - 1].is_title
        if not (doc[k].is_title or doc[k].text == ","):
            return False
        k += 1
    return False


def _glue(view: SentenceView, i: int) -> bool:
    """ "and" inside a name: "Korea Mine Rehabilitation and Mineral Resources
    Corporation" (a name word on both sides)."""
    doc = view.span.doc
    return (
        doc[i].lower_ in ("and", "&")
        and i - 1 >= view.start
        and name_token(doc[i - 1])
        and view.ent_at(i - 1) is None
    )


def org_frames(view: SentenceView, label: str, start: int, end: int) -> list[Frame]:
    """New government bodies, companies and regions from organisation heads and tails."""
    doc = view.span.doc
    if any(view.ent_at(i) for i in range(start, end)):
        return []
    own_name = False  # a demonym opens the body's own name
    if label == "GOV_HEAD":
        j = end
        while (
            j < view.end
            and view.ent_at(j) is None
            and (
                doc[j].is_title
                or doc[j].lower_ in ("and", "&")
                or (doc[j].lower_ in _INNER and j + 1 < view.end and doc[j + 1].is_title)
                or _listed(view, j)
            )
        ):
            j += 1
        while j > end and doc[j - 1].lower_ in ("and", "&", *_INNER):
            j -= 1
        first, kind = start, "GovernmentBody"
        while (
            first > view.start
            and start - first < 3
            and name_token(doc[first - 1])
            and (view.ent_at(first - 1) is None)
        ):
            first -= 1  # "Federal Agency for Subsoil Use"
    else:
        tail = doc[end - 1]
        first = end - 1
        while (
            first > view.start
            and end - first < 8
            and (name_token(doc[first - 1]) or (label == "ORG_TAIL" and _glue(view, first - 1)))
            and (view.ent_at(first - 1) is None)
        ):
            first -= 1
            if _hyphen_joins(view, first - 1):
                first -= 2  # "Export-Import Bank": one word either side of the hyphen
        while first < end - 1 and doc[first].lower_ in QUANTIFIERS:
            first += 1  # "Few Western mining companies": a sentence-initial capital
        if first == end - 1 or (end < view.end and doc[end].is_title and doc[end].is_alpha):
            return []  # no name before the tail, or the name goes on ("… Materials Act")
        kind = {"REGION_TAIL": "Region", "PROJECT_TAIL": "Project"}.get(label, "Company")
        if kind == "Company" and tail.is_lower:
            return []  # "Western mining companies": a lowercase tail describes, not names
        if label == "ORG_TAIL" and tail.lower_ in GOV_TAILS:
            kind = "GovernmentBody"
        elif label == "ORG_TAIL" and tail.lower_ in ORGANIZATION_TAILS:
            kind = "Organization"
        agency = kind == "GovernmentBody" and tail.lower_ not in ("ministry", "department")
        if label == "ORG_TAIL" and (kind in ("Organization", "Company") or agency):
            adjective = view.ent_at(first - 1) if first > view.start else None
            opens = adjective is not None and (
                adjective.start == view.start
                or not doc[adjective.start - 1].is_alpha
                or doc[adjective.start - 1].pos_ not in ("DET", "PROPN", "ADJ", "NUM")
            )
            if (
                adjective is not None
                and adjective.demonym
                and adjective.end == first
                and (kind != "Company" or opens)
            ):
                first = adjective.start  # "Philippine Nickel Industry Association"; an
                # undetermined demonym opens a company's name: "Australian Strategic Materials"
                # and an agency's: "Swedish Energy Agency" (not a ministry: registry style
                # names those by country, ``sweden-ministry-of-…``)
                own_name = agency
        # a lowercase tail is a description ("Central Sulawesi province"), not the name
        j = end - 1 if kind in ("Region", "Project") and tail.is_lower else end
        if (
            kind in ("Organization", "GovernmentBody")
            and j + 1 < view.end
            and doc[j].lower_ in ("of", "for")
            and not tail.is_lower
        ):
            # "Export-Import Bank of Korea": the place is part of the name; so is the
            # remit of "Seoul Institute for Supply Chain Studies", "Center for Strategic
            # and International Studies"
            k = j + 1
            while (
                k < view.end
                and view.ent_at(k) is None
                and (name_token(doc[k]) or (k > j + 1 and _glue(view, k) and k + 1 < view.end))
            ):
                k += 1
            while k > j + 1 and doc[k - 1].lower_ in ("and", "&"):
                k -= 1
            j = k if k > j + 1 else j
    if kind in ("Company", "Organization") and state_owned(view.span, first, j):
        kind = "StateEntity"  # "Finnish Minerals Group, the holding company of the … state"
    elif kind == "GovernmentBody" and sovereign_fund(doc[first:j].text):
        kind = "StateEntity"  # "Oman Investment Authority": a state's investment arm
    country = _owner(view, first)
    fund = kind == "StateEntity" and sovereign_fund(doc[first:j].text)
    if fund and country is not None and country.end == first and not country.demonym:
        first = country.start  # "Oman Investment Authority": the state opens its name
    name = view.text_of(first, j)
    if country is None and kind == "GovernmentBody":
        country = _owner(view, first - 1) if first > view.start else None
    prefix = ""
    if country is not None and kind == "GovernmentBody" and not own_name:  # us-…, china-…
        prefix = "us" if country.slug == "united-states" else country.slug
    if kind == "Company" and j - first > 1 and doc[j - 1].lower_.rstrip(".") in LEGAL_SUFFIXES:
        slug = slugify(view.text_of(first, j - 1))  # "Cornish Lithium Ltd" is cornish-lithium
    else:
        slug = slugify(undotted(f"{prefix} {name}"))
    if kind == "Project" and j < end:  # registry style: "Twin Metals project"
        name = project_name(name, doc[end - 1].text)
        slug = slugify(name)
    props: dict[str, list[str]] = {}
    if country is not None:
        props["locatedIn" if kind == "Region" else "jurisdiction"] = [country.slug]
    confidence = 0.5 if kind == "Region" else 0.6
    frames = [Frame(kind, slug, props, confidence, name, node=slug, span=(first, j))]
    k = first - 1  # "the Kamoto and Mutanda mines": the coordinated name too
    if kind == "Project" and k > view.start and doc[k].lower_ == "and":
        other = k - 1
        if name_token(doc[other]) and view.ent_at(other) is None:
            label2 = doc[other].text
            if j < end:
                label2 = project_name(label2, doc[end - 1].text)
            slug2 = slugify(label2)
            frames.append(
                Frame(
                    kind,
                    slug2,
                    props,
                    confidence,
                    label2,
                    node=slug2,
                    span=(other, other + 1),
                )
            )
    return frames


def example_frames(view: SentenceView, end: int) -> list[Frame]:
    """ "battery makers such as LG Energy Solution and SK On": each example is a Company."""
    doc = view.span.doc
    frames: list[Frame] = []
    j = end
    while j < view.end:
        first = j
        while j < view.end and j - first < 4 and name_token(doc[j]) and view.ent_at(j) is None:
            j += 1
        if j > first:
            name = view.text_of(first, j)
            frames.append(
                Frame("Company", slugify(name), {}, 0.5, name, node=slugify(name), span=(first, j))
            )
        elif view.ent_at(j) is not None:
            j = view.ent_at(j).end  # type: ignore[union-attr]
        else:
            break
        while j < view.end and doc[j].lower_ in (",", "and"):
            j += 1
        if j < view.end and not (name_token(doc[j]) or view.ent_at(j) is not None):
            break
    return frames


# nouns of a gathering: "a meeting in Astana" happened there
_GATHERINGS = frozenset(
    {"meeting", "talks", "summit", "conference", "visit", "forum", "ceremony", "signing"}
)


def where_it_happened(prep: Token) -> bool:
    """Whether "in <capital>" says where something happened: the preposition hangs on a
    verb ("met … in Tokyo", "told reporters in Astana") or on a gathering ("a meeting in
    Astana"), not on the people or offices there ("officials in Brussels", "the embassy
    in Washington"), where the capital stands for its country."""
    head = prep.head
    if market_move(prep):
        return False  # "shares fell 4.2% in Paris": the market the shares trade on
    if head.pos_ in ("VERB", "AUX"):
        return True
    return head.pos_ == "NOUN" and head.lemma_.lower() in _GATHERINGS


# facilities that stand at a place: "Evraz's plant at Tula", "a second line at Moanda"
_FACILITIES = frozenset(
    {"plant", "mine", "smelter", "refinery", "line", "facility", "site", "terminal", "works"}
)


def location_frames(view: SentenceView, start: int, end: int) -> list[Frame]:
    """An unknown place after "in"/"near" ("in Rotterdam", "near Shevchenko"), or after
    "at" on a facility ("a plant at Tula"): a Place."""
    doc = view.span.doc
    first = end - 1
    if is_headline(view.span):
        return []
    if doc[start].lower_ == "at" and doc[start].head.lemma_.lower() not in _FACILITIES:
        return []  # "at Glencore", "at a meeting": only a facility stands at a place
    linked = view.ent_at(first)
    if linked is not None:  # "met in Tokyo": the capital, besides the country it stands for
        if linked.start != first or linked.text not in CAPITALS:
            return []
        if linked.end < view.end and doc[linked.end].is_title:
            return []  # the name goes on: "Tokyo Bay"
        if not where_it_happened(doc[start]):
            return []  # "officials in Tokyo", "its embassy in Washington": the country
        slug = slugify(linked.text)
        return [Frame("Place", slug, {}, 0.35, linked.text, node=slug, span=None)]
    if not name_token(doc[first]) or market_move(doc[start]):
        return []
    j = first
    while j < view.end and j - first < 3 and name_token(doc[j]) and view.ent_at(j) is None:
        j += 1
    if j < view.end and (doc[j].is_title or doc[j].text in ("'s", "’s")):
        return []  # the name goes on, or it owns something ("in Acme's plant")
    if first > start + 1 and j < view.end and doc[j].is_lower and not doc[j].is_stop:
        return []  # an adjective: "in the Siberian permafrost"
    tail = doc[j - 1].lower_
    if tail in (*NOT_PLACE_TAILS, *GOV_TAILS, *COMPANY_TAILS, *ORGANIZATION_TAILS):
        return []
    name = view.text_of(first, j)
    slug = slugify(name)
    return [Frame("Place", slug, {}, 0.35, name, node=slug, span=(first, j))]
