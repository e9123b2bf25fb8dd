"""A learned role assigner on the parse: which entity fills which role of an event.

The frame builders (``events``, ``measures``, ``claims``, ``actors``) find an event and fill
its roles by rules. This module re-reads every actor role of a frame as a choice among the
entities of its sentence (and the fillers the rules took from earlier sentences): for each
(frame, role, entity) it writes a few sparse features from the dependency parse, none of
them a word list of the dev set:

* the dependency path from the entity's head to the trigger (labels and directions, at
  most four steps), climbing over conjuncts and appositions first ("the US and the UK",
  "CBC, a consortium") so that coordinated actors get the same path;
* the entity's own relation (subject, object, possessor, compound, apposition) and the
  governing preposition's lemma ("to", "on", "against", "by", "from", "with");
* the trigger's voice (a passive clause) and the lemma class of the clause verb that
  governs both (a reporting verb or not);
* the entity's function in the trigger's clause chain (the trigger and the words above
  it: "has offered to supply", the first of coordinated verbs, a speaker's "said" above a
  reported clause): its relation to the governor it hangs from (subject, object, dative,
  the preposition's lemma, the passive's agent) and how far up that governor is, or that
  it owns such a filler ("Russia's Rosatom");
* a pronoun resolved to its antecedent (``kg.extract.coref``) is a candidate at the
  pronoun's position, with a feature of its own ("has awarded it a grant");
* whether the entity or the trigger is inside a quotation ("… good news for Chile," the
  minister said);
* token distance and direction, and whether the entity is the nearest candidate;
* the entity class (Country, GovernmentBody, Company, Person, Organization, …);
* the event type and the role, and the rule's own decision (did the rules put it there);
  the relation and the preposition also per event type ("by" names the provider of a
  loan, "with" the lender of a loan agreement and the side of a deal);
* the article's companies: the one it named last and the one it is about (named at least
  twice, more often than any other: the issuer of a press release, the subject of a company
  story) and the one it named first (a press release's issuer) are candidates for the
  beneficiary, the claimant and the holder of a title even when the sentence does not
  name them;
* "the government" (no country linked to the word) is a candidate for the country the
  article names most, with its own path features and a feature of its own.

Role events (``Role``: a person ``roleIn`` an organisation or country) are the same choice
with the person as anchor: apposition ("X, the Kremlin's spokesman"), possessive, compound
title ("Commerce Minister X"), "X of Y"; the rule's holder and the article's main country
are candidates too, and the holder's features say whether it is the article's main
country, its main company or the person's own country, for a corporate title or not, and
whether it is a government body whose name holds the title's portfolio ("Mines Minister":
a ministry of mines) or the country of such a body.

:func:`RoleModel.assign` scores with a logistic model whose vocabulary, weights and
threshold live in ``roles.json`` next to this module, fitted on the dev gold by
``python bench/fit_roles.py`` (cross-validated by article folds; ``--check`` says whether
the file is up to date). Decoding per frame and role: the entities at or above the
threshold fill the role (several: coordinated imposers, meeting sides); ``roleIn`` takes
the best one only, and the rules' holder when the model is sure of none; a role the model
leaves empty keeps the rules' fillers.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.extract.coref import PRONOUNS, anaphora

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.spans import Context, Ent, Frame, SentenceView

MODEL_PATH = Path(__file__).with_name("roles.json")
SCHEMA = "cmkg-roles/1"

# the actor roles the model chooses, per event type (candidate property names)
SLOTS: dict[str, tuple[str, ...]] = {
    "Sanction": ("imposedBy", "targets"),
    "Tariff": ("imposedBy", "targets"),
    "ExportControl": ("imposedBy", "targets"),
    "ImportBan": ("imposedBy", "targets"),
    "SupportMeasure": ("imposedBy", "beneficiary"),
    "Proposal": ("proposedBy", "proposedTo"),
    "Claim": ("claimant", "about"),
    "Meeting": ("participant",),
    "Agreement": ("participant",),
    "Dependency": ("dependent", "dependsOn"),
    "Role": ("roleIn",),
}
SINGLE = frozenset({"roleIn"})  # one holder per title
# roles one actor cannot fill both of in one event (the imposer is not its own target)
OPPOSED = (
    ("imposedBy", "targets"),
    ("imposedBy", "beneficiary"),
    ("proposedBy", "proposedTo"),
    ("dependent", "dependsOn"),
)
# roles the company an article is about may fill without being named in the sentence
_ARTICLE_COMPANY = frozenset({"roleIn", "beneficiary", "claimant"})
HOLDERS = frozenset(
    {"Country", "GovernmentBody", "Organization", "Company", "StateEntity", "Region"}
)
_REPORTING = frozenset({"say", "tell", "announce", "state", "add", "note", "report", "confirm"})
_MAX_PATH = 4
_MAX_CHAIN = 6
_GOVERNMENT = "government"
_QUOTES = re.compile('["\u201c\u201d]')


@dataclass(frozen=True)
class Model:
    """Sparse logistic weights: ``P = sigmoid(bias + sum of the weights of the features)``."""

    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return (
            json.dumps(
                {
                    "schema": SCHEMA,
                    "bias": round(self.bias, 6),
                    "threshold": round(self.threshold, 4),
                    "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())},
                    "meta": self.meta,
                },
                indent=1,
                ensure_ascii=False,
            )
            + "\n"
        )


def parse_model(raw: Any, where: str) -> Model:
    """The model of a parsed ``roles.json``; a one-line error if it is malformed."""
    try:
        if raw.get("schema") != SCHEMA:
            raise ValueError(f"schema is not {SCHEMA}")
        weights = {str(k): float(v) for k, v in raw["weights"].items()}
        threshold = float(raw["threshold"])
        if not 0.0 <= threshold <= 1.0:
            raise ValueError("threshold outside [0, 1]")
        return Model(weights, float(raw["bias"]), threshold, dict(raw.get("meta", {})))
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{where}: not a role model ({exc})") from exc


def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The packaged model, or None when there is none (the rules' roles are kept)."""
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path.name}: not JSON ({exc.msg})") from exc
    return parse_model(raw, path.name)


