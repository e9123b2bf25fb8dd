"""Roles settled at the article's end: titles whose sentence names no holder, ministries
named elsewhere in the article or by a formal title, names split from portfolios."""

from __future__ import annotations

import pytest

from kg.extract.roles import is_title
from tests.extract.test_extract import extract, of_type


def _roles(text: str) -> dict[str, list[str]]:
    return {
        c.properties["roleOf"][0]: c.properties.get("roleIn", [])
        for c in of_type(extract(text), "Role")
    }


def _people(text: str) -> set[str]:
    return {c.node or "" for c in of_type(extract(text), "Person")}


def test_a_lede_title_holds_in_the_country_the_article_is_about() -> None:
    text = (
        "President Ana Torres welcomed the lithium venture on Monday.\n\n"
        "Peru will keep a majority stake, officials in Peru said. Peru exported more "
        "copper than any other metal last year, and Peru plans a new refinery."
    )
    assert _roles(text).get("ana-torres") == ["peru"]


def test_a_minister_holds_in_the_ministry_the_article_names_elsewhere() -> None:
    text = (
        "Zambia will raise its copper royalty next year, Mines Minister Joseph Banda "
        "said on Monday.\n\n"
        "The Zambian Ministry of Mines and Minerals Development said the new rate would "
        "apply from January. Zambia produced 700,000 tonnes of copper in Zambia last year."
    )
    assert _roles(text).get("joseph-banda") == ["zambia-ministry-of-mines-and-minerals-development"]


def test_a_formal_title_names_its_ministry_and_ends_before_the_name() -> None:
    text = (
        "Peru will tax copper concentrate exports, Deputy Minister of Energy and Mines "
        "Carla Ruiz Montoya said on Monday.\n\n"
        "Peru is the world's third-largest copper producer, and Peru wants smelters."
    )
    review = extract(text)
    people = {c.node for c in of_type(review, "Person")}
    assert "carla-ruiz-montoya" in people and "mines-carla-ruiz-montoya" not in people
    roles = {c.properties["roleOf"][0]: c.properties["roleIn"] for c in of_type(review, "Role")}
    assert roles.get("carla-ruiz-montoya") == ["peru-ministry-of-energy-and-mines"]
    bodies = {c.node for c in of_type(review, "GovernmentBody")}
    assert "peru-ministry-of-energy-and-mines" in bodies  # the new body is proposed too


def test_a_name_in_apposition_after_a_portfolio_is_the_person() -> None:
    text = (
        "The Minister of Solid Minerals Development, Dr. John Okafor, said Nigeria would "
        "ban raw lithium exports.\n\nNigeria wants refineries, and Nigeria has lithium."
    )
    people = _people(text)
    assert "john-okafor" in people
    assert "minerals-development" not in people


def test_a_corporate_title_holds_in_the_company_named_right_before_it() -> None:
    text = (
        "Zenith Lithium Corp said it would build a hydroxide plant in Nevada.\n\n"
        "Zenith Lithium chief executive Paul Hart said the plant would open in 2027."
    )
    assert _roles(text).get("paul-hart") == ["zenith-lithium-corp"]


@pytest.mark.parametrize(
    ("label", "expected"),
    [("Trade Secretary", True), ("chief executive", True), ("Ms.", False), ("Dr.", False)],
)
def test_a_title_holds_a_title_word(label: str, expected: bool) -> None:
    assert is_title(label) is expected


def test_a_courtesy_title_alone_gives_no_role() -> None:
    text = (
        "Ms. Ana Torres said the deal was signed.\n\n"
        "Peru will keep a majority stake, and Peru plans a refinery in Peru."
    )
    assert "ana-torres" not in _roles(text)


def test_a_possessive_pronoun_title_holds_in_the_company_it_names() -> None:
    text = (
        "Norway will stop nickel matte exports to Russia from June.\n\n"
        "One of the affected traders, Glencore, said it had applied for a licence. "
        "Its chief executive, Lars Haugen, said 12,000 tonnes were affected."
    )
    assert _roles(text).get("lars-haugen") == ["glencore"]


@pytest.mark.parametrize(
    ("sentence", "person", "label"),
    [
        (
            "Glencore's director general Oleg Sorokin told reporters.",
            "oleg-sorokin",
            "director general",
        ),
        (
            "Glencore general manager Aidos Sadykov said it was ready.",
            "aidos-sadykov",
            "general manager",
        ),
        (
            "APMA secretary general Rina Wibowo said it would hurt.",
            "rina-wibowo",
            "secretary general",
        ),
    ],
)
def test_a_title_spans_its_general(sentence: str, person: str, label: str) -> None:
    text = f"Kazakhstan curbs tungsten exports\n\n{sentence} Kazakhstan mines tungsten."
    labels = {c.properties["roleOf"][0]: c.label for c in of_type(extract(text), "Role")}
    assert labels.get(person) == label


def test_a_hyphenated_title_and_a_stop_word_before_it() -> None:
    text = (
        "Indonesia seeks fund\n\n"
        "Executive Vice-President Mara Lindqvist met Indonesian officials. During Minister "
        "Budi Santoso's visit, Indonesia proposed a joint fund. Indonesia mines nickel, and "
        "Indonesia wants smelters in Indonesia."
    )
    labels = {c.properties["roleOf"][0]: c.label for c in of_type(extract(text), "Role")}
    assert labels.get("mara-lindqvist") == "Vice-President"  # not "President"
    assert labels.get("budi-santoso") == "Minister"  # not "During Minister"


def test_a_title_holds_in_the_body_its_word_derives_from() -> None:
    text = (
        "Switzerland bans Russian metal products\n\n"
        "Switzerland has banned imports of aluminium made from Russian metal, the State "
        "Secretariat for Economic Affairs said on Friday.\n\n"
        "State Secretary Anna Keller said licences would be rare. Switzerland imports "
        "aluminium, and Switzerland has no smelter."
    )
    assert _roles(text).get("anna-keller") == ["state-secretariat-for-economic-affairs"]


def test_a_courtesy_title_later_does_not_replace_a_real_one() -> None:
    text = (
        "Chile weighs lithium royalty\n\n"
        "Mining Secretary Paula Reyes met buyers on Monday, a statement said. "
        "Chile exports lithium, and Chile wants refineries in Chile.\n\n"
        "Ms. Reyes said the royalty would not change."
    )
    labels = {c.properties["roleOf"][0]: c.label for c in of_type(extract(text), "Role")}
    assert labels.get("paula-reyes") == "Mining Secretary"


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia has offered US firms rare earths, said Kirill Dmitriev, who heads the "
        "Russian Direct Investment Fund.",
        "The Russian Direct Investment Fund, led by Kirill Dmitriev, has offered US firms "
        "rare earths.",
    ],
)
def test_a_person_who_leads_an_organisation_holds_a_post_in_it(sentence: str) -> None:
    text = f"Russia offers rare earths\n\n{sentence} Russia mines rare earths, and Russia too."
    assert _roles(text).get("kirill-dmitriev") == ["russian-direct-investment-fund"]
