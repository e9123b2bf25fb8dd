"""The conflict rule: derived from proposals and restrictive measures, never hand-written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
import yaml

from kg.config import load_settings
from kg.graph.inference import apply_rules
from kg.publish.canned import get_query, run_query
from kg.rdf.terms import INFERRED_GRAPH
from tests.support.minikg import PREFIXES, mini_store

CMKG = "https://w3id.org/cmkg/ontology#"
ID = "https://w3id.org/cmkg/id/"
INFERRED = pyoxigraph.NamedNode(INFERRED_GRAPH)
EV = ID + "evidence/art-new/"


def conflicts(store: pyoxigraph.Store) -> dict[tuple[str, str], set[str]]:
    """(proposal slug, measure slug) -> basis local names, read from the inferred graph."""
    result = store.query(
        f"""SELECT ?p ?m ?b WHERE {{ GRAPH <{INFERRED_GRAPH}> {{
            ?c a <{CMKG}Conflict> ; <{CMKG}proposal> ?p ; <{CMKG}measure> ?m ;
               <{CMKG}basis> ?b }} }}"""
    )
    assert isinstance(result, pyoxigraph.QuerySolutions)
    found: dict[tuple[str, str], set[str]] = {}
    for row in result:
        key = (str(row["p"].value).removeprefix(ID), str(row["m"].value).removeprefix(ID))  # type: ignore[union-attr]
        found.setdefault(key, set()).add(str(row["b"].value).removeprefix(CMKG))  # type: ignore[union-attr]
    return found


def value(store: pyoxigraph.Store, subject: str, predicate: str) -> list[str]:
    return sorted(
        q.object.value
        for q in store.quads_for_pattern(
            pyoxigraph.NamedNode(subject), pyoxigraph.NamedNode(predicate), None
        )
    )


def test_conflicts_of_the_mini_kg_with_their_bases() -> None:
    assert conflicts(mini_store()) == {
        ("aluminium-offer", "us-aluminium-duties"): {
            "ImposerIsCounterpartyJurisdiction",
            "TargetsProposerCountry",
            "CoversResource",
            "ConditionRequiresRemoval",
        },
        ("aluminium-offer", "us-sanctions-on-russia"): {
            "ImposerIsCounterpartyJurisdiction",
            "TargetsProposerCountry",
        },
        ("exploration-offer", "us-sanctions-on-russia"): {
            "ImposerIsCounterpartyJurisdiction",
            "TargetsProposerCountry",
        },
        ("murmansk-offer", "us-sanctions-on-russia"): {
            "ImposerIsCounterpartyJurisdiction",
            "TargetsProposerCountry",
        },
    }


def test_a_conflict_names_both_sides_with_reason_status_and_provenance() -> None:
    store = mini_store()
    node = ID + "conflict-aluminium-offer-us-aluminium-duties"
    assert value(store, node, CMKG + "proposal") == [ID + "aluminium-offer"]
    assert value(store, node, CMKG + "measure") == [ID + "us-aluminium-duties"]
    assert value(store, node, "http://www.w3.org/ns/prov#wasDerivedFrom") == [
        ID + "aluminium-offer",
        ID + "us-aluminium-duties",
    ]
    assert value(store, node, CMKG + "reviewStatus") == [CMKG + "Accepted"]
    [reason] = value(store, node, CMKG + "reason")
    assert reason == (
        "Aluminium supply offer (proposed by Vladimir Putin) conflicts with 2023 US duties on "
        "Russian aluminium, which was in force at the time: it is imposed within United States, "
        "the jurisdiction of the counterparty United States; it targets Russia, the proposer's "
        "country; it covers aluminium, which the proposal concerns; the proposal is conditional "
        "on its removal."
    )
    # conflictsWith both ways (symmetric), all of it in the inferred graph
    offer, duties = ID + "aluminium-offer", ID + "us-aluminium-duties"
    assert duties in value(store, offer, CMKG + "conflictsWith")
    assert value(store, duties, CMKG + "conflictsWith") == [offer]
    in_graph = list(store.quads_for_pattern(pyoxigraph.NamedNode(node), None, None, INFERRED))
    everywhere = list(store.quads_for_pattern(pyoxigraph.NamedNode(node), None, None))
    assert len(in_graph) == len(everywhere) > 6


def test_a_conflict_with_a_candidate_side_is_a_candidate() -> None:
    store = mini_store()
    node = ID + "conflict-murmansk-offer-us-sanctions-on-russia"
    assert value(store, node, CMKG + "reviewStatus") == [CMKG + "Candidate"]


def test_scope_and_shared_resource_alone_do_not_make_a_conflict() -> None:
    found = conflicts(mini_store())
    # a duty on aluminium does not restrict a rare-earth exploration offer
    assert ("exploration-offer", "us-aluminium-duties") not in found
    # support measures are not restrictive; China's controls involve no party of the offers
    assert not [key for key in found if key[1] in {"dod-price-floor", "china-export-controls"}]


NEW_FACTS = """
graph:art-new {
  article:art-new a cmkg:Article ; dcterms:date "2026-05-01"^^xsd:date .
  cmkgid:tungsten-offer a cmkg:Proposal ; rdfs:label "Tungsten offer"@en ;
      cmkg:proposedBy cmkgid:vladimir-putin ; cmkg:proposedTo cmkgid:mp-materials ;
      cmkg:concernsResource cmkgid:tungsten ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-new .
}
"""
NEW_SANCTION = """
graph:art-sanction {
  article:art-sanction a cmkg:Article ; dcterms:date "2026-04-01"^^xsd:date .
  cmkgid:us-tungsten-ban a cmkg:Sanction ; rdfs:label "US ban on Russian tungsten"@en ;
      cmkg:imposedBy cmkgid:united-states ; cmkg:targets cmkgid:russia ;
      cmkg:coversResource cmkgid:tungsten ; cmkg:startDate "__START__"^^xsd:date ; __EXTRA__
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-sanction .
}
"""


def add(store: pyoxigraph.Store, trig: str) -> None:
    store.load((PREFIXES + trig).encode(), format=pyoxigraph.RdfFormat.TRIG)


def sanction(start: str = "2026-01-01", extra: str = "") -> str:
    return NEW_SANCTION.replace("__START__", start).replace("__EXTRA__", extra)


def test_adding_a_sanction_makes_the_conflict_appear_and_removing_it_makes_it_go() -> None:
    store = mini_store(infer=False)
    add(store, NEW_FACTS)
    apply_rules(store)
    assert ("tungsten-offer", "us-tungsten-ban") not in conflicts(store)
    add(store, sanction())
    apply_rules(store)
    assert conflicts(store)[("tungsten-offer", "us-tungsten-ban")] == {
        "ImposerIsCounterpartyJurisdiction",
        "TargetsProposerCountry",
        "CoversResource",
    }
    store.remove_graph(pyoxigraph.NamedNode("https://w3id.org/cmkg/graph/art-sanction"))
    apply_rules(store)
    assert ("tungsten-offer", "us-tungsten-ban") not in conflicts(store)
    assert value(store, ID + "tungsten-offer", CMKG + "conflictsWith") == [
        ID + "us-sanctions-on-russia"
    ]


@pytest.mark.parametrize(
    ("start", "extra", "expected"),
    [
        ("2026-01-01", "", True),  # started before the proposal's article date
        ("2026-05-01", "", True),  # started the same day
        ("2026-06-01", "", False),  # started after the proposal
        ("2026-01-01", 'cmkg:endDate "2026-04-30"^^xsd:date ;', False),  # ended before
        ("2026-01-01", 'cmkg:endDate "2026-05-01"^^xsd:date ;', True),  # ends that day
    ],
)
def test_the_measure_must_be_active_at_the_proposal_date(
    start: str, extra: str, expected: bool
) -> None:
    store = mini_store(infer=False)
    add(store, NEW_FACTS + sanction(start, extra))
    apply_rules(store)
    assert (("tungsten-offer", "us-tungsten-ban") in conflicts(store)) is expected


@pytest.mark.parametrize(("published", "expected"), [("2026-04-01", True), ("2026-06-01", False)])
def test_in_force_status_counts_from_the_asserting_article_date(
    published: str, expected: bool
) -> None:
    store = mini_store(infer=False)
    undated = sanction().replace('cmkg:startDate "2026-01-01"^^xsd:date ;', "")
    undated = undated.replace("cmkg:reviewStatus", "cmkg:status cmkg:InForce ; cmkg:reviewStatus")
    undated = undated.replace('"2026-04-01"^^xsd:date', f'"{published}"^^xsd:date')
    add(store, NEW_FACTS + undated)
    apply_rules(store)
    assert (("tungsten-offer", "us-tungsten-ban") in conflicts(store)) is expected


def test_a_stated_proposal_date_wins_over_the_article_date() -> None:
    store = mini_store(infer=False)
    dated = NEW_FACTS.replace(
        "cmkg:concernsResource cmkgid:tungsten ;",
        'cmkg:concernsResource cmkgid:tungsten ; cmkg:date "2025-01-01"^^xsd:date ;',
    )
    add(store, dated + sanction())
    apply_rules(store)
    assert ("tungsten-offer", "us-tungsten-ban") not in conflicts(store)


def test_the_query_shows_a_conflict_only_when_the_measure_is_active_at_as_of() -> None:
    store = mini_store()
    query = get_query("proposals-conflicting-with-sanctions")

    def pairs(as_of: str) -> set[tuple[str, str]]:
        result = run_query(store, query, {"as_of": as_of})
        assert isinstance(result, pyoxigraph.QuerySolutions)
        return {
            (row["proposal"].value.removeprefix(ID), row["measure"].value.removeprefix(ID))  # type: ignore[union-attr]
            for row in result
        }

    assert pairs("2026-03-01") == {
        ("aluminium-offer", "us-aluminium-duties"),
        ("aluminium-offer", "us-sanctions-on-russia"),
        ("exploration-offer", "us-sanctions-on-russia"),
    }
    assert pairs("2022-06-01") == {
        ("aluminium-offer", "us-sanctions-on-russia"),
        ("exploration-offer", "us-sanctions-on-russia"),
    }
    assert pairs("2020-01-01") == set()


# -- end to end through `kg build` on a temporary copy of the seed corpus ---------------------

ARTICLE = "004_622784bdaa288db1"


def curator_entry(node: str, kind: str, label: str, props: dict, text: str, quote: str) -> dict:  # type: ignore[type-arg]
    start = text.index(quote)
    return {
        "id": f"curated-{node}",
        "type": kind,
        "status": "accepted",
        "origin": "curator",
        "confidence": 1.0,
        "node": node,
        "label": label,
        "properties": props,
        "evidence": [{"start": start, "end": start + len(quote), "quote": quote}],
    }


@pytest.mark.slow
def test_conflict_appears_and_goes_with_the_sanction_in_a_temporary_corpus(
    seed_home: Path,
) -> None:
    from kg.build.dataset import build_dataset
    from kg.rdf.store import open_store

    settings = load_settings({"home": seed_home}, environ={})
    review = settings.reviews / f"{ARTICLE}.yaml"
    text = (settings.articles / f"{ARTICLE}.txt").read_text(encoding="utf-8")
    original = yaml.safe_load(review.read_text(encoding="utf-8"))
    proposal = curator_entry(
        "putin-tungsten-offer-test",
        "Proposal",
        "Putin offers US firms tungsten",
        {
            "proposedBy": ["vladimir-putin"],
            "proposedTo": ["us-companies"],
            "concernsResource": ["tungsten"],
        },
        text,
        "Putin needs the cash and the tech",
    )
    ban = curator_entry(
        "us-tungsten-ban-test",
        "Sanction",
        "US ban on tungsten deals",
        {
            "imposedBy": ["united-states"],
            "coversResource": ["tungsten"],
            "startDate": ["2025-01-01"],
        },
        text,
        "long-term sanctions on its oil and gas sectors",
    )

    def build_with(extra: list[dict]) -> dict[tuple[str, str], set[str]]:  # type: ignore[type-arg]
        data = dict(original, candidates=[*original["candidates"], *extra])
        review.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
        build_dataset(settings)
        store = open_store(settings.store, read_only=True)
        try:
            return conflicts(store)
        finally:
            del store

    with_ban = build_with([proposal, ban])
    assert with_ban[("putin-tungsten-offer-test", "us-tungsten-ban-test")] == {
        "ImposerIsCounterpartyJurisdiction",
        "CoversResource",
    }
    without_ban = build_with([proposal])
    assert not [key for key in without_ban if key[1] == "us-tungsten-ban-test"]
    assert ("putin-tungsten-offer-test", "us-sanctions-on-russia") in without_ban
    shutil.rmtree(settings.build, ignore_errors=True)


# -- the rule on real-style text (issue 11): scope, modality, explicit counterparties ----------

ART_REAL = """
graph:art-real {
  article:art-real a cmkg:Article ; dcterms:date "2026-05-01"^^xsd:date .
  cmkgid:zelensky-offer a cmkg:Proposal ; rdfs:label "Zelensky's minerals offer"@en ;
      cmkg:proposedBy cmkgid:zelensky ; cmkg:proposedTo cmkgid:united-states , cmkgid:russia ;
      cmkg:concernsResource cmkgid:rare-earth-elements ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-real .
  cmkgid:zelensky a cmkg:Person ; cmkg:jurisdiction cmkgid:ukraine .
  cmkgid:ukraine a cmkg:Country .
  cmkgid:bessent-offer a cmkg:Proposal ; rdfs:label "Bessent's offer to Moscow"@en ;
      cmkg:proposedBy cmkgid:scott-bessent ; cmkg:proposedTo cmkgid:russian-government ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-real .
  cmkgid:open-offer a cmkg:Proposal ; rdfs:label "An offer to nobody in particular"@en ;
      cmkg:proposedBy cmkgid:vladimir-putin ; cmkg:concernsResource cmkgid:aluminium ;
      cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom article:art-real .
  __MEASURE__
}
"""
GENERIC = """cmkgid:generic-sanction a cmkg:Sanction ; rdfs:label "US sanctions"@en ;
      cmkg:imposedBy cmkgid:united-states ; cmkg:status cmkg:InForce ; __MODALITY__
      cmkg:reviewStatus cmkg:Candidate ; prov:wasDerivedFrom article:art-real ."""


def real_style(measure: str = "") -> dict[tuple[str, str], set[str]]:
    store = mini_store(infer=False)
    add(store, ART_REAL.replace("__MEASURE__", measure))
    apply_rules(store)
    return conflicts(store)


def test_a_target_among_several_counterparties_is_not_a_conflict() -> None:
    """Zelensky's offer to the US (and Russia) does not clash with US sanctions on Russia."""
    assert not [key for key in real_style() if key[0] == "zelensky-offer"]


