"""Event frames: Proposals, Measures, Meetings, Agreements and Dependencies.

Trigger words are spaCy ``Matcher`` patterns (verb forms as regular expressions, since a
blank pipeline has no lemmatiser); a builder then fills the frame's roles from the
registry entities of the sentence:

* Proposal (propose, offer, suggest, dangle, invite, "open to working with", "willing to
  supply"; and requests made to a counterparty to change a measure or open trade: "asked
  Lithuania to reopen the port", see :func:`request_frame`): ``proposedBy`` = the
  parsed subject of the trigger, a proposal noun's possessor or its light verb's subject
  ("made a similar offer"), else the actor before the trigger (or "he"/"they" resolved to
  the last person/group, "the company" to the company named last), ``proposedTo`` = the
  addressee the parse gives (indirect object, "to X" with its coordinated "to" phrases,
  the one asked, "applied to X for a waiver", "sought relief from X", "a partnership with
  X", a nation's companies as the nation), else the actors after the trigger not of the
  proposer's own country, else, for a foreign actor's offer to do something ("offered to
  finance a plant"), the country the article is about; ``concernsResource`` (for a
  request that names none, the resources of the measure of the one asked),
  ``concernsPlace``, ``condition`` = the
  "if …" / "conditional on …" / "in exchange for …" clause. One's own policy proposed to
  nobody ("proposed a levy") is no proposal; a second offer to another counterparty is a
  second proposal.
* Measures (Sanction, Tariff, ExportControl, ImportBan, SupportMeasure): triggers by
  lemma and roles from the dependency parse, see ``kg.extract.measures``.
* Meeting (met, meeting, talks, summit, visit) and Agreement (signed, agreement, deal,
  accord, pact, memorandum, partnership): ``participant`` = the actors of the sentence
  except places of the meeting ("in Saudi Arabia", "at the White House"); two sides at
  least, and an agreement noun needs a signing verb ("signed/reached a deal", not "the
  deal sent a signal" or "interested in a partnership") or a possessor and a with-side
  ("its supply agreement with X"), and a joint venture needs its sides in its phrase ("a
  joint venture between X and Y"); talking with a named side is a meeting ("discussed the
  refinery with X"), and so is receiving a person or a delegation ("received the
  ambassador"); a bloc whose members adopt a joint text ("G7 leaders endorsed the
  Action Plan") is an agreement of one participant. "Signed a contract with X" takes
  the sides of the signed object's with-phrase; a bare plural subject ("the two
  ministers agreed", "the two ministries signed") is the sides of the article's latest
  meeting or agreement (its people for a plural of people, else its bodies).
* Every event gets a ``modality`` (``kg.extract.syntax``); hypothetical and denied events
  are left out, except restrictive measures (``kg.extract.measures``: kept with that
  modality, and not remembered as measures in force for the sentences that follow).
* Dependency ("relies on", "dependent on … for processing"; a sourcing verb with a share
  word and a "from" supplier: "imports nearly all of its lithium … from China", the
  dependent then only the verb's parsed subject): ``dependent``, ``dependsOn``,
  ``forActivity``, ``concernsResource``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from kg.extract.attribution import asked, speaker_of_title
from kg.extract.coref import anaphora
from kg.extract.cues import TITLES
from kg.extract.dates import date_for
from kg.extract.hedges import conditional
from kg.extract.measures import (
    EQUITY,
    EXPORT,
    IMPORT,
    LIFTING,
    MEASURE_WORDS,
    STRONG_BAN,
    SUPPORT,
    SUPPORT_MONEY,
    default_beneficiaries,
    find_triggers,
    measure_frame,
    phrase_actors,
)
from kg.extract.quantities import DateMention, Quantity
from kg.extract.spans import (
    Context,
    Frame,
    SentenceView,
    names_of,
    owner,
    places,
    resources,
    subject,
    type_of,
    unique,
)
from kg.extract.speaker import first_person_side
from kg.extract.syntax import governor, modality, subjects

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Token

MEASURE_TYPES = ("Sanction", "Tariff", "ExportControl", "ImportBan", "SupportMeasure")
RESTRICTIVE = MEASURE_TYPES[:4]
EVENT_TYPES = ("Proposal", *MEASURE_TYPES, "Claim", "Meeting", "Agreement")

_DETERMINERS = (
    "'s",
    "’s",
    "the",
    "an",
    "a",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "any",
    "such",
)
_CONDITIONS = ("if", "provided", "unless", "conditional", "conditioned", "contingent")
_VERB_CUES = (
    "he",
    "she",
    "it",
    "they",
    "to",
    "will",
    "would",
    "could",
    "may",
    "might",
    "also",
    "has",
    "have",
    "had",
    "and",
    "then",
    "now",
    "who",
    "which",
    "that",
)
_GATHERING_NOUNS = (
    "meeting",
    "meetings",
    "talks",
    "summit",
    "deal",
    "deals",
    "agreement",
    "agreements",
    "accord",
    "pact",
    "partnership",
    "memorandum",
)
_MODALS = ("would", "could", "might", "may", "if", "any")


def _conditional_offer(frame: Frame, view: SentenceView) -> bool:
    """An offer made on a condition ("offered to build a refinery if the government lifts
    the block") is still an offer made: kept, as hypothetical."""
    if frame.type != "Proposal" or frame.modality not in ("asserted", "hypothetical"):
        return False
    if frame.anchor < 0:
        return False
    return conditional(view.span.doc[frame.anchor])


def _regex(pattern: str) -> dict[str, Any]:
    return {"LOWER": {"REGEX": pattern}}


def add_frame_patterns(matcher: Matcher) -> None:
    matcher.add(
        "PROPOSAL_VERB",
        [
            [
                _regex(
                    r"^(propos(e|es|ed|ing)|offer(s|ed|ing)?|suggest(s|ed|ing)?|dangl(e|es|ed|ing)"
                    r"|pitch(es|ed|ing)?|invit(e|es|ed|ing)|floated)$"
                )
            ],
            [_regex(r"^hint(s|ed|ing)?$"), {"LOWER": "at"}],
            [
                {"LOWER": "open"},
                {"LOWER": "to"},
                # "open to foreign partners", "open to an American partnership"
                {"POS": {"IN": ["DET", "ADJ", "PROPN"]}, "OP": "*"},
                # "open to discussing long-term supply", "open to a settlement"
                _regex(
                    r"^(work|cooperat|partner|collaborat|joint|invest|discuss|negotiat|talk"
                    r"|settle|deal|sell|suppl)"
                ),
            ],
            [
                _regex(r"^(willing|ready|prepared)$"),
                {"LOWER": "to"},
                # an offer to trade, supply, fund or build: "ready to restore supplies"
                _regex(
                    r"^(supply|sell|offer|work|invest|cooperate|partner|provide|open|restore"
                    r"|resume|deliver|ship|export|build|finance|fund|buy|purchase|develop"
                    r"|expand|increase|share|grant|give)$"
                ),
            ],
        ],
    )
    matcher.add("PROPOSAL_NOUN", [[_regex(r"^(proposals?|offers?|overtures?|requests?)$")]])
    # requests made to a counterparty: "asked Lithuania to reopen the port", "urged Japan
    # to …" (a request is a proposal made to the one asked; see :func:`request_frame`)
    matcher.add(
        "REQUEST",
        [
            [
                _regex(
                    r"^(ask(s|ed|ing)?|urg(e|es|ed|ing)|request(s|ed|ing)?|press(es|ed|ing)?"
                    r"|appl(y|ies|ied|ying)|seek(s|ing)?|sought|lobb(y|ies|ied|ying)"
                    r"|push(es|ed|ing)?|petition(s|ed|ing)?)$"
                )
            ],
            [_regex(r"^call(s|ed|ing)?$"), {"LOWER": "on"}],  # "called on Japan to lift …"
        ],
    )
    matcher.add("WAIVER", [[_regex(r"^waivers?$")]])
    matcher.add(
        "Meeting",
        [
            [_regex(r"^(met|meet|meets|meeting|meetings|talks|summit|visit(s|ed|ing)?|hosted)$")],
        ],
    )
    # talking with someone: "discussed the refinery with X", "spoke with X by video call"
    # (a meeting only with a "with" side, see :func:`gathering_frame`)
    matcher.add(
        "DISCUSSION",
        [
            [
                _regex(
                    r"^(discuss(es|ed|ing)?|spoke|speak(s|ing)?|talk(s|ed|ing)?|confer(s|red|ring)?)$"
                )
            ]
        ],
    )
    # an existing joint venture: "X's joint venture with Y", "a joint venture between X and
    # Y" (an Agreement only with its sides in the phrase, see :func:`gathering_frame`)
    matcher.add("VENTURE", [[{"LOWER": "joint"}, {"LOWER": {"IN": ["venture", "ventures"]}}]])
    # receiving a visitor: "the Minister received the ambassador" (a meeting only when the
    # object is a person or a delegation, see :func:`_receives_visitor`)
    matcher.add("RECEPTION", [[_regex(r"^receiv(e|es|ed|ing)$")]])
    matcher.add(
        "Agreement",
        [
            [
                _regex(
                    r"^(sign(s|ed|ing)?|agreements?|deals?|accords?|pacts?|memorandum|partnership"
                    r"|ink(s|ed)?|agreed|endors(e|es|ed|ing)|adopt(s|ed|ing)?)$"
                )
            ],
        ],
    )
    matcher.add(
        "Dependency",
        [
            [
                _regex(
                    r"^(rel(y|ies|ied|ying|iant|iance)|depend(s|ed|ing|ent|ence|ency|encies)?)$"
                ),
                {"POS": "ADV", "OP": "*"},  # "rely almost entirely on"
                _regex(r"^(on|upon)$"),
            ],
        ],
    )
    # sourcing verbs: "imports nearly all of its lithium … from China", "sources part of
    # its titanium from X" (a dependency only with a share word and a "from" supplier)
    matcher.add(
        "SOURCING",
        [
            [
                _regex(
                    r"^(import(s|ed|ing)?|sourc(e|es|ed|ing)|buy(s|ing)?|bought|purchas(e|es|ed|ing))$"
                )
            ]
        ],
    )


_BACK_PRONOUNS = ("it", "they", "we", "its", "their")


def _refers_to_earlier(token: Token) -> bool:
    """The trigger's subject is a pronoun or a definite noun ("it", "the group"): it names
    someone the article spoke of before."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "agent", "poss"):
            if child.lower_ in _BACK_PRONOUNS:
                return True
            if any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in child.children):
                return True
    # "its offer"
    return any(c.dep_ == "poss" and c.lower_ in _BACK_PRONOUNS for c in token.children)


_STATE_NOUNS = frozenset(("government", "state", "ministry", "administration", "authorities"))
_FIRM_NOUNS = frozenset(("company", "firm", "miner", "producer", "group", "refiner"))
_STATE_TYPES = frozenset(("Country", "GovernmentBody", "StateEntity"))
_FIRM_TYPES = frozenset(("Company", "StateEntity"))
_GIVING_TYPES = frozenset(("Country", "GovernmentBody"))  # a state-owned firm makes offers


def _fits_head(view: SentenceView, token: Token, slug: str) -> bool:
    """A definite subject ("the government", "the company") resolves only to an actor of
    its kind: a state noun never to a company, a firm noun never to a state."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    kind = type_of(view, slug) or next((e.type for e in view.ents if e.slug == slug), None)
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in _STATE_NOUNS and kind not in _STATE_TYPES:
                return False
            if child.lower_ in _FIRM_NOUNS and kind in _STATE_TYPES:
                return False
    return True


def _company_subject(view: SentenceView, token: Token, ctx: Context) -> str | None:
    """ "He said the company was open to partners": a definite firm noun as the trigger's
    subject is the company the article named last, not the speaker before it."""
    verb = token if token.pos_ in ("VERB", "AUX") else governor(token)
    verb = token.head if token.dep_ == "acomp" else verb  # "the company was open to …"
    for head in subjects(verb):
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children)
        if head.lower_ in _FIRM_NOUNS and definite:
            group = ctx.last_group  # a state-owned company is a company too
            firm = group if group and type_of(view, group) in _FIRM_TYPES else None
            return firm or ctx.last_company
    return None


