"""Removal asks (kg.graph.removal) and what they do to the conflict rule, through the path
the build takes for one article (resolution, known events, shapes, inference)."""

from __future__ import annotations

import pytest
import rdflib

from kg.build.conflict_eval import ConflictPredictor
from kg.corpus.files import ArticleMeta
from kg.corpus.review import Candidate, Evidence, ReviewFile
from kg.graph.events import World, resolve_article
from kg.graph.removal import asks_in, request_kind
from kg.rdf.terms import CMKG, entity_iri
from tests.support.paths import REPO


@pytest.mark.parametrize(
    ("text", "classes"),
    [
        (
            "Canada offered nickel if Washington lifts its tariffs on Canadian steel",
            {"Tariff"},
        ),
        ("The United States has asked China to lift its ban on exports of gallium", None),
        ("Putin could supply aluminium if those 2023 duties are scrapped", {"Tariff"}),
        ("The firm offered the government a refinery timetable to end the export block", None),
        ("Kazakhstan seeks relief from US sanctions on its uranium miner", {"Sanction"}),
        ("The firm asked the USTR to exclude natural graphite from that tariff", {"Tariff"}),
        # off a sanctions list (invented, not dev text)
        ("Minsk offered potash in return for delisting its banks from EU sanctions", {"Sanction"}),
        ("Mongolia asked Washington to take two Mongolian traders off its sanctions list", None),
        # revoking and annulling are removals (invented sentences)
        ("The minister asked Ottawa to revoke the anti-dumping duties on its steel", {"Tariff"}),
        ("Lima urged the bloc to annul the sanctions on its refinery", {"Sanction"}),
    ],
)
def test_asks(text: str, classes: set[str] | None) -> None:
    found = asks_in(text)
    assert found
    if classes is not None:
        assert all(ask.classes == classes for ask in found)


@pytest.mark.parametrize(
    "text",
    [
        "The United States on Thursday lifted sanctions on Belaruskali, and it offered potash",
        "Tenex has offered to supply U.S. utilities with uranium under waivers",
        "The offer came after Washington lifted its tariffs on steel",  # a reported removal
        "Canada offered nickel if Washington signs the deal",  # a condition, not a removal
        "The minister said the sanctions would take effect once the plane took off",
        "The US delisted the firm in March, and it offered cobalt",  # a reported removal
    ],
)
def test_no_ask(text: str) -> None:
    assert asks_in(text) == []


OFFER = (
    "Canada has offered the United States guaranteed supplies of nickel if Washington lifts "
    "its tariffs on Canadian steel and aluminum."
)
TARIFF = "Canadian steel and aluminum have faced U.S. tariffs of 50% since June 4."
COUNTER = "Ottawa has kept its own 25% counter-tariffs on U.S. goods in place."
CURB = "China restricts exports of steel to Canada."
TEXT = " ".join([OFFER, TARIFF, COUNTER, CURB])


def event(cid: str, type_name: str, sentence: str, **props: list[str]) -> Candidate:
    start = TEXT.index(sentence)
    return Candidate(
        cid, type_name, [Evidence(start, start + len(sentence), sentence)], properties=dict(props)
    )


PROPOSAL = event(
    "proposal-1",
    "Proposal",
    OFFER,
    proposedBy=["canada"],
    proposedTo=["united-states"],
    concernsResource=["nickel"],
    date=["2025-06-11"],
)
US_TARIFF = event(
    "tariff-1",
    "Tariff",
    TARIFF,
    imposedBy=["united-states"],
    targets=["canada"],
    coversResource=["aluminium"],
    startDate=["2025-06-04"],
)
CHINA_CURB = event(
    "exportcontrol-1",
    "ExportControl",
    CURB,
    imposedBy=["china"],
    targets=["canada"],
    startDate=["2025-01-01"],
)


@pytest.fixture(scope="module")
def predictor() -> ConflictPredictor:
    return ConflictPredictor(REPO / "corpus" / "entities.ttl", REPO / "corpus" / "events.ttl")


def conflicts(predictor: ConflictPredictor, *candidates: Candidate) -> set[tuple[str, str]]:
    review = ReviewFile("article-1", candidates=list(candidates))
    found = predictor.predict("article-1", TEXT, "2025-06-12", review)
    return {(c.proposal, c.measure) for c in found}


