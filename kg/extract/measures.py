"""Measures from the dependency parse: sanctions, tariffs, export controls, import bans and
support measures (see ``kg.extract.events`` for the other event types).

Triggers are lemmas of a lexical class, read with the parse, not word lists of one
phrasing (each set below names its class):

* duties and levies (Tariff): ``tariff``/``duty``/``levy``/``surtax``/``royalty``, and
  ``tax`` with a trade direction ("an export tax");
* blacklists (Sanction): ``sanction``/``blacklist``, a list named for entities or
  sanctions that a listing verb adds parties to ("placed X on its unreliable entity
  list"), and halting the *transit* of another country's goods;
* bans, bars, halts and curbs: ``ban``/``bar``/``prohibit``/``embargo``/``moratorium``
  and, with a trade direction word, an imposing or obligation verb ("required permits
  for …") or a named authority's possessive ("Beijing's licensing rules"), ``halt``/
  ``suspend``/``restrict``/``curb``/``control``/``licence``/``permit``/``quota``/
  ``limit`` — ImportBan when the phrase speaks of imports or of another country's goods
  ("a ban on Russian steel"), ExportControl when it speaks of exports, sales, shipments
  (also what is "made subject to licences" or "put under prior authorisation", and a
  participle before the trade noun in a list the authority keeps: "its list of restricted
  technology exports");
* support (SupportMeasure): ``grant``/``loan``/``subsidy``/``offtake``/``guarantee``/
  price floor/tax credit; a stake with a money amount or a prenominal percentage ("a 15%
  stake"); with a money amount in the sentence (any currency, written before or after the
  number: "$", "Rs", "170 billion won", "16,300 crore"), the funding verbs and nouns
  ``award``/``invest``/``allocate``/``lend``/``fund``/``finance``/``provide``/
  ``commit``/``pledge``/``promise``/``earmark``/``disburse``/``outlay``/``incentive``,
  buying a firm's stock or shares, putting money "into" something, and a body, fund or
  scheme created or approved with an amount bound to it (a project's "worth" is not
  funding); without an amount, a funding verb whose object is capital, equity or
  financing ("is expected to contribute capital").

A trigger that only modifies another noun ("sanctions package", "anti-dumping
investigation") is not a measure, except a sanctions package a state adopts or aligns with
("the EU's package, which Norway has adopted": Norway's sanction). Not measures either: a
stake a party holds (ownership), granting waivers or licences (permission), exemptions
from a duty, and support one is asked to give ("asked the US to finance a railway").

Roles (``kg.extract.syntax``): ``imposedBy`` = the trigger's possessor or the actor
modifying it ("China's controls", "US sanctions"), the passive agent ("imposed by the
EU"), else the subjects of its verb (coordinated subjects give several), else, when the
measure's clause is what an authority announced, said or confirmed ("the ministry
announced that exporters will need licences"; the EU is an authority), that authority,
else the country of a fronted "In <country>,", else, for traders obliged to get
permission ("Chinese converters have had to seek licences to export"), their country; who
approved a bill or passed a law "that bans …" imposes what it bans; ``targets`` =
actors after "on"/"against"/"including" (and "from" for imports, "to" for exports), nationality
adjectives included ("on Russian metals"), and the side that listed parties are
"linked/tied to" ("added entities linked to Russia's sector to its sanctions list");
``coversResource`` = resources in the
trigger's phrase and its verb's object, else those a pointing phrase refers back to ("all
three metals": the article's latest measure covering that many); support measures name
their ``beneficiary``
("awarded Lynas $96 million", "a grant to X", "a loan of $X to Y", "invest in X", the
passive subject, the subject of "receive"; a named project, mine or plant heading that
phrase, not the owner named in it: "a loan for Southern Copper's Tía María project"; but
who receives equity, "warrants for a 5% stake in X", provides it, and money received "in
the budget" is the state's); a support measure that states no beneficiary at all goes to
the company the story is about (the sentence's company, else the article's last one), and
so does one whose "for" phrase names only the price ("for a 15% stake", "for $5 million
of shares") or a facility the story spoke of ("a loan for the refinery"). Numbers bound
to the trigger's phrase: a tariff's ``rate`` (%), a support measure's ``amount`` +
``currency``, ``stake`` (%) or ``priceFloor`` (+ unit).
``modality`` from the parse (a measure whose relative clause says it has been imposed, "the
tariff Washington has charged since April", is asserted whatever the clause around it asks
of it); hypothetical and denied support measures are not extracted;
a restrictive measure only supposed or denied is, with that modality, when it is a measure
of its own: not in a question, not the lifting of a measure in force ("if Washington lifts
its tariffs"), not a negated fact ("Seoul has not imposed duties": a denial counts only of a
plan, report or intention, "denied plans to halt exports", "we are not banning exports"),
and not a measure the article has reported, again, unless it reaches new targets or goods.
A measure one asks to be exempted from, named with its rate, imposer or imposing clause
("exempt X from the 10% tariff Washington has charged"), is in force (asserted); whoever is
asked, urged or called on to impose a measure would impose it ("asked the EU to impose
sanctions": the EU); an extension covers what its "to" phrase adds ("extended its quotas to
copper concentrate": copper) and reaches the targets it names there (who extends a measure
already reported imposes it, though the extension be only proposed); "its ban" of an
imposer with an earlier measure is of that measure's type. Freezing export permits or
licences halts trade ("has frozen the export licence of X"); designating parties (a company
or organisation, or a plural of parties, as the one object, not "designated X a Strategic
Project") sanctions them; who issues a required permission ("a permit from the Ministry")
imposes it.

States of a measure, not only its announcement: the subject that "pays", "faces",
"carries" or "attracts" a tariff is its target (goods that carry a charge of a stated rate:
the article's authority imposed it; "its goods" the subject named before the pronoun); a
named authority's "licensing regime" is the measure; a ban with no trade direction that
falls on a named party ("a trade embargo on Cuba") is a sanction; a definite mention that
names no imposer ("those duties") takes the roles of a measure only spoken of before (in a
conditional or denied clause: not extracted, but remembered in ``Context.spoken_of``).

One candidate per mention: every trigger of a sentence is built (a word inside another
trigger's phrase, or coordinated with nothing of its own, is the same mention); the
subject that "faces" or "was hit by" a measure is its target; a measure that names no
imposer inherits the one of the article's earlier mention of that type when those agree
(not into a clause whose subject names someone else); a definite mention ("the ban")
that names no imposer or repeats an earlier measure, and adds no date or figure, gives no
candidate, nor does lifting a measure the reader knows ("will suspend the controls").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.dates import date_for
from kg.extract.quantities import MONEY_UNITS, SCALES, WORD_NUMBERS, DateMention, Quantity
from kg.extract.spans import (
    Context,
    Ent,
    Frame,
    SentenceView,
    names_of,
    places,
    type_of,
    unique,
)
from kg.extract.syntax import governor, modality, passive_subjects, subjects
from kg.rdf.terms import term

if TYPE_CHECKING:
    from spacy.tokens import Token

# duties and levies: charges a state puts on goods traded or extracted ("a 20% levy", "the
# royalty on nickel ore"); "tax" only with a trade direction ("an export tax")
TARIFF = {"tariff", "duty", "levy", "surtax", "surcharge", "royalty"}
SANCTION = {"sanction", "blacklist"}
STRONG_BAN = {"ban", "bar", "prohibit", "prohibition", "embargo", "moratorium"}
WEAK_BAN = {
    "halt",
    "suspend",
    "suspension",
    "restrict",
    "restriction",
    "curb",
    "control",
    "licence",
    "license",
    "licensing",
    "quota",
    "limit",
    "block",
    "cap",
    "stop",
    "freeze",  # "has frozen the export licence of X", "froze new export permits"
    "permit",  # permits and licences: a measure when required ("required permits for …")
    "authorisation",
    "authorization",
}
SUPPORT = {"grant", "loan", "subsidy", "subsidise", "subsidize", "offtake", "guarantee"}
SUPPORT_MONEY = {
    "award",
    "invest",
    "investment",
    "allocate",
    "lend",
    "fund",
    "finance",
    "financing",
    "provide",
    "commit",
    "pledge",
    "support",
    "back",
    "inject",
    "contribute",
    # money set apart for a purpose: "earmarked 170 billion won", "an outlay of Rs 16,300
    # crore", "disbursed $50 million", "a 72.8 billion rupee incentive"
    "earmark",
    "promise",
    "disburse",
    "outlay",
    "incentive",
    "budget",
    "credit",  # "extended a credit line of 90 million euros"
}
# tax relief a state gives: "a production tax credit", "a refundable tax offset", "an
# investment tax allowance", "a five-year tax holiday"
TAX_RELIEF = {"credit", "offset", "allowance", "break", "holiday", "rebate", "deduction"}
# what funding verbs give when no amount is named: "is expected to contribute capital"
FUNDING_OBJECTS = {"capital", "equity", "financing", "funding", "fund", "credit"}
EXPORT = {"export", "exporting", "exporter", "sale", "shipment", "delivery", "outbound", "overseas"}
IMPORT = {"import", "importing", "imported", "purchase", "entry", "inbound"}
# goods crossing a country to a third: stopping them is a measure against their owner
TRANSIT = {"transit", "transshipment"}
MEASURE_WORDS = TARIFF | SANCTION | STRONG_BAN | WEAK_BAN | {"control", "restriction"}
NOT_EVENT_HEADS = {
    "package",
    "investigation",
    "probe",
    "case",
    "petition",
    "regime",
    "law",
    "list",
    "program",
    "programme",
    "scheme",
    "policy",
    "war",
    "threat",
    "dispute",
    "relief",
    "evasion",
    "exemption",
    "waiver",
    "burden",
    "authority",
    "expert",
    "analyst",
    "lawyer",
    "official",
    "hike",
}
LIFTING = {
    "lift",
    "ease",
    "scrap",
    "remove",
    "repeal",
    "end",
    "suspend",
    "pause",
    "waive",
    "relax",
    "drop",
    "revoke",
    "withdraw",
}
RECEIVING = {"receive", "win", "secure", "get", "obtain", "apply", "seek", "land"}
ACTING = {
    "impose",
    "announce",
    "introduce",
    "expand",
    "extend",
    "tighten",
    "place",
    "set",
    "approve",
    "adopt",
    "unveil",
    "issue",
    "order",
    "slap",
    "levy",
    "apply",
    "add",
    "require",
    "suspend",
    "halt",
    "ban",
    "bar",
    "restrict",
    "award",
    "allocate",
    "grant",
    "lend",
    "provide",
    "invest",
    "take",
    "offer",
    "agree",
    "sign",
    "enact",
    "launch",
    "establish",
    "create",
    "raise",
    "hike",
    "put",
    "finalise",
    "finalize",
    "reimpose",
    "maintain",
    "keep",
    "broaden",
    "widen",
    "step",
    "escalate",
    "target",
    "commit",
    "pay",
    "spend",
    "acquire",
    "buy",
    "charge",
    # setting a new rate: "lowered the export duty to 3%", "cut the levy to 5%"
    "lower",
    "cut",
    "reduce",
    "increase",
    "double",
}
_MONEY = MONEY_UNITS
# nouns a support word can modify and still name the measure: "a floor price", "offtake
# agreements", "a loan guarantee"
SUPPORT_HEADS = {
    "price",
    "agreement",
    "contract",
    "deal",
    "guarantee",
    "facility",
    "funding",
    "financing",
    "support",
    "commitment",  # "a $465 million loan commitment"
    "line",  # "a credit line", "a loan line"
}
# nouns a restriction word can modify and still name the measure: "licensing requirements"
RESTRICTION_HEADS = {"requirement", "rule", "measure", "regime"}
# "added 20 entities to its sanctions list", "placed X on the export control list": the
# listing is the measure
LISTING = {"add", "place", "put", "include", "blacklist"}
# "Rusal was hit by U.S. sanctions", "Russian aluminium faces a U.S. tariff", "raw ore has
# carried a surcharge", "exports attract a 10% levy": the subject undergoes the measure
UNDERGOING = {"face", "suffer", "incur", "pay", "carry", "attract", "bear"}


@dataclass
class Trigger:
    kind: str
    token: Token
    verb: Token


def _lemma(token: Token) -> str:
    return str(token.lemma_).lower()


def _words(view: SentenceView, start: int, end: int) -> set[str]:
    doc = view.span.doc
    return {_lemma(doc[i]) for i in range(max(start, view.start), min(end, view.end))} | {
        doc[i].lower_ for i in range(max(start, view.start), min(end, view.end))
    }


def _phrase(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _object_phrase(verb: Token) -> tuple[int, int] | None:
    objs = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd", "nsubjpass")]
    return _phrase(objs[0]) if objs else None


def _direction(view: SentenceView, token: Token, verb: Token) -> str | None:
    low, high = token.i, token.i + 1
    spans = [(max(token.left_edge.i, token.i - 3), token.right_edge.i + 1)]
    if token.pos_ == "VERB":
        obj = _object_phrase(token)
        if obj:
            spans.append(obj)
        if token.dep_ == "amod" and token.head.i > token.i:  # "has capped cobalt exports"
            spans.append((token.i, token.head.i + 1))
    elif token.dep_ == "amod" and token.head.i > token.i:  # "restricted technology exports"
        spans.append((token.i, token.head.i + 1))
    elif token.head.i != token.i and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"):
        spans.append((min(low, token.head.i), high))
        if token.dep_ == "dobj":  # "exporters of gallium need licences"
            spans += [_phrase(c) for c in token.head.children if c.dep_ == "nsubj"]
            # "have had to seek licences to export …": the purpose clause's own verb
            spans += [
                (c.i, c.i + 1)
                for c in token.head.children
                if c.dep_ in ("xcomp", "advcl") and c.i > token.i and token.lower_ != "it"
            ]
            # "expanded curbs on exports of X": the parse hangs the trigger's own "on" or
            # "for" phrase on the verb
            spans += [
                _phrase(c)
                for c in token.head.children
                if c.dep_ == "prep" and c.lower_ in ("on", "for") and c.i == token.right_edge.i + 1
            ]
        placed = _placed_under(token)
        if placed is not None:  # "put exports of copper under prior authorisation"
            spans += [_phrase(c) for c in placed.children if c.dep_ in ("dobj", "nsubjpass")]
        subject_to = _subject_to(token)
        if subject_to is not None:  # "made exports of X subject to licences"
            spans += [_phrase(c) for c in subject_to.children if c.dep_ in ("nsubj", "nsubjpass")]
            clause = _subject_clause(subject_to)
            spans += [_phrase(c) for c in clause.children if c.dep_ in ("nsubj", "dobj")]
    words: set[str] = set()
    for a, b in spans:
        words |= _words(view, a, b)
    if words & IMPORT:
        return "ImportBan"
    if words & EXPORT:
        return "ExportControl"
    if words & TRANSIT:
        return "Sanction"  # "halted the transit of Belarusian potash": against its owner
    return None


def _fronted_name(verb: Token) -> list[Token]:
    """ "Kinshasa capped cobalt exports at …": a name before a past-tense verb with no
    subject, which the parser took for an adverbial noun, is the verb's subject."""
    if verb.tag_ not in ("VBD", "VBN") or any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    ):
        return []
    return [
        c
        for c in verb.children
        if c.dep_ == "npadvmod" and c.i < verb.i and c.pos_ == "PROPN" and c.i == c.left_edge.i
    ]