# verbs whose object is the one asked or invited ("asked Lithuania to reopen the port")
_ASKING = frozenset(("ask", "urge", "request", "press", "invite", "call"))
_BUYING = frozenset(("buy", "purchase", "acquire"))


# nouns for the buyers, firms or partners of a nation ("Chinese and Russian companies",
# "American buyers"): the nation is the counterparty too
_RECIPIENTS = frozenset(
    (
        "company",
        "firm",
        "buyer",
        "investor",
        "partner",
        "customer",
        "producer",
        "utility",
        "importer",
        "refiner",
        "manufacturer",
        "maker",
        "group",
        "side",
    )
)
# verbs that make, present or repeat a proposal named by their object ("made a similar
# offer to Turkey", "presented Morocco's proposal for a partnership", "renewed his offer")
_LIGHT = frozenset(
    (
        "make",
        "present",
        "submit",
        "table",
        "renew",
        "repeat",
        "reiterate",
        "send",
        "deliver",
        "extend",
        "put",
        "unveil",
        "lay",
        "bring",
        "approve",  # "the Cabinet approved a request to the Government of X"
    )
)


_COOPERATING = frozenset(("work", "cooperate", "partner", "collaborate"))


def _light_verb(token: Token) -> Token | None:
    """The verb that makes the proposal noun ``token`` its object, if one does."""
    if token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in _LIGHT:
        return token.head
    return None


def _said_again(token: Token) -> bool:
    """A definite proposal noun that a light verb puts or a passive delivers ("the proposal
    was presented to a US delegation", "the request was delivered to the USTR"): the
    proposal the article reported, told again."""
    if token.pos_ != "NOUN":
        return False
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
    return definite and (_light_verb(token) is not None or token.dep_ == "nsubjpass")


def _indefinite_subject(token: Token) -> bool:
    """The trigger's subject is an indefinite noun phrase ("a Gulf-based trader")."""
    verb = token.head if token.dep_ in ("acomp", "amod") else token
    return any(
        c.dep_ == "det" and c.lower_ in ("a", "an")
        for head in (subjects(verb) if verb.pos_ in ("VERB", "AUX") else [])
        for c in head.children
    )


