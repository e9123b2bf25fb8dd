"""Furniture of genres beyond the web news page: correction notes, broadcast and podcast
transcripts, filings and exchange notices, market-wrap tables, think-tank reports and
customs or government notices. Each row is an invented line with the class it must get;
the None rows are story sentences of the same shape (a sentence that opens with
"Correction", a quote with a colon, a dateline, a label word without its colon), which
must stay story text."""

from __future__ import annotations

import pytest

from kg.corpus.boilerplate import boilerplate_spans, line_reason

FURNITURE: list[tuple[str, str]] = [
    # corrections and editor's notes
    ("Correction, May 2: An earlier version misnamed the buyer of the Kamoa stake.", "correction"),
    ("Clarification appended on March 9", "correction"),
    ("(Updates with Indonesian ministry comment in paragraph 4)", "correction"),
    ("(Corrects name of smelter in second paragraph)", "correction"),
    ("(Adds analyst quote, background on quotas)", "correction"),
    ("This story has been corrected to show Eramet holds 43%, not 34%.", "correction"),
    ("This article was updated on Feb. 3 with a statement from Trafigura.", "correction"),
    # broadcast and podcast transcripts
    ("This transcript has been lightly edited for clarity.", "broadcast"),
    ("This conversation was condensed and edited.", "broadcast"),
    ("THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM.", "broadcast"),
    ("Transcript provided by the broadcaster for Vale's capital markets day", "broadcast"),
    ("END OF INTERVIEW", "broadcast"),
    ("Guests: Ana Ruiz (Codelco), Tom Lee (Albemarle)", "broadcast"),
    ("Panelists: Hiro Tanaka, JOGMEC; Amina Diallo, ECOWAS", "broadcast"),
    ("[00:41:07] Chile, SQM and the lithium deal", "broadcast"),
    ("(00:03) Why Jakarta wants a smelter", "broadcast"),
    ("14:05 – Nickel and the Indonesian export ban", "broadcast"),
    ("(LAUGHTER)", "widget"),
    ("[Applause]", "broadcast"),
    ("(Crosstalk)", "broadcast"),
    ("Mining Matters airs Sundays at 9 a.m. ET on Business News Network.", "broadcast"),
    ("(BEGIN VIDEO CLIP)", "widget"),
    ("Metals Hour airs weekdays at 6 p.m. on Channel 4", "broadcast"),
    ("Episode 212: Who owns the Congo copperbelt?", "broadcast"),
    ("Read the transcript", "widget"),
    # filings and exchange notices
    ("Form 10-Q for the quarter ended March 31, 2026 (Albemarle Corp)", "filing"),
    ("Item 8.01 Other Events", "filing"),
    ("Lodged with the ASX by Pilbara Minerals Ltd", "filing"),
    ("RNS Number: 7731P", "filing"),
    ("Regulatory announcement: Glencore plc - Director/PDMR shareholding", "filing"),
    ("ISIN: CA4649171015", "filing"),
    ("TIDM: AAL", "filing"),
    (
        "The information in this announcement is inside information as defined in the UK "
        "Market Abuse Regulation.",
        "filing",
    ),
    (
        "Neither the ASX nor its regulation services provider accepts responsibility for "
        "this announcement.",
        "filing",
    ),
    (
        "Information contained in this release about Tarn's drill results is forward-looking.",
        "filing",
    ),
    ("Such statements are not statements of historical fact.", "filing"),
    # market-wrap tables
    ("Prices as at 17:30 London time", "table"),
    ("All figures in US dollars unless otherwise noted.", "table"),
    ("(Prices in euros per tonne, delivered Rotterdam)", "table"),
    ("Grade\tLow\tHigh\tChange", "table"),
    ("Product   Basis   Unit   Price   Chg", "table"),
    # think-tank and report pages
    ("Suggested citation: Ruiz, A. (2026). Copper and the Andes. Lima Institute.", "report"),
    ("How to cite this paper:", "report"),
    ("Funding for this brief came from the Ford Foundation.", "report"),
    (
        "This paper was commissioned by the Japan Oil, Gas and Metals National Corporation.",
        "report",
    ),
    ("Full report: Critical minerals and the energy transition (PDF, 3 MB)", "report"),
    ("Chinese export controls: a primer (PDF)", "report"),
    ("About the author", "report"),
    ("Ana Ruiz is a fellow at the Lima Institute, where she directs its mining programme.", "bio"),
    ("Her research focuses on cobalt supply chains in Congo and Zambia.", "bio"),
    ("This commentary is part of the Energy Security Project's series on China.", "promo"),
    # customs and government notices
    ("S.R.O. 887(I)/2026", "filing"),
    ("Notification No. 45/2026-Customs dated 12 March 2026", "filing"),
    ("MOFCOM Announcement No. 61 [2023]", "filing"),
    ("Signed by: Director General, Trade Remedies", "filing"),
    ("Copy to: All Chief Commissioners of Customs", "filing"),
    ("Page 3 of 7", "filing"),
    ("Annex II", "filing"),
    ("Appendix A: Harmonised System codes covered", "filing"),
    ("Our ref: DTI/EXP/2026/14", "filing"),
    ("Issued by the Press Secretariat of the President's Office.", "filing"),
    ("Decisions of the Council of Ministers, 3 May 2026 (Notice No. 14/2026)", "filing"),
    ("The Lithium Letter - Issue 212", "filing"),
    ("Nickel Weekly | Edition 40, March 2026", "filing"),
    ("This live blog is now closed.", "social"),
    ("For the full text of the decision, see the ministry's website.", "social"),
    ("Follow the embassy on social media.", "call"),
    ("Price data: assessments are indicative and not offers to trade.", "legal"),
    ("Reporter: Ana Ruiz; Producer: Tom Lee", "broadcast"),
    ("Executive producer: Sam Holmes", "broadcast"),
    ("Aired: March 3, 2026", "broadcast"),
    ("Duration: 42:10", "broadcast"),
    ("Reference: Customs Notice 14/2026", "filing"),
    ("SOURCE Albemarle Corporation", "filing"),
    ("Note: Prices are weekly averages of daily assessments.", "table"),
    ("Totals may not add up due to rounding.", "table"),
    ("Table 2: Cobalt exports by destination, 2025", "table"),
    ("Figure 3. Rare-earth oxide output by country", "table"),
    ("Keywords: cobalt; Congo; export quotas", "report"),
    ("This content was produced by the Cobalt Forum, an industry body.", "promo"),
    ("Corrected at 10:41 GMT", "correction"),
    ("This version corrects the name of the Zambian mines minister.", "correction"),
    ("The Journal regrets the error.", "correction"),
    ("A previous version of this brief misstated Eramet's stake.", "correction"),
    ("This is an automated transcript and may contain errors.", "broadcast"),
    ("Transcripts are created on a rush deadline by a contractor.", "broadcast"),
    ("Please check the corresponding audio before quoting in print.", "broadcast"),
    ("Hosted and produced by Ana Ruiz", "broadcast"),
    ("Rate and review us on Apple Podcasts.", "broadcast"),
    ("[F. No. 1(5)Tar-I/2026]", "filing"),
    ("Copy for information to: The Chief Collector of Customs, Karachi", "filing"),
    ("For and on behalf of the Board of Directors", "filing"),
    ("Filing date: March 3, 2026", "filing"),
    ("CIK: 0000915913", "filing"),
    ("ISBN 978-1-23456-789-0", "filing"),
    ("Ministry of Commerce, Announcement No. 61, accessed March 3, 2026.", "report"),
    ("This work is licensed under a Creative Commons Attribution 4.0 licence.", "report"),
    ("Data compiled by Bloomberg", "table"),
    ("Welcome back to Metals Hour, I'm Ana Ruiz.", "broadcast"),
    ("You're listening to The Cobalt Podcast from Lima.", "broadcast"),
    ("We'll be right back after this.", "broadcast"),
    ("The Institute does not take specific policy positions.", "report"),
    ("This commentary was originally published by Nikkei Asia.", "promo"),
    ("Copper stocks in LME warehouses (tonnes)", "table"),
    # tags, shares, translations and agency credits
    ("Link copied", "widget"),
    ("Print this article", "widget"),
    ("Translated from Spanish by Ana Ruiz.", "credit"),
    ("Adapted from the Japanese original", "credit"),
    ("— With inputs from agencies", "credit"),
    ("(Xinhua)", "credit"),
    ("-- Bloomberg", "credit"),
]