def _placed_under(token: Token) -> Token | None:
    """The verb of "put exports of copper concentrate under prior authorisation", "placed
    shipments under licensing" when ``token`` is what the goods are put under."""
    if token.dep_ != "pobj" or token.head.lower_ != "under":
        return None
    verb = token.head.head
    return verb if _lemma(verb) in LISTING and verb.pos_ == "VERB" else None


def _subject_to(token: Token) -> Token | None:
    """The adjective "subject" of "exports are subject to licences" or "made exports
    subject to licensing" when ``token`` is what they are subject to."""
    if token.dep_ != "pobj" or token.head.lower_ != "to":
        return None
    adjective = token.head.head
    return adjective if adjective.lower_ == "subject" and adjective.pos_ == "ADJ" else None


def _adjective_stem(token: Token) -> str:
    """The verb of a participle the tagger took for an adjective ("restricted exports",
    "banned shipments", "controlled items"): the lemma without its "-ed"."""
    lemma = _lemma(token)
    if token.pos_ != "ADJ" or not lemma.endswith("ed"):
        return lemma
    stem = lemma[:-2]
    return stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem


def _subject_clause(subject: Token) -> Token:
    """The verb whose object is made "subject to" something: the head of a complement
    ("made exports subject to licences"), else the verb the parse hangs the phrase under
    ("made shipments of ore subject to permits" read as "of … subject")."""
    if subject.dep_ in ("ccomp", "xcomp", "oprd", "acomp"):
        return subject.head
    return governor(subject)


def _is_trigger(view: SentenceView, token: Token, found: list[Quantity]) -> str | None:
    lemma, lower = _adjective_stem(token), token.lower_
    money = any(_is_money(q) for q in found)
    if token.dep_ in ("compound", "amod") and token.head.i != token.i:
        head = _lemma(token.head)
        supported = (lemma in SUPPORT or lemma in ("floor", "credit")) and head in SUPPORT_HEADS
        restricting = (lemma in WEAK_BAN or lemma in STRONG_BAN) and head in RESTRICTION_HEADS
        listed = _listing(token.head) is not None  # "added X to its export control list"
        # "added X to its list of restricted technology exports": a list of trade the
        # listing authority restricts
        of_list = token.head.head.head if token.head.dep_ == "pobj" else token.head
        listed = listed or (
            (lemma in WEAK_BAN or lemma in STRONG_BAN)
            and head in EXPORT | IMPORT
            and token.head.head.lower_ == "of"
            and _listing(of_list) is not None
        )
        # "Congo has capped cobalt exports at …": a finite verb (its own auxiliary) the
        # parser hung on the traded goods as a modifier still restricts that trade
        finite = (
            (lemma in WEAK_BAN or lemma in STRONG_BAN)
            and head in EXPORT | IMPORT
            and token.pos_ == "VERB"
            and (any(c.dep_ in ("aux", "nsubj") for c in token.children) or _fronted_name(token))
        )
        adopted = lemma in SANCTION and _adopter(token.head) is not None
        if not (supported or restricting or listed or finite or adopted) and (
            head in NOT_EVENT_HEADS or (head not in MEASURE_WORDS and lemma not in EXPORT)
        ):
            return None
    if token.pos_ not in ("NOUN", "VERB", "PROPN", "ADJ"):
        return None
    if lemma in LIFTING and any(
        c.dep_ in ("dobj", "nsubjpass")
        and _lemma(c) in MEASURE_WORDS
        and _lemma(c) not in PERMISSIONS  # "suspended export licences": trade halted
        for c in token.children
    ):
        return None  # "will suspend the export controls": lifting a measure, not imposing one
    if lemma in TARIFF or lower in ("tariffs", "duties", "levies"):
        if lemma == "duty" and token.dep_ == "pobj" and token.head.lower_ in ("on", "off"):
            return None
        if _exempted_from(token) and not _specified(view, token, found):
            return None  # "exemptions from customs duty": relief from a charge, not one
        return "Tariff"
    if lemma in SANCTION or lower in ("sanctions", "sanctioned"):
        return "Sanction"
    if lemma == "designate" and _designates_parties(view, token):
        return "Sanction"  # "OFAC designated 14 of the companies", "X were designated"
    if lemma == "floor" or (lemma == "price" and token.head.lower_ == "floor"):
        return "SupportMeasure" if lemma == "floor" else None
    if lemma == "stake" and (money or _bound(token, found, "%", before=True)):
        if _held(token):
            return None  # "the state holds a 22% stake in X": ownership, not an act
        return "SupportMeasure"  # "took a 15% stake", "a stake for $400 million"
    if lemma == "list" and _listing(token) and _blacklist(token):
        return "Sanction"  # "placed X on its unreliable entity list"
    if lemma == "tax" and any(
        c.dep_ in ("compound", "amod") and _lemma(c) in EXPORT | IMPORT for c in token.children
    ):
        return "Tariff"  # "an export tax", "import taxes"
    if lemma in TAX_RELIEF and any(c.lower_ in ("tax", "taxes") for c in token.children):
        return "SupportMeasure"  # "a refundable tax offset", "an investment tax allowance"
    if lemma in SUPPORT and token.pos_ == "VERB" and _grants_permission(token):
        return None  # "licences have been granted", "granted waivers": permission, not money
    if lemma in SUPPORT or (lemma in SUPPORT_MONEY and money):
        return "SupportMeasure"
    if lemma in SUPPORT_MONEY and token.pos_ == "VERB" and _funds(token):
        return "SupportMeasure"
    if money and token.pos_ == "VERB" and _buys_equity(token):
        return "SupportMeasure"  # "agreed to buy $400 million of preferred stock"
    if money and lemma == "put" and any(t.lower_ == "into" for t in token.subtree):
        return "SupportMeasure"  # "is putting €106 million into Caremag"
    if money and _funded(token, found):
        return "SupportMeasure"
    if lemma in STRONG_BAN or lemma in WEAK_BAN or lower in ("banned", "bans", "barred"):
        if lemma == "bar" and token.pos_ != "VERB":
            return None
        holder = token.head if token.dep_ == "compound" else token  # "licensing requirements"
        direction = _direction(view, token, token)
        if direction is None and lemma in WEAK_BAN and not _imposed(holder):
            return None
        return direction or "Ban"
    return None


