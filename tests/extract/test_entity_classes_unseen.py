"""Entity classes that fresh articles by new writers missed, on invented sentences: national
institutions named without their country, lowercase ministries, agencies whose name opens with
a demonym, legal forms, short names of companies named before, sources introduced by what
they are, organisations and people the model types wrongly, and the market city of a share
move (no place)."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from tests.support.extraction import found, mentioned, new_nodes, run


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Bolivia plans a new royalty. The Cabinet of Ministers approved the draft on "
            "Tuesday after a long debate in Bolivia.",
            "bolivia-cabinet-of-ministers",
        ),
        (
            "Chile will cap copper exports. Exporters must register with the Directorate "
            "General of Customs Control, officials in Chile said.",
            "chile-directorate-general-of-customs-control",
        ),
        (
            "Peru raised its tin royalty. Exporters must file returns with the Secretariat of "
            "Finance by March.",
            "peru-secretariat-of-finance",
        ),
    ],
)
def test_a_national_institution_without_its_country_gets_the_articles_country(
    news_extractor: Extractor, text: str, body: str
) -> None:
    assert new_nodes(run(news_extractor, text)).get(body) == "GovernmentBody"


def test_a_country_named_after_a_ministry_is_not_its_home(news_extractor: Extractor) -> None:
    text = (
        "Kenya wants more magnets. Kenya imported most of them last year. The Ministry of "
        "Heavy Engineering asked Japan's trade ministry to speed up licences."
    )
    nodes = new_nodes(run(news_extractor, text))
    assert "kenya-ministry-of-heavy-engineering" in nodes
    assert "japan-ministry-of-heavy-engineering" not in nodes


def test_a_minister_of_a_portfolio_names_the_ministry(news_extractor: Extractor) -> None:
    text = (
        "Ghana will ban raw manganese exports. The plan was put forward by the Minister of "
        "Lands and Forestry Development, Kwame Osei, on Monday."
    )
    nodes = new_nodes(run(news_extractor, text))
    assert nodes.get("ghana-ministry-of-lands-and-forestry-development") == "GovernmentBody"
    assert nodes.get("kwame-osei") == "Person"


def test_a_lowercase_ministry_the_registry_lacks_is_proposed(news_extractor: Extractor) -> None:
    review = run(news_extractor, "Gabon's trade ministry halted shipments of manganese ore.")
    assert new_nodes(review).get("gabon-ministry-of-trade") == "GovernmentBody"


@pytest.mark.parametrize(
    ("text", "body", "not_body"),
    [
        (
            "The Philippine Senate passed the ore bill on Monday.",
            "philippine-senate",
            "philippines-senate",
        ),
        ("Chile's Senate rejected the lithium bill.", "chile-senate", "us-congress"),
    ],
)
def test_a_legislature_named_by_its_common_noun(
    news_extractor: Extractor, text: str, body: str, not_body: str
) -> None:
    nodes = found(run(news_extractor, text))
    assert body in nodes and not_body not in nodes


def test_a_legislature_in_apposition_is_the_name_before_it(news_extractor: Extractor) -> None:
    text = "The deal must be ratified by the Saeima, Latvia's parliament, next week."
    assert "latvia-parliament" not in new_nodes(run(news_extractor, text))


def test_an_agency_whose_name_opens_with_a_demonym_keeps_it(news_extractor: Extractor) -> None:
    text = "The Danish Energy Agency approved a grant for the refinery."
    nodes = new_nodes(run(news_extractor, text))
    assert nodes.get("danish-energy-agency") == "GovernmentBody"
    assert "denmark-energy-agency" not in nodes


def test_an_organisation_whose_name_opens_with_a_demonym_is_whole(
    news_extractor: Extractor,
) -> None:
    text = "The state holds its share through Ghanaian Mineral Holdings Development, it said."
    assert "ghanaian-mineral-holdings-development" in new_nodes(run(news_extractor, text))


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Dhofar Nickel SAOG said on Monday it had closed the funding.", "dhofar-nickel"),
        ("Norte Cobre S.A. signed an offtake agreement with a Korean smelter.", "norte-cobre"),
    ],
)
def test_a_legal_form_is_left_out_of_a_new_companys_slug(
    news_extractor: Extractor, text: str, slug: str
) -> None:
    assert new_nodes(run(news_extractor, text)).get(slug) == "Company"


def test_a_company_named_before_is_named_again_by_its_first_words(
    news_extractor: Extractor,
) -> None:
    text = (
        "Dhofar Nickel SAOG said on Monday it had closed the funding. "
        "Dhofar Nickel shares rose 9% on the news."
    )
    nodes = new_nodes(run(news_extractor, text))
    assert nodes == {"dhofar-nickel": "Company"}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Analysts at Kestrel Metals Research said supply was tight.", "kestrel-metals-research"),
        ("Consultancy Brightwater Analytics said output fell.", "brightwater-analytics"),
        ("Analysts at Lima Ore Monitor, a newsletter, expect more cuts.", "lima-ore-monitor"),
    ],
)
def test_a_source_introduced_by_what_it_is_is_an_organisation(
    news_extractor: Extractor, text: str, source: str
) -> None:
    assert new_nodes(run(news_extractor, text)).get(source) == "Organization"


def test_a_name_before_a_spokesperson_is_an_organisation(news_extractor: Extractor) -> None:
    text = '"We are asking for time," a Moabi spokeswoman said on Tuesday.'
    assert new_nodes(run(news_extractor, text)).get("moabi") == "Organization"


def test_a_name_in_apposition_to_a_title_is_a_person(news_extractor: Extractor) -> None:
    text = "Its chief executive, Reto Imboden, said about 85,000 tonnes were affected."
    assert new_nodes(run(news_extractor, text)).get("reto-imboden") == "Person"


@pytest.mark.parametrize(
    "text",
    [
        "Shares of the miner fell 4.2% in Paris on Wednesday.",
        "Its shares rose 3.4% in Toronto after the announcement.",
    ],
)
def test_the_market_city_of_a_share_move_is_no_place(news_extractor: Extractor, text: str) -> None:
    review = run(news_extractor, text)
    assert not {s for s, t in new_nodes(review).items() if t == "Place"}
    assert "france" not in mentioned(review)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Most of the alloy came from the company's plant at Oryol, traders said.", "oryol"),
        ("A second processing line at Lastoursville is being built.", "lastoursville"),
    ],
)
def test_a_facility_at_a_place_names_the_place(
    news_extractor: Extractor, text: str, place: str
) -> None:
    assert new_nodes(run(news_extractor, text)).get(place) == "Place"


def test_at_an_organisation_is_no_place(news_extractor: Extractor) -> None:
    review = run(news_extractor, "She worked at Kestrel for a decade before joining the ministry.")
    assert "kestrel" not in {s for s, t in new_nodes(review).items() if t == "Place"}


def test_a_states_investment_authority_is_a_state_entity(news_extractor: Extractor) -> None:
    text = "The Brunei Investment Authority will invest $23 million in new shares."
    assert new_nodes(run(news_extractor, text)).get("brunei-investment-authority") == "StateEntity"