STORY: list[str] = [
    "Correction of the copper price in May prompted Codelco to cut its output forecast.",
    "Corrections in lithium prices pushed Albemarle to delay its Kemerton expansion.",
    "The update to the tariff schedule means China will restrict graphite exports.",
    "It was amended to ban exports of gallium to the United States.",
    '"This is a clear signal," the chief executive said: "the market has changed."',
    "LIMA, Feb. 24 (Reuters) - Peru suspended the Las Bambas mine's permit on Monday.",
    "Speakers at the conference in Perth said Lynas would expand its plant.",
    "Guests of the president included the chief executive of Eramet.",
    "HOST: What does the Indonesian ban mean for nickel buyers?",
    "Anchor: Welcome back to Market Watch.",
    "Editor's choice aside, the ministry said it would ban exports of bauxite.",
    "Source data from the ministry show China imported 40% more cobalt in May.",
    "Note that China banned exports of gallium to the United States in December.",
    "The table shows China controls 90% of rare-earth refining.",
    "Reference prices for cobalt rose 3% after Congo extended its ban.",
    "Hosted by the Indonesian government, the summit agreed a nickel price floor.",
    "Welcome to Indonesia, the minister told the visiting Chinese delegation.",
    "We'll be watching whether Congo extends the cobalt ban, an analyst said.",
    "Corrected figures from the ministry show exports of cobalt fell 30% in May.",
    "Copy of the decree was sent to Glencore and CMOC, the ministry said.",
    "Data from the ministry show China imported 40% more cobalt in May.",
    "China's exports of gallium (in tonnes) fell 60% after the ban took effect.",
    "14:32 - The ministry said it will ban exports of gallium from Dec. 1.",
    "The filing on Form 8-K shows Piedmont Lithium agreed to merge with Sayona Mining.",
    "Filed with the SEC on Monday, the document shows Albemarle agreed to sell Ketjen.",
    "The announcement contains details of Rio Tinto's purchase of Arcadium Lithium.",
    "He was charged with trading on inside information under the Market Abuse Regulation.",
    "Not for the first time, China restricted exports of gallium to the United States.",
    "Prices of cobalt rose after Congo extended its export ban, traders said.",
    "Prices in yuan rose 3% as China restricted exports.",
    "Prices as low as $9,000 a tonne forced Albemarle to cut output.",
    "The ban applies to all grades of gallium unless otherwise specified.",
    "Issued by the commerce ministry, the rules ban exports of processing technology.",
    "Funding for the Thacker Pass mine came from a $2.26 billion federal loan.",
    "The report was funded by the Australian government and found China refines 90%.",
    "This project is part of a $2 billion investment by Rio Tinto.",
    "Ana Ruiz is a senior fellow at the Lima Institute.",
    "About 40% of Indonesia's nickel output is controlled by Tsingshan.",
    "Page Industries signed a deal to buy lithium from Pilbara Minerals.",
    "Annex Mining agreed to acquire a 51% stake in the Kipushi zinc mine.",
    "Schedule a meeting with the trade minister, the envoy told reporters.",
    "China Issues Notice No. 61 on Rare Earths",
    "Issued by the Ministry of Commerce, the notice bans exports of gallium.",
    "The issue of lithium exports dominated the talks, officials said.",
    "Follow-up talks between Japan and Indonesia are planned for June.",
    "Prices are indicative of a tight market, traders said.",
    "For the full year, Albemarle expects lithium sales to rise 10%.",
    "Inputs from China fell sharply in the second quarter.",
    "Translated into action, the ban means China will stop exports of antimony.",
    "Distribution of the cobalt quota will be handled by Congo's ARECOMS.",
    "This transcript shows Glencore agreed to sell its stake in Kamoto Copper.",
    "The documentary on Congo's cobalt mines airs on Sunday, the broadcaster said.",
]


@pytest.mark.parametrize(("line", "reason"), FURNITURE)
def test_furniture_gets_its_class(line: str, reason: str) -> None:
    assert line_reason(line) == reason


@pytest.mark.parametrize("line", STORY)
def test_story_line_of_the_same_shape_stays(line: str) -> None:
    assert line_reason(line) is None


def test_a_table_row_between_its_head_and_the_story_is_not_boilerplate() -> None:
    """The head and unit rows of a price table are furniture; the rows with the figures
    are not (the story may need them), so the classifier leaves them to extraction."""
    text = (
        "Cobalt eases as Congo quota bites\n\n"
        "LONDON, March 3 - Cobalt prices eased on Tuesday, traders said.\n\n"
        "Metal          Close      Chg     %Chg\n"
        "Cobalt (Rotterdam)   $33,750/t   -400   -1.2%\n"
        "Prices as of 16:00 GMT\n\n"
        "Congo's quota system took effect in October, the regulator said.\n"
    )
    flagged = [text[s:e] for s, e in boilerplate_spans(text)]
    assert "Metal          Close      Chg     %Chg" in flagged
    assert "Prices as of 16:00 GMT" in flagged
    assert not any("Rotterdam" in line for line in flagged)