# who a designation lists: "designated the companies", "designated 14 of the firms"
PARTIES = {"company", "firm", "entity", "individual", "person", "trader", "vessel", "bank"}


def _designates_parties(view: SentenceView, verb: Token) -> bool:
    """ "The US designated the companies", "X and Y were designated for …": designating
    parties (one object, a company or organisation, or a plural of parties) lists them
    for sanctions; "designated Alvão a Strategic Project" or "designated as" names a
    status instead."""
    if verb.pos_ != "VERB":
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "oprd")]
    if len(objects) != 1 or any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return False
    head = objects[0]
    if head.dep_ == "oprd":
        return False
    # "14 of the companies": the parties the number counts
    counted = [g for c in head.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for noun in (head, *counted):
        named = [e for e in view.ents if e.start <= noun.i < e.end]
        if named and all(e.type in ("Company", "Organization") for e in named):
            return True
        if noun.tag_ == "NNS" and _lemma(noun) in PARTIES:
            return True
    return False


# relief words: "exemptions from customs duty", "exempted cathodes from the levy"
EXEMPTING = {"exemption", "exempt", "waiver", "relief", "exclusion", "exclude", "spare"}
# possession verbs: a stake someone "holds" or "owns" is a standing fact, not support given
POSSESSING = {"hold", "own", "have", "retain", "keep", "control"}
# what granting gives when it is permission, not money: "granted waivers / licences"
PERMISSIONS = {
    "licence",
    "license",
    "permit",
    "waiver",
    "exemption",
    "approval",
    "authorisation",
    "authorization",
    "access",
    "visa",
    "request",
    "status",
}


def _exempts(word: Token) -> bool:
    return _lemma(word) in EXEMPTING or _adjective_stem(word) in EXEMPTING


def _exempted_from(token: Token) -> bool:
    """The measure noun of "exempt X from the duty", "an exemption from the tariff" (the
    parse may hang "from" on the exempted thing: "exempt ferronickel from the tariff")."""
    if token.dep_ != "pobj" or token.head.lower_ != "from":
        return False
    word = token.head.head
    return _exempts(word) or (word.dep_ == "dobj" and _exempts(word.head))


def _specified(view: SentenceView, token: Token, found: list[Quantity]) -> bool:
    """A measure phrase that states what measure it is: its rate ("the 10% tariff"), its
    imposer ("the US duty", "Washington's levy") or the act that imposed it ("the tariff
    Washington has charged"); "exemptions from customs duty" states none of them."""
    a, b = _phrase(token)
    if any(q.unit == "%" and a <= q.start < b for q in found):
        return True
    for child in token.children:
        modifier = child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < token.i
        if modifier and any(e.is_actor for e in _ents_in(view, *_phrase(child))):
            return True
        if child.dep_ in ("relcl", "acl") and _lemma(child) in IMPOSING:
            return True
    return False


def _unreal_clause(token: Token) -> bool:
    """A relative clause of the measure noun that only plans or supposes it ("the tariff
    Washington plans to impose", "a duty that could follow")."""
    for clause in token.children:
        if clause.dep_ not in ("relcl", "acl"):
            continue
        modal = any(c.dep_ == "aux" and c.lower_ in MODAL_WORDS for c in clause.children)
        if modal or _lemma(clause) in UNREAL_VERBS:
            return True
    return False


# modal auxiliaries: a clause with one supposes, it does not state ("a duty that could follow")
MODAL_WORDS = frozenset(
    {"will", "would", "could", "might", "may", "can", "shall", "should", "must", "'ll", "'d"}
)
UNREAL_VERBS = {"plan", "propose", "threaten", "consider", "weigh", "intend", "mull"}


def _held(stake: Token) -> bool:
    """ "The state holds a 22% stake": possessed, unless the holding is yet to come ("would
    hold a 30% stake in the refinery": support planned)."""
    verb = stake.head
    if stake.dep_ != "dobj" or _lemma(verb) not in POSSESSING:
        return False
    return not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in verb.children)


def _grants_permission(verb: Token) -> bool:
    """ "granted waivers", "licences were granted"; not "granted credit approval" (money)."""
    return any(
        c.dep_ in ("dobj", "nsubjpass")
        and _lemma(c) in PERMISSIONS
        and not any(_lemma(g) in SUPPORT | FUNDING_OBJECTS for g in c.children)
        for c in verb.children
    )


# what a provider does to support: "a $2.26 billion loan it agreed last year", "the grant the
# agency awarded in May"
GIVING = {
    "agree",
    "approve",
    "extend",
    "award",
    "grant",
    "provide",
    "arrange",
    "sign",
    "commit",
    "pledge",
    "lend",
    "make",
    "announce",
}
IMPOSING = {
    "impose",
    # "the 30% tariff Washington has charged on …", "the duties Commerce has applied"
    "charge",
    "apply",
    "introduce",
    "tighten",
    "enforce",
    "slap",
    "announce",
    "expand",
    "extend",
    # obligation verbs: "Beijing required licences for …", "mandated permits"
    "require",
    "mandate",
}


_NOMINAL_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")


def _nominal(token: Token) -> bool:
    """A noun, or a word the tagger took for a verb where only a noun can stand ("the
    licensing rules Beijing imposed": "rules" as the subject)."""
    return token.pos_ in ("NOUN", "PROPN") or (
        token.dep_ in _NOMINAL_DEPS and any(c.dep_ == "det" for c in token.children)
    )


def _imposed(token: Token) -> bool:
    """ "restrictions imposed by X", "the requirements Beijing imposed", "China imposed
    curbs on …": a restriction word whose own verb imposes it is a measure even when no
    trade direction is named."""
    if not _nominal(token):
        return False
    if token.dep_ in ("dobj", "nsubjpass") and _lemma(token.head) in IMPOSING:
        return True
    if any(
        c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her") for c in token.children
    ):
        return True  # "Beijing's licensing rules": a named authority's restriction
    return any(c.dep_ in ("acl", "relcl") and _lemma(c) in IMPOSING for c in token.children)


CREATING = {"establish", "create", "launch", "set", "open"}
# approving verbs: a cabinet or parliament approving a funded scheme creates it
APPROVING = {"approve", "unveil", "endorse", "sanction", "clear"}


def _is_money(q: Quantity) -> bool:
    return bool(q.unit) and str(q.unit).split("/")[0] in _MONEY


def _bound(token: Token, found: list[Quantity], unit: str, before: bool = False) -> bool:
    """A quantity of ``unit`` inside the phrase of ``token`` ("a 15% stake"); ``before``:
    only as its modifier (not "stakes of no more than 49%", a cap on any stake)."""
    a, b = _phrase(token)
    b = token.i if before else b
    return any(q.unit == unit and a <= q.start < b for q in found)


# valuation words: "two projects worth $3.1 billion" gives the projects' value, not funding
VALUING = {"worth", "value", "valued", "cost", "costing"}


# what a "worth" names the funding of: "a scheme worth 7,280 crore rupees" is its money
FUNDING_VEHICLES = {
    "scheme",
    "programme",
    "program",
    "fund",
    "plan",
    "facility",
    "incentive",
    "subsidy",
    "mission",
    "initiative",
}


def _valuation(q: Quantity, doc_token: Token) -> bool:
    if _lemma(doc_token) in FUNDING_VEHICLES:
        return False
    head = doc_token.doc[q.start].head
    for _ in range(3):
        if _lemma(head) in VALUING or head.lower_ in VALUING:
            return True
        head = head.head
    return False


def _funded(token: Token, found: list[Quantity]) -> bool:
    """ "will establish a A$1.2 billion Critical Minerals Reserve", "has set aside a $500
    million facility" (set up or aside, not "set a target"), "approved a 72.8
    billion rupee incentive scheme", "approved the Mission with an outlay of Rs 16,300
    crore": a body, fund, facility or scheme created or approved with an amount of money
    bound to it is support, whatever its name."""
    worth = token.head if token.dep_ == "nsubj" and token.head.lower_ == "worth" else None
    if worth is not None and _lemma(token) in FUNDING_VEHICLES and worth.dep_ == "oprd":
        # "approved last month a scheme worth 7,280 crore rupees": the parse reads a small
        # clause ("[a scheme] worth …") as the verb's complement
        verb, (a, b) = worth.head, (token.left_edge.i, worth.right_edge.i + 1)
    elif token.dep_ == "dobj":
        verb, (a, b) = token.head, _phrase(token)
    else:
        return False
    if _lemma(verb) not in CREATING | APPROVING:
        return False
    if _lemma(verb) == "set" and not any(c.lower_ in ("up", "aside") for c in verb.children):
        return False
    return any(_is_money(q) and a <= q.start < b and not _valuation(q, token) for q in found)


# buying a company's equity: a state that buys stock or shares in a firm supports it
EQUITY_BUYING = {"buy", "acquire", "purchase", "subscribe"}
EQUITY = {"stock", "share", "equity", "stake", "bond", "warrant"}


def _buys_equity(verb: Token) -> bool:
    if _lemma(verb) not in EQUITY_BUYING:
        return False
    return any(
        _lemma(t) in EQUITY for c in verb.children if c.dep_ in ("dobj", "prep") for t in c.subtree
    )


