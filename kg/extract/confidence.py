"""A confidence score per event candidate, from what the extractor already knows about it.

The frame builders (``events``, ``measures``, ``claims``, ``actors``) decide *whether* a
sentence states an event and fill its roles by rules; this module decides *how sure* that
candidate is. :func:`features` describes a frame with a few numbers read from the parse and
the frame itself, none of them a word list:

* how the trigger was found: its part of speech (verb or noun), its relation in the parse
  (clause root, subject, inside a prepositional phrase), the rule's own prior (a guessed or
  inherited imposer gives the builders' lower ``confidence``);
* how the roles were filled: the share of the type's key roles that have a value, whether
  the key actors are named in the sentence itself (not inherited from earlier ones) and
  whether one of them is a syntactic dependent (subject, agent, possessor, modifier) of the
  trigger's clause;
* modality: the frame's modality (planned/proposed) and hedge cues anywhere in the sentence
  by dependency label (a modal ``aux``, a ``neg``, an ``if``/``unless`` ``mark``), not only
  on the trigger's path, which ``kg.extract.syntax.modality`` already reads;
* where it is said: the lead (first sentences) or the body, inside a quotation or not;
* whether the article already stated an event of that type (with the same key actors);
* whether a figure (rate, amount, stake, quantity) or a date is bound to it;
* how crowded the sentence is (events in it, its length).

:func:`probability` is a logistic model over those features; its weights, the feature
names and the threshold live in ``confidence.json`` next to this module, fitted on the dev
set by ``python bench/fit_confidence.py`` (deterministic; see docs/data-model.md). A
candidate whose probability is below the threshold is *held*: it stays in the review file's
``held:`` list for a curator, but is not a candidate the build exports.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.extract.events import EVENT_TYPES
from kg.extract.syntax import governor, modality

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.spans import Frame, SentenceView

WEIGHTS_PATH = Path(__file__).with_name("confidence.json")
SCHEMA = "cmkg-confidence/1"

SCORED_TYPES = (*EVENT_TYPES, "Role", "Dependency")  # every event type `kg eval` scores
# the roles that make a candidate of a type useful (the shapes and the queries read them)
KEY_ROLES: dict[str, tuple[str, ...]] = {
    "Proposal": ("proposedBy", "proposedTo", "concernsResource"),
    "Sanction": ("imposedBy", "targets", "coversResource"),
    "Tariff": ("imposedBy", "targets", "coversResource"),
    "ExportControl": ("imposedBy", "targets", "coversResource"),
    "ImportBan": ("imposedBy", "targets", "coversResource"),
    "SupportMeasure": ("imposedBy", "beneficiary", "coversResource"),
    "Claim": ("claimant", "concernsResource", "quantity"),
    "Meeting": ("participant", "concernsResource"),
    "Agreement": ("participant", "concernsResource"),
    "Role": ("roleOf", "roleIn"),
    "Dependency": ("dependent", "dependsOn", "concernsResource"),
}
# the role that says who acts (inherited from an earlier sentence when unnamed)
ACTOR_ROLE = {
    "Proposal": "proposedBy",
    "Sanction": "imposedBy",
    "Tariff": "imposedBy",
    "ExportControl": "imposedBy",
    "ImportBan": "imposedBy",
    "SupportMeasure": "imposedBy",
    "Claim": "claimant",
    "Meeting": "participant",
    "Agreement": "participant",
    "Role": "roleOf",
    "Dependency": "dependent",
}
GROUPS = {
    "Proposal": "proposal",
    "Sanction": "measure",
    "Tariff": "measure",
    "ExportControl": "measure",
    "ImportBan": "measure",
    "SupportMeasure": "support",
    "Claim": "claim",
    "Meeting": "gathering",
    "Agreement": "gathering",
    "Role": "role",
    "Dependency": "dependency",
}
FIGURES = ("rate", "amount", "stake", "priceFloor", "quantity")
DATES = ("startDate", "date", "endDate")
# the feature names, in the order of the weights (the fitting script checks the file)
FEATURES: tuple[str, ...] = (
    *(f"group:{g}" for g in sorted(set(GROUPS.values()))),
    "prior",
    "trigger:verb",
    "trigger:clause-root",
    "trigger:subject",
    "trigger:in-pp",
    "trigger:none",
    "roles:filled",
    "roles:actor-in-sentence",
    "roles:actor-dependent",
    "roles:all-in-sentence",
    "modality:planned",
    "modality:proposed",
    "hedge:modal-aux",
    "hedge:negation",
    "hedge:condition",
    "position:lead",
    "position:quoted",
    "repeat:type",
    "repeat:actor",
    "figure",
    "date",
    "crowd:events",
    "crowd:length",
)
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_ACTOR_DEPS = ("nsubj", "nsubjpass", "poss", "compound", "amod", "pobj", "dobj", "dative", "appos")
_MODAL_AUX = ("would", "could", "might", "may", "can", "should", "must", "'d")
_CONDITION_MARKS = ("if", "unless", "whether")
_QUOTES = ('"', "“", "”")
_LEAD = 3  # sentences 0-2: the headline and the first sentences of the story


@dataclass(frozen=True)
class Weights:
    """A fitted model: one weight per feature name, a bias and the hold threshold."""

    features: tuple[str, ...]
    coef: tuple[float, ...]
    bias: float
    threshold: float
    means: tuple[float, ...] = ()
    scales: tuple[float, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        data = {
            "schema": SCHEMA,
            "features": list(self.features),
            "coef": [round(c, 6) for c in self.coef],
            "bias": round(self.bias, 6),
            "means": [round(m, 6) for m in self.means],
            "scales": [round(s, 6) for s in self.scales],
            "threshold": round(self.threshold, 4),
            "meta": self.meta,
        }
        return json.dumps(data, indent=1, sort_keys=True) + "\n"


def parse_weights(raw: Any, where: str) -> Weights:
    """A weights mapping, checked against :data:`SCHEMA` and :data:`FEATURES`."""
    if not isinstance(raw, dict) or raw.get("schema") != SCHEMA:
        raise InputError(
            f"{where}: not a {SCHEMA} weights file; refit with bench/fit_confidence.py"
        )
    names = tuple(str(n) for n in raw.get("features", []))
    if names != FEATURES:
        raise InputError(
            f"{where}: its features do not match the extractor's; "
            "refit with `python bench/fit_confidence.py`"
        )
    try:
        coef = tuple(float(c) for c in raw["coef"])
        means = tuple(float(m) for m in raw["means"])
        scales = tuple(float(s) for s in raw["scales"])
        bias, threshold = float(raw["bias"]), float(raw["threshold"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{where}: malformed weights ({exc!r})") from None
    if not (len(coef) == len(means) == len(scales) == len(names)) or not 0 <= threshold <= 1:
        raise InputError(f"{where}: weights, means and scales must have one value per feature")
    if any(s <= 0 for s in scales):
        raise InputError(f"{where}: scales must be positive")
    return Weights(names, coef, bias, threshold, means, scales, dict(raw.get("meta") or {}))


def load_weights(path: Path = WEIGHTS_PATH) -> Weights:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read confidence weights ({exc})") from None
    return parse_weights(raw, str(path))


def probability(weights: Weights, values: dict[str, float]) -> float:
    """The logistic model's probability that a candidate with ``values`` is right."""
    z = weights.bias
    for name, w, m, s in zip(
        weights.features, weights.coef, weights.means, weights.scales, strict=True
    ):
        z += w * (values.get(name, 0.0) - m) / s
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


