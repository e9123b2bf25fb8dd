"""Claims: stated reserves, production and processing shares, ranks.

A claim is built for each quantity (``kg.extract.quantities``) or rank ("fifth-largest") that has a
cue word in its clause or sentence:

* reserves -> ``reserves`` (tons, only when someone is said to claim them), ``reserves-share``
  (%), ``reserves-rank`` (rank);
* processing / refining -> ``processing-share`` (%) or ``processing`` (tons);
* produces / production / output / supply / mining -> ``production-share`` or
  ``production``;
* "market" with a percentage -> ``market-share`` (with tons: ``supply``);
* imports / dependence / reliance -> ``import-share`` (%) or ``imports``.

``claimant`` = "according to X" or "X claims/says/estimates/reports" in the same clause,
the figure's holder when the figure is "by its own account / estimate", else the article
itself; ``about`` = the nearest actor before the quantity that is not the
claimant ("they"/"it" resolved to the last group named); a unitless quantity ("28
million") takes the unit of an earlier quantity of the same sentence.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from kg.extract.attribution import attributed, speaker_of_title
from kg.extract.dependencies import share_dependency
from kg.extract.quantities import MONEY_UNITS, Quantity
from kg.extract.spans import Context, Frame, SentenceView

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Token

ORDINALS = {
    "largest": 1,
    "biggest": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_SAYS = (
    "claims",
    "claimed",
    "claim",
    "says",
    "said",
    "estimates",
    "estimated",
    "reports",
    "reported",
    "puts",
    "put",
    "insists",
    "insisted",
    "argues",
    "states",
    "stated",
)
_DETS = ("a", "an", "the")
_ANAPHORS = ("they", "it", "its", "their", "country", "company", "firm", "bloc", "group")
_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("reserves", ("reserve", "reserves", "deposits", "holds", "hold", "resources")),
    (
        "processing",
        (
            "processing",
            "process",
            "processes",
            "processed",
            "refining",
            "refines",
            "refined",
            "refinery",
            "refineries",
            "separation",
            # uranium's processing stages: "44% of the world's enrichment capacity"
            "enrichment",
            "conversion",
        ),
    ),
    (
        "production",
        (
            "produces",
            "produce",
            "produced",
            # "China makes about 90% of the world's magnets"
            "makes",
            "make",
            "made",
            "manufactures",
            "production",
            "producing",
            "output",
            "supply",
            "supplies",
            "supplied",
            "mining",
            "mined",
            "mines",
            "capacity",
        ),
    ),
    ("market", ("market",)),
    (
        "import",
        (
            "imports",
            "imported",
            "import",
            "dependence",
            "dependent",
            "reliance",
            "relies",
            "reliant",
        ),
    ),
)


def add_claim_patterns(matcher: Matcher) -> None:
    ordinal = {"LOWER": {"IN": [o for o in ORDINALS if o not in ("largest", "biggest")]}}
    superlative = {"LOWER": {"IN": ["largest", "biggest"]}}
    matcher.add("RANK", [[ordinal, {"ORTH": "-", "OP": "?"}, superlative], [superlative]])


def _own_resources(view: SentenceView, at: int, others: list[int]) -> list[str]:
    """Resources between this figure and the next one ("48% of mined antimony, 59% of
    refined germanium"): each figure binds to its own; else the sentence's."""
    later = [o for o in others if o > at]
    stop = min(later) if later else view.end
    own = [e.slug for e in view.ents if e.is_resource and at <= e.start < stop]
    return list(dict.fromkeys(own)) or view.resources()


def _kind(view: SentenceView, start: int, end: int, at: int) -> str | None:
    """The claim kind whose cue word stands nearest to token ``at`` in ``start:end``."""
    best: tuple[int, int, str] | None = None
    for j in range(start, end):
        word = view.lower(j)
        for rank, (kind, cues) in enumerate(_CUES):
            if word in cues:
                candidate = (abs(j - at), rank, kind)
                best = candidate if best is None or candidate < best else best
    return best[2] if best else None


def _claim_kind(base: str, unit: str | None) -> str:
    if base == "import":  # "dependence on Chinese rare earths to about 60%"
        return "import-share" if unit == "%" else "imports"
    if base == "market":  # "90% of the market"; "2 million tons into the US market"
        return "market-share" if unit == "%" else "supply"
    if unit == "%":
        return f"{base}-share"
    if unit == "rank":
        return f"{base}-rank"
    return base


# "according to the ministry", "the company said": the last one of that kind named
_BODY_NOUNS = ("ministry", "department", "agency", "regulator", "commission")
_COMPANY_NOUNS = ("company", "firm", "miner", "producer", "group")
_SOURCE_NOUNS = ("figures", "data", "estimates", "statistics", "a", "report", "published")


def _body_words(view: SentenceView, slug: str) -> set[str]:
    """The words of a body's name (its registry label, else its slug)."""
    entity = view.registry.get(slug)
    name = entity.label if entity is not None else slug.replace("-", " ")
    return set(name.lower().split())


def _definite(view: SentenceView, i: int, ctx: Context | None) -> str | None:
    """The actor that "the ministry" / "the company" at token ``i`` refers back to."""
    if ctx is None or i + 1 >= view.end or view.lower(i) != "the":
        return None
    noun = view.lower(i + 1)
    if noun in _BODY_NOUNS:  # "the ministry": the last body whose name says ministry
        named = [s for s, kind in ctx.organisations if kind == "GovernmentBody"]
        said = {s: _body_words(view, s) & set(_BODY_NOUNS) for s in named}
        same = [s for s in named if noun in said[s]]
        if same:
            return same[-1]
        last = ctx.last_body
        return None if last is None or said.get(last) else last  # not "the department"
    if noun in _COMPANY_NOUNS:
        return ctx.last_company
    return None


def _claimant(
    view: SentenceView, start: int, end: int, at: int, ctx: Context | None = None
) -> str | None:
    for j in range(start, end - 1):
        if view.lower(j) == "according" and view.lower(j + 1) == "to":
            k = j + 2  # "according to figures published by the UK government"
            while k < view.end and k - j < 5 and view.lower(k) in (*_SOURCE_NOUNS, "by"):
                k += 1
            after = [e for e in view.actors_after(k) if e.start - k <= 2]
            if after:
                return after[0].slug
            who = _definite(view, j + 2, ctx)
            if who:
                return who
    for j in range(start, end):
        if view.lower(j) in _SAYS and not (j > view.start and view.lower(j - 1) in _DETS):
            before = [e for e in view.actors_before(j, window=3) if e.start >= start]
            if before:
                return before[0].slug
            if j - 2 >= start:
                who = _definite(view, j - 2, ctx)
                if who:
                    return who
    return None


def _self_sourced(view: SentenceView, start: int, end: int) -> bool:
    """ "by its own account", "by their own estimate", "according to its own figures": the
    figure's holder is its source."""
    for j in range(max(start, view.start), min(end, view.end) - 2):
        if (
            view.lower(j) in ("by", "to")
            and view.lower(j + 1) in ("its", "their")
            and view.lower(j + 2) == "own"
        ):
            return True
    return False


def _sources(view: SentenceView) -> set[str]:
    """Every actor the sentence cites as a source ("according to X", "X claims")."""
    found = set()
    for j in range(view.start, view.end):
        bounds = view.clause_bounds(j)
        who = _claimant(view, bounds[0], bounds[1], j)
        if who:
            found.add(who)
    return found


def _about(view: SentenceView, at: int, claimant: str | None, ctx: Context) -> str | None:
    sources = _sources(view) | {claimant}
    owned = view.find_word(("its", "their"), at, min(at + 4, view.end)) is not None
    if owned:  # "X relies on Y for 98% of its supply": the share is X's
        subject = view.sentence_subject()
        if subject is not None:
            return subject.slug
    for ent in view.actors_before(at):
        if ent.slug not in sources and not ent.demonym and ent.type != "Person":
            return ent.slug
    for j in range(at - 1, view.start - 1, -1):
        if view.lower(j) in _ANAPHORS and ctx.last_group:
            return ctx.last_group
    entity = view.registry.get(claimant) if claimant else None
    if entity is not None and entity.type in ("Country", "Company", "StateEntity"):
        return claimant  # "Russia claims reserves of …": the claimant speaks of itself
    return None


_MOVES = {
    "rise",
    "fall",
    "jump",
    "drop",
    "climb",
    "gain",
    "slip",
    "surge",
    "slump",
    "decline",
    "increase",
    "decrease",
    "soar",
    "tumble",
    "plunge",
    "lose",
    "add",
    "cut",
    "grow",
    "up",
    "down",
    "rally",
    "retreat",
    "ease",
    "lift",
    "raise",
    "reduce",
    "boost",
}
_NOT_SHARE = {
    "stake",
    "tariff",
    "duty",
    "levy",
    "surtax",
    "rate",
    "voting",
    "vote",
    "right",
    "purity",
    "pure",
    "interest",
    "discount",
    "premium",
    "growth",
    "target",
    "return",
    "yield",
    "tax",
    "inflation",
    "margin",
    "ownership",
    "owned",
    "equity",
    "share",
    "shares",
    "stock",
    "price",
    "prices",
    "cap",
    # a share of demand or consumption is not one of production, reserves, processing,
    # supply or imports ("roughly 4% of current global demand")
    "demand",
    "consumption",
}
_SHARE_OBJECTS = {
    "global",
    "world",
    "world's",
    "mined",
    "refined",
    "production",
    "output",
    "supply",
    "supplies",
    "reserves",
    "processing",
    "imports",
    "capacity",
    "market",
    "refining",
    "separation",
    "mining",
    "shipments",
    "exports",
    # a supplier's share of a buyer's needs ("supplies about 30% of Japan's needs")
    "needs",
    "requirements",
}


# charges and rates a percentage can be a property of (never a share of supply)
_CHARGES = {"royalty", "fee", "charge", "tax", "levy", "duty", "tariff", "rebate", "credit"}


def _bound_noun(figure: Token) -> str:
    """The noun a percentage belongs to: "a royalty of 5%" -> royalty, "a 5% royalty" ->
    royalty, "taxes on margins above 10%" -> tax; "" when it heads its own phrase."""
    current = figure
    for _ in range(4):
        head = current.head
        if head == current:
            return ""
        if current.dep_ in ("compound", "nummod", "amod") and head.pos_ == "NOUN":
            return str(head.lemma_).lower()
        if current.dep_ == "pobj" and head.lower_ in ("of", "above", "over", "at"):
            current = head.head  # "royalty of 5%", "margins above 10%"
            if current.pos_ == "NOUN" and current.lemma_.lower() in _NOT_SHARE | _CHARGES:
                return str(current.lemma_).lower()
            continue
        return ""
    return ""


def is_share(view: SentenceView, start: int, end: int) -> bool:
    """A percentage that is a share of production, reserves, processing, supply or imports
    ("74% of the world's mined cobalt"), not a rate, stake, price move or target."""
    doc = view.span.doc
    window = range(max(view.start, start - 4), min(view.end, end + 3))
    if any(doc[j].lemma_.lower() in _MOVES or doc[j].lower_ in _MOVES for j in window):
        return False
    after = [doc[j].lower_ for j in range(end, min(view.end, end + 4))]
    clause = view.clause_bounds(start)
    if (
        any(w in _NOT_SHARE for w in after)
        or any(doc[j].lemma_.lower() in ("target", "goal") for j in range(view.start, view.end))
        # "aims to supply 20% of …" (not "supplies 70% of …, and aims to become …")
        or any(doc[j].lemma_.lower() == "aim" for j in range(*clause))
    ):
        return False
    head = doc[end - 1]
    if _bound_noun(head) in _NOT_SHARE | _CHARGES:
        return False  # "a royalty of 5%", "a 10% windfall tax": the figure is a charge's
    verb = head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    if verb.lemma_.lower() in _MOVES:
        return False
    tail = {doc[j].lower_ for j in range(end, min(view.end, end + 8))}
    before = {doc[j].lower_ for j in range(view.start, start)}
    if after[:2] == ["of", "its"] and before & {"world", "global"}:
        return True  # "… 90% of the world's rare earths and makes 94% of its magnets"
    return bool(tail & _SHARE_OBJECTS) or any(
        doc[j].lower_ in ("dependence", "reliance", "dependent", "reliant", "imports")
        for j in range(view.start, view.end)
    )


_REPORTING = {
    "say",
    "tell",
    "note",
    "estimate",
    "add",
    "warn",
    "argue",
    "write",
    "state",
    "report",
    "claim",
    "insist",
    "explain",
    "according",
    "recall",
}


def _speaker(view: SentenceView, at: int, ctx: Context) -> str | None:
    """Who says the sentence: the subject of its reporting verb ("…, Lacaze told
    analysts"), or the one who owns the figure "by its own account"."""
    doc = view.span.doc
    for j in range(view.start, view.end):
        token = doc[j]
        if token.lemma_.lower() not in _REPORTING or token.pos_ != "VERB":
            continue
        for child in token.children:
            if child.dep_ != "nsubj":
                continue
            ent = next((e for e in view.ents if e.start <= child.i < e.end and e.is_actor), None)
            if ent is not None and not ent.demonym:
                return ent.slug
            if child.lower_ in ("he", "she") and ctx.last_person:
                return ctx.last_person
            titled = speaker_of_title(child, view, ctx)  # "the Minister recalled that …"
            if titled:
                return titled
    words = [doc[j].lower_ for j in range(at, view.end)]
    if "own" in words and "account" in words:
        holders = _share_holders(view, at, at + 1)
        return holders[0] if holders else None
    return None


def _share_holders(view: SentenceView, at: int, end: int) -> list[str]:
    """The subjects of the verb governing the share at tokens ``at:end`` ("China and
    Tajikistan together supply about 70%")."""
    from kg.extract.syntax import governor, subjects

    doc = view.span.doc
    verb = governor(doc[at:end].root)  # "about 70%": from the figure's head, not "about"
    out = []
    for head in subjects(verb):
        ent = next((e for e in view.ents if e.start <= head.i < e.end and e.is_actor), None)
        if ent is not None and ent.slug not in out:
            out.append(ent.slug)
    return out


def _relies(view: SentenceView) -> bool:
    doc = view.span.doc
    return any(
        doc[j].lemma_.lower() in ("rely", "depend", "dependence", "reliance")
        for j in range(view.start, view.end)
    )


_RELATIVE = ("which", "that", "who")
_BUYING = {"import", "buy", "purchase", "source", "consume", "use"}


def _supply_dependency(
    view: SentenceView, start: int, end: int, props: dict[str, list[str]]
) -> Frame | None:
    """ "Russia supplied about 35% of U.S. palladium imports": a share of one country's
    imports that another supplies is that country's dependency on the supplier."""
    doc = view.span.doc
    figure = doc[start:end].root
    objects = [
        g
        for c in figure.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]

    def actor(tokens: list[Token]) -> str | None:
        for token in tokens:
            ent = next((e for e in view.ents if e.start <= token.i < e.end and e.is_actor), None)
            if ent is not None:
                return ent.slug
        return None

    importer = None
    for obj in objects:
        if obj.lemma_.lower() == "import":  # "35% of U.S. palladium imports"
            importer = actor([c for c in obj.children if c.dep_ in ("compound", "poss", "nmod")])
        for verb in (c for c in obj.children if c.dep_ in ("relcl", "acl")):
            # "60% of the aluminum the United States imported", "… bought by U.S. plants"
            if verb.lemma_.lower() in _BUYING:
                buyers = [c for c in verb.children if c.dep_ == "nsubj"] + [
                    t for c in verb.children if c.dep_ == "agent" for t in c.subtree
                ]
                importer = importer or actor(buyers)
    if importer is None:
        return None
    subjects = [c for c in figure.head.children if c.dep_ == "nsubj"]
    if figure.head.dep_ == "relcl" and any(c.lower_ in _RELATIVE for c in subjects):
        subjects = [figure.head.head]  # "Chile, which supplied 65% of U.S. imports"
    supplier = actor(subjects)
    if importer is None or supplier is None or importer == supplier:
        return None
    deps = {
        "dependent": [importer],
        "dependsOn": [supplier],
        "forActivity": ["supply"],
        "concernsResource": props.get("concernsResource", []),
    }
    label = f"{importer} depends on {supplier} for supply"
    frame = Frame("Dependency", f"{start}", {k: v for k, v in deps.items() if v}, 0.55, label)
    frame.anchor = figure.head.i
    return frame


def _among(view: SentenceView, start: int) -> bool:
    """ "one of the largest", "some of the world's largest", "among the top": no rank."""
    words = [view.lower(j) for j in range(max(view.start, start - 6), start)]
    return "among" in words or any(a in ("one", "some") and b == "of" for a, b in pairwise(words))


_SOLE_NOUNS = frozenset({"source", "producer", "supplier", "miner", "exporter", "refiner"})


def _sole_source(view: SentenceView, ctx: Context) -> Frame | None:
    """ "Sri Lanka is the only commercial source of vein graphite in the world": being the
    only (or sole) source of a resource claims the whole of its production."""
    doc = view.span.doc
    for j in range(view.start, view.end):
        noun = doc[j]
        if noun.lemma_.lower() not in _SOLE_NOUNS or noun.dep_ != "attr":
            continue
        if not any(c.lower_ in ("only", "sole") for c in noun.children):
            continue
        covers = [e.slug for e in view.ents if e.is_resource and e.start > j]
        holders = _share_holders(view, noun.head.i, noun.head.i + 1)
        if not covers or len(holders) != 1:
            return None
        claimant = (
            _claimant(view, view.start, view.end, j, ctx)
            or _speaker(view, j, ctx)
            or attributed(view, ctx)
        )
        props = {
            "claimant": [claimant or ctx.article_iri],
            "about": holders,
            "concernsResource": list(dict.fromkeys(covers)),
            "claimKind": ["production-share"],
            "quantity": ["100"],
            "unit": ["%"],
        }
        label = f"{holders[0]}: only source of {covers[0]}"
        frame = Frame("Claim", f"{j}:sole", props, 0.5, label)
        frame.anchor = j
        return frame
    return None


def claim_frames(
    view: SentenceView, found: list[Quantity], ranks: list[tuple[int, int]], ctx: Context
) -> list[Frame]:
    frames: list[Frame] = []
    items: list[tuple[int, int, str, str | None, str]] = [
        (q.start, q.end, q.decimal, q.unit, q.text) for q in found
    ]
    for start, end in ranks:
        rank = max(ORDINALS.get(view.lower(j), 0) for j in range(start, end))
        items.append((start, end, str(rank), "rank", view.text_of(start, end)))
    items.sort()
    last_unit: str | None = None
    for start, _end, value, unit, text in items:
        if unit is None:
            unit = last_unit
            if unit == "%" and float(value) > 100:
                continue  # "a 15% stake … for A$180 million": not a second share
        elif unit != "rank":
            last_unit = unit
        if unit is None or unit.split("/")[0] in MONEY_UNITS:
            continue
        clause = view.clause_bounds(start)
        base = _kind(view, *clause, start)
        if unit == "rank":
            # a rank states its kind in its own clause ("the second largest producer" is not
            # a reserves rank because the sentence also speaks of reserves), and "one of /
            # some of / among the largest" ranks nothing
            if _among(view, start):
                continue
        else:
            base = base or _kind(view, view.start, view.end, start)
        if base is None or (base == "market" and unit == "rank"):
            continue
        if unit != "%" and base != "reserves":
            continue  # tonnages and ranks of output are figures, not claims the gold tracks
        if unit == "%" and not is_share(view, start, _end):
            # "60% of the aluminum the United States imported": a share of what a buyer
            # imports, the buyer's dependency on the supplier even without a share word
            covers = _own_resources(view, start, [q.start for q in found]) or ctx.main_resources()
            supply = _supply_dependency(
                view, start, _end, {"concernsResource": covers}
            ) or share_dependency(view, start, _end, ctx)
            frames.extend([supply] if supply is not None else [])
            continue
        claimant = (
            _claimant(view, *clause, start, ctx)
            or _claimant(view, view.start, view.end, start, ctx)
            or _speaker(view, start, ctx)
        )
        about = _about(view, start, claimant, ctx)
        holders = _share_holders(view, start, _end) if unit == "%" else []
        holder = holders[0] if len(holders) == 1 else about
        if holder is not None and _self_sourced(view, start, clause[1] + 4):
            claimant = holder  # "supplies 7% of the world's nickel by its own account"
        if unit not in ("%", "rank") and claimant is None:
            continue  # a reserve tonnage nobody is said to claim is background, not a claim
        # a sentence naming no source is claimed by its transcript turn, quotation or the
        # article's voice when the text gives one
        voice = None if claimant else attributed(view, ctx)
        props = {
            "claimant": [claimant or voice or ctx.article_iri],
            "about": holders or ([about] if about else []),
            "concernsResource": _own_resources(view, start, [q.start for q in found])
            or ctx.main_resources(),
            "claimKind": [_claim_kind(base, unit)],
            "quantity": [value],
            "unit": [unit],
        }
        props = {k: v for k, v in props.items() if v}
        if props["claimKind"] == ["import-share"] and _relies(view):
            continue  # "X relies on Y for 60% of its imports": the dependency says it
        if props["claimKind"] in (["import-share"], ["production-share"]):
            supply = _supply_dependency(view, start, _end, props) or share_dependency(
                view, start, _end, ctx
            )
            if supply is not None:
                frames.append(supply)
                continue
        entity = view.registry.get(about) if about else None
        who = entity.label if entity else about
        label = f"{who or 'unknown'}: {_claim_kind(base, unit)} {text}"
        frame = Frame("Claim", f"{start}:{value}", props, 0.6 if claimant else 0.5, label)
        frame.anchor = start
        frames.append(frame)
    sole = _sole_source(view, ctx)
    return frames + ([sole] if sole is not None else [])