def test_an_offer_without_an_explicit_counterparty_takes_no_part() -> None:
    """Even one that asks for the aluminium duties' removal, it names no counterparty."""
    store = mini_store(infer=False)
    add(
        store,
        ART_REAL.replace("__MEASURE__", "").replace(
            "cmkg:concernsResource cmkgid:aluminium ;",
            "cmkg:concernsResource cmkgid:aluminium ; "
            "cmkg:conditionOnMeasure cmkgid:us-aluminium-duties ;",
        ),
    )
    apply_rules(store)
    assert not [key for key in conflicts(store) if key[0] == "open-offer"]


def test_imposer_on_the_proposer_side_and_target_as_counterparty_is_a_conflict() -> None:
    found = real_style()
    assert found[("bessent-offer", "us-sanctions-on-russia")] == {
        "ImposerIsProposerJurisdiction",
        "TargetsCounterparty",
    }
    store = mini_store(infer=False)
    add(store, ART_REAL.replace("__MEASURE__", ""))
    apply_rules(store)
    [reason] = value(store, ID + "conflict-bessent-offer-us-sanctions-on-russia", CMKG + "reason")
    assert "jurisdiction of the proposer Scott Bessent" in reason
    assert "it targets Russia, to whom the proposal is made" in reason


@pytest.mark.parametrize(
    ("scope", "modality", "expected"),
    [
        ("", "", False),  # no target, no resource, no place: no scope, no conflict
        ("cmkg:targets cmkgid:russia ;", "", True),
        ("cmkg:targets cmkgid:russia ;", "cmkg:modality cmkg:Asserted ;", True),
        ("cmkg:targets cmkgid:russia ;", "cmkg:modality cmkg:Hypothetical ;", False),
        ("cmkg:targets cmkgid:russia ;", "cmkg:modality cmkg:Proposed ;", False),
        ("cmkg:targets cmkgid:russia ;", "cmkg:modality cmkg:Denied ;", False),
    ],
)
def test_a_measure_takes_part_only_when_asserted_and_scoped(
    scope: str, modality: str, expected: bool
) -> None:
    measure = GENERIC.replace("__MODALITY__", scope + " " + modality)
    found = real_style(measure)
    assert (("bessent-offer", "generic-sanction") in found) is expected
    if not expected:  # in no conflict row at all
        assert not [key for key in found if key[1] == "generic-sanction"]