def _parsed_proposer(view: SentenceView, token: Token, ctx: Context) -> list[str]:
    """Who proposes, by the parse: the subjects of the trigger's verb (coordinated ones
    and a passive agent kept; "Toyota Tsusho has asked IREL … and has offered …" is Toyota
    Tsusho, not IREL), for an adjective ("ready to supply", "open to partners") its
    copula's, for a noun its possessor ("Morocco's proposal") or its light verb's subject
    ("Venezuela made a similar offer"). A pronoun counts only when the sentence names
    whom it stands for (a speaker: "X said it had offered"); else the caller's own
    context rules decide."""
    if token.pos_ in ("NOUN", "PROPN"):
        owners = [c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        light = _light_verb(token)
        heads = owners or (subjects(light) if light is not None else [])
    else:
        verb = token.head if token.dep_ in ("acomp", "amod") else token
        heads = subjects(verb)
    out: list[str] = []
    names = {e.slug for e in view.ents}
    for head in heads:
        side = first_person_side(view, head, ctx)  # "we" in a speaker's turn or quote
        found = [side] if side else _titled(view, head, ctx) or phrase_actors(view, head, ctx)
        nation = ctx.main_nation() if _home_government(view, head) else None
        found = [nation] if nation else found  # "The Cabinet approved a request to X"
        if head.pos_ == "PRON" and not side:
            found = [a for a in found if a in names]
        out += found
    return unique(out)


_HOME_GOVERNMENT = frozenset(("cabinet", "government"))


def _home_government(view: SentenceView, head: Token) -> bool:
    """ "The Cabinet", "the Government" with no nation named in the phrase: the
    government of the country the article is about (not the authority named last)."""
    if head.lemma_.lower() not in _HOME_GOVERNMENT or head.pos_ == "PRON":
        return False
    a, b = head.left_edge.i, head.right_edge.i
    return not any(a <= e.start <= b for e in view.ents)


def _titled(view: SentenceView, head: Token, ctx: Context) -> list[str]:
    """ "The Minister asked the American side …": a definite title noun that names no one
    in the sentence is the person the article named with that title (or last)."""
    if any(e.start <= head.i < e.end for e in view.ents):
        return []
    person = speaker_of_title(head, view, ctx)
    return [person] if person else []


_GOVERNMENTS = frozenset(("government", "authorities", "administration"))


def _government_in(view: SentenceView, head: Token) -> list[str]:
    """ "the government in Maputo", "the authorities in Niamey": the country whose seat
    (or name) the "in" phrase gives, not the country the article names most."""
    if head.lemma_.lower() not in _GOVERNMENTS:
        return []
    return [
        e.slug
        for g in _objects_of(head, "in")
        for e in view.ents
        if e.start <= g.i < e.end and e.type == "Country" and not e.demonym
    ][:1]


def _actors(view: SentenceView, head: Token, ctx: Context) -> list[str]:
    """The actors a phrase names (:func:`phrase_actors`), "we" and "us" the side their
    speaker speaks for (:mod:`kg.extract.speaker`), "the Minister" the person the article
    named with the title (:func:`_titled`)."""
    side = first_person_side(view, head, ctx)
    found = [side] if side else _titled(view, head, ctx) or _government_in(view, head)
    found = found or phrase_actors(view, head, ctx)
    if not found and head.lower_ == "them":  # "We told them …": the antecedent
        found = [e.slug for e in anaphora(view, ctx) if e.start == head.i]
    return found


def _recipient_nation(view: SentenceView, head: Token) -> list[str]:
    """ "Chinese and Russian companies", "American buyers": the nations whose firms or
    buyers a phrase names (its demonyms), so an offer to them is an offer to the nation."""
    if head.lemma_.lower() not in _RECIPIENTS or head.pos_ != "NOUN":
        return []
    a, b = head.left_edge.i, head.i
    found = [e.slug for e in view.ents if e.demonym and a <= e.start and e.end <= b]
    if head.tag_ == "NNS":  # "American companies" named collectively: their jurisdiction
        found += [
            owner(view, e.slug)
            for e in view.ents
            if e.start <= head.i < e.end and type_of(view, e.slug) == "Company"
        ]
    nations = [f for f in found if type_of(view, f) == "Country"]
    if head.lemma_.lower() == "side":  # "the US side" is the state
        return nations
    # "American buyers": the nation and its companies named collectively, if the registry
    # has them
    collective = [view.registry.companies_of(n) for n in nations]
    return unique(nations + [c for c in collective if c])


def _noun_counterparty_heads(token: Token) -> list[Token]:
    """Whom a proposal noun is made to: its own "to X" ("an offer to Turkey"), its light
    verb's ("made a similar offer to Turkey, and to Chinese state companies"), the other
    side of what it proposes ("a proposal for a strategic partnership with the United
    States")."""
    heads = _objects_of(token, "to")
    light = _light_verb(token)
    if light is not None:
        heads += _to_objects(light)
    for verb in (c for c in token.children if c.dep_ in ("acl", "xcomp")):
        heads += _to_objects(verb)  # "his offer to buy Greenland from Denmark"
        if verb.lemma_.lower() in _BUYING:
            heads += _objects_of(verb, "from")
    for thing in _objects_of(token, "for"):
        # the parse may hang the with-side on a word inside the phrase ("a partnership on
        # critical minerals with the United States")
        heads += [g for t in thing.subtree for g in _objects_of(t, "with")]
    return heads


def _to_objects(verb: Token) -> list[Token]:
    """The objects of a verb's "to" phrases, a coordinated second "to" phrase included
    ("to Turkey, and to Chinese state companies")."""
    heads: list[Token] = []
    for c in verb.children:
        if c.lower_ == "to" and c.dep_ in ("dative", "prep", "conj"):
            preps = [c, *(g for g in c.children if g.dep_ == "conj" and g.lower_ == "to")]
            heads += [g for p in preps for g in p.children if g.dep_ == "pobj"]
    return heads


def _counterparty_heads(token: Token) -> list[Token]:
    """Whom an offer is made to, by the parse: the indirect object ("offered the United
    States a partnership"), a "to" phrase ("proposed to Peru's ministry a second phase"),
    the first of two objects ("offered the agency 5,000 tonnes"), the one invited; a
    participle without one takes its head verb's "to" phrase ("wrote to the ministry,
    offering to finance …")."""
    if token.pos_ in ("NOUN", "PROPN"):
        nominal = _noun_counterparty_heads(token)
        return [h for head in nominal for h in (head, *head.conjuncts)]
    heads: list[Token] = []
    clause = [token, *(c for c in token.children if c.dep_ == "xcomp")]  # "offered to sell"
    # "open to working with X": the verb under an adjective's "to"
    clause += [
        g for p in token.children if p.lower_ == "to" for g in p.children if g.dep_ == "pcomp"
    ]
    # "open to a settlement under which it would sell its data to LitioMx"
    clause += [
        v
        for o in _objects_of(token, "to")
        for v in o.children
        if v.dep_ in ("relcl", "acl") and v.pos_ == "VERB"
    ]
    for verb in clause:
        if verb.lemma_.lower() in _COOPERATING:  # "working with American firms"
            heads += _objects_of(verb, "with")
        heads += _to_objects(verb)
        heads += [c for c in verb.children if c.dep_ == "dative" and c.lower_ != "to"]
        # "ready to supply tungsten to the EU", "pitched supply to Korean makers": the
        # parse often hangs the "to" phrase on the supplied object
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "advmod", "npadvmod")):
            heads += _objects_of(obj, "to")
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if len(objects) >= 2 or (objects and token.lemma_.lower() in _ASKING):
        heads.append(objects[0])
    # "offered Chinese and Russian companies minority stakes": the parse often makes the
    # first object a compound of the second (and may hang the second elsewhere)
    doc = token.doc
    for t in doc[token.i + 1 : min(token.i + 6, len(doc))]:
        if t.pos_ in ("VERB", "AUX", "ADP", "PUNCT"):
            break
        if t.dep_ == "compound" and t.tag_ == "NNS" and t.lemma_.lower() in _RECIPIENTS:
            heads.append(t)
    up = token
    for _ in range(3):  # "asked IREL to resume shipments and offered to finance …": made
        # to the one asked (the parse may hang the offer on the asked clause's verb)
        if heads or up.dep_ not in ("conj", "xcomp") or up.head == up:
            break
        up = up.head
        if up.lemma_.lower() in _ASKING:
            heads = [c for c in up.children if c.dep_ in ("dobj", "dative")]
    for verb in clause[1:]:  # "offered to buy the plant from X": the seller is asked
        if verb.lemma_.lower() in _BUYING:
            heads += _objects_of(verb, "from")
    if not heads and token.dep_ == "advcl" and token.tag_ == "VBG":
        heads = _objects_of(token.head, "to")
    if token.dep_ == "acomp" and token.head.dep_ == "ccomp":
        told = token.head.head  # "We told them we are open to discussing supply": them
        if told.lemma_.lower() in _TELLING:
            heads = [c for c in told.children if c.dep_ in ("dobj", "dative")] + heads
    return [h for head in heads for h in (head, *head.conjuncts)]


_TELLING = frozenset(("tell", "inform", "assure", "write"))


def proposal_frame(
    view: SentenceView,
    start: int,
    end: int,
    noun: bool,
    ctx: Context,
) -> Frame | None:
    doc = view.span.doc
    before = doc[start - 1].lower_ if start > view.start else ""
    determiner = before in _DETERMINERS
    if doc[start].lower_ in ("offer", "offers") and not (
        view.ent_at(start - 1) or before in _VERB_CUES or before.endswith("ly")
    ):
        noun = True
    token = doc[start]
    parsed = _parsed_proposer(view, token, ctx)
    proposer = _company_subject(view, token, ctx) or (parsed[0] if parsed else None)
    proposer = proposer or subject(view, start, ctx)
    if proposer is None and view.find_word(("he", "she"), end, view.end) and ctx.last_person:
        proposer = ctx.last_person
    # a proposal noun someone makes or owns ("made a similar offer to Turkey", "Morocco's
    # proposal for a partnership with the United States") with a counterparty is made
    # (or with its own "to X": "approved a request to the Government of X")
    owned = any(c.dep_ == "poss" for c in token.children) or bool(_objects_of(token, "to"))
    made = noun and (_light_verb(token) is not None or owned)
    heads = _counterparty_heads(token) if token.pos_ in ("NOUN", "PROPN") or not noun else []
    if token.pos_ == "NOUN" and token.lemma_.lower() == "request" and not (made and heads):
        return None  # a request noun only made to someone ("a request to X")
    if _spoken_of(token, made):
        return None  # "the proposal would be examined": one the article reported before
    if made and heads:  # (the proposer may be a pronoun: "it put that offer to X")
        noun = determiner = False
    elif (noun or determiner) and not (proposer and view.resources()):
        return None
    # "a Gulf-based metals trader has offered to buy nickel matte from Nornickel": an
    # unnamed proposer, kept when the parse names the counterparty
    unnamed = proposer is None and bool(heads) and _indefinite_subject(token)
    guessed = proposer is None and ctx.last_group is not None and not unnamed
    if guessed and not _refers_to_earlier(doc[start]):
        return None  # "producers proposed …": no one the article named
    if guessed and not _fits_head(view, doc[start], ctx.last_group or ""):
        return None  # "the government will invite …" is not the company named last
    if guessed:  # "it proposed", "the group proposed": the group the article spoke of last
        proposer = ctx.last_group
    home = owner(view, proposer) if proposer else None
    to = [
        a
        for head in _counterparty_heads(token)
        for a in (*_actors(view, head, ctx), *_recipient_nation(view, head))
        if a != proposer and owner(view, a) != home
    ]
    policy = _own_policy(token)
    if policy and all(h.lemma_.lower() in _POLICY_OBJECTS for h in _counterparty_heads(token)):
        return None  # "proposed adding the firms to the bloc's next sanctions package"
    if not to and policy:
        return None  # "proposed a levy on exports", "the package was first proposed"
    if not to and token.lemma_.lower() == "invite":
        return None  # "will invite private companies to bid": a tender, not an offer
    to = to or [  # the parse names nobody: the other actors after the trigger
        e.slug
        for e in view.actors_after(end)
        if not e.demonym
        and e.slug != proposer
        and owner(view, e.slug) != home
        and view.preposition_before(e) not in ("in", "at")
    ]
    to = unique(to)[:3]
    if not to and _talks_offered(token):
        return None  # "Washington was open to discussing partnerships": with no one named
    if not to and _anyone(token):
        return None  # "our doors are open to all partners": offered to no one in particular
    if not to and ctx.turn_side and proposer and owner(view, proposer) != ctx.turn_side:
        to = [ctx.turn_side]  # "Minister: The United States presented a written proposal"
    if not to and proposer and not noun:
        to = _host_nation(view, token, proposer, ctx)
    if unnamed and not to:
        return None
    earlier = ctx.addressees | {owner(view, a) for a in ctx.addressees}
    if _said_again(token) and (set(to) | {owner(view, a) for a in to}) & earlier:
        return None  # "the offer had been put to U.S. negotiators": one reported before
    props = {
        "proposedBy": _proposing_sides(view, proposer, ctx),
        "proposedTo": to,
        "concernsResource": resources(view, ctx),
        "concernsPlace": [p for p in places(view) if p not in to],
    }
    cond = view.find_word(_CONDITIONS, end, view.end)
    for a, b in (("in", "exchange"), ("in", "return"), ("on", "condition")):
        for j in range(end, view.end - 1):
            if cond is None and view.lower(j) == a and view.lower(j + 1) == b:
                cond = j
    if cond is not None:
        stop = view.find_word((";", "—"), cond, view.end) or view.end
        text = view.text_of(cond, stop).rstrip(" .!?,")
        props["condition"] = [text]
    confidence = 0.35 if (noun or determiner) else (0.3 if guessed else 0.6)
    label = f"Proposal by {names_of(view, props['proposedBy']) or 'unknown'}"
    if props["concernsResource"]:
        label += f" on {names_of(view, props['concernsResource'])}"
    frame = Frame("Proposal", f"{start}", props, confidence, label)
    frame.anchor = start
    frame.condition_range = (cond, view.end) if cond is not None else None
    return frame


