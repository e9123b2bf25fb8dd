"""Whom "we" and "us" stand for in proposals: the side of a transcript turn's speaker or
of a quotation's speaker (kg.extract.speaker), and the request shapes that name their
addressee only by the story around them. Every text is invented for the test."""

from __future__ import annotations

import pytest

from tests.support.extraction import proposals


def made(found: list[dict[str, list[str]]], by: str, to: str | None) -> bool:
    return any(
        by in p.get("proposedBy", []) and (to is None or to in p.get("proposedTo", []))
        for p in found
    )


# a transcript: the turn's speaker speaks for the company whose officer they are, or for
# the country of their ministry; the asker's turn speaks for no one
TURNS = [
    (
        "Albemarle first-quarter earnings call\n\n"
        "Jane Holt, chief executive of Albemarle: Thank you all for joining.\n\n"
        "Analyst: Any new customers?\n\n"
        "Holt: We have offered Japan long-term supplies of lithium hydroxide.",
        "albemarle",
        "japan",
    ),
    (
        "The weekly briefing of the Japanese Ministry of Economy, Trade and Industry was held "
        "on Monday.\n\n"
        "Q: What did you do about the ban?\n\n"
        "Minister Sato: On Monday we asked China to lift the ban on gallium exports.",
        "japan",
        "china",
    ),
    # "they ask us": "us" is the speaker's side, the counterparty
    (
        "The Chilean Ministry of Mining held a press conference on Monday.\n\n"
        "Minister Soto: Glencore wrote to the ministry last week. "
        "In the letter Glencore asks us to exempt its copper from the export levy.",
        "glencore",
        "chile",
    ),
]


@pytest.mark.parametrize(("body", "by", "to"), TURNS)
def test_we_in_a_turn_is_the_speakers_side(body: str, by: str, to: str) -> None:
    found = proposals(body)
    assert made(found, by, to), found


def test_an_askers_turn_speaks_for_no_one() -> None:
    body = (
        "Glencore investor call\n\n"
        "Jane Holt, chief executive of Glencore: Thank you.\n\n"
        "Analyst: We have offered Japan our research, would you comment on it?"
    )
    found = proposals(body)
    assert not made(found, "glencore", None), found


# a quotation's speaker: the subject of the reporting verb outside the quotation
QUOTES = [
    (
        'Jane Holt is the chief executive of Albemarle. "We propose to Japan long-term '
        'contracts for lithium," Holt told reporters on Monday.',
        "albemarle",
        "japan",
    ),
]


@pytest.mark.parametrize(("body", "by", "to"), QUOTES)
def test_we_in_a_quotation_is_its_speakers_side(body: str, by: str, to: str) -> None:
    found = proposals(body)
    assert made(found, by, to), found


BRIEFING = "The Japanese Ministry of Economy, Trade and Industry held a briefing on Monday.\n\n"

# requests whose addressee the sentence leaves out or names by a pronoun or a telling verb
ADDRESSEES = [
    # asking for an exemption from the measure the story reported: made to its imposer
    (
        "Indonesia banned exports of nickel ore in January. "
        "Glencore has lobbied for an exemption for ore bound for its smelters.",
        "glencore",
        "indonesia",
    ),
    # seeking permission from no one named: the imposer of the measure reported last
    (
        "Indonesia banned exports of nickel ore in January. "
        "Glencore has sought permission to keep shipping nickel ore to its smelters.",
        "glencore",
        "indonesia",
    ),
    # a participle asking: the asker is its head verb's subject
    (
        "Indonesia banned exports of nickel ore in January. Glencore wrote to Indonesia in "
        "April asking to ship the nickel ore contracted before the ban.",
        "glencore",
        "indonesia",
    ),
    # "them" asked: the other side the sentence named before it, not a place
    (
        "Minister Sato: We have taken up the matter with the Chinese side, both in Beijing "
        "and in Tokyo, and we have asked them to expedite the licences for gallium.",
        "japan",
        "china",
    ),
]


@pytest.mark.parametrize(("body", "by", "to"), ADDRESSEES)
def test_a_request_reaches_the_addressee_the_story_gives(body: str, by: str, to: str) -> None:
    found = proposals(BRIEFING + body)
    assert made(found, by, to), found


def test_open_to_discussing_is_offered_to_the_one_told() -> None:
    body = (
        f"{BRIEFING}Q: What did Chile want?\n\n"
        "Minister Sato: Chile asked last month whether Japanese tariffs on copper could be "
        "lifted. We told them we are open to discussing long-term supply of gallium."
    )
    found = proposals(body)
    assert made(found, "japan", "chile"), found
