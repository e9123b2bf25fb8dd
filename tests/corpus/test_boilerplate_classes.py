"""The line classifier names its class, and keeps story sentences that look like furniture.

Each row is an invented line with the class it must get (None: story text). The story rows
are false friends: they start with a call-to-action verb, carry a label word or a colon, a
name before "is a", a date or a handle, yet are news sentences."""

from __future__ import annotations

import pytest

from kg.corpus.boilerplate import boilerplate_spans, line_reason, unread_spans

TABLE: list[tuple[str, str | None]] = [
    # calls to action
    ("Sign up for the Battery Metals Weekly newsletter", "call"),
    ("Subscribe today and get unlimited access", "call"),
    ("Download our app for alerts on metals prices", "call"),
    ("Follow our live coverage of the G7 summit", "call"),
    ("Listen to the full episode on our podcast", "call"),
    ("Click here to read the full statement", "call"),
    ("Get the Morning Metals briefing in your inbox", "call"),
    ("Join our community of 50,000 mining professionals", "call"),
    ("Explore our map of Chinese-owned lithium projects", "call"),
    ("Learn more about our critical minerals coverage", "call"),
    ("Stay informed with our free Asia digest", "call"),
    ("Don't miss our Battery Raw Materials Summit in Berlin", "call"),
    ("Read our full analysis of the Busan truce", "call"),
    ("Want the full picture? Download our app", "call"),
    # navigation and link lists
    ("Read more: Cobalt slumps as Congo weighs quotas", "link"),
    ("Also on Mining Weekly: Zambia opens copper auction", "link"),
    ("More from Reuters", "widget"),
    ("Most read in Commodities", "widget"),
    ("Related coverage:", "widget"),
    ("Watch: the Pentagon's magnet plant", "link"),
    ("Photo caption: Trucks queue at the Kasumbalesa border post", "link"),
    ("Sponsored by the Government of Western Australia", "promo"),
    # credits and bylines
    ("By Jane Doe and Li Wei", "credit"),
    ("By Amanda Stutt | March 3, 2025", "credit"),
    ("(Reporting by Lucia Soto; Editing by Grant Hayes)", "credit"),
    ("Writing by Andrea Shalal; editing by Leslie Adler", "credit"),
    ("Additional reporting by Tom Daly in Washington", "credit"),
    ("Bloomberg's Jack Farchy contributed reporting.", "credit"),
    ("A worker at a cobalt mine near Kolwezi. Photo by John Doe/Getty Images", "credit"),
    ("The smelter at Weda Bay, Indonesia. REUTERS/Willy Kurniawan", "credit"),
    # timestamps
    ("Updated 10:42 a.m. ET, Tue March 4, 2025", "time"),
    ("Published March 4, 2025 at 6:00 AM EST", "time"),
    ("5 min read", "widget"),
    ("18 February 2025", "time"),
    # legal, paywall, promos, social, bios, corrections
    ("© 2025 Example Media Ltd", "legal"),
    # forward-looking-statement disclaimers by their term of art, under a head or not, and
    # however long the paragraph
    ("Investors are cautioned that forward-looking statements are subject to risk.", "legal"),
    (
        "This release may contain forward-looking information about the company's plans, "
        "projects, markets, financing, permits and offtake arrangements. Such information is "
        "based on current expectations and assumptions that are subject to risks and "
        "uncertainties, many of which are beyond the company's control, and actual results "
        "may differ materially from those expressed or implied.",
        "legal",
    ),
    (
        "Neither the exchange nor its regulation services provider accepts responsibility for "
        "the adequacy or accuracy of this release.",
        "legal",
    ),
    ("We use cookies to personalise content and ads.", "legal"),
    ("Already a subscriber? Sign in", "legal"),
    ("Subscribe to continue reading", "legal"),
    ("Forward-looking statements: this release contains estimates", "legal"),
    ("Our Standards: The Thomson Reuters Trust Principles.", "link"),
    ("Limited-time offer: 40% off an annual subscription", "link"),
    ("Early-bird rates end Friday for the Lithium Supply conference", "promo"),
    ("Presented by Glencore", "promo"),
    ("Share this: Facebook | X | LinkedIn", "link"),
    ("Terms of Use | Privacy Policy | Contact Us", "legal"),
    ("Follow @MetalsDesk for live prices", "social"),
    ("Send us your tips at tips@example.com", "call"),
    ("Jane Doe is a senior correspondent covering metals for Example News.", "bio"),
    ("Maria Chen covers battery supply chains for Example News from Seoul.", "bio"),
    ("The author is a fellow at a Washington think tank.", "bio"),
    ("This story has been corrected to show the mine is in Chile.", "correction"),
    ("ASX ANNOUNCEMENT", "widget"),
    ("Not for release or distribution in the United States.", "legal"),
    ("Free trial: get full access to our price assessments for 14 days.", "promo"),
    ("Trial offer: get our nickel assessments for 14 days", "call"),
    ("Log in or register to read more market news.", "legal"),
    ("This page was last modified 2025-06-17.", "correction"),
    ("More analysis: How Korea Zinc became a geopolitical asset", "link"),
    ("Media Relations: Office of the Prime Minister", "link"),
    # story sentences that look like furniture
    ("Watch prices rose 5% in Geneva last year, the federation said.", None),
    ("Read together, the two decrees amount to a full export ban.", None),
    ("Follow-up talks are planned in Jakarta next month.", None),
    ("Get-tough measures on graphite took effect on Dec. 1.", None),
    ("Join ventures with Chinese refiners now need approval from Canberra.", None),
    ("Sign-up rates for the price-floor scheme were low, the ministry said.", None),
    ("Subscribers to the offtake include Toyota and Hyundai.", None),
    ('"Subscribe to the idea that supply is safe and you will be surprised," he said.', None),
    ('"Download the data and you will see China controls 90%," Smith told Reuters.', None),
    ("Register of beneficial owners shows Chinese stakes in four mines.", None),
    ("Learn from Japan, analysts told the committee in Brussels.", None),
    ("Explore licences were granted to Rio Tinto and BHP in Western Australia.", None),
    ("Photo-voltaic demand for silver rose 12% in 2024.", None),
    ("Related sanctions target Nornickel's exports of palladium.", None),
    ("Also in the package, Brussels listed 12 Russian metals traders.", None),
    ("More from the same mine will go to Japan under the offtake.", None),
    ("Sponsors of the bill include Sen. Laura Whitcombe of Ohio.", None),
    ("Updated rules from Beijing require licences for graphite anodes.", None),
    ("Published data showed exports fell 40% in December.", None),
    ("By 2030, the EU wants 40% of its processing to happen at home.", None),
    ("By contrast, Indonesia kept its nickel ore ban in place.", None),
    ("Jane Doe is a former trade official who advised the Treasury on sanctions.", None),
    ("Australia is a leading producer of rare earths outside China.", None),
    ("Lynas is a major supplier of separated rare earths to Japan.", None),
    ("The author of the bill, Sen. Marcus Bell, said the ban would start in 2028.", None),
    ("Shares of MP Materials rose 7%; Lynas fell 2%.", None),
    ("Copyright disputes are not part of the minerals agreement.", None),
    ("Cookies and other consumer goods are exempt from the tariff.", None),
    ("Offer prices for antimony trisulfide reached $60,000 a tonne.", None),
    ("Trending lower since March, lithium prices hit a four-year low.", None),
    ("The ministry posted the rules at www.mofcom.gov.cn on Tuesday, officials said.", None),
    ("Correctional facilities were not affected by the sanctions.", None),
    ("Lithium carbonate | $10,500/t | -3%", None),
    ("Sources said Beijing would extend the controls to rare earth magnets.", None),
    ("Not for the first time, Jakarta changed its royalty rules.", None),
    ("Free trade talks between Canberra and Brussels resumed in June.", None),
    ("More analysis of the data is needed, the commission said.", None),
    ("Media reports said Glencore would halt the Kamoto mine.", None),
    # cross-link cues, widgets, source and event labels, republishing notes (a regression
    # row each for lines the classifier missed), with their false friends
    ("READ: Japan and India deepen critical minerals ties", "link"),
    ("Most popular: China bans antimony exports to US", "link"),
    ("Next article: EU fines miners over cartel", "link"),
    ("Explore more: Critical minerals hub", "link"),
    ("Data: Fastmarkets, Benchmark Mineral Intelligence", "link"),
    ("Events: Battery Raw Materials Week, Perth, June 22-25", "link"),
    ("Gift this article", "widget"),
    ("Save for later", "widget"),
    ("Show comments", "widget"),
    ("Key facts", "widget"),
    ("Advertise with us", "widget"),
    ("Purchase Licensing Rights, opens new tab", "widget"),
    ("This story was first published on Example Mining Daily.", "promo"),
    ("Data from the customs office showed exports fell 5% in May.", None),
    ("Events in Jakarta overshadowed the talks on Friday.", None),
    ("Most popular among buyers were Chinese anodes, traders said.", None),
    ("Next year's quota will be set in December, the ministry said.", None),
    ("Save for a brief halt in 2023, exports have risen every year.", None),
    ("Key facts about the deal were not disclosed, officials said.", None),
    ("This story was first told by miners in Kolwezi, the union said.", None),
    ("Ana Ruiz writes about trade policy and the energy transition.", "bio"),
    ("Tom Hale covers mining, metals and commodity markets.", "bio"),
    ("Peter Navarro writes about tariffs in his new book, the White House said.", None),
    ("Glencore covers 40% of its cobalt output with long-term contracts.", None),
    # disclaimers, outlet blurbs, bios with a possessive outlet, corrections, breadcrumbs
    ("The Metals Brief is our free weekly newsletter on mining and markets.", "promo"),
    ("This column does not constitute investment advice.", "legal"),
    ("The opinions expressed are those of the author.", "legal"),
    ("This release contains forward-looking statements within the meaning of the Act.", "legal"),
    ("John Smith is Reuters' commodities correspondent in London.", "bio"),
    ("An earlier version of this article misstated the size of the loan.", "correction"),
    ("Home > Markets > Commodities", "social"),
    ("For more information, please contact the press office.", "promo"),
    ("The newsletter of the copper federation warned of a deficit, the group said.", None),
    ("Investors sought advice from the ministry on the new export licences.", None),
    ("John Smith is Glencore's head of cobalt marketing in Baar.", None),
    ("An earlier version of the tariff applied only to Chinese anodes.", None),
    ("For more information on the ban, exporters must contact customs, Beijing said.", None),
    # notes on the document itself, reaching the press office, disclosures, bracketed asides
    ("Provisional translation. The Korean text prevails.", "legal"),
    ("This is an unofficial translation.", "legal"),
    ("Originally published in Spanish.", "legal"),
    ("A version of this story ran in the weekend print edition.", "legal"),
    ("File picture of ore stockpiles at Qingdao port.", "legal"),
    ("For media enquiries contact the Communications Directorate.", "social"),
    ("For interview requests, please e-mail the ministry's press desk.", "social"),
    ("The author owns shares in Pilbara Minerals.", "social"),
    ("Comments are closed.", "social"),
    ("(Source: State Council website. The Chinese text prevails.)", "link"),
    ("Tap to expand the price table", "call"),
    ("The text of the treaty prevails over national rules, the court said.", None),
    ("The ministry first published the quota list in 2023.", None),
    ("Exporters can click through the new licensing portal, MOFCOM said.", None),
    ("(The ban covers gallium and germanium.)", None),
    ("The translation of the decree was published on Monday.", None),
    # newsletter and market-data small print, questions that set up a call
    ("You are receiving this email because you subscribed to Cobalt Notes.", "promo"),
    ("Questions or feedback? Reply to this email.", "promo"),
    ("Enjoyed this briefing? Forward it to a colleague.", "call"),
    ("Terms apply.", "legal"),
    ("Ana Ruiz writes on trade policy. Views are her own.", "bio"),
    ("Ana Ruiz is a senior fellow at the Lima Institute. Views are her own.", None),
    (
        "About Tarn Lithium: Tarn Lithium Ltd is listed in Sydney and develops brine projects.",
        "legal",
    ),
    ("Photos of the signing are available on the embassy's website.", "promo"),
    ("Prices are assessed by Cobalt Notes. Methodology and disclaimers apply.", "legal"),
    ("About 40% of the ore goes to China: most of it as concentrate.", None),
    ("Photos of the mine were published by the ministry on Monday.", None),
    ("Past performance is not indicative of future results.", "legal"),
    ("Prices are indicative and not offers to trade.", "legal"),
    ("Prices are indicative of a tight market, traders said.", None),
    ("The briefing was sent to lawmakers on Tuesday.", None),
    ("Ottawa will support the smelter with a C$200 million loan.", None),
]


