"""Page furniture of call transcripts, of pages that point to their own media and wire
photo captions: the operator's script, "the transcript/replay is available" lines and a
caption that closes on the day the picture was taken are not the story, while story
sentences that share a word or a date with them are. Invented lines, none from the dev
set."""

from __future__ import annotations

import pytest

from kg.corpus.boilerplate import line_reason

FURNITURE = [
    "Operator: Good morning and welcome to the Albemarle second-quarter results call.",
    "Operator: Our next question comes from Jane Roe of UBS. Please go ahead.",
    "Good afternoon, and welcome to the Lynas Rare Earths half-year earnings call.",
    "Thank you for standing by, and welcome to the Pilbara Minerals investor webcast.",
    "All participants are in listen-only mode.",
    "Investors can find the full transcript and slides on the company's website.",
    "A replay of the call will be available on the investor relations website.",
    "A worker sorts cobalt ore at a mine near Kolwezi, Democratic Republic of Congo, May 12, 2025.",
    "Trucks queue at the Kasumbalesa border post, Zambia, Feb. 3, 2025.",
    # the issuer's "About" paragraph, also with an article before its name
    "About the Authority: The Ruritanian Minerals Authority licenses mining and exports.",
]
STORY = [
    "The operator of the mine, Glencore, said output fell 4% in the quarter.",
    "Operators of the Kamsar terminal said the ban would cut shipments.",
    "Analysts said investors can find better value in copper than in lithium.",
    "MINISTER: Good morning, and thank you for coming. Since March, Ruritania has "
    "suspended exports of tantalum concentrate.",
    "The minister said the recording of the meeting showed no offer was made.",
    "The ministry said the ban took effect on May 12, 2025.",
    "The deal was signed in Riyadh, Saudi Arabia, May 13, 2025, the ministry said.",
    "About the ban: officials in Lusaka said little on Tuesday.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_call_and_media_furniture_is_boilerplate(line: str) -> None:
    assert line_reason(line) is not None


@pytest.mark.parametrize("line", STORY)
def test_story_lines_sharing_the_words_are_kept(line: str) -> None:
    assert line_reason(line) is None
