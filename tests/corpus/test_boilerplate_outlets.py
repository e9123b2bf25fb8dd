"""Page furniture in many outlets' styles is left unread wherever it sits; story text is read.

An invented table, written from how wire services, trade press, business sites, newsletters
and government pages lay out a page, not from the dev set: sign-up, subscriber and paywall
lines, link cues and link titles, captions and photo credits, bylines and credits, the
outlet speaking of itself ("reported to our desk", "readers like you"), ads, and text after
the story's end. Each furniture line is placed between two story paragraphs (where the
margin rule cannot help) and after the closing credit; each story line is a news sentence
that shares a word with furniture and must still be read."""

from __future__ import annotations

import pytest

from kg.corpus.boilerplate import unread_spans

FURNITURE = [
    "Subscribe to Battery Metals Weekly for full price histories and forecasts.",
    "Sign up to receive our daily commodities briefing.",
    "Get the Morning Metals newsletter in your inbox every weekday.",
    "Want the latest on critical minerals? Sign up for Supply Lines.",
    "Register for free to read this article in full.",
    "Download the Mining Journal app for iOS and Android.",
    "Click here for the full interactive map of Chinese export licences.",
    "Follow Metal Markets Daily on LinkedIn for more.",
    "Listen to the episode on Spotify or Apple Podcasts.",
    "Watch the full interview with the minister below.",
    "READ MORE: Chile lithium royalties set to rise",
    "Read more about China's export licensing regime here.",
    "Related: Indonesia nickel ore ban, five years on",
    "Also read | Vietnam's rare earth reserves: what the numbers mean",
    "SEE ALSO — Japan builds gallium stockpile",
    "More on this story",
    "Further reading on tungsten supply",
    "Most Read",
    "Trending Now: Cobalt price slumps",
    "Advertisement",
    "ADVERTISEMENT - SCROLL TO CONTINUE READING",
    "Story continues below advertisement",
    "Sponsored content from Ridgeway Lithium Corp.",
    "This content was paid for by an advertiser and created by our partner studio.",
    "Photo: A worker at a cobalt mine in Kolwezi. (Reuters/Jane Doe)",
    "A truck carries ore at the Mountain Pass mine in California, U.S., January 30, 2020. REUTERS/Steve Marcus/File Photo",  # noqa: E501
    "Workers sort spodumene ore at a processing plant in Pilbara. Photo: Supplied",
    "Image credit: Alamy",
    "Copyright 2025 Metal Bulletin Ltd. All rights reserved.",
    "© Mining Weekly 2025",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "(Reporting by Ana Souza in Sao Paulo; Editing by Tom Hogue)",
    "Additional reporting by Li Wei in Beijing",
    "By Maria Kowalski, Senior Metals Reporter",
    "Maria Kowalski is a senior correspondent covering battery metals for Mining Daily.",
    "Posted on 4 March 2025 by Editorial Team",
    "Last updated: 12:42 GMT, 4 March 2025",
    "5 min read",
    "Share this article",
    "Share on Facebook Share on X Share on LinkedIn",
    "Tags: lithium, Chile, royalties, Codelco",
    "Topics: Critical minerals | Trade | China",
    "Filed under Markets, Base Metals",
    "Methodology available to subscribers.",
    "Prices are assessed from trades reported to our desk; full methodology is available to subscribers only.",  # noqa: E501
    "This article is available to premium subscribers only.",
    "You have 2 free articles remaining this month.",
    "Already a subscriber? Log in here.",
    "Have a news tip? Email us at tips@metalsdaily.com.",
    "Contact the reporter: jdoe@example.com",
    "We use cookies to improve your experience on our site.",
    "The views expressed in this article are the author's own.",
    "This story has been updated to include comments from the ministry.",
    "Correction: An earlier version of this article misstated the quota.",
    "Join us at the Critical Minerals Summit in Toronto, 12-13 May. Book your tickets now.",
    "Early bird tickets end Friday.",
    "Webinar: The future of graphite anodes - register now",
    "Special offer: 50% off your first year of Premium.",
    "Try 4 weeks for $1",
    "Home | Markets | Metals | Critical Minerals",
    "Home > News > Mining",
    "Leave a comment",
    "12 Comments",
    "Print this page",
    "Copy link",
    "Next article: Zambia copper output hits record",
    "Previous story",
    "In case you missed it: How China tightened graphite exports",
    "Don't miss: Our guide to rare earth magnet supply chains",
    "What to read next",
    "This article first appeared in Metals Review.",
    "This story was produced in partnership with the Pulitzer Center.",
    "Disclaimer: This article does not constitute investment advice.",
    "Editing by Kim Coghill",
    "Compiled by the Business desk",
    "Got a confidential news tip? We want to hear from you.",
    "Sign up here.",
    "Subscribe now",
    "Continue reading",
    "Show comments",
    "Recommended for you",
    "You may also like",
    "More from Metals Daily",
    "Latest news",
    "Watch: Inside Indonesia's nickel boom",
    "VIDEO: How rare earth magnets are made",
    "Listen: The Metals Podcast",
    "Podcast | Ep. 42: Gallium goes strategic",
    "Click to enlarge",
    "Enlarge this image",
    "Hide caption",
    "toggle caption",
    "Source: USGS Mineral Commodity Summaries 2025",
    "Chart: Metals Daily",
    "Graphic by Jane Doe",
    "Get unlimited access to Metals Daily for $1 a week.",
    "Unlock this article by subscribing today.",
    "Subscribers get exclusive price data and analysis.",
    "Join 50,000 industry professionals who read our newsletter.",
    "Thanks for reading. Forward this email to a colleague.",
    "Do you have a story to share? Write to newsdesk@minewire.com",
    "Opinions expressed by contributors are their own.",
    "Terms of Service | Privacy Policy | Cookie Settings",
    "Reprints and permissions",
    "About the author",
    "Jane Doe writes about energy transition metals.",
    "Jane Doe (@janedoe) is our Asia markets editor.",
    "Looking for a reliable supplier of tantalum powder? Contact us today for a quote.",
    "Free report: the three lithium stocks analysts are buying now.",
    "Buy physical gold and silver online with free insured delivery.",
    "Advertise with Metals Daily and reach 200,000 decision makers.",
    "Invest in the energy transition. Capital at risk.",
    "Want more stories like this? Subscribe to our newsletter.",
    "Sign up for The Supply Chain Brief, delivered every Friday.",
    "Enjoyed this article? Share it with your network.",
    "Our journalism is funded by readers like you. Please consider supporting us.",
    "This article was produced with support from the Open Society Foundations.",
    "Editor's note: this article is part of our series on critical minerals.",
    "Jane Doe reported from Kinshasa; John Roe from London.",
    "Have your say in the comments below.",
    "ENDS",
    "-30-",
    "Image: Getty Images",
    "Pictured: Lithium brine pools in the Atacama desert",
    "Above: A rare earth processing plant in Baotou, Inner Mongolia.",
    "Also on Metals Daily TV: Why cobalt prices keep falling",
    "Also in this week's issue: Germany's raw materials fund",
    "Coming up: our interview with Chile's mining minister",
    "Related Topics",
    "Explore more on these topics",
    "Read our full coverage of the US-China trade war.",
    "For the latest news, follow us on Telegram.",
    "Stay informed with our free daily alerts.",
    "Press office, Ministry of Mines, +243 81 555 0199",
    "Investor relations: Anna Berg, tel. +61 8 9200 1234",
    "For media enquiries call +1 (202) 555-0143.",
    "Journalists may direct questions to the ministry's communications unit.",
    "All enquiries should be sent to the press desk.",
    "Queries should be addressed to the Permanent Secretary's office.",
    "(This story has not been edited by Metals Daily staff and is published from a syndicated feed.)",  # noqa: E501
    "(This content is auto-generated from a wire feed.)",
    "Notes for editors: Ridgeway Lithium is listed on the ASX and holds 70% of the Pilbara project.",  # noqa: E501
    "Note to editors - the ministry will publish quarterly export figures on 15 December.",
    # the publication saying what it is and when it appears; a "more …" link cue
    "Every weekday we round up the policy news that moves battery metals.",
    "Copper Desk Daily is published every weekday at 07:00 London time.",
    "Summaries are unofficial; the text in the gazette prevails.",
    "More explainers: How export licences for gallium work",
]
STORY = [
    "China's commerce ministry said it would register exporters of gallium under a new licensing system.",  # noqa: E501
    "Subscribers to the government's stockpile programme must hold 60 days of supply, the ministry said.",  # noqa: E501
    "The agency will follow the European Union in banning imports of Russian aluminium from March.",
    "Readers of the decree note that it exempts recycled material.",
    "Shares of Lynas rose 4% after the announcement.",
    "The ministry will share its licence data with partners under the agreement.",
    "Watchdogs in Brussels have opened an inquiry into the subsidy.",
    "Join ventures with Chinese refiners now need approval from Beijing.",
    "Beijing imposed export controls on five tungsten products on Feb. 4.",
    "Sign-ups for the new licensing portal topped 3,000 companies in its first week, officials said.",  # noqa: E501
    "Photographs released by the ministry showed stockpiles of graphite at the port.",
    "Related measures include a 25% duty on Chinese anode material, which took effect in January.",
    "Register of approved exporters: the ministry publishes the list monthly.",
    "The ministry's quota list is published every quarter in the official gazette.",
    "Export figures are published monthly by the statistics office.",
    "More analysis of the ore samples is needed before the licence is granted.",
    "Every month we ship about 3,000 tonnes of concentrate to Qingdao.",
    "Get-tough measures on cobalt smuggling were announced by Kinshasa on Tuesday.",
    "Download speeds are irrelevant to the quota, the minister said.",
    "Our exports of antimony have fallen by half since the controls, the trade minister told reporters.",  # noqa: E501
    "The fund will take stakes in mines abroad, its chief executive said on Tuesday.",
    "The EU proposed a 15% duty on Chinese ferrosilicon in a draft regulation published on Monday.",
    "Kinshasa extended the cobalt export suspension by three months on Saturday.",
    "Contacts between the two ministries resumed in May after a year of silence.",
    "Forward contracts for tungsten concentrate rose 8% in the quarter.",
    "Above all, Tokyo wants a stable supply of heavy rare earths, officials said.",
    "The ministry said queries from exporters about the quota had doubled since January.",
    "Exporters must direct their licence applications to the commerce ministry, the notice said.",
    "The fund (set up in 2023 with 1 billion euros) has approved two investments, the ministry said.",  # noqa: E501
]

