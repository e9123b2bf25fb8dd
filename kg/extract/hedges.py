"""Clause-level modality cues that outrank the nearest auxiliary or governing verb.

``kg.extract.syntax.modality`` walks from a trigger to the root and returns the first cue it
meets; four classes of clause need a cue further up (or beside) the path to win:

* **Reported denials**: a measure inside a report, rumour or claim that someone denies is
  denied, whatever the report's own verb says ("the ministry denied a report that the
  government was preparing to reinstate duties", "a report that Beijing had stopped
  approving licences was rejected by the ministry").
* **Applications**: what a beneficiary applied for, sought or requested is proposed, not
  granted ("a loan it has applied for", "the company applied for a $50 million grant").
* **Preliminary commitments**: a letter of interest, intent or support and a conditional or
  preliminary approval or commitment promise a measure, they do not provide it: planned.
* **Reported deliberation**: "said it would consider a 15% duty" is a proposal under
  discussion, not a planned measure (the reported "would" otherwise reads as planned).
* **Bills and drafts**: what a bill, draft, amendment or motion would do is proposed ("a
  bill that would let the department offer price floors"), however deep the trigger sits
  in the relative clause; "legislation" or a "plan" only with a modal ("legislation that
  would ban imports").
* **Proposed clauses**: a measure in the clause that a verb of proposing or recommending
  takes is proposed ("the ministry has proposed to Cabinet that the ban be extended to
  copper", "the panel recommended that the government impose a levy") when that clause
  is subjunctive or carries "should"/"must"; an indicative clause ("is pleased to advise
  that the government has agreed to provide a loan") reports a fact.
* **Rumours**: a trigger in the clause of a report, rumour or speculation that no one
  confirms ("there are reports that China will stop exports": still to come) is
  hypothetical; a report that something happened reports it.
* **Denied clauses**: a trigger inside the clause a denial verb takes ("denied that it had
  offered to sell the unit") is denied, as inside a denied report.
* **Scheduled measures**: the subject of "is due / slated / scheduled to" with its
  infinitive is planned ("a 25% tariff is due to take effect in 2026").
* **Hearsay**: a trigger in the clause of an existential report ("there were reports that
  you offered Chinese companies exclusive rights": only that reports exist is said) or whose
  verb is hedged by "reportedly" or "allegedly" ("has reportedly asked to buy 30%") is
  hypothetical, whatever its tense.
* **Denial verbs** include debunking and disputing a report ("wishes to debunk reports
  that the government has granted exclusive rights").
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_REPORT_NOUNS = {"report", "rumour", "rumor", "speculation", "suggestion", "claim", "story"}
_DENY_VERBS = {"deny", "reject", "dismiss", "refute", "rebut", "quash", "debunk", "dispute"}
_DRAFTS = {"bill", "draft", "amendment", "motion"}
_MAYBE_DRAFTS = {"legislation", "plan", "proposal", "resolution"}
_MODALS = {"would", "could", "might", "may", "'d"}
_APPLY_VERBS = {"apply", "seek", "request"}
_LETTER_OF = {"interest", "intent", "support"}
_PRELIMINARY = {"conditional", "preliminary", "indicative", "provisional", "in-principle"}
_COMMITMENTS = {"approval", "commitment", "offer", "agreement"}
_DELIBERATE = {"consider", "weigh", "mull", "study", "explore", "review"}
_PROPOSING = {"propose", "recommend", "suggest", "urge", "advise", "advocate"}
_REPORTING = {"say", "announce", "tell", "state", "confirm", "add", "note", "write"}


def _ancestors(token: Token, limit: int = 8) -> list[Token]:
    """``token`` and its heads up to the root (at most ``limit`` steps)."""
    chain = [token]
    current = token
    for _ in range(limit):
        if current.head == current:
            break
        current = current.head
        chain.append(current)
    return chain


def _denied_report(chain: list[Token]) -> bool:
    for node in chain[1:]:
        # "debunked reports that …": the tagger may read an object "reports" as a verb
        nominal = node.pos_ == "NOUN" or node.dep_ in ("dobj", "nsubjpass")
        if node.lemma_.lower() in _REPORT_NOUNS and nominal:
            head = node.head
            if head.lemma_.lower() in _DENY_VERBS and node.dep_ in ("dobj", "nsubjpass"):
                return True
    return False


def _denied_clause(chain: list[Token]) -> bool:
    """The trigger's clause is what a denial verb takes as its complement: "Vale denied
    that it had offered to sell the unit", "the ministry disputed that exports had been
    halted". Only the first clause boundary counts (a denial further up denies something
    else)."""
    for node in chain[:-1]:
        if node.dep_ == "ccomp":
            return node.head.lemma_.lower() in _DENY_VERBS
    return False


_CONDITIONS = {"if"}  # "unless" more often states an exception to a rule in force


def _conditional(chain: list[Token]) -> bool:
    """The trigger's own clause carries a condition ("has offered to build a refinery if
    the government lifts the block", "will restrict exports unless talks resume"): what
    it states depends on something that has not happened. Only the clause of the trigger
    and the verbs it is the complement of count (a condition elsewhere conditions
    something else)."""
    nodes = list(chain[:1])
    for _ in range(3):  # "offered to start building … if": the complements the trigger takes
        nodes += [c for c in nodes[-1].children if c.dep_ == "xcomp"][:1]
    for below, node in pairwise(chain[:4]):
        if below.dep_ not in ("xcomp", "dobj", "prep", "pobj", "compound", "amod"):
            break  # the trigger's clause ends here
        nodes.append(node)
    return any(
        child.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in child.children)
        for node in nodes
        for child in node.children
    )


def conditional(token: Token) -> bool:
    """Whether the trigger ``token``'s own clause carries an "if"/"unless" condition."""
    return _conditional(_ancestors(token))