@dataclass
class ArticleState:
    """What earlier sentences of one article contributed (types and actors stated)."""

    types: Counter[str] = field(default_factory=Counter)
    actors: set[tuple[str, str]] = field(default_factory=set)


@dataclass(frozen=True)
class Where:
    """Where a sentence stands in its article."""

    index: int  # sentence index in the article (0 = headline)
    quoted: bool  # the sentence carries a quotation mark


def _filled(frame: Frame) -> float:
    keys = KEY_ROLES.get(frame.type, ())
    if not keys:
        return 0.0
    props = frame.properties
    done = sum(1 for k in keys if props.get(k))
    if frame.type in ("Meeting", "Agreement") and len(props.get("participant", [])) < 2:
        done -= 1 if props.get("participant") else 0
    return max(done, 0) / len(keys)


def _actor_tokens(view: SentenceView, slugs: list[str]) -> list[Token]:
    doc = view.span.doc
    return [doc[e.end - 1] for e in view.ents if e.slug in slugs]


def _clause_of(token: Token) -> set[int]:
    """The trigger, its governing verb and that verb's ``xcomp``/``conj`` head chain."""
    found = {token.i}
    current = governor(token)
    found.add(current.i)
    for _ in range(3):
        if current.dep_ in ("xcomp", "ccomp", "conj", "advcl") and current.head != current:
            current = current.head
            found.add(current.i)
        else:
            break
    return found