@dataclass
class Choice:
    """One (frame, role, entity) question: its features and the rules' answer."""

    role: str
    slug: str
    features: list[str]
    rule: bool


@dataclass
class Record:
    """What :meth:`RoleModel.assign` saw of one frame (for fitting)."""

    type: str
    anchor_char: int  # the trigger's (or the person's) offset in the text; -1 if none
    sentence: tuple[int, int]
    person: str | None
    choices: list[Choice]


@dataclass
class RoleModel:
    """The assigner: ``model`` None keeps the rules' roles; ``record`` (a list) collects
    every frame's questions for ``bench/fit_roles.py``."""

    model: Model | None = None
    record: list[Record] | None = None

    def assign(
        self,
        frames: list[Frame],
        view: SentenceView,
        ctx: Context,
        where: tuple[int, int, int],
        holders: dict[int, str | None] | None = None,
    ) -> None:
        """Re-decide the actor roles of ``frames`` in place. ``where`` is the sentence's
        (start, end, line start) in the text; ``holders`` the rules' ``roleIn`` guess of
        each Role frame (by ``id``) when its frame has none."""
        pronouns: list[Ent] | None = None
        for frame in frames:
            slots = SLOTS.get(frame.type)
            if not slots:
                continue
            holder = holders.get(id(frame)) if holders else None
            if frame.type == "Role" and holder and "roleIn" not in frame.properties:
                frame.properties["roleIn"] = [holder]  # the rules' answer, the model may differ
            if self.model is None and self.record is None:
                continue  # the rules' roles, nothing to score
            anchor = _anchor(frame, view)
            if anchor is None:
                continue
            if pronouns is None:  # once per sentence
                pronouns = anaphora(view, ctx)
            choices: list[Choice] = []
            for role in slots:
                rule = list(frame.properties.get(role, []))
                choices += _choices(frame, role, rule, anchor, view, ctx, pronouns)
            if self.record is not None:
                char = where[2] + view.span.doc[anchor].idx
                person = frame.properties.get("roleOf", [None])[0]
                self.record.append(Record(frame.type, char, where[:2], person, choices))
            if self.model is not None:
                _decode(frame, slots, choices, self.model)

    def propose(self, frames: list[Frame], view: SentenceView, ctx: Context) -> list[Frame]:
        """Role frames for the people of the sentence that the title rules gave none and
        that the parse gives a title: a compound title before the name ("Commerce Minister
        X"), an apposition after it ("X, the Kremlin's spokesman") or a title the name is
        in apposition to ("the company's chief executive, X"). Where the title holds is
        :meth:`assign`'s choice; with no model none is proposed."""
        if self.model is None and self.record is None:
            return []
        from kg.extract.roles import is_title
        from kg.extract.spans import Frame

        have = {f.properties["roleOf"][0] for f in frames if f.type == "Role"}
        out: list[Frame] = []
        for ent in view.ents:
            if ent.type != "Person" or ent.slug in have or ent.slug in ctx.roles:
                continue
            title = title_of(view, ent)
            # a title before the name ("General X") stands; an apposition must name a post
            # ("his Chinese counterpart", "the second-largest producer" do not)
            before = view.span.doc.text[: view.span.doc[ent.start].idx].rstrip()
            if title and (before.endswith(title) or is_title(title)):
                have.add(ent.slug)
                out.append(Frame("Role", ent.slug, {"roleOf": [ent.slug]}, 0.6, title))
                continue
            found = _heads(view, ent)
            if found is not None:  # "X, who heads the fund", "the agency, led by X"
                have.add(ent.slug)
                props = {"roleOf": [ent.slug], "roleIn": [found[1]]}
                out.append(Frame("Role", ent.slug, props, 0.6, found[0]))
        return out


