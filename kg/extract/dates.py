"""Dates of a sentence resolved against the article's date and the story so far.

``kg.extract.quantities`` finds the date phrases (absolute ones: "28 February 2025",
"March 2025", "2023"; relative ones: "on Feb. 24", "on Wednesday", "in January", "today");
this module resolves them and picks the one an event takes:

* **Direction** from the preposition and the clause: "since" looks back; "from", "starting",
  "effective", "by", "until" name a start or a deadline that may lie ahead; "next" and a
  future clause ("will", "shall", "is due to", a reported "would") and a scheduling verb in
  the simple present ("takes effect on January 1") look ahead; "last" and
  plain past narration look back. "from Aug. 1" in a July article is this August, "in
  December" in a past-tense sentence is the last December before publication.
* **Relative phrases** with their precision: "last month"/"this month" (month), "last
  year"/"next year"/"earlier this year" (year), "that day"/"the same day" (the day last
  named in the article). "last week" stays undated (the day is not stated).
* **Which date an event takes** (:func:`date_for`): the date attached to the trigger's own
  clause or the nearest clause above it ("after China halted shipments in 2010" takes 2010,
  not the "since 1983" of the main clause); a finite or participial clause describing the
  trigger's phrase comes next ("a ban on shipments that has been in force since 2022", "a
  partnership …, signed in November 2022"), after the event's own clause at the same depth;
  else the nearest in the sentence.
* **Periods that are no date**: "over the next year", "in the past month" (a span of time:
  the article "the" before the period) and the "last year" of "in December last year"
  (read with its month).
* **The story's day** (:class:`Timeline`): a lead event with no date of its own, in the
  sentence right after one that stated a day ("…said on Wednesday. KfW will acquire a 12%
  stake…"), happened on that day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from kg.extract.quantities import MONTHS, WEEKDAYS, DateMention, dates

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span, Token

    from kg.extract.spans import Frame

# the preposition before a date and the direction it gives
_SINCE = ("since",)
_FORWARD = ("from", "starting", "effective", "beginning", "by", "until", "till", "through")
_FUTURE_AUX = ("will", "shall", "'ll")
_FUTURE_VERBS = ("due", "set", "scheduled", "expected", "slated", "poised")
# verbs that schedule: in the simple present ("takes effect on Jan. 1", "the ban enters into
# force on March 1", "the quota expires in June") they speak of a date to come
_SCHEDULING = ("take", "enter", "come", "begin", "start", "expire", "commence", "kick", "lapse")
_REPORTING = ("say", "announce", "tell", "state", "confirm", "add", "note", "write")
_RELATIVE_LABELS = ("DATE_REL", "DATE_THAT_DAY")


def add_date_patterns(matcher: Matcher) -> None:
    """Relative phrases the quantity patterns leave out: "last month", "next year",
    "earlier this year", "that day", "the same day"."""
    unit: dict[str, Any] = {"LOWER": {"IN": ["month", "year", "week"]}}
    matcher.add(
        "DATE_REL",
        [
            [{"LOWER": {"IN": ["last", "next", "this", "past", "coming"]}}, unit],
            [{"LOWER": {"IN": ["earlier", "later"]}}, {"LOWER": "this"}, unit],
        ],
    )
    matcher.add(
        "DATE_THAT_DAY",
        [
            [{"LOWER": "that"}, {"LOWER": "day"}],
            [{"LOWER": "the"}, {"LOWER": "same"}, {"LOWER": "day"}],
        ],
    )


def _future_clause(token: Token) -> bool:
    """The clause ``token`` sits in speaks of what is to come: "will need licences",
    "is due to take effect", "said it would impose"."""
    current = token
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX", "ADJ"):
            for child in current.children:
                if child.dep_ == "aux" and child.lower_ in _FUTURE_AUX:
                    return True
                if (
                    child.dep_ == "aux"
                    and child.lower_ in ("would", "'d")
                    and current.dep_ == "ccomp"
                    and current.head.lemma_.lower() in _REPORTING
                ):
                    return True
            if current.lemma_.lower() in _FUTURE_VERBS and any(
                c.dep_ == "xcomp" for c in current.children
            ):
                return True
            if current.pos_ in ("VERB", "AUX"):
                return False
        if current.head == current:
            break
        current = current.head
    return False


def _scheduled_present(token: Token) -> bool:
    """The date hangs on a scheduling verb in the simple present: "takes effect on January 1"
    (not "took effect", not "China produces ... in March")."""
    verb = next(
        (token.doc[i] for i in _attachment(token, 3) if token.doc[i].pos_ in ("VERB", "AUX")),
        None,
    )
    if verb is None:
        return False
    if verb.tag_ not in ("VBZ", "VBP") or verb.lemma_.lower() not in _SCHEDULING:
        return False
    if verb.lemma_.lower() == "take":  # only "take effect"
        return any(c.dep_ == "dobj" and c.lower_ == "effect" for c in verb.children)
    return True


def _direction(span: Span, start: int, end: int) -> str:
    """past | future | nearest for the date phrase doc[start:end]."""
    doc = span.doc
    words = [t.lower_ for t in doc[start:end]]
    before = doc[start - 1].lower_ if start > span.start else ""
    first = words[0]
    if first in _SINCE or before in _SINCE or first in ("last", "past") or before == "last":
        return "past"
    if first in ("next", "coming") or before in ("next", "coming"):
        return "future"
    if _future_clause(doc[start]) or _scheduled_present(doc[start]):
        return "future"
    if first in _FORWARD or before in _FORWARD:
        return "nearest"
    return "past"


def _month_date(anchor: date, month: int, direction: str) -> date:
    this_year = date(anchor.year, month, 1)
    if direction == "future":
        return this_year if month >= anchor.month else date(anchor.year + 1, month, 1)
    if direction == "nearest":
        options = [date(anchor.year + k, month, 1) for k in (-1, 0, 1)]
        return min(options, key=lambda d: (abs((d - anchor).days), d < anchor))
    return this_year if month <= anchor.month else date(anchor.year - 1, month, 1)


def _day_date(anchor: date, month: int, day: int, direction: str) -> date | None:
    options = []
    for k in (-1, 0, 1):
        try:
            options.append(date(anchor.year + k, month, day))
        except ValueError:
            continue
    if not options:
        return None
    if direction == "future":
        ahead = [d for d in options if d >= anchor]
        return min(ahead) if ahead else None
    if direction == "past":
        behind = [d for d in options if d <= anchor]
        return max(behind) if behind else None
    return min(options, key=lambda d: (abs((d - anchor).days), d < anchor))


def _weekday_date(anchor: date, weekday: int, direction: str) -> date:
    if direction == "future":  # "will meet on Tuesday": the next Tuesday after publication
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _day_after(span: Span, end: int) -> int | None:
    """ "from Aug." cut off from its "1" by the sentence splitter: the day right after."""
    doc = span.doc
    if end < len(doc) and doc[end].text.isdigit() and 1 <= int(doc[end].text) <= 31:
        return int(doc[end].text)
    return None


@dataclass
class Timeline:
    """The article's date and the days its story has named so far."""

    article_date: str | None = None
    last_day: str | None = None  # the last day-precision date the article named
    previous_day: str | None = None  # the day the previous sentence named, if any
    _sentence_day: str | None = field(default=None, repr=False)

    @property
    def anchor(self) -> date | None:
        if not self.article_date:
            return None
        try:
            return date.fromisoformat(self.article_date[:10])
        except ValueError:
            return None

    def resolve(
        self, span: Span, matches: list[tuple[str, int, int]], skip_before: int = -1
    ) -> list[DateMention]:
        """The dates of sentence ``span``, resolved; tokens before ``skip_before`` (a
        dateline: the filing date, not an event's) give none."""
        anchor = self.anchor
        found = []
        for mention in dates(span, matches, None):  # the absolute ones
            if mention.start >= skip_before:
                found.append(mention)
        if anchor is not None:
            taken = [(m.start, m.end) for m in found]
            relative = _relative_matches(matches, taken)
            months = {end for label, _, end in relative if label != "DATE_REL"}
            months |= {m.end for m in found}
            for label, start, end in relative:
                if start < skip_before or _not_a_date(span, label, start, months):
                    continue
                resolved = self._relative(span, label, start, end, anchor)
                if resolved is not None:
                    found.append(DateMention(*resolved, start, end, span.doc[start:end].text))
        found.sort(key=lambda m: m.start)
        days = [m.iso for m in found if m.precision == "day"]
        self.previous_day, self._sentence_day = self._sentence_day, (days[-1] if days else None)
        if days:
            self.last_day = days[-1]
        return found

    def _relative(
        self, span: Span, label: str, start: int, end: int, anchor: date
    ) -> tuple[str, str] | None:
        doc = span.doc
        tokens = [t for t in doc[start:end] if t.text != ","]
        words = [t.lower_ for t in tokens]
        if label == "DATE_THAT_DAY":
            return (self.last_day, "day") if self.last_day else None
        if label == "DATE_TODAY":
            today = anchor - timedelta(days=1 if words[0] == "yesterday" else 0)
            return today.isoformat(), "day"
        direction = _direction(span, start, end)
        if label == "DATE_REL":
            return _period(words, anchor)
        if label == "DATE_WEEKDAY":
            return _weekday_date(anchor, WEEKDAYS.index(words[0]), direction).isoformat(), "day"
        month = next((MONTHS[w] for w in words if w in MONTHS), None)
        if month is None:
            return None
        day = next((int(t.text) for t in tokens if t.text.isdigit()), None)
        if label == "DATE_IN_MONTH":
            day = _day_after(span, end)
        year = _year_after(span, end, anchor)
        if year is not None:  # "in September last year", "in March of next year"
            try:
                stated = date(year, month, day or 1)
            except ValueError:
                return None
            return stated.isoformat(), "day" if day else "month"
        if day is None:
            return _month_date(anchor, month, direction).isoformat(), "month"
        when = _day_date(anchor, month, day, direction)
        return (when.isoformat(), "day") if when else None


