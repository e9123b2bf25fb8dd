"""Where a title holds when the sentence does not say ("Treasurer Jim Chalmers").

:func:`role_holder` reads the title: its capitalised modifiers name a government body
of the registry ("Commerce Secretary" -> the Department of Commerce, "Business and Trade
Secretary" -> the Department for Business and Trade); a corporate title (chief
executive, chairman, managing director, founder) holds in the company the article named
last; a political title (minister, treasurer, senator, …) in the country the title names,
else the person's own country in the registry, else the country the article names most.
"""

from __future__ import annotations

import re

from kg.extract.spans import Context, SentenceView

CORPORATE = (
    "chief executive",
    "ceo",
    "chairman",
    "chairwoman",
    "managing director",
    "founder",
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


def _body_for(view: SentenceView, words: list[str], country: str | None) -> str | None:
    if not words:
        return None
    best: tuple[int, str] | None = None
    for slug, entity in view.registry.entities.items():
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
        words = [w for w in found if len(w) > 2 and w not in _SMALL and w not in CORPORATE]
    return _body_for(view, words, country) if country else None


def role_holder(
    view: SentenceView, title: str, ctx: Context, person: str | None = None
) -> str | None:
    lowered = title.lower()
    words = [
        w for w in re.findall(r"[A-Za-z]+", title) if w[0].isupper() and w.lower() not in _SMALL
    ]
    country = max(ctx.country_counts.items(), key=lambda kv: kv[1], default=(None, 0))[0]
    known = view.registry.get(person) if person else None
    home = known.jurisdiction if known is not None else None
    if home and view.registry.get(home) is not None:  # the registry says whose official
        country = home
    named_country = False
    for ent in view.ents:  # a country in the title ("Germany's economy minister")
        if ent.type == "Country" and ent.text in title:
            country, named_country = ent.slug, True
            break
    body = _body_for(view, [w.lower() for w in words], country)
    if body:
        return body
    doc = view.span.doc
    for ent in view.ents:  # the ministry the title's portfolio names ("Mining Minister")
        new = ent.type == "GovernmentBody" and ent.slug not in view.registry.entities
        if new and title.startswith(doc[ent.start : ent.end].text + " Minister"):
            return ent.slug
    if any(c in lowered for c in CORPORATE):
        return None  # a company the parse does not link to the title is a guess
    if not named_country and not home:  # only a country the article is plainly about
        country = dominant_country(ctx)
        if country is None:
            return None
    if lowered.startswith(("sen", "senator", "lawmaker")) and country == "united-states":
        return "us-congress" if view.registry.get("us-congress") else country
    return country