_LEAD = (
    "Indonesia banned exports of nickel ore in January 2020, and the government said on "
    "Monday it would keep the ban in place."
)
_NEXT = (
    "The United States imposed a 25% tariff on Chinese graphite anodes, the Commerce "
    "Department said in a statement."
)
_CREDIT = "(Reporting by Ana Souza in Sao Paulo; Editing by Tom Hogue)"


def _unread(page: str, line: str) -> bool:
    at = page.index(line)
    return any(s <= at and at + len(line) <= e for s, e in unread_spans(page))


def _between(line: str) -> str:
    return f"Nickel ban stays\n\n{_LEAD}\n\n{line}\n\n{_NEXT}\n"


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_between_paragraphs_is_unread(line: str) -> None:
    assert _unread(_between(line), line)


@pytest.mark.parametrize("line", STORY)
def test_story_sentence_between_paragraphs_is_read(line: str) -> None:
    assert not _unread(_between(line), line)


@pytest.mark.parametrize("line", [*FURNITURE[::7], *STORY])
def test_everything_after_the_closing_credit_is_unread(line: str) -> None:
    page = f"Nickel ban stays\n\n{_LEAD}\n\n{_NEXT}\n\n{_CREDIT}\n\n{line}\n"
    assert _unread(page, line)


@pytest.mark.parametrize(
    "end",
    [
        "###",
        "-30-",
        "ENDS",
        "(Concluded)",
        "© 2025 Metals Daily",
        "Media contacts",
        "Notes to editors",
    ],
)
def test_story_end_marks_close_the_story(end: str) -> None:
    tail = "Buy physical gold online today, the offer ends on Friday."
    page = f"Nickel ban stays\n\n{_LEAD}\n\n{end}\n\n{tail}\n"
    assert _unread(page, tail)
    assert not _unread(page, _LEAD)


def test_a_credit_at_the_top_does_not_end_the_story() -> None:
    page = f"Nickel ban stays\nEdited by Tom Hogue\n\n{_LEAD}\n\n{_NEXT}\n"
    assert not _unread(page, _LEAD)
    assert not _unread(page, _NEXT)