def test_an_offer_asking_to_lift_a_measure_conflicts_with_it_whatever_it_covers(
    predictor: ConflictPredictor,
) -> None:
    """Nickel offered against tariffs on aluminium: no shared resource, but the offer asks
    the counterparty to lift them; China's curb is not the counterparty's, so not asked."""
    found = conflicts(predictor, PROPOSAL, US_TARIFF, CHINA_CURB)
    assert found == {("proposal-1", "tariff-1")}
    plain = Candidate(
        "proposal-1",
        "Proposal",
        [Evidence(0, 20, "Canada offered nickel")],
        properties=dict(PROPOSAL.properties),
    )
    assert conflicts(predictor, plain, US_TARIFF, CHINA_CURB) == set()


def test_an_undated_measure_reported_with_the_offer_is_in_force_at_it(
    predictor: ConflictPredictor,
) -> None:
    """The offer is dated the day before the article; "Ottawa has kept its counter-tariffs in
    place" states no start, and the article reporting both puts them side by side."""
    counter = event("tariff-2", "Tariff", COUNTER, imposedBy=["canada"], targets=["united-states"])
    assert ("proposal-1", "tariff-2") in conflicts(predictor, PROPOSAL, counter)


def test_a_condition_on_a_reported_known_measure_names_the_known_node(
    predictor: ConflictPredictor,
) -> None:
    """The extractor links a condition to the article's tariff mention; the mention reports
    the known 2023 duties, so the link names the known node, not the mention."""
    text = (
        "Putin could sell nickel to the US if the duties went. "
        "The 2023 US duties on Russian aluminium stay."
    )
    offer, duty = text.split(". ", 1)
    props = {
        "proposedBy": ["vladimir-putin"],
        "proposedTo": ["united-states"],
        "concernsResource": ["nickel"],
        "conditionOnMeasure": ["tariff-9"],
    }
    review = ReviewFile(
        "article-2",
        candidates=[
            Candidate("proposal-9", "Proposal", [Evidence(0, len(offer), offer)], properties=props),
            Candidate(
                "tariff-9",
                "Tariff",
                [Evidence(len(offer) + 2, len(text), duty)],
                properties={
                    "imposedBy": ["united-states"],
                    "targets": ["russia"],
                    "coversResource": ["aluminium"],
                },
            ),
        ],
    )
    meta = ArticleMeta("article-2", "t", "2026-01-10", "day", "test", "0" * 64)
    graph, resolved = predictor.assemble(meta, text, review)
    assert {e.known for e in resolved} == {None, "us-aluminium-duties-2023"}
    linked = set(
        graph.objects(
            rdflib.URIRef(entity_iri("proposal-9")), rdflib.URIRef(CMKG + "conditionOnMeasure")
        )
    )
    assert linked == {rdflib.URIRef(entity_iri("us-aluminium-duties-2023"))}


# Asks with no measure word (invented sentences): the removal word is the object of the ask.
@pytest.mark.parametrize(
    "text",
    [
        "The smelter wrote to the ministry asking it to exempt cargoes already at the port",
        "The utility has applied to the regulator for a waiver to import the fuel",
        "The trading house asked the state miner to resume shipments to its customers",
        "Seoul offered to build a smelter in Ohio in return for an exemption",
        # a licence or permit asked for is relief under a licensing regime or a ban
        "The trader said it had applied to the agency for a wind-down licence",
        "The refiner is seeking an export permit for the cargo held at the port",
    ],
)
def test_bare_asks(text: str) -> None:
    found = asks_in(text)
    assert found and all(ask.bare and ask.classes is None for ask in found)


def test_licences_are_eased_by_granting_or_speeding_them_up() -> None:
    found = asks_in("Delhi has asked Beijing to speed up licences for the magnets")
    assert [ask.classes for ask in found] == [frozenset({"ExportControl", "ImportBan"})]
    assert not any(ask.bare for ask in found)


BARE_TEXT = (
    "Peru has suspended exports of lithium concentrate. "
    "The Chinese miner asked the Peru Ministry of Energy and Mines to exempt cargoes it had "
    "already loaded. Peru also taxes copper exports."
)


def bare_event(cid: str, type_name: str, sentence: str, **props: list[str]) -> Candidate:
    start = BARE_TEXT.index(sentence)
    return Candidate(
        cid, type_name, [Evidence(start, start + len(sentence), sentence)], properties=dict(props)
    )


