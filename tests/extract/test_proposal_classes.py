"""Proposal shapes and noise classes: who proposes for whom (a cabinet for its country, a
president for the state), the nation's companies named collectively, and what is no
proposal (an offer to all comers, a proposal only spoken of, one's own sanctions package).
Every sentence is invented for the test."""

from __future__ import annotations

import pytest

from tests.support.extraction import proposals

# the proposer and the state it acts for; the counterparty of a collective noun
SIDES = [
    # a president's request is the state's too
    (
        "Chilean President Gabriel Boric on Monday asked Japan to finance a lithium refinery.",
        ["chile"],
        ["japan"],
    ),
    # "the US side" is the state; "American buyers" the state and its companies
    (
        "Chile has offered American buyers long-term supplies of lithium.",
        ["chile"],
        ["united-states", "us-companies"],
    ),
    # "the Cabinet" of no named nation: the country the article is about
    (
        "Chile raised its copper royalty in May. Chile's cabinet met on Tuesday. The Cabinet "
        "approved a request to the Government of Japan to reduce the tariff on Chilean copper.",
        ["chile"],
        ["japan"],
    ),
    # "the Minister" is the minister the article named, not the deputy minister named
    # next to him; "the Italian side" is the state
    (
        "The Minister of Mines of Chile, Mr. Pedro Soto, received on Monday at the ministry's "
        "headquarters in Santiago Mr. Luca Fiorentini, Deputy Minister of Industry of Italy."
        "\n\nThe Minister proposed to the Italian side a partnership for a copper smelter.",
        ["pedro-soto"],
        ["italy"],
    ),
    (
        "The Minister of Mines of Chile, Mr. Pedro Soto, received a Japanese delegation on "
        "Monday.\n\nThe Minister asked the Japanese side to lift the tariff on Chilean "
        "copper cathodes.",
        ["pedro-soto"],
        ["japan"],
    ),
    # the asked infinitive parsed as an adverbial clause, "the government in X" the
    # country of X; a mis-tagged verb asked for
    (
        "Sojitz has lobbied the government in Santiago to exempt copper concentrate from the "
        "export levy.",
        ["sojitz"],
        ["chile"],
    ),
    (
        "Chile has requested that Japan exempt copper cathodes from the 10% tariff.",
        ["chile"],
        ["japan"],
    ),
    # a foreign actor's offer that names no counterparty: made to the article's country
    (
        "Chile suspended lithium exports in May. Chile says the halt will last a year. Japan "
        "has offered to finance a lithium hydroxide refinery near Antofagasta.",
        ["japan"],
        ["chile"],
    ),
    (
        "Chile suspended lithium exports in May. Chile says the halt will last a year. Japan "
        "has floated the idea of buying the stored lithium concentrate outright.",
        ["japan"],
        ["chile"],
    ),
    # the other side of what the proposal is for, wherever the parse hangs "with X"
    (
        "During the meeting, the minister presented Chile's proposal for a strategic "
        "partnership on critical minerals with the United States.",
        ["chile"],
        ["united-states"],
    ),
    # a request a body approves: its proposer is the subject, "to X" the counterparty
    (
        "The Chilean Ministry of Mining approved a request to Japan to lift its tariff on "
        "copper cathodes.",
        ["chile-ministry-of-mining", "chile"],
        ["japan"],
    ),
]


@pytest.mark.parametrize(("body", "by", "to"), SIDES)
def test_the_sides_of_a_proposal(body: str, by: list[str], to: list[str]) -> None:
    found = proposals(body)
    assert any(
        set(by) <= set(p.get("proposedBy", [])) and set(to) <= set(p.get("proposedTo", []))
        for p in found
    ), found


# no proposal: offered to all comers, spoken of again, one's own measure
NOT_PROPOSALS = [
    '"Our doors are open to all partners," the Chilean minister said of lithium.',
    "Chile is ready to work with any foreign partners on lithium, the minister said.",
    "Chile has offered to waive the lithium levy for any company that builds a refinery.",
    "Chile offered Japan lithium last year. The offer would be examined by Japanese "
    "officials, a spokesman for Japan said.",
    "The European Commission has proposed adding three Russian firms to the bloc's next "
    "sanctions package on palladium.",
    # readiness to talk offered to no one named
    "A State Department spokesperson said Washington was open to discussing partnerships "
    "on lithium.",
    # a question's premise: the answer says whether the offer was made
    "QUESTION (Radio Chile): Minister, Japan has reportedly offered Chile a lithium "
    "refinery. Is that true?",
    "Q: Did Japan ask Chile to lift the copper export tax?",
    # lobbying for the exemption the story reported granted
    "The United States exempted Chilean copper from the tariff on Monday. Chile had lobbied "
    "hard for the exemption.",
]


# what a request that names no resource is about: the resources of the measure asked
# about, not only the resource the article names most
REQUEST_RESOURCES = [
    (
        "China restricted exports of gallium and germanium in May. Gallium prices rose. "
        "Japan asked the Chinese side to withdraw the measure.",
        ["gallium", "germanium"],
    ),
]


@pytest.mark.parametrize(("body", "covered"), REQUEST_RESOURCES)
def test_the_resources_of_a_request(body: str, covered: list[str]) -> None:
    found = [p for p in proposals(body) if p.get("proposedTo") == ["china"]]
    assert found and set(covered) <= set(found[0].get("concernsResource", [])), proposals(body)


# readiness offered to no one, an offer of a thing, of an idea, or of the article's own
# country: no counterparty from the article
NO_COUNTERPARTY = [
    "Chile suspended lithium exports in May. Chile says the halt will last a year. Japan "
    "has floated the idea of a joint lithium reserve.",
    "Chile suspended lithium exports in May. Chile says the halt will last a year. Japan "
    "is open to foreign partners for a lithium refinery.",
    "Chile suspended lithium exports in May. Chile says the halt will last a year. Chile "
    "has offered to finance a lithium hydroxide refinery near Antofagasta.",
]


@pytest.mark.parametrize("body", NO_COUNTERPARTY)
def test_no_counterparty_from_context(body: str) -> None:
    assert all(not p.get("proposedTo") for p in proposals(body)), proposals(body)


@pytest.mark.parametrize("body", NOT_PROPOSALS)
def test_no_proposal(body: str) -> None:
    found = proposals(body)
    if body.startswith("Chile offered Japan"):  # the first sentence's offer; the second none
        assert len(found) <= 1, found
    else:
        assert found == [], found
