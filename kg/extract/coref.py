"""Pronouns as role candidates: "it", "its", "they", "them", "their", "he", "his" …

A pronoun names the most recent compatible actor mention before it: an organisation,
company, body or country for "it" and "they" (a state is "it" and its officials "they":
"we have asked them to expedite"), a person for "he" and "she". The antecedent is looked
for in the sentence before the pronoun first, then in the earlier sentences of the article
(``Context.actors_named``, in order). One general rule keeps the proposer from being its
own counterparty: a pronoun never names the subject of its own clause ("Sweden's agency
has awarded it a grant": "it" is not the agency; "X asked them": "them" is not X), nor an
actor coordinated with it ("Together with Congo, it accounts for …"). Nothing is resolved
for "we", "our", "us" (the speaker's side is not named in the text) nor for a pronoun
inside a linked name.

The resolved mentions are extra candidates of :mod:`kg.extract.rolemodel`: each is an
:class:`~kg.extract.spans.Ent` at the pronoun's token, so the parse features of the
pronoun's position (subject of the trigger, "to them", possessor of the goods a tariff
hits) decide whether it fills a role; the model weighs them with a feature of their own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.spans import Ent

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.spans import Context, SentenceView

# pronoun -> the kind of actor it names
PRONOUNS: dict[str, str] = {
    **dict.fromkeys(("it", "its", "itself"), "group"),
    **dict.fromkeys(("they", "them", "their", "themselves"), "group"),
    **dict.fromkeys(("he", "him", "his", "she", "her"), "person"),
}
_ANY = re.compile(r"\b(?:" + "|".join(sorted(PRONOUNS)) + r")\b", re.IGNORECASE)
_SUBJECTS = ("nsubj", "nsubjpass")
_FREE = (*_SUBJECTS, "poss")  # a possessive may name its clause's subject ("Japan said its")


def compatible(kind: str, ent_type: str) -> bool:
    """Whether an actor of ``ent_type`` can be named by a pronoun of ``kind``."""
    return ent_type != "Article" and (ent_type == "Person") == (kind == "person")


def salient_actors(view: SentenceView) -> list[tuple[str, str, int]]:
    """The sentence's actors in text order with their salience: 0 the subject of a clause
    (or its possessor, or a conjunct or apposition of one), 1 any other mention, 2 a
    nationality adjective ("the Swedish state-owned group" is the group, not Sweden)."""
    out = []
    for ent in view.ents:
        if ent.is_actor:
            out.append((ent.slug, ent.type, _salience(view, ent)))
    return out


def _salience(view: SentenceView, ent: Ent) -> int:
    if ent.demonym:
        return 2
    tok = view.span.doc[ent.end - 1]
    for _ in range(4):
        if tok.dep_ in ("conj", "appos", "compound", "poss") and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return 0 if tok.dep_ in _SUBJECTS else 1


def anaphora(view: SentenceView, ctx: Context) -> list[Ent]:
    """The sentence's pronouns resolved to their antecedents, as entities at the pronoun."""
    out: list[Ent] = []
    for match in _ANY.finditer(view.span.text):  # no loop over every token
        words = view.span.char_span(match.start(), match.end())
        if words is None or len(words) != 1:
            continue
        tok = words[0]
        kind = PRONOUNS[tok.lower_]
        if tok.pos_ != "PRON" or view.ent_at(tok.i) is not None:
            continue
        found = _antecedent(view, ctx, tok, kind)
        if found is not None:
            slug, ent_type = found
            out.append(Ent(slug, ent_type, tok.i, tok.i + 1, tok.lower_))
    return out


def _antecedent(view: SentenceView, ctx: Context, tok: Token, kind: str) -> tuple[str, str] | None:
    """The most salient compatible actor before the pronoun: in its sentence (subjects
    first, nearest first), else in the sentence before (subjects first, then the latest
    mention), else the latest compatible mention of the article."""
    barred = _clause_mates(view, tok)
    here = [
        (slug, t, rank)
        for slug, t, rank, ent in (
            (e.slug, e.type, _salience(view, e), e) for e in view.ents if e.end <= tok.i
        )
        if not _inside_clause(view, ent, tok)
    ]
    groups = [here[::-1], *[g[::-1] for g in ctx.actors_named[::-1] if g]]
    for n, group in enumerate(groups):
        fits = [(s, t, r) for s, t, r in group if compatible(kind, t) and s not in barred]
        fits = [f for f in fits if f[2] < 2 or (kind == "group" and _plural(tok))]
        if n > 1:  # further back: the latest mention of any rank
            return (fits[0][0], fits[0][1]) if fits else None
        if fits:
            best = min(fits, key=lambda f: f[2])
            return best[0], best[1]
    return None


def _plural(tok: Token) -> bool:
    return tok.lower_ in ("they", "them", "their", "themselves")


def _clause(tok: Token) -> Token:
    """The verb (or the root) whose clause ``tok`` belongs to."""
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _clause_mates(view: SentenceView, pronoun: Token) -> set[str]:
    """The entities that are the subject of the pronoun's clause, or hang from its
    governing verb, for a pronoun that is not a subject or a possessor ("X asked them")."""
    verb = _clause(pronoun)
    out: set[str] = set()
    for ent in view.ents:
        if not ent.is_actor:
            continue
        for i in range(ent.start, ent.end):
            t = view.span.doc[i]
            if t.head.i == verb.i and t.dep_ in _SUBJECTS and pronoun.dep_ not in _FREE:
                out.add(ent.slug)
    return out


def _inside_clause(view: SentenceView, ent: Ent, pronoun: Token) -> bool:
    """Whether ``ent`` hangs from the pronoun's own clause verb other than as its subject
    (an adverbial "with X" next to the pronoun's clause names a partner, not the referent)."""
    if pronoun.dep_ not in _SUBJECTS:
        return False
    verb = _clause(pronoun)
    for i in range(ent.start, ent.end):
        t = view.span.doc[i]
        climbed = 0
        while t.head.i != t.i and climbed < 4:
            t = t.head
            climbed += 1
            if t.i == verb.i:
                return True
            if t.pos_ in ("VERB", "AUX"):
                break
    return False