# verbs of leading an organisation -> the title they give ("who chairs the board": chair)
_LEAD_VERBS = {"head": "head", "lead": "head", "run": "head", "chair": "chair"}


def _heads(view: SentenceView, person: Ent) -> tuple[str, str] | None:
    """(title, holder) when the parse says the person leads an organisation or country of
    the sentence: a relative clause ("X, who heads the Russian Direct Investment Fund") or
    a participle with the person as its agent ("the junta led by General X")."""
    head = _head(view, person)
    verbs = [c for c in head.children if c.dep_ == "relcl" and c.lemma_ in _LEAD_VERBS]
    for verb in verbs:
        if any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in verb.children):
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                holder = view.ent_at(_climb(obj)[0].i)
                if holder is not None and holder.type in HOLDERS:
                    return _LEAD_VERBS[verb.lemma_], holder.slug
    agent = head.head if head.dep_ == "pobj" else None
    led = agent.head if agent is not None and agent.dep_ == "agent" else None
    if led is not None and led.dep_ == "acl" and led.lemma_ in _LEAD_VERBS:
        holder = view.ent_at(led.head.i)
        if holder is not None and holder.type in HOLDERS:
            return _LEAD_VERBS[led.lemma_], holder.slug
    return None


def title_of(view: SentenceView, person: Ent) -> str | None:
    """The title the parse attaches to ``person``, or None."""
    doc = view.span.doc
    head = _head(view, person)
    k = person.start
    while (
        k > view.start
        and doc[k - 1].is_title
        and doc[k - 1].pos_ in ("PROPN", "NOUN")
        and person.start <= _root_within(doc[k - 1], person) < person.end
    ):
        k -= 1
    if k < person.start and any(view.ent_at(i) is None for i in range(k, person.start)):
        return str(doc[k : person.start].text)
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            return _phrase(view, child, None)
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and view.ent_at(head.head.i) is None:
        return _phrase(view, head.head, head)
    return None


def _root_within(tok: Token, person: Ent) -> int:
    """Where ``tok``'s chain of compound heads first enters the person's name (-1: never)."""
    for _ in range(6):
        if person.start <= tok.i < person.end:
            return int(tok.i)
        if tok.dep_ != "compound" or tok.head.i == tok.i:
            return -1
        tok = tok.head
    return -1


