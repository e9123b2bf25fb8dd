"""Dates from clauses around the trigger and periods that are no date (article date
Wednesday 18 June 2025). Invented sentences, one class per row; none copied from the dev
set."""

from __future__ import annotations

import pytest

from kg.extract.dates import _not_a_date
from tests.extract.test_dates import date_of, dated, extract, extractor

# body, event type, (date, precision)
CLAUSE_DATES = [
    # a relative clause of the trigger's phrase says since when the measure is in force
    (
        "Chile will stop exports of lithium concentrate from January 2028, Mines Minister "
        "Ana Soto said on Wednesday, tightening a ban on raw lithium ore shipments that has "
        "been in force since December 2021.",
        "ExportControl",
        ("2021-12-01", "month"),
    ),
    # a participle clause hanging on the trigger's phrase dates the agreement
    (
        "Brazil values its strategic partnership with Japan on critical minerals, signed in "
        "November 2021, and looks forward to the next roadmap.",
        "Agreement",
        ("2021-11-01", "month"),
    ),
    # "in December last year": the month with its year, not the bare year
    (
        "Since August 2021, Jakarta has required permits for exports of nickel and cobalt, "
        "and in December last year it banned shipments of both metals to Japan outright.",
        "ExportControl",
        ("2024-12-01", "month"),
    ),
]


@pytest.mark.parametrize(("body", "kind", "want"), CLAUSE_DATES)
def test_clause_dates(body: str, kind: str, want: tuple[str, str]) -> None:
    review = extract(body)
    dated(review, kind)  # one is found
    assert want in [date_of(c) for c in review.candidates if c.type == kind]


def test_the_event_clause_outranks_a_relative_clause() -> None:
    body = "The ban, which Beijing announced in December, takes effect on March 1."
    found = [c for c in extract(body).candidates if c.type == "ExportControl"]
    for c in found:  # the date it takes effect, not the day it was announced
        assert date_of(c)[0] != "2024-12-01"


def test_an_infinitive_of_the_trigger_is_what_is_asked_not_when() -> None:
    body = (
        "Great Lakes Power has applied to the Department of Energy for a waiver to take "
        "delivery of enriched uranium from Tenex in 2027."
    )
    for c in extract(body).candidates:
        if c.type == "Proposal":
            assert date_of(c)[0] != "2027-01-01"


# a relative period with "the" is a span of time; without it, a date
PERIODS = [
    ("The fund will pay grants over the next year.", True),
    ("Prices have doubled in the past year.", True),
    ("The fund paid grants last year.", False),
    ("The ministry will publish rules next month.", False),
]


@pytest.mark.parametrize(("sentence", "span"), PERIODS)
def test_a_span_of_time_is_no_date(sentence: str, span: bool) -> None:
    doc = extractor().nlp(sentence)
    start = next(t.i for t in doc if t.lower_ in ("next", "past", "last"))
    assert _not_a_date(doc[:], "DATE_REL", start, set()) is span