_YEAR_STEP = {"last": -1, "previous": -1, "this": 0, "next": 1}


def _not_a_date(span: Span, label: str, start: int, months: set[int]) -> bool:
    """A relative period that names no date of its own: the year of a month phrase right
    before it ("in December last year": :func:`_year_after` already read it), or a span of
    time with the article "the" ("over the next year", "in the past month": a duration)."""
    if label != "DATE_REL":
        return False
    doc = span.doc
    before = doc[start - 1].lower_ if start > span.start else ""
    if before == "of" and start - 1 > span.start:  # "in March of next year"
        return (start - 1) in months
    return start in months or before == "the"


def _year_after(span: Span, end: int, anchor: date) -> int | None:
    """The year a relative phrase right after a month names: "September last year" (the
    year before publication), "March of next year", "June this year"."""
    doc = span.doc
    words = [t.lower_ for t in doc[end : min(end + 3, span.end)]]
    if words[:1] == ["of"]:
        words = words[1:]
    if len(words) >= 2 and words[0] in _YEAR_STEP and words[1] == "year":
        return anchor.year + _YEAR_STEP[words[0]]
    return None


def _period(words: list[str], anchor: date) -> tuple[str, str] | None:
    unit = words[-1]
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(words[0], 0)
    if unit == "week":
        return None  # "last week": the day is not stated
    if unit == "year":
        return f"{anchor.year + step}-01-01", "year"
    month = anchor.month + step
    year = anchor.year + (month - 1) // 12
    return f"{year}-{(month - 1) % 12 + 1:02d}-01", "month"