def _actor_dependent(view: SentenceView, frame: Frame, actors: list[str]) -> bool:
    if frame.anchor < 0 or not actors:
        return False
    clause = _clause_of(view.span.doc[frame.anchor])
    for tok in _actor_tokens(view, actors):
        head = tok
        for _ in range(3):  # "the Ministry of Commerce": climb the name's own structure
            if head.dep_ in _ACTOR_DEPS and head.head.i in clause:
                return True
            if head.dep_ in ("agent",) or head.head == head:
                break
            if head.dep_ == "pobj" and head.head.dep_ == "agent" and head.head.head.i in clause:
                return True
            head = head.head
    return False


def _sentence_cues(sent: Span) -> tuple[bool, bool, bool]:
    modal = negation = condition = False
    for tok in sent:
        dep = tok.dep_
        if dep == "aux" and tok.lower_ in _MODAL_AUX:
            modal = True
        elif dep == "neg":
            negation = True
        elif dep == "mark" and tok.lower_ in _CONDITION_MARKS:
            condition = True
    return modal, negation, condition


def features(
    frame: Frame,
    view: SentenceView,
    where: Where,
    state: ArticleState,
    crowd: int,
    cues: tuple[bool, bool, bool] | None = None,
) -> dict[str, float]:
    """The feature values of one frame (names as in :data:`FEATURES`; absent = 0)."""
    sent = view.span
    values: dict[str, float] = {f"group:{GROUPS.get(frame.type, 'claim')}": 1.0}
    values["prior"] = frame.confidence
    if frame.anchor >= 0:
        token = sent.doc[frame.anchor]
        values["trigger:verb"] = float(token.pos_ in ("VERB", "AUX"))
        values["trigger:clause-root"] = float(governor(token) == sent.root)
        values["trigger:subject"] = float(token.dep_ in _SUBJECT_DEPS)
        values["trigger:in-pp"] = float(token.dep_ == "pobj")
    else:
        values["trigger:none"] = 1.0
    values["roles:filled"] = _filled(frame)
    actors = frame.properties.get(ACTOR_ROLE.get(frame.type, ""), [])
    named = {e.slug for e in view.ents}
    if actors:
        values["roles:actor-in-sentence"] = sum(1 for a in actors if a in named) / len(actors)
    values["roles:actor-dependent"] = float(_actor_dependent(view, frame, actors))
    stated = [v for k in KEY_ROLES.get(frame.type, ()) for v in frame.properties.get(k, [])]
    stated = [v for v in stated if not v.replace(".", "").isdigit()]  # figures are not names
    if stated:
        values["roles:all-in-sentence"] = sum(1 for v in stated if v in named) / len(stated)
    values["modality:planned"] = float(frame.modality == "planned")
    values["modality:proposed"] = float(frame.modality == "proposed")
    modal, negation, condition = cues if cues is not None else _sentence_cues(sent)
    values["hedge:modal-aux"] = float(modal)
    values["hedge:negation"] = float(negation)
    values["hedge:condition"] = float(condition)
    values["position:lead"] = float(where.index < _LEAD)
    values["position:quoted"] = float(where.quoted)
    values["repeat:type"] = float(state.types[frame.type] > 0)
    values["repeat:actor"] = float(any((frame.type, a) in state.actors for a in actors))
    values["figure"] = float(any(frame.properties.get(k) for k in FIGURES))
    values["date"] = float(any(frame.properties.get(k) for k in DATES))
    values["crowd:events"] = min(crowd, 4) / 4
    values["crowd:length"] = min(len(sent), 80) / 80
    return values


