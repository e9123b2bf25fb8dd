"""Trigger classes of the event extractor: one row per class member, invented sentences.

None of these sentences is copied from the dev set. Each positive row says which role of
which event type must hold which values; each negative row names an event type (and
optionally a role value) that the sentence must not produce.
"""

from __future__ import annotations

import pytest

from tests.extract.test_event_roles import assert_role_found, extract, extractor, of_type

# article body, event type, role, values the role must hold
FOUND = [
    # currencies written after the number, and the Indian numbering system
    (
        "The Ministry of Trade, Industry and Energy earmarked 80 billion won for tungsten "
        "stockpiles.",
        "SupportMeasure",
        "currency",
        {"KRW"},
    ),
    (
        "The Ministry of Trade, Industry and Energy earmarked 80 billion won for tungsten "
        "stockpiles.",
        "SupportMeasure",
        "amount",
        {"80000000000"},
    ),
    (
        "Japan approved a lithium recycling programme with an outlay of Rs 5,000 crore.",
        "SupportMeasure",
        "amount",
        {"50000000000"},
    ),
    # a scheme, fund or programme approved with an amount bound to it
    (
        "Japan's cabinet approved a $300 million incentive programme for rare earth magnets.",
        "SupportMeasure",
        "imposedBy",
        {"japan"},
    ),
    # a funding verb whose object is money of no stated amount
    (
        "The European Investment Bank is expected to contribute capital to the lithium "
        "refinery in Germany.",
        "SupportMeasure",
        "imposedBy",
        {"european-investment-bank"},
    ),
    # a raising verb's passive subject is the subject of its infinitive, not the subject
    # of the clause it is coordinated with
    (
        "Chile will contribute royalties to the fund, while Japan is expected to provide "
        "financing for the lithium plant.",
        "SupportMeasure",
        "imposedBy",
        {"japan"},
    ),
    # buying a company's equity, putting money into it, promising money
    (
        "The Pentagon agreed to buy $400 million of Lynas Rare Earths preferred stock.",
        "SupportMeasure",
        "imposedBy",
        {"us-department-of-defense"},
    ),
    (
        "France is putting €50 million from its investment plan into Glencore's nickel refinery.",
        "SupportMeasure",
        "amount",
        {"50000000"},
    ),
    (
        "The European Commission promises €2 billion over two years for rare earth recycling.",
        "SupportMeasure",
        "imposedBy",
        {"european-commission"},
    ),
    # a stake given as a percentage before the noun
    (
        "The Japanese government took a 10% stake in Lynas Rare Earths last year.",
        "SupportMeasure",
        "stake",
        {"10"},
    ),
    # support that names no beneficiary goes to the company the story is about
    (
        "Iluka Resources is building a rare earths refinery in Western Australia. The "
        "Australian Government agreed to provide an additional A$200 million loan.",
        "SupportMeasure",
        "beneficiary",
        {"iluka-resources"},
    ),
    # permits and licences that an obligation verb imposes
    (
        "Beijing required permits for antimony from September.",
        "ExportControl",
        "imposedBy",
        {"china"},
    ),
    # a blacklist: "entity list"
    (
        "China placed Glencore on its unreliable entity list on Tuesday.",
        "Sanction",
        "imposedBy",
        {"china"},
    ),
    # duties and levies: royalties, and taxes with a trade direction
    (
        "The Philippines raised the royalty on nickel ore to 5% on Monday.",
        "Tariff",
        "rate",
        {"5"},
    ),
    (
        "Zimbabwe imposed an export tax on lithium concentrate in January.",
        "Tariff",
        "imposedBy",
        {"zimbabwe"},
    ),
    # a request that a counterparty change a measure or open trade is a proposal to it
    (
        "Mongolia asked China to reopen the border crossing to coal trucks.",
        "Proposal",
        "proposedTo",
        {"china"},
    ),
    (
        "Mongolia asked China to reopen the border crossing to coal trucks.",
        "Proposal",
        "proposedBy",
        {"mongolia"},
    ),
    # "the company" as the subject of an offer is the company named before, not the speaker
    (
        "Rio Tinto opened a lithium mine in Chile. Its chief executive Jakob Stausholm said "
        "the company was open to foreign partners for a second mine.",
        "Proposal",
        "proposedBy",
        {"rio-tinto"},
    ),
    # a bloc whose members adopt a joint text: one participant stands for all
    (
        "G7 leaders endorsed a roadmap for critical minerals stockpiles on Tuesday.",
        "Agreement",
        "participant",
        {"group-of-seven"},
    ),
    # "X's agreement with Y" reports an agreement between the two
    (
        "Glencore's supply agreement with Tesla runs until 2030.",
        "Agreement",
        "participant",
        {"glencore", "tesla"},
    ),
    # stopping goods in transit is a measure against their owner
    (
        "Lithuania halted the transit of Belarusian potash through its ports.",
        "Sanction",
        "targets",
        {"belarus"},
    ),
    # a named authority's restriction needs no trade direction
    (
        "Beijing's licensing rules on gallium took effect in August.",
        "ExportControl",
        "imposedBy",
        {"china"},
    ),
    # talking with someone named is a meeting
    (
        "Germany discussed lithium supplies with Chile on Monday.",
        "Meeting",
        "participant",
        {"germany", "chile"},
    ),
    # a sourcing verb with a share of something and a "from" supplier
    (
        "Vietnam imports nearly all of its graphite from China.",
        "Dependency",
        "dependsOn",
        {"china"},
    ),
    (
        "Vietnam imports nearly all of its graphite from China.",
        "Dependency",
        "dependent",
        {"vietnam"},
    ),
    # a light verb putting exports under a licence: "made X subject to licences"
    (
        "Indonesia made shipments of nickel ore subject to permits in March.",
        "ExportControl",
        "imposedBy",
        {"indonesia"},
    ),
    (
        "Indonesia made shipments of nickel ore subject to permits in March.",
        "ExportControl",
        "coversResource",
        {"nickel"},
    ),
    # a ban verb whose own object is trade states the measure, even of no named resource
    (
        "Zimbabwe has banned exports of raw mineral ores since 2022.",
        "ExportControl",
        "imposedBy",
        {"zimbabwe"},
    ),
    # a participle before the trade noun, in a list the authority keeps
    (
        "Beijing added graphite anode technology to its list of restricted exports.",
        "ExportControl",
        "imposedBy",
        {"china"},
    ),
    # a finite restriction verb the parser hangs on the traded goods as a modifier
    (
        "Zambia has capped copper concentrate exports at 50,000 tonnes a year since May.",
        "ExportControl",
        "coversResource",
        {"copper"},
    ),
    # a request whose clause names money, a licence or a measure rather than a trade verb
    (
        "Chile asked Japan to finance a lithium refinery near Antofagasta.",
        "Proposal",
        "proposedTo",
        {"japan"},
    ),
    (
        "Australia asked China to issue general licences for its gallium buyers.",
        "Proposal",
        "proposedTo",
        {"china"},
    ),
    # a company offering a stake to a government makes an offer, not a support measure
    (
        "Vulcan Minerals offered the government of Zambia a 10% free-carried stake in "
        "its cobalt mine.",
        "Proposal",
        "proposedTo",
        {"zambia"},
    ),
    # a loan commitment is a loan
    (
        "The Export-Import Bank of the United States issued a $90 million loan commitment "
        "to a graphite mine in Tanzania.",
        "SupportMeasure",
        "amount",
        {"90000000"},
    ),
]


