"""Whom "we", "us" and "our" stand for: the side the speaker speaks for.

A first-person pronoun names no one in the text, but its speaker is often stated:

* in a transcript, an interview or an earnings call each turn starts with its speaker's
  label ("Arancibia: We have pitched …", "SECRETARY IGNACIO BARRAGÁN: …", "Official
  Spokesperson: …"); the turn lasts until the next labelled line, and an asker's turn
  ("Q:", "QUESTION (Radio Norte):", "Analyst:") speaks for no one the article names;
* in quoted speech the reporting verb outside the quotation names the speaker ('"We
  propose … direct contracts," Belaruskali's director general Ivan Golovaty told state
  television'), bounded by the sentence.

The speaker's side is the organisation the speaker speaks for, by the role the extractor
found for them (``Context.roles``): the company of an officer, the country of a minister,
spokesperson or president (a government body stands for its country: "we requested the
Chinese side" is Japan's request, not the ministry's); an organisation that speaks
("the ministry said: 'we …'") speaks for itself, a ministry for its country.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.roles import CORPORATE, dominant_country, is_title
from kg.extract.spans import type_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.spans import Context, Frame, SentenceView

FIRST_PERSON = frozenset(("we", "us", "our", "ours", "ourselves"))
# labels of an asker's turn: the one asking speaks for no side of the story
_ASKERS = frozenset(
    ("q", "question", "questions", "analyst", "reporter", "interviewer", "moderator", "operator")
)
_REPORTING = frozenset(
    ("say", "tell", "add", "state", "note", "explain", "insist", "write", "announce", "declare")
)
_OPENING = frozenset(('"', "“", "‘"))
_CLOSING = frozenset(('"', "”", "’"))
_QUOTES = frozenset(('"', "“", "”"))
_MAX_LABEL = 10  # tokens before a turn label's colon


@dataclass
class Turns:
    """The transcript turn an article's sentences are in: the line that opened it and
    the side its speaker speaks for (None: an asker's turn, or no transcript)."""

    titles: dict[str, str] = field(default_factory=dict)  # a title as written -> its holder
    posts: dict[str, str] = field(default_factory=dict)  # a speaker -> the label's title
    sides: dict[str, str] = field(default_factory=dict)  # a label -> the side it speaks for
    body: str | None = None  # the first government body the article named
    line: int = -1
    side: str | None = None

    def note_titles(self, frames: list[Frame]) -> None:
        """Remember the people the article gave a title ("Official Spokesperson, Shri
        Randhir Jaiswal"), for a turn labelled by the title alone."""
        for frame in frames:
            if frame.type == "Role" and frame.properties.get("roleOf"):
                self.titles.setdefault(frame.label.lower(), frame.properties["roleOf"][0])

    def enter(self, line_start: int, view: SentenceView, ctx: Context) -> str | None:
        """The side of the turn the sentence is in (its line's label decides, read once
        per line); an unlabelled line continues the turn before it."""
        if self.body is None:  # a briefing's ministry: the first body the article names
            self.body = next((e.slug for e in view.ents if e.type == "GovernmentBody"), None)
        if line_start == self.line:
            return self.side
        self.line = line_start
        label = turn_label(view.span)
        if label is not None:  # a label keeps the side it was first given
            key = label.text.strip().lower()
            self.side = self.sides.get(key) or self._labelled(label, view, ctx)
            if self.side is not None:
                self.sides.setdefault(key, self.side)
        return self.side

    def _labelled(self, label: Span, view: SentenceView, ctx: Context) -> str | None:
        if label[0].lower_.rstrip(".") in _ASKERS:
            return None
        text = label.text.strip()
        people = [
            e.slug for e in view.ents if e.type == "Person" and label.start <= e.start < label.end
        ]
        # a surname or a title the article gave before ("Seitkali:", "BARRAGÁN:",
        # "Official Spokesperson:")
        named = {k.lower(): v for k, v in ctx.people.items()}
        person = next(
            iter(people),
            self.titles.get(text.lower()) or named.get(text.lower()) or named.get(label[-1].lower_),
        )
        if person is None:
            return _side_by_title(text, self.body, view, ctx)
        if is_title(text):  # "Felipe Arancibia, chief commercial officer:"
            self.posts.setdefault(person, text)
        if person in ctx.roles:
            return side_of(person, view, ctx)
        return _side_by_title(self.posts.get(person, ""), self.body, view, ctx)


def _side_by_title(title: str, body: str | None, view: SentenceView, ctx: Context) -> str | None:
    """The side of a speaker known only by a title ("Minister Kanda:", "SECRETARY IGNACIO
    BARRAGÁN:", "chief commercial officer"): an officer's company is the one the article is
    about (else the first it named); an official's country that of the first government
    body the article named (a briefing's ministry), else the country it names most."""
    if not title or not is_title(title):
        return None
    lowered = title.lower()
    if any(word in lowered for word in CORPORATE):
        first = next((slug for slug, kind in ctx.organisations if kind == "Company"), None)
        return ctx.main_company() or first
    body = body or next((s for s, kind in ctx.organisations if kind == "GovernmentBody"), None)
    country = side_of(body, view, ctx) if body else None
    if country is not None and _kind(country, view, ctx) == "Country":
        return country
    return dominant_country(ctx) or ctx.main_nation()


def turn_label(sent: Span) -> Span | None:
    """The speaker label that opens a line ("Arancibia:", "Felipe Arancibia, chief
    commercial officer:", "QUESTION (Radio Norte):"): a colon among the line's first words
    with no lowercase verb before it; None for a line that opens otherwise."""
    doc = sent.doc
    if sent.start != 0:
        return None
    for tok in doc[: min(len(doc), _MAX_LABEL + 1)]:
        if tok.is_punct and tok.text.endswith(":"):  # ":", and "):" after a parenthesis
            return doc[: tok.i] if tok.i > 0 else None
        if (tok.pos_ in ("VERB", "AUX") and tok.is_lower) or tok.text in _QUOTES:
            return None  # "The ministry said: …" (a capitalised label may parse as a verb)
    return None


def side_of(slug: str, view: SentenceView, ctx: Context) -> str | None:
    """The organisation a speaker speaks for: a person's, by the role found for them; a
    government body's country; an organisation or a country itself."""
    person = slug in ctx.roles or _kind(slug, view, ctx) == "Person"
    held = ctx.roles.get(slug) if person else slug
    if held is None:
        return None  # a speaker whose post the article did not give
    if _kind(held, view, ctx) == "GovernmentBody":
        entity = view.registry.get(held)
        return (entity.jurisdiction if entity else None) or ctx.homes.get(held) or held
    return held


def _kind(slug: str, view: SentenceView, ctx: Context) -> str | None:
    known = type_of(view, slug) or next((e.type for e in view.ents if e.slug == slug), None)
    return known or dict(ctx.organisations).get(slug)


def quoted(token: Token, sent: Span) -> bool:
    """Whether ``token`` is inside a quotation of its sentence (one opened in an earlier
    sentence too: "… we said,” he added.")."""
    inside = False
    seen = False
    for tok in sent:
        if tok.i == token.i:
            if seen:
                return inside
            # no quotation mark before it: inside one opened earlier if the next closes
            after = [t.text for t in sent if t.i > token.i and t.text in _QUOTES]
            return bool(after) and after[0] in _CLOSING and after[0] != '"'
        if tok.text in _QUOTES:
            seen = True
            inside = not inside if tok.text == '"' else tok.text in _OPENING
    return inside


def quote_speaker(view: SentenceView, token: Token, ctx: Context) -> str | None:
    """The side of the speaker of the quotation ``token`` is in: the subject of a reporting
    verb of the sentence outside it (a person's side by their role, an organisation
    itself, "he"/"she" the person the article named last)."""
    sent = view.span
    if not quoted(token, sent):
        return None
    for verb in sent:
        if verb.lemma_.lower() not in _REPORTING or quoted(verb, sent):
            continue
        for head in (c for c in verb.children if c.dep_ == "nsubj"):
            if head.lower_ in ("he", "she") and ctx.last_person:
                return side_of(ctx.last_person, view, ctx)
            span = range(head.left_edge.i, head.right_edge.i + 1)
            named = [e for e in view.ents if e.start in span and e.is_actor and not e.demonym]
            people = [e for e in named if e.type == "Person"]
            for person in people:
                side = side_of(person.slug, view, ctx)
                if side:
                    return side
            others = [e for e in named if e.type != "Person"]
            if others:  # "Belaruskali's director general", "a lawyer for the company"
                return side_of(others[0].slug, view, ctx)
    return None


def first_person_side(view: SentenceView, token: Token, ctx: Context) -> str | None:
    """Whom the first-person pronoun ``token`` stands for: the quotation's speaker, else
    the transcript turn's (``Context.turn_side``); None for any other word."""
    if token.lower_ not in FIRST_PERSON:
        return None
    return quote_speaker(view, token, ctx) or ctx.turn_side
