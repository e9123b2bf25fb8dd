"""Entity recall and linking on invented news sentences: the EU 2023 raw materials and
commodity forms, ministries named by a portfolio word or a minister's title, the
Commission after the EU, legal forms, people's names the model cuts short or hides a
company in, companies described by an apposition, project head nouns and their short
names, and the leaders of the G20."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import Extractor
from tests.support.extraction import mentioned, new_nodes, run


@pytest.mark.parametrize(
    ("sentence", "resource"),
    [
        ("Guinea shipped less bauxite to China in the third quarter.", "bauxite"),
        ("The refinery will turn out 1.2 million tonnes of alumina a year.", "alumina"),
        ("Turkey holds most of the world's known borate reserves.", "boron"),
        ("Prices of platinum group metals rose on Tuesday.", "platinum-group-metals"),
        ("The plant will process wolframite concentrate from Rwanda.", "wolframite"),
        ("Smelters bought mixed hydroxide precipitate from Sulawesi.", "nickel"),
        ("Exports of coking coal to Japan fell sharply.", "coking-coal"),
    ],
)
def test_published_raw_material_lists_and_forms_are_resources(
    news_extractor: Extractor, sentence: str, resource: str
) -> None:
    assert resource in mentioned(run(news_extractor, sentence))


def test_a_form_links_to_the_resource_it_is_narrower_than(news_extractor: Extractor) -> None:
    registry = news_extractor.registry
    assert registry.get("alumina") is not None and registry.get("bauxite") is not None
    from rdflib import Graph, URIRef
    from rdflib.namespace import SKOS

    from tests.support.paths import REPO

    graph = Graph().parse(REPO / "corpus" / "entities.ttl")
    ids = "https://w3id.org/cmkg/id/"
    assert (URIRef(ids + "bauxite"), SKOS.broader, URIRef(ids + "aluminium")) in graph
    assert (URIRef(ids + "palladium"), SKOS.broader, URIRef(ids + "platinum-group-metals")) in graph


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("Chipmakers based in Silicon Valley signed the deal with the miner.", "silicon-metal"),
        ("The cells use a lithium iron phosphate chemistry made in China.", "phosphate-rock"),
    ],
)
def test_a_resource_word_inside_another_name_is_not_the_resource(
    news_extractor: Extractor, sentence: str, absent: str
) -> None:
    assert absent not in mentioned(run(news_extractor, sentence))


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "South Korea's trade ministry said it would provide subsidies to anode makers.",
            "south-korea-ministry-of-trade-industry-and-energy",
        ),
        (
            "Indonesia raised nickel royalties in April. Miners met officials of the Ministry "
            "of Energy and Mineral Resources on Friday to ask for a delay.",
            "indonesia-ministry-of-energy-and-mineral-resources",
        ),
    ],
)
def test_a_ministry_is_named_by_one_word_of_its_portfolio(
    news_extractor: Extractor, text: str, body: str
) -> None:
    review = run(news_extractor, text)
    assert body in mentioned(review)
    assert body not in new_nodes(review)  # linked, not proposed again


def test_a_ministers_title_names_the_ministry_of_the_one_country_named(
    news_extractor: Extractor,
) -> None:
    text = (
        "Argentina approved two lithium projects on Monday. Economy Minister Luis Caputo "
        "said more approvals would follow."
    )
    review = run(news_extractor, text)
    body = next(c for c in review.candidates if c.node == "argentina-ministry-of-economy")
    assert body.type == "GovernmentBody"
    assert body.properties["jurisdiction"] == ["argentina"]


@pytest.mark.parametrize(
    "text",
    [
        # two countries named: whose minister is not said
        "Chile and the United States met. Finance Minister Mario Reyes said talks went well.",
        "Prime Minister Ana Duarte of Chile said talks went well.",  # no portfolio
    ],
)
def test_a_ministers_title_proposes_no_ministry_when_unsure(
    news_extractor: Extractor, text: str
) -> None:
    review = run(news_extractor, text)
    assert not [n for n, t in new_nodes(review).items() if t == "GovernmentBody"]


def test_the_commission_after_the_eu_is_the_european_commission(
    news_extractor: Extractor,
) -> None:
    text = (
        "The European Union wants more refining at home. The Commission's vice-president "
        "said funding would follow."
    )
    review = run(news_extractor, text)
    assert "european-commission" in mentioned(review)


def test_a_commission_with_its_own_name_is_not_the_european_commission(
    news_extractor: Extractor,
) -> None:
    text = (
        "The European Union wants more refining at home. The Atlantic Fisheries Commission "
        "said quotas would follow."
    )
    assert "european-commission" not in mentioned(run(news_extractor, text))


@pytest.mark.parametrize(
    ("sentence", "company"),
    [
        (
            "It signed an offtake agreement with German supplier Schaeffler AG for magnets.",
            "schaeffler",
        ),
        (
            "The lender said Keliber Oy, its lithium project in Finland, had secured a loan.",
            "keliber",
        ),
    ],
)
def test_a_european_legal_form_is_left_out_of_the_slug(
    news_extractor: Extractor, sentence: str, company: str
) -> None:
    assert new_nodes(run(news_extractor, sentence)).get(company) == "Company"


def test_a_company_word_inside_a_persons_name_is_the_person(news_extractor: Extractor) -> None:
    review = run(
        news_extractor,
        "The provinces want a harder line. Doug Ford, the premier of Ontario, has threatened "
        "to restrict exports.",
    )
    assert new_nodes(review).get("doug-ford") == "Person"
    assert "ford" not in new_nodes(review) and "ford" not in mentioned(review)


def test_a_name_the_model_cuts_short_keeps_its_last_word(news_extractor: Extractor) -> None:
    text = (
        "India is looking for lithium abroad. Mines Minister G. Kishan Reddy met Catamarca "
        "Governor Raúl Jalil on Tuesday to review progress. Reddy said results were due."
    )
    review = run(news_extractor, text)
    assert new_nodes(review).get("g-kishan-reddy") == "Person"
    assert "reddy" not in new_nodes(review)


def test_an_apposition_of_a_kind_of_company_makes_a_company(news_extractor: Extractor) -> None:
    text = (
        "Chinese magnet makers have found a new way into the car industry. Ningbo Yunsheng, "
        "one of China's largest producers of sintered magnets, has proposed a joint venture."
    )
    assert new_nodes(run(news_extractor, text)).get("ningbo-yunsheng") == "Company"


def test_a_dotted_initialism_is_written_as_the_registry_writes_it(
    news_extractor: Extractor,
) -> None:
    text = "The deal gives the U.S.-Ukraine Reconstruction Investment Fund a first project."
    assert "us-ukraine-reconstruction-investment-fund" in new_nodes(run(news_extractor, text))


@pytest.mark.parametrize(
    ("text", "project"),
    [
        ("Iluka will draw on the loan for the Eneabba rare earths refinery.", "eneabba-refinery"),
        ("The company will develop the Dobra lithium deposit in central Ukraine.", "dobra-deposit"),
    ],
)
def test_a_project_keeps_its_head_noun(news_extractor: Extractor, text: str, project: str) -> None:
    assert new_nodes(run(news_extractor, text)).get(project) == "Project"


def test_a_project_is_named_again_without_its_head_noun(news_extractor: Extractor) -> None:
    text = (
        "The company will develop the Dobra lithium deposit in central Ukraine. "
        "Dobra holds one of the largest lithium resources in Europe."
    )
    review = run(news_extractor, text)
    assert "dobra" not in new_nodes(review)
    dobra = [m for m in review.mentions if m.entity == "dobra-deposit"]
    assert dobra and text[dobra[0].start : dobra[0].end] == "Dobra"


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("Markets rallied after the Trump-Xi meeting in Busan.", "xi-jinping"),
        ("Tariffs announced by the Biden administration take effect in January.", "joe-biden"),
        ("Lula said Brazil would not sell its rare earths cheaply.", "luiz-inacio-lula-da-silva"),
    ],
)
def test_g20_leaders_are_known(news_extractor: Extractor, sentence: str, person: str) -> None:
    assert person in mentioned(run(news_extractor, sentence))


def test_the_uae_is_a_country(news_extractor: Extractor) -> None:
    review = run(news_extractor, "The UAE offered to build an alumina refinery in Guinea.")
    assert "united-arab-emirates" in mentioned(review)
    assert "uae" not in new_nodes(review)


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        (
            "Leaders of the Shanghai Cooperation Organisation met in Tianjin.",
            "shanghai-cooperation-organisation",
        ),
        (
            "The company filed a claim at ICSID against the government.",
            "international-centre-for-settlement-of-investment-disputes",
        ),
        ("BRICS members discussed a grain exchange.", "brics"),
    ],
)
def test_intergovernmental_bodies_are_known(
    news_extractor: Extractor, sentence: str, body: str
) -> None:
    assert body in mentioned(run(news_extractor, sentence))