@pytest.mark.parametrize("native", [True, False], ids=["fast-path", "sparql"])
@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("cmkg:InForce", True),
        ("cmkg:Lifted", False),  # "the United States on Thursday lifted sanctions on ..."
        ("cmkg:Lifted , cmkg:InForce", False),  # stated as lifted by one report
    ],
)
def test_a_lifted_measure_takes_no_part(status: str, expected: bool, native: bool) -> None:
    """Regression (dev set, wire-us-lifts-belarus-potash-sanctions): a lifted sanction, dated
    by its lifting, was in force and conflicted with the offer made the same day."""
    measure = GENERIC.replace("__MODALITY__", "cmkg:targets cmkgid:russia ;").replace(
        "cmkg:status cmkg:InForce ;",
        f'cmkg:status {status} ; cmkg:startDate "2026-01-01"^^xsd:date ;',  # the lifting's date
    )
    store = mini_store(infer=False)
    add(store, ART_REAL.replace("__MEASURE__", measure))
    apply_rules(store, native=native)
    found = conflicts(store)
    assert (("bessent-offer", "generic-sanction") in found) is expected
    if not expected:
        assert not [key for key in found if key[1] == "generic-sanction"]


@pytest.mark.parametrize(("modality", "expected"), [("Hypothetical", True), ("Denied", False)])
def test_a_denied_proposal_takes_no_part_a_conditional_one_does(
    modality: str, expected: bool
) -> None:
    store = mini_store(infer=False)
    add(
        store,
        ART_REAL.replace("__MEASURE__", "").replace(
            "cmkg:proposedTo cmkgid:russian-government ;",
            f"cmkg:proposedTo cmkgid:russian-government ; cmkg:modality cmkg:{modality} ;",
        ),
    )
    apply_rules(store)
    assert (("bessent-offer", "us-sanctions-on-russia") in conflicts(store)) is expected