_ANY = frozenset(("all", "any", "every"))


def _host_nation(view: SentenceView, token: Token, proposer: str, ctx: Context) -> list[str]:
    """ "Rosatom has floated the idea of buying the Arlit stock", "Uranium One has offered
    to raise its investment": a foreign actor's offer whose sentence names no counterparty
    is made to the country the article is about, when it offers to do something there (a
    verb: "offered to finance a plant", "the idea of buying"). Not readiness ("open to
    partners", "ready to supply": adjectives), not an offer of a thing ("offering
    something the United States needs") or of an idea ("floated the idea of a joint
    reserve"), nor one placed in another country ("to expand the smelter it is building in
    Tennessee"), nor an offer of an actor whose home is unknown or is that country
    ("Ukraine would offer other deposits to investors")."""
    if token.pos_ != "VERB" or not _offers_to_act(token):
        return []
    nation = ctx.main_nation()
    for place in places(view):
        where = owner(view, place)
        if where != nation and type_of(view, where) == "Country":
            return []
    home: str | None = owner(view, proposer)
    if home == proposer and type_of(view, proposer) != "Country":
        home = ctx.homes.get(proposer)  # a new organisation: the country its mention stated
    if nation is None or home is None or home == nation:
        return []
    return [nation]


def _offers_to_act(token: Token) -> bool:
    """The offer is to do something: a verb complement ("offered to finance") or the idea
    of a gerund ("floated the idea of buying the stock")."""
    if any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in token.children):
        return True
    return any(
        g.dep_ == "pcomp" and g.tag_ == "VBG"
        for o in token.children
        if o.dep_ == "dobj"
        for p in o.children
        if p.lower_ == "of"
        for g in p.children
    )


_TALKS = ("discuss", "negotiat", "talk", "settle", "deal")


def _talks_offered(token: Token) -> bool:
    """ "open to discussing …", "open to a settlement": readiness to talk is an offer only
    to a counterparty the sentence names."""
    if token.lower_ != "open":
        return False
    return any(
        g.lower_.startswith(_TALKS)
        for p in token.children
        if p.lower_ == "to"
        for g in p.children
        if g.dep_ in ("pcomp", "pobj")
    )


def _anyone(token: Token) -> bool:
    """An offer to all comers: a partner, company or buyer noun under the trigger with
    "all", "any" or "every" ("open to all partners", "ready to work with any foreign
    partners", "to waive the surcharge for any company that commits to …")."""
    return any(
        t.pos_ == "NOUN"
        and t.lemma_.lower() in _RECIPIENTS
        and any(c.dep_ == "det" and c.lower_ in _ANY for c in t.children)
        for t in token.subtree
    )


def _spoken_of(token: Token, made: bool) -> bool:
    """A definite proposal noun that no one makes in the sentence and that is its clause's
    subject ("the proposal would be examined", "the offer was welcomed"): the proposal
    the article reported before, spoken of."""
    if token.pos_ != "NOUN" or made or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)


def _proposing_sides(view: SentenceView, proposer: str | None, ctx: Context) -> list[str]:
    """The proposer and the state it acts for: a person's post ("President X asked …":
    the country too, by the role the article gave), a government body's country ("the
    Cabinet approved a request to the Government of X": the cabinet's country)."""
    if not proposer:
        return []
    out = [proposer]
    held = ctx.roles.get(proposer)
    if held:
        out.append(held)
    for side in list(out[1:] or out):
        entity = view.registry.get(side)
        kind = entity.type if entity else dict(ctx.organisations).get(side)
        if kind == "GovernmentBody":
            home = (entity.jurisdiction if entity else None) or ctx.homes.get(side)
            if home and type_of(view, home) == "Country":
                out.append(home)
    return unique(out)


_POLICY_OBJECTS = (
    MEASURE_WORDS | SUPPORT | SUPPORT_MONEY | {"tax", "package", "law", "bill", "rule"}
)


