"""Who states a sentence that names no source of its own: the attribution of a claim.

A figure "according to X" or "X said" is claimed by X (``kg.extract.claims``). When the
sentence names nobody, the text around it often does:

* a transcript turn (:func:`turn_speaker`): the paragraph opens with its speaker's label,
  "QUEIROZ: China refines …", "Minister Kanda: Our dependence …"; the label's surname is
  the person the article named (``Context.people``), else the full name the article
  spelled out before ("… Minister of Economy, Trade and Industry Kanda Hiroshi");
* a quotation the paragraph attributes later (:func:`quote_speaker`): "“China makes about
  90% of the magnets. That is a chokepoint,” Whitcombe said" — the sentence opens a quote
  that a later sentence of its paragraph closes with a reporting verb and its subject;
* the voice of the whole article (:func:`article_voice`, read once from its first
  lines): the byline author of an opinion or analysis piece ("Opinion: …", "By Fiona
  Hale", "The views expressed are the author's own"), or the issuer of an official
  release ("Press release", "Press statement", "FACT SHEET"): the government, body or
  company its first sentence has as subject ("The UK Government today set out …"), or the
  administration of the president a fact sheet's headline names ("President Donald J.
  Trump takes …": the registry's "Trump administration").

Only an actor the graph knows is used (a registry entity, or a person or organisation
the article names as an entity); nothing is guessed when the text supports none of these:
the claim keeps the article as its source. A release is one only when a short line of its
head says so ("Press release: …", "Press statement | Rabat, …", "Cabinet decisions …"), and
a question or a questioner's turn ("Q: …") is no one's statement (:func:`asked`). Wire
copy and news with a reporter's byline are not opinion: their byline author does not claim
the article's figures.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.rdf.terms import slugify

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.gazetteer import Registry
    from kg.extract.spans import Context, SentenceView

# "QUEIROZ:", "Minister Kanda:", "MINISTER RENATA QUEIROZ:", "Mr. Okafor (CEO):"
_TURN = re.compile(
    r"^\s*(?P<label>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*)\s*(?:\([^)]{0,60}\))?\s*:\s+\S"
)
# labels of the questioner or of a section, never a speaker
_NOT_SPEAKERS = frozenset(
    {"q", "a", "question", "questions", "answer", "reporter", "journalist", "moderator",
     "host", "interviewer", "note", "update", "related", "source", "editor", "correction",
     "read", "watch", "listen", "see", "photo", "video", "background", "context"}
)  # fmt: skip
# words a surname follows or precedes in a title, not a given name
_TITLE_WORDS = frozenset(
    {"minister", "secretary", "president", "deputy", "vice", "prime", "spokesperson",
     "spokesman", "spokeswoman", "director", "general", "chairman", "chairwoman", "chair",
     "governor", "ambassador", "senator", "sen", "rep", "representative", "mr", "ms", "mrs",
     "dr", "chief", "executive", "officer", "ceo", "industry", "trade", "economy", "energy",
     "mines", "mining", "finance", "commerce", "affairs", "resources", "foreign", "state",
     "by", "and", "of", "the", "with", "from", "mayor", "premier", "king", "queen",
     "chancellor", "commissioner", "press", "conference", "briefing", "transcript"}
)  # fmt: skip
_REPORTING = frozenset(
    {"say", "tell", "note", "add", "warn", "argue", "write", "state", "explain", "recall",
     "insist", "stress", "point", "claim", "estimate"}
)  # fmt: skip
# a definite title as the subject of a reporting verb: "the Minister recalled that …"
TITLE_NOUNS = frozenset(
    {"minister", "secretary", "spokesperson", "spokesman", "spokeswoman", "president",
     "ambassador", "governor", "chairman", "chairwoman", "director", "commissioner",
     "premier", "senator", "chancellor"}
)  # fmt: skip
_OPINION_HEAD = re.compile(
    r"^\s*(opinion|analysis|comment|commentary|column|viewpoint|op-ed|perspective|"
    r"guest column|guest essay)\s*[:|—–-]",
    re.IGNORECASE,
)
_OWN_VIEWS = re.compile(
    r"\bviews?\s+(?:expressed\s+)?(?:here\s+)?(?:are|is)\s+(?:the\s+author'?s|his|her|their|"
    r"my)\s+own\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*By\s+(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s*(?:[|,]|$)")
_RELEASE = re.compile(
    r"\b(press release|press statement|news release|media release|fact sheet|"
    r"statement by|joint statement|official statement|statement no|cabinet decisions?)\b",
    re.IGNORECASE,
)
_PRESIDENT = re.compile(r"\bPresident\s+[A-Z]")
_LABEL_WORDS = 16  # a head line that labels the article's genre is short
_HEAD_LINES = 6  # the lines of an article's head that carry its genre, byline and issuer


def _person_named(surname: str, ctx: Context, before: str) -> str | None:
    """The person a speaker label's surname names: one the article linked, else the full
    name it spelled out before (a given name next to the surname, not a title word)."""
    key = surname[:1].upper() + surname[1:].lower() if surname.isupper() else surname
    if key in ctx.people:
        return ctx.people[key]
    for name, slug in ctx.people.items():
        if name.lower() == key.lower():
            return slug
    pattern = re.escape(key)
    for m in re.finditer(rf"\b([A-Z][a-z][\w'’-]*)\s+{pattern}\b", before):
        if m.group(1).lower() not in _TITLE_WORDS:
            return slugify(f"{m.group(1)} {key}")
    for m in re.finditer(rf"\b{pattern}\s+([A-Z][a-z][\w'’-]*)\b", before):
        if m.group(1).lower() not in _TITLE_WORDS:
            return slugify(f"{key} {m.group(1)}")
    return None


def in_turn(view: SentenceView) -> bool:
    """The sentence's paragraph is a speaker's turn of a transcript (not a question)."""
    m = _TURN.match(view.span.doc.text)
    return m is not None and not any(
        w.lower().strip(".") in _NOT_SPEAKERS for w in m.group("label").split()
    )


_QUESTIONS = frozenset({"q", "question", "reporter", "journalist", "interviewer"})


def asked(view: SentenceView) -> bool:
    """The sentence is a question or part of a questioner's turn ("Q: …")."""
    if view.span.text.rstrip().rstrip('"”').endswith("?"):
        return True
    m = _TURN.match(view.span.doc.text)
    return m is not None and any(
        w.lower().strip(".") in _QUESTIONS for w in m.group("label").split()
    )