def _funds(verb: Token) -> bool:
    """A funding verb whose object is money of no stated amount: "is expected to
    contribute capital", "will provide financing"."""
    return any(
        c.dep_ == "dobj" and _lemma(c) in FUNDING_OBJECTS and c.pos_ == "NOUN"
        for c in verb.children
    )


# list nouns that name a blacklist: "entity list", "unreliable entity list", "blacklist"
BLACKLISTS = {"entity", "blacklist", "sanction", "sanctions", "designation"}


def _blacklist(noun: Token) -> bool:
    return any(c.dep_ in ("compound", "amod") and _lemma(c) in BLACKLISTS for c in noun.children)


def _listing(noun: Token) -> Token | None:
    """The verb of "added X to its sanctions list" when ``noun`` is that list."""
    if _lemma(noun) != "list" or noun.dep_ != "pobj" or noun.head.lower_ not in ("to", "on"):
        return None
    verb = noun.head.head
    for _ in range(4):  # "added entities linked to Russia's sector to its list": the parse
        # hangs the list on the participle; climb it and the object it modifies
        climb = ("acl", "relcl", "advcl", "xcomp", "dobj", "conj")
        if _lemma(verb) in LISTING:
            break
        # "added tungsten and four other metals to its list": the parser can take the
        # listing verb for a modifier of the listed thing
        modifier = [c for c in verb.children if c.dep_ == "amod" and _lemma(c) in LISTING]
        if modifier:
            return modifier[0]
        if verb.dep_ not in climb:
            break
        verb = verb.head
    if _lemma(verb) in LISTING:
        return verb
    # a misparsed coordination ("responded with tariffs … and added X to its list"): the
    # nearest listing verb before the listed things, tagged a verb whatever its relation
    prep = noun.head
    for j in range(prep.i - 1, max(prep.sent.start, prep.i - 12) - 1, -1):
        word = noun.doc[j]
        if word.tag_.startswith("VB") and _lemma(word) in LISTING:
            return word
    return None


def find_triggers(view: SentenceView, found: list[Quantity]) -> list[Trigger]:
    """Measure triggers of the sentence: every mention, except a word inside another
    trigger's phrase of the same type or coordinated with it ("tariffs and duties")."""
    doc = view.span.doc
    # "20 billion won": a verb the parser finds inside a quantity is no clause's verb
    inside = {j for q in found for j in range(q.start, q.end)}
    out: list[Trigger] = []
    for i in range(view.start, view.end):
        token = doc[i]
        kind = _is_trigger(view, token, found)
        if kind is None:
            continue
        if any(
            (token.head == t.token and (token.dep_ != "conj" or _bare(token)))
            or _same_phrase(token, t.token)
            for t in out
            if t.kind == kind
        ):
            continue
        restricting = kind != "SupportMeasure" and _lemma(token.head) in RESTRICTION_HEADS
        if (
            token.dep_ in ("compound", "amod")
            and _nominal(token.head)
            and (kind == "SupportMeasure" or restricting)
        ):
            token = token.head  # "a loan guarantee for X": the phrase's head holds the roles
        listing = _listing(token.head) if token.dep_ == "compound" else _listing(token)
        subject_to = _subject_to(token)
        clause = _subject_clause(subject_to) if subject_to is not None else None
        if clause is not None and _lemma(clause) != "be":
            listing = clause  # "made exports subject to licences"
        adopter = _adopter(token.head) if token.dep_ == "compound" else None
        verb = listing or adopter or governor(token)
        if verb.i in inside and verb.head != verb:
            verb = governor(verb.head)
        out.append(Trigger(kind, token, verb))
    return out


# taking over another's measures: "Norway adopted the EU's sanctions package", "the package,
# which Switzerland has adopted in full", "aligned itself with the EU's sanctions package"
ADOPTING = {"adopt", "implement", "align", "transpose", "mirror", "enforce"}
_PACKAGES = {"package", "round", "regime"}


def _adopter(noun: Token) -> Token | None:
    """The verb by which a state takes over a sanctions ``noun`` ("package") as its own."""
    if _lemma(noun) not in _PACKAGES:
        return None
    if noun.dep_ == "dobj" and _lemma(noun.head) in ADOPTING:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "with" and _lemma(noun.head.head) in ADOPTING:
        return noun.head.head
    for child in noun.children:  # "the package, which Switzerland has adopted"
        subject = any(
            g.dep_ == "nsubj" and g.lower_ not in ("that", "which") for g in child.children
        )
        if child.dep_ in ("relcl", "acl") and _lemma(child) in ADOPTING and subject:
            return child
    return None


def _bare(token: Token) -> bool:
    """A coordinated trigger with nothing of its own ("tariffs and duties"), not a second
    measure ("a 25% tariff on X and a 10% tariff on Y")."""
    return all(c.dep_ in ("cc", "punct", "amod", "compound") for c in token.children)


def _same_phrase(token: Token, trigger: Token) -> bool:
    """``token`` lies in ``trigger``'s phrase without a clause between them ("a ban on
    banned goods"); "financing provided by EFA, which has lent …" is two clauses."""
    if token.i not in _range(trigger) or (token.dep_ == "conj" and not _bare(token)):
        return False
    current = token.head
    while current != trigger and current.head != current:
        if current.pos_ in ("VERB", "AUX"):
            return False
        current = current.head
    return True


def _range(token: Token) -> range:
    return range(token.left_edge.i, token.right_edge.i + 1)


def _ents_in(view: SentenceView, start: int, end: int) -> list[Ent]:
    return [e for e in view.ents if start <= e.start and e.end <= end]


_GROUP_NOUNS = {
    "government",
    "ministry",
    "department",
    "administration",
    "regulator",
    "authority",
    "bloc",
    "country",
    "cabinet",
    "state",
    "package",
    "order",
    "rule",
    "decree",
    "announcement",
    "measure",
    "move",
    "statement",
    "notice",
}


# "the Government", "the administration": the nation the article is about, not the last body
_NATION_NOUNS = {"government", "administration", "cabinet", "state"}


def _home_nation(view: SentenceView, ctx: Context) -> str | None:
    """The country "the government" is: the one the article names most, unless the
    article's measures so far fall on that country and one other country imposed them
    all (an article on sanctions against Russia names Russia most)."""
    nation = ctx.main_nation()
    if nation is None or not any(nation in m[2] for m in ctx.measures):
        return nation
    imposers = {i for m in ctx.measures for i in m[1] if type_of(view, i) == "Country"}
    return imposers.pop() if len(imposers) == 1 and nation not in imposers else nation


def _actors_of(view: SentenceView, token: Token, ctx: Context, demonyms: bool = False) -> list[str]:
    """Actors a phrase names: the entity at its head, else the entities of the phrase
    (without relative clauses and prepositional tails other than "of"), else its
    apposition; "it"/"they"/"he" and "the government" resolved from context."""

    def usable(e: Ent) -> bool:
        return e.is_actor and (demonyms or not e.demonym)

    at_head = [e for e in view.ents if e.start <= token.i < e.end and usable(e)]
    if at_head and at_head[0].text.lower() not in _GROUP_NOUNS:  # not "the Government"
        # "the two governments": a plural description names two actors on the same tokens
        same = (at_head[0].start, at_head[0].end)
        return unique([e.slug for e in at_head if (e.start, e.end) == same])
    a, b = _phrase(token)
    cut = [
        c
        for c in token.children
        if c.i > token.i
        and (c.dep_ in ("relcl", "acl", "appos") or (c.dep_ == "prep" and c.lower_ != "of"))
    ]
    if cut:
        b = min(b, min(c.left_edge.i for c in cut))
    found = [e for e in _ents_in(view, a, b) if usable(e)]
    if not found:
        for child in token.children:
            if child.dep_ == "appos":
                found = [e for e in _ents_in(view, *_phrase(child)) if usable(e)]
                break
    owners = [c for c in token.children if c.dep_ == "poss" and c.lower_ in ("its", "their")]
    if not found and owners:  # "on its oil sector": the possessor named before
        before = [e for e in view.ents if e.end <= owners[0].i and view.is_possessive(e)]
        if before:
            return [before[-1].slug]
        # "Namibia notes that its goods …": the subject named before the pronoun
        doc = view.span.doc
        before = [
            e
            for e in view.ents
            if e.end <= owners[0].i
            and e.is_actor
            and not e.demonym
            and doc[e.end - 1].dep_ in ("nsubj", "nsubjpass")
        ]
        if before:
            return [before[-1].slug]
        return [ctx.last_group] if ctx.last_group else []
    if not found and token.lower_ in ("it", "they", "he", "she", "we"):
        speaker = _speaker(view, token, ctx)
        if speaker:
            return [speaker]
        if token.lower_ in ("he", "she") and ctx.last_person:
            return [ctx.last_person]
        return [ctx.last_group] if ctx.last_group else []
    found = [e for e in found if e.text.lower() not in _GROUP_NOUNS]
    if not found and _lemma(token) in _GROUP_NOUNS:
        # "the Australian Government": the nationality's country; "the ministry": the
        # authority the article spoke of
        nationality = [e.slug for e in view.ents if e.demonym and a <= e.start and e.end <= token.i]
        nation = _home_nation(view, ctx) if _lemma(token) in _NATION_NOUNS else None
        nation = ctx.last_bloc if _lemma(token) == "bloc" else nation
        who = nationality[0] if nationality else (nation or ctx.last_authority or ctx.last_group)
        return [who] if who else []
    return unique([e.slug for e in found])


def phrase_actors(view: SentenceView, token: Token, ctx: Context) -> list[str]:
    """The actors a noun phrase names, nationality adjectives included ("U.S. officials")."""
    return _actors_of(view, token, ctx, demonyms=True)


def _speaker(view: SentenceView, token: Token, ctx: Context) -> str | None:
    """ "Perpetua said the Army had awarded it …": a pronoun inside what an actor said is
    that actor."""
    current = token
    for _ in range(6):
        if current.head == current:
            return None
        current = current.head
        if _lemma(current) in ("say", "announce", "tell", "report", "state", "confirm"):
            for child in current.children:
                if child.dep_ == "nsubj" and child.i != token.i:
                    got = [e for e in view.ents if e.start <= child.i < e.end and e.is_actor]
                    if got and not got[0].demonym:
                        return got[0].slug
            return None
    return None


