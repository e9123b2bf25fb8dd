"""Where a title holds when its sentence does not say: the body that issues a release or
transcript, the country around a minister the rules put in a state without ministers, the
commission a commissioner sits on."""

from __future__ import annotations

import pytest

from tests.extract.test_extract import extract, of_type


def _roles(text: str) -> dict[str, list[str]]:
    return {
        c.properties["roleOf"][0]: c.properties.get("roleIn", [])
        for c in of_type(extract(text), "Role")
    }


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        (
            "Zambia's mines minister on cobalt quotas: briefing transcript\n\n"
            "Ministry of Mines, Lusaka. Transcript of the press briefing of 3 June 2026.\n\n"
            "MINISTER JOSEPH BANDA: Good morning. Zambia will keep its cobalt export quota "
            "until December, and Zambia will review it then.\n\n"
            "Zambia produced more cobalt than ever last year.",
            "joseph-banda",
            "zambia-ministry-of-mines",
        ),
        (
            "MOFCOM regular press conference: export licences and cobalt\n\n"
            "Transcript of the Ministry of Commerce Regular Press Conference (March 5, 2026)\n"
            "Source: MOFCOM Press Office\n\n"
            "Spokesperson Lin Yuting: Good afternoon. China will issue general licences for "
            "gallium exports to European firms.\n\n"
            "China has required licences since 2023, and China will keep them.",
            "lin-yuting",
            "china-ministry-of-commerce",
        ),
    ],
)
def test_a_bare_title_in_a_release_holds_in_the_body_that_issues_it(
    text: str, person: str, body: str
) -> None:
    assert _roles(text).get(person) == [body]


def test_a_body_named_mid_sentence_in_a_wire_lead_issues_nothing() -> None:
    text = (
        "U.S. asks China to lift gallium ban\n\n"
        "WASHINGTON, Feb 14 (Wire) - The United States has asked China to lift its ban on "
        "gallium exports, a Commerce Department spokesperson said on Friday.\n\n"
        "China's foreign ministry spokesperson Guo Jiakun said China would study the request. "
        "China controls most gallium output, and China refines nearly all of it."
    )
    assert _roles(text).get("guo-jiakun") != ["us-department-of-commerce"]


@pytest.mark.parametrize(
    "title",
    ["Prime Minister", "President", "Foreign Affairs Minister"],
)
def test_a_title_with_its_own_words_is_not_the_issuers(title: str) -> None:
    text = (
        "Ministry of Mines, Lusaka. Statement on the cobalt quota.\n\n"
        f"{title} Hakainde Mwale said on Monday that Zambia would keep its cobalt quota.\n\n"
        "Zambia produced more cobalt than ever last year, and Zambia exports it all."
    )
    assert _roles(text).get("hakainde-mwale") != ["zambia-ministry-of-mines"]


@pytest.mark.parametrize(
    ("text", "person", "expected"),
    [
        (  # a formal title: the ministry of the country the article is about
            "Nigeria bans raw lithium exports, seeks US partnership\n\n"
            "The United States welcomed the plan. The Honourable Minister of Solid Minerals "
            "Development, Dr. John Okafor, said the decision was taken to build refineries.\n\n"
            "Nigeria has lithium, Nigeria wants refineries, and Nigeria will ban raw ore.",
            "john-okafor",
            "nigeria-ministry-of-solid-minerals-development",
        ),
        (  # the one other country its sentence names
            "US duties on palladium\n\n"
            "The United States imposed duties on palladium in June. The United States said "
            "the duty would stay, and the United States named three exporters.\n\n"
            "Minister of Mineral Resources Peter Dube said on Tuesday that Pretoria would ask "
            "Washington for an exclusion.",
            "peter-dube",
            None,
        ),
    ],
)
def test_a_minister_is_not_held_in_a_state_without_ministers(
    text: str, person: str, expected: str | None
) -> None:
    held = _roles(text).get(person, [])
    assert not any(h == "united-states" or h.startswith("us-") for h in held)
    if expected is not None:
        assert held == [expected]


