"""Who claims a figure whose sentence names no source, and the dependency shapes.

Every text is invented for the test (none is copied from the dev set): the attribution of
a claim to a transcript turn, a quotation, an opinion piece's author or a release's
issuer; the dependencies stated by import shares, sourcing verbs and reliance nouns; the
claim shapes "makes N% of the world's Y" and "the only source of Y".
"""

from __future__ import annotations

import pytest

from kg.corpus.review import Candidate
from kg.extract.pipeline import extract_article
from tests.extract.test_event_roles import extract, extractor, of_type, roles


def _article(text: str) -> list[Candidate]:
    ex = extractor()
    review = extract_article(text, ex.registry, "t", ex, article_date="2025-06-18")
    return review.candidates + review.held


def _claim(text: str, quote: str) -> Candidate:
    found = [c for c in _article(text) if c.type == "Claim" and quote in c.evidence[0].quote]
    assert found, f"no claim in {quote!r}"
    return found[0]


# article text, a phrase of the claim's sentence, the claimant wanted
ATTRIBUTED = [
    # a transcript turn: the label's surname is the person the article named
    (
        "Chile's mining minister on copper: briefing transcript\n\n"
        "Mining Minister Ximena Orrego spoke to reporters in Santiago on Monday.\n\n"
        "QUESTION (Radio Andes): Is the market tight?\n\n"
        "ORREGO: Yes. Peru produces about 10% of the world's mined copper. We produce more.\n",
        "Peru produces",
        "ximena-orrego",
    ),
    # a quotation a later sentence of the paragraph attributes
    (
        "Lawmakers seek magnet stockpile\n\n"
        "Senator Paula Brennan, a Democrat from Oregon, introduced the bill on Tuesday.\n\n"
        "\"China manufactures about 85% of the world's permanent magnets. That is a "
        'risk we cannot ignore," Brennan said at a hearing.\n',
        "China manufactures",
        "paula-brennan",
    ),
    # "the Minister noted": the person named with that title, not the last person named
    (
        "Ministry of Trade - Press statement\n\n"
        "The Minister of Trade, Omar Haddad, received a delegation led by Deputy Secretary "
        "Linda Cole on Tuesday.\n\n"
        "The Minister noted that Jordan holds about 2% of the world's phosphate reserves.\n",
        "Jordan holds",
        "omar-haddad",
    ),
    # an opinion piece: its byline author claims what no one else is said to
    (
        "Opinion: Europe's nickel plan needs buyers\n\n"
        "By Helena Marsh\n\n"
        "Helena Marsh is a fellow at the Nordic Policy Institute.\n\n"
        "Indonesia refines around 55% of the world's nickel, and its smelters keep growing.\n",
        "Indonesia refines",
        "helena-marsh",
    ),
    # an official release: the government its first sentence has as subject
    (
        "Press release: Canada backs graphite processing\n\n"
        "The Canadian Government today announced support for two graphite projects.\n\n"
        "China refines around 90% of the world's graphite, according to figures released "
        "with the plan.\n",
        "China refines",
        "canada",
    ),
    # a cabinet statement: the country its headline has as subject, also about itself
    (
        "Namibia to end raw lithium ore exports\n\n"
        "Cabinet decisions announced on 3 March 2025 (Statement No. 12/2025)\n\n"
        "The Cabinet approved a ban on exports of unprocessed lithium ore.\n\n"
        "Namibia is the only commercial source of high-grade petalite in Africa.\n",
        "Namibia is the only",
        "namibia",
    ),
]


@pytest.mark.parametrize(("text", "quote", "wanted"), ATTRIBUTED)
def test_a_claim_without_its_own_source_is_attributed(text: str, quote: str, wanted: str) -> None:
    assert wanted in roles(_claim(text, quote), "claimant")


# the article keeps the claim when nothing in the text says who speaks
NOT_ATTRIBUTED = [
    # wire copy with a reporter's byline: the reporter does not claim the figures
    (
        "Nickel prices climb\n\nBy Tom Baker\n\n"
        "Indonesia refines around 55% of the world's nickel, and its smelters keep growing.\n",
        "Indonesia refines",
    ),
    # a story's paragraph that mentions a press release does not make the story one
    (
        "Nickel miner expands\n\n"
        "Vale Indonesia said in a press release on Monday that it would build a third line "
        "at its Sorowako smelter to meet demand from battery makers in Asia.\n\n"
        "Indonesia refines around 55% of the world's nickel.\n",
        "Indonesia refines",
    ),
    # a section heading in capitals is not a speaker's turn
    (
        "Minerals plan announced\n\n"
        "SECURING SUPPLY: China refines around 90% of the world's graphite.\n",
        "China refines",
    ),
]


@pytest.mark.parametrize(("text", "quote"), NOT_ATTRIBUTED)
def test_no_speaker_is_guessed(text: str, quote: str) -> None:
    assert roles(_claim(text, quote), "claimant") == {"https://w3id.org/cmkg/article/t"}


