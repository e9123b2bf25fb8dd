"""Measures: sanctions, tariffs, export controls and support measures (see ``kg.extract.events``).

``imposedBy`` = a possessive or adjective right before the trigger ("China's 2026 export
controls", "US sanctions"), "by/from X" after it, or the subject of an imposing verb
("The U.S. has imposed …"); a restrictive measure whose imposer the sentence does not name
gets a low-confidence guess (the sentence's other actor, else the country the article
names most). ``targets`` = the first actor after the trigger ("on Russian industries";
"its" resolved to the possessor named before); ``coversResource`` = resources after the
trigger; ``startDate``/``datePrecision`` from the date nearest the trigger; ``status``
InForce/Lifted from wording; waivers are noted.
"""

from __future__ import annotations

import re

from kg.extract.quantities import DateMention
from kg.extract.spans import (
    OBJECT_PREPOSITIONS,
    Context,
    Ent,
    Frame,
    SentenceView,
    names_of,
    places,
    type_of,
    unique,
)
from kg.rdf.terms import term

_IMPOSING = r"^(impos|introduc|slap|levi|announc|plac|extend|tighten|expand|adopt|enact|"
_IMPOSING += r"approv|unveil|issu|finali[sz]|reimpos|set|sets|setting|ban|restrict|halt)"


def _imposer(view: SentenceView, start: int, end: int, verb: bool) -> Ent | None:
    doc = view.span.doc
    for ent in view.actors_before(start, window=4):
        gap = start - ent.end
        if view.is_possessive(ent) and gap <= 4:
            return ent
        if gap == 0 and ent.type != "Person":
            return ent
    for j in range(end, min(end + 6, view.end)):
        if view.lower(j) in ("by", "from"):
            after = [e for e in view.actors_after(j + 1) if e.start - j <= 3]
            if after:
                return after[0]
    verbs = [j for j in range(view.start, start) if re.match(_IMPOSING, doc[j].lower_)]
    anchor = verbs[-1] if verbs else (start if verb else None)
    if anchor is not None:
        before = [e for e in view.actors_before(anchor, window=8) if not e.demonym]
        if before and not view.in_location_phrase(before[0]):
            return before[0]
    for ent in view.actors_before(start):  # the subject: "The Pentagon will take a … stake"
        if ent.demonym or view.is_possessive(ent) or view.in_location_phrase(ent):
            continue
        if view.preposition_before(ent) not in OBJECT_PREPOSITIONS:
            return ent
    return None


def _targets(view: SentenceView, end: int, imposer: Ent | None, ctx: Context) -> list[str]:
    _, clause_end = view.clause_bounds(end)
    for j in range(end, min(clause_end + 1, view.end)):
        word = view.lower(j)
        ent = view.ent_at(j)
        other = ent is not None and ent.is_actor and (imposer is None or ent.slug != imposer.slug)
        if ent is not None and other and view.preposition_before(ent) not in ("by", "from"):
            return [ent.slug]
        if word in ("its", "their") and j > end:
            owners = [e for e in view.actors_before(end) if view.is_possessive(e)]
            if owners:
                return [owners[0].slug]
            return [ctx.last_group] if ctx.last_group else []
    return []


def _guess_imposer(view: SentenceView, targets: list[str], ctx: Context) -> str | None:
    """A restrictive measure needs an imposer: the sentence's first other actor, else the
    country the article names most often (other than the target). Low confidence."""
    for ent in view.actors():
        if ent.slug not in targets and not ent.demonym and ent.type != "Person":
            return ent.slug
    ranked = sorted(ctx.country_counts.items(), key=lambda kv: -kv[1])
    return next((slug for slug, _ in ranked if slug not in targets), None)


def _nearest_date(dates: list[DateMention], i: int) -> DateMention | None:
    return min(dates, key=lambda d: abs(d.start - i), default=None)


def measure_frame(
    view: SentenceView,
    kind: str,
    start: int,
    end: int,
    ctx: Context,
    dates: list[DateMention],
    waiver: bool,
) -> Frame:
    verb = view.lower(start) not in ("export", "exports")
    imposer = _imposer(view, start, end, verb and kind == "ExportControl")
    after = [e.slug for e in view.ents if e.is_resource and e.start >= start]
    targets = _targets(view, end, imposer, ctx)
    guessed = None
    if imposer is None and kind != "SupportMeasure":
        guessed = _guess_imposer(view, targets, ctx)
    props: dict[str, list[str]] = {
        "imposedBy": [imposer.slug] if imposer else ([guessed] if guessed else []),
        "targets": targets,
        "coversResource": unique(after) or view.resources(),
        "concernsPlace": [p for p in places(view) if type_of(view, p) != "Country"],
    }
    date = _nearest_date(dates, start)
    if date is not None:
        props["startDate"] = [date.iso]
        props["datePrecision"] = [date.precision]
    hypothetical = view.has_word(("if", "would", "could"))
    if view.has_word(("lifted", "scrapped", "removed", "repealed", "eased")) and not hypothetical:
        props["status"] = [term("Lifted")]
    elif view.has_word(("imposed", "current", "existing", "long-term", "already")):
        props["status"] = [term("InForce")]
    label = f"{kind} by {names_of(view, props['imposedBy']) or 'unknown'}"
    if props["targets"]:
        label += f" on {names_of(view, props['targets'])}"
    if props["coversResource"]:
        label += f" ({names_of(view, props['coversResource'])})"
    frame = Frame(kind, f"{start}", props, 0.6 if imposer else (0.3 if guessed else 0.45), label)
    frame.anchor = start
    if waiver:
        frame.note = "the sentence mentions waivers of this measure"
    return frame