@pytest.mark.parametrize("country", ["Georgia", "China"])
def test_a_commissioner_holds_in_the_commission_the_article_names(country: str) -> None:
    text = (
        f"{country} asked the European Commission on Monday to exempt its ferroalloys from "
        "the new safeguard.\n\n"
        f"{country} exports most of its output to Europe, and {country} wants an answer. "
        "Trade Commissioner Maros Sefcovic said the request would be studied."
    )
    assert _roles(text).get("maros-sefcovic") == ["european-commission"]


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        (  # a rank before the portfolio
            "Poland will set up a minerals fund, the government said on Monday.\n\n"
            "Deputy Industry Minister Tomasz Wrona told lawmakers that Poland imports "
            "every magnet it uses. Poland wants its own refinery, and Poland will pay for it.",
            "tomasz-wrona",
            "poland-ministry-of-industry",
        ),
        (  # a lowercase formal title in apposition, its country after the portfolio
            "Aidar Seitkali, deputy minister of industry and construction of Kazakhstan, "
            "oversees the country's push into tungsten.\n\n"
            "Kazakhstan has large deposits, and Kazakhstan wants foreign partners.",
            "aidar-seitkali",
            "kazakhstan-ministry-of-industry-and-construction",
        ),
        (  # a bare title beside the one ministry its sentence names
            "Seoul's stockpile goal looks far off\n\n"
            "China refines most rare earths, and China has curbed exports twice. China "
            "wants leverage.\n\n"
            "The Ministry of Trade, Industry and Energy earmarked 170 billion won for "
            "stockpile purchases, Minister Kim Jung-kwan told lawmakers on Tuesday.",
            "kim-jung-kwan",
            "south-korea-ministry-of-trade-industry-and-energy",
        ),
    ],
)
def test_a_title_names_the_ministry_it_holds_in(text: str, person: str, body: str) -> None:
    assert _roles(text).get(person) == [body]


def test_a_country_before_a_comma_is_not_the_titles() -> None:
    text = (
        "TASHKENT, June 3 (Wire) - Uzbekistan has offered Korean companies stakes in "
        "tungsten projects, as Seoul looks for suppliers outside China, Mining Minister "
        "Sardor Rakhimov said on Wednesday.\n\n"
        "Uzbekistan wants processing at home, and Uzbekistan has banned raw copper exports."
    )
    held = _roles(text).get("sardor-rakhimov", [])
    assert held and not any(h.startswith("china") for h in held)


def test_a_minister_of_state_names_no_ministry() -> None:
    text = (
        "Congo accused Rwanda of backing the rebels, and Congo said talks would resume.\n\n"
        "James Kabarebe, Rwanda's minister of state for regional integration, accusing him "
        "of lying, said Rwanda wanted peace."
    )
    held = _roles(text).get("james-kabarebe", [])
    assert not any("ministry-of-state" in h for h in held)


def test_a_title_with_no_plain_country_holds_in_the_one_the_article_names_most() -> None:
    text = (
        "Australia sets up a critical minerals reserve\n\n"
        "Australia will buy rare earths from its miners, the government said. Australia "
        "will spend A$1.2 billion on it, matching plans in the United States.\n\n"
        "Treasurer Jim Chalmers said the reserve would be fiscally responsible. Australia "
        "exports most of its ore, and the United States buys some of it."
    )
    assert _roles(text).get("jim-chalmers") == ["australia"]


def test_a_title_its_possessor_names_holds_there() -> None:
    text = (
        "Serbia signed a lithium partnership with the EU on Friday, and Serbia will mine "
        "the Jadar deposit.\n\n"
        "The document was signed in the presence of Maros Sefcovic, the European "
        "Commission's vice-president, at a ceremony in Belgrade. Serbia wants investors."
    )
    assert _roles(text).get("maros-sefcovic") == ["european-commission"]


def test_a_spokesperson_is_not_guessed_into_the_storys_country() -> None:
    text = (
        "U.S. asks China to resume gallium exports\n\n"
        "The United States asked China to lift its gallium ban, and the United States "
        "offered talks. China named no date.\n\n"
        '"No such offer was made," spokesperson Guo Jiakun told a regular briefing.'
    )
    assert _roles(text).get("guo-jiakun") != ["united-states"]


@pytest.mark.parametrize(
    ("sentence", "person", "org"),
    [
        (
            "Kim Ha-eun is a senior fellow at the Seoul Institute for Supply Chain Studies.",
            "kim-ha-eun",
            "seoul-institute-for-supply-chain-studies",
        ),
        (
            "Fiona Hale is director of the energy security programme at the Westbridge "
            "Institute, a London think tank.",
            "fiona-hale",
            "westbridge-institute",
        ),
        (
            '"An Indian stake would be a political signal," said Ritu Malhotra of the '
            "consultancy Anvaya Advisory.",
            "ritu-malhotra",
            "anvaya-advisory",
        ),
    ],
)
def test_a_stated_affiliation_is_a_post_in_the_organisation(
    sentence: str, person: str, org: str
) -> None:
    text = f"Lithium prices fell again this week.\n\n{sentence}"
    assert _roles(text).get(person) == [org]