@pytest.mark.parametrize(("line", "reason"), TABLE)
def test_line_class(line: str, reason: str | None) -> None:
    assert line_reason(line) == reason


def test_table_has_both_sides() -> None:
    assert sum(r is None for _, r in TABLE) >= 30
    assert sum(r is not None for _, r in TABLE) >= 30


ARTICLE = """China extends gallium curbs to U.S. buyers
By Jane Doe
Updated 10:42 a.m. ET

BEIJING, Dec. 4 (Reuters) - China barred exports of gallium to the United States on Tuesday.

Read together, the two decrees amount to a full export ban, analysts said.

Related coverage:
Gallium prices hit record
How Beijing built its grip

- Gallium share: 98%
The announcement follows U.S. curbs on chip equipment, the ministry said.

Key figures
Copper slump deepens
"""


def test_margins_lists_and_body() -> None:
    found = [ARTICLE[s:e] for s, e in boilerplate_spans(ARTICLE)]
    assert found == [
        "By Jane Doe",
        "Updated 10:42 a.m. ET",
        "Related coverage:",
        "Gallium prices hit record",
        "How Beijing built its grip",
        "Key figures",
        "Copper slump deepens",
    ]


def test_a_section_link_list_under_more_in_is_boilerplate() -> None:
    # bulleted rows are kept as fact boxes, but not under a "More in <section>:" head,
    # even when a row is a question that reads as a sentence
    text = (
        "Cobalt quota bites\n\nCongo capped cobalt exports at 96,600 tonnes a year.\n\n"
        "More in Markets & Analysis:\n- Can Zambia replace Congo's cobalt?\n"
        "- The quota debate, explained\n"
    )
    found = [text[s:e] for s, e in boilerplate_spans(text)]
    assert found == [
        "More in Markets & Analysis:",
        "- Can Zambia replace Congo's cobalt?",
        "- The quota debate, explained",
    ]