def undergoers(token: Token) -> list[Token]:
    """Who a measure noun falls on by the clause's shape: the passive subject of "was hit
    by U.S. sanctions", the subject of "faces a 200% tariff", "is subject to / under
    sanctions"."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "agent":
        return passive_subjects(head.head)
    if token.dep_ == "dobj" and _lemma(head) in UNDERGOING:
        return [c for c in head.children if c.dep_ == "nsubj"]
    if token.dep_ == "pobj" and head.lower_ in ("under", "to"):
        verb = head.head
        if head.lower_ == "to" and _lemma(verb) == "subject" and verb.dep_ == "acomp":
            verb = verb.head
        if _lemma(verb) == "be" and (head.lower_ == "under" or verb is not head.head):
            return [c for c in verb.children if c.dep_ == "nsubj"]
    return []


def _person_bodies(actors: list[str], view: SentenceView, ctx: Context) -> list[str]:
    """A person who imposes or grants acts for where their title holds ("U.S. President
    Donald Trump ordered the tariffs": the United States too)."""
    out = list(actors)
    for slug in actors:  # ``ctx.roles`` holds people only, named in the registry or not
        if slug in ctx.roles:
            out.append(ctx.roles[slug])
    return unique(out)


def _imposers(view: SentenceView, trig: Trigger, ctx: Context) -> list[str]:
    return _person_bodies(_stated_imposers(view, trig, ctx), view, ctx)


def _stated_imposers(view: SentenceView, trig: Trigger, ctx: Context) -> list[str]:
    token = trig.token
    if token.pos_ != "VERB":
        for child in token.children:  # "China's controls", "US sanctions", "Chinese curbs"
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < token.i:
                got = _actors_of(view, child, ctx, demonyms=True)
                if got:
                    return got
        clauses = list(token.children)  # "a loan of $2 billion it applied for from X"
        clauses += [
            g for c in token.children if c.lower_ == "of" for o in c.children for g in o.children
        ]
        for child in clauses:  # "sanctions imposed by the EU"
            # "applied for" is asking for the measure ("a loan it has applied for")
            asked = any(g.dep_ == "prep" and g.lower_ == "for" for g in child.children)
            # "the duties that Commerce has applied": a relative clause the parse may
            # label a participle modifier (acl) though it has its own subject
            giving = trig.kind == "SupportMeasure" and _lemma(child) in GIVING
            if (
                child.dep_ in ("relcl", "acl")
                and (_lemma(child) in IMPOSING or giving)
                and not asked
            ):
                # "the requirements Beijing imposed in April"
                got = [
                    s
                    for g in child.children
                    if g.dep_ == "nsubj" and g.lower_ not in ("that", "which")
                    for s in _actors_of(view, g, ctx)
                ]
                if got:
                    return unique(got)
            if child.dep_ in ("acl", "relcl"):
                for agent in child.children:
                    from_ = agent.dep_ == "prep" and agent.lower_ == "from"
                    if agent.dep_ == "agent" or (from_ and trig.kind == "SupportMeasure"):
                        # "a loan it has applied for from the Export-Import Bank"
                        got = [
                            s
                            for g in agent.children
                            if g.dep_ == "pobj"
                            for s in _actors_of(view, g, ctx)
                        ]
                        if got:
                            return unique(got)
        for child in token.children:  # "a ban by the EU"
            # "a ban by the EU", "a loan from X"; "a duty on anodes from China" names a target
            # "required a permit from the Ministry": who issues a required permission
            issued = trig.kind == "SupportMeasure" or _lemma(token) in PERMISSIONS
            by = ("by", "from") if issued else ("by",)
            if child.dep_ == "prep" and child.lower_ in by:
                got = [
                    s for g in child.children if g.dep_ == "pobj" for s in _actors_of(view, g, ctx)
                ]
                if got:
                    return unique(got)
    verb = trig.verb
    if undergoers(token):
        return []  # "Rusal was hit by sanctions": Rusal did not impose them
    if trig.kind == "SupportMeasure" and _lemma(verb) in RECEIVING:  # "received a grant from X"
        if _equity_taken(token, verb):
            # "the department will receive warrants for a 5% stake in the company": who
            # receives equity is the state that supports the firm
            return unique([s for g in subjects(verb) for s in _actors_of(view, g, ctx)])
        got = []
        for t in (token, verb):
            for prep in t.children:
                if prep.dep_ in ("prep", "agent") and prep.lower_ in ("from", "by"):
                    a, b = _phrase(prep)
                    got += [e.slug for e in _ents_in(view, a, b) if e.is_actor and not e.demonym]
                    # "from the Malaysian government": the nationality's country
                    got += [
                        s
                        for g in prep.children
                        if g.dep_ == "pobj" and _lemma(g) in _NATION_NOUNS
                        for s in _actors_of(view, g, ctx)
                    ]
        if not got and _from_budget(token, verb):
            # "received 210 million pesos in this year's federal budget": the state's money
            nation = _home_nation(view, ctx)
            got = [nation] if nation else []
        return unique(got)
    direct = (
        token == verb
        or token.head == verb
        or (token.dep_ == "conj" and token.head.head == verb)
        or _subject_to(token) is not None
    )
    if not direct and _lemma(verb) not in ACTING:
        return []  # "feeling the grind of sanctions": the subject did not impose them
    heads = _asked_party(verb) or subjects(verb) or _fronted_name(verb)
    out: list[str] = []
    for head in heads:
        out += _actors_of(view, head, ctx)
    if not out and verb.dep_ == "relcl" and verb.head.dep_ == "dobj" and heads == [verb.head]:
        # "approved a bill that would ban exports", "passed a law that bans …": the text
        # bans nothing by itself; who adopted it imposes the measure
        for head in subjects(verb.head.head):
            out += _actors_of(view, head, ctx)
    if not out and trig.kind != "SupportMeasure" and _obliged(verb):
        # "Chinese converters have had to seek licences to export …": permission traders
        # must get comes from their own state
        out = [
            s
            for head in heads
            for s in _actors_of(view, head, ctx, demonyms=True)
            if type_of(view, s) == "Country"
        ]
    return unique(out) or _announcer(view, verb, ctx)


def _asked_party(verb: Token) -> list[Token]:
    """ "Paris would ask the European Union to impose sanctions", "urged Washington to
    restrict purchases": the one asked is who would impose the measure, not the asker."""
    if verb.dep_ != "xcomp" or _lemma(verb.head) not in REQUESTING:
        return []
    asked = [c for c in verb.head.children if c.dep_ == "dobj"]
    if not asked:  # "called on the government to ban …"
        asked = [
            g
            for c in verb.head.children
            if c.dep_ == "prep" and c.lower_ == "on"
            for g in c.children
            if g.dep_ == "pobj"
        ]
    return asked + [c for a in asked for c in a.conjuncts]


# needing what an authority requires: "exporters need licences", "have needed a permit"
NEEDING = {"need", "require"}


def _obliged(verb: Token) -> bool:
    """ "need licences", "have had to seek licences", "need to obtain permits": an
    obligation to get permission, not a request for it ("applied for licences")."""
    if _lemma(verb) in NEEDING:
        return True
    return (
        _lemma(verb) in RECEIVING and verb.dep_ == "xcomp" and _lemma(verb.head) in ("have", "need")
    )


def _equity_taken(token: Token, verb: Token) -> bool:
    """The support noun is equity (a stake, warrants, shares) the receiving verb's subject
    takes: "will receive warrants for a 5% stake", "received shares in X"."""
    current = token
    while current != verb and current.head != current:
        if _lemma(current) in EQUITY:
            return True
        current = current.head
    return False


# the public budget: money "in" or "from" it is the state's
_BUDGETS = {"budget", "appropriation", "appropriations"}


def _from_budget(token: Token, verb: Token) -> bool:
    return _lemma(token) in _BUDGETS or any(
        _lemma(g) in _BUDGETS
        for t in (token, verb)
        for prep in t.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "under", "through")
        for g in prep.children
        if g.dep_ == "pobj"
    )


# verbs of stating an official act: "the EU confirmed that imports will be banned"
ANNOUNCING = {
    "announce",
    "say",
    "state",
    "declare",
    "decide",
    "rule",
    "order",
    "decree",
    "confirm",
    "publish",
    "notify",
    "inform",
}
_AUTHORITIES = ("Country", "GovernmentBody", "StateEntity")


def is_authority(view: SentenceView, slug: str) -> bool:
    """A state, a state body, or an organisation that government bodies answer to (the
    European Union: its Commission and Council have it as their jurisdiction)."""
    return type_of(view, slug) in _AUTHORITIES or view.registry.governs_bodies(slug)


def _announcer(view: SentenceView, verb: Token, ctx: Context) -> list[str]:
    """ "The ministry announced that exporters will need licences", "Beijing said foreign
    buyers must apply for permits": a measure clause whose own subject names no actor is
    imposed by the authority that announces it (the subject of the announcing verb the
    clause is the complement of)."""
    clause = verb
    for _ in range(3):
        if clause.dep_ in ("ccomp", "xcomp", "conj") and clause.head != clause:
            head = clause.head
            if _lemma(head) in ANNOUNCING:
                # a minister who announces it speaks for where the title holds
                said = _person_bodies(
                    [s for g in subjects(head) for s in _actors_of(view, g, ctx)], view, ctx
                )
                return unique([s for s in said if is_authority(view, s)])
            clause = head
            continue
        break
    return []


def _prep_objects(token: Token, words: tuple[str, ...]) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in words:
            out += [g for g in child.children if g.dep_ == "pobj"]
            out += [c for g in list(out) for c in g.conjuncts if c not in out]
    return out


LINKING = {"link", "tie", "connect", "relate", "affiliate", "associate", "belong"}


def _linked_to(noun: Token) -> list[Token]:
    """ "entities linked to Russia's mining sector", "firms tied to Iran": the side the
    listed parties belong to."""
    return [
        g
        for clause in noun.children
        if clause.dep_ in ("acl", "relcl") and _lemma(clause) in LINKING
        for prep in clause.children
        if prep.dep_ == "prep" and prep.lower_ in ("to", "with")
        for g in prep.children
        if g.dep_ == "pobj"
    ]