def turn_speaker(view: SentenceView, ctx: Context, before: str) -> str | None:
    """The speaker whose transcript turn the sentence's paragraph is ("QUEIROZ: …");
    ``before`` is the article text before the paragraph."""
    m = _TURN.match(view.span.doc.text)
    if m is None:
        return None
    words = m.group("label").split()
    if any(w.lower().strip(".") in _NOT_SPEAKERS for w in words):
        return None
    return _person_named(words[-1].strip(".'’"), ctx, before)


def _reported_by(verb: Token, view: SentenceView, ctx: Context) -> str | None:
    """The actor who is the subject of a reporting verb outside the sentence's entities:
    a person the article named ("Whitcombe said"), "he"/"she" or "the minister"."""
    for child in verb.children:
        if child.dep_ != "nsubj":
            continue
        if child.lower_ in ("he", "she"):
            return ctx.last_person
        if child.lower_ in TITLE_NOUNS:
            return speaker_of_title(child, view, ctx)
        if child.pos_ == "PROPN":
            return _person_named(child.text, ctx, "")
    return None


def quote_speaker(view: SentenceView, ctx: Context) -> str | None:
    """The speaker of the quotation the sentence opens, when a later sentence of the same
    paragraph closes it with a reporting verb ("“China makes … That is a chokepoint,”
    Whitcombe said")."""
    doc = view.span.doc
    inside = [t for t in view.span if t.is_quote]
    if not inside or inside[0].text not in ('"', "“") or len(inside) % 2 == 0:
        return None  # no quote opened, or one closed inside the sentence
    for token in doc[view.end :]:
        if token.is_quote:  # the closing quote: its reporting verb follows
            for verb in doc[token.i + 1 : min(len(doc), token.i + 5)]:
                if verb.pos_ == "VERB" and verb.lemma_.lower() in _REPORTING:
                    return _reported_by(verb, view, ctx)
            return None
    return None


def _before(view: SentenceView, ctx: Context) -> str:
    """The article text before the sentence's paragraph."""
    paragraph = view.span.doc.text
    at = ctx.text.find(paragraph) if paragraph else -1
    return ctx.text[: max(at, 0)]


