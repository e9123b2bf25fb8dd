"""Boilerplate lines are found (so extraction skips them) without touching the text."""

from __future__ import annotations

import pytest

from kg.corpus.boilerplate import boilerplate_spans, is_boilerplate_line
from tests.support.paths import REPO

BOILERPLATE = [
    "✨ Don't miss: Cuanto son 100 dolares en quetzales: Why the Bank Rate Isn't What You Get",
    "✨ Don’t miss: Cuanto son 100 dolares en quetzales",
    "🔗 Read more: Dealing With the IRS San Diego CA Office Without Losing Your Mind",
    "💡 You might also like: Sands Casino Long Island: What Actually Happens Next",
    "📌 Related: Lithium prices slump as Chinese demand cools",
    "👉 Also read: How the Pentagon's price floor works",
    "👉 How the Pentagon's price floor works",
    "➡️ The five biggest rare-earth mines in the world",
    "🔥 Trending: Gold hits a record high",
    "Read more: Dealing With the IRS San Diego CA Office",
    "READ MORE: Russia's aluminium exports",
    "Read also - Tungsten prices soar",
    "See also: Export controls explained",
    "Related Articles",
    "Related stories:",
    "You may also like",
    "Recommended for you",
    "Read next",
    "Up next: China's gallium ban",
    "More from Reuters: The week in commodities",
    "Must-read: the copper squeeze",
    "Share",
    "Share this article",
    "Share on Facebook",
    "Click to share on Twitter (Opens in new window)",
    "Facebook Twitter LinkedIn Email",
    "Tweet",
    "Leave a Reply",
    "Leave a comment",
    "Leave a Reply Cancel reply",
    "Your email address will not be published. Required fields are marked *",
    "Required fields are marked *",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Comments (12)",
    "3 Comments",
    "Sign up for our newsletter to get the latest mining news",
    "Subscribe to our daily newsletter",
    "Get the Energy Brief delivered to your inbox every morning",
    "Enter your email address",
    "Newsletter",
    "Advertisement",
    "ADVERTISEMENT",
    "Sponsored",
    "Story continues below advertisement",
    "Advertisement: Buy gold coins now",
    "Follow us on Twitter",
    "© 2025 Example News. All rights reserved.",
    "Copyright 2024 Mining Weekly",
    "Tags: rare earths, Russia, sanctions",
    "  - 🔗 Read more: indented bullet promo",
    "This announcement has been authorised for release by the Board of Directors.",
    "Authorised for release to the ASX by the Managing Director.",
    "This market release was approved for release by the Board",
]

CONTENT = [
    "Share prices of MP Materials rose 5% after the announcement.",
    "Russia's share of world production is about 1%.",
    "China's share of processing is about 90%.",
    "Readers may recall that the duties date from 2023.",
    "Read the statement carefully and you see the condition.",
    "He said the market would read the offer as a diplomatic maneuver.",
    "Related concerns include the supply of tungsten and silver.",
    "Putin suggested that US mining firms could partner with Russian state entities.",
    "Ad hoc talks were held in Riyadh.",
    "Advertising revenue is not what drives this deal.",
    "Sanctions would need Treasury waivers, officials said.",
    "More than 90% of rare earths are refined in China.",
    "The newsletter Mining Weekly reported the talks first.",
    "Subscribers to the service received the report on Monday.",
    "Tags on the shipments showed Russian origin.",
    "Leave aside the question of sanctions for a moment.",
    "Don't think Beijing is just watching this from the sidelines.",
    "Up to 2 million tons of aluminium a year could be supplied.",
    "Trending upward, prices for tungsten reached a decade high.",
    "Watch the price floors: the Pentagon has set minimum prices.",
    "- Putin proposes collaboration with U.S. companies on rare-earth mineral development.",
    "Highlights",
    "Why now? The 2026 Reality Check",
    "The board approved the release of funds for the refinery.",
    "Authorities approved for release 2,000 tonnes of stockpiled cobalt.",
    "",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_flags_boilerplate_lines(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", CONTENT)
def test_keeps_content_lines(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_spans_cover_whole_lines_and_leave_offsets_valid() -> None:
    text = (
        "Putin offers rare earths.\r\n"
        "🔗 Read more: Casino news\n"
        "Russia's share of supply is 1%.\n"
        "Leave a Reply"
    )
    spans = boilerplate_spans(text)
    assert [text[s:e] for s, e in spans] == ["🔗 Read more: Casino news", "Leave a Reply"]


def test_seed_promo_lines_are_all_found() -> None:

    articles = REPO / "corpus" / "articles"
    text = (articles / "004_622784bdaa288db1.txt").read_text("utf-8")
    found = [text[s:e] for s, e in boilerplate_spans(text)]
    # the page repeats its headline before the first paragraph: a header-margin line
    assert len(found) == 4
    assert found[0] == text.splitlines()[0]
    assert any("quetzales" in line for line in found)
    assert any("IRS San Diego" in line for line in found)
    assert any("Sands Casino" in line for line in found)


def test_long_paragraph_is_never_boilerplate() -> None:
    assert not is_boilerplate_line("Read more: " + "word " * 80)