def _targets(view: SentenceView, trig: Trigger, imposers: list[str], ctx: Context) -> list[str]:
    token, verb = trig.token, trig.verb
    # "designated 14 of the companies, including X": the parties a list names one of
    words: tuple[str, ...] = ("on", "against", "including")
    if trig.kind in ("ImportBan", "Tariff"):
        words += ("from",)  # "a duty on anode material from China"
    if trig.kind == "ExportControl" or _lemma(verb) in ("apply", *EXTENDING):
        # "exports to Japan", "applied a 20% tariff to Sri Lankan goods", "extended its ban
        # to Taiwan"
        words += ("to",)
    heads: list[Token] = undergoers(token)
    if trig.verb is not token and _lemma(trig.verb) in LISTING:  # "added X to its list"
        heads += [c for c in trig.verb.children if c.dep_ in ("dobj", "nsubjpass")]
        heads += [c for h in list(heads) for c in h.conjuncts]
        heads += [g for h in list(heads) for g in _linked_to(h)]
    # "a 25% tariff on X and a 10% tariff on Y": the second's own phrase only
    own = token.dep_ == "conj" and not _bare(token)
    for t in (token,) if own else (token, verb):
        heads += _prep_objects(t, words)
        for child in t.children:  # "imports of Chinese magnets", "exports to Japan"
            if child.dep_ in ("pobj", "dobj", "compound") or (
                child.dep_ == "prep" and child.lower_ == "of"
            ):
                heads += _prep_objects(child, words)
    if token.pos_ == "VERB" or trig.kind in ("Sanction", "ImportBan"):
        heads += [
            c
            for c in (token if token.pos_ == "VERB" else verb).children
            if c.dep_ in ("dobj", "nsubjpass")
        ]
        heads += [
            g
            for h in list(heads)
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in ("of", "from")
            for g in c.children
            if g.dep_ == "pobj"
        ]
    heads += [g for h in list(heads) for g in _prep_objects(h, words)]  # "on sales to the US"
    for clause in token.children:  # "the duties that Commerce has applied to Moroccan X"
        if clause.dep_ in ("relcl", "acl") and _lemma(clause) in IMPOSING:
            heads += _prep_objects(clause, (*words, "to"))
    out: list[str] = []
    for head in heads:
        out += _actors_of(view, head, ctx, demonyms=True)
    authors: list[str] = []  # "adopted the EU's sanctions package": the EU is no target
    if token.dep_ == "compound" and _adopter(token.head) is not None:
        for child in token.head.children:
            if child.dep_ == "poss":
                authors += _actors_of(view, child, ctx, demonyms=True)
    return [t for t in unique(out) if t not in imposers and t not in authors][:3]


# widening a measure's scope: what the "to" phrase names is what it now covers
EXTENDING = {"extend", "expand", "widen", "broaden"}


def _extended_to(view: SentenceView, trig: Trigger) -> list[str]:
    """ "If Congo extended its cobalt export quotas to copper concentrate", "might extend
    the suspension to phosphate rock": the resources an extension adds, the mention's own
    scope (not those the extended measure already covered)."""
    verb = trig.verb
    if _lemma(verb) not in EXTENDING or not (trig.token == verb or trig.token.head == verb):
        return []
    return [
        e.slug
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "to"
        for e in _ents_in(view, *_phrase(c))
        if e.is_resource
    ]


def _covers(view: SentenceView, trig: Trigger, ctx: Context) -> list[str]:
    extension = _extended_to(view, trig)
    if extension:
        return unique(extension)
    spans = [_phrase(trig.token)]
    obj = _object_phrase(trig.verb) if trig.verb != trig.token else None
    if obj:
        spans.append(obj)
    for child in trig.verb.children:
        # "… for seven rare earths, and for magnets containing them": a coordinated
        # preposition the parse hangs on the verb
        preposition = child.dep_ == "prep" or (child.dep_ == "conj" and child.pos_ == "ADP")
        if preposition and child.lower_ in ("on", "for", "of", "in"):
            spans.append(_phrase(child))
    subject_to = _subject_to(trig.token)
    if subject_to is not None:  # "made exports of these magnets subject to licences"
        spans += [_phrase(c) for c in subject_to.children if c.dep_ in ("nsubj", "nsubjpass")]
    found: list[str] = []
    for a, b in spans:
        found += [e.slug for e in _ents_in(view, a, b) if e.is_resource]
    if found:
        found += _products_named(view, spans, ctx, found)
    if trig.kind == "SupportMeasure":
        return unique(found) or view.resources() or ctx.main_resources()
    return (
        unique(found)
        or view.resources()
        or _named_before(view, spans, ctx)
        or _raw_goods(view, spans, ctx)
    )


def _unnamed_nouns(view: SentenceView, spans: list[tuple[int, int]]) -> list[Token]:
    """The nouns of ``spans`` inside no entity the sentence names."""
    doc = view.span.doc
    named = {i for e in view.ents for i in range(e.start, e.end)}
    return [
        doc[i]
        for a, b in spans
        for i in range(max(a, view.start), min(b, view.end))
        if i not in named and doc[i].pos_ == "NOUN"
    ]


def _products_named(
    view: SentenceView, spans: list[tuple[int, int]], ctx: Context, found: list[str]
) -> list[str]:
    """ "licences for seven heavy rare earths and related magnets", "… and for magnets
    containing them": a plural noun of a measure's phrase that names a resource besides,
    and ends the name of exactly one resource the article has named (rare-earth magnets),
    or of one the registry knows whose name opens like a resource of the phrase (rare
    earths and their magnets), is that resource."""
    out: list[str] = []
    stems = {"-".join(r.split("-")[:-1]) for r in found if "-" in r}
    for token in _unnamed_nouns(view, spans):
        if token.tag_ != "NNS" or token.dep_ == "compound":
            continue
        named = [
            r
            for r in ctx.resource_counts
            if len(r.split("-")) > 1 and r.split("-")[-1] == token.lower_
        ]
        named = named or [
            r
            for r in (f"{stem}-{token.lower_}" for stem in stems)
            if r not in found and type_of(view, r) == "Resource"
        ]
        if len(named) == 1:
            out.append(named[0])
    return out


# goods a measure names without naming the resource: "a 4.5% duty on shipments", "raw ore
# exports require a government authorisation", "stopped shipments from the refinery"
_RAW_GOODS = {"ore", "concentrate", "concentrates", "shipment", "shipments", "export", "exports"}