def _phrase(view: SentenceView, top: Token, skip: Token | None) -> str | None:
    left = [t for t in top.subtree if skip is None or t.i < skip.i]
    left = [t for t in left if skip is None or t not in set(skip.subtree)]
    while left and (left[0].is_punct or left[0].dep_ == "det"):
        left = left[1:]
    while left and left[-1].is_punct:
        left = left[:-1]
    if not left or len(left) > 8:
        return None
    return str(view.span.doc[left[0].i : left[-1].i + 1].text)


def make_role_model() -> RoleModel:
    return RoleModel(load_model())


def _decode(frame: Frame, slots: tuple[str, ...], choices: list[Choice], model: Model) -> None:
    chosen: dict[str, list[str]] = {}
    score: dict[tuple[str, str], float] = {}
    for role in slots:
        mine = [c for c in choices if c.role == role]
        if not mine:
            continue
        scored = sorted(((model.probability(c.features), c) for c in mine), key=lambda pc: -pc[0])
        score.update(((role, c.slug), p) for p, c in scored)
        kept = [c.slug for p, c in scored if p >= model.threshold]
        rule = [c.slug for c in mine if c.rule]
        if role in SINGLE:  # the title is stated: the model's holder if it is sure of
            # one, else the rules' (the model's best below the threshold was right less
            # often than the rules' across the folds)
            kept = kept[:1] or rule[:1]
        # the rules' fillers stay (dropping them cost more right fillers than wrong ones
        # across the folds); the model adds the entities it is sure of
        chosen[role] = kept if role in SINGLE else [*rule, *[k for k in kept if k not in rule]]
    rules = {(c.role, c.slug) for c in choices if c.rule}
    for a, b in OPPOSED:  # one actor is not both sides of an event: the likelier side
        for slug in set(chosen.get(a, [])) & set(chosen.get(b, [])):
            drop = b if score.get((a, slug), 0.0) >= score.get((b, slug), 0.0) else a
            if (drop, slug) not in rules:
                chosen[drop].remove(slug)
    for role in slots:
        if chosen.get(role):
            frame.properties[role] = list(dict.fromkeys(chosen[role]))
        elif role in chosen:
            frame.properties.pop(role, None)


def _anchor(frame: Frame, view: SentenceView) -> int | None:
    if frame.type != "Role":
        return frame.anchor if frame.anchor >= 0 else None
    person = frame.properties.get("roleOf", [None])[0]
    for ent in view.ents:
        if ent.slug == person:
            return _head(view, ent).i
    return None


def _head(view: SentenceView, ent: Ent) -> Token:
    doc = view.span.doc
    for i in range(ent.start, ent.end):
        tok = doc[i]
        if not ent.start <= tok.head.i < ent.end or tok.head.i == tok.i:
            return tok
    return doc[ent.start]


def _climb(tok: Token) -> tuple[Token, list[str]]:
    """Over conjuncts and appositions to the first of the series."""
    notes: list[str] = []
    for _ in range(4):
        if tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            notes.append(tok.dep_)
            tok = tok.head
        else:
            break
    return tok, notes


def _path(a: Token, b: Token) -> tuple[str, Token | None]:
    """Labels from ``a`` up to the lowest common ancestor and down to ``b``."""
    up = [a]
    while up[-1].head.i != up[-1].i and len(up) < 12:
        up.append(up[-1].head)
    index = {t.i: n for n, t in enumerate(up)}
    down = [b]
    while down[-1].i not in index and down[-1].head.i != down[-1].i and len(down) < 12:
        down.append(down[-1].head)
    if down[-1].i not in index:
        return "far", None
    top = down[-1]
    steps = [f"<{t.dep_}" for t in up[: index[top.i]]]
    steps += [f">{t.dep_}" for t in reversed(down[:-1])]
    if len(steps) > _MAX_PATH:
        return "long", top
    return " ".join(steps) or "self", top


def _bucket(d: int) -> str:
    for limit in (2, 5, 10, 20):
        if d <= limit:
            return str(limit)
    return "more"


