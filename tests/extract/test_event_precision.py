"""What the extractor must not emit: one parametrised table per precision rule.

Every sentence is invented for the test (none is copied from the dev set). Each article
is a headline line plus a body; the body's earlier sentences set the article's context
(which country it is plainly about) so that the rule is tested, not a lucky default.
"""

from __future__ import annotations

import pytest

from tests.extract.test_event_roles import extract, of_type

US_STORY = (
    "The United States and the United States Treasury said on Monday that the United "
    "States would buy more cobalt. Washington and the United States want supply. "
)

# body, person, the roleIn a Role of that person may hold (None: no Role at all)
ROLE_HOLDERS = [
    # a minister whose country is unsaid is not given the country the story is mostly about
    (US_STORY + "Treasurer Mara Okonkwo said the plan was sound.", "mara-okonkwo", None),
    (US_STORY + "Fisheries Minister Hiro Tanabe met the buyers.", "hiro-tanabe", None),
    # a known person answers to the jurisdiction the registry gives, not the story's country
    (
        "China and Chinese buyers, China said, and China again. "
        "President Donald Trump said the deal was good.",
        "donald-trump",
        "united-states",
    ),
    # a head of state of the country the article is plainly about keeps that country
    (US_STORY + "President Lena Halvorsen signed the order.", "lena-halvorsen", "united-states"),
]


@pytest.mark.parametrize(("body", "person", "holder"), ROLE_HOLDERS)
def test_a_role_needs_an_explicit_or_known_holder(
    body: str, person: str, holder: str | None
) -> None:
    found = [c for c in of_type(extract(body), "Role") if person in c.properties.get("roleOf", [])]
    if holder is None:
        assert found == []
    else:
        assert [c.properties.get("roleIn") for c in found] == [[holder]]


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