def test_a_measure_reported_by_many_articles_conflicts_once() -> None:
    """One event node with the evidence of 50 articles: one conflict, one reason."""
    store = mini_store(infer=False)
    reports = "".join(
        f"""graph:rep-{i} {{ article:rep-{i} a cmkg:Article ;
              dcterms:date "2025-0{1 + i % 9}-01"^^xsd:date .
            cmkgid:us-aluminium-duties a cmkg:Tariff ; prov:wasDerivedFrom article:rep-{i} ;
              cmkg:evidence <https://w3id.org/cmkg/id/evidence/rep-{i}/0-10> . }}\n"""
        for i in range(50)
    )
    add(store, reports)
    apply_rules(store)
    found = conflicts(store)
    assert [key for key in found if key[1] == "us-aluminium-duties"] == [
        ("aluminium-offer", "us-aluminium-duties")
    ]
    node = ID + "conflict-aluminium-offer-us-aluminium-duties"
    assert len(value(store, node, CMKG + "reason")) == 1


@pytest.mark.parametrize(
    ("published", "extra", "expected"),
    [
        ("2026-04-01", "", True),  # reported before the proposal: in force then
        ("2026-06-01", "", False),  # first reported after the proposal
        ("2026-04-01", "cmkg:modality cmkg:Planned ;", False),  # not asserted
        ("2026-04-01", "cmkg:status cmkg:Planned ;", False),  # a stated status wins
    ],
)
def test_an_asserted_measure_without_start_or_status_is_in_force_once_reported(
    published: str, extra: str, expected: bool
) -> None:
    store = mini_store(infer=False)
    undated = sanction().replace('cmkg:startDate "2026-01-01"^^xsd:date ;', extra)
    undated = undated.replace('"2026-04-01"^^xsd:date', f'"{published}"^^xsd:date')
    add(store, NEW_FACTS + undated)
    apply_rules(store)
    assert (("tungsten-offer", "us-tungsten-ban") in conflicts(store)) is expected


