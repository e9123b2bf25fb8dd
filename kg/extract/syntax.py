"""Dependency-parse helpers: the clause around a trigger, its subjects and its modality.

* :func:`governor` climbs from a noun trigger ("a ban on …") to the verb it depends on
  ("announced"), through objects, prepositions, conjuncts and compounds;
* :func:`subjects` gives a verb's subject and the subjects coordinated with it ("The
  United States and Britain expanded …"), climbing ``xcomp`` ("moved to ban"); a passive
  verb's ``agent`` ("imposed by the EU") comes first;
* :func:`modality` reads negation, modal auxiliaries and governing verbs on the path from
  the trigger to the clause root: ``denied`` (not, deny, reject, rule out, stop short of,
  left it out), ``hypothetical`` (would, could, may, might, if; but "would" in what someone
  said in the past, "China said it would impose …", is ``planned``), ``proposed`` (propose,
  consider, weigh, legislation, bill, call for; what a bill or amendment "would" do),
  ``planned`` (will, plan, intend, expect, set to) or ``asserted``. The nearest cue wins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.hedges import clause_modality

if TYPE_CHECKING:
    from spacy.tokens import Token

_CLIMB = {
    "dobj",
    "pobj",
    "prep",
    "conj",
    "compound",
    "attr",
    "nsubjpass",
    "appos",
    "amod",
    "nmod",
    "npadvmod",
    "oprd",
    "dative",
    "acl",
    "advcl",
    "relcl",
    "nsubj",
    "cc",
}
_HYPOTHETICAL_AUX = {"would", "could", "might", "may", "can", "should", "must"}
_PLANNED_AUX = {"will", "shall", "'ll", "wo"}
_DENY = {
    "deny",
    "reject",
    "refuse",
    "decline",
    "dismiss",
    "veto",
    "oppose",
    "avoid",
    "spare",
    "exempt",
    "fail",
}
_DROPPED = {"drop", "shelve", "abandon", "scrap", "reject", "withdraw", "omit"}
_PROPOSE = {
    "propose",
    "consider",
    "weigh",
    "mull",
    "urge",
    "recommend",
    "suggest",
    "debate",
    "discuss",
    "draft",
    "explore",
    "threaten",
    "study",
    "seek",
    "demand",
    "request",
    "advocate",
    "float",
    "pitch",
    "ask",
}
_PROPOSE_NOUNS = {
    "legislation",
    "bill",
    "proposal",
    "draft",
    "amendment",
    "petition",
    "call",
    "calls",
    "recommendation",
    "request",
}
_PLAN = {
    "plan",
    "intend",
    "aim",
    "expect",
    "prepare",
    "schedule",
    "set",
    "vow",
    "pledge",
    "promise",
    "commit",
    "due",
    "poise",
}
# adjectives of likelihood governing the clause: "is unlikely to impose", "likely to ban"
_HYPO_VERBS = {"possible", "potential", "likely", "unlikely", "probable", "unclear", "uncertain"}
# verbs of belief and forecast: what their clausal complement says is not asserted
# ("analysts expect China to tighten controls", "traders fear Jakarta will ban exports")
_ATTITUDE = {
    "believe",
    "think",
    "hope",
    "fear",
    "predict",
    "forecast",
    "anticipate",
    "doubt",
    "suspect",
    "speculate",
    "assume",
    "reckon",
    "wonder",
}
# verbs that report speech: "China said it would impose …" is the future of a past
# statement (planned), not a hypothesis
_REPORTING = {
    "say",
    "announce",
    "tell",
    "state",
    "confirm",
    "declare",
    "warn",
    "add",
    "write",
    "report",
    "pledge",
    "promise",
    "vow",
}
_HYPO_ADJ = {"possible", "potential", "hypothetical", "future", "eventual", "any"}
_DENY_ADJ = {"no"}
# a negative quantifier as the subject denies the clause: "Nobody is discussing duties",
# "No country has imposed …", "Neither side signed …"
_NEG_SUBJECTS = {"nobody", "none", "nothing", "neither", "noone", "no-one"}


def governor(token: Token, limit: int = 5) -> Token:
    """The verb (or clause root) a trigger depends on; the trigger itself if a verb."""
    current = token
    for _ in range(limit):
        if current.pos_ in ("VERB", "AUX") or current.dep_ == "ROOT":
            return current
        if current.dep_ not in _CLIMB or current.head == current:
            return current
        current = current.head
    return current


_RELATIVE = ("that", "which", "who", "whom")


def subjects(verb: Token) -> list[Token]:
    """Heads of the subject phrases of ``verb`` (agent first), with coordinated ones."""
    current = verb
    for _ in range(4):  # "agreed to buy …, making …, and to guarantee …": four clauses up
        found: list[Token] = []
        for child in current.children:
            if child.dep_ == "agent":
                found += [g for g in child.children if g.dep_ == "pobj"]
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                found.append(child)
            # "the DFC is expected to contribute": a raising verb's passive subject is the
            # subject of its infinitive
            if child.dep_ == "nsubjpass" and current is not verb and _raised(verb, current):
                found.append(child)
        if found:
            out = []
            for head in found:
                if head.lower_ in _RELATIVE and current.dep_ == "relcl":
                    head = current.head  # "the delegation that met …": the delegation
                out.append(head)
                out += [c for c in head.conjuncts if c.i > head.i]
            return out
        if current.dep_ in ("xcomp", "conj", "acl", "relcl", "advcl") and current.head != current:
            if current.dep_ in ("acl", "relcl"):
                return [current.head]  # "legislation to ban …", "the ministry, which banned …"
            current = current.head
            continue
        break
    return []


def _raised(verb: Token, head: Token) -> bool:
    """``verb`` is the infinitive complement of the passive ``head`` ("is expected to
    contribute", "was asked to provide")."""
    return verb.dep_ == "xcomp" and verb.head == head


def passive_subjects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return found + [c for f in found for c in f.conjuncts]


def _chain(token: Token, limit: int = 6) -> list[Token]:
    chain = [token]
    current = token
    for _ in range(limit):
        attitude = current.head.lemma_.lower() in (*_ATTITUDE, "expect")
        if current.head == current or current.dep_ == "parataxis":
            break
        if current.dep_ == "ccomp" and not attitude:
            break
        current = current.head
        chain.append(current)
    return chain


def _in_bill(verb: Token) -> bool:
    """A prepositional phrase of ``verb`` places the act inside a bill or draft."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("as", "in", "under", "through", "via"):
            lemmas = {t.lemma_.lower() for t in child.subtree}
            if lemmas & {"bill", "draft", "proposal", "amendment"}:
                return True
    return False


def _proposal_object(prep: Token) -> bool:
    return any(g.dep_ == "pobj" and g.lemma_.lower() in _PROPOSE_NOUNS for g in prep.children)


def _bill_subject(verb: Token) -> bool:
    """The subject of ``verb`` is a bill, draft, amendment or proposal (also through a
    relative pronoun: "approved a bill that would ban exports")."""
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in _PROPOSE_NOUNS:
        return any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which")
            for c in verb.children
        )
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _PROPOSE_NOUNS
        for c in verb.children
    )


def reported(verb: Token) -> bool:
    """``verb`` heads what someone said in the past ("Beijing said it would impose …")."""
    head = verb.head
    return (
        verb.dep_ == "ccomp"
        and head.lemma_.lower() in _REPORTING
        and head.tag_ in ("VBD", "VBN")
        and not any(c.dep_ == "neg" for c in verb.children)
    )


def modality(token: Token) -> str:
    """asserted | planned | proposed | hypothetical | denied: the path rules below, refined
    by the clause cues of ``kg.extract.hedges`` (reported denials win; applications and
    letters of interest weaken what the path reads as asserted or planned)."""
    stated = clause_modality(token)
    found = _path_modality(token)
    if stated == "denied" or (stated is not None and found in ("asserted", "planned")):
        return stated
    return found


def _path_modality(token: Token) -> str:
    """asserted | planned | proposed | hypothetical | denied, from the path to the root
    (anything asked in a question is hypothetical)."""
    if token.sent.text.rstrip().endswith("?"):
        return "hypothetical"
    for current in _chain(token):
        for child in current.children:
            if child.dep_ == "neg" or child.lower_ in ("never",):
                return "denied"
            if child.dep_ in ("nsubj", "nsubjpass") and (
                child.lower_ in _NEG_SUBJECTS
                or any(g.dep_ == "det" and g.lower_ in ("no", "neither") for g in child.children)
            ):
                return "denied"
            if child.dep_ in ("det", "amod") and current.pos_ == "NOUN":
                if child.lower_ in _DENY_ADJ:
                    return "denied"
                if child.lower_ in _HYPO_ADJ:
                    return "hypothetical"
                if child.lower_ in ("proposed", "draft", "suggested", "mooted"):
                    return "proposed"
                if (
                    child.lower_ in ("planned", "upcoming", "forthcoming", "new")
                    and child.lower_ != "new"
                ):
                    return "planned"
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return "hypothetical"
            if child.dep_ == "prep" and child.lower_ == "under" and _proposal_object(child):
                return "proposed"  # "under the proposal, X would hold a stake": proposed
        for child in current.children:
            if child.dep_ == "aux" and child.lower_ in _HYPOTHETICAL_AUX and _bill_subject(current):
                return "proposed"  # "the bill would impose a 25% tariff": what it proposes
            if child.dep_ == "aux" and child.lower_ in ("would", "'d") and reported(current):
                return "planned"
            if child.dep_ == "aux" and child.lower_ in _HYPOTHETICAL_AUX:
                return "hypothetical"
            if child.dep_ == "aux" and child.lower_ in _PLANNED_AUX:
                return "planned"
        for conj in current.conjuncts:  # "considered a ban but left it out"
            if conj.pos_ not in ("VERB", "AUX"):
                continue  # "exempted cathodes, concentrates and scrap": a noun, not a verb
            words = {c.lower_ for c in conj.children}
            if conj.lemma_.lower() in _DROPPED or (
                conj.lemma_.lower() == "leave" and "out" in words
            ):
                return "denied"
        lemma = current.lemma_.lower()
        if current != token or current.pos_ in ("VERB", "AUX"):
            if lemma in _DENY or (
                lemma == "stop" and "short" in [c.lower_ for c in current.children]
            ):
                return "denied"
            if lemma == "leave" and any(c.lower_ == "out" for c in current.children):
                return "denied"
            if lemma == "rule" and any(c.lower_ == "out" for c in current.children):
                return "denied"
            if any(c.dep_ == "xcomp" for c in current.children) and any(
                c.dep_ == "advmod" and c.lower_ == "yet" for c in current.children
            ):
                return "denied"  # "has yet to impose": not (yet) done
            if lemma in _ATTITUDE or (current.pos_ == "ADJ" and lemma in _HYPO_VERBS):
                return "hypothetical"
            if (lemma in _PROPOSE and current != token) or (
                lemma in ("call", "ask", "press", "lobby", "push")
                and any(c.lower_ == "for" for c in current.children)
            ):
                return "proposed"
            if current.pos_ in ("VERB", "AUX") and _in_bill(current):
                return "proposed"  # "approved the ban as part of its version of the bill"
            if lemma in ("introduce", "file", "table", "unveil") and any(
                c.lemma_.lower() in _PROPOSE_NOUNS for c in current.children
            ):
                return "proposed"
            if current.pos_ == "NOUN" and lemma in _PROPOSE_NOUNS:
                return "proposed"
            if lemma == "set" and not any(c.dep_ == "xcomp" for c in current.children):
                continue
            if lemma in _PLAN or (lemma == "go" and current.tag_ == "VBG"):
                return "planned"
    return "asserted"


def subtree_range(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1