def _governors(trigger: Token) -> dict[int, str]:
    """The trigger and the words above it in its clause chain, each with how far up it
    is: ``trigger``, ``clause`` (the verbs and nouns that govern it: "announced a ban",
    "has offered to supply", the first of coordinated verbs) or ``reported`` (above a
    clausal complement: the speaker's "said")."""
    out = {int(trigger.i): "trigger"}
    tok, level = trigger, "clause"
    for _ in range(_MAX_CHAIN):
        if tok.head.i == tok.i:
            break
        if tok.dep_ in ("ccomp", "parataxis"):
            level = "reported"
        tok = tok.head
        out.setdefault(int(tok.i), level)
    return out


def _function(tok: Token, governors: dict[int, str]) -> str:
    """The entity's grammatical function in the trigger's clause chain: its relation to
    the nearest governor it hangs from (through a preposition: the preposition's lemma;
    "by" under a passive: agent), else ``none``; a possessor or compound of such a word
    is marked as its owner ("Russia's Rosatom")."""
    owner = ""
    if tok.dep_ in ("poss", "compound") and tok.head.i not in governors:
        owner, tok = "owner-of:", tok.head
        tok = _climb(tok)[0]
    rel, head = tok.dep_, tok.head
    if rel == "pobj" and head.head.i != head.i:
        rel = "agent" if head.dep_ == "agent" else f"prep:{head.lemma_.lower()}"
        head = head.head
    if head.i == tok.i or head.i not in governors:
        return f"{owner}none"
    return f"{owner}{rel}|{governors[head.i]}"


def _quoted(text: str, start: int, at: int) -> bool:
    """Whether character ``at`` of ``text`` is inside a quotation that opens at or after
    ``start`` (the sentence's first character)."""
    return len(_QUOTES.findall(text, start, at)) % 2 == 1


def _entity_features(
    role: str, kind: str, view: SentenceView, ent: Ent, anchor: int, rank: int
) -> list[str]:
    doc = view.span.doc
    trigger = doc[anchor]
    tok, notes = _climb(_head(view, ent))
    path, top = _path(tok, trigger)
    func = _function(tok, _governors(trigger))
    base = view.span.start_char
    quoted = (_quoted(doc.text, base, doc[ent.start].idx), _quoted(doc.text, base, trigger.idx))
    dist = ent.start - anchor if ent.start > anchor else anchor - ent.end + 1
    side = "after" if ent.start > anchor else "before"
    feats = [
        f"{role}|path|{path}",
        f"{kind}:{role}|path|{path}",
        f"{role}|dep|{tok.dep_}",
        f"{kind}:{role}|dep|{tok.dep_}",
        f"{role}|side|{side}",
        f"{role}|dist|{side}|{_bucket(abs(dist))}",
        f"{role}|rank|{min(rank, 2)}",
        f"{role}|inside" if ent.start <= anchor < ent.end else f"{role}|outside-span",
    ]
    feats += [f"{role}|climb|{n}" for n in notes]
    feats += [f"{role}|func|{func}", f"{kind}:{role}|func|{func}"]
    if any(quoted):  # a quote's words and the clause around it
        feats.append(f"{role}|quote|{'both' if all(quoted) else 'ent' if quoted[0] else 'trigger'}")
    if ent.demonym:
        feats.append(f"{role}|demonym")
    if tok.dep_ == "pobj":
        prep = tok.head.lemma_.lower()
        feats.append(f"{role}|prep|{prep}")
        feats.append(f"{role}|prep|{prep}|{'trigger' if tok.head.head.i == anchor else 'other'}")
        feats.append(f"{kind}:{role}|prep|{prep}")
    if tok.dep_ in ("poss", "compound", "amod") and tok.head.i == anchor:
        feats.append(f"{role}|modifies-trigger|{tok.dep_}")
    if top is not None and top.i != anchor and top.i != tok.i:
        feats.append(f"{role}|via|{top.pos_}")
        if top.lemma_.lower() in _REPORTING:
            feats.append(f"{role}|via-reporting")
    if any(t.dep_ == "auxpass" for t in trigger.head.children) or any(
        t.dep_ == "auxpass" for t in trigger.children
    ):
        feats.append(f"{role}|passive|{tok.dep_}")
    return feats


