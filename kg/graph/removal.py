"""Removal asks: a proposal that asks for a restrictive measure to be lifted, eased or waived.

An offer made "if Washington lifts its tariffs on Canadian steel and aluminum", a request
"to lift its ban on exports of gallium", an offer "in exchange for lower U.S. tariffs" asks
the counterparty to remove (or ease) one of its own measures. Such a proposal conflicts with
that measure whatever resources the two name (the offer is of nickel, the tariffs are on
steel): the conflict rule's ``ConditionRequiresRemoval`` basis, read from
``cmkg:conditionOnMeasure``.

The ask is read from the proposal's own words (its ``condition`` clause and its evidence
quotes): a removal word ("lift", "ease", "scrap", "waive", "exclude", "relief", "lower"...) with
a measure word ("tariffs", "duties", "sanctions", "ban", "export controls", "block", ...)
near it, in an ask (after "if"/"unless"/"in exchange for"/"in return for"/"provided", or
after a request or offer verb: "asked China to lift", "offers ... to end"). A removal the
article reports as done ("the US lifted sanctions") is no ask.

It is matched to the measures the same article asserts (article-local ones and the known
events the article reports): the measure's kind agrees with the measure word, and its
imposer is (the jurisdiction of) a counterparty — one asks the side that imposed a measure
to remove it. When several measures qualify, those the ask or the proposal names a resource
of (or words of their evidence) are kept, else the one the asked actor imposed itself when
exactly one is; when none of several stands out, none is linked.

Licences and permits are measure words too (a licensing regime is eased by granting or
expediting its licences), and "resume" undoes a halt. An ask with no measure word near it
("asking it to exempt cargoes", "applied for a waiver", "asked the miner to resume
shipments", "in return for an exemption") is a *bare* ask: the measure is told only by its
scope, so it is linked to the counterparty's measures that cover what the proposal concerns
or target the proposer's side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from kg.corpus.review import Candidate
from kg.graph.events import Resolved, World

# measure words -> the measure classes they may name (None: any restrictive measure)
_MEASURE_WORDS: dict[str, frozenset[str] | None] = {
    **dict.fromkeys(
        ("tariff", "tariffs", "duty", "duties", "levy", "levies", "surcharge", "surcharges"),
        frozenset({"Tariff"}),
    ),
    **dict.fromkeys(("sanction", "sanctions"), frozenset({"Sanction"})),
    **dict.fromkeys(
        ("ban", "bans", "embargo", "embargoes", "block", "blockade", "prohibition", "moratorium"),
        frozenset({"ExportControl", "ImportBan", "Sanction"}),
    ),
    **dict.fromkeys(
        ("control", "controls", "curbs", "curb", "quota", "quotas", "licensing", "suspension"),
        frozenset({"ExportControl", "ImportBan"}),
    ),
    # a licensing regime is eased by granting or speeding up its licences or permits
    **dict.fromkeys(
        ("licence", "licences", "license", "licenses", "permit", "permits", "halt"),
        frozenset({"ExportControl", "ImportBan"}),
    ),
    **dict.fromkeys(("safeguard", "safeguards"), frozenset({"Tariff", "ImportBan"})),
    **dict.fromkeys(("restriction", "restrictions", "measures", "measure"), None),
}
# the restrictive measure classes (a support measure is never asked away)
_RESTRICTIVE = frozenset().union(*(kinds for kinds in _MEASURE_WORDS.values() if kinds))
_REMOVAL = (
    r"lift|lifts|lifting|lifted|eas(?:e|es|ing|ed)|scrap(?:s|ping|ped)?|remov(?:e|es|ing|ed|al)"
    r"|drop(?:s|ping|ped)?|end(?:s|ing|ed)?|waiv(?:e|es|ing|ed|er)|exempt(?:s|ing|ed|ion|ions)?"
    r"|exclu(?:de|des|ded|ding|sion|sions)"
    r"|suspend(?:s|ing|ed)?|relax(?:es|ing|ed)?|loosen(?:s|ing|ed)?|roll(?:s|ing|ed)? back"
    r"|rollback|withdraw(?:s|ing|n)?|cancel(?:s|ling|led|ing|ed)?|rescind(?:s|ing|ed)?"
    r"|repeal(?:s|ing|ed)?|revok(?:e|es|ing|ed)|revocation|annul(?:s|ling|led|ment)?"
    r"|reduc(?:e|es|ing|ed|tion)|lower(?:s|ing|ed)?|cut(?:s|ting)?|relief"
    # off a sanctions list: "delist the firm", "take the firm off its sanctions list"
    r"|de-?list(?:s|ing|ed)?|(?:take|takes|taking|took|taken)\b(?=(?:\W+\w+){1,5}\W+off\b)"
    # undoing a halt, easing a licensing regime: "resume shipments", "expedite the licences"
    r"|resum(?:e|es|ed|ing|ption)|expedit(?:e|es|ed|ing)|fast-track(?:s|ed|ing)?|speed(?:s|ing)? up"
    r"|grant(?:s|ed|ing)?"
)
# A removal asked with no measure word near it ("asking it to exempt cargoes", "applied for a
# waiver", "asked IREL to resume shipments", "in return for an exemption"): the removal word
# right after "to" or "for (a/an/the)", as the object of the ask. Which measure is meant is
# then told by what the measure covers or whom it targets (see _asked_measures).
_BARE = re.compile(
    r"\b(?:to|for)\s+(?:(?:a|an|the|some|any)\s+)?"
    r"(?:exempt(?:s|ion|ions)?|waive|waiver|waivers|resume|resumption|relief|exclusion|exclusions"
    r"|exclude|carve-outs?)\b",
    re.IGNORECASE,
)
# A licence asked for ("applied to SECO for a wind-down licence", "seeks an export permit"):
# relief under a licensing regime or a ban, a bare ask. A mining, exploration or operating
# licence is a concession, not relief from a measure.
_LICENCE = re.compile(
    r"\b(?:for|seek(?:s|ing)?|sought|request(?:s|ed|ing)?)\s+"
    r"(?:(?:a|an|the|its|their|some|any|new)\s+)?"
    r"(?:(?!(?:mining|exploration|prospecting|operating|business)\b)[\w-]+\s+)?"
    r"(?:licen[cs]es?|permits?|authori[sz]ations?)\b",
    re.IGNORECASE,
)
# request verbs ("asked X to", "pushed for", "lobbied for"): asks that are requests of their own
_REQUEST = (
    r"ask(?:s|ed|ing)?|urg(?:e|es|ed|ing)|call(?:s|ed|ing)?|appl(?:y|ies|ied|ying)"
    r"|petition(?:s|ed|ing)? (?:on|for)|press(?:es|ed|ing)?|request(?:s|ed|ing)?|seek(?:s|ing)?"
    r"|sought|demand(?:s|ed|ing)?|want(?:s|ed)?|push(?:es|ed)? for|lobb(?:y|ies|ied|ying)"
)
# an ask: a condition, a request or an offer verb, before the removal in the same clause
_ASK = (
    r"\b(?:if|unless|provided|once|in exchange for|in return(?: for)?|on condition|conditional on"
    rf"|contingent on|as long as|subject to|{_REQUEST}|propos(?:e|es|ed|ing)|offer(?:s|ed|ing)?"
    r"|in a bid to|to win|to secure|to get)\b"
)
# the asks that are requests (not a condition of an offer, not an offer): "asked the American
# side to revoke the duties" is a request of its own, apart from the offer it may go with
_REQUEST_RE = re.compile(rf"\b(?:{_REQUEST})\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_REMOVAL_RE = re.compile(rf"\b(?:{_REMOVAL})\b", re.IGNORECASE)
_ASK_RE = re.compile(_ASK, re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;.!?—]|\bbut\b|\bwhile\b|\bafter\b|\bsince\b", re.IGNORECASE)
_NEAR = 8  # words between the removal word and the measure word, either way round
_ASK_SPAN = 14  # words between the ask and the removal word
_STOP = frozenset(
    re.findall(
        r"\w+",
        "the a an of on in to for and or its their his her our this that these those from by"
        " with at as all any some new own other",
    )
)


@dataclass(frozen=True)
class Ask:
    """One removal ask: the measure classes it may name and the words around the measure."""

    classes: frozenset[str] | None  # None: any restrictive measure
    words: frozenset[str]  # content words of the asked-about measure phrase, lowercase
    bare: bool = False  # no measure word: the measure is told by its scope
    request: bool = False  # asked by a request verb, not a condition of an offer


def _content(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w for w in (x.lower().strip("'’") for x in words) if len(w) > 2) - _STOP


def asks_in(text: str) -> list[Ask]:
    """The removal asks ``text`` states (see the module docstring)."""
    found: list[Ask] = []
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    for removal in _REMOVAL_RE.finditer(text):
        start = removal.start()
        at = next((i for i, (_, s, _e) in enumerate(words) if s >= start), None)
        if at is None:
            continue
        window = words[max(0, at - _NEAR) : at + _NEAR + 1]
        nouns = [w for w, _s, _e in window if w.lower() in _MEASURE_WORDS]
        bare = not nouns and _is_bare(text, start)
        if not nouns and not bare:
            continue
        before = text[words[max(0, at - _ASK_SPAN)][1] : start]
        ask = max(_ASK_RE.finditer(before), key=lambda m: m.start(), default=None)
        if ask is None or _CLAUSE_END.search(before[ask.end() :]):
            continue  # no ask before it in the same clause: a reported removal
        request = bool(_REQUEST_RE.fullmatch(ask.group(0)))
        if bare:
            found.append(Ask(None, _content(w for w, _s, _e in window), True, request))
            continue
        classes: set[str] = set()
        anything = False
        for noun in nouns:
            kinds = _MEASURE_WORDS[noun.lower()]
            if kinds is None:
                anything = True
            else:
                classes |= kinds
        found.append(
            Ask(
                None if anything else frozenset(classes),
                _content(w for w, _s, _e in window) - set(_MEASURE_WORDS),
                request=request,
            )
        )
    return found + _licence_asks(text, words)


def _licence_asks(text: str, words: list[tuple[str, int, int]]) -> list[Ask]:
    """A licence or permit asked for in an ask of the same clause: a bare ask."""
    found = []
    for licence in _LICENCE.finditer(text):
        start = licence.start()
        at = next((i for i, (_, s, _e) in enumerate(words) if s >= start), len(words))
        before = text[words[max(0, at - _ASK_SPAN)][1] : start] if words else ""
        own = _REQUEST_RE.match(licence.group(0))  # "seeks a licence", "requested permits"
        ask = max(_ASK_RE.finditer(before), key=lambda m: m.start(), default=None)
        if own is None and (ask is None or _CLAUSE_END.search(before[ask.end() :])):
            continue
        request = own is not None or bool(ask and _REQUEST_RE.fullmatch(ask.group(0)))
        window = words[max(0, at - _NEAR) : at + _NEAR + 1]
        found.append(Ask(None, _content(w for w, _s, _e in window), True, request))
    return found


def request_kind(candidate: Candidate) -> bool:
    """Whether a proposal mention is a request to remove a measure (its sentence asks for a
    removal with a request verb): such a request and an offer are two events, whatever
    actors and resources they share (kg.graph.events.resolve_article's ``apart``)."""
    if candidate.type != "Proposal":
        return False
    return any(ask.request for e in candidate.evidence for ask in asks_in(e.quote))


def _is_bare(text: str, start: int) -> bool:
    """The removal word at ``start`` is the object of an ask: "to exempt", "for a waiver"."""
    offset = max(0, start - 24)
    at = start - offset
    return any(m.start() < at < m.end() for m in _BARE.finditer(text[offset : start + 16]))


def _sides(slug: str, world: World, local: Mapping[str, frozenset[str]]) -> frozenset[str]:
    stated = world.jurisdiction.get(slug, frozenset()) | local.get(slug, frozenset())
    return frozenset({slug}) | stated


def link_removal_asks(
    events: list[Resolved],
    world: World,
    jurisdictions: Mapping[str, frozenset[str]],
) -> None:
    """Add ``conditionOnMeasure`` to each proposal of one article that asks for the removal
    of a restrictive measure the article asserts (``jurisdictions``: those of the actors the
    article proposes), and name the measures it already states by their event nodes."""
    measures = [e for e in events if e.candidate.type in _RESTRICTIVE]
    if not measures:
        return
    # a mention merged into an event, or a report of a known event, is named by its node
    node_of = {m.slug: e.known or e.candidate.slug for e in measures for m in e.members}
    for event in events:
        proposal = event.candidate
        if proposal.type != "Proposal":
            continue
        texts = [*proposal.properties.get("condition", []), *(e.quote for e in proposal.evidence)]
        asks = [ask for text in texts for ask in asks_in(text)]
        stated = proposal.properties.get("conditionOnMeasure", [])
        if not asks and all(node_of.get(v, v) == v for v in stated):
            continue
        asked = frozenset().union(
            *(_sides(s, world, jurisdictions) for s in event.signature.roles.get("proposedTo", ()))
        )
        linked = list(dict.fromkeys(node_of.get(v, v) for v in stated))
        for ask in asks:
            for node in _asked_measures(ask, event, measures, asked, world, jurisdictions):
                if node not in linked:
                    linked.append(node)
        if linked != stated:
            properties = {**proposal.properties, "conditionOnMeasure": linked}
            event.candidate = replace(proposal, properties=properties)


def _asked_measures(
    ask: Ask,
    proposal: Resolved,
    measures: list[Resolved],
    asked: frozenset[str],
    world: World,
    jurisdictions: Mapping[str, frozenset[str]],
) -> list[str]:
    fitting = []
    for m in measures:
        if ask.classes is not None and m.candidate.type not in ask.classes:
            continue
        imposers = m.signature.roles.get("imposedBy", frozenset())
        if not any(_sides(i, world, jurisdictions) & asked for i in imposers):
            continue
        fitting.append(m)
    counterparties = proposal.signature.roles.get("proposedTo", frozenset())
    if ask.bare:  # no measure word: the measure covers what the proposal concerns, or
        # targets the proposer's side (an exemption asked from a measure on oneself)
        asking = frozenset().union(
            *(
                _sides(s, world, jurisdictions)
                for s in proposal.signature.roles.get("proposedBy", ())
            )
        )
        fitting = [
            m
            for m in fitting
            if _covers(proposal, m, world)
            or any(
                _sides(t, world, jurisdictions) & asking
                for t in m.signature.roles.get("targets", ())
            )
        ]
    elif len(fitting) > 1:
        named = [m for m in fitting if _named(ask, proposal, m, world)]
        # none named: the one the asked actor imposed itself ("asked the ministry to lift its
        # tariffs"), not one of its country's, when exactly one is
        direct = [
            m for m in fitting if m.signature.roles.get("imposedBy", frozenset()) & counterparties
        ]
        fitting = named or (direct if len(direct) == 1 and len(direct) < len(fitting) else [])
    return [m.known or m.candidate.slug for m in fitting]


def _covers(proposal: Resolved, measure: Resolved, world: World) -> bool:
    covered = measure.signature.resources
    return any(world.related(r, c) for r in proposal.signature.resources for c in covered)


def _named(ask: Ask, proposal: Resolved, measure: Resolved, world: World) -> bool:
    """The ask or the proposal names a resource of the measure, or two words of its evidence."""
    if _covers(proposal, measure, world):
        return True
    evidence = _content(w for e in measure.candidate.evidence for w in _WORD.findall(e.quote))
    return len(ask.words & evidence) >= 2