def _own_policy(token: Token) -> bool:
    """A proposal of one's own policy, not an offer to a counterparty: "proposed" with a
    measure, levy, budget or fund as its object or its subject ("it proposed a levy on
    exports of scrap", "has proposed restricting exports of magnet scrap", "proposed a
    special budget of NT$5 billion", "since the package was first proposed"); a proposal
    verb in the passive with no agent names no proposer either."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in ("propose", "suggest", "float"):
        return False
    passive = any(c.dep_ == "auxpass" for c in token.children) or token.dep_ in ("acl", "amod")
    if token.tag_ == "VBN" and passive and not any(c.dep_ == "agent" for c in token.children):
        return True
    clauses = [token, *(c for c in token.children if c.dep_ in ("xcomp", "ccomp"))]
    objects = [c for verb in clauses for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    # the proposed action's own prepositional objects: "proposed adding three of the firms
    # to the bloc's next sanctions package"
    objects += [
        g
        for verb in clauses[1:]
        for p in verb.children
        if p.dep_ == "prep"
        for g in p.children
        if g.dep_ == "pobj"
    ]
    for obj in objects:
        words = [obj, *(c for c in obj.children if c.dep_ in ("amod", "compound"))]
        if any(w.lemma_.lower() in _POLICY_OBJECTS for w in words):
            return True  # "a levy", "restricting exports", "a special budget"
        if any(w.tag_ == "$" for w in obj.subtree if w.i <= obj.i):
            return True  # "to put €3 billion behind pooled purchases"
    return any(c.lemma_.lower() in MEASURE_WORDS for c in clauses[1:])


# what a request asks a counterparty to do, for it to be a proposal: change a measure or
# open trade ("lift its ban", "exempt our PGMs", "reopen the port", "resume supplies")
_REQUESTED = frozenset(
    (
        "lift",
        "ease",
        "exempt",
        "waive",
        "remove",
        "drop",
        "scrap",
        "suspend",
        "cut",
        "lower",
        "reduce",
        "relax",
        "reopen",
        "open",
        "resume",
        "restore",
        "allow",
        "permit",
        "let",
        "grant",
        "supply",
        "sell",
        "buy",
        "invest",
        "join",
        "extend",
        "spare",
        # granting or timing what a measure allows: "to give American buyers first call",
        # "to expedite the licences", "to postpone the ban", "to exclude the metal"
        "give",
        "approve",
        "issue",
        "expedite",
        "renew",
        "exclude",
        "postpone",
        "delay",
        "defer",
        "revoke",
        "rescind",
        "withdraw",
    )
)


# what the clause asked for may instead name it: a measure, a licence, money or trade
# ("to issue general licences", "to finance a rail line", "to add restrictions on …")
_ASKED_NOUNS = (
    MEASURE_WORDS
    | SUPPORT
    | SUPPORT_MONEY
    | EXPORT
    | IMPORT
    | LIFTING
    | {"license", "permit", "exemption", "waiver", "exclusion", "contract", "supply", "ship"}
    | {"relief", "approval"}  # "sought relief from the mines ministry"
    # "sought permission to keep shipping", "applied to SECO for a wind-down licence"
    | {"permission", "licence", "authorisation", "authorization", "clearance"}
)


def _asks_for_trade(view: SentenceView, clause: Token) -> bool:
    """The asked clause changes trade: its verb is one of changing a measure or opening
    trade, or its own object names a measure, licence, money or trade ("asked the United
    States to finance …", "urged Brussels to add restrictions …")."""
    lemma = clause.lemma_.lower()
    if lemma in _REQUESTED or lemma in LIFTING or lemma in SUPPORT_MONEY:
        return True
    # the clause's objects, its prepositions' objects and the verbs it governs: "to exclude
    # the metal from any tariff", "to let a miner ship concentrate", "to expedite licences"
    words = [clause]
    for c in clause.children:
        if c.dep_ in ("dobj", "nsubjpass", "xcomp", "ccomp"):
            words.append(c)
            if c.dep_ == "dobj":  # "to renegotiate the terms of its contract"
                words += [g for p in c.children if p.dep_ == "prep" for g in p.children]
        elif c.dep_ == "prep":
            words += [g for g in c.children if g.dep_ == "pobj"]
    return any(w.lemma_.lower() in _ASKED_NOUNS for w in words)


def _objects_of(token: Token, preposition: str) -> list[Token]:
    """The objects of ``token``'s own ``preposition`` phrases ("to the ministry")."""
    return [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == preposition
        for g in c.children
        if g.dep_ == "pobj"
    ]


def request_frame(view: SentenceView, start: int, ctx: Context) -> Frame | None:
    """ "Belarus asked Lithuania to reopen the port", "Pretoria would ask Washington to
    exempt …": a request that a named actor do something is a proposal made to it; the
    asker is the verb's subject, the one asked its object (or the subject of the clause
    asked for). Nothing without both, nor "asked for duties" (no counterparty named)."""
    token = view.span.doc[start]
    if token.pos_ != "VERB":
        return None
    applying = token.lemma_.lower() == "apply"  # "applied to the ministry for a waiver"
    calling = token.lemma_.lower() == "call"  # "called on Japan to lift …"
    if token.lemma_.lower() == "seek":  # "sought an exemption from Washington"
        return _seeking_frame(view, token, ctx)
    clauses = [
        c
        for c in token.children
        if (
            c.dep_ in (("xcomp", "advcl") if applying or calling else ("xcomp", "ccomp"))
            or _asked_infinitive(token, c)
        )
        and _verbal(c)
        and _asks_for_trade(view, c)
    ]
    # "lobbied for an exemption" (not "had lobbied hard for the exemption": the one the
    # article reported granted)
    wanted = [
        o
        for o in _objects_of(token, "for")
        if o.lemma_.lower() in _ASKED_NOUNS
        and not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in o.children)
    ]
    if applying or token.lemma_.lower() in _ASKING_FOR:
        clauses += wanted  # "applied to X for a waiver", "lobbied for an exemption"
    if not clauses:
        return None  # "asked regulators to review whether …": not a change of trade
    if applying or calling:
        asked = _objects_of(token, "on" if calling else "to")
    else:
        asked = [c for c in token.children if c.dep_ in ("dobj", "dative")]
        asked = asked or [g for c in clauses for g in c.children if g.dep_ == "nsubj"]
    if token.dep_ == "advcl" and all(a.pos_ == "PRON" for a in asked):
        asked = _objects_of(token.head, "to") or asked  # "wrote to X, asking it to …"
    return _request_to(view, token, asked, ctx, implied=not asked)


def _asked_infinitive(token: Token, clause: Token) -> bool:
    """ "lobbied the government in Maputo to exempt tonnages": the parse may make the
    infinitive asked for an adverbial clause; with an object asked it is the request."""
    return (
        clause.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        and any(c.dep_ in ("dobj", "dative") for c in token.children)
    )


def _verbal(clause: Token) -> bool:
    """A verb, or a word the tagger took for an adjective but that has an object
    ("requested that the United States exempt copper products")."""
    return clause.pos_ == "VERB" or (
        clause.pos_ == "ADJ" and any(c.dep_ == "dobj" for c in clause.children)
    )


def _request_to(
    view: SentenceView, token: Token, asked: list[Token], ctx: Context, implied: bool = False
) -> Frame | None:
    """The request of ``token``'s subjects to the actors of the ``asked`` phrases (not those
    of the askers' own side: "Putin asked the government to …" names no counterparty); none
    without both. ``implied``: a request that names no one asked is made to the side whose
    turn the sentence is in ("Seitkali: The US side asked whether American buyers could be
    exempted"), else to the imposer of the measure the article reported last ("Sojitz has
    lobbied for an exemption", "the group had asked for duties")."""
    heads = subjects(token)
    if not heads and token.dep_ == "advcl":  # "Tanxin wrote to the ministry, asking to …"
        heads = subjects(token.head)
    askers = unique([a for head in heads for a in _actors(view, head, ctx)])
    if not askers:  # "the group had asked for duties": the group the article named last
        found = _company_subject(view, token, ctx) or _group_subject(token, ctx)
        askers = [found] if found else []
    homes = {owner(view, a) for a in askers}
    to = unique(
        [
            a
            for head in asked
            for a in (_named_before(view, head, homes) or _actors(view, head, ctx))
            if owner(view, a) not in homes
        ]
    )
    if implied and askers and not to:
        to = [a for a in _implied_addressee(ctx) if owner(view, a) not in homes]
    if not askers or not to:
        return None
    props = {
        "proposedBy": unique([s for a in askers[:2] for s in _proposing_sides(view, a, ctx)]),
        "proposedTo": to[:3],
        "concernsResource": view.resources() or _measure_resources(view, to, ctx),
        "concernsPlace": [p for p in places(view) if p not in to and p not in askers],
    }
    label = f"Proposal by {names_of(view, askers)} to {names_of(view, to)}"
    frame = Frame("Proposal", f"{token.i}", props, 0.5, label)
    frame.anchor = token.i
    mood = modality(token)  # asking is the act: "asked" itself is no mere proposal of one
    frame.modality = "asserted" if mood == "proposed" else mood
    return frame


def _measure_resources(view: SentenceView, asked: list[str], ctx: Context) -> list[str]:
    """What a request that names no resource is about ("asked the Chinese side to withdraw
    the measure", "asked the regulator to lift quota allocations"): the resources of the
    restrictive measure the one asked imposed, as the article reported it last, else the
    resource the article names most."""
    sides = set(asked) | {owner(view, a) for a in asked}
    for kind, imposers, _, covered in reversed(ctx.measures):
        mine = set(imposers) | {owner(view, i) for i in imposers}
        if kind in RESTRICTIVE and covered and mine & sides:
            return covered
    return ctx.main_resources()


def _group_subject(token: Token, ctx: Context) -> str | None:
    """ "The group had asked …", "the coalition has lobbied …": a definite group noun as
    the subject is the organisation the article named last."""
    for head in subjects(token):
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children)
        if definite and head.lemma_.lower() in _GROUPS:
            return ctx.last_group
    return None


_GROUPS = frozenset(("group", "coalition", "association", "alliance", "consortium", "company"))


# verbs of asking for a thing ("lobbied for an exemption", "asked for duties")
_ASKING_FOR = frozenset(("ask", "lobby", "push", "petition", "press", "request"))


def _implied_addressee(ctx: Context) -> list[str]:
    """Whom a request that names no one asked is made to: the speaker's side in a
    transcript turn, else the imposers of the restrictive measure reported last."""
    if ctx.turn_side:
        return [ctx.turn_side]
    for kind, imposers, _, _ in reversed(ctx.measures):
        if kind in RESTRICTIVE and imposers:
            return imposers
    return []


_THEM = frozenset(("them", "they"))


def _named_before(view: SentenceView, head: Token, homes: set[str]) -> list[str]:
    """ "We have taken up the matter with the Chinese side … and we have asked them to
    expedite the licences": "them" asked is the nearest other side the sentence named
    before it (not a place "in New Delhi", not the askers' own side)."""
    if head.lower_ not in _THEM:
        return []
    for ent in view.actors_before(head.i):
        if view.in_location_phrase(ent) or ent.type == "Person":
            continue
        if owner(view, ent.slug) not in homes:
            return [ent.slug]
    return []


