"""Predicted conflicts of one article, the way the build makes them (kg.build.conflict_eval):
hand-made candidates -> resolution against the event registry -> shapes -> inference."""

from __future__ import annotations

import pytest

from kg.build.conflict_eval import ConflictPredictor, conflict_finder
from kg.corpus.review import Candidate, Evidence, Mention, ReviewFile
from kg.extract.evaluate import Gold, GoldConflict, score_conflicts
from tests.support.paths import REPO

REGISTRY = REPO / "corpus" / "entities.ttl"
EVENTS = REPO / "corpus" / "events.ttl"

OFFER = "Putin said Russia could supply aluminium to the United States if the duties went."
TARIFF = "Russian aluminium faces a 200% US tariff."
VAGUE = "The lifting of US sanctions can be straightforward."
PLANNED = "Washington is weighing a ban on Russian nickel."
NO_PROPOSER = "An offer of aluminium was made to the United States."
CURB = "The US restricts aluminium exports."
TEXT = " ".join([OFFER, TARIFF, VAGUE, PLANNED, NO_PROPOSER, CURB])


def event(
    cid: str, type_name: str, sentence: str, modality: str | None = None, **props: list[str]
) -> Candidate:
    start = TEXT.index(sentence)
    evidence = [Evidence(start, start + len(sentence), sentence)]
    return Candidate(cid, type_name, evidence, properties=dict(props), modality=modality)  # type: ignore[arg-type]


def review(*candidates: Candidate) -> ReviewFile:
    return ReviewFile("article-1", candidates=list(candidates))


@pytest.fixture(scope="module")
def predictor() -> ConflictPredictor:
    return ConflictPredictor(REGISTRY, EVENTS)


OFFER_EVENT = event(
    "proposal-1",
    "Proposal",
    OFFER,
    "hypothetical",
    proposedBy=["vladimir-putin"],
    proposedTo=["united-states"],
    concernsResource=["aluminium"],
)
TARIFF_EVENT = event(
    "tariff-1",
    "Tariff",
    TARIFF,
    imposedBy=["united-states"],
    targets=["russia"],
    coversResource=["aluminium"],
)


def test_seed_style_conflicts_are_predicted(predictor: ConflictPredictor) -> None:
    found = predictor.predict("article-1", TEXT, "2025-06-01", review(OFFER_EVENT, TARIFF_EVENT))
    assert {c.measure for c in found} == {"us-aluminium-duties-2023", "us-sanctions-on-russia"}
    for conflict in found:
        assert conflict.proposal_sentences == (OFFER,)
        assert conflict.scoped and conflict.asserted
    duties = next(c for c in found if c.measure == "us-aluminium-duties-2023")
    assert duties.measure_sentences == (TARIFF,)  # the article's report of the known tariff
    gold = Gold(
        "article-1",
        conflicts=[
            GoldConflict("Russia could supply aluminium", measure="a 200% US tariff"),
            GoldConflict("Russia could supply aluminium", known="us-sanctions-on-russia"),
        ],
    )
    score = score_conflicts(gold, found)
    assert (score.gold, score.found, score.matched) == (2, 2, 2)


@pytest.mark.parametrize(
    "measure",
    [
        # "the lifting of US sanctions can be straightforward": no target, no scope
        event("sanction-1", "Sanction", VAGUE, imposedBy=["united-states"]),
        # only planned
        event(
            "ban-1",
            "ImportBan",
            PLANNED,
            "planned",
            imposedBy=["united-states"],
            targets=["russia"],
            coversResource=["aluminium"],
        ),
    ],
)
def test_unscoped_or_unasserted_measures_take_no_part(
    predictor: ConflictPredictor, measure: Candidate
) -> None:
    found = predictor.predict("article-1", TEXT, "2025-06-01", review(OFFER_EVENT, measure))
    assert measure.id not in {c.measure for c in found}
    assert {c.measure for c in found} == {"us-aluminium-duties-2023", "us-sanctions-on-russia"}


def test_candidates_failing_the_shapes_are_left_out(predictor: ConflictPredictor) -> None:
    """As in `kg build`: a proposal without a proposer is set aside, so it conflicts with
    nothing, though its counterparty imposes an untargeted measure on its resource."""
    proposal = event(
        "proposal-2",
        "Proposal",
        NO_PROPOSER,
        proposedTo=["united-states"],
        concernsResource=["aluminium"],
    )
    curb = event(
        "curb-1", "ExportControl", CURB, imposedBy=["united-states"], coversResource=["aluminium"]
    )
    assert predictor.predict("article-1", TEXT, "2025-06-01", review(proposal, curb)) == []
    proposal.properties["proposedBy"] = ["russia"]
    found = predictor.predict("article-1", TEXT, "2025-06-01", review(proposal, curb))
    assert "curb-1" in {c.measure for c in found}  # with a proposer it takes part


def test_each_article_is_evaluated_alone(predictor: ConflictPredictor) -> None:
    """The registry's own proposals (not reported here) are not listed, and one article's
    graph does not stay in the store for the next one."""
    assert predictor.predict("article-1", TEXT, "2025-06-01", review(TARIFF_EVENT)) == []
    predictor.predict("article-2", TEXT, "2025-06-01", review(OFFER_EVENT))
    assert predictor.predict("article-3", TEXT, "2025-06-01", review(TARIFF_EVENT)) == []


def test_a_mention_the_registry_lacks_does_not_stop_it(predictor: ConflictPredictor) -> None:
    """Regression: the extractor may mention a new-entity slug; `kg eval` crashed on it."""
    with_mention = review(OFFER_EVENT)
    with_mention.mentions.append(Mention("trilogy-metals", 0, 5))
    found = predictor.predict("article-1", TEXT, "2025-06-01", with_mention)
    assert {c.measure for c in found} == {"us-aluminium-duties-2023", "us-sanctions-on-russia"}


def test_the_finder_builds_its_predictor_once(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []
    original = ConflictPredictor.__init__

    def counting(self: ConflictPredictor, *args: object) -> None:
        made.append(1)
        original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ConflictPredictor, "__init__", counting)
    find = conflict_finder(REGISTRY, EVENTS)
    assert made == []
    gold = Gold("article-1", date="2025-06-01", conflicts=[])
    for _ in range(2):
        assert find(gold, TEXT, review(TARIFF_EVENT)) == []
    assert made == [1]