def remember(state: ArticleState, frame: Frame) -> None:
    """Note an emitted frame in the article's state (after every frame of a sentence)."""
    state.types[frame.type] += 1
    for actor in frame.properties.get(ACTOR_ROLE.get(frame.type, ""), []):
        state.actors.add((frame.type, actor))


@dataclass
class Scorer:
    """Scores the event frames of each sentence; ``record`` (when set) keeps every
    candidate's feature values by candidate id, for the fitting script."""

    weights: Weights | None
    record: dict[str, dict[str, float]] | None = None
    hold: bool = True  # False: score, but keep every candidate (fitting, comparisons)

    def rate(
        self,
        frames: list[Frame],
        ids: dict[int, str],
        view: SentenceView,
        where: Where,
        state: ArticleState,
    ) -> set[int]:
        """Set each scored frame's ``confidence``; return the ids (``id(frame)``) of the
        frames to hold back: those below the threshold, and claims whose modality is
        hypothetical or denied."""
        held: set[int] = set()
        scored = []
        for frame in frames:
            if frame.type not in SCORED_TYPES:
                continue
            if frame.type == "Claim" and frame.modality is None and frame.anchor >= 0:
                # claims get the events' modality too: "could control 90% by 2030" is a
                # forecast, not a share (held: a curator may still accept it as one)
                frame.modality = modality(view.span.doc[frame.anchor])
                if frame.modality in ("hypothetical", "denied"):
                    held.add(id(frame))
                    continue
            if (
                idle_offer(frame, view)
                or _lifted(frame)
                or ongoing_talks(frame, view)
                or agreed_to_talk(frame, view)
                or asked_in_return(frame, view)
                or activity_ban(frame, view)
                or import_share(frame)
                or talks_not_held(frame, view)
                or sales_contract(frame, view)
                or share_of_a_named_whole(frame, view)
                or several_agreements(frame, view)
                or visit_to_a_place(frame, view)
                or requested_permit(frame, view)
                or reducing_reliance(frame, view)
            ):
                # "Japan offers a contrast": nothing is offered; "lifted sanctions on X":
                # a measure no longer in force is for a curator, not an asserted fact
                held.add(id(frame))
                continue
            scored.append(frame)
        if not scored:
            return held
        cues = _sentence_cues(view.span)
        for frame in scored:
            values = features(frame, view, where, state, len(scored), cues)
            if self.record is not None and id(frame) in ids:
                self.record[ids[id(frame)]] = values
            if self.weights is None:
                continue
            p = probability(self.weights, values)
            frame.confidence = round(p, 3)
            if self.hold and p < self.weights.threshold:
                held.add(id(frame))
        for frame in scored:
            remember(state, frame)
        return held


_CLAUSAL = ("xcomp", "ccomp", "dative")
_OWN_CLAUSE = ("relcl", "acl", "advcl")


_TALKS = ("talks", "negotiations", "discussions", "consultations")


def ongoing_talks(frame: Frame, view: SentenceView) -> bool:
    """A meeting or agreement that is only a state of negotiation: "is in talks with
    China", "are still negotiating a partnership" (no meeting held, no deal made)."""
    if frame.type not in ("Meeting", "Agreement") or frame.anchor < 0:
        return False
    token = view.span.doc[frame.anchor]
    if token.lower_ in _TALKS and token.dep_ == "pobj" and token.head.lower_ == "in":
        return token.head.head.lemma_.lower() == "be"
    return (
        token.lemma_.lower() in ("negotiate", "discuss")
        and token.tag_ == "VBG"
        and any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in token.children)
    )


_TALK_VERBS = ("negotiate", "discuss", "talk", "explore", "study", "consider", "consult")
_OPEN_VERBS = ("continue", "resume", "hold", "start", "begin", "open", "launch", "pursue")
_TALK_NOUNS = ("talk", "talks", "negotiation", "discussion", "consultation", "dialogue")


