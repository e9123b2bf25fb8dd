"""`kg eval --explain`: every missed gold event gets one reason; `--fold` splits stably."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.corpus.review import Candidate, Evidence, ReviewFile
from kg.extract.evaluate import Gold, GoldEvent, in_fold
from kg.extract.explain import explain_article, format_breakdown
from tests.support.paths import REPO

SENTENCES = [(0, 50), (50, 100), (100, 150), (150, 200), (200, 250)]


def cand(cid: str, type_name: str, start: int, end: int, **props: list[str]) -> Candidate:
    return Candidate(
        cid, type_name, [Evidence(start, end, "x" * (end - start))], properties=dict(props)
    )


def test_each_miss_gets_one_reason() -> None:
    gold = Gold(
        "a",
        events=[
            GoldEvent("Sanction", [(5, 20)], "q0", {"imposedBy": ["uk"]}),  # nothing there
            GoldEvent("Tariff", [(55, 70)], "q1"),  # a Sanction there instead
            GoldEvent("Claim", [(105, 110)], "q2"),  # matched ...
            GoldEvent("Claim", [(112, 120)], "q3"),  # ... and the same candidate again
            GoldEvent("ExportControl", [(160, 170)], "q4", {"imposedBy": ["china"]}),
            GoldEvent("ExportControl", [(210, 220)], "q5", {"targets": ["japan"]}),
        ],
    )
    review = ReviewFile(
        "a",
        candidates=[
            cand("s", "Sanction", 50, 100),
            cand("c", "Claim", 100, 150),
            cand("e1", "ExportControl", 150, 200, imposedBy=["japan"]),
            cand("e2", "ExportControl", 200, 250),
        ],
    )
    out = explain_article(gold, review, SENTENCES)
    reasons = {m.event.quote: m.reason for m in out.misses}
    assert reasons == {
        "q0": "no candidate",
        "q1": "wrong type",
        "q3": "taken",
        "q4": "wrong filler",
        "q5": "role missing",
    }
    assert out.roles == {"imposedBy wrong": 1, "targets missing": 1}
    table = format_breakdown(out, listing=False)
    last = next(line for line in table.splitlines() if line.startswith("all "))
    assert last.split() == ["all", "1", "1", "1", "1", "1", "5"]


def test_matched_events_report_modality_and_date_apart() -> None:
    event = GoldEvent("Tariff", [(0, 10)], "q", modality="planned", date=("2025-01-02", "day"))
    gold = Gold("a", events=[event])
    review = ReviewFile("a", candidates=[cand("t", "Tariff", 0, 50, startDate=["2025-01-01"])])
    out = explain_article(gold, review, SENTENCES)
    assert not out.misses
    assert len(out.modality) == 1 and "asserted for planned" in out.modality[0]
    assert len(out.dates) == 1 and "2025-01-01 for 2025-01-02" in out.dates[0]


def test_folds_partition_the_articles() -> None:
    ids = [f"article-{n}" for n in range(60)]
    folds = [[a for a in ids if in_fold(a, (i, 3))] for i in range(3)]
    assert sorted(a for fold in folds for a in fold) == sorted(ids)
    assert all(folds)  # a stable hash spreads 60 ids over all three folds
    assert in_fold("article-1", None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fold", "3/3"], "--fold wants I/N"),
        (["--fold", "x"], "--fold wants I/N"),
        (["--explain"], "need --fixtures"),
    ],
)
def test_bad_options_are_one_line_errors(
    args: list[str], message: str, home: Path, runner: CliRunner
) -> None:
    registry = str(REPO / "corpus" / "entities.ttl")
    extra = [] if args == ["--explain"] else ["--fixtures", str(home)]
    result = runner.invoke(
        cli, ["--home", str(home), "eval", "--registry", registry, *args, *extra]
    )
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