def test_headline_is_never_a_margin_line() -> None:
    text = "Watch out, Beijing\nBy Jane Doe\n\nChina restricted gallium exports on Tuesday.\n"
    found = [text[s:e] for s, e in boilerplate_spans(text)]
    assert found == ["By Jane Doe"]


ABOUT = """Vulcan wins EU grant for German lithium plant

FRANKFURT, March 3 - The European Commission awarded Vulcan Energy a grant on Monday.

Related: Lithium prices hit a four-year low
Also read:
Chile names new mining minister
Albemarle cuts output in Australia

The grant covers half the cost of a pilot plant near Landau, the company said.

China restricts graphite exports

Exporters now need licences for graphite anodes, the commerce ministry said in Beijing.

About Vulcan Energy
Vulcan Energy is a lithium developer listed in Frankfurt and Sydney with projects in Germany.

Forward-looking statements
This release contains estimates that may differ from actual results.
"""


def test_sections_about_the_issuer_are_boilerplate() -> None:
    found = [ABOUT[s:e] for s, e in boilerplate_spans(ABOUT)]
    assert "About Vulcan Energy" in found
    assert any(line.startswith("Vulcan Energy is a lithium developer") for line in found)
    assert "This release contains estimates that may differ from actual results." in found
    # the story paragraphs stay
    assert not any("awarded Vulcan Energy a grant" in line for line in found)
    assert not any("half the cost" in line for line in found)


def test_title_shaped_lines_inside_the_story_are_not_read() -> None:
    unread = [ABOUT[s:e] for s, e in unread_spans(ABOUT)]
    for line in (
        "Also read:",
        "Chile names new mining minister",
        "Albemarle cuts output in Australia",
        "China restricts graphite exports",  # a subhead or a link title: no facts either way
    ):
        assert line in unread
    assert not any("commerce ministry" in line for line in unread)
    # a subhead is not called boilerplate, only left unread
    assert "China restricts graphite exports" not in [
        ABOUT[s:e] for s, e in boilerplate_spans(ABOUT)
    ]


def test_table_rows_and_bullets_inside_the_story_are_read() -> None:
    text = (
        "Antimony hits record\n\nAntimony prices rose again this week, traders said.\n\n"
        "Antimony trioxide: $38,000/t\n- China export licences: required\n\n"
        "Buyers in Europe paid a premium for prompt metal, traders said.\n"
    )
    unread = [text[s:e] for s, e in unread_spans(text)]
    assert unread == []
