"""Where a title holds when the sentence does not say ("Treasurer Jim Chalmers").

:func:`role_holder` reads the title: its capitalised modifiers name a government body
of the registry ("Commerce Secretary" -> the Department of Commerce, "Business and Trade
Secretary" -> the Department for Business and Trade); a corporate title (chief
executive, chairman, managing director, founder) holds in the company the article named
last; a political title (minister, treasurer, senator, …) in the country the title names,
else the person's own country in the registry, else the country the article names most.

:func:`settle_roles` runs once at the article's end, on the Role candidates: a title whose
sentence gave no holder (a lede before the article names its country) takes the person's
stated country, or the one ministry the article names whose name holds the title's
portfolio, or the country the article is plainly about; a corporate one the organisation
named right before it ("TechMet Chief Executive"); else it is dropped, as is a courtesy
title alone ("Ms."). A minister held in a country holds in that country's ministry the
article names in another sentence ("Mines Minister" -> the "Ministry of Mines and Mining
Development"), or the one a formal title names ("Minister of Economy" -> a new
``<country>-ministry-of-economy``, proposed as a government body, when the country is the
person's stated one or the article's). A title word holds in the one body the article names
elsewhere from the same stem ("State Secretary" -> the State Secretariat, "Trade
Commissioner" -> the Commission), and a ministry made up from a title yields to the full name
the article gives it elsewhere. A bare title ("MINISTER X:", "Spokesperson") in a release
whose lead names its issuing body holds in that body; a minister the rules put in the United
States (no ministers there) holds in the other country around him; a title naming its
possessor ("the European Commission's vice-president") holds there.

:func:`affiliation_frames` adds the posts a copula or an "of" phrase states ("X is a senior
fellow at Y", "X of the consultancy Y"); :func:`second_posts` keeps both posts of one
apposition ("Secretary of the Interior X, chairman of the Council"); :func:`owned_posts`
puts a title that names its organisation there, whatever was guessed ("the association's
president", "a spokeswoman for the company", "Eti Maden general manager").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.corpus.review import Candidate
from kg.extract.bodies import RANKS
from kg.extract.cues import TITLES, TWO_WORD_TITLES
from kg.extract.spans import Context, Frame, SentenceView
from kg.rdf.terms import slugify

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.corpus.review import ReviewFile
    from kg.extract.gazetteer import Registry
    from kg.extract.spans import Ent

CORPORATE = (
    "chief executive",
    "ceo",
    "chairman",
    "chairwoman",
    "managing director",
    "founder",
    "manager",
    "chief",
    "executive",
    "director",
    "head",
)
_SMALL = {
    "and",
    "of",
    "for",
    "the",
    "&",
    "minister",
    "secretary",
    "sen.",
    "senator",
    "deputy",
    "state",
    "treasurer",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
}


def _registry_body(registry: Registry, words: list[str], country: str | None) -> str | None:
    if not words:
        return None
    best: tuple[int, str] | None = None
    for slug, entity in registry.entities.items():
        if entity.type != "GovernmentBody":
            continue
        if country and entity.jurisdiction and entity.jurisdiction != country:
            continue
        for form in entity.surface_forms:
            tokens = set(re.findall(r"[a-z]+", form.lower()))
            if all(w in tokens for w in words):
                cand = (len(form), slug)
                best = cand if best is None or cand < best else best
    return best[1] if best else None


def dominant_country(ctx: Context) -> str | None:
    """The country the article names at least twice as often as any other, if any."""
    ranked = sorted(ctx.country_counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def title_body(view: SentenceView, title: str, country: str | None) -> str | None:
    """The government body of ``country`` whose name holds every capitalised word of the
    title ("Trade Minister" -> a trade ministry), if the registry has exactly such a body.
    A title in lower case ("economy minister") gives its portfolio words instead."""
    found = re.findall(r"[A-Za-z]+", title)
    words = [w.lower() for w in found if w[0].isupper() and w.lower() not in _SMALL]
    if not words:
        words = [w.lower() for w in found if len(w) > 2]
        words = [w for w in words if w not in _SMALL and w not in CORPORATE]
    return _registry_body(view.registry, words, country) if country else None


def role_holder(
    view: SentenceView, title: str, ctx: Context, person: str | None = None
) -> str | None:
    if not is_title(title):
        return None  # "Ms. Reyes": a courtesy title holds nowhere
    lowered = title.lower()
    words = [
        w for w in re.findall(r"[A-Za-z]+", title) if w[0].isupper() and w.lower() not in _SMALL
    ]
    # whose official: the country the title names ("Germany's economy minister"), else
    # the registry's, else only a country the article is plainly about (the one it names
    # most is no more than a guess: "Trade Minister" in a story about US tariffs)
    country = None
    known = view.registry.get(person) if person else None
    home = known.jurisdiction if known is not None else None
    if home and view.registry.get(home) is not None:
        country = home
    for ent in view.ents:
        if ent.type == "Country" and ent.text in title:
            country = ent.slug
            break
    if country is None and _bare(title):  # "The Ministry of … earmarked …, Minister X
        # told lawmakers": the one body named with him, before a guess at his country
        named = {e.slug for e in view.ents if e.type == "GovernmentBody"}
        if len(named) == 1:
            return named.pop()
    if country is None:
        country = dominant_country(ctx)
    body = _registry_body(view.registry, [w.lower() for w in words], country) if country else None
    if body:
        return body
    doc = view.span.doc
    core = title.split()
    while core and core[0].lower() in RANKS:  # "Deputy Industry Minister"
        core = core[1:]
    for ent in view.ents:  # the ministry the title's portfolio names ("Mining Minister")
        new = ent.type == "GovernmentBody" and ent.slug not in view.registry.entities
        if new and " ".join(core).startswith(doc[ent.start : ent.end].text + " Minister"):
            return ent.slug
    if any(c in lowered for c in CORPORATE):
        # "Its chief executive, X": the company the possessive names; another company
        # the parse does not link to the title is a guess
        return _possessor(view, ctx, title)
    if country is None:
        return None
    if lowered.startswith(("sen", "senator", "lawmaker")) and country == "united-states":
        return "us-congress" if view.registry.get("us-congress") else country
    return country


def _possessor(view: SentenceView, ctx: Context, title: str) -> str | None:
    """The organisation a possessive pronoun before the title names ("its chief
    executive", "their chairman"), resolved by :func:`kg.extract.coref.anaphora`."""
    from kg.extract.coref import anaphora

    doc = view.span.doc
    first = title.split()[0].lower() if title else ""
    for tok in view.span:
        follows = tok.i + 1 < view.end and doc[tok.i + 1].lower_ == first
        if tok.lower_ in ("its", "their") and follows:
            for ent in anaphora(view, ctx):
                if ent.start == tok.i and ent.type in _ORGS:
                    return ent.slug
    return None


def _portfolio(title: str) -> list[str]:
    """The portfolio words of a title: its capitalised words ("Mines Minister" -> mines),
    else its lowercase ones ("economy minister") without the title words."""
    found = re.findall(r"[A-Za-z]+", title)
    words = [w.lower() for w in found if w[0].isupper() and w.lower() not in _SMALL]
    if not words:
        words = [w.lower() for w in found if len(w) > 2]
        words = [w for w in words if w not in _SMALL and w not in CORPORATE]
    return [w for w in words if w not in _TITLE_WORDS]


_TITLE_WORDS = frozenset({*TITLES, *(w for pair in TWO_WORD_TITLES for w in pair)})


def is_title(label: str) -> bool:
    """A title holds a title word ("Trade Secretary", "chief executive"); "Ms." or "Dr."
    alone does not."""
    return any(w in _TITLE_WORDS for w in re.findall(r"[a-z.]+", label.lower()))


def _named_before(c: Candidate, title: str, orgs: dict[str, str]) -> str | None:
    """The organisation named right before a corporate title: "TechMet Chief Executive
    Brian Menell", "Belaruskali's director general"."""
    for e in c.evidence:
        for name, slug in orgs.items():
            if f"{name} {title}" in e.quote or f"{name}'s {title}" in e.quote:
                return slug
    return None


def _organisations(review: ReviewFile, ctx: Context, registry: Registry) -> dict[str, str]:
    """Name -> slug of the organisations the article names (new ones, their short names
    and the registry's it mentions)."""
    out = {short: slug for short, (slug, _) in ctx.short_names.items()}
    for c in review.candidates:
        if c.type in _ORGS and c.node and c.label:
            out.setdefault(c.label, c.node)
    for slug in {m.entity for m in review.mentions}:
        entity = registry.get(slug)
        if entity is not None and entity.type in _ORGS:
            for form in entity.surface_forms:
                out.setdefault(form, slug)
    return out


_ORGS = frozenset({"Company", "Organization", "StateEntity"})


def _late_holder(
    c: Candidate, ctx: Context, registry: Registry, bodies: list[_Body], orgs: dict[str, str]
) -> str | None:
    """Where a political title holds that its sentence did not say, from the whole
    article: the person's country (the registry's, or the one their mention stated),
    else the one ministry the article names elsewhere that its portfolio names, else the
    country the article is plainly about; the registry body of that country its
    portfolio names, if any. A corporate title holds in the organisation named right
    before it, else it is not guessed."""
    title = c.label or ""
    if not is_title(title):
        return None
    if any(w in title.lower() for w in CORPORATE):
        # else the company the article is about ("Felipe Arancibia, chief commercial
        # officer:" in the transcript of its earnings call)
        return _named_before(c, title, orgs) or ctx.main_company()
    person = c.properties["roleOf"][0]
    known = registry.get(person)
    country = (known.jurisdiction if known is not None else None) or ctx.homes.get(person)
    if country is None:
        # "Trade Minister" in a story naming one trade ministry
        body = _article_body(c, None, bodies)
        if body:
            return body
        country = dominant_country(ctx)  # only a country the article is plainly about
    if country is None:
        body = _namesake_body(c, None, bodies)
        if body:
            return body
        # else the country the article names more than any other (its ministry of the
        # title's portfolio, or the country itself) ("Treasurer Jim Chalmers" in a story
        # that names Australia most and the US once)
        country = _named_most(ctx)
        if country is None or (country in _NO_MINISTERS and "minister" in title.lower()):
            return None
        if any(w.startswith("spokes") for w in re.findall(r"[a-z]+", title.lower())):
            return None  # a spokesperson speaks for a body, not for the story's country
    body = _registry_body(registry, _portfolio(title), country)
    if body:
        return body
    if title.lower().startswith(("sen", "lawmaker")) and country == "united-states":
        return "us-congress" if registry.get("us-congress") else country
    return country


_Body = tuple[str, str, set[str], set[int]]  # slug, country, name words, sentence starts


def _named_bodies(review: ReviewFile, registry: Registry) -> list[_Body]:
    """The government bodies the article names, with the sentences that name them."""
    out: list[_Body] = []
    for c in review.candidates:
        if c.type == "GovernmentBody" and c.node and c.label:
            home = (c.properties.get("jurisdiction") or [""])[0]
            words = set(re.findall(r"[a-z]+", c.label.lower()))
            out.append((c.node, home, words, {e.start for e in c.evidence}))
    spans: dict[str, list[int]] = {}
    for m in review.mentions:
        spans.setdefault(m.entity, []).append(m.start)
    for slug, starts in spans.items():
        entity = registry.get(slug)
        if entity is not None and entity.type == "GovernmentBody":
            words = {w for f in entity.surface_forms for w in re.findall(r"[a-z]+", f.lower())}
            out.append((slug, entity.jurisdiction or "", words, set(starts)))
    return out


# the derivational stem a title shares with the head noun of the body it is held in:
# "Commissioner" -> the Commission, "State Secretary" -> the State Secretariat,
# "Director" -> the Directorate
_STEM = 6
_BODY_WORDS = frozenset(
    {"commission", "secretariat", "directorate", "ministry", "council", "agency"}
)


def _namesake_body(c: Candidate, country: str | None, bodies: list[_Body]) -> str | None:
    """The one body (of ``country``, or of none) the article names in another sentence whose
    head noun shares the title word's stem and whose name holds the title's portfolio
    words: "Trade Commissioner" -> the European Commission, "State Secretary" -> the State
    Secretariat for Economic Affairs. A bare "Minister" or "spokesperson" is left alone."""
    title = (c.label or "").lower()
    heads = [w for w in re.findall(r"[a-z]+", title) if w in _TITLE_WORDS]
    if not heads or heads[-1] in ("minister", "president", "chief", "head"):
        return None
    stem = heads[-1][:_STEM]
    words = _portfolio(c.label or "")
    found = {
        slug
        for slug, home, names, starts in bodies
        if (country is None or not home or home == country)
        and any(n in _BODY_WORDS and n.startswith(stem) for n in names)
        and all(w in names for w in words)
        and _elsewhere(c, starts)
    }
    return found.pop() if len(found) == 1 else None


# title words of a supranational commission's members ("Trade Commissioner", "Executive
# Vice-President" of the European Commission): a body of no country
_COMMISSION_TITLES = frozenset({"commissioner"})


def _commission(c: Candidate, bodies: list[_Body]) -> str | None:
    """A commissioner the rules put in a country holds in the one commission the article
    names elsewhere, whatever its home ("Trade Commissioner" in a story on Georgia's
    request to the European Commission)."""
    words = re.findall(r"[a-z]+", (c.label or "").lower())
    if not words or words[-1] not in _COMMISSION_TITLES:
        return None
    found = {
        slug for slug, _, names, starts in bodies if "commission" in names and _elsewhere(c, starts)
    }
    return found.pop() if len(found) == 1 else None


def _elsewhere(c: Candidate, starts: set[int]) -> bool:
    """The body is named outside the sentences of the role (not only by its title)."""
    return any(not any(e.start <= s < e.end for e in c.evidence) for s in starts)


def _article_body(c: Candidate, country: str | None, bodies: list[_Body]) -> str | None:
    """The one body (of ``country``) the article names in another sentence whose name
    holds every portfolio word of a minister's or secretary's title ("Mines Minister" ->
    the "Ministry of Mines and Mining Development" of another paragraph)."""
    title = c.label or ""
    words = _portfolio(title)
    lowered = title.lower()
    if not words or not any(t in lowered for t in ("minister", "secretary")):
        return None
    found = {
        slug
        for slug, home, names, starts in bodies
        if (country is None or home == country or slug.startswith(f"{country}-"))
        and all(w in names for w in words)
        and _elsewhere(c, starts)
    }
    return found.pop() if len(found) == 1 else None


# "Minister of Economy", "the Deputy Minister of Energy and Mines", "Minister for Trade";
# a rank inside the ministry may come first, not another body ("Coordinating Minister")
_FORMAL = re.compile(
    r"^(?:the\s+)?(?:(?:Honourable|Honorable|Deputy|Vice|Acting|First)\s+)*"
    r"Minister\s+(?:of|for)\s+(?P<p>[A-Z][\w ,&'-]+)$"
    r"|^(?:(?:deputy|vice|acting)\s+)?minister\s+(?:of|for)\s+(?P<low>[a-z][\w ,&'-]+)$"
)


def _formal_ministry(
    c: Candidate,
    country: str,
    review: ReviewFile,
    registry: Registry,
    ctx: Context,
    make_id: IdMaker,
    trusted: str | None = None,
) -> str | None:
    """A formal title names its ministry: "Minister of Economy" in Armenia holds in the
    registry's Armenian ministry of that portfolio, else in a new ``<country>-ministry-of-
    <portfolio>`` (registry style), proposed as a government body of the country when the
    country is the person's stated one or the one the article is plainly about."""
    match = _FORMAL.match(c.label or "")
    if match is None:
        return None
    portfolio = (match.group("p") or match.group("low").title().replace(" And ", " and ")).strip(
        " ,"
    )  # "deputy minister of industry and construction" (in apposition, in lowercase)
    known = _registry_body(registry, _portfolio(portfolio), country)
    entity = registry.get(known) if known else None
    if entity is not None and entity.jurisdiction == country:
        return known
    person = c.properties["roleOf"][0]
    stated = any(  # "X, deputy minister of industry of Kazakhstan"
        m.entity == country and e.start <= m.start < e.end
        for m in review.mentions
        for e in c.evidence
    )
    article = (ctx.homes.get(person), dominant_country(ctx), ctx.main_nation(), trusted)
    if not stated and country not in article:
        return None
    styles = {  # a country whose known bodies are departments has no ministries
        "ministry" in " ".join(e.surface_forms).lower()
        for e in registry.entities.values()
        if e.type == "GovernmentBody" and e.jurisdiction == country
    }
    if styles == {False}:
        return None
    prefix = "us" if country == "united-states" else country
    node = slugify(f"{prefix} ministry of {portfolio}")
    if registry.get(node) is not None:
        return node
    if not any(e.node == node for e in review.candidates):
        evidence = c.evidence[0]
        review.candidates.append(
            Candidate(
                id=make_id(review.article, "GovernmentBody", evidence.start, evidence.end, node),
                type="GovernmentBody",
                evidence=[evidence],
                confidence=0.5,
                node=node,
                label=f"Ministry of {portfolio}",
                properties={"jurisdiction": [country]},
            )
        )
    return node


IdMaker = Callable[[str, str, int, int, str], str]  # the pipeline's candidate_id

# the heads of a title that names no portfolio of its own ("Minister", "DEPUTY SECRETARY",
# "Spokesperson"): in an official's own release it is an office of the issuing body
_BARE_HEADS = frozenset(
    {"minister", "secretary", "undersecretary", "spokesperson", "spokesman", "spokeswoman"}
)
_LEAD_LINES = 3  # headline, source or dateline line, first paragraph
_HEAD_OF_LINE = 40  # characters: "Statement of the Ministry …", "Kingdom of X - Ministry …"
# what may stand before a bare title's head: a rank, an honorific, a transcript's label
_BARE_RANKS = frozenset(
    {"deputy", "vice", "acting", "assistant", "official", "host", "the", "honourable"}
)


def lead_end(text: str) -> int:
    """The end offset of the article's first :data:`_LEAD_LINES` non-blank lines (the
    headline and the line that names who issues a release or transcript)."""
    seen, at = 0, 0
    for line in text.splitlines(keepends=True):
        at += len(line)
        if line.strip():
            seen += 1
            if seen == _LEAD_LINES:
                break
    return at


def _issuer(bodies: list[_Body], text: str) -> tuple[str, str] | None:
    """(slug, country) of the government body the article names first, when it names it in
    its lead at the head of a line ("Ministry of Mines, Addis Ababa. Transcript of …",
    "Department of Energy | Office of Public Affairs", "Transcript of the Ministry of
    Commerce …"): the body that issues it (a wire story's lead names bodies mid-sentence)."""
    lead = lead_end(text)
    first = min(
        ((min(starts), slug, home) for slug, home, _, starts in bodies if starts), default=None
    )
    if first is None or first[0] >= lead:
        return None
    line_start = text.rfind("\n", 0, first[0]) + 1
    if first[0] - line_start > _HEAD_OF_LINE:
        return None
    return first[1], first[2]


def _issued_by(issuer: tuple[str, str], country: str | None) -> bool:
    """The issuing body is of ``country`` (its stated home, else the one its registry-style
    slug names: ``ethiopia-ministry-of-mines``); None: the title's sentence named none."""
    slug, home = issuer
    if country is None:
        return True
    prefix = "us" if country == "united-states" else country
    return home == country or (not home and slug.startswith(f"{prefix}-"))


def _sentence_body(c: Candidate, bodies: list[_Body]) -> str | None:
    """The one government body named in the sentences of the role, if only one."""
    found = {slug for slug, _, _, starts in bodies if _within(c, starts)}
    return found.pop() if len(found) == 1 else None


def _within(c: Candidate, starts: set[int]) -> bool:
    return any(e.start <= s < e.end for s in starts for e in c.evidence)


def _bare(title: str) -> bool:
    """A title with no portfolio, headed by a minister's, secretary's or spokesperson's
    word: "Minister", "DEPUTY SECRETARY", "Host: spokesperson"."""
    words = re.findall(r"[a-z]+", title.lower())
    return bool(words) and words[-1] in _BARE_HEADS and all(w in _BARE_RANKS for w in words[:-1])


# the states whose cabinet has no ministers: secretaries head its departments
_NO_MINISTERS = frozenset({"united-states"})


def _minister_country(
    c: Candidate, held_in: str, review: ReviewFile, registry: Registry, ctx: Context
) -> str | None:
    """Where a minister holds whom the rules put in a country without ministries (or a body
    of it: "Trade Minister" -> the US Trade Representative in a story on US duties): the one
    other country the title's sentence names, else the one the article names most,
    clearly ahead of the others (not the ministry-less country)."""
    entity = registry.get(held_in)
    home = held_in if entity is not None and entity.type == "Country" else None
    if entity is not None and entity.type == "GovernmentBody":
        home = entity.jurisdiction
    elif entity is None and held_in.startswith("us-"):
        home = "united-states"  # a ministry made up for the US ("us-ministry-of-…")
    if home is None or home not in _NO_MINISTERS:
        return None
    if "minister" not in re.findall(r"[a-z]+", (c.label or "").lower()):
        return None
    named = {
        m.entity
        for m in review.mentions
        for e in c.evidence
        if e.start <= m.start < e.end and m.entity != home and _is_country(registry, m.entity)
    }
    if len(named) == 1:
        return named.pop()
    ranked = sorted(((n, s) for s, n in ctx.country_counts.items() if s != home), reverse=True)
    if ranked and (len(ranked) == 1 or ranked[0][0] >= 2 * ranked[1][0]):
        return ranked[0][1]
    return ""


def _named_most(ctx: Context) -> str | None:
    """The country the article names more often than any other (adjectives included); none
    on a tie ("China and the United States met. Treasurer X said Australia would wait")."""
    ranked = sorted(ctx.nation_counts.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return ctx.main_nation()


def _owner_in_title(title: str, orgs: dict[str, str], registry: Registry) -> str | None:
    """The organisation or body a title names as its possessor: "European Commission's
    vice"."""
    owner, mark, _ = title.replace("’", "'").partition("'s ")
    owner = owner.strip()
    if not mark or not owner:
        return None
    slug = orgs.get(owner) or registry.slug_for_label(owner)
    entity = registry.get(slug) if slug else None
    if entity is not None and entity.type not in ("GovernmentBody", *_ORGS):
        return None  # "Congo's Mines Minister": a country's title is read as before
    return slug


def _collective(registry: Registry, slug: str) -> bool:
    """A collective of a country's companies or buyers ("American companies")."""
    entity = registry.get(slug)
    return entity is not None and entity.label.lower().endswith(("companies", "buyers"))


def _is_country(registry: Registry, slug: str) -> bool:
    entity = registry.get(slug)
    return entity is not None and entity.type == "Country"


def settle_roles(
    review: ReviewFile, ctx: Context, registry: Registry, make_id: IdMaker, text: str = ""
) -> None:
    """At the article's end: a Role whose sentence gave no holder takes the article's
    (:func:`_late_holder`) or is dropped; a minister held in a country holds in the
    ministry of that country the article names by the title's portfolio. A bare title
    ("MINISTER", "Spokesperson") in a release or transcript whose lead names the issuing
    body (``text``: the article) holds in that body; a minister put in a country without
    ministries holds in the other country around him (:func:`_minister_country`)."""
    bodies = _named_bodies(review, registry)
    issuer = _issuer(bodies, text) if text else None
    orgs = _organisations(review, ctx, registry)
    people = {c.node for c in review.candidates if c.type == "Person"}
    dominant = dominant_country(ctx)  # the context no longer changes at the article's end
    made = {  # the new ministries named only in a title's own sentence, with their country
        c.node: (c.properties.get("jurisdiction") or [""])[0]
        for c in review.candidates
        if c.type == "GovernmentBody" and c.node and registry.get(c.node) is None
    }
    for pool in (review.candidates, review.held):
        kept: list[Candidate] = []
        for c in pool:
            if c.type == "Role":
                person = c.properties["roleOf"][0]
                known = registry.get(person)
                if person not in people and (known is None or known.type != "Person"):
                    continue  # "through Eti Maden, the Minister …": no person holds it
                owner = _owner_in_title(c.label or "", orgs, registry)
                if owner:  # "the European Commission's vice-president"
                    c.properties["roleIn"] = [owner]
                if "roleIn" not in c.properties:
                    holder = _late_holder(c, ctx, registry, bodies, orgs)
                    if issuer is not None and _bare(c.label or ""):
                        holder = issuer[0]  # the release's own official, not a guess
                    elif _bare(c.label or ""):  # "The Ministry of … earmarked …, Minister
                        # X told lawmakers": the one body named with him
                        holder = _sentence_body(c, bodies) or holder
                    if holder is None:
                        continue
                    c.properties["roleIn"] = [holder]
                held_in = c.properties["roleIn"][0]
                if _collective(registry, held_in):
                    continue  # "the firm's director" is no post in "American companies"
                bare = issuer is not None and _bare(c.label or "")
                if bare and issuer is not None and _issued_by(issuer, held_in):
                    held_in = c.properties["roleIn"][0] = issuer[0]  # "MINISTER X:" in
                    # the transcript the Ministry of Mines issues
                moved = _minister_country(c, held_in, review, registry, ctx)
                if moved == "":
                    continue  # a minister of no country the article makes plain
                if moved:  # and the ministry there its portfolio names, if known
                    found = _registry_body(registry, _portfolio(c.label or ""), moved)
                    held_in = c.properties["roleIn"][0] = found or moved
                entity = registry.get(held_in)
                is_body = entity is not None and entity.type == "GovernmentBody"
                home = entity.jurisdiction if entity is not None and is_body else None
                if (
                    home
                    and _is_country(registry, home)
                    and home not in ctx.nation_counts
                    and dominant
                ):
                    # a ministry of a country the article never names: a portfolio word
                    # linked abroad ("Mines Minister" in a Zambian story)
                    held_in = c.properties["roleIn"][0] = dominant
                    entity = registry.get(held_in)
                if entity is not None and entity.type == "Country":
                    body = (
                        _article_body(c, held_in, bodies)
                        or _namesake_body(c, held_in, bodies)
                        or _commission(c, bodies)
                        or _formal_ministry(c, held_in, review, registry, ctx, make_id, moved)
                    )
                    if body:
                        c.properties["roleIn"] = [body]
                elif held_in in made:  # a ministry made up from the title ("Mines
                    # Minister" -> a Ministry of Mines): the full name the article gives it
                    # in another sentence wins ("Ministry of Mines and Minerals Development")
                    body = _article_body(c, made[held_in] or None, bodies)
                    if body and body != held_in:
                        c.properties["roleIn"] = [body]
            kept.append(c)
        pool[:] = kept


# the posts of an analyst's or official's affiliation that a copula states ("X is a senior
# fellow at the Y Institute", "X is director of the … programme at Y")
_AFFILIATIONS = frozenset(
    {
        "fellow",
        "analyst",
        "researcher",
        "economist",
        "professor",
        "partner",
        "strategist",
        "consultant",
        "lecturer",
        "scholar",
        *TITLES,
    }
)
_AFFILIATES = frozenset({"Organization", "Company", "StateEntity", "GovernmentBody"})


def affiliation_frames(view: SentenceView, frames: list[Frame]) -> list[Frame]:
    """Roles the title rules miss, for the people of the sentence with none: a copula with a
    post and the organisation it is at ("Kim Ha-eun is a senior fellow at the Seoul
    Institute for Supply Chain Studies") or a name followed by "of (the) <noun>" and an
    organisation ("Ritu Malhotra of the consultancy Anvaya Advisory")."""
    have = {f.properties["roleOf"][0] for f in frames if f.type == "Role"}
    orgs = [e for e in view.ents if e.type in _AFFILIATES]
    out: list[Frame] = []
    for ent in view.ents:
        if ent.type != "Person" or ent.slug in have:
            continue
        found = _copular_post(view, ent, orgs) or _of_organisation(view, ent, orgs)
        if found is not None:
            title, org = found
            props = {"roleOf": [ent.slug], "roleIn": [org]}
            out.append(Frame("Role", slugify(f"{ent.slug} {title}"), props, 0.6, title))
            have.add(ent.slug)
    return out


def _copular_post(view: SentenceView, person: Ent, orgs: list[Ent]) -> tuple[str, str] | None:
    doc = view.span.doc
    head = doc[person.end - 1]
    while head.dep_ in ("compound", "flat") and head.head.i != head.i:
        head = head.head
    verb = head.head
    if head.dep_ != "nsubj" or verb.lemma_ != "be":
        return None
    for post in (c for c in verb.children if c.dep_ == "attr" and c.lower_ in _AFFILIATIONS):
        span = range(post.i, post.right_edge.i + 1)
        org = next((o for o in orgs if o.start in span), None)
        if org is not None:
            mods = [t.text for t in post.lefts if t.dep_ in ("amod", "compound")]
            return " ".join([*mods, post.text]), org.slug
    return None


def _of_organisation(view: SentenceView, person: Ent, orgs: list[Ent]) -> tuple[str, str] | None:
    doc = view.span.doc
    k = person.end
    if k >= view.end or doc[k].lower_ != "of":
        return None
    k += 1
    if k < view.end and doc[k].lower_ == "the":
        k += 1
    noun = k
    while k < view.end and k - noun < 2 and doc[k].is_lower and doc[k].pos_ == "NOUN":
        k += 1
    org = next((o for o in orgs if o.start == k), None)
    if org is None or k == noun:
        return None  # "X of the consultancy Y": a noun says what Y is
    return doc[noun:k].text, org.slug


def second_posts(view: SentenceView, frames: list[Frame]) -> None:
    """A person with two posts in one apposition holds both: "Secretary of the Interior Doug
    Burgum, chairman of the National Energy Dominance Council" -> the Department of the
    Interior (the body his title names right before his name) and the Council (the
    organisation the title after the comma is "of")."""
    doc = view.span.doc
    holders = [e for e in view.ents if e.type in _AFFILIATES]
    for frame in frames:
        if frame.type != "Role" or "roleIn" not in frame.properties:
            continue
        person = next(
            (
                e
                for e in view.ents
                if e.type == "Person" and e.slug == frame.properties["roleOf"][0]
            ),
            None,
        )
        if person is None:
            continue
        before = next((e for e in holders if e.end == person.start), None)
        k = person.end
        after = None
        if k + 3 < view.end and doc[k].text == "," and doc[k + 1].lower_ in TITLES:
            of = k + 2
            if doc[of].lower_ == "of":
                start = of + 2 if doc[of + 1].lower_ == "the" else of + 1
                after = next((e for e in holders if e.start == start), None)
        if before is None or after is None or before.slug == after.slug:
            continue
        frame.properties["roleIn"] = unique([before.slug, after.slug])


# the organisations and regions a title may name as its owner ("the association's
# president", "the premier of Ontario"); a country's title ("Germany's economy minister")
# is left to the rules above
_OWNERS = frozenset({"Company", "Organization", "StateEntity", "GovernmentBody", "Region"})
_MODIFIERS = frozenset({*_ORGS, "Region"})  # "Eti Maden general manager", "Catamarca Governor"
# the prepositions that name what a title is held in: "spokeswoman for the company",
# "chief executive of the cooperative", "fellow at the institute"
_OWNER_PREPS = frozenset({"for", "of", "at"})


def owned_posts(view: SentenceView, frames: list[Frame], named: list[tuple[str, str]]) -> None:
    """A title that names the organisation it is held in holds there, whatever the rules
    or the model guessed: its possessor ("Rafael Dizon, the association's president"), the
    object of its "for"/"of"/"at" ("a spokeswoman for the company, Chen Lihua") or an
    organisation in compound before it ("Eti Maden general manager Murat Aksoy"). A
    definite noun the descriptions did not link ("the association", "the Council", "the
    cooperative") names the organisation named last (``named``: the article's
    organisations so far, in order, then the sentence's) whose name has that head noun."""
    for frame in frames:
        if frame.type != "Role":
            continue
        who = frame.properties["roleOf"][0]
        person = next((e for e in view.ents if e.type == "Person" and e.slug == who), None)
        title = _title_token(view, person, frame.label or "") if person is not None else None
        if title is None:
            continue
        here = [(e.slug, e.type) for e in view.ents if e.end <= title.i and not e.demonym]
        owner = _owner_of(view, title, [*named, *here])
        if owner is not None and owner != who:
            frame.properties["roleIn"] = [owner]


def _title_token(view: SentenceView, person: Ent, label: str) -> Token | None:
    """The head word of ``label`` nearest the person, if the parse attaches it to the
    person: an apposition either way or a compound chain into the name."""
    heads = [w for w in re.findall(r"[a-z.]+", label.lower()) if w in _TITLE_WORDS]
    if not heads:
        return None
    doc = view.span.doc
    name = doc[person.end - 1]
    while name.dep_ in ("compound", "flat") and name.head.i != name.i and name.head.i < person.end:
        name = name.head
    near = [
        t
        for t in view.span
        if t.lower_ == heads[-1]
        and not person.start <= t.i < person.end
        and abs(t.i - person.start) <= 8
    ]
    for tok in sorted(near, key=lambda t: abs(t.i - person.start)):
        top = tok
        while top.dep_ == "compound" and top.head.i != top.i:
            top = top.head
        linked = (
            top.i == name.i
            or (name.dep_ == "appos" and name.head.i == top.i)
            or (top.dep_ == "appos" and top.head.i == name.i)
        )
        if linked:
            return tok
    return None


def _owner_of(view: SentenceView, title: Token, named: list[tuple[str, str]]) -> str | None:
    """The organisation the title's possessor, "for"/"of"/"at" object or compound
    modifier names."""
    found: list[tuple[Token, frozenset[str]]] = []
    for child in title.children:
        if child.dep_ == "poss":
            found.append((child, _OWNERS))
        elif child.dep_ == "prep" and child.lower_ in _OWNER_PREPS:
            found += [(c, _OWNERS) for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ in ("compound", "nmod") and child.i < title.i:
            found.append((child, _MODIFIERS))  # not a ministry made up from the title
    for tok, kinds in found:
        ent = view.ent_at(tok.i)
        if ent is not None:
            if ent.type in kinds:
                return ent.slug
            continue
        the = [c for c in tok.children if c.dep_ == "det" and c.lower_ == "the"]
        if the and tok.pos_ in ("NOUN", "PROPN"):  # "the association", "the Council"
            return _named_by_head(tok.lower_, named)
        if tok.pos_ == "PROPN":  # a name the sentence did not link, named before
            name = slugify(view.span.doc[tok.left_edge.i : tok.i + 1].text)
            if any(slug == name and kind in kinds for slug, kind in named):
                return name
    return None


def _named_by_head(noun: str, named: list[tuple[str, str]]) -> str | None:
    """The organisation named last whose name's head noun is ``noun``: "the association"
    -> the Philippine Nickel Industry Association, "the Council" -> the Critical Minerals
    Producers Council of Western Australia."""
    for slug, kind in reversed(named):
        if kind not in _OWNERS:
            continue
        words = re.split(r"-(?:of|for|on)-", slug, maxsplit=1)[0].split("-")
        if words and words[-1] == noun:
            return slug
    return None


def unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))