def test_a_corporate_title_with_no_company_before_it_holds_in_the_articles_company() -> None:
    text = (
        "Rusal offers aluminium to US buyers\n\n"
        "Rusal has offered American buyers long-term aluminium supplies, and Rusal said "
        "the offer would stand for a year.\n\n"
        '"We can deliver at scale," chief executive Evgeny Nikitin told an industry forum.'
    )
    assert _roles(text).get("evgeny-nikitin") == ["rusal"]


def test_two_posts_in_one_apposition_are_both_held() -> None:
    text = (
        "The President signed an order to raise American mineral output.\n\n"
        "Secretary of the Interior Doug Burgum, chairman of the National Energy Dominance "
        "Council, will coordinate the work of the United States agencies."
    )
    held = _roles(text).get("doug-burgum", [])
    assert "us-department-of-the-interior" in held
    assert "national-energy-dominance-council" in held


def test_a_country_one_word_before_a_title_still_owns_it() -> None:
    text = (
        "Malawi will keep its ore export ban.\n\n"
        "Ellen Marsh, the US special envoy for critical minerals, met Malawian officials "
        "on Monday. Malawi wants refineries."
    )
    people = {c.node: c.properties for c in of_type(extract(text), "Person")}
    assert people.get("ellen-marsh", {}).get("jurisdiction") == ["united-states"]


@pytest.mark.parametrize(
    ("text", "person", "holder"),
    [
        (  # the possessor of the title: a definite noun by the head of a name before it
            "Nickel miners oppose ban\n\n"
            "The Philippine Nickel Industry Association opposed the bill on Monday. "
            '"A ban would bring closures," said Rafael Dizon, the association\'s president.',
            "rafael-dizon",
            "philippine-nickel-industry-association",
        ),
        (  # "the Council" -> the head noun of "… Council of Western Australia"
            "Producers push for exemption\n\n"
            "The Critical Minerals Producers Council of Western Australia called for an "
            'exemption on Monday. "We are ready," said Hamish Pearce, the Council\'s chief '
            "executive.",
            "hamish-pearce",
            "critical-minerals-producers-council-of-western-australia",
        ),
        (  # the possessor before a title in apposition to the name
            "Utility asks for waiver\n\n"
            "Great Plains Power Cooperative asked the Energy Department for a waiver on Monday. "
            '"We signed that contract in 2019," the cooperative\'s fuel manager, Tom Ekdahl, '
            "said.",
            "tom-ekdahl",
            "great-plains-power-cooperative",
        ),
        (  # the object of "for": a spokesperson speaks for the company, not the country
            "Mali halts exports\n\n"
            "Hainan Kodal Mining said its exports from Mali had stopped. A spokeswoman for "
            "the company, Chen Lihua, said about 40,000 tonnes were waiting in Mali.",
            "chen-lihua",
            "hainan-kodal-mining",
        ),
        (  # an organisation in compound before the title, named before
            "Boron for batteries\n\n"
            "Turkey's state boron miner Eti Maden has offered BYD a supply of boron.\n\n"
            'Eti Maden general manager Murat Aksoy said the company wanted "to be inside the '
            'battery".',
            "murat-aksoy",
            "eti-maden",
        ),
    ],
)
def test_a_title_holds_in_the_organisation_it_names(text: str, person: str, holder: str) -> None:
    assert _roles(text).get(person) == [holder]


def test_a_countrys_possessive_is_left_to_the_rules() -> None:
    text = (
        "Germany fund\n\n"
        "Germany's economy minister Katherina Reiche said the government would not "
        "repeat the mistake of depending on one country."
    )
    assert _roles(text).get("katherina-reiche") == ["germany"]


def test_a_definite_noun_names_only_an_organisation_with_that_head() -> None:
    text = (
        "Nickel miners oppose ban\n\n"
        "The Philippine Nickel Industry Association opposed the bill on Monday. "
        '"A ban would bring closures," said Rafael Dizon, the alliance\'s president.'
    )
    assert _roles(text).get("rafael-dizon") != ["philippine-nickel-industry-association"]