def _relative_matches(
    matches: list[tuple[str, int, int]], taken: list[tuple[int, int]]
) -> list[tuple[str, int, int]]:
    """Relative date phrases outside the absolute ones; of two overlapping phrases the
    one that names a day wins ("from Feb. 10" is Feb. 10, not February)."""
    priority = {
        "DATE_MD": 0,
        "DATE_THAT_DAY": 1,
        "DATE_REL": 1,
        "DATE_WEEKDAY": 2,
        "DATE_TODAY": 2,
        "DATE_IN_MONTH": 3,
    }
    chosen: list[tuple[str, int, int]] = []
    ordered = sorted(
        (m for m in matches if m[0] in priority), key=lambda m: (priority[m[0]], m[1], -m[2])
    )
    for match in ordered:
        spans = taken + [(c[1], c[2]) for c in chosen]
        if all(match[2] <= s or match[1] >= e for s, e in spans):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m[1])


def _attachment(token: Token, limit: int = 6) -> list[int]:
    """Token ``token`` and the heads above it (indices), nearest first."""
    chain = [token.i]
    current = token
    for _ in range(limit):
        if current.head == current:
            break
        current = current.head
        chain.append(current.i)
    return chain


def _clause_heads(token: Token, limit: int = 6) -> list[int]:
    """The heads above a date phrase up to the verb of its clause ("in 2010" -> "dispute"
    -> "during" -> "halted")."""
    heads = []
    for i in _attachment(token, limit)[1:]:
        heads.append(i)
        if token.doc[i].pos_ in ("VERB", "AUX"):
            break
    return heads