@pytest.mark.parametrize(("body", "kind", "role", "wanted"), FOUND)
def test_trigger_class_found(body: str, kind: str, role: str, wanted: set[str]) -> None:
    assert_role_found(body, kind, role, wanted)


# article body, event type it must not produce, and the role value that would be wrong
# (None: no candidate of that type at all)
NOT_FOUND = [
    # a project's value is not funding
    ("Chile approved three copper projects worth $2 billion on Monday.", "SupportMeasure", None),
    # a request to review, or to one's own government, proposes nothing to a counterparty
    ("Rio Tinto asked Chilean regulators to review the merger.", "Proposal", None),
    ("Mongolia's president asked the government to study curbs on coal.", "Proposal", None),
    # adopting a measure is no agreement
    ("The EU adopted sanctions on Russian aluminium on Friday.", "Agreement", None),
    # talking about something, with nobody named as the other side, is no meeting
    ("Analysts in Germany discussed the outlook for cobalt prices.", "Meeting", None),
    # makers that source their cobalt abroad are not the authority named before them
    (
        "The EU said battery makers that source most of their cobalt from Congo face audits.",
        "Dependency",
        "european-union",
    ),
    # a weak restriction verb with nothing covered only gestures at a measure
    ("Beijing began restricting exports of several metals.", "ExportControl", None),
    # a company's offer of a stake is not yet support
    (
        "Vulcan Minerals offered the government of Zambia a 10% free-carried stake in "
        "its cobalt mine.",
        "SupportMeasure",
        None,
    ),
    # buying goods is commerce, not support
    ("China bought $2 billion of cobalt from Congo last year.", "SupportMeasure", None),
    # "won" after a bare number is the verb, not the currency
    ("Glencore won 3 contracts in Chile and Zimbabwe last year.", "SupportMeasure", None),
]