def test_an_imposer_that_is_no_country_binds_the_actors_under_it() -> None:
    """EU sanctions on Russia vs Putin's offer to a firm under the EU's jurisdiction."""
    store = mini_store(infer=False)
    add(
        store,
        """graph:art-eu {
          article:art-eu a cmkg:Article ; dcterms:date "2026-05-01"^^xsd:date .
          cmkgid:european-union a cmkg:Organization ; rdfs:label "European Union"@en .
          cmkgid:eu-smelter a cmkg:Company ; rdfs:label "EU smelter"@en ;
              cmkg:jurisdiction cmkgid:european-union .
          cmkgid:eu-sanctions a cmkg:Sanction ; rdfs:label "EU sanctions on Russia"@en ;
              cmkg:imposedBy cmkgid:european-union ; cmkg:targets cmkgid:russia ;
              cmkg:startDate "2022-02-25"^^xsd:date ; prov:wasDerivedFrom article:art-eu .
          cmkgid:eu-offer a cmkg:Proposal ; rdfs:label "Putin's offer to an EU smelter"@en ;
              cmkg:proposedBy cmkgid:vladimir-putin ; cmkg:proposedTo cmkgid:eu-smelter ;
              prov:wasDerivedFrom article:art-eu .
        }""",
    )
    apply_rules(store)
    found = conflicts(store)
    assert found[("eu-offer", "eu-sanctions")] == {
        "ImposerIsCounterpartyJurisdiction",
        "TargetsProposerCountry",
    }
    assert not [key for key in found if key[0] == "eu-offer" and key[1] != "eu-sanctions"]
    [reason] = value(store, ID + "conflict-eu-offer-eu-sanctions", CMKG + "reason")
    assert "imposed within European Union, the jurisdiction of the counterparty EU smelter" in (
        reason
    )


