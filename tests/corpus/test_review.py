"""Review files: decisions survive re-extraction; `kg review` shows and records them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.corpus.review import (
    Candidate,
    Evidence,
    Mention,
    ReviewFile,
    Unlinked,
    load_review,
    merge_extraction,
    pending,
    record_decisions,
    save_review,
    set_status,
)
from kg.errors import InputError, NotFoundError
from tests.support.tiny_corpus import ARTICLE, snapshot, write_tiny_corpus


def _cand(
    cid: str, status: str = "candidate", origin: str = "extractor", **kw: object
) -> Candidate:
    evidence = [Evidence(0, 5, "Putin", sentence=0)]
    return Candidate(id=cid, type="Proposal", evidence=evidence, status=status, origin=origin, **kw)  # type: ignore[arg-type]


def _existing() -> ReviewFile:
    return ReviewFile(
        article="a1",
        extractor="cmkg-rules 0.1.0",
        candidates=[
            _cand("accepted-1", "accepted", label="curator fixed this label"),
            _cand("rejected-1", "rejected"),
            _cand("undecided-gone", confidence=0.3),
            _cand("undecided-stays", confidence=0.3, label="old label"),
            _cand("curator-1", origin="curator", label="hand-written", confidence=1.0),
        ],
        mentions=[Mention("old-entity", 0, 3)],
        unlinked=[Unlinked("Old Name", 4, 12, "Person")],
    )


def _fresh() -> ReviewFile:
    return ReviewFile(
        article="a1",
        extractor="cmkg-rules 0.2.0",
        candidates=[
            _cand("accepted-1", label="machine label"),
            _cand("rejected-1", label="machine label"),
            _cand("undecided-stays", confidence=0.7, label="new label"),
            _cand("brand-new", confidence=0.5),
        ],
        mentions=[Mention("vladimir-putin", 0, 5)],
        unlinked=[],
    )


def test_merge_keeps_decisions_and_curator_entries_exactly() -> None:
    existing = _existing()
    merged = merge_extraction(existing, _fresh())
    by_id = {c.id: c for c in merged.candidates}
    assert by_id["accepted-1"] == existing.candidates[0]
    assert by_id["accepted-1"].label == "curator fixed this label"
    assert by_id["rejected-1"].status == "rejected"
    assert by_id["curator-1"] == existing.candidates[4]


def test_merge_refreshes_and_drops_undecided_machine_candidates() -> None:
    merged = merge_extraction(_existing(), _fresh())
    by_id = {c.id: c for c in merged.candidates}
    assert by_id["undecided-stays"].label == "new label"
    assert by_id["undecided-stays"].confidence == 0.7
    assert "undecided-gone" not in by_id
    assert "brand-new" in by_id
    assert merged.mentions == [Mention("vladimir-putin", 0, 5)]
    assert merged.unlinked == []
    assert merged.extractor == "cmkg-rules 0.2.0"


def test_merge_is_idempotent_and_none_means_fresh() -> None:
    once = merge_extraction(_existing(), _fresh())
    twice = merge_extraction(once, _fresh())
    assert twice == once
    assert merge_extraction(None, _fresh()) == _fresh()


def test_merge_refuses_another_article() -> None:
    with pytest.raises(InputError, match="a1"):
        merge_extraction(_existing(), ReviewFile(article="other"))


def test_decisions_survive_save_merge_save_load(tmp_path: Path) -> None:
    path = tmp_path / "a1.yaml"
    save_review(path, _existing())
    assert load_review(path) == _existing()
    save_review(path, merge_extraction(load_review(path), _fresh()))
    reloaded = load_review(path)
    statuses = {c.id: c.status for c in reloaded.candidates}
    assert statuses["accepted-1"] == "accepted" and statuses["rejected-1"] == "rejected"
    assert [c.id for c in pending(reloaded)] == ["undecided-stays", "brand-new", "curator-1"]
    assert reloaded.candidates[0].evidence[0].sentence == 0
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files left behind"


def test_set_status_unknown_id_changes_nothing() -> None:
    review = _existing()
    with pytest.raises(NotFoundError, match="nope"):
        set_status(review, ["undecided-stays", "nope"], "accepted")
    assert review == _existing()


@pytest.fixture
def tiny_home(home: Path) -> Path:
    write_tiny_corpus(home)
    return home


def test_kg_review_lists_pending_and_counts(runner: CliRunner, tiny_home: Path) -> None:
    result = runner.invoke(cli, ["--home", str(tiny_home), "review"])
    assert result.exit_code == 0, result.output
    assert f"{ARTICLE}: 1 candidate, 1 accepted, 1 rejected" in result.output
    assert "sanction-00000002  Sanction  0.60" in result.output
    assert "The US Treasury imposed sanctions" in result.output
    assert "proposal-00000001" not in result.output  # decided: not pending


def test_kg_review_accept_records_decision(runner: CliRunner, tiny_home: Path) -> None:
    args = ["--home", str(tiny_home), "review", ARTICLE, "--accept", "sanction-00000002"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    review = load_review(tiny_home / "corpus" / "review" / f"{ARTICLE}.yaml")
    assert {c.id: c.status for c in review.candidates}["sanction-00000002"] == "accepted"
    assert f"{ARTICLE}: 0 candidate, 2 accepted, 1 rejected" in result.output


def test_kg_review_bad_id_changes_nothing(runner: CliRunner, tiny_home: Path) -> None:
    before = snapshot(tiny_home / "corpus")
    args = ["--home", str(tiny_home), "review", ARTICLE, "--accept", "sanction-00000002"]
    result = runner.invoke(cli, [*args, "--reject", "no-such-candidate"])
    assert result.exit_code == 3
    assert "no-such-candidate" in result.output
    assert snapshot(tiny_home / "corpus") == before


def test_kg_review_unknown_article(runner: CliRunner, tiny_home: Path) -> None:
    result = runner.invoke(cli, ["--home", str(tiny_home), "review", "nope"])
    assert result.exit_code == 3
    assert "no article 'nope'" in result.output


def _two_candidates() -> ReviewFile:
    evidence = [Evidence(0, 4, "text")]
    return ReviewFile(
        article="a",
        candidates=[Candidate("c1", "Proposal", evidence), Candidate("c2", "Claim", evidence)],
    )


@pytest.mark.parametrize(
    ("decisions", "error"),
    [
        ({"accepted": ["c1"], "rejected": ["c1"]}, InputError),  # one id, two decisions
        ({"accepted": ["c1", "nope"]}, NotFoundError),  # unknown id
        ({"maybe": ["c1"]}, InputError),  # unknown status
    ],
)
def test_record_decisions_refuses_and_changes_nothing(
    decisions: dict[str, list[str]], error: type[Exception]
) -> None:
    review = _two_candidates()
    with pytest.raises(error):
        record_decisions(review, decisions)
    assert [c.status for c in review.candidates] == ["candidate", "candidate"]


def test_record_decisions_counts_what_it_recorded() -> None:
    review = _two_candidates()
    assert record_decisions(review, {"accepted": ["c1"], "rejected": ["c2"], "candidate": []}) == 2
    assert [c.status for c in review.candidates] == ["accepted", "rejected"]