def speaker_of_title(token: Token, view: SentenceView, ctx: Context) -> str | None:
    """ "the Minister" as a reporting verb's subject: the person the article last named
    next to that title ("The Minister of Industry and Trade, Karim Tazi-Bennani, …",
    "Aram Hakobyan, the economy minister"), else the person it named last."""
    if token.lower_ not in TITLE_NOUNS or not any(d.lower_ == "the" for d in token.children):
        return None
    before = _before(view, ctx)
    best: tuple[int, str] | None = None
    for name, slug in ctx.people.items():
        if " " not in name:
            continue
        for m in re.finditer(re.escape(name), before):
            near = before[max(0, m.start() - 60) : m.end() + 40].lower()
            if _bare_title(token.lower_, near) and (best is None or m.start() > best[0]):
                best = (m.start(), slug)
    return best[1] if best else ctx.last_person


# ranks below a title: "the Minister" is not the deputy minister named next to it
_LOWER_RANKS = ("deputy", "vice", "assistant", "junior", "under", "state")


def _bare_title(title: str, near: str) -> bool:
    """``near`` names the title itself, not a lower rank of it ("Deputy Minister")."""
    for m in re.finditer(rf"\b{re.escape(title)}\b", near):
        words = re.findall(r"[a-z]+", near[: m.start()])
        if not words or words[-1] not in _LOWER_RANKS:
            return True
    return False


def _head_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()][:_HEAD_LINES]


def byline_author(text: str) -> str | None:
    """The author of an opinion or analysis piece: its byline's name, when the headline or
    a disclaimer marks the piece as the author's view."""
    head = _head_lines(text)
    if not head or not (_OPINION_HEAD.match(head[0]) or _OWN_VIEWS.search(text)):
        return None
    for line in head[1:]:
        m = _BYLINE.match(line)
        if m:
            return slugify(m.group("name"))
    return None


def release_issuer(text: str, registry: Registry) -> str | None:
    """The administration of the president a fact sheet or release's headline names
    ("FACT SHEET: President Donald J. Trump …": the registry's "Trump administration")."""
    head = _head_lines(text)
    if not head or not is_release(text):
        return None
    m = _PRESIDENT.search(head[0])
    if m is None:
        return None
    for word in head[0][m.start() :].split()[1:5]:  # "President Donald J. Trump Takes"
        slug = registry.slug_for_label(f"{word} administration")
        if slug:
            return slug
    return None


def is_release(text: str) -> bool:
    """The article is an official release or statement: a short line of its head says so
    ("Press release: …", "Press statement | Rabat, …"), not a story's paragraph that "said
    in a press release"."""
    return any(
        _RELEASE.search(line) and len(line.split()) <= _LABEL_WORDS for line in _head_lines(text)
    )


def article_voice(text: str, registry: Registry) -> str | None:
    """Who speaks in the whole article when a sentence names nobody: an opinion piece's
    author, the administration issuing a fact sheet; else nobody."""
    return byline_author(text) or release_issuer(text, registry)


_ISSUERS = ("Country", "GovernmentBody", "StateEntity", "Company")
_FIRST_SENTENCES = 4  # the head and first sentences whose subject issues a release


def release_subject(ctx: Context) -> str | None:
    """The issuer of an official release: the government, body or company that is the
    subject of its headline or first sentences ("The UK Government today set out …")."""
    if not ctx.release:
        return None
    for named in ctx.actors_named[:_FIRST_SENTENCES]:
        for slug, kind, salience in named:
            if salience == 0 and kind in _ISSUERS:
                return slug
    return None


def attributed(view: SentenceView, ctx: Context) -> str | None:
    """Who states the sentence by its surroundings: the transcript turn or the quotation
    it belongs to, else the article's voice (an opinion author, a release's issuer)."""
    found = (
        turn_speaker(view, ctx, _before(view, ctx)),
        quote_speaker(view, ctx),
        ctx.voice,
        release_subject(ctx),
    )
    # only an actor the graph knows: a registry entity or a person the article named
    return next((s for s in found if s and _known(s, view, ctx)), None)


def _known(slug: str, view: SentenceView, ctx: Context) -> bool:
    return (
        view.registry.get(slug) is not None
        or slug in ctx.people.values()
        or any(slug == named for named, _ in ctx.organisations)
    )