# -- resources: a proposal about a broader resource concerns the narrower ones covered ------

RARE_EARTH_ASK = """
graph:art-ree {
  article:art-ree a cmkg:Article ; dcterms:date "2025-07-15"^^xsd:date .
  cmkgid:green-channel a cmkg:Proposal ; rdfs:label "A fast track for licences"@en ;
      cmkg:proposedBy cmkgid:european-commission ; cmkg:proposedTo cmkgid:china ;
      cmkg:concernsResource cmkgid:__CONCERNED__ ; prov:wasDerivedFrom article:art-ree .
  cmkgid:ree-licensing a cmkg:ExportControl ; rdfs:label "Rare-earth licensing"@en ;
      cmkg:imposedBy cmkgid:china ; cmkg:coversResource cmkgid:__COVERED__ ;
      cmkg:startDate "2025-04-04"^^xsd:date ; prov:wasDerivedFrom article:art-ree .
}
graph:entities {
  cmkgid:dysprosium a cmkg:Resource ; skos:broader cmkgid:heavy-rare-earths .
  cmkgid:heavy-rare-earths a cmkg:Resource ; skos:broader cmkgid:rare-earth-elements .
  cmkgid:rare-earth-elements a cmkg:Resource .
  cmkgid:tungsten a cmkg:Resource .
}
"""