def _seeking_frame(view: SentenceView, token: Token, ctx: Context) -> Frame | None:
    """ "Chile is seeking an exemption from Washington", "sought licences from Beijing for
    …": seeking a measure, licence, money or trade from a named actor is a request to it."""
    wanted = [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in _ASKED_NOUNS]
    if not wanted:
        return None
    asked = _objects_of(token, "from") + [g for w in wanted for g in _objects_of(w, "from")]
    return _request_to(view, token, asked, ctx, implied=not asked)


_TALKING = frozenset(("discuss", "speak", "talk", "confer"))


def _talks_with(token: Token) -> bool:
    """ "discussed the refinery with X", "spoke with X": a talking verb with a with-side."""
    if token.pos_ != "VERB":
        return False
    # the parser hangs "with X" on the verb or on its object ("the refinery with X")
    holders = [token, *(c for c in token.children if c.dep_ == "dobj")]
    return any(c.dep_ == "prep" and c.lower_ == "with" for h in holders for c in h.children)


# the nouns of a visiting party received ("received a delegation of the Department")
_VISITORS = frozenset(("delegation", "mission", "visitor", "visitors", "counterpart"))


def _receives_visitor(view: SentenceView, token: Token) -> bool:
    """ "X received Y": a meeting when what is received is a person (a named one, a title
    such as "Ambassador …") or a delegation, not a grant, an offer or an approval."""
    if token.pos_ != "VERB":
        return False
    for obj in (c for c in token.children if c.dep_ == "dobj"):
        if obj.lower_ in _VISITORS or obj.lower_ in TITLES:
            return True
        ent = view.ent_at(obj.i)
        if ent is not None and ent.type == "Person":
            return True
    return False


# share words of a sourcing verb's object: "imports nearly all of its lithium from China",
# "sources part of its titanium from X", "buys more than 90% of its graphite from Y"
_SHARE_WORDS = frozenset(
    ("all", "most", "much", "part", "bulk", "majority", "half", "third", "quarter", "%")
)


def _sources_share(token: Token) -> bool:
    """A sourcing verb with a share of something as object and a "from" supplier."""
    verbal = token.pos_ == "VERB" or token.dep_ == "ROOT"  # "India imports …" as a noun
    if not verbal or not any(t.lower_ == "from" for t in token.subtree):
        return False
    return any(
        c.dep_ == "dobj" and (c.lemma_.lower() in _SHARE_WORDS or c.lower_ in _SHARE_WORDS)
        for c in token.children
    )


def _participants(view: SentenceView, start: int) -> list[str]:
    out = []
    noun = view.lower(start) in _GATHERING_NOUNS
    for ent in view.actors():
        if ent.demonym:
            continue
        # "a White House meeting": a name right before a noun trigger is a modifier
        compound = noun and ent.end == start and not view.is_possessive(ent)
        if ent.type != "Person" and (view.in_location_phrase(ent) or compound):
            continue
        out.append(ent.slug)
    return unique(out)


_SIDES = ("with", "between", "among", "and")
_TOGETHER = ("sides", "countries", "ministers", "leaders", "governments", "nations", "they", "we")


def _side_heads(token: Token) -> list[Token]:
    """Heads of "with X", "between X and Y" phrases under ``token`` (coordination kept)."""
    out = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _SIDES:
            for g in child.children:
                if g.dep_ == "pobj":
                    out += [g, *g.conjuncts]
    return out


def parsed_participants(view: SentenceView, token: Token, ctx: Context) -> list[str] | None:
    """The sides of a meeting or agreement from the parse: the verb's subjects (with the
    coordinated ones and a passive agent), its object for "met X", "with"/"between"
    phrases, a noun's possessor. None when the subject is a plural the sentence does not
    name ("the two sides agreed"), so the caller falls back to the sentence's actors."""
    heads: list[Token] = []
    verb = token if token.pos_ in ("VERB", "AUX") else governor(token)
    if token.pos_ not in ("VERB", "AUX"):
        heads += [c for c in token.children if c.dep_ == "poss"]
        heads += _side_heads(token)
    subs = subjects(verb)
    if any(s.lower_ in _TOGETHER for s in subs):
        return None
    heads += subs
    if verb.lemma_.lower() in ("meet", "visit", "host", "receive"):
        heads += [g for c in verb.children if c.dep_ == "dobj" for g in (c, *c.conjuncts)]
    heads += _side_heads(verb)
    if token.pos_ in ("VERB", "AUX"):  # "signed a contract with X": the object's sides
        heads += [h for c in verb.children if c.dep_ == "dobj" for h in _side_heads(c)]
    out: list[str] = []
    for head in heads:
        out += phrase_actors(view, head, ctx)
    return [p for p in unique(out) if not view.registry.get(p) or type_of(view, p) != "Region"]


def _repeats(token: Token, kind: str, ctx: Context) -> bool:
    """ "The document was signed by …" after the article reported the agreement: a
    definite object or passive subject of the signing verb refers back to it."""
    if kind not in ctx.events or token.pos_ not in ("VERB", "AUX"):
        return False
    if token.lemma_.lower() in _TALKING:
        return False  # "discussed the refinery with X": the object is the topic
    return any(
        child.dep_ in ("dobj", "nsubjpass")
        and child.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in child.children)
        for child in token.children
    )


_SIGNING = {
    "sign",
    "reach",
    "agree",
    "strike",
    "conclude",
    "ink",
    "seal",
    "finalise",
    "finalize",
    "clinch",
    "announce",
    "unveil",
}


def _refers_back(token: Token) -> bool:
    """A definite or possessed gathering noun ("the talks", "Thursday's summit") names
    a meeting the story already reported; "a meeting in Astana" reports a new one."""
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ == "det" and child.lower_ in ("the", "this")):
            return True
    return False


_PEOPLE = ("ministers", "leaders", "presidents", "officials")
_PLURALS = (*_TOGETHER, "ministries", "presidents", "officials", "governments")


def _together(token: Token) -> str | None:
    """The plural subject of a gathering that names nobody: "the two ministers", "both
    ministries" (not "Kazakh officials")."""
    verb = token if token.pos_ in ("VERB", "AUX") else governor(token)
    for s in subjects(verb):
        bare = all(c.dep_ in ("det", "nummod", "predet") for c in s.children)
        if s.lower_ in _PLURALS and bare and not s.conjuncts:
            return s.lower_
    return None


def _sides_before(view: SentenceView, plural: str, ctx: Context) -> list[str]:
    """ "The two ministers agreed …", "the two ministries signed …": the sides of the
    article's latest meeting or agreement, people for a plural of people, else the
    bodies and countries (a person's where their title holds)."""
    for sides in reversed(ctx.sides):
        people = [s for s in sides if type_of(view, s) == "Person"]
        if plural in _PEOPLE:
            found = people
        else:
            found = [s for s in sides if s not in people]
            found += [ctx.roles[p] for p in people if p in ctx.roles]
        if len(unique(found)) >= 2:
            return unique(found)
    return []


# verbs by which parties adopt a joint text, and the joint texts they adopt
_ADOPTING = frozenset(("endorse", "adopt", "agree", "approve"))
_ADOPT_ONLY = frozenset(("endorse", "adopt"))  # no agreement of their own without a text
_JOINT_TEXTS = frozenset(
    (
        "plan",
        "charter",
        "declaration",
        "framework",
        "roadmap",
        "communique",
        "statement",
        "principle",
        "agenda",
        "compact",
        "strategy",
    )
)


def _adopted_text(token: Token) -> Token | None:
    """The joint text adopted: the verb's object, or the noun a relative clause of the verb
    modifies ("the Five-Point Plan that G7 members agreed")."""
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in _JOINT_TEXTS:
            return child
    if token.dep_ == "relcl" and token.head.lemma_.lower() in _JOINT_TEXTS:
        return token.head
    return None