def _applied_for(token: Token, chain: list[Token]) -> bool:
    # "a loan it has applied for": the application is a relative clause of the trigger
    for node in token.subtree:
        if node.dep_ == "relcl" and _applies(node) and _in_phrase(node.head, token):
            return True
    for node in chain[1:4]:
        if node.pos_ in ("VERB", "AUX"):
            return _applies(node)  # only the verb that governs the trigger's phrase
    return False


def _in_phrase(node: Token, head: Token) -> bool:
    """``node`` belongs to ``head``'s own noun phrase ("a loan of up to $2 billion")."""
    for _ in range(5):
        if node == head:
            return True
        if node.dep_ not in ("pobj", "prep", "nummod", "quantmod", "compound", "appos"):
            return False
        node = node.head
    return False


def _applies(verb: Token) -> bool:
    """ "applied for", "sought", "requested" (but "applied a tariff" imposes one)."""
    lemma = verb.lemma_.lower()
    if lemma == "apply":
        return any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)
    return lemma in _APPLY_VERBS


def _preliminary(chain: list[Token]) -> bool:
    for node in chain[:5]:
        lemma = node.lemma_.lower()
        if lemma == "letter" and any(
            g.lemma_.lower() in _LETTER_OF
            for c in node.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
        ):
            return True
        if lemma in _COMMITMENTS and any(
            c.dep_ in ("amod", "compound") and c.lower_ in _PRELIMINARY for c in node.children
        ):
            return True
        if node.pos_ in ("VERB", "AUX") and node.dep_ in ("ROOT", "ccomp"):
            break
    return False


def _reported_deliberation(chain: list[Token]) -> bool:
    for node in chain[1:4]:
        if node.pos_ not in ("VERB", "AUX"):
            continue
        if node.lemma_.lower() not in _DELIBERATE:
            return False
        would = any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in node.children)
        head = node.head
        return would and node.dep_ == "ccomp" and head.lemma_.lower() in _REPORTING
    return False


def _drafted(chain: list[Token]) -> bool:
    for node in chain[:6]:
        if node.dep_ != "relcl":
            continue
        head = node.head.lemma_.lower()
        if head in _DRAFTS:
            return True
        modal = any(c.dep_ == "aux" and c.lower_ in _MODALS for c in node.children)
        return head in _MAYBE_DRAFTS and modal
    return False


_TENSED = ("VBD", "VBZ", "VBP")  # "has agreed", "had offered", "is", "was": indicative
_MANDATIVE = ("should", "must", "shall")