def _reporting(verb: Token) -> bool:
    return verb.lemma_.lower() in _REPORTING and verb.dep_ in ("advcl", "parataxis", "conj")


def _clause_of_noun(verb: Token, trigger: Token, path: list[int]) -> int | None:
    """The depth of a relative or participial clause ``verb`` that describes the trigger's
    noun phrase (a finite or participial clause, not an infinitive): one below the trigger
    when the noun it modifies is in the trigger's phrase ("a ban on shipments that has
    been …"), or one below the path node its preposition hangs on ("a partnership on
    minerals, signed in …"); else None."""
    if verb.dep_ not in ("relcl", "acl") or verb.head.pos_ in ("VERB", "AUX"):
        return None
    if verb.tag_ == "VB":  # "a waiver to take delivery in 2027": what is asked, not when
        return None
    noun = verb.head
    if trigger.left_edge.i <= noun.i <= trigger.right_edge.i and trigger.pos_ != "VERB":
        return path.index(trigger.i) + 1
    if noun.dep_ == "pobj" and noun.head.head.i in path:
        return path.index(noun.head.head.i) + 1
    return None


def date_for(
    trigger: Token, found: list[DateMention], attached_only: bool = False
) -> DateMention | None:
    """The date an event triggered at ``trigger`` takes: the one attached lowest on the
    trigger's path to the root (its own clause first), else the nearest in the sentence
    (none with ``attached_only``)."""
    if not found:
        return None
    doc = trigger.doc
    path = _attachment(trigger)
    best: tuple[int, int, int] | None = None
    chosen = None
    for mention in found:
        heads = _clause_heads(doc[mention.start])
        depth = next((path.index(h) for h in heads if h in path), None)
        aside = 0
        if depth is None and heads and _reporting(doc[heads[-1]]):
            verb = doc[heads[-1]]  # "…, the minister said on Wednesday": the report's day
            depth = path.index(verb.head.i) + 1 if verb.head.i in path else None
        elif depth is None and heads:
            # "a partnership …, signed in November 2022", "a ban on shipments that has
            # been in force since 2022": the clause describes the event itself; the
            # event's own clause (at the same depth) still comes first
            depth, aside = _clause_of_noun(doc[heads[-1]], trigger, path), 1
        if depth is None:
            continue
        key = (depth, aside, abs(mention.start - trigger.i))
        if best is None or key < best:
            best, chosen = key, mention
    if chosen is not None or attached_only:
        return chosen
    return min(found, key=lambda d: abs(d.start - trigger.i))


_MEASURES = ("Sanction", "Tariff", "ExportControl", "ImportBan", "SupportMeasure")
_GATHERINGS = ("Proposal", "Meeting", "Agreement")


def story_dates(
    frames: list[Frame], found: list[DateMention], timeline: Timeline, doc: Doc
) -> None:
    """Dates for the sentence's undated events: a proposal's own clause date ("offered …
    earlier this year"); else, in a sentence that names no date, the day the previous
    sentence named (the story's day: "…said on Wednesday. KfW will acquire a stake…")."""
    for frame in frames:
        if frame.anchor < 0 or frame.type not in (*_MEASURES, *_GATHERINGS):
            continue
        key = "startDate" if frame.type in _MEASURES else "date"
        if frame.properties.get(key):
            continue
        when = None
        if frame.type == "Proposal" and found:
            when = date_for(doc[frame.anchor], found, attached_only=True)
        if when is not None:
            frame.properties[key] = [when.iso]
            frame.properties["datePrecision"] = [when.precision]
        elif not found and timeline.previous_day:
            frame.properties[key] = [timeline.previous_day]
            frame.properties["datePrecision"] = ["day"]
