"""People, organisations and regions the registry lacks, found from cues; and Roles.

Cues (spaCy ``Matcher`` on the title word, then the name read from the tokens around it):

* title before a name: "Treasury Secretary Scott Bessent", "Economy Minister Maxim
  Reshetnikov", "Indonesian President Prabowo Subianto", "chief executive James Litinsky";
* a name, then an apposition: "Kirill Dmitriev—head of Russia's sovereign wealth fund",
  "James Litinsky, chief executive of MP Materials";
* organisations, regions, projects and places by their names: see ``kg.extract.organisations``.

Each finding becomes a Frame: a new entity (``Person``, ``GovernmentBody``, ``Company``,
``Region``; ``node`` = slug of the name, ``jurisdiction`` when a country is named) and, for
titles, a ``Role`` (``roleOf`` the person, ``roleIn`` the organisation or country, label =
the title). Registry entities are never proposed again; they only get Roles.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.cues import (
    APPOSITION,
    GOV_TAILS,
    NAME_SUFFIXES,
    NOT_NAME,
    PARTICLES,
    TITLES,
    TWO_WORD_TITLES,
    country_near,
    ends_title,
    name_token,
)
from kg.extract.organisations import (
    add_organisation_patterns,
    example_frames,
    introduced_org_frames,
    location_frames,
    org_frames,
)
from kg.extract.spans import Ent, Frame, SentenceView, unique
from kg.rdf.terms import slugify

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc


def add_actor_patterns(matcher: Matcher) -> None:
    matcher.add(
        "TITLE",
        [
            [{"LOWER": {"IN": list(TITLES)}}],
            *[[{"LOWER": a}, {"LOWER": b}] for a, b in TWO_WORD_TITLES],
        ],
    )
    add_organisation_patterns(matcher)


def _name_after(view: SentenceView, i: int) -> tuple[int, int] | None:
    """A person's name starting at ``i``: capitalised words, with particles ("von der")
    and hyphens ("Kassym-Jomart") between them; a linked person is its registry span."""
    linked = view.ent_at(i) if i < view.end else None
    if linked is not None:
        return (linked.start, linked.end) if linked.type == "Person" else None
    doc = view.span.doc
    j, words, last_end = i, 0, 0
    while j < view.end and words < 4:
        token = doc[j]
        if name_token(token) and view.ent_at(j) is None:
            j, words, last_end = j + 1, words + 1, j + 1
            continue
        glue = token.lower_ in PARTICLES or (token.text == "-" and not doc[j - 1].whitespace_)
        if last_end and j - last_end < 2 and glue:
            joined = token.text == "-" and not token.whitespace_ and j + 1 < view.end
            if joined and doc[j + 1].is_alpha and doc[j + 1].is_lower:
                j, last_end = j + 2, j + 2  # "Ahn Duk-geun"
                continue
            j += 1
            continue
        break
    if last_end and last_end < view.end and doc[last_end].text in NAME_SUFFIXES:
        last_end += 1  # "President Ferdinand Marcos Jr."
    return (i, last_end) if last_end else None


def _run_word(view: SentenceView, j: int) -> bool:
    token = view.span.doc[j]
    ent = view.ent_at(j)
    capitalised = (token.is_title and token.is_alpha) or token.lower_ in ("and", "&")
    return capitalised and (ent is None or ent.type != "Person")


def _name_in_run(view: SentenceView, i: int) -> tuple[int, int] | None:
    """ "Minister for Maritime Affairs and Investment Luhut Pandjaitan": after "for"/"of",
    a run of capitalised words whose last two are the name."""
    doc = view.span.doc
    if i >= view.end or view.lower(i) not in ("for", "of"):
        return None
    j = i + 1
    while j < view.end and _run_word(view, j):
        j += 1
    while j > i + 1 and (view.lower(j - 1) in ("and", "&") or view.ent_at(j - 1) is not None):
        j -= 1  # "… Stéphane Séjourné and Kazakhstan's minister": the run ends at the name
    if j > i + 1 and j + 1 < view.end and doc[j].text == ",":
        # "Minister of Solid Minerals Development, Dr. Dele Alake": the run is the portfolio
        # and the name stands in apposition after the comma (an abbreviation before it is
        # an honorific)
        k = j + 1
        if doc[k].text.endswith(".") and len(doc[k].text) <= 5 and doc[k].is_title:
            k += 1
        after = _name_after(view, k)
        if after is not None and after[1] - after[0] >= 2:
            return after
    if j - (i + 1) < 3:
        return None
    if not all(name_token(doc[k]) and view.ent_at(k) is None for k in (j - 2, j - 1)):
        return None
    # the portfolio ends at its last plural noun or at the word after its last "and":
    # "Energy and Mines | Yamila Ortega Fuentes", "Mineral Resources | Tariq Javed Sheikh"
    tail = max(
        (k for k in range(i + 2, j) if doc[k].tag_ == "NNPS" or view.lower(k - 1) in ("and", "&")),
        default=-1,
    )
    first = tail + 1 if tail > 0 and 2 <= j - (tail + 1) <= 3 else j - 2
    end = j
    while (  # "… Mining Affairs Khalid Al-Mudaifer", "… for Trade Han Jun-seok"
        end + 1 < view.end
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    return (first, end)


def _name_before(view: SentenceView, i: int) -> tuple[int, int] | None:
    doc = view.span.doc
    j = i
    while j > view.start and i - j < 3 and name_token(doc[j - 1]):
        j -= 1
    if i - j > 2 and ends_title(doc, j):
        j += 1  # "Secretary of the Interior Doug Burgum, chairman of …"
    return (j, i) if j < i else None


def _org_after_of(view: SentenceView, i: int) -> Ent | None:
    if i < view.end and view.lower(i) == "of":
        for ent in view.actors_after(i + 1):
            if ent.start - i <= 4:
                return ent
    return None


def _person(
    view: SentenceView,
    start: int,
    end: int,
    out: list[Frame],
    owner: str | None,
) -> str | None:
    """The slug of the person named at tokens ``start:end``; a new-entity frame if unknown."""
    linked = view.ent_at(start)
    if linked is not None:
        return linked.slug if linked.type == "Person" else None
    doc = view.span.doc
    for span in doc.spans.get("ner", []):  # the model's name, when it ends here
        if span.label_ == "PERSON" and span.end == end and span.end - span.start >= 2:
            first = span.start
            while first < start and (not name_token(doc[first]) or ends_title(doc, first)):
                first += 1  # never over a title: "Treasurer Jim Chalmers", "of Mining Aurora"
            widens = (
                start - 3 < first < start
                and all(name_token(doc[k]) for k in range(first, start))
                and doc[first - 1].lower_ not in ("and", "&")  # "Energy and Mines Yamila …"
            )
            if widens or first > start:
                start = first
    if end - start < 2:
        return None
    name = view.text_of(start, end)
    slug = slugify(name)
    props = {"jurisdiction": [owner]} if owner else {}
    out.append(Frame("Person", slug, props, 0.7, name, node=slug, span=(start, end)))
    return slug


def _role(view: SentenceView, person: str, title: str, org: Ent | None, out: list[Frame]) -> None:
    props = {"roleOf": [person]}
    if org is not None:
        props["roleIn"] = [org.slug]
    # the key dedupes a role within the article; the node stays the candidate id so that
    # machine roles never collide with curated role nodes or with other articles
    out.append(Frame("Role", slugify(f"{person} {title}"), props, 0.7, title))


def title_frames(view: SentenceView, start: int, end: int) -> list[Frame]:
    """Roles and new people around a title word at tokens ``start:end``."""
    out: list[Frame] = []
    doc = view.span.doc
    # the title phrase extends left over capitalised modifiers ("Treasury", "Economy")
    first = start
    while first > view.start and first - start > -3:
        prev = doc[first - 1]
        if (  # "Executive Vice-President": over a hyphen that joins two title words
            prev.text == "-"
            and first - 2 >= view.start
            and not prev.whitespace_
            and not doc[first - 2].whitespace_
            and doc[first - 2].is_title
        ):
            first -= 2
            continue
        if not (
            prev.is_title
            and not prev.is_stop  # "During Minister X": a capitalised word, no modifier
            and (prev.lower_ not in NOT_NAME or prev.lower_ in GOV_TAILS)
            and view.ent_at(first - 1) is None
        ):
            break
        first -= 1
    if end < view.end and doc[end].lower_ == "general":
        end += 1  # "director general", "secretary general"
    elif first == start and first > view.start and doc[first - 1].lower_ == "general":
        first -= 1  # "general manager"
    org = view.ent_at(first - 1) if first > view.start else None
    if org is not None and _holds_posts(org):
        first = org.start
    else:
        org = view.ent_at(start - 1) if start > view.start else None
        org = org if org is not None and _holds_posts(org) else None
    keep_org = org is not None and org.type == "GovernmentBody" and org.end == start
    title = _POSSESSIVE.sub("", view.text_of(first if org is None or keep_org else org.end, end))
    if org is None:
        org = _org_after_of(view, end)
    country = org if org is not None and org.type == "Country" else country_near(view, first)
    owner = country.slug if country else None
    name = _name_after(view, end) or _name_in_run(view, end)
    if name is None and _described(doc, first, view.start) and end + 1 < view.end:
        # "Its chief executive, Reto Imboden": the name in apposition after the title
        after = _name_after(view, end + 1) if doc[end].text == "," else None
        name = after if after is not None and after[1] - after[0] >= 2 else None
    if name is not None:
        if name[0] > end:
            title = view.text_of(first, name[0]).strip(" ,")
            head, comma, tail = title.rpartition(",")
            if comma and len(tail.split()) <= 1:  # "…, Dr. Dele Alake": the honorific
                title = head
        person = _person(view, *name, out, owner)
        if person:
            _role(view, person, title or view.text_of(start, end), org or country, out)
        return out
    # apposition: NAME, (the US special) TITLE (of ORG) / NAME—TITLE of ORG
    k = first - 1
    while k > view.start and first - k <= 4 and doc[k].text not in APPOSITION:
        k -= 1
    if k >= view.start and doc[k].text in APPOSITION:
        between = [e for e in view.actors() if k < e.start < first and e.type != "Person"]
        org = org or (between[0] if between else None)
        linked = view.ent_at(k - 1)
        span = (linked.start, linked.end) if linked else _name_before(view, k)
        if span is not None and (linked is None or linked.type == "Person"):
            person = _person(view, *span, out, owner)
            if person:
                label = view.text_of(_rank_before(view, start), _portfolio_end(view, end))
                _role(view, person, label, org or country, out)
    return out


_RANK_WORDS = ("deputy", "vice", "acting", "assistant")


def _rank_before(view: SentenceView, start: int) -> int:
    """The start of a title with the rank before it: "deputy minister"."""
    doc = view.span.doc
    return start - 1 if start > view.start and doc[start - 1].lower_ in _RANK_WORDS else start


def _portfolio_end(view: SentenceView, end: int) -> int:
    """The end of a title with the lowercase portfolio after it, up to the country or the
    punctuation after it: "minister of industry and construction (of Kazakhstan)"."""
    doc = view.span.doc
    if end >= view.end or doc[end].lower_ not in ("of", "for") or view.lower(end - 1) != "minister":
        return end
    if end + 1 < view.end and doc[end + 1].lower_ == "state":
        return end  # "minister of state for …": a rank, no ministry
    k = end + 1
    while k < view.end and view.ent_at(k) is None:
        word = doc[k].is_lower and doc[k].is_alpha and doc[k].lower_ not in ("of", "the", "for")
        listed = (  # "industries, mines and energy"; not ", accusing him"
            doc[k].text == "," and k + 1 < view.end and doc[k + 1].pos_ in ("NOUN", "PROPN")
        )
        if not (word or listed):
            break
        k += 1
    while k > end + 1 and doc[k - 1].lower_ in (",", "and"):
        k -= 1
    return k if k > end + 1 else end


# the possessive left of a title after its organisation ("Belaruskali's director"); a
# character strip would eat the first letter of "secretary general"
_POSSESSIVE = re.compile(r"^\s*['’]s\b\s*|^\s+|\s+$")


def _holds_posts(ent: Ent) -> bool:
    """An organisation, a country or a region ("Catamarca Governor") a title before a name
    may be held in; not a person."""
    return (ent.is_actor and ent.type != "Person") or ent.type == "Region"


def _described(doc: Doc, first: int, floor: int) -> bool:
    """The title is a description with a determiner or possessor: "its chief executive",
    "the company's chairman" (not a bare title word in a running clause)."""
    if first <= floor:
        return False
    prev = doc[first - 1]
    return prev.lower_ in ("its", "their", "the", "his", "her") or prev.tag_ == "POS"


def actor_frames(view: SentenceView, matches: list[tuple[str, int, int]]) -> list[Frame]:
    out: list[Frame] = []
    covered: set[int] = set()
    ordered = sorted(matches, key=lambda m: (m[0] != "GOV_HEAD", m[1]))
    for label, start, end in ordered:
        if label == "TITLE":
            out.extend(title_frames(view, start, end))
        elif label in ("GOV_HEAD", "ORG_TAIL", "REGION_TAIL", "PROJECT_TAIL"):
            if covered & set(range(start, end)):
                continue
            found = org_frames(view, label, start, end)
            for frame in found:
                if frame.span:
                    covered.update(range(*frame.span))
            out.extend(found)
    for label, start, end in ordered:
        if label == "LOCATION" and not covered & set(range(start, end)):
            out.extend(location_frames(view, start, end))
        elif label == "SUCH_AS":
            out.extend(example_frames(view, end))
        elif label == "ORG_INTRO" and not covered & set(range(start, end)):
            out.extend(introduced_org_frames(view, end))
    keys = unique([f"{f.type}|{f.key}" for f in out])
    return [next(f for f in out if f"{f.type}|{f.key}" == k) for k in keys]