def agreed_to_talk(frame: Frame, view: SentenceView) -> bool:
    """An agreement that is only an agreement to keep talking: "the two sides only agreed
    to continue talks", "agreed to negotiate a deal", "agreed to hold talks" (no deal
    made), and the talks it names as a meeting (none held yet)."""
    if frame.type not in ("Agreement", "Meeting") or frame.anchor < 0:
        return False
    token = view.span.doc[frame.anchor]
    if frame.type == "Meeting":  # "agreed to continue talks": talks to come, none held
        verb = token.head
        return (
            token.lemma_.lower() in _TALK_NOUNS
            and token.dep_ == "dobj"
            and verb.dep_ == "xcomp"
            and verb.head.lemma_.lower() == "agree"
        )
    if token.lemma_.lower() != "agree":
        return False
    for child in token.children:
        if child.dep_ != "xcomp":
            continue
        lemma = child.lemma_.lower()
        if lemma in _TALK_VERBS:
            return True
        objects = (c for c in child.children if c.dep_ == "dobj")
        if lemma in _OPEN_VERBS and any(o.lemma_.lower() in _TALK_NOUNS for o in objects):
            return True
    return False


_HELD_TALKS = ("hold", "have", "conduct", "open", "begin", "start", "conclude", "wrap")
_TALKS_NOUNS = ("talks", "negotiations", "discussions", "consultations")


def talks_not_held(frame: Frame, view: SentenceView) -> bool:
    """A Meeting is a meeting that took place between named sides. "Talks" name a process,
    not one: "in talks in Brussels last month, X offered …" (the setting of the offer),
    "talks are continuing", "proposed talks on export controls". Only talks someone held
    ("held talks with X", "talks took place on Monday") or dated talks with a named side
    ("after talks with Xi on Monday") are one."""
    if frame.type != "Meeting" or frame.anchor < 0:
        return False
    token = view.span.doc[frame.anchor]
    if token.lower_ not in _TALKS_NOUNS:
        return False
    if token.dep_ == "dobj" and token.head.lemma_.lower() in _HELD_TALKS:
        return False
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in (
        "take",
        "hold",
        "end",
    ):
        return False  # "talks took place", "talks were held", "talks ended on Friday"
    dated = any(p.endswith("day") for p in frame.properties.get("datePrecision", []))
    sided = any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in token.children)
    return not (dated and sided)


_ACTIVITIES = ("mining", "exploration", "drilling", "extraction", "prospecting", "dredging")
_TRADE_NOUNS = ("export", "import", "shipment", "sale", "trade", "transit", "purchase", "supply")
_TRADE_MEASURES = ("ExportControl", "ImportBan")


def activity_ban(frame: Frame, view: SentenceView) -> bool:
    """A trade measure whose trigger bans an activity at home, not trade: "Greenland
    banned uranium mining in 2021", "a moratorium on seabed exploration" (a domestic rule;
    no export or import is restricted)."""
    if frame.type not in _TRADE_MEASURES or frame.anchor < 0:
        return False
    token = view.span.doc[frame.anchor]
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in ("on", "of")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for obj in objects:
        if obj.lower_ in _ACTIVITIES:
            words = {t.lemma_.lower() for t in obj.subtree} | {
                t.lemma_.lower() for t in token.subtree
            }
            return not words & set(_TRADE_NOUNS)
    return False


def import_share(frame: Frame) -> bool:
    """A share of someone's imports ("Japan imports more than 90% of its graphite from
    China", "Chile supplied 65% of U.S. imports of copper", "80 percent of our magnet
    imports come from China") measures the importer's dependence on its supplier: a
    Dependency in the data model (its own frame, when the sentence names both sides), not
    a market-share claim. Held for a curator."""
    return frame.type == "Claim" and "import-share" in frame.properties.get("claimKind", [])


_MEASURE_TYPES = ("Sanction", "Tariff", "ExportControl", "ImportBan")


def asked_in_return(frame: Frame, view: SentenceView) -> bool:
    """A measure named only as what a proposal asks in return ("offered a partnership in
    exchange for lower tariffs", "in return for sanctions relief"): the proposal's
    condition, not a measure the sentence reports. One whose own phrase states a figure or
    a clause ("the 19% tariff that took effect on Aug. 7") is the measure in force the
    proposal wants removed, and stays."""
    if frame.type not in _MEASURE_TYPES or frame.anchor < 0:
        return False
    node = view.span.doc[frame.anchor]
    if any(t.like_num or t.text == "%" or t.dep_ in ("relcl", "acl") for t in node.subtree):
        return False  # "a cut in the 19% tariff that took effect on Aug. 7": a measure in force
    for _ in range(4):
        if node.head == node:
            return False
        node = node.head
        if node.lower_ in ("exchange", "return") and node.head.lower_ == "in":
            return True
    return False


