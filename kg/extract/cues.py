"""Cue words shared by the new-entity finders (``actors``, ``organisations``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.capitals import CAPITAL_NAMES
from kg.extract.spans import DEMONYMS, Ent, SentenceView

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TITLES = (
    "president",
    "treasurer",
    "chief",
    "sen.",
    "senator",
    "lawmaker",
    "minister",
    "secretary",
    "chancellor",
    "ceo",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "governor",
    "senator",
    "ambassador",
    "commissioner",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "envoy",
    "premier",
    "head",
    "founder",
    "manager",
    "adviser",
    "advisor",
    "mayor",
)
TWO_WORD_TITLES = (
    ("chief", "executive"),
    ("prime", "minister"),
    ("vice", "president"),
    ("managing", "director"),
)
GOV_HEADS = (
    "ministry",
    "department",
    "directorate",
    "authority",
    "agency",
    "commission",
    "secretariat",
    "office",
    "bureau",
    "council",
    "organization",
    "organisation",
)
GOV_TAILS = (
    "ministry",
    "department",
    "agency",
    "commission",
    "council",
    "bureau",
    "office",
    "authority",
    "parliament",
)
COMPANY_TAILS = (
    "corp",
    "corp.",
    "corporation",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "limited",
    "group",
    "holdings",
    "mining",
    "minerals",
    "resources",
    "metals",
    "materials",
    "plc",
    "co.",
    "company",
)
REGION_TAILS = (
    "province",
    "region",
    "oblast",
    "territory",
    "island",
    "islands",
    "peninsula",
    "basin",
    "county",
)
# head nouns of a mining, processing or infrastructure project (the ontology's Project)
PROJECT_TAILS = (
    "mine",
    "mines",
    "deposit",
    "deposits",
    "project",
    "projects",
    "refinery",
    "refineries",
    "smelter",
    "smelters",
    "corridor",
)


def project_name(name: str, tail: str) -> str:
    """A project's name with its lowercase tail, registry style ("Twin Metals project",
    "Dobra deposit", "Eneabba refinery"); "the Kamoto and Mutanda mines" names the Kamoto
    mine."""
    tail = tail.lower()
    if tail.endswith("ies"):
        return f"{name} {tail[:-3]}y"
    singular = tail[:-1] if tail.endswith("s") else tail
    return f"{name} {singular}"


ORGANIZATION_TAILS = (
    "organization",
    "organisation",
    "association",
    "alliance",
    "institute",
    "forum",
    "bank",
    # collective bodies: "American Active Anode Material Producers", "Cobalt Institute"
    "coalition",
    "council",
    "federation",
    "consortium",
    "chamber",
    "producers",
    "foundation",
)
# words that open a noun phrase and are capitalised only at a sentence start ("Few Western
# mining companies"): never the first word of a name
QUANTIFIERS = (
    "few",
    "many",
    "most",
    "some",
    "several",
    "all",
    "both",
    "other",
    "such",
    "each",
    "every",
    "any",
    "no",
    "more",
    "fewer",
    "various",
    "numerous",
)
# legal-form suffixes left out of a company's slug (an "LLC" subsidiary keeps its own)
# left out of a company's slug ("Cornish Lithium Ltd" is cornish-lithium); "Corp",
# "Corporation", "GmbH", "LLC" stay, as news names the company with them ("PVH Corp.");
# the parent's public-company forms of Europe and Asia go too ("Schaeffler AG", "Keliber Oy")
LEGAL_SUFFIXES = (
    "ltd",
    "inc",
    "plc",
    "limited",
    "incorporated",
    "pty",
    "ag",
    "oy",
    "oyj",
    "sa",
    "nv",
    "spa",
    "ab",
    "asa",
    "tbk",
    "bhd",
    "saog",  # Oman's public joint-stock company
    "saoc",
    "jsc",
    "pjsc",
)
LOCATION_PREPOSITIONS = ("in", "near", "across", "outside")
# trade-press delivery terms name a place: "cif Rotterdam", "in-whs Rotterdam", "fob China"
DELIVERY_TERMS = ("cif", "fob", "cfr", "whs", "exw", "ddp", "dap")
# capitals that the registry lists as a country's (or the EU's) other name: after "in"
# ("met in Tokyo") the city is the place where it happened, besides the metonym
CAPITALS = CAPITAL_NAMES  # every country's capital (kg/extract/capitals.py)
NOT_PLACE_TAILS = (
    "act",
    "law",
    "treaty",
    "agreement",
    "programme",
    "program",
    "fund",
    "plan",
    "initiative",
    "strategy",
    "office",
    "house",
    "summit",
    "forum",
)
PARTICLES = (
    "von",
    "van",
    "der",
    "den",
    "de",
    "del",
    "della",
    "da",
    "dos",
    "du",
    "la",
    "le",
    "bin",
    "al",
    "ibn",
)
APPOSITION = (",", "—", "–", "-")
NOT_NAME = {
    *TITLES,
    "chief",
    "executive",
    "officer",
    "the",
    "of",
    "and",
    "for",
    "in",
    "on",
    *GOV_TAILS,
    *DEMONYMS,
    "president",
    "minister",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "us",
    "u.s.",
}


NAME_SUFFIXES = ("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV")  # "Ferdinand Marcos Jr."


def ends_title(doc: Doc, i: int) -> bool:
    """Token ``i`` closes a title rather than starting a name: a title word
    ("Treasurer Jim Chalmers") or the portfolio after "<title> of/for (the)" ("Secretary of
    the Interior Doug Burgum", "Minister for Trade Anna Berg")."""
    if doc[i].lower_ in TITLES:
        return True
    k = i - 1
    while k > 0 and doc[k].lower_ in ("the", "'s", "’s"):
        k -= 1
    return k > 0 and doc[k].lower_ in ("of", "for") and doc[k - 1].lower_ in TITLES


def name_token(token: Token) -> bool:
    return (token.is_title or token.is_upper) and token.is_alpha and (token.lower_ not in NOT_NAME)


def country_near(view: SentenceView, start: int) -> Ent | None:
    """A country (possessive or nationality adjective) right before ``start``, or one word
    before it ("the US special envoy"); not one that ends a clause before a comma ("…
    outside China, Mining Minister X said")."""
    doc = view.span.doc
    for ent in view.ents:
        gap = start - ent.end
        if ent.type == "Country" and (gap == 0 or (gap == 1 and not doc[ent.end].is_punct)):
            return ent
    return None
