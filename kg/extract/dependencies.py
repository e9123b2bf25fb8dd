"""Dependencies a sentence states by the shape of a share, a sourcing verb or a reliance.

``kg.extract.events`` finds the plain "X relies on / depends on Y" with a named
dependent. This module reads the other shapes news uses for the same fact, each giving
``dependent`` (who imports or relies), ``dependsOn`` (the supplier), ``forActivity`` and
``concernsResource``:

* a share of imports and where it comes from (:func:`share_dependency`, for a figure):
  "About 63% of its antimony imports come from China", "98% of the EU's magnet imports
  come from China" (the imports' owner depends on the "from" supplier); "China gets about
  70% of its imported bauxite from Guinea", "the country imports about 80% of its rare
  earth compounds from China" (a sourcing verb's subject on its "from" supplier); "Laos
  accounted for about 14% of China's rare earth imports" (the imports' owner on the
  verb's subject);
* a sourcing verb with a whole or most of something as object (:func:`stated_dependency`):
  "Poland imports practically every rare earth magnet it uses from China", "India
  imported 54,000 tonnes of magnets, almost all of them from China", "Britain imports all
  of its battery-grade lithium, most of it refined in China" (the supplier is where it is
  refined, processed or made);
* a reliance noun with its owner: "Our dependence on China for rare earths is around 60
  percent" ("our" in a speaker's turn or quotation: the nation the article is about),
  "the country's former reliance on Russian gas";
* a reliance verb whose subject names no registry actor: a continent stands for its union
  ("Europe relies on China for …": the European Union), and a generic group of firms
  ("Western cell makers depend almost entirely on Chinese anode material") leaves the
  dependent unnamed rather than guessing one.

Hypothetical and denied shapes ("would still depend on …") are left out; a dependent is
never its own supplier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.attribution import asked, in_turn
from kg.extract.measures import phrase_actors
from kg.extract.spans import Context, Frame, SentenceView, names_of, resources
from kg.extract.syntax import governor, modality, subjects

if TYPE_CHECKING:
    from spacy.tokens import Token

_SOURCING = frozenset({"import", "source", "get", "buy", "purchase", "obtain", "receive"})
_RELYING = frozenset({"rely", "depend"})
_RELIANCE = frozenset({"dependence", "reliance", "dependency"})
# words saying the object is the whole or most of what is bought
_WHOLE = frozenset({"all", "most", "every", "much", "bulk", "majority", "entirety"})
# where a supply was worked: "most of it refined in China"
_WORKED = {"refine": "refining", "process": "processing", "make": "supply", "produce": "supply"}
# a continent's name in a dependency stands for the union of its states
_UNIONS = {"europe": "European Union"}
_FIRST_PERSON = frozenset({"our", "we", "us"})


def _actors(view: SentenceView, token: Token, ctx: Context) -> list[str]:
    """The actors a phrase names ("the country" the country named last, a continent its
    union), nationality adjectives included ("Russian gas")."""
    if token.lower_ in _UNIONS:
        slug = view.registry.slug_for_label(_UNIONS[token.lower_])
        return [slug] if slug else []
    if token.lemma_.lower() == "country" and not any(e.start <= token.i < e.end for e in view.ents):
        before = [e.slug for e in view.ents if e.type == "Country" and e.end <= token.i]
        if before:  # "Korean buyers are exposed: the country imports …"
            return before[-1:]
        for named in reversed(ctx.actors_named):
            for slug, kind, _ in named:
                if kind == "Country":
                    return [slug]
        return []
    return phrase_actors(view, token, ctx)


def _from_supplier(view: SentenceView, verb: Token, ctx: Context, dependent: str) -> str | None:
    """The "from X" supplier of a verb, or where its object was worked ("refined in X")."""
    for token in verb.subtree:
        if token.lower_ == "from" or (
            token.lower_ == "in" and token.head.lemma_.lower() in _WORKED
        ):
            for obj in (c for c in token.children if c.dep_ == "pobj"):
                found = [a for a in _actors(view, obj, ctx) if a != dependent]
                if found:
                    return found[0]
    return None


def _activity(verb: Token) -> str:
    for token in verb.subtree:
        if token.lower_ == "in" and token.head.lemma_.lower() in _WORKED:
            return _WORKED[token.head.lemma_.lower()]
        word = token.lower_
        if word.startswith("refin"):
            return "refining"
        if word.startswith("process"):
            return "processing"
    return "supply"


def _frame(
    view: SentenceView,
    anchor: Token,
    dependent: str | None,
    supplier: str,
    ctx: Context,
    activity: str = "supply",
) -> Frame | None:
    if dependent == supplier or modality(anchor) in ("hypothetical", "denied"):
        return None
    props = {
        "dependent": [dependent] if dependent else [],
        "dependsOn": [supplier],
        "forActivity": [activity],
        "concernsResource": resources(view, ctx),
    }
    who = names_of(view, [dependent]) if dependent else "buyers"
    label = f"{who} depends on {names_of(view, [supplier])} for {activity}"
    frame = Frame("Dependency", f"{anchor.i}", {k: v for k, v in props.items() if v}, 0.5, label)
    frame.anchor = anchor.i
    return frame


def share_dependency(view: SentenceView, start: int, end: int, ctx: Context) -> Frame | None:
    """The dependency a share of imports states (see the module's first list item)."""
    figure = view.span.doc[start:end].root
    verb = governor(figure)
    owner = None
    for prep in (c for c in figure.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            if obj.lemma_.lower() == "import" or any(
                c.lemma_.lower() == "import" for c in obj.children if c.dep_ == "amod"
            ):
                found = _actors(view, obj, ctx)
                owner = found[0] if found else None
    if verb.lemma_.lower() in _SOURCING and figure.dep_ == "dobj":
        heads = subjects(verb)
        found = [a for h in heads for a in _actors(view, h, ctx)]
        dependent = found[0] if found else owner
        supplier = _from_supplier(view, verb, ctx, dependent or "")
    elif figure.dep_ in ("nsubj", "nsubjpass") and owner:
        dependent, supplier = owner, _from_supplier(view, verb, ctx, owner)
    elif owner:  # "Laos accounted for about 14% of China's imports"
        dependent = owner
        found = [a for h in subjects(verb) for a in _actors(view, h, ctx)]
        supplier = found[0] if found else None
    else:
        return None
    if not dependent or not supplier:
        return None
    return _frame(view, verb, dependent, supplier, ctx)


def _verbal(token: Token) -> bool:
    """A verb, or a word the parse tagged as a noun but gave an object ("Poland \"imports
    practically every magnet …\"")."""
    return token.pos_ == "VERB" or any(c.dep_ == "dobj" for c in token.children)


def _subject_heads(verb: Token) -> list[Token]:
    """The verb's subjects; a name the parse hung on the verb as a compound when it took
    "imports" for a noun ("Austria imports …")."""
    return subjects(verb) or [c for c in verb.children if c.dep_ == "compound" and c.i < verb.i]


def _whole_object(verb: Token) -> bool:
    """The verb's object (or a phrase in apposition: "…, almost all of them from China")
    is the whole or most of what it buys."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dep", "npadvmod", "appos") and (
            child.lemma_.lower() in _WHOLE
            or any(g.lower_ in _WHOLE for g in child.children if g.dep_ in ("det", "nummod"))
        ):
            return True
    return False


def _speaking_nation(view: SentenceView, ctx: Context) -> str | None:
    """Whom "our" names: the nation the article is about, when someone is speaking (a
    transcript turn or a quotation)."""
    if not in_turn(view) and not any(t.is_quote for t in view.span.doc):
        return None
    return ctx.main_nation()


def stated_dependency(view: SentenceView, ctx: Context) -> Frame | None:
    """The first dependency the sentence states by a sourcing verb with a whole object, a
    reliance noun with its owner or a reliance verb on a supplier."""
    doc = view.span.doc
    if asked(view):
        return None  # a question's premise ("Q: Europe imports most of its tungsten …")
    for i in range(view.start, view.end):
        token = doc[i]
        lemma = token.lemma_.lower()
        if lemma in _SOURCING and _verbal(token) and _whole_object(token):
            found = [a for h in _subject_heads(token) for a in _actors(view, h, ctx)]
            if found:
                supplier = _from_supplier(view, token, ctx, found[0])
                if supplier:
                    return _frame(view, token, found[0], supplier, ctx, _activity(token))
        ons = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")]
        if not ons:
            continue
        suppliers = [
            a for p in ons for g in p.children if g.dep_ == "pobj" for a in _actors(view, g, ctx)
        ]
        if lemma in _RELIANCE and suppliers:
            owners = [c for c in token.children if c.dep_ == "poss"]
            if owners and owners[0].lower_ in _FIRST_PERSON:
                dependent = _speaking_nation(view, ctx)
            else:
                found = [a for o in owners for a in _actors(view, o, ctx)]
                dependent = found[0] if found else None
            if dependent and dependent not in suppliers:
                return _frame(view, token, dependent, suppliers[0], ctx, _activity(token))
        if lemma in _RELYING and token.pos_ == "VERB" and suppliers:
            heads = subjects(token)
            found = [a for h in heads for a in _actors(view, h, ctx)]
            generic = heads and all(h.pos_ == "NOUN" and h.tag_ == "NNS" for h in heads)
            if found or generic:
                return _frame(view, token, found[0] if found else None, suppliers[0], ctx)
    return None
