"""Event dates resolved against the article's date (Wednesday 18 June 2025 here): the
preposition and the clause's tense give the direction, relative phrases keep their
precision, the trigger's own clause gives the date, a lead event takes the story's day.
Invented sentences, one class per row; none copied from the dev set."""

from __future__ import annotations

from functools import cache

import pytest

from kg.corpus.review import Candidate, ReviewFile
from kg.extract.gazetteer import load_registry
from kg.extract.pipeline import Extractor, extract_article, make_extractor
from tests.support.paths import REPO

ARTICLE_DATE = "2025-06-18"  # a Wednesday


@cache
def extractor() -> Extractor:
    return make_extractor(load_registry(REPO / "corpus" / "entities.ttl"))


def extract(body: str, first_line: str = "Invented headline for a test") -> ReviewFile:
    ex = extractor()
    text = f"{first_line}\n\n{body}\n"
    return extract_article(text, ex.registry, "t", ex, article_date=ARTICLE_DATE)


def dated(review: ReviewFile, kind: str) -> Candidate:
    found = [c for c in review.candidates if c.type == kind]
    assert found, f"no {kind}: {[c.type for c in review.candidates]}"
    return found[0]


def date_of(candidate: Candidate) -> tuple[str | None, str | None]:
    props = candidate.properties
    value = (props.get("startDate") or props.get("date") or [None])[0]
    return value, (props.get("datePrecision") or [None])[0]


# body, event type, (ISO date, precision)
DATES = [
    # a start date ahead of publication is resolved forward, not into last year
    (
        "Peru said on Monday that exporters of copper concentrate will need licences from Sept. 1.",
        "ExportControl",
        ("2025-09-01", "day"),
    ),
    (
        "Chile imposed a 12% tariff on Chinese graphite starting in August.",
        "Tariff",
        ("2025-08-01", "month"),
    ),
    # "from <month> <day>" names the day, not the month
    (
        "Canada said it would impose a 20% tariff on Chinese graphite from July 9.",
        "Tariff",
        ("2025-07-09", "day"),
    ),
    # the date of the trigger's own clause wins over the letter's date
    (
        "Australia said in a statement on Monday that its 15% tariff on Chinese graphite"
        " would apply from October 1.",
        "Tariff",
        ("2025-10-01", "day"),
    ),
    # past narration looks back: "in December" is last December
    (
        "Japan signed a lithium supply agreement with Argentina in December.",
        "Agreement",
        ("2024-12-01", "month"),
    ),
    (
        "Japan signed a lithium supply agreement with Argentina last month.",
        "Agreement",
        ("2025-05-01", "month"),
    ),
    (
        "Japan signed a lithium supply agreement with Argentina in 2022.",
        "Agreement",
        ("2022-01-01", "year"),
    ),
    (
        "Japan signed a lithium supply agreement with Argentina in March 2024.",
        "Agreement",
        ("2024-03-01", "month"),
    ),
    (
        "Canada imposed a 20% tariff on Chinese graphite last year.",
        "Tariff",
        ("2024-01-01", "year"),
    ),
    (
        "Canada imposed a 20% tariff on Chinese graphite earlier this year.",
        "Tariff",
        ("2025-01-01", "year"),
    ),
    (
        "Canada will impose a 20% tariff on Chinese graphite next year.",
        "Tariff",
        ("2026-01-01", "year"),
    ),
    # a weekday: the last one before publication; a future clause: the next one
    (
        "Japan and Argentina signed a lithium agreement on Tuesday.",
        "Agreement",
        ("2025-06-17", "day"),
    ),
    # a subordinate clause keeps its own date, not the main clause's
    (
        "Korea has kept a stockpile of rare metals since 1990 and, after China banned exports"
        " of gallium to Korea in 2023, bought more.",
        "ExportControl",
        ("2023-01-01", "year"),
    ),
    # "that day": the day the article named last
    (
        "Japan and Argentina signed a lithium agreement on Monday. Canada imposed a 20% tariff"
        " on Chinese graphite that day.",
        "Tariff",
        ("2025-06-16", "day"),
    ),
    # the report's day: "…, the minister said on Tuesday"
    (
        "Indonesia has offered the United States a stake in its nickel smelters in exchange"
        " for lower tariffs, Energy Minister Bahlil Lahadalia said on Tuesday after talks in"
        " Washington.",
        "Proposal",
        ("2025-06-17", "day"),
    ),
    # a month with a relative year: "in May last year" is the May of the year before
    (
        "Japan and Argentina signed a lithium agreement in May last year.",
        "Agreement",
        ("2024-05-01", "month"),
    ),
    (
        "Canada will impose a 20% tariff on Chinese graphite from March 3 of next year.",
        "Tariff",
        ("2026-03-03", "day"),
    ),
    # a scheduling verb in the simple present looks ahead: the next January 1, not the last
    (
        "A Canadian ban on exports of graphite concentrate takes effect on January 1.",
        "ExportControl",
        ("2026-01-01", "day"),
    ),
    # the story's day: the sentence after a dated report
    (
        "Japan and Argentina signed a lithium agreement on Monday. Canada will also impose a"
        " 20% tariff on Chinese graphite.",
        "Tariff",
        ("2025-06-16", "day"),
    ),
]


@pytest.mark.parametrize(("body", "kind", "want"), DATES)
def test_event_dates(body: str, kind: str, want: tuple[str, str]) -> None:
    assert date_of(dated(extract(body), kind)) == want


def test_a_dateline_is_not_the_event_date() -> None:
    """ "LIMA, June 18 (Reuters) - …" is the filing date; "on Monday" is the event's."""
    body = "LIMA, June 18 (Reuters) - Peru imposed a 20% tariff on Chinese steel on Monday."
    assert date_of(dated(extract(body), "Tariff")) == ("2025-06-16", "day")


def test_last_week_stays_undated() -> None:
    review = extract("Canada imposed a 20% tariff on Chinese graphite last week.")
    assert date_of(dated(review, "Tariff")) == (None, None)


def test_a_document_number_is_no_date() -> None:
    review = extract("China imposed export controls on gallium in Announcement No. 46 of 2024.")
    assert date_of(dated(review, "ExportControl"))[0] != "2024-01-01"