@pytest.mark.parametrize(("body", "kind", "wrong"), NOT_FOUND)
def test_trigger_class_not_found(body: str, kind: str, wrong: str | None) -> None:
    found = of_type(extract(body), kind)
    if wrong is None:
        assert not found, [c.properties for c in found]
    else:
        assert not any(wrong in v for c in found for v in c.properties.values())


def test_won_is_money_only_after_a_scale_word() -> None:
    """Regression: "20 billion won" is KRW; "in 2019 won" is a year before a verb."""
    from kg.extract.quantities import MONEY_UNITS, quantities

    ex = extractor()
    for text, units in (
        ("Seoul will give 20 billion won to refiners.", {"KRW"}),
        ("The party that in 2019 won the vote backs miners.", set()),
    ):
        doc = ex.nlp(text)
        matches = [(ex.nlp.vocab.strings[m], s, e) for m, s, e in ex.matcher(doc)]
        found = {q.unit for q in quantities(doc[:], matches)}
        assert found == units, text
    assert {"KRW", "INR", "USD", "AUD"} <= MONEY_UNITS


def test_a_misparsed_listing_verb_is_found() -> None:
    """Regression: in "responded with tariffs … and added X to its export control list" the
    parser hangs the list on another conjunct and takes "added" for a modifier; the list
    still has its listing verb, so the list's words are a measure."""
    from kg.extract.measures import _listing

    doc = extractor().nlp(
        "Beijing responded with tariffs on U.S. coal and added tungsten and four other "
        "metals to its export control list."
    )
    listed = next(t for t in doc if t.lower_ == "list")
    verb = _listing(listed)
    assert verb is not None and verb.lower_ == "added"