def _mandative(verb: Token) -> bool:
    """The clause ``verb`` heads is what is wanted, not what happened: a bare subjunctive
    ("that the ban be extended", "that the government impose a levy") or a modal of
    obligation. An indicative clause ("is pleased to advise that the government has
    agreed to provide a loan", "suggested that China had offered") reports a fact."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _MANDATIVE for a in auxes):
        return True
    return verb.tag_ not in _TENSED and not any(a.tag_ in _TENSED for a in auxes)


def _proposed_clause(chain: list[Token]) -> bool:
    # the trigger's clause, or the trigger itself, is what a proposing verb takes
    for node, head in pairwise(chain[:4]):
        if node.dep_ == "ccomp" and head.lemma_.lower() in _PROPOSING:
            return _mandative(node)
        if node.pos_ in ("VERB", "AUX") and node.dep_ in ("ROOT", "ccomp", "conj"):
            return False
    return False


_CONFIRM_VERBS = {"confirm", "verify", "corroborate"}


def _rumoured(chain: list[Token]) -> bool:
    """The trigger's clause is the content of a report, rumour or speculation nobody
    confirms ("there are reports that China will stop antimony exports", "reports that
    Jakarta will ban bauxite exports pushed prices up"): unconfirmed, so hypothetical. A
    report someone confirms is the fact; one someone denies is denied (checked first)."""
    for node in chain[:-1]:
        head = node.head
        if node.dep_ in ("acl", "ccomp") and node.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in _REPORT_NOUNS and head.pos_ == "NOUN":
                return _pending(node) and head.head.lemma_.lower() not in _CONFIRM_VERBS
            return False  # the first clause boundary decides
    return False


def _pending(verb: Token) -> bool:
    """The clause speaks of what is still to come ("will stop", "would ban", "may halt"):
    a report that something happened ("reports surfaced that X met Y") reports a fact."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


_HEARSAY_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "rumouredly"}


def _hearsay(chain: list[Token]) -> bool:
    """The trigger's clause is what "there are reports that …" says exists, or a verb on
    the way to its clause's head is hedged by "reportedly" / "allegedly". Only the first
    clause boundary counts (a report further up reports something else)."""
    for node in chain[:-1]:
        if any(c.dep_ == "advmod" and c.lower_ in _HEARSAY_ADVERBS for c in node.children):
            return True
        if node.dep_ in ("acl", "ccomp", "relcl", "advcl"):
            head = node.head  # "there were reports that …": the clause of "be" or "reports"
            if head.lemma_.lower() in _REPORT_NOUNS and head.dep_ in ("attr", "nsubj"):
                head = head.head
            return head.lemma_.lower() == "be" and _existential_report(head)
    return any(c.dep_ == "advmod" and c.lower_ in _HEARSAY_ADVERBS for c in chain[-1].children)


def _existential_report(verb: Token) -> bool:
    """ "there were reports", "there have been rumours": an expletive subject and a report
    noun as what exists."""
    kids = list(verb.children)
    return any(c.dep_ == "expl" for c in kids) and any(
        c.dep_ in ("attr", "nsubj") and c.lemma_.lower() in _REPORT_NOUNS for c in kids
    )


_SCHEDULED = {"due", "slated", "scheduled", "poised"}


def _scheduled(token: Token) -> bool:
    """The trigger is the subject of a scheduling predicate with its infinitive: "a 25%
    tariff is due to take effect in 2026", "the ban is slated to start in January" (set in
    advance, not yet in force). The predicate is a complement beside the trigger, not on
    its path to the root, so the path rules never see it."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return any(
        c.dep_ in ("acomp", "xcomp", "oprd")
        and c.lemma_.lower() in _SCHEDULED
        and any(g.dep_ == "xcomp" for g in c.children)
        for c in token.head.children
    )


def clause_modality(token: Token) -> str | None:
    """denied | proposed | planned when one of the classes above holds for the trigger
    ``token``; None to let the path rules decide."""
    chain = _ancestors(token)
    if _denied_report(chain) or _denied_clause(chain):
        return "denied"
    if _rumoured(chain) or _hearsay(chain):
        return "hypothetical"
    if (
        _applied_for(token, chain)
        or _reported_deliberation(chain)
        or _drafted(chain)
        or _proposed_clause(chain)
    ):
        return "proposed"
    if _preliminary(chain) or _scheduled(token):
        return "planned"
    return None