def _adopts_document(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and _adopted_text(token) is not None


def _bloc_adopts(view: SentenceView, token: Token, participants: list[str]) -> bool:
    """A bloc (a multilateral organisation) whose members adopt a joint text: one
    participant stands for all its members ("G7 leaders endorsed the Action Plan")."""
    return (
        len(participants) == 1
        and token.lemma_.lower() in _ADOPTING
        and _adopts_document(token)
        and type_of(view, participants[0]) == "Organization"
    )


_STATE_SIDE = frozenset(("Person", "GovernmentBody", "Country"))


def _sides(view: SentenceView, participants: list[str]) -> set[str]:
    """The distinct sides: a person or a government body stands for its country ("Putin
    told a meeting with Russian cabinet ministers" has one side); firms stand for
    themselves."""
    return {owner(view, p) if type_of(view, p) in _STATE_SIDE else p for p in participants}


def gathering_frame(
    view: SentenceView, kind: str, start: int, ctx: Context, dates: list[DateMention]
) -> Frame | None:
    token = view.span.doc[start]
    parsed = parsed_participants(view, token, ctx)
    if parsed is None or (len(parsed) < 2 and token.pos_ not in ("VERB", "AUX")):
        parsed = _participants(view, start)  # "the two sides agreed", "a deal on …"
    participants = parsed
    plural = _together(token)
    if len(participants) < 2 and plural:
        participants = _sides_before(view, plural, ctx)
    if kind == "Agreement" and _bloc_adopts(view, token, participants):
        pass  # "G7 leaders endorsed the Action Plan": a bloc's members agree among themselves
    elif len(_sides(view, participants)) < 2 or _repeats(token, kind, ctx):
        return None  # a meeting or an agreement has two sides at least
    if kind == "Meeting" and token.pos_ == "NOUN" and _refers_back(token):
        return None  # "during the talks", "after Thursday's talks": one reported before
    if kind == "Agreement" and token.pos_ == "NOUN":
        chain = [token, token.head, token.head.head]
        owned = any(c.dep_ == "poss" for c in token.children) and bool(_side_heads(token))
        venture = token.lower_ in ("venture", "ventures") and bool(_side_heads(token))
        if not (owned or venture) and not any(t.lemma_.lower() in _SIGNING for t in chain):
            return None  # "the deal sent a signal", "interested in a partnership"
    if kind == "Agreement" and token.lemma_.lower() in _ADOPT_ONLY and not _adopts_document(token):
        return None  # "the EU adopted sanctions": adopting is agreement only of a joint text
    props = {
        "participant": participants,
        "concernsResource": view.resources(),
        "concernsPlace": places(view),
    }
    day = [d for d in dates if d.precision == "day"]
    when = date_for(token, dates, attached_only=True) or (day[0] if day else None)
    if when is not None:
        props["date"] = [when.iso]
        props["datePrecision"] = [when.precision]
    modal = view.has_word(_MODALS)
    strong = view.lower(start).startswith(("sign", "met", "agreed", "ink"))
    confidence = 0.3 if modal else (0.65 if strong else 0.5)
    frame = Frame(kind, f"{start}", props, confidence, f"{kind}: {names_of(view, participants)}")
    frame.anchor = start
    if token.lemma_.lower() in _TALKING:  # "discussed": the talk took place, no proposal
        mood = modality(token)
        frame.modality = "asserted" if mood == "proposed" else mood
    return frame


def _supplier(view: SentenceView, token: Token, ctx: Context, dependent: str) -> str | None:
    """Whom the trigger depends on from the parse: the "on" object ("on Chinese buyers"),
    else a "from X" inside the clause ("on imported antimony, much of it from China")."""
    for words in (("on", "upon"), ("from",)):
        preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in words]
        if words[0] == "from":  # the parse often hangs "much of it from X" elsewhere
            near = range(token.i + 1, min(token.i + 18, view.end))
            preps = [t for t in (view.span.doc[j] for j in near) if t.lower_ == "from"]
        for prep in preps:
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                found = [a for a in phrase_actors(view, obj, ctx) if a != dependent]
                if found:
                    return found[0]
    return None


def dependency_frame(
    view: SentenceView, start: int, end: int, ctx: Context, parsed: bool = False
) -> Frame | None:
    """``parsed``: the dependent must be the verb's parsed subject (a sourcing verb: "makers
    that source all their graphite from China" names no dependent), not the actor before.
    A hypothetical or denied reliance ("would still depend on Chinese oxide", "any
    projects would depend on political will in Washington") states none: no frame."""
    demonyms = tuple(e.slug for e in view.ents if e.demonym)
    token = view.span.doc[start]
    if modality(token) in ("hypothetical", "denied"):
        return None
    # the verb's subject ("the country depends on …": the authority spoken of), else the
    # actor before the trigger ("South Korean makers rely on")
    heads = subjects(token) if token.pos_ == "VERB" else []
    dependent = next((a for h in heads for a in phrase_actors(view, h, ctx)), None)
    if parsed and heads:
        dependent = dependent or None
    else:
        dependent = dependent or subject(view, start, ctx, allow=demonyms)
    supplier = _supplier(view, token, ctx, dependent) if dependent else None
    after = [e for e in view.actors_after(end) if e.start - end <= 6]
    if supplier is None and after and after[0].slug != dependent:
        supplier = after[0].slug
    if not dependent or not supplier:
        return None
    known = view.registry.get(dependent)
    if (known is not None and known.type == "Person") or any(
        e.slug == dependent and e.type == "Person" for e in view.ents
    ):
        return None  # a speaker is not the dependent party: states and firms depend
    words = [view.lower(j) for j in range(end, view.end)]
    activity = "supply"
    for word in words:
        if word.startswith("refin"):
            activity = "refining"
            break
        if word.startswith("process"):
            activity = "processing"
            break
    props = {
        "dependent": [dependent],
        "dependsOn": [supplier],
        "forActivity": [activity],
        "concernsResource": resources(view, ctx),
    }
    label = f"{names_of(view, [dependent])} depends on {names_of(view, [supplier])} for {activity}"
    return Frame("Dependency", f"{start}", props, 0.55, label)


RESTRICTIVE = ("Sanction", "Tariff", "ExportControl", "ImportBan")
_CONTENT = ("coversResource", "targets", "rate")


_ENACTING = frozenset(
    ("announce", "impose", "introduce", "adopt", "unveil", "issue", "approve", "enact", "order")
)


_STATED = 0.65  # the confidence of a measure whose imposer the sentence names (not guessed)


def _bans_trade(token: Token) -> bool:
    """A ban verb whose own object is trade ("banned exports of …", "imports were
    prohibited"): the sentence states the measure itself, not a reference to one."""
    return (
        token.pos_ == "VERB"
        and token.lemma_.lower() in STRONG_BAN
        and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in EXPORT | IMPORT
            for c in token.children
        )
    )


def _has_content(view: SentenceView, frame: Frame) -> bool:
    """A restrictive measure states what it covers, whom it targets or its rate, or a
    verb enacts it ("announced restrictions on exports of chip tools", "the sanctions
    imposed by the EU", or a ban verb on trade with its imposer named: "Tanzania has
    prohibited exports of unprocessed ores"); one that names only its imposer ("the
    Philippine ban", "Beijing began restricting exports of several metals") refers back to
    or gestures at one."""
    if frame.type not in RESTRICTIVE or any(frame.properties.get(k) for k in _CONTENT):
        return True
    if frame.anchor < 0:
        return False
    token = view.span.doc[frame.anchor]
    if token.dep_ == "dobj" and token.head.lemma_ in _ENACTING:
        return True  # "announced restrictions on …"
    if _bans_trade(token) and frame.confidence >= _STATED:
        return True  # "Tanzania has prohibited exports of unprocessed ores since 2017"
    # "the sanctions imposed by the EU"
    return any(c.dep_ == "acl" and c.lemma_ in _ENACTING for c in token.children)