def _choices(
    frame: Frame,
    role: str,
    rule: list[str],
    anchor: int,
    view: SentenceView,
    ctx: Context,
    pronouns: list[Ent],
) -> list[Choice]:
    kind = frame.type
    person = frame.properties.get("roleOf", [None])[0]
    pool = [
        e
        for e in [*view.ents, *_governments(view, ctx), *pronouns]
        if (e.is_actor or (role == "roleIn" and e.type == "Region"))
        and e.slug != person
        and not (role == "roleIn" and e.type not in HOLDERS)
        and not (e.start <= anchor < e.end and kind != "Role")
    ]
    pool.sort(key=lambda e: abs(e.start - anchor))
    seen: dict[str, Choice] = {}
    for rank, ent in enumerate(pool):
        if ent.slug in seen:
            continue
        feats = _entity_features(role, kind, view, ent, anchor, rank)
        feats += [f"{role}|class|{ent.type}", f"{kind}:{role}|class|{ent.type}"]
        if ent.text == _GOVERNMENT:
            feats += [f"{role}|definite-government", f"{kind}:{role}|definite-government"]
        elif ent.text in PRONOUNS and ent.end - ent.start == 1 and view.ent_at(ent.start) is None:
            feats += [f"{role}|anaphor", f"{kind}:{role}|anaphor"]
        if kind == "Role":
            feats += _title_features(frame, view, ent)
        seen[ent.slug] = Choice(role, ent.slug, feats, ent.slug in rule)
    extra = [s for s in rule if s not in seen]
    bodies: set[str] = set()
    if role == "roleIn":
        elsewhere, bodies = _holders_elsewhere(frame, view, ctx, seen)
        extra += [h for h in elsewhere if h not in extra]
    first = next(iter(ctx.company_counts), None)
    if role in _ARTICLE_COMPANY:  # the companies named last, most and first
        for company in (ctx.last_company, ctx.main_company(), first):
            if company and company not in seen and company not in extra:
                extra.append(company)
    for slug in extra:  # from earlier sentences (the rules' context) or the article
        cls = _class_of(view, slug)
        feats = [f"{role}|earlier", f"{role}|class|{cls}", f"{kind}:{role}|earlier"]
        if role == "roleIn":
            feats += [f"roleIn|title|{_title_word(frame)}|{cls}|earlier"]
            feats += [f"roleIn|corporate|{_corporate(frame)}|{cls}"]
            if _class_of(view, slug) == "GovernmentBody":
                feats.append("roleIn|title-body")
        seen[slug] = Choice(role, slug, feats, slug in rule)
    out = list(seen.values())
    main = ctx.main_company()
    for c in out:  # in the sentence or not: the article's companies
        if c.slug == ctx.last_company:
            c.features.append(f"{role}|last-company")
        if c.slug == main:
            c.features += [f"{role}|main-company", f"{kind}:{role}|main-company"]
        if c.slug == first:  # the lede's company: a press release's issuer
            c.features += [f"{role}|first-company", f"{kind}:{role}|first-company"]
    if role == "roleIn":  # where the article and the registry place the person
        entity = view.registry.get(person) if person else None
        corporate = _corporate(frame)
        for c in out:
            if c.slug == ctx.main_nation():
                c.features += ["roleIn|main-nation", f"roleIn|main-nation|{corporate}"]
            if c.slug == main:
                c.features.append(f"roleIn|main-company|{corporate}")
            if entity is not None and c.slug == entity.jurisdiction:
                c.features += ["roleIn|person-jurisdiction", f"roleIn|home|{corporate}"]
        # a body whose name holds the title's portfolio ("Mines Minister" -> the ministry
        # of mines), in the sentence or not, and the country such a body belongs to
        owners = {_jurisdiction(view, b) for b in bodies if b in seen}
        for c in out:
            if c.slug in bodies:
                c.features.append(f"roleIn|portfolio-body|{corporate}")
            if c.slug in owners:
                c.features.append("roleIn|country-of-portfolio-body")
    for c in out:
        if c.rule:
            c.features += [f"{role}|rule", f"{kind}:{role}|rule"]
            if len(rule) > 1:
                c.features.append(f"{role}|rule-several")
        c.features.append(f"{kind}:{role}|bias")
    return out