_CONTRACTS = ("agreement", "contract", "deal", "accord", "arrangement")
_SALES = ("offtake", "off-take", "supply", "purchase", "sales", "sale")


def sales_contract(frame: Frame, view: SentenceView) -> bool:
    """A sales contract is an Agreement between buyer and seller, not a support measure:
    "signed a binding offtake agreement with X", "under the supply contract, Y will buy the
    concentrate" (a loan agreement or a grant agreement is support and stays). Held for a
    curator."""
    if frame.type != "SupportMeasure" or frame.anchor < 0:
        return False
    token = view.span.doc[frame.anchor]
    if token.lemma_.lower() not in _CONTRACTS:
        return False
    return any(c.dep_ in ("compound", "amod") and c.lower_ in _SALES for c in token.children)


_ASKING = ("ask", "urge", "request", "call", "press", "lobby", "petition", "invite")
# what a request for a permit asks the other side to do
_GRANTING = ("approve", "issue", "grant", "renew", "extend", "release", "restore", "resume")
_PERMITS = ("licence", "license", "permit", "authorisation", "authorization", "approval")
_PHRASE_DEPS = ("dobj", "compound", "acl", "amod", "nmod", "pobj", "prep")


def requested_permit(frame: Frame, view: SentenceView) -> bool:
    """An export licence or permit that one side asks another to grant ("asked China to
    issue general licences for rare earth exports", "has asked the ministry to approve a
    technology export licence"): the request is a Proposal of the asker, not an export
    control of either side, not even a proposed one (a restriction someone asks for, "asked
    the government to consider restricting exports", is a proposed measure and stays). The
    trigger's own phrase must name the permit: the ban in "asked China to lift its ban" is
    a measure in force."""
    if frame.type != "ExportControl" or frame.anchor < 0:
        return False
    node = view.span.doc[frame.anchor]
    permit = False
    for _ in range(5):
        permit = permit or node.lemma_.lower() in _PERMITS
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in _ASKING:
            return permit and node.lemma_.lower() in _GRANTING
        if node.dep_ not in _PHRASE_DEPS or node.head == node:
            return False
        node = node.head
    return False


_RELIANCE = ("reliance", "dependence", "dependency", "exposure")
_REDUCING = (
    "reduce",
    "cut",
    "lower",
    "end",
    "curb",
    "ease",
    "lessen",
    "shrink",
    "break",
    "limit",
    "diversify",
    "trim",
    "halve",
    "eliminate",
)


def reducing_reliance(frame: Frame, view: SentenceView) -> bool:
    """A reliance named as what someone reduces or ends ("Tokyo's latest move to reduce
    reliance on Chinese supply", "an ally trying to reduce dependence on China") is an aim,
    not a dependence the sentence states: how much is relied on, and by whom, is stated
    elsewhere if at all. Held for a curator."""
    if frame.type != "Dependency":
        return False
    suppliers = set(frame.properties.get("dependsOn", []))
    reduced = False
    for token in view.span:
        lemma = token.lemma_.lower()
        if lemma in ("rely", "depend", "import", "source") and token.pos_ == "VERB":
            return False  # "… but it still relies on China for 60%": a dependence stated
        if lemma not in _RELIANCE:
            continue
        if token.dep_ not in ("dobj", "nsubjpass") or token.head.lemma_.lower() not in _REDUCING:
            return False  # a reliance the sentence states
        inside = {t.i for t in token.subtree}
        reduced = reduced or any(e.slug in suppliers and e.start in inside for e in view.ents)
    return reduced  # the supplier is named in the reduced reliance's own phrase


def several_agreements(frame: Frame, view: SentenceView) -> bool:
    """An Agreement named by a plural noun ("is pleased to announce financing and commercial
    agreements", "announced three agreements that together fund the plant") sums up several
    agreements, each its own event with its own sides (stated apart, when the text names
    them); the summary is none of them. Held for a curator."""
    if frame.type != "Agreement" or frame.anchor < 0:
        return False
    token = view.span.doc[frame.anchor]
    return token.pos_ == "NOUN" and token.tag_ == "NNS"