def test_the_ministry_is_the_last_ministry_named_not_a_department() -> None:
    claim = _claim(
        "Molybdenum duty planned\n\n"
        "The Ministry of Economy of Armenia said on Monday it would set a duty on exports.\n\n"
        "The U.S. Treasury Department listed two traders in April.\n\n"
        "Armenia holds about 7% of the world's molybdenum reserves, according to the ministry.\n",
        "Armenia holds",
    )
    assert "us-treasury-department" not in roles(claim, "claimant")


# sentence, dependent wanted (None: no dependent named), supplier wanted
DEPENDENCIES = [
    (
        "Italy gets about 45% of its imported cobalt from Congo.",
        "italy",
        "democratic-republic-of-the-congo",
    ),
    (
        "Vietnam mines little tin. Roughly 70% of its tin imports come from Indonesia.",
        "vietnam",
        "indonesia",
    ),
    ("About 90% of Japan's gallium imports come from China.", "japan", "china"),
    ("Peru accounted for about 20% of China's copper imports last year.", "china", "peru"),
    ("Austria imports practically every rare earth magnet it uses from China.", "austria", "china"),
    (
        "France imports all of its battery-grade lithium, most of it refined in China.",
        "france",
        "china",
    ),
    ("Vietnam buys almost every lithium cell it uses from China.", "vietnam", "china"),
    # the parse takes "imports" inside a quotation for a noun that has an object
    (
        'The minister said that Chile "imports practically every cobalt cathode it uses '
        'from Japan".',
        "chile",
        "japan",
    ),
    (
        "Spain imported about 9,000 tonnes of magnets last year, almost all of them from China.",
        "spain",
        "china",
    ),
    ("Europe relies on China for nearly all of its magnesium.", "european-union", "china"),
    ("European carmakers depend heavily on Chinese graphite anodes.", None, "china"),
]


@pytest.mark.parametrize(("sentence", "dependent", "supplier"), DEPENDENCIES)
def test_dependency_shapes(sentence: str, dependent: str | None, supplier: str) -> None:
    found = of_type(extract(sentence), "Dependency")
    assert found, f"no Dependency in {sentence!r}"
    assert any(
        supplier in roles(c, "dependsOn")
        and (dependent is None or dependent in roles(c, "dependent"))
        for c in found
    ), [c.properties for c in found]


def test_our_dependence_in_a_transcript_turn_is_the_nation_spoken_for() -> None:
    found = [
        c
        for c in _article(
            "Japan's trade minister on minerals: press conference\n\n"
            "Japan will expand its stockpile of gallium, the minister said.\n\n"
            "Minister Sato: Our dependence on China for gallium is still around 70 percent.\n"
        )
        if c.type == "Dependency"
    ]
    assert any(
        roles(c, "dependent") >= {"japan"} and "china" in roles(c, "dependsOn") for c in found
    ), [c.properties for c in found]


@pytest.mark.parametrize(
    "text",
    [
        "Q: Norway imports most of its cobalt from Finland. Will that change?",
        "Does Norway import most of its cobalt from Finland?",
    ],
)
def test_a_question_states_no_dependency(text: str) -> None:
    assert not of_type(extract(text), "Dependency")


@pytest.mark.parametrize(
    "text",
    [
        "Any buyer of the ore would still depend on Chinese smelters.",
        # the reliance verbs read by the event rules, with a named dependent
        "Without a refinery, Korean cathode makers would still depend on Chinese lithium.",
        "A spokesman said any projects would depend on political will in Washington.",
        "Korea does not depend on China for lithium anymore.",
    ],
)
def test_a_hypothetical_reliance_is_no_dependency(text: str) -> None:
    assert not of_type(extract(text), "Dependency")


def test_a_stated_reliance_is_a_dependency() -> None:
    assert of_type(extract("Korea depends on China for lithium."), "Dependency")


# sentence, claim kind wanted (None: no claim)
SHAPES = [
    ("China makes about 90% of the world's rare earth magnets.", "production-share"),
    ("Madagascar is the only commercial source of flake graphite in Africa.", "production-share"),
    ("The Lynas plant now supplies about 30% of Japan's needs.", "production-share"),
    # a share in a clause that does not state a target (the target is another clause's)
    (
        "Turkey supplies around 70 percent of the world's boron, and aims to become a producer "
        "of rare earth oxides.",
        "production-share",
    ),
    # "its" after a share of the world's output is the world's
    (
        "Indonesia mines about 50% of the world's nickel and refines 40% of its cobalt.",
        "processing-share",
    ),
    # a target is never a share claim
    ("The company aims to supply 20% of the world's lithium by 2030.", None),
]


@pytest.mark.parametrize(("sentence", "kind"), SHAPES)
def test_claim_shapes(sentence: str, kind: str | None) -> None:
    found = [c for c in _article(f"Invented headline\n\n{sentence}\n") if c.type == "Claim"]
    if kind is None:
        assert not found, [c.properties for c in found]
        return
    assert any(kind in roles(c, "claimKind") for c in found), [c.properties for c in found]