def event_frames(
    view: SentenceView,
    matches: list[tuple[str, int, int]],
    ctx: Context,
    dates: list[DateMention],
    found: list[Quantity],
) -> list[Frame]:
    """Every event frame of one sentence: one proposal, every measure mention (one
    candidate per mention, :func:`one_per_mention`), the first meeting and agreement whose
    sides the parse gives, one dependency."""
    frames: list[Frame] = []
    labels = {label for label, _, _ in matches}
    first: dict[str, tuple[int, int]] = {}
    for label, start, end in matches:
        first.setdefault(label, (start, end))
    proposal = None
    # a premise a question asks to confirm makes no proposal ("QUESTION: A Chinese group
    # has reportedly asked to buy 30% of …", "… says it has offered the Mexican government
    # a plant. Is that true?"): the answer says whether one was made
    offering = () if _unconfirmed_premise(view) else _OFFERING
    for label in ("PROPOSAL_VERB", "PROPOSAL_NOUN"):
        if proposal is None and label in first and label in offering:
            proposal = proposal_frame(view, *first[label], label == "PROPOSAL_NOUN", ctx)
    for label, start, _ in matches:
        if proposal is None and label == "REQUEST" and label in offering:
            proposal = request_frame(view, start, ctx)
    measures: list[Frame] = []
    triggers = find_triggers(view, found)
    for trigger in triggers:
        frame = measure_frame(view, trigger, ctx, dates, found, "WAIVER" in labels)
        measures.extend([frame] if frame else [])
    measures = one_per_mention(elaborations_dropped(view, measures))
    default_beneficiaries(view, measures, ctx)
    measures = [m for m in measures if _has_content(view, m)]
    support = [t.token for t in triggers if t.kind == "SupportMeasure"]
    if proposal is not None and _offers_support(view, proposal, support):
        verb = view.span.doc[proposal.anchor]
        offered = [t for t in support if t == verb or t.head == verb]
        # "we have offered the UAE a 49% stake": a stake offered is equity for the other
        # side to buy into, never support the offerer gives
        equity = any(str(t.lemma_).lower() in EQUITY for t in offered)
        if _state_gives(view, proposal) and not equity:
            proposal = None  # "it will offer offtake agreements to producers": support
        else:  # "X has offered the government a 15% stake": an offer, not support yet
            measures = [m for m in measures if m.anchor not in {t.i for t in offered}]
    if proposal is not None:
        frames.append(proposal)
        frames += _second_offer(view, matches, proposal, ctx, support)
    frames += measures
    for kind in ("Meeting", "Agreement"):  # the first trigger whose sides the parse gives
        starts = [s for label, s, _ in matches if label == kind]
        if kind == "Meeting":  # talking with someone: a meeting when the parse names sides
            starts += [
                s
                for label, s, _ in matches
                if (label == "DISCUSSION" and _talks_with(view.span.doc[s]))
                or (label == "RECEPTION" and _receives_visitor(view, view.span.doc[s]))
            ]
        if kind == "Agreement":  # the venture noun, when the phrase names its sides
            starts += [
                e - 1
                for label, _, e in matches
                if label == "VENTURE" and _side_heads(view.span.doc[e - 1])
            ]
        if kind == "Agreement" and proposal is not None:
            starts = [s for s in starts if view.lower(s).startswith(("sign", "agreed", "ink"))]
        for start in starts:
            frame = gathering_frame(view, kind, start, ctx, dates)
            if frame is not None:
                frames.append(frame)
                break
    if asked(view):  # a question's premise states no dependency ("Q: Europe imports …")
        pass
    elif "Dependency" in first:
        frame = dependency_frame(view, *first["Dependency"], ctx)
        frames.extend([frame] if frame else [])
    else:
        sourcing = [s for label, s, _ in matches if label == "SOURCING"]
        for start in (s for s in sourcing if _sources_share(view.span.doc[s])):
            frame = dependency_frame(view, start, start + 1, ctx, parsed=True)
            frames.extend([frame] if frame else [])
            break
    kept = []
    for frame in frames:
        frame.properties = {k: v for k, v in frame.properties.items() if v}
        if frame.modality is None and frame.anchor >= 0:
            frame.modality = modality(view.span.doc[frame.anchor])
        if _conditional_offer(frame, view):
            frame.modality = "hypothetical"
        unreal = frame.modality in ("hypothetical", "denied")
        if unreal and not _conditional_offer(frame, view) and frame.type not in RESTRICTIVE:
            continue
        kept.append(frame)
        if unreal and frame.type in RESTRICTIVE:
            continue  # a measure only supposed or denied is none in force for what follows
        ctx.events.add(frame.type)
        if frame.type in ("Meeting", "Agreement"):
            ctx.sides.append(frame.properties.get("participant", []))
        if frame.type == "Proposal":
            ctx.addressees.update(frame.properties.get("proposedTo", []))
        if frame.type in MEASURE_TYPES:
            props = frame.properties
            ctx.measures.append(
                (
                    frame.type,
                    props.get("imposedBy", []),
                    props.get("targets", props.get("beneficiary", [])),
                    props.get("coversResource", []),
                )
            )
    return kept


_OFFERING = ("PROPOSAL_VERB", "PROPOSAL_NOUN", "REQUEST")
_HEARSAY = frozenset(("reportedly", "allegedly", "supposedly", "purportedly", "reports", "rumours"))
_CONFIRMING = re.compile(
    r"^\W*(?:(?:is|was|are)\s+(?:that|this|it|these|those)\s+(?:true|correct|right|accurate|so)"
    r"|can\s+you\s+confirm|do\s+you\s+confirm)\b",
    re.IGNORECASE,
)


def _unconfirmed_premise(view: SentenceView) -> bool:
    """A question ("Did Japan ask Chile to …?"), or a questioner's premise that is hearsay
    ("has reportedly offered", "there were reports that …") or that the next sentence asks
    to confirm ("Is that true?"); a premise stated as fact ("Q: Kazakhstan offered last
    week to supply gallium. Are you talking to them?") stays."""
    if not asked(view):
        return False
    if view.span.text.rstrip().rstrip('"”').endswith("?"):
        return True
    if any(t.lower_ in _HEARSAY for t in view.span):
        return True
    return _CONFIRMING.match(view.span.doc.text[view.span.end_char :]) is not None


def _second_offer(
    view: SentenceView,
    matches: list[tuple[str, int, int]],
    first: Frame,
    ctx: Context,
    support: list[Token],
) -> list[Frame]:
    """ "We have pitched supply to Korean makers, and last month we made a similar offer to
    LG": a second proposal trigger of another clause, made to another counterparty the
    parse names, is a second proposal (at most one more per sentence)."""
    doc = view.span.doc
    clause = governor(doc[first.anchor])
    taken = set(first.properties.get("proposedTo", []))
    for label, start, end in matches:
        if label not in _OFFERING or start == first.anchor or governor(doc[start]) == clause:
            continue
        if label == "REQUEST":
            frame = request_frame(view, start, ctx)
        else:
            frame = proposal_frame(view, start, end, label == "PROPOSAL_NOUN", ctx)
        if frame is None or _offers_support(view, frame, support):
            continue
        heads = _counterparty_heads(doc[start])
        to = frame.properties.get("proposedTo", [])
        if heads and to and not taken & set(to):
            return [frame]
    return []


_KEY_ROLES = ("imposedBy", "targets", "beneficiary", "coversResource")


def _within(small: Frame, big: Frame) -> bool:
    return not _other_terms(small, big) and all(
        set(small.properties.get(k, [])) <= set(big.properties.get(k, [])) for k in _KEY_ROLES
    )


# what a support measure gives, stated as a figure: an amount of money, a stake, a floor
_TERMS = ("amount", "stake", "priceFloor")


def _other_terms(a: Frame, b: Frame) -> bool:
    """Two support measures that state different terms ("agreed to buy $400 million of
    stock and to guarantee a price floor of $110 a kilogram": equity and a floor) are two
    measures, whoever gives them to whom."""
    terms_a = {k: a.properties[k] for k in _TERMS if k in a.properties}
    terms_b = {k: b.properties[k] for k in _TERMS if k in b.properties}
    if a.type != "SupportMeasure" or not terms_a or not terms_b:
        return False
    # "invest C$40 million …, giving it an equity stake of 19%": the stake's phrase repeats
    # the amount, one measure; no term in common, or one that differs, is another measure
    shared = set(terms_a) & set(terms_b)
    return not shared or any(terms_a[k] != terms_b[k] for k in shared)


def elaborations_dropped(view: SentenceView, frames: list[Frame]) -> list[Frame]:
    """ "expanded sanctions on Russian metals, prohibiting the LME from …": a participle
    clause that spells out a measure of the main clause is that measure, not another."""
    doc = view.span.doc
    anchors = {f.anchor for f in frames if f.anchor >= 0}
    kept = []
    for frame in frames:
        token = doc[frame.anchor] if frame.anchor >= 0 else None
        # "agreed to invest C$40 million …, giving it an equity stake of 19%": the support
        # such a participle gives spells the investment out ("tightening a ban on X" names
        # a measure of its own)
        support = frame.type == "SupportMeasure"
        if token is not None and support and token.dep_ == "dobj" and token.head.tag_ == "VBG":
            token = token.head
        spelled_out = (
            token is not None
            and token.dep_ in ("advcl", "xcomp", "acl")
            and token.tag_ == "VBG"
            and any(doc[a].head == token.head or doc[a] == token.head for a in anchors - {token.i})
        )
        if not spelled_out:
            kept.append(frame)
    return kept


def one_per_mention(frames: list[Frame]) -> list[Frame]:
    """One candidate per measure the sentence reports: of two triggers of the same type
    whose roles one contains the other's ("financing provided by EFA, which has lent $200
    million to Arafura"), the fuller one stays; measures with other actors, or support
    measures with other terms (an amount and a price floor), all stay."""
    kept: list[Frame] = []
    for frame in frames:
        same = [k for k in kept if k.type == frame.type]
        if any(_within(frame, k) for k in same):
            continue
        kept = [k for k in kept if not (k.type == frame.type and _within(k, frame))]
        kept.append(frame)
    return kept


def _state_gives(view: SentenceView, proposal: Frame) -> bool:
    """Support a state offers with no condition attached is support it gives; a company's
    offer, or any offer made in exchange for something, stays a proposal."""
    if proposal.properties.get("condition"):
        return False
    proposers = proposal.properties.get("proposedBy", [])
    return not proposers or any(type_of(view, p) in _GIVING_TYPES for p in proposers)


def _offers_support(view: SentenceView, proposal: Frame, support: list[Token]) -> bool:
    """ "It will offer offtake agreements to producers": offering support reports a
    support measure (or nothing, when its provider is unknown), not a proposal."""
    verb = view.span.doc[proposal.anchor]
    return any(token == verb or token.head == verb for token in support)