def test_a_bare_ask_to_a_ministry_of_a_named_country_conflicts_with_its_measure(
    predictor: ConflictPredictor,
) -> None:
    """The ministry is new to the registry: its name opens with Peru, so it is on Peru's side;
    the ask names no measure, so the one covering what the proposal concerns is meant (the
    lithium suspension, not the copper tax)."""
    sentences = BARE_TEXT.split(". ")
    ministry = bare_event(
        "peru-ministry-of-energy-and-mines", "GovernmentBody", "Peru Ministry of Energy and Mines"
    )
    ask = bare_event(
        "proposal-1",
        "Proposal",
        sentences[1],
        proposedBy=["china"],
        proposedTo=["peru-ministry-of-energy-and-mines"],
        concernsResource=["lithium"],
    )
    suspension = bare_event(
        "exportcontrol-1",
        "ExportControl",
        sentences[0],
        imposedBy=["peru"],
        coversResource=["lithium"],
    )
    tax = bare_event(
        "tariff-1",
        "Tariff",
        sentences[2].rstrip("."),
        imposedBy=["peru"],
        coversResource=["copper"],
    )
    review = ReviewFile("article-3", candidates=[ministry, ask, suspension, tax])
    found = predictor.predict("article-3", BARE_TEXT, "2026-03-18", review)
    assert {(c.proposal, c.measure) for c in found} == {("proposal-1", "exportcontrol-1")}
    meta = ArticleMeta("article-3", "t", "2026-03-18", "day", "test", "0" * 64)
    graph, _ = predictor.assemble(meta, BARE_TEXT, review)
    assert (
        rdflib.URIRef(entity_iri("peru-ministry-of-energy-and-mines")),
        rdflib.URIRef(CMKG + "jurisdiction"),
        rdflib.URIRef(entity_iri("peru")),
    ) in graph


def test_an_offer_to_the_commission_meets_the_unions_measure(predictor: ConflictPredictor) -> None:
    """The Commission acts for the Union (cmkg:jurisdiction): an offer made to it conflicts
    with the Union's duty on the proposer's goods."""
    text = "Serbia offered the European Commission lithium. The EU duty on Serbian steel applies."
    offer, duty = text.split(". ")
    review = ReviewFile(
        "article-4",
        candidates=[
            Candidate(
                "proposal-4",
                "Proposal",
                [Evidence(0, len(offer), offer)],
                properties={
                    "proposedBy": ["serbia"],
                    "proposedTo": ["european-commission"],
                    "concernsResource": ["lithium"],
                },
            ),
            Candidate(
                "tariff-4",
                "Tariff",
                [Evidence(len(offer) + 2, len(text), duty)],
                properties={"imposedBy": ["european-union"], "targets": ["serbia"]},
            ),
        ],
    )
    found = predictor.predict("article-4", text, "2026-01-10", review)
    assert {(c.proposal, c.measure) for c in found} == {("proposal-4", "tariff-4")}


@pytest.mark.parametrize(
    "text",
    [
        "The miner has applied for a mining licence for the lithium deposit",  # a concession
        "The company received an export licence in May",  # no ask
        "Exports of the ore need a licence from the ministry",
    ],
)
def test_no_licence_ask(text: str) -> None:
    assert asks_in(text) == []


def proposal(cid: str, sentence: str) -> Candidate:
    ev = Evidence(0, len(sentence), sentence)
    return Candidate(
        cid,
        "Proposal",
        [ev],
        properties={"proposedBy": ["canada"], "proposedTo": ["united-states"]},
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The minister asked Washington to revoke the duties on Canadian potash", True),
        ("Canada has asked the United States to exempt its nickel from the tariffs", True),
        # a request verb with its particle (regression: "pushed for" was an ask, not a request)
        ("Canadian miners pushed for an exemption from the US tariffs on nickel", True),
        ("Canada petitioned for the removal of the duties on its potash", True),
        ("Canada offered nickel if Washington lifts its tariffs on Canadian steel", False),
        ("Canada presented a proposal for a partnership on critical minerals", False),
    ],
)
def test_a_request_to_remove_a_measure_is_told_from_an_offer(sentence: str, expected: bool) -> None:
    assert request_kind(proposal("p", sentence)) is expected


def test_a_request_and_an_offer_of_the_same_sides_are_two_events() -> None:
    """Regression (tenth batch, statement-morocco-phosphate-cobalt-offer-us-countervailing-
    duties): the ask to revoke US duties and the partnership offer became one proposal, so
    the offer lost its conflicts and the ask its own."""
    offer = proposal("offer", "Canada presented a proposal for a partnership on critical minerals")
    ask = proposal("ask", "The minister asked Washington to revoke the duties on Canadian potash")
    world = World.from_registry(rdflib.Graph())
    kinds = {"Proposal": "proposal"}
    assert len(resolve_article([offer, ask], kinds, world)) == 1  # compatible in every role
    apart = resolve_article([offer, ask], kinds, world, request_kind)
    assert [[m.id for m in e.members] for e in apart] == [["offer"], ["ask"]]