_VISIT = ("visit",)
_MET = ("meet", "meeting", "talk", "talks", "summit", "host", "receive")
_PLACE_TYPES = ("Country", "Region", "Place")


def visit_to_a_place(frame: Frame, view: SentenceView) -> bool:
    """A visit to a place ("the investment minister visited Beijing last week", "during a
    visit to Kuala Lumpur") names where someone went, not whom they met: no meeting between
    named sides. A visit with a host ("visited Beijing to meet Li Qiang", "a visit with
    the premier") or one received ("hosted a visiting delegation") is left alone."""
    if frame.type != "Meeting" or frame.anchor < 0:
        return False
    token = view.span.doc[frame.anchor]
    if token.lemma_.lower() not in _VISIT:
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [
        g for c in token.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children
    ]
    if not objects or any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children):
        return False
    if any(t.lemma_.lower() in _MET for t in view.span if t.i != token.i):
        return False  # "visited Tokyo and met the premier", "talks during the visit"
    for obj in objects:
        ent = view.ent_at(obj.i)
        if ent is None or ent.type not in _PLACE_TYPES:
            return False
    return True


def share_of_a_named_whole(frame: Frame, view: SentenceView) -> bool:
    """A market-share claim is a share of a world total ("36% of the world's reserves",
    "90% of global output", "70% of mined antimony"); a share of one named country's,
    region's or company's total ("the valley holds 85% of Brazil's lithium reserves",
    "40% of Georgia's ferroalloy exports", "30% of Japan's needs") is a domestic figure or
    a dependency, not a claim about who controls supply. So is a share of one plant's,
    mine's or firm's output named by a common noun ("an offtake for 60% of the refinery's
    hydroxide output"). Held for a curator."""
    if frame.type != "Claim" or frame.anchor < 0:
        return False
    token = view.span.doc[frame.anchor]
    share = token.head if token.dep_ == "nummod" else token
    for prep in share.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for whole in prep.children:
            owners = [c for c in whole.children if c.dep_ == "poss"]
            if any(_one_owner(o) for o in owners):
                return True
    return False


# possessors that are a world total or a market, not one owner
_WHOLES = ("world", "globe", "planet", "market", "industry", "sector", "region", "continent")


def _one_owner(owner: Token) -> bool:
    """A possessor naming one owner: a name ("Brazil's"), or a common noun with a definite
    determiner ("the refinery's", "the company's"); not the world or a market."""
    if owner.lower_ in _WHOLES:
        return False
    if owner.pos_ == "PROPN":
        return True
    return owner.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in owner.children
    )


def _lifted(frame: Frame) -> bool:
    return any(str(v).endswith("Lifted") for v in frame.properties.get("status", []))


def idle_offer(frame: Frame, view: SentenceView) -> bool:
    """A proposal whose verb offers nothing concrete to no one named: "Japan offers a
    contrast", "the report offers a glimpse of …", "we are offering something they need".
    Its direct object names no actor, resource, place or figure (a clause inside it does
    not count), the verb has no clausal, dative or "to" complement ("offered to supply …",
    "offered buyers …", "offer deposits to investors") and the frame has no counterparty."""
    if frame.type != "Proposal" or frame.anchor < 0 or frame.properties.get("proposedTo"):
        return False
    token = view.span.doc[frame.anchor]
    if token.pos_ not in ("VERB", "AUX") or any(c.dep_ in _CLAUSAL for c in token.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children):
        return False  # "would offer other deposits to investors": offered to someone
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if not objects:
        return False
    inside: set[int] = set()
    stack = [objects[0]]
    while stack:  # the object's own phrase, without the clauses that modify it
        node = stack.pop()
        inside.add(node.i)
        stack.extend(c for c in node.children if c.dep_ not in _OWN_CLAUSE)
    if any(view.ent_at(i) is not None for i in inside):
        return False
    return not any(view.span.doc[i].like_num or view.span.doc[i].text == "%" for i in inside)


def make_scorer() -> Scorer:
    """The scorer with the packaged weights (``confidence.json``)."""
    return Scorer(load_weights())