def _jurisdiction(view: SentenceView, slug: str) -> str | None:
    entity = view.registry.get(slug)
    return entity.jurisdiction if entity is not None else None


def _governments(view: SentenceView, ctx: Context) -> list[Ent]:
    """ "The government", "a government ban": a definite description of the state the
    article is about (the country it names most), where the sentence links no country to
    the word ("Argentina's government" and "the Chinese government" are linked already)."""
    if _GOVERNMENT not in view.span.text.lower():
        return []
    nation = ctx.main_nation()
    if nation is None:
        return []
    from kg.extract.spans import Ent

    out = []
    for tok in view.span:
        if tok.lower_ != _GOVERNMENT or view.ent_at(tok.i) is not None:
            continue
        if any(view.ent_at(c.i) is not None for c in tok.children):
            continue
        out.append(Ent(nation, "Country", tok.i, tok.i + 1, _GOVERNMENT))
    return out


def _holders_elsewhere(
    frame: Frame, view: SentenceView, ctx: Context, seen: dict[str, Choice]
) -> tuple[list[str], set[str]]:
    """Holders not named in the sentence: the article's main country, the person's own
    country in the registry, and the government bodies of those countries (or of the
    sentence's) whose names hold every capitalised word of the title; and those bodies
    (named in the sentence or not)."""
    from kg.extract.roles import title_body

    person = frame.properties.get("roleOf", [None])[0]
    entity = view.registry.get(person) if person else None
    countries = [c.slug for c in seen.values() if _class_of(view, c.slug) == "Country"]
    found = [ctx.main_nation(), entity.jurisdiction if entity is not None else None]
    title = _title_in_sentence(frame, view)
    bodies: set[str] = set()
    for country in unique_strings([*countries, *found]):
        body = title_body(view, title, country)
        found.append(body)
        if body:
            bodies.add(body)
    return [s for s in unique_strings(found) if s not in seen], bodies


def _title_in_sentence(frame: Frame, view: SentenceView) -> str:
    """The title with the modifiers the parse gives its noun in the sentence ("minister"
    -> "economy minister" in "Germany's economy minister X"), else the frame's label."""
    words = frame.label.lower().split()
    anchor = _anchor(frame, view)
    if not words or anchor is None:
        return frame.label
    for tok in view.span:
        if tok.lower_ == words[-1] and abs(tok.i - anchor) <= 4:
            mods = [c.text for c in tok.lefts if c.dep_ in ("compound", "amod")]
            if mods and not any(view.ent_at(c.i) for c in tok.lefts if c.dep_ != "poss"):
                return " ".join([*mods, frame.label])
    return frame.label


def unique_strings(values: list[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _class_of(view: SentenceView, slug: str) -> str:
    if slug.startswith("http"):
        return "Article"
    entity = view.registry.get(slug)
    return entity.type if entity is not None else "New"


def _corporate(frame: Frame) -> bool:
    """A company title (chief executive, chairman, director …), as the rules read it."""
    from kg.extract.roles import CORPORATE

    label = frame.label.lower()
    return any(c in label for c in CORPORATE)


def _title_word(frame: Frame) -> str:
    words = [w for w in frame.label.lower().replace("-", " ").split() if w.isalpha()]
    return words[-1] if words else "none"


def _title_features(frame: Frame, view: SentenceView, ent: Ent) -> list[str]:
    word = _title_word(frame)
    in_title = ent.text.lower() in frame.label.lower() or any(
        w in frame.label.lower().split() for w in ent.text.lower().split() if len(w) > 3
    )
    return [
        f"roleIn|title|{word}|{ent.type}",
        f"roleIn|corporate|{_corporate(frame)}|{ent.type}",
        f"roleIn|in-title|{in_title}",
        f"roleIn|in-title|{in_title}|{ent.type}",
    ]