def _raw_goods(view: SentenceView, spans: list[tuple[int, int]], ctx: Context) -> list[str]:
    """The article's main resource, for a measure on raw goods or shipments that names no
    resource (nor any other goods: "a duty on shipments", not "a tariff on cars")."""
    nouns = _unnamed_nouns(view, spans)
    if not any(_lemma(t) in _RAW_GOODS or t.lower_ in _RAW_GOODS for t in nouns):
        return []
    goods = [t for t in nouns if t.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass")]
    if any(
        _lemma(t) not in _RAW_GOODS | EXPORT | IMPORT | TRANSIT for t in goods if t.tag_ == "NNS"
    ):
        return []  # "duties on cars", "a ban on exports of chips"
    return ctx.main_resources()


# class nouns a writer uses for resources named earlier ("all three metals", "the minerals")
_RESOURCE_CLASSES = {"metal", "mineral", "element", "material", "commodity"}
_POINTING = {"these", "those", "the", "both", "all"}


def _named_before(view: SentenceView, spans: list[tuple[int, int]], ctx: Context) -> list[str]:
    """Resources a pointing phrase refers back to, when the sentence names none: "exports
    of these magnets" (an earlier resource whose name ends in the noun: rare-earth
    magnets), "licences for all three metals" (the resources of the article's latest
    measure that covered that many, or more than one)."""
    doc = view.span.doc
    for a, b in spans:
        for token in doc[max(a, view.start) : min(b, view.end)]:
            if token.tag_ not in ("NNS", "NN") or not any(
                c.lower_ in _POINTING and c.dep_ in ("det", "predet") for c in token.children
            ):
                continue
            if token.tag_ == "NNS":
                named = [
                    r
                    for r in ctx.resource_counts
                    if r.split("-")[-1] == token.lower_ and len(r.split("-")) > 1
                ]
                if len(named) == 1:
                    return named  # "these magnets": the rare-earth magnets
            if _lemma(token) not in _RESOURCE_CLASSES or token.tag_ != "NNS":
                continue
            counts = [
                int(c.text) for c in token.children if c.dep_ == "nummod" and c.text.isdigit()
            ]
            counts += [_NUMBER_WORDS[c.lower_] for c in token.children if c.lower_ in _NUMBER_WORDS]
            for _kind, _imposers, _targets, covered in reversed(ctx.measures):
                if len(covered) > 1 and (not counts or len(covered) == counts[0]):
                    return list(covered)
    return []


_NUMBER_WORDS = {**WORD_NUMBERS, "both": 2}


def _beneficiaries(
    view: SentenceView, trig: Trigger, providers: list[str], ctx: Context
) -> list[str]:
    token, verb = trig.token, trig.verb
    heads: list[Token] = []
    for t in (token, verb, *_amounts_of(token)):
        heads += _prep_objects(t, ("to", "for", "in", "into"))
        heads += [c for c in t.children if c.dep_ == "dative"]
    if _lemma(verb) in ("award", "grant", "give", "lend", "offer", "provide") and token == verb:
        heads += [c for c in verb.children if c.dep_ == "dobj"]
    heads += passive_subjects(verb)
    if _lemma(verb) in RECEIVING or _lemma(verb) == "take":
        heads += subjects(verb)
    out: list[str] = []
    for head in heads:
        project = _project_at(view, head)
        out += [project] if project else _actors_of(view, head, ctx)
    return [b for b in unique(out) if b not in providers][:3]


def _amounts_of(token: Token) -> list[Token]:
    """The amount of "a loan of 1.2 billion reais to X", "a grant of $5 million for Y": the
    parse hangs the beneficiary's "to"/"for" on the amount, not on the support noun."""
    return [g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _project_at(view: SentenceView, head: Token) -> str | None:
    """A named project, mine or plant that a beneficiary phrase is headed by ("a loan for
    Southern Copper's Tía María project", "the Mt Holland refinery received a grant"):
    the facility gets the money, not the owner named in its phrase."""
    name = [head, *(t for t in head.subtree if t.i < head.i and t.dep_ == "compound")]
    found = [e for t in name if (e := view.ent_at(t.i)) is not None and e.type == "Project"]
    return found[0].slug if found else None


def _numbers(trig: Trigger, found: list[Quantity], view: SentenceView) -> dict[str, list[str]]:
    a, b = _phrase(trig.token)
    near = sorted(found, key=lambda q: (not (a <= q.start < b), abs(q.start - trig.token.i)))
    props: dict[str, list[str]] = {}
    for q in near:
        if q.unit is None or abs(q.start - trig.token.i) > 12:
            continue
        if trig.kind == "Tariff" and q.unit == "%":
            props["rate"] = [q.decimal]
            break
        if trig.kind == "SupportMeasure":
            if q.unit == "%" and _lemma(trig.token) == "stake":
                props["stake"] = [q.decimal]
                break
            base = q.unit.split("/")[0]
            floor = "floor" in {_lemma(trig.token), *(_lemma(c) for c in trig.token.children)}
            if base in _MONEY and floor and "/" in q.unit:
                props["priceFloor"] = [q.decimal]
                props["unit"] = [q.unit]
                break
            if base in _MONEY and "/" not in q.unit and "amount" not in props:
                props["amount"] = [q.decimal]
                props["currency"] = [base]
                if _lemma(trig.token) != "stake":
                    break
    return props


_COMPANY_NOUNS = ("company", "firm", "miner", "developer", "producer", "group")


def _company_referred(view: SentenceView, ctx: Context) -> list[str]:
    """The company the article named last, when the sentence refers back to it: "the
    company said …", "a loan it has applied for" (``it`` the subject of a receiving verb)."""
    if ctx.last_company is None:
        return []
    doc = view.span.doc
    for j in range(view.start, view.end):
        token = doc[j]
        if token.lower_ in _COMPANY_NOUNS and any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children
        ):
            return [ctx.last_company]
        if token.lower_ == "it" and token.dep_ == "nsubj" and _lemma(token.head) in RECEIVING:
            return [ctx.last_company]
    return []


def default_beneficiaries(view: SentenceView, frames: list[Frame], ctx: Context) -> None:
    """ "the Government agreed to provide an additional A$400 million loan": a support
    measure that names no beneficiary goes to the company the story is about (run after
    :func:`kg.extract.events.one_per_mention`, so that a guess never splits one mention)."""
    for frame in frames:
        props = frame.properties
        if frame.type != "SupportMeasure" or props.get("beneficiary") or frame.anchor < 0:
            continue
        token = view.span.doc[frame.anchor]
        stated = [  # "will lend $2 billion to mining projects": a beneficiary, unnamed
            h
            for t in (token, governor(token))
            for h in _prep_objects(t, ("to", "for", "into"))
            + [c for c in t.children if c.dep_ == "dative"]
            if not _paid_for(h) and not _story_facility(view, h)
        ]
        if not stated:
            found = _article_company(view, ctx, props.get("imposedBy", []))
            if found:
                props["beneficiary"] = found
                frame.label += f" for {names_of(view, found)}"


def _paid_for(head: Token) -> bool:
    """What "for" names when it is the price or what the money buys, not who gets it:
    "will invest C$45 million for a 15% stake", "subscribe for EUR 35 million of shares"."""
    return (
        _lemma(head) in EQUITY
        or head.like_num
        or head.pos_ in ("NUM", "SYM")
        or head.lower_ in SCALES
        or head.text.upper() in _MONEY
    )


# facilities a story's company builds or runs: "a loan for the project", "for the refinery"
FACILITIES = {
    "project",
    "mine",
    "plant",
    "refinery",
    "smelter",
    "deposit",
    "facility",
    "concentrator",
    "complex",
    "operation",
}


def _story_facility(view: SentenceView, head: Token) -> bool:
    """ "a loan of up to $120 million for the project", "for its refinery": a facility the
    story spoke of, named by a definite description; the money goes to its company."""
    return (
        _lemma(head) in FACILITIES
        and any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "its", "their")
            for c in head.children
        )
        and not any(e.is_actor or e.type == "Project" for e in _ents_in(view, *_phrase(head)))
    )


def _article_company(view: SentenceView, ctx: Context, providers: list[str]) -> list[str]:
    """The company a support measure without a named beneficiary goes to: the one this
    sentence names, else the one the article named last (never a provider)."""
    here = [
        e.slug
        for e in view.ents
        if e.type == "Company" and not e.demonym and e.slug not in providers
    ]
    if here:
        return here[:1]
    last = ctx.last_company
    return [last] if last and last not in providers else []


def _refers_back(trig: Trigger) -> bool:
    """ "The EU challenged the ban": a definite measure noun that a verb other than one of
    imposing, lifting or receiving takes as object refers back to a measure reported
    before, and that verb's subject did not impose it."""
    token = trig.token
    if token.pos_ != "NOUN" or trig.kind == "SupportMeasure" or token.dep_ != "dobj":
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children):
        return False
    # "shipments face the 50% tariff Washington has applied": undergoing a measure states
    # that it is in force (one reported before, adding nothing new, is dropped later)
    return _lemma(token.head) not in ACTING | LIFTING | RECEIVING | UNDERGOING


# what a definite mention ("the tariffs") can add to a measure reported before
NEW_FACTS = {"rate", "amount", "stake", "priceFloor"}


def _definite(token: Token) -> bool:
    """ "the tariffs", "these controls", "its ban": a measure the reader knows of."""
    return _nominal(token) and any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
        or (c.dep_ == "poss" and c.lower_ in ("its", "their"))
        for c in token.children
    )


def _on_party(view: SentenceView, trig: Trigger) -> bool:
    """A ban of no trade direction that falls on a named party itself ("a trade embargo
    on Cuba", "barred Minerven"), not on goods of a nationality ("a ban on Russian steel")."""
    token = trig.token
    heads = _prep_objects(token, ("on", "against"))
    if token.pos_ == "VERB":
        heads += [c for c in token.children if c.dep_ == "dobj"]
    return any(
        e.start <= h.i < e.end and e.is_actor and not e.demonym for h in heads for e in view.ents
    )


def _borne(trig: Trigger, found: list[Quantity]) -> bool:
    """ "bauxite shipped raw has carried a surcharge of 5%": a charge of a stated rate that
    traded goods bear is in force, though the clause names no imposer."""
    token = trig.token
    return (
        trig.kind == "Tariff"
        and token.dep_ == "dobj"
        and _lemma(token.head) in UNDERGOING
        and any(q.unit == "%" and q.start in _range(token) for q in found)
    )


def _reported_before(ctx: Context, kind: str, imposers: list[str], targets: list[str]) -> bool:
    """An earlier measure of the article of this type that these roles fit."""
    for m_kind, m_imposers, m_targets, _ in ctx.measures:
        if m_kind != kind:
            continue
        if imposers and m_imposers and not set(imposers) & set(m_imposers):
            continue
        if targets and m_targets and not set(targets) & set(m_targets):
            continue
        return True
    return False


def _stated_in_force(token: Token) -> bool:
    """A measure noun whose relative clause says someone has imposed it ("the 10% tariff
    Washington has charged on Colombian goods since April", "the duties that the
    Department of Commerce has applied since 2021"): an imposing verb in the past or the
    perfect with its own subject, no negation and no modal. It is in force whatever the
    clause around the noun asks of it (exempting from it, revoking it)."""
    for clause in token.children:
        if clause.dep_ not in ("relcl", "acl") or _lemma(clause) not in IMPOSING:
            continue
        children = list(clause.children)
        if any(c.dep_ == "neg" or c.lower_ in MODAL_WORDS for c in children):
            continue
        subject = any(c.dep_ == "nsubj" for c in children)
        perfect = clause.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in children
        )
        if subject and (perfect or clause.tag_ == "VBD"):
            return True
    return False


# asking verbs: what one is asked, urged or called on to do is not done, and the one asked
# would do it ("asked the EU to impose sanctions")
REQUESTING = {
    "ask",
    "urge",
    "request",
    "press",
    "call",
    "appeal",
    "lobby",
    "petition",
    "persuade",
    "encourage",
    "push",
}


def _asked_for(verb: Token) -> bool:
    return verb.dep_ in ("xcomp", "ccomp") and _lemma(verb.head) in REQUESTING


def _fronted_country(view: SentenceView) -> str | None:
    """ "In the United States, Russian ferrovanadium has been shut out by duties": the one
    country a fronted "in" phrase sets the sentence in (where its measures apply)."""
    doc = view.span.doc
    first = doc[view.start]
    if first.lower_ != "in" or first.dep_ != "prep" or first.head.dep_ != "ROOT":
        return None
    end = first.right_edge.i + 1
    if end >= view.end or doc[end].text != ",":
        return None
    got = [e.slug for e in _ents_in(view, first.i, end) if e.type == "Country" and not e.demonym]
    return got[0] if len(got) == 1 else None


def _named_subject(view: SentenceView, verb: Token) -> bool:
    return any(
        e.is_actor and not e.demonym
        for head in subjects(verb)
        for e in view.ents
        if e.start <= head.i < e.end
    )


def _earlier_imposers(ctx: Context, kind: str, covers: list[str]) -> list[str]:
    """The imposers of the article's earlier mentions of a measure of this type (those
    covering one of ``covers`` when any do), when they all agree: "China announced export
    controls on gallium … exporters will need licences" -> China."""
    earlier = [m for m in ctx.measures if m[0] == kind and m[1]]
    overlapping = [m for m in earlier if set(m[3]) & set(covers)]
    candidates = {tuple(m[1]) for m in overlapping or earlier}
    return list(next(iter(candidates))) if len(candidates) == 1 else []


# what a denial can be of besides a measure in force: a plan, a report, an intention ("denied
# plans to halt exports", "is not considering an export tax", "we are not going to ban")
DENIED_INTENTS = {
    "plan",
    "prepare",
    "consider",
    "intend",
    "weigh",
    "go",
    "deny",
    "report",
    "rumour",
    "rumor",
    "study",
    "mull",
}


# giving up a measure considered: "considered a ban but dropped it / left it out"
DROPPING = {"drop", "shelve", "abandon", "scrap", "reject", "withdraw", "omit"}


def _dropped(verb: Token) -> bool:
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    return _lemma(verb) in DROPPING or (
        _lemma(verb) == "leave" and any(c.lower_ == "out" for c in verb.children)
    )