@pytest.mark.parametrize("native", [True, False], ids=["fast-path", "sparql"])
@pytest.mark.parametrize(
    ("concerned", "covered", "expected"),
    [
        ("dysprosium", "rare-earth-elements", True),  # narrower than the covered resource
        ("rare-earth-elements", "dysprosium", True),  # broader: "rare earths" in general
        ("heavy-rare-earths", "dysprosium", True),
        ("dysprosium", "dysprosium", True),
        ("tungsten", "dysprosium", False),  # unrelated
    ],
)
def test_a_proposal_about_rare_earths_concerns_controls_on_some_rare_earths(
    concerned: str, covered: str, expected: bool, native: bool
) -> None:
    """Regression (dev set, wire-eu-wto-case-china-rare-earth-licensing): the Commission's
    ask about rare-earth licences missed China's April controls, which the registry lists by
    the heavy rare earths they cover."""
    store = mini_store(infer=False)
    trig = RARE_EARTH_ASK.replace("__CONCERNED__", concerned).replace("__COVERED__", covered)
    add(store, "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n" + trig)
    apply_rules(store, native=native)
    found = conflicts(store)
    assert (("green-channel", "ree-licensing") in found) is expected
    if expected:
        assert "CoversResource" in found[("green-channel", "ree-licensing")]


# -- a target on the imposer's own side names no one the measure stands against ------------

OWN_SIDE_TARGET = """
graph:art-own {
  article:art-own a cmkg:Article ; dcterms:date "2026-02-11"^^xsd:date .
  cmkgid:cn-producer a cmkg:Company ; rdfs:label "A Chinese lithium producer"@en ;
      cmkg:jurisdiction cmkgid:china .
  cmkgid:kr-maker a cmkg:Company ; rdfs:label "A Korean cathode maker"@en ;
      cmkg:jurisdiction cmkgid:south-korea .
  cmkgid:south-korea a cmkg:Country .
  cmkgid:refinery-offer a cmkg:Proposal ; rdfs:label "A joint refinery offer"@en ;
      cmkg:proposedBy cmkgid:cn-producer ; cmkg:proposedTo cmkgid:kr-maker ;
      cmkg:concernsResource cmkgid:lithium ; cmkg:date "2025-11-01"^^xsd:date ;
      prov:wasDerivedFrom article:art-own .
  cmkgid:tech-controls a cmkg:ExportControl ; rdfs:label "Technology export controls"@en ;
      cmkg:imposedBy cmkgid:china ; cmkg:targets cmkgid:__TARGET__ ;
      cmkg:coversResource cmkgid:lithium ;
      cmkg:startDate "2025-07-01"^^xsd:date ; prov:wasDerivedFrom article:art-own .
}
graph:entities { cmkgid:lithium a cmkg:Resource . cmkgid:china a cmkg:Country . }
"""


@pytest.mark.parametrize("native", [True, False], ids=["fast-path", "sparql"])
@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("cn-producer", True),  # under the imposer's jurisdiction: as if untargeted
        ("china", True),  # the imposer itself
        ("south-korea", True),  # the counterparty's country: the other side
        ("united-states", False),  # a third party: the measure stands elsewhere
    ],
)
def test_a_target_on_the_imposers_own_side_counts_as_no_target(
    target: str, expected: bool, native: bool
) -> None:
    """Regression (dev set, analysis-korea-lithium-hydroxide-china-jv): China's controls on
    lithium refining technology, read as "targeting" the Chinese producer whose process they
    restrict, missed the conflict with that producer's refinery offer to a Korean firm."""
    store = mini_store(infer=False)
    add(store, OWN_SIDE_TARGET.replace("__TARGET__", target))
    apply_rules(store, native=native)
    assert (("refinery-offer", "tech-controls") in conflicts(store)) is expected


