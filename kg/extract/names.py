"""Names from the model's NER: whole-name linking and new typed entities.

* Whole names: a registry match inside a longer name the model found is dropped when the
  name's last word is not itself part of a registry match ("London" in "London Metal
  Exchange", "USA" in "Lynas USA LLC"); "US Department of Energy" keeps its links.
* New entities: a PERSON, ORG, GPE, LOC or FAC name that nothing links becomes a typed
  candidate (Person; Company, GovernmentBody or Organization by its words; Place), with
  the slug of its name ("the" and a possessive "'s" left out). A one-word person name
  is the surname of a person named earlier in the article, or nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.cues import (
    COMPANY_TAILS,
    GOV_HEADS,
    GOV_TAILS,
    LEGAL_SUFFIXES,
    ORGANIZATION_TAILS,
    PROJECT_TAILS,
    REGION_TAILS,
    TITLES,
    ends_title,
    project_name,
)
from kg.extract.spans import Ent, Frame, is_headline
from kg.rdf.terms import slugify

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

NER_TYPES = {
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
_ORG_WORDS = {*ORGANIZATION_TAILS, "exchange", "fund", "intelligence", "research", "bank"}
_INNER = {"of", "for", "and", "the", "&", "de", "du", "des", "von", "van", "der", "la", "le"}
_SKIP_WORDS = {"the", "a", "an", "'s", "’s"}
_NOT_NAMES = {
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
        if end > start:
            out.append(sent.doc[start:end])
            out[-1].label_ = span.label_
    return out


def whole_names(linked: list[Ent], names: list[Span]) -> list[Ent]:
    """``linked`` without matches that are only part of a longer, unlinked name."""
    keep: list[Ent] = []
    for ent in linked:
        inside = [
            n
            for n in names
            if n.start <= ent.start
            and ent.end <= n.end
            and (n.end - n.start) > (ent.end - ent.start)
            and n.label_ in ("ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT")
        ]
        part = any(
            not any(o.start <= n.end - 1 < o.end for o in linked if o is not ent)
            and not (ent.start <= n.end - 1 < ent.end)
            for n in inside
        )
        if not part:
            keep.append(ent)
    return keep


def _is_title(token: Token) -> bool:
    return token.lower_ in TITLES or token.lower_ in ("prime", "managing", "deputy", "vice")


def _in_title(span: Span) -> bool:
    """The first word of a person's name the model found closes a title (:func:`ends_title`)
    and is not part of the name."""
    return _is_title(span[0]) or (span.end - span.start >= 3 and ends_title(span.doc, span.start))


def _org_type(words: list[str]) -> str:
    lowered = [w.lower() for w in words]
    if lowered[-1] in _COMPANY_WORDS or "corp" in lowered[-1]:
        return "Company"
    if any(w in _GOV_WORDS for w in lowered):
        return "GovernmentBody"
    if any(w in _ORG_WORDS for w in lowered):
        return "Organization"
    return "Organization"


def name_frames(
    sent: Span, ents: list[Ent], taken: set[int], people: dict[str, str]
) -> tuple[list[Frame], list[Ent]]:
    """New-entity frames for unlinked model names; and surnames linked to earlier people.

    ``taken`` holds token indices other cues already named; ``people`` maps the surname
    of every person named so far in the article to its slug (updated here)."""
    frames: list[Frame] = []
    linked: list[Ent] = []
    if is_headline(sent):
        return frames, linked  # Title Case: the model sees names everywhere
    for span in ner_spans(sent):
        kind = NER_TYPES.get(span.label_)
        tokens = range(span.start, span.end)
        if kind is None or any(i in taken for i in tokens):
            continue
        if any(e.start < span.end and span.start < e.end for e in ents):
            continue
        if kind == "Organization" and span.end < sent.end and _is_title(sent.doc[span.end]):
            continue  # "Commerce Secretary", "Trade Minister": part of a title
        while kind == "Person" and span.end - span.start > 1 and _in_title(span):
            span = span[1:]  # "Treasurer Jim Chalmers": the title is not the name
        words = [t.text for t in span if not t.is_punct or t.text in ("&", ".")]
        if not words or words[0].lower() in _NOT_NAMES:
            continue
        if len(words) == 1 and words[0] in people:  # "Lacaze told analysts" (tagged ORG)
            linked.append(Ent(people[words[0]], "Person", span.start, span.end, span.text))
            continue
        if any(not w[:1].isupper() and not w[:1].isdigit() and w not in _INNER for w in words):
            continue  # "A ministry agency": not a name
        after = sent.doc[span.end].lower_ if span.end < sent.end else ""
        if after in REGION_TAILS:
            kind = "Region"  # "Central Sulawesi province"
        elif after in PROJECT_TAILS:
            kind = "Project"
        if kind == "Person":
            if len(words) == 1:
                slug = people.get(words[0])
                if slug:
                    linked.append(Ent(slug, "Person", span.start, span.end, span.text))
                continue
            if any(not w[:1].isupper() for w in words):
                continue
            people.setdefault(words[-1], slugify(span.text))
        elif kind == "Organization":
            kind = _org_type(words)
        prefix = ""
        if kind == "GovernmentBody":  # registry style: "Indonesia's Ministry of …" -> indonesia-…
            country = next(
                (e for e in ents if e.type == "Country" and 0 <= span.start - e.end <= 1), None
            )
            if country is not None:
                prefix = "us" if country.slug == "united-states" else country.slug
        if kind == "Company" and len(words) > 1 and words[-1].lower().rstrip(".") in LEGAL_SUFFIXES:
            words = words[:-1]  # "Cornish Lithium Ltd" is cornish-lithium
        label = span.text
        if kind == "Project":  # registry style: "Twin Metals project"
            label = project_name(" ".join(words), after)
            words = label.split()
        slug = slugify(" ".join([prefix, *words]))
        if not slug:
            continue
        frames.append(Frame(kind, slug, {}, 0.5, label, node=slug, span=(span.start, span.end)))
    return frames, linked