def _supposed_anew(
    view: SentenceView,
    trig: Trigger,
    kind: str,
    mood: str,
    ctx: Context,
    sides: tuple[list[str], list[str]],
) -> bool:
    """Whether a measure only supposed or denied is one of its own (kept with that
    modality): not a question ("Will Guinea ban raw exports?"), not the lifting of a
    measure in force ("if Washington lifts its tariffs"), not a measure considered and
    dropped, not a negated fact ("Seoul has not imposed duties", "is not subject to
    sanctions": no measure at all) but a denied
    plan or report, and not a measure the article has reported in force, again ("if U.S.
    duties are imposed") unless it reaches new targets or goods ("if Beijing extended its
    ban to Taiwan")."""
    token = trig.token
    if view.span.text.rstrip().endswith("?"):
        return False
    if token.dep_ in ("dobj", "nsubjpass") and _lemma(token.head) in LIFTING:
        return False
    path = [token, *list(token.ancestors)[:5]]
    if any(_dropped(c) for t in path for c in t.conjuncts):
        return False  # "considered a ban but left it out": dropped, no measure at all
    negated = any(c.dep_ == "neg" for t in path[:3] for c in t.children)
    if mood == "denied" or negated:  # "has not put any duty on …": hypothetical in form
        intent = any(_lemma(t) in DENIED_INTENTS for t in path)
        # "we are not banning exports": a denied intention in the progressive
        progressive = token.tag_ == "VBG" and any(c.dep_ == "neg" for c in token.children)
        if not intent and not progressive:
            return False
    imposers, targets = sides
    covers = set(_covers(view, trig, ctx))
    for m_kind, m_imposers, m_targets, m_covers in ctx.measures:
        if m_kind != kind or not set(imposers) & set(m_imposers):
            continue
        if targets and not set(targets) <= set(m_targets):
            continue
        if covers <= set(m_covers) or not m_covers:
            return False
    return True


def measure_frame(
    view: SentenceView,
    trig: Trigger,
    ctx: Context,
    dates: list[DateMention],
    found: list[Quantity],
    waiver: bool,
) -> Frame | None:
    lifted = trig.token.dep_ in ("nsubj", "nsubjpass") and _lemma(trig.token.head) in LIFTING
    # "if the duties are scrapped"; "asked X to exempt Y from the 10% tariff Washington has
    # charged since April": the relative clause states the measure in force
    stated = _stated_in_force(trig.token) and trig.token.pos_ == "NOUN"
    mood = "asserted" if lifted or stated else modality(trig.token)
    if _exempted_from(trig.token) and not _unreal_clause(trig.token):
        # "asked the US to exempt X from the 10% tariff it has charged": the exemption is
        # asked for (or denied), the measure it is from is in force
        mood = "asserted"
    unreal = mood in ("hypothetical", "denied")
    # a restrictive measure only supposed or denied is gold with that modality ("if Beijing
    # extended its ban to Taiwan", "we are not going to ban exports"); support is not kept
    support_only = unreal and trig.kind == "SupportMeasure"
    if support_only and not _definite(trig.token) and trig.token.dep_ not in ("dobj", "pobj"):
        return None
    kind = trig.kind
    if _refers_back(trig):
        return None
    if kind == "SupportMeasure" and _asked_for(trig.verb):
        return None  # "asked the United States to finance a rail line": a request, not support
    imposers = _imposers(view, trig, ctx)
    if kind == "SupportMeasure":
        targets = _beneficiaries(view, trig, imposers, ctx) or _company_referred(view, ctx)
        targets = [t for t in targets if t not in imposers]
    else:
        targets = _targets(view, trig, imposers, ctx)
    if kind == "Ban" and _on_party(view, trig):
        kind = "Sanction"  # "a trade embargo on Cuba": a ban on a party, not on goods
    earlier = [m[0] for m in ctx.measures if set(m[1]) & set(imposers)]
    if kind == "Ban" and _definite(trig.token) and earlier:
        kind = earlier[-1]  # "if Beijing extended its ban to Taiwan": its earlier measure
    if kind == "Ban":
        kind = "ImportBan" if targets and targets[0] not in imposers else "ExportControl"
        if not view.resources() and kind == "ExportControl":
            kind = "Sanction" if targets else kind
    if unreal:  # a later "those duties" may point back to it
        if imposers:
            ctx.spoken_of.append((kind, imposers, targets))
        if support_only or not _supposed_anew(view, trig, kind, mood, ctx, (imposers, targets)):
            return None
    guessed = False
    concerns = [p for p in places(view) if type_of(view, p) != "Country"]
    own = list(imposers)  # the imposers the sentence itself names
    definite = _definite(trig.token)
    # who asks for a measure does not impose it; a clause with a named subject that is not
    # the imposer ("POSCO signed an offtake agreement", "Sojitz will receive offtake") is
    # about someone else's deal, not the earlier measure
    fronted = _fronted_country(view) if not imposers and kind != "SupportMeasure" else None
    if fronted and fronted not in targets:
        imposers, guessed = [fronted], True
    # "are weighing whether to extend the ban to gold": who extends a measure is its imposer
    extends = definite and bool(_extended_to(view, trig))
    inherit = not imposers and (mood != "proposed" or extends)
    inherit = inherit and not _named_subject(view, trig.verb)
    inherited = _earlier_imposers(ctx, kind, _covers(view, trig, ctx)) if inherit else []
    if inherit and definite and not inherited:
        # "… if the EU replaced its duties on Chinese cars. Those duties have been in force
        # since 2024": the measure only spoken of before, now stated
        spoken = [m for m in ctx.spoken_of if m[0] == kind]
        if spoken:
            inherited, targets = spoken[-1][1], targets or spoken[-1][2]
    if set(inherited) & set(targets):
        inherited = []  # "retaliatory tariffs on U.S. goods": not the earlier imposer's
    if inherited:
        imposers, guessed = inherited, True
    # the shapes need an imposer: a guess, but not for "the embargo" with nothing new
    if not imposers and kind != "SupportMeasure" and (not definite or lifted or dates):
        here = [
            e.slug
            for e in view.ents
            if e.type in ("Country", "GovernmentBody") and not e.demonym and e.slug not in targets
        ]
        guess = ctx.last_authority if ctx.last_authority not in (None, *targets) else None
        guess = guess or (here[0] if here else None)
        if guess and (targets or lifted or _borne(trig, found)):
            imposers, guessed = [guess], True
    receiving = _lemma(trig.verb) in RECEIVING  # "X will receive offtake": from whom?
    terms = set(_numbers(trig, found, view)) & NEW_FACTS  # "a R$310 million loan"
    if not imposers and kind == "SupportMeasure" and concerns and not (receiving or terms):
        # "expect more subsidies for Western-aligned mines": policy the article's authority
        # would make; support with stated terms ("a $20 million grant for the refinery")
        # needs its provider stated
        imposers = [ctx.last_authority] if ctx.last_authority else []
        guessed = True
    if not imposers and kind != "SupportMeasure":
        return None
    if kind == "SupportMeasure" and not imposers:
        return None  # support from nobody named: a figure or a deal, not a measure
    if kind == "SupportMeasure" and all(type_of(view, p) == "Company" for p in imposers):
        return None  # one company paying another is commerce ("an offtake deal with Tesla")
    props: dict[str, list[str]] = {
        "imposedBy": imposers,
        "beneficiary" if kind == "SupportMeasure" else "targets": targets,
        "coversResource": _covers(view, trig, ctx),
        "concernsPlace": concerns,
    }
    props.update(_numbers(trig, found, view))
    date = date_for(trig.token, dates)
    if date is not None:
        props["startDate"] = [date.iso]
        props["datePrecision"] = [date.precision]
    # "the embargo on Iranian oil left buyers scrambling", "ordered the tariffs": a
    # definite mention that names no imposer, or one reported before, adds nothing new
    repeated = not own or _reported_before(ctx, kind, own, targets)
    # "extended its quotas to copper": the extension is a measure of its own
    new = date or set(props) & NEW_FACTS or _extended_to(view, trig)
    # "exporters would need licences, the ministry said": an announced restatement too
    announced = bool(own) and own == _announcer(view, trig.verb, ctx)
    if not new and (((definite or announced) and repeated) or (inherited and not targets)):
        return None  # "exporters would need licences": the measure reported before, again
    conditional = any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in trig.verb.children)
    # "will lift the ban", "the duties were scrapped"; not "easing the terms of a loan"
    own_object = trig.token.head == trig.verb or trig.token.head.head == trig.verb
    own_object = own_object and trig.token.dep_ in (
        "dobj",
        "nsubj",
        "nsubjpass",
        "conj",
        "compound",
    )
    # "has suspended export licences", "revoked permits": withdrawing permission halts trade
    own_object = own_object and _lemma(trig.token) not in PERMISSIONS
    # "asked Washington to revoke the duties that Commerce has applied since 2021": lifting
    # only asked for, of a measure the phrase itself states, leaves it in force
    asked = _asked_for(trig.verb) and _imposed(trig.token)
    if _lemma(trig.verb) in LIFTING and trig.verb != trig.token and own_object and asked:
        mood = "asserted"
    elif (
        _lemma(trig.verb) in LIFTING and trig.verb != trig.token and own_object and not conditional
    ):
        if _definite(trig.token):
            return None  # "will suspend the controls it announced": lifting a known measure
        props["status"] = [term("Lifted")]
    elif mood == "asserted" and _lemma(trig.verb) in (
        "impose",
        "introduce",
        "enforce",
        "apply",
        "extend",
        "expand",
        "tighten",
    ):
        props["status"] = [term("InForce")]
    label = f"{kind} by {names_of(view, props['imposedBy']) or 'unknown'}"
    other = props.get("targets") or props.get("beneficiary") or []
    if other:
        label += f" {'for' if kind == 'SupportMeasure' else 'on'} {names_of(view, other)}"
    if props["coversResource"]:
        label += f" ({names_of(view, props['coversResource'])})"
    confidence = 0.3 if guessed else (0.65 if imposers else 0.4)
    frame = Frame(kind, f"{trig.token.i}", props, confidence, label)
    frame.anchor = trig.token.i
    frame.modality = mood
    if waiver:
        frame.note = "the sentence mentions waivers of this measure"
    return frame