@pytest.mark.parametrize(
    ("second", "covered"),
    [
        (
            "It still requires export licences for all three metals.",
            {"gallium", "germanium", "antimony"},
        ),
        (
            "It still requires export licences for these metals.",
            {"gallium", "germanium", "antimony"},
        ),
    ],
)
def test_a_pointing_phrase_covers_the_resources_named_before(
    second: str, covered: set[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "licences for all three metals": the resources of the article's latest measure that
    covered that many, not a measure of nothing (which would be dropped). The repeated
    mention is kept apart from the first (kg.extract.mentions would merge the two) so that
    the second frame's own roles are read."""
    monkeypatch.setattr("kg.extract.pipeline.merge_repeated", lambda found: found)
    body = f"China banned exports of gallium, germanium and antimony in December. {second}"
    found = [c for c in of_type(extract(body), "ExportControl") if "still" in c.evidence[0].quote]
    assert found and set(found[0].properties["coversResource"]) == covered


@pytest.mark.parametrize(
    ("body", "mood"),
    [
        # what a bill or an amendment would do, it proposes
        (
            "The United States said a Senate bill would impose a 30% tariff on Chinese cobalt.",
            "proposed",
        ),
        # through a relative pronoun: "a bill that would impose"
        (
            "The Senate approved a bill that would impose a 30% tariff on Chinese cobalt.",
            "proposed",
        ),
        # what a state would do is only hypothetical
        (
            "The United States said it could impose a 30% tariff on Chinese cobalt if talks fail.",
            "hypothetical",
        ),
    ],
)
def test_what_a_bill_would_do_is_proposed(body: str, mood: str) -> None:
    from kg.extract.model import load_model
    from kg.extract.syntax import modality

    doc = load_model()(body)
    tariff = next(t for t in doc if t.lower_ == "tariff")
    assert modality(tariff) == mood


# measures stated as states rather than announcements, nation nouns, licensing regimes,
# a mention pointing back at a measure only spoken of before, and bans on a party
STATES = [
    # the pronoun's possessor named as the clause's subject undergoes the measure
    (
        "Namibia says its goods have faced a U.S. tariff of 15% since August.",
        "Tariff",
        "targets",
        {"namibia"},
    ),
    # paying a tariff is undergoing it
    (
        "Japan already pays a 10% tariff on the cars it sells to the United States.",
        "Tariff",
        "targets",
        {"japan"},
    ),
    # "the French State": the nationality's country
    (
        "The French State has granted Eramet a loan of €200 million.",
        "SupportMeasure",
        "imposedBy",
        {"france"},
    ),
    # a licensing regime a named authority keeps is the measure
    (
        "China's licensing regime for tungsten and bismuth has been in force since May.",
        "ExportControl",
        "imposedBy",
        {"china"},
    ),
    # "made exports of these magnets subject to licences": the subject's resources
    (
        "Carmakers in Japan use rare-earth magnets in motors. In April, China made exports "
        "of these magnets subject to licences.",
        "ExportControl",
        "coversResource",
        {"rare-earth-magnets"},
    ),
    # "those duties" after a conditional that only spoke of them: that measure's roles
    (
        "Chile offered lithium if the EU dropped its duties on Chilean copper. Those "
        "duties, of up to 20%, have been in force since March.",
        "Tariff",
        "imposedBy",
        {"european-union"},
    ),
    (
        "Chile offered lithium if the EU dropped its duties on Chilean copper. Those "
        "duties, of up to 20%, have been in force since March.",
        "Tariff",
        "targets",
        {"chile"},
    ),
    # a ban on a party, not on goods, is a sanction
    (
        "The United States has kept a trade embargo on Cuba since 1962.",
        "Sanction",
        "targets",
        {"cuba"},
    ),
    # the imposer of a relative clause that charges the measure
    (
        "Brazil asked for relief from the 25% tariff that Washington has charged on "
        "Brazilian goods since July.",
        "Tariff",
        "imposedBy",
        {"united-states"},
    ),
    # a credit line with an amount is support
    (
        "Russia extended a credit line of 50 million euros to Glencore in January.",
        "SupportMeasure",
        "imposedBy",
        {"russia"},
    ),
]


def test_a_loan_applied_for_is_not_imposed_by_the_applicant() -> None:
    """ "a loan it has applied for from X": asking for the loan does not grant it."""
    found = of_type(
        extract(
            "Glencore said it needs a loan of up to $500 million it has applied for from the "
            "European Investment Bank."
        ),
        "SupportMeasure",
    )
    assert all("glencore" not in c.properties.get("imposedBy", []) for c in found)


# rate changes, dependencies with an adverb, a measure a minister announces
MORE = [
    # setting a new rate is the measure, stated again with its rate
    (
        "Chile lowered the export duty on lithium carbonate to 2% from 4% on Monday.",
        "Tariff",
        "rate",
        {"2"},
    ),
    # "rely almost entirely on": adverbs between the verb and its "on"
    (
        "Korean battery makers currently rely almost entirely on Chinese graphite.",
        "Dependency",
        "dependsOn",
        {"china"},
    ),
]


@pytest.mark.parametrize(("body", "kind", "role", "wanted"), STATES + MORE)
def test_measure_stated_as_a_state_or_a_new_rate_is_found(
    body: str, kind: str, role: str, wanted: set[str]
) -> None:
    assert_role_found(body, kind, role, wanted)


def test_applying_a_tariff_to_goods_targets_their_country() -> None:
    """ "applied a 20% tariff to most Peruvian goods": the goods' country is the target."""
    assert_role_found(
        "The United States has applied an additional tariff of 20% to most Peruvian goods "
        "since 7 August 2025.",
        "Tariff",
        "targets",
        {"peru"},
    )
