"""What the extractor must not emit: one parametrised table per precision rule.

Every sentence is invented for the test (none is copied from the dev set). Each article
is a headline line plus a body (headlines give no events); where a rule reads context, an
earlier sentence of the body sets it.
"""

from __future__ import annotations

import pytest

from tests.extract.test_event_roles import extract, of_type

# body, claim kind that must not be emitted
NO_RANK = [
    # "some of / one of / among the largest" ranks nothing
    ("Peru is among the largest holders of copper reserves, officials said.",),
    ("Peru holds one of the largest copper reserves, officials said.",),
]


@pytest.mark.parametrize(("body",), NO_RANK)
def test_no_rank_claim_without_its_own_rank(body: str) -> None:
    kinds = [c.properties.get("claimKind") for c in of_type(extract(body), "Claim")]
    assert ["reserves-rank"] not in kinds


# body: a speaker who talks about reliance is not the dependent party
NO_PERSON_DEPENDENT = [
    '"We cannot rely on China for graphite," Energy Minister Tomas Ruelas told reporters.',
]


@pytest.mark.parametrize("body", NO_PERSON_DEPENDENT)
def test_a_person_is_not_a_dependent(body: str) -> None:
    review = extract(body)
    people = {c.slug for c in review.candidates if c.type == "Person"}
    people |= {"donald-trump", "vladimir-putin"}
    for c in of_type(review, "Dependency"):
        assert not set(c.properties["dependent"]) & people


# body, measure type: a measure that names only its imposer is not stated
NO_CONTENT_FREE_MEASURE = [
    ("Backers of the Chilean ban had cited that policy as a model.", "ExportControl"),
    (
        "Exporters have worried since Beijing began restricting exports of several goods.",
        "ExportControl",
    ),
]
# body, measure type: the same with what it covers, or enacted by a verb, is kept
STATED_MEASURE = [
    ("Beijing began restricting exports of gallium in 2023.", "ExportControl"),
    ("Chile announced restrictions on exports of advanced drilling equipment.", "ExportControl"),
    ("Under the sanctions imposed by Canada that week, more ships were listed.", "Sanction"),
]


@pytest.mark.parametrize(("body", "kind"), NO_CONTENT_FREE_MEASURE)
def test_a_measure_naming_only_its_imposer_is_not_extracted(body: str, kind: str) -> None:
    assert of_type(extract(body), kind) == []


@pytest.mark.parametrize(("body", "kind"), STATED_MEASURE)
def test_a_measure_with_content_is_kept(body: str, kind: str) -> None:
    assert len(of_type(extract(body), kind)) == 1


# body: a definite subject of another kind does not resolve to the group named last
NO_MISMATCHED_PROPOSER = [
    "Lynas Rare Earths expanded its plant. "
    "The government will also invite private companies to bid for new permits.",
    "Lynas Rare Earths expanded its plant. The ministry proposed new permits for the salt flats.",
]


@pytest.mark.parametrize("body", NO_MISMATCHED_PROPOSER)
def test_a_state_noun_is_not_the_company_named_last(body: str) -> None:
    for c in of_type(extract(body), "Proposal"):
        assert "lynas-rare-earths" not in c.properties.get("proposedBy", [])
