"""Names built around a description: companies named after a resource and projects
named with their resource.

* Companies (:func:`resource_companies`): a capitalised resource word inside a run of
  capitalised words is part of a company's name, not a mention of the resource ("Tungsten
  West", "Meridian Rare Earths Ltd.", "Lithium Americas"); a legal suffix closes the name
  and is left out of the slug, as in ``kg.extract.organisations``.
* Collectives (:func:`collective_companies`): a country and a plural noun for companies
  ("American producers", "U.S. battery and defense makers", "American fertiliser companies")
  are the registry's collective entity of that country's companies, if it has one.
* Projects (:func:`described_projects`): a name, up to four lowercase words ("hard-rock
  lithium", "tungsten") and a project word name a project, registry style ("Trelavour
  project", "Hemerdon mine").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.cues import LEGAL_SUFFIXES, PROJECT_TAILS, name_token, project_name
from kg.extract.spans import Ent, Frame, is_headline
from kg.rdf.terms import slugify

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from kg.extract.gazetteer import Registry

# suffixes that close a company name (the slug keeps those not in LEGAL_SUFFIXES: GmbH, LLC)
CORPORATE_SUFFIXES = frozenset(
    {*LEGAL_SUFFIXES, "corp", "corporation", "co", "gmbh", "llc", "se", "bv"}
)
_MAX_WORDS = 3


def _suffix(doc: Doc, i: int) -> bool:
    return doc[i].lower_.rstrip(".") in CORPORATE_SUFFIXES and doc[i].text[:1].isupper()


def _free(ents: list[Ent], i: int) -> bool:
    return not any(e.start <= i < e.end for e in ents)


def resource_companies(sent: Span, ents: list[Ent]) -> tuple[list[Ent], list[Frame]]:
    """``ents`` without resource links that are part of a company name; the companies."""
    doc = sent.doc
    if is_headline(sent):
        return ents, []
    drop: list[Ent] = []
    frames: list[Frame] = []
    for ent in ents:
        if not ent.is_resource or not doc[ent.start].text[:1].isupper():
            continue
        first = ent.start
        while (
            first > sent.start
            and ent.start - first < _MAX_WORDS
            and name_token(doc[first - 1])
            and _free(ents, first - 1)
        ):
            first -= 1
        last = ent.end
        while (
            last < sent.end
            and last - ent.end < _MAX_WORDS
            and (name_token(doc[last]) or _suffix(doc, last))
            and _free(ents, last)
        ):
            last += 1
            if _suffix(doc, last - 1):
                break
        if first == ent.start and last == ent.end:
            continue  # a capitalised resource on its own ("Lithium prices rose")
        if first == sent.start and doc[first].pos_ != "PROPN":
            continue  # a capitalised first word of the sentence is not a name by itself
        end = last
        if end - first > 1 and doc[end - 1].lower_.rstrip(".") in LEGAL_SUFFIXES:
            end -= 1  # "Meridian Rare Earths Ltd." is meridian-rare-earths
        label = doc[first:last].text
        slug = slugify(doc[first:end].text)
        drop.append(ent)
        kind = "StateEntity" if state_owned(sent, first, last) else "Company"
        frames.append(Frame(kind, slug, {}, 0.5, label, node=slug, span=(first, last)))
    return [e for e in ents if e not in drop], frames


def based_places(sent: Span, ents: list[Ent], taken: set[int]) -> list[Frame]:
    """ "a Lubumbashi-based trader": the capitalised word before "-based" is a place."""
    doc = sent.doc
    frames: list[Frame] = []
    for i in range(sent.start, sent.end - 2):
        based = doc[i + 1].text == "-" and doc[i + 2].lower_ == "based"
        if not based or not doc[i].is_title or not doc[i].is_alpha or i in taken:
            continue
        if _free(ents, i) and not doc[i].whitespace_:
            slug = slugify(doc[i].text)
            frames.append(Frame("Place", slug, {}, 0.4, doc[i].text, node=slug, span=(i, i + 1)))
    return frames


def described_projects(sent: Span, ents: list[Ent], taken: set[int]) -> list[Frame]:
    """Projects named as "<Name> <lowercase description> <project word>"."""
    doc = sent.doc
    frames: list[Frame] = []
    if is_headline(sent):
        return frames
    for k in range(sent.start + 2, sent.end):
        if doc[k].lower_ not in PROJECT_TAILS or not doc[k].is_lower:
            continue
        j = k
        while j > sent.start and k - j < 4 and (doc[j - 1].is_lower or doc[j - 1].text == "-"):
            if doc[j - 1].is_stop or (doc[j - 1].is_punct and doc[j - 1].text != "-"):
                break
            j -= 1
        if j == k:
            continue  # "<Name> mine": the organisation cues have it
        first = j
        while (
            first > sent.start
            and j - first < _MAX_WORDS
            and name_token(doc[first - 1])
            and _free(ents, first - 1)
            and first - 1 not in taken
        ):
            first -= 1
        if first == j or (first == sent.start and doc[first].pos_ != "PROPN"):
            continue
        label = project_name(doc[first:j].text, doc[k].text)
        slug = slugify(label)
        frames.append(Frame("Project", slug, {}, 0.5, label, node=slug, span=(first, j)))
    return frames


def apposition(sent: Span, span: Span) -> range:
    """The tokens of an apposition right after ``span`` (", one of China's largest
    producers", ", the export arm of Russia's Rosatom"): up to a verb or punctuation."""
    doc, i = sent.doc, span.end
    if i >= sent.end or doc[i].text != ",":
        return range(0)
    j = i + 1
    while j < sent.end and j - i <= 10:
        token = doc[j]
        if token.pos_ in ("VERB", "AUX") or (token.is_punct and token.text not in ("'s", "’s")):
            break
        j += 1
    return range(i + 1, j)


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _state_word(doc: Doc, i: int) -> bool:
    """``doc[i]`` is "state" as in state ownership ("state-owned", "the Finnish state"),
    not a federal state ("the state of Nevada", "the State Department")."""
    token = doc[i]
    return (
        token.lower_ in ("state", "state-owned", "state-run", "government-owned")
        and token.is_lower
        and not (i + 1 < len(doc) and doc[i + 1].lower_ == "of")
    )


def state_owned(sent: Span, start: int, end: int) -> bool:
    """The organisation named at ``start:end`` is said to be the state's: "state" in the
    lowercase words right before it ("state miner Almalyk MMC", "state-owned Codelco",
    "state lender KEXIM") or in an apposition after it ("Finnish Minerals Group, the holding
    company of the Finnish state"; "X, the state potash producer")."""
    doc = sent.doc
    k = start - 1
    while k >= sent.start and start - k <= 3 and (doc[k].is_lower or doc[k].text == "-"):
        if _state_word(doc, k):
            return True
        k -= 1
    inside = range(0)
    if end < sent.end and doc[end].text == ",":  # up to a finite verb or punctuation
        j = end + 1
        while j < sent.end and j - end <= 12:
            if doc[j].tag_ in _FINITE or (doc[j].is_punct and doc[j].text not in ("'s", "’s")):
                break
            j += 1
        inside = range(end + 1, j)
    of = next((j for j in inside if doc[j].lower_ == "of"), inside.stop)
    for j in inside:
        # the apposition's head ("the state potash producer") or the owner closing its
        # "of" phrase ("… of the Finnish state"); not a word inside it ("the export arm
        # of Russia's state nuclear corporation Rosatom" is Rosatom's)
        closes = j + 1 >= sent.end or not (doc[j + 1].is_alpha and doc[j + 1].lower_ != "and")
        if _state_word(doc, j) and (j < of or closes):
            return True
    return False


# plural nouns that name a country's companies as a group (not "buyers", "customers" or
# "importers": "banned shipments to American buyers" targets the country, the market)
_COLLECTIVE_NOUNS = frozenset(
    {
        "companies",
        "firms",
        "producers",
        "manufacturers",
        "makers",
        "automakers",
        "carmakers",
        "utilities",
        "investors",
        "miners",
        "refiners",
        "exporters",
        "suppliers",
        "businesses",
        "groups",
    }
)
_MAX_MODIFIERS = 4  # "American defense and battery makers"


def collective_companies(sent: Span, ents: list[Ent], registry: Registry) -> list[Ent]:
    """``ents`` with each country that opens a plural noun for companies replaced by the
    registry's collective entity of its companies (:meth:`Registry.companies_of`)."""
    doc = sent.doc
    out: list[Ent] = []
    for ent in ents:
        slug = registry.companies_of(ent.slug) if ent.type == "Country" else None
        noun = None
        for k in range(ent.end, min(sent.end, ent.end + _MAX_MODIFIERS + 1)) if slug else ():
            word = doc[k]
            if not _free(ents, k):
                break
            if word.lower_ in _COLLECTIVE_NOUNS:
                noun = k
                break
            if not ((word.is_lower and word.is_alpha) or word.text in (",", "-")):
                break
        if slug and noun is not None:
            out.append(Ent(slug, "Company", ent.start, noun + 1, doc[ent.start : noun + 1].text))
        else:
            out.append(ent)
    return out