@pytest.mark.parametrize("native", [True, False], ids=["fast-path", "sparql"])
@pytest.mark.parametrize(
    ("targets", "same_article", "expected"),
    [
        ("", True, True),  # untargeted, reported next to the offer
        ("", False, False),  # untargeted, only in another article (a known measure, say)
        ("cmkg:targets cmkgid:russia ;", False, True),  # it names the proposer's country
    ],
)
def test_an_untargeted_measure_meets_an_offer_only_in_an_article_reporting_both(
    targets: str, same_article: bool, expected: bool, native: bool
) -> None:
    """Regression (dev set, wire-zimbabwe-lithium-concentrate-ban-exemption-ask and
    analysis-eu-germanium-kghm-china-licence-offer-ev-duties): a known export ban that names
    no target, which the article never mentions, conflicted with every offer about its
    resource made to or by its imposer's side."""
    store = mini_store(infer=False)
    measure = sanction().replace("cmkg:targets cmkgid:russia ;", targets)
    if same_article:
        measure = measure.replace(
            "article:art-sanction .", "article:art-sanction , article:art-new ."
        )
    add(store, NEW_FACTS + measure)
    apply_rules(store, native=native)
    assert (("tungsten-offer", "us-tungsten-ban") in conflicts(store)) is expected


@pytest.mark.parametrize("native", [True, False], ids=["fast-path", "sparql"])
@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (f"<{EV}0-90>", False),  # only the offer's own sentence
        (f"<{EV}0-90> , <{EV}200-260>", True),
        (f"<{EV}200-260>", True),  # a sentence of its own
    ],
)
def test_an_untargeted_measure_read_from_the_offers_own_sentence_is_no_conflict(
    evidence: str, expected: bool, native: bool
) -> None:
    """Regression (dev set, analysis-eu-germanium-kghm-china-licence-offer-ev-duties and
    regional-malawi-ore-ban-us-exemption-ask-uranium-stake-offer): "offered to fast-track
    export licences for germanium" gave an export control of the offer's own sentence, which
    then "conflicted" with the offer through the resource it names."""
    store = mini_store(infer=False)
    offer = NEW_FACTS.replace(
        "prov:wasDerivedFrom article:art-new .",
        f"prov:wasDerivedFrom article:art-new ; cmkg:evidence <{EV}0-90> .",
    )
    measure = (
        sanction()
        .replace("cmkg:targets cmkgid:russia ;", f"cmkg:evidence {evidence} ;")
        .replace("article:art-sanction .", "article:art-sanction , article:art-new .")
    )
    add(store, offer + measure)
    apply_rules(store, native=native)
    assert (("tungsten-offer", "us-tungsten-ban") in conflicts(store)) is expected


@pytest.mark.parametrize("native", [True, False], ids=["fast-path", "sparql"])
@pytest.mark.parametrize(
    ("counterparties", "expected"),
    [
        ("cmkgid:united-states", True),
        ("cmkgid:united-states , cmkgid:us-buyer", True),  # both on the US side
        ("cmkgid:united-states , cmkgid:japan", False),  # only one of them is bound
    ],
)
def test_an_untargeted_measure_binds_only_an_offer_to_its_imposers_side(
    counterparties: str, expected: bool, native: bool
) -> None:
    """Regression (dev set, wire-uzbekistan-tungsten-stakes-offer-korea): an offer to Korean
    firms whose counterparties also held China "conflicted" with China's untargeted tungsten
    controls; like a target that is only one of several counterparties, an imposer that is
    only one of them does not put the offer within the measure."""
    store = mini_store(infer=False)
    offer = NEW_FACTS.replace("cmkgid:mp-materials", counterparties).replace(
        "cmkgid:tungsten-offer a",
        "cmkgid:us-buyer cmkg:jurisdiction cmkgid:united-states .\n  cmkgid:tungsten-offer a",
    )
    measure = (
        sanction()
        .replace("cmkg:targets cmkgid:russia ;", "")
        .replace("article:art-sanction .", "article:art-sanction , article:art-new .")
    )
    add(store, offer + measure)
    apply_rules(store, native=native)
    assert (("tungsten-offer", "us-tungsten-ban") in conflicts(store)) is expected
