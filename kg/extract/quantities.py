"""Quantities with units, percentages and dates in a sentence (spaCy ``Matcher`` rules).

``3.8 million tons`` -> 3800000 t; ``90%`` -> 90 %; ``2 million tons a year`` -> 2000000
t/yr; ``$110 per kilogram`` -> 110 USD/kg; ``28 million`` -> 28000000 (no unit);
``170 billion won`` -> 170000000000 KRW; ``Rs 16,300 crore`` -> 163000000000 INR
(``MONEY_UNITS``: every unit that is money).
Bare numbers without a unit, scale word or currency (years, "F-35", "iPhone 17") are not
quantities. Dates: ``28 February 2025`` / ``February 28, 2025`` (day), ``March 2025``
(month), ``early 2026`` / ``2023`` (year).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import pycountry

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Span, Token

SCALES = {
    "thousand": Decimal(1_000),
    "million": Decimal(1_000_000),
    "mln": Decimal(1_000_000),
    "billion": Decimal(1_000_000_000),
    "bn": Decimal(1_000_000_000),
    "trillion": Decimal(1_000_000_000_000),
    # the Indian numbering system: "Rs 16,300 crore", "5 lakh tonnes"
    "lakh": Decimal(100_000),
    "lakhs": Decimal(100_000),
    "crore": Decimal(10_000_000),
    "crores": Decimal(10_000_000),
}
UNITS = {
    "tons": "t",
    "ton": "t",
    "tonnes": "t",
    "tonne": "t",
    "t": "t",
    "kilograms": "kg",
    "kilogram": "kg",
    "kg": "kg",
    "pounds": "lb",
    "ounces": "oz",
    "barrels": "bbl",
    "%": "%",
    "percent": "%",
    "dollars": "USD",
    "euros": "EUR",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "rupees": "INR",
    "rupee": "INR",
    # a currency written after the number ("170 billion won"): the names of the currencies
    # of the countries the corpus covers; "won" and "rand" only after a scale word or a
    # number (the parser reads "won" as a verb otherwise, see :func:`quantities`)
    "won": "KRW",
    "ringgit": "MYR",
    "rand": "ZAR",
    "reais": "BRL",
    "rubles": "RUB",
    "roubles": "RUB",
    "francs": "CHF",
}
# "40 million US dollars", "300 million Australian dollars": a written-out currency's country
DOLLAR_QUALIFIERS = {
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
    "australian": "AUD",
    "canadian": "CAD",
}
CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "₩": "KRW",
    "r$": "BRL",
}
# ISO 4217 codes written before the amount ("OMR 23 million", "EUR 140 million", "SEK 380
# million"): the published list, without its precious metals, funds and test codes (X…)
# except the CFA and Pacific francs and the East Caribbean dollar
ISO_CURRENCIES = frozenset(
    c.alpha_3
    for c in pycountry.currencies
    if not c.alpha_3.startswith("X") or c.alpha_3 in ("XAF", "XOF", "XPF", "XCD")
)
# every unit that is money (a support measure's amount, never a share or a tonnage)
MONEY_UNITS = (
    ISO_CURRENCIES
    | frozenset(CURRENCIES.values())
    | frozenset(u for u in UNITS.values() if u.isupper() and len(u) == 3)
    | frozenset(DOLLAR_QUALIFIERS.values())
)
# currency names that are also common words: money only after a scale word ("20 billion won")
_AMBIGUOUS_CURRENCIES = frozenset(("won", "rand"))
PER_UNITS = {"kilogram": "kg", "kg": "kg", "ton": "t", "tonne": "t", "pound": "lb", "year": "yr"}
WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "dozen": 12,
    "twenty": 20,
    "hundred": 100,
}
# fraction words as shares: "two-thirds of", "about half the world's", "a fifth of" (the
# English fraction names, a closed class; read as a percentage of what follows)
FRACTIONS = {
    "half": Decimal(1) / 2,
    "halves": Decimal(1) / 2,
    "third": Decimal(1) / 3,
    "thirds": Decimal(1) / 3,
    "quarter": Decimal(1) / 4,
    "quarters": Decimal(1) / 4,
    "fifth": Decimal(1) / 5,
    "fifths": Decimal(1) / 5,
}
_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
# what a share is "of" ("half of", "half the", "a third of its"): not "half an hour"
_OF_WHAT = ("of", "the", "its", "their", "all")
_WORLD = {"world", "world's", "global", "worldwide"}
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES.split(" "))}
MONTHS.update(
    {m[:3] + ".": n for m, n in list(MONTHS.items()) if len(m) > 3}
    | {"sept.": 9, "sep.": 9, "jan": 1, "feb": 2, "aug": 8, "oct": 10, "nov": 11, "dec": 12}
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DOC_WORDS = {
    "no.",
    "no",
    "number",
    "order",
    "decree",
    "resolution",
    "announcement",
    "regulation",
    "directive",
    "act",
    "law",
    "notice",
    "circular",
}
YEAR = {"SHAPE": "dddd", "TEXT": {"REGEX": r"^(19|20)\d\d$"}}


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str | None
    start: int  # token index in the Doc
    end: int
    text: str

    @property
    def decimal(self) -> str:
        """The value as an ``xsd:decimal`` lexical form without exponent (``3800000``)."""
        text = format(self.value.normalize(), "f")
        return text


@dataclass(frozen=True)
class DateMention:
    iso: str
    precision: str
    start: int
    end: int
    text: str


def _number(text: str) -> Decimal | None:
    cleaned = text.replace(",", "").lower()
    if cleaned in WORD_NUMBERS:
        return Decimal(WORD_NUMBERS[cleaned])
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def add_quantity_patterns(matcher: Matcher) -> None:
    num: dict[str, Any] = {"LIKE_NUM": True}
    cur: dict[str, Any] = {"LOWER": {"IN": list(CURRENCIES)}, "OP": "?"}
    scale: dict[str, Any] = {"LOWER": {"IN": list(SCALES)}, "OP": "?"}
    metric: dict[str, Any] = {"LOWER": {"IN": ["metric", "short"]}, "OP": "?"}
    unit: dict[str, Any] = {"LOWER": {"IN": list(UNITS)}, "OP": "?"}
    per: dict[str, Any] = {"LOWER": {"IN": ["per", "a", "an", "each"]}}
    per_unit: dict[str, Any] = {"LOWER": {"IN": list(PER_UNITS)}}
    dollars: dict[str, Any] = {"LOWER": {"IN": ["dollars", "dollar"]}}
    qualifier: dict[str, Any] = {"LOWER": {"IN": list(DOLLAR_QUALIFIERS)}}
    iso: dict[str, Any] = {"TEXT": {"IN": sorted(ISO_CURRENCIES)}}
    matcher.add(
        "QUANTITY",
        [
            [cur, num, scale, metric, unit],
            [cur, num, scale, metric, unit, per, per_unit],
            [num, scale, qualifier, dollars],
            [iso, num, scale],
        ],
    )
    month: dict[str, Any] = {"LOWER": {"IN": list(MONTHS)}}
    day: dict[str, Any] = {"TEXT": {"REGEX": r"^([1-9]|[12]\d|3[01])$"}}
    year: dict[str, Any] = dict(YEAR)
    comma: dict[str, Any] = {"ORTH": ",", "OP": "?"}
    matcher.add("DATE_DAY", [[day, month, year], [month, day, comma, year]])
    matcher.add("DATE_MONTH", [[month, year]])
    matcher.add("DATE_YEAR", [[{"LOWER": {"IN": ["early", "mid", "late"]}, "OP": "?"}, year]])
    # relative to the article's date: "on Feb. 24", "on Wednesday", "in January", "today"
    matcher.add("DATE_MD", [[month, day], [day, month]])
    matcher.add("DATE_WEEKDAY", [[{"LOWER": {"IN": list(WEEKDAYS)}}]])
    matcher.add("DATE_IN_MONTH", [[{"LOWER": {"IN": ["in", "since", "from", "until"]}}, month]])
    matcher.add("DATE_TODAY", [[{"LOWER": {"IN": ["today", "yesterday"]}}]])
    numerator: dict[str, Any] = {"LOWER": {"IN": list(_NUMERATORS)}, "OP": "?"}
    hyphen: dict[str, Any] = {"ORTH": "-", "OP": "?"}
    fraction: dict[str, Any] = {"LOWER": {"IN": list(FRACTIONS)}}
    matcher.add("FRACTION", [[numerator, hyphen, fraction, {"LOWER": {"IN": list(_OF_WHAT)}}]])


def quantities(span: Span, matches: list[tuple[str, int, int]]) -> list[Quantity]:
    """Quantities among ``matches`` (label, start, end) that lie in ``span``."""
    doc = span.doc
    found: list[Quantity] = []
    for _label, start, end in _longest(matches, ("QUANTITY",)):
        tokens = list(doc[start:end])
        currency = CURRENCIES.get(tokens[0].lower_)
        if currency is None and tokens[0].text in ISO_CURRENCIES and len(tokens) > 1:
            currency = tokens[0].text  # "OMR 23 million"
        if currency:
            tokens = tokens[1:]
        value = _number(tokens[0].text)
        if value is None:
            continue
        rest = [t.lower_ for t in tokens[1:]]
        factor = next((SCALES[w] for w in rest if w in SCALES), Decimal(1))
        unit = next((UNITS[w] for w in rest if w in UNITS), None)
        if unit == "USD":  # "40 million Australian dollars"
            unit = next((DOLLAR_QUALIFIERS[w] for w in rest if w in DOLLAR_QUALIFIERS), unit)
        per = next((PER_UNITS[w] for w in rest if w in PER_UNITS), None)
        if currency:
            unit = currency
        if factor == 1 and any(w in _AMBIGUOUS_CURRENCIES for w in rest):
            continue  # "in 2019 won", "the 3 rand": a bare number before a common word
        if unit is None and factor == 1:
            continue  # a bare number: a year, a model number, a count of things
        if per:
            unit = f"{unit}/{per}" if unit else None
        elif unit == "t" and _annual(span, end):
            unit = "t/yr"
        found.append(Quantity(value * factor, unit, start, end, doc[start:end].text))
    taken = {i for q in found for i in range(q.start, q.end)}
    for _label, start, end in _longest(matches, ("FRACTION",)):
        share = _fraction(doc[start : end - 1])
        # a share of the world's total only ("two-thirds of the world's vanadium"): "a third
        # of their output", "risen by about a third" are not shares of a market
        world = {t.lower_ for t in doc[end - 1 : min(end + 5, span.end)]} & _WORLD
        if share is not None and world and not taken & set(range(start, end)):
            found.append(Quantity(share, "%", start, end - 1, doc[start : end - 1].text))
    return sorted(found, key=lambda q: q.start)


def _fraction(tokens: Span) -> Decimal | None:
    """ "two-thirds" -> 66.7, "a fifth" -> 20, "half" -> 50 (percent); None for an ordinal
    ("the first half of 2025", "a third round": "third" then names a place in a series)."""
    words = [t.lower_ for t in tokens if t.text != "-"]
    head = words[-1]
    count = _NUMERATORS.get(words[0], 0) if len(words) > 1 else 1
    if head != "half" and len(words) == 1:
        return None  # a bare "third of" is an ordinal's tail ("the third of five")
    if count == 0 or (head.endswith("s") and head != "halves" and count < 2):
        return None
    before = tokens[0].nbor(-1).lower_ if tokens[0].i > tokens[0].sent.start else ""
    if before in ("first", "second", "last", "latter", "former", "next"):
        return None
    return (FRACTIONS[head] * count * 100).quantize(Decimal("0.1"))


def _annual(span: Span, after: int) -> bool:
    words = [t.lower_ for t in span.doc[after : span.end]]
    return "annually" in words or "yearly" in words or "year" in words[:3]


_LABELS = (
    "DATE_DAY",
    "DATE_MONTH",
    "DATE_YEAR",
    "DATE_MD",
    "DATE_WEEKDAY",
    "DATE_IN_MONTH",
    "DATE_TODAY",
)


def _is_document_number(span: Span, start: int) -> bool:
    """ "Announcement No. 18 of 2025", "Executive Order 14017": a number, not a date."""
    doc = span.doc
    before = [doc[j].lower_ for j in range(max(span.start, start - 4), start)]
    return bool(before) and (
        before[-1] in _DOC_WORDS
        or (before[-1] == "of" and any(w in _DOC_WORDS for w in before[:-1]))
    )


def _relative(label: str, tokens: list[Token], anchor: date) -> tuple[str, str] | None:
    words = [t.lower_ for t in tokens]
    if label == "DATE_TODAY":
        day = anchor - timedelta(days=1 if words[0] == "yesterday" else 0)
        return day.isoformat(), "day"
    if label == "DATE_WEEKDAY":  # the last such weekday on or before the article's date
        back = (anchor.weekday() - WEEKDAYS.index(words[0])) % 7
        return (anchor - timedelta(days=back)).isoformat(), "day"
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    if month is None:
        return None
    if label == "DATE_IN_MONTH":  # the last such month on or before the article's month
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return f"{year}-{month:02d}-01", "month"
    number = next((t.text for t in tokens if t.like_num), None)
    if number is None or not number.isdigit() or not 1 <= int(number) <= 31:
        return None
    try:
        when = date(anchor.year, month, int(number))
    except ValueError:
        return None
    if (when - anchor).days > 183:  # "on Dec. 3" in a January article: last December
        when = when.replace(year=anchor.year - 1)
    return when.isoformat(), "day"


def dates(
    span: Span, matches: list[tuple[str, int, int]], article_date: str | None = None
) -> list[DateMention]:
    """Dates of a sentence; relative ones ("on Friday", "in January", "on Feb. 24")
    resolved against ``article_date`` (ISO), or left out without it."""
    doc = span.doc
    anchor = None
    if article_date:
        try:
            anchor = date.fromisoformat(article_date[:10])
        except ValueError:
            anchor = None
    found: list[DateMention] = []
    absolute = _longest(matches, _LABELS[:3])  # "in January 2020" is a month, not "in January"
    relative = [
        m
        for m in _longest(matches, _LABELS[3:])
        if all(m[2] <= a[1] or m[1] >= a[2] for a in absolute)
    ]
    for label, start, end in sorted(absolute + relative, key=lambda m: m[1]):
        tokens = [t for t in doc[start:end] if t.text != ","]
        if label in ("DATE_MD", "DATE_WEEKDAY", "DATE_IN_MONTH", "DATE_TODAY"):
            resolved = _relative(label, tokens, anchor) if anchor else None
            if resolved is not None:
                found.append(DateMention(*resolved, start, end, doc[start:end].text))
            continue
        if _is_document_number(span, start):
            continue
        year = next(t.text for t in tokens if t.shape_ == "dddd")
        month = next((MONTHS[t.lower_] for t in tokens if t.lower_ in MONTHS), None)
        day = next((t.text for t in tokens if t.shape_ != "dddd" and t.like_num), None)
        if label == "DATE_DAY" and month and day:
            iso, precision = f"{year}-{month:02d}-{int(day):02d}", "day"
        elif label == "DATE_MONTH" and month:
            iso, precision = f"{year}-{month:02d}-01", "month"
        else:
            iso, precision = f"{year}-01-01", "year"
        found.append(DateMention(iso, precision, start, end, doc[start:end].text))
    return found


def _longest(
    matches: list[tuple[str, int, int]], labels: tuple[str, ...]
) -> list[tuple[str, int, int]]:
    """Non-overlapping matches with the given labels, longest first, in text order."""
    chosen: list[tuple[str, int, int]] = []
    ordered = sorted((m for m in matches if m[0] in labels), key=lambda m: (-(m[2] - m[1]), m[1]))
    for match in ordered:
        if all(match[2] <= c[1] or match[1] >= c[2] for c in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m[1])
