"""The curated seed corpus yields every fact issue 3 lists, each traceable to its quote.

Two layers:

* the corpus files themselves (review YAML, registry, article texts) are checked without a
  build: quotes verbatim at their offsets, nothing from boilerplate lines, every slug known;
* the seed corpus is built once per module with :func:`kg.build.dataset.build_dataset` and each
  fact is asked for with SPARQL on the built Oxigraph store (pyoxigraph, never rdflib's
  engine): accepted, in its article's named graph, with evidence whose ``oa:exact`` is the
  stored text at ``oa:start``/``oa:end``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pyoxigraph
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.config import Settings, load_settings
from kg.corpus.boilerplate import boilerplate_spans
from kg.corpus.review import ReviewFile, load_review
from kg.rdf.store import open_store
from kg.rdf.terms import ARTICLE, CMKG, ENTITIES_GRAPH, ID, article_graph, sparql_prefixes
from tests.support.paths import REPO

CORPUS = REPO / "corpus"
SEEDS = ("000_5e08cd89a83175d0", "004_622784bdaa288db1")
# Words of the promo lines of the seeds (currency conversion, IRS office, casino).
PROMO_WORDS = ("quetzal", "dolares", "IRS", "San Diego", "Sands Casino", "Long Island", "Coliseum")

# ---------------------------------------------------------------------------------------------
# The facts: description -> SPARQL pattern about ?x (the assertion node), optionally a phrase
# one of its evidence quotes must contain. Literals are compared by value (FILTER), so the
# test does not depend on lexical forms such as "3800000" vs "3800000.0".
# ---------------------------------------------------------------------------------------------

FACTS: list[tuple[str, str, str | None]] = [
    # roles
    (
        "Scott Bessent is US Treasury Secretary",
        """?x a cmkg:Role ; cmkg:roleOf cmkgid:scott-bessent ;
           cmkg:roleIn cmkgid:us-treasury-department ; rdfs:label ?l .
           FILTER(CONTAINS(LCASE(STR(?l)), "treasury secretary"))""",
        None,
    ),
    (
        "Kirill Dmitriev heads Russia's sovereign wealth fund",
        """?x a cmkg:Role ; cmkg:roleOf cmkgid:kirill-dmitriev ;
           cmkg:roleIn cmkgid:russian-direct-investment-fund ; rdfs:label ?l .
           FILTER(CONTAINS(LCASE(STR(?l)), "sovereign wealth fund"))""",
        None,
    ),
    (
        "Vladimir Putin is President of Russia",
        """?x a cmkg:Role ; cmkg:roleOf cmkgid:vladimir-putin ; cmkg:roleIn cmkgid:russia ;
           rdfs:label ?l . FILTER(CONTAINS(LCASE(STR(?l)), "president"))""",
        None,
    ),
    (
        "Volodymyr Zelenskyy is President of Ukraine",
        """?x a cmkg:Role ; cmkg:roleOf cmkgid:volodymyr-zelenskyy ; cmkg:roleIn cmkgid:ukraine ;
           rdfs:label ?l . FILTER(CONTAINS(LCASE(STR(?l)), "president"))""",
        None,
    ),
    (
        "Donald Trump is President of the United States",
        """?x a cmkg:Role ; cmkg:roleOf cmkgid:donald-trump ; cmkg:roleIn cmkgid:united-states ;
           rdfs:label ?l . FILTER(CONTAINS(LCASE(STR(?l)), "president"))""",
        None,
    ),
    # proposals
    (
        "Putin offers US companies rare earths in Murmansk, Caucasus, Irkutsk, Yakutia, Tuva",
        """?x a cmkg:Proposal ; cmkg:proposedBy cmkgid:vladimir-putin ;
           cmkg:proposedTo cmkgid:us-companies , cmkgid:united-states ;
           cmkg:concernsResource cmkgid:rare-earth-elements ;
           cmkg:concernsPlace cmkgid:murmansk , cmkgid:caucasus , cmkgid:irkutsk ,
               cmkgid:yakutia , cmkgid:tuva .""",
        "Murmansk, the Caucasus, Irkutsk, Yakutia, and Tuva",
    ),
    (
        "Putin proposes joint exploration with US firms and Russian state entities",
        """?x a cmkg:Proposal ; cmkg:proposedBy cmkgid:vladimir-putin ;
           cmkg:proposedTo cmkgid:us-companies ;
           cmkg:participant cmkgid:russian-state-entities ;
           cmkg:concernsResource cmkgid:rare-earth-elements ;
           cmkg:concernsPlace cmkgid:krasnoyarsk , cmkgid:russian-far-east .""",
        "joint exploration and extraction",
    ),
    (
        "Putin offers up to 2 Mt/yr of aluminium if the 2023 duties are scrapped",
        """?x a cmkg:Proposal ; cmkg:proposedBy cmkgid:vladimir-putin ;
           cmkg:proposedTo cmkgid:united-states ; cmkg:concernsResource cmkgid:aluminium ;
           cmkg:condition ?c ; cmkg:conditionOnMeasure ?m .
           ?m a cmkg:Tariff ; cmkg:coversResource cmkgid:aluminium .
           FILTER(CONTAINS(STR(?c), "2023 duties"))""",
        "up to 2 million tons of aluminium",
    ),
    (
        "The aluminium offer's volume: 2 million tons a year",
        """?x a cmkg:Claim ; cmkg:concernsResource cmkgid:aluminium ; cmkg:quantity ?q .
           FILTER(?q = 2000000)""",
        None,
    ),
    (
        "Putin proposes extending the deals into occupied Ukraine (Donetsk)",
        """?x a cmkg:Proposal ; cmkg:proposedBy cmkgid:vladimir-putin ;
           cmkg:concernsPlace cmkgid:occupied-ukrainian-territories , cmkgid:donetsk .""",
        "Donetsk region",
    ),
    (
        "Putin hints at including annexed Ukrainian territories (2025 article)",
        """?x a cmkg:Proposal ; cmkg:proposedBy cmkgid:vladimir-putin ;
           cmkg:concernsPlace cmkgid:occupied-ukrainian-territories .""",
        "newly annexed Ukrainian territories",
    ),
    # measures
    (
        "US sanctions on Russian industries over the war in Ukraine",
        """?x a cmkg:Sanction ; cmkg:imposedBy cmkgid:united-states ; cmkg:targets cmkgid:russia ;
           cmkg:startDate ?d . FILTER(?d = "2022-02-24"^^xsd:date)""",
        "sanctions on Russian industries due to the war in Ukraine",
    ),
    (
        "The US sanctions mean deals need Treasury waivers",
        """?x a cmkg:Sanction ; cmkg:imposedBy cmkgid:united-states ; cmkg:targets cmkgid:russia .
        """,
        "sanctions waivers from the Treasury Department",
    ),
    (
        "Sanctions on Russia's oil and gas sectors, in force",
        """?x a cmkg:Sanction ; cmkg:targets cmkgid:russia ;
           cmkg:coversResource cmkgid:oil-and-gas ; cmkg:status cmkg:InForce .""",
        None,
    ),
    (
        "The 2023 US duties on Russian aluminium",
        """?x a cmkg:Tariff ; cmkg:imposedBy cmkgid:united-states ; cmkg:targets cmkgid:russia ;
           cmkg:coversResource cmkgid:aluminium ; cmkg:startDate ?d .
           FILTER(YEAR(?d) = 2023)""",
        "2023 duties",
    ),
    (
        "China's 2026 export controls on silver and tungsten",
        """?x a cmkg:ExportControl ; cmkg:imposedBy cmkgid:china ;
           cmkg:coversResource cmkgid:silver , cmkgid:tungsten ; cmkg:startDate ?d ;
           cmkg:datePrecision ?p . FILTER(YEAR(?d) = 2026 && STR(?p) = "year")""",
        None,
    ),
    (
        "US DoD price floors for domestic rare earths, in force",
        """?x a cmkg:SupportMeasure ; cmkg:imposedBy cmkgid:us-department-of-defense ;
           cmkg:coversResource cmkgid:rare-earth-elements ; cmkg:status cmkg:InForce .""",
        "minimum prices for domestic rare earths",
    ),
    (
        "An accepted fact about the Twin Metals project",
        "?x cmkg:concernsPlace cmkgid:twin-metals-project .",
        "Twin Metals project in Minnesota",
    ),
    # claims
    (
        "USGS: Russia's rare-earth reserves are 3.8 million tons",
        """?x a cmkg:Claim ; cmkg:claimant cmkgid:us-geological-survey ; cmkg:about cmkgid:russia ;
           cmkg:concernsResource cmkgid:rare-earth-elements ; cmkg:claimKind ?k ;
           cmkg:quantity ?q ; cmkg:unit ?u .
           FILTER(STR(?k) = "reserves" && ?q = 3800000 && STR(?u) = "t")""",
        "3.8 million tons",
    ),
    (
        "Kremlin: Russia's rare-earth reserves are 28 million tons",
        """?x a cmkg:Claim ; cmkg:claimant cmkgid:russian-government ; cmkg:about cmkgid:russia ;
           cmkg:concernsResource cmkgid:rare-earth-elements ; cmkg:claimKind ?k ;
           cmkg:quantity ?q ; cmkg:unit ?u .
           FILTER(STR(?k) = "reserves" && ?q = 28000000 && STR(?u) = "t")""",
        "28 million",
    ),
    (
        "Russia has the world's fifth-largest reserves",
        """?x a cmkg:Claim ; cmkg:about cmkgid:russia ; cmkg:claimKind ?k ; cmkg:quantity ?q ;
           cmkg:unit ?u . FILTER(STR(?k) = "reserves-rank" && ?q = 5 && STR(?u) = "rank")""",
        "fifth-largest",
    ),
    (
        "China controls about 90% of processing (claimed by the article)",
        """?x a cmkg:Claim ; cmkg:about cmkgid:china ; cmkg:claimant ?who ;
           cmkg:concernsResource cmkgid:rare-earth-elements ; cmkg:claimKind ?k ;
           cmkg:quantity ?q ; cmkg:unit ?u . ?who a cmkg:Article .
           FILTER(STR(?k) = "processing-share" && ?q = 90 && STR(?u) = "%")""",
        "90%",
    ),
    (
        "Russia produces about 1% of world supply",
        """?x a cmkg:Claim ; cmkg:about cmkgid:russia ; cmkg:claimKind ?k ; cmkg:quantity ?q ;
           cmkg:unit ?u . FILTER(STR(?k) = "production-share" && ?q = 1 && STR(?u) = "%")""",
        "1% of the world",
    ),
    # meetings and agreements
    (
        "Trump and Zelenskyy meet at the White House on 28 February 2025",
        """?x a cmkg:Meeting ; cmkg:participant cmkgid:donald-trump , cmkgid:volodymyr-zelenskyy ;
           cmkg:concernsPlace cmkgid:white-house ; cmkg:date ?d .
           FILTER(?d = "2025-02-28"^^xsd:date)""",
        "White House meeting",
    ),
    (
        "Dmitriev meets US representatives in Saudi Arabia",
        """?x a cmkg:Meeting ; cmkg:participant cmkgid:kirill-dmitriev , cmkgid:united-states ;
           cmkg:concernsPlace cmkgid:saudi-arabia .""",
        "Saudi Arabia",
    ),
    (
        "The minerals deal the US has been trying to ink with Kyiv",
        """?x a cmkg:Agreement ; cmkg:participant cmkgid:united-states , cmkgid:ukraine .""",
        "Kyiv",
    ),
    # dependencies
    (
        "Russia relies on Chinese refining",
        """?x a cmkg:Dependency ; cmkg:dependent cmkgid:russia ; cmkg:dependsOn cmkgid:china ;
           cmkg:forActivity ?a ; cmkg:concernsResource cmkgid:rare-earth-elements .
           FILTER(STR(?a) = "refining")""",
        "Chinese refining",
    ),
    (
        "MP Materials depends on China for processing",
        """?x a cmkg:Dependency ; cmkg:dependent cmkgid:mp-materials ; cmkg:dependsOn cmkgid:china ;
           cmkg:forActivity ?a ; cmkg:concernsResource cmkgid:rare-earth-elements .
           FILTER(STR(?a) = "processing")""",
        "dependent on China for processing",
    ),
]

# Registry entities the seeds must yield: slug, cmkg class, the seed article mentioning it.
ENTITIES: list[tuple[str, str, str]] = [
    ("vladimir-putin", "Person", SEEDS[0]),
    ("donald-trump", "Person", SEEDS[0]),
    ("volodymyr-zelenskyy", "Person", SEEDS[0]),
    ("scott-bessent", "Person", SEEDS[1]),
    ("kirill-dmitriev", "Person", SEEDS[1]),
    ("united-states", "Country", SEEDS[0]),
    ("russia", "Country", SEEDS[0]),
    ("china", "Country", SEEDS[1]),
    ("ukraine", "Country", SEEDS[1]),
    ("saudi-arabia", "Country", SEEDS[1]),
    ("us-treasury-department", "GovernmentBody", SEEDS[1]),
    ("us-department-of-defense", "GovernmentBody", SEEDS[0]),
    ("us-department-of-defense", "GovernmentBody", SEEDS[1]),
    ("us-congress", "GovernmentBody", SEEDS[0]),
    ("white-house", "GovernmentBody", SEEDS[0]),
    ("russian-government", "GovernmentBody", SEEDS[1]),
    ("us-geological-survey", "GovernmentBody", SEEDS[1]),
    ("russian-direct-investment-fund", "StateEntity", SEEDS[1]),
    ("russian-state-entities", "StateEntity", SEEDS[1]),
    ("mp-materials", "Company", SEEDS[0]),
    ("ucore", "Company", SEEDS[1]),
    ("us-companies", "Company", SEEDS[0]),
    ("us-companies", "Company", SEEDS[1]),
    ("rare-earth-elements", "Resource", SEEDS[0]),
    ("aluminium", "Resource", SEEDS[1]),
    ("neodymium", "Resource", SEEDS[1]),
    ("silver", "Resource", SEEDS[1]),
    ("tungsten", "Resource", SEEDS[1]),
    ("oil-and-gas", "Resource", SEEDS[1]),
    ("murmansk", "Region", SEEDS[0]),
    ("caucasus", "Region", SEEDS[0]),
    ("irkutsk", "Region", SEEDS[0]),
    ("yakutia", "Region", SEEDS[0]),
    ("tuva", "Region", SEEDS[0]),
    ("krasnoyarsk", "Region", SEEDS[1]),
    ("russian-far-east", "Region", SEEDS[1]),
    ("donetsk", "Region", SEEDS[1]),
    ("occupied-ukrainian-territories", "Region", SEEDS[0]),
    ("minnesota", "Region", SEEDS[1]),
    ("twin-metals-project", "Project", SEEDS[1]),
]


# ---------------------------------------------------------------------------------------------
# Corpus files (no build needed)
# ---------------------------------------------------------------------------------------------


def read_text(article_id: str) -> str:
    return (CORPUS / "articles" / f"{article_id}.txt").read_text(encoding="utf-8")


def load_registry() -> rdflib.Graph:
    return rdflib.Graph().parse(CORPUS / "entities.ttl", format="turtle")


def registry_slugs(graph: rdflib.Graph) -> set[str]:
    return {str(s)[len(ID) :] for s in graph.subjects(RDF.type, None) if str(s).startswith(ID)}


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


@pytest.fixture(scope="module")
def reviews() -> dict[str, ReviewFile]:
    return {a: load_review(CORPUS / "review" / f"{a}.yaml") for a in SEEDS}


def test_registry_classes_and_labels() -> None:
    graph = load_registry()
    for s in set(graph.subjects(RDF.type, None)):
        types = [t for t in graph.objects(s, RDF.type) if str(t).startswith(CMKG)]
        assert len(types) == 1, f"{s} needs exactly one cmkg class, has {types}"
        labels = list(graph.objects(s, RDFS.label))
        assert len(labels) == 1 and labels[0].language == "en", f"{s}: one English rdfs:label"
    for slug, cls, _ in ENTITIES:
        assert (rdflib.URIRef(ID + slug), RDF.type, rdflib.URIRef(CMKG + cls)) in graph, slug


@pytest.mark.parametrize(
    ("subject", "prop", "obj"),
    [
        ("vladimir-putin", "jurisdiction", "russia"),
        ("scott-bessent", "jurisdiction", "united-states"),
        ("us-companies", "jurisdiction", "united-states"),
        ("russian-state-entities", "jurisdiction", "russia"),
        ("ucore", "jurisdiction", "canada"),
        ("murmansk", "locatedIn", "russia"),
        ("donetsk", "locatedIn", "ukraine"),
        ("twin-metals-project", "locatedIn", "minnesota"),
        ("minnesota", "locatedIn", "united-states"),
    ],
)
def test_registry_links(subject: str, prop: str, obj: str) -> None:
    graph = load_registry()
    triple = (rdflib.URIRef(ID + subject), rdflib.URIRef(CMKG + prop), rdflib.URIRef(ID + obj))
    assert triple in graph
    assert obj in registry_slugs(graph)


@pytest.mark.parametrize(
    ("alias", "slug"),
    [
        ("Kremlin", "russian-government"),
        ("Pentagon", "us-department-of-defense"),
        ("Washington", "united-states"),
        ("U.S.", "united-states"),
        ("Moscow", "russia"),
        ("Beijing", "china"),
        ("Kyiv", "ukraine"),
        ("Treasury Department", "us-treasury-department"),
        ("USGS", "us-geological-survey"),
        ("rare earths", "rare-earth-elements"),
        ("aluminum", "aluminium"),
        ("American mining firms", "us-companies"),
        ("Russia\u2019s sovereign wealth fund", "russian-direct-investment-fund"),
        ("Far East", "russian-far-east"),
    ],
)
def test_registry_alias(alias: str, slug: str) -> None:
    graph = load_registry()
    assert (rdflib.URIRef(ID + slug), SKOS.altLabel, rdflib.Literal(alias, lang="en")) in graph


def test_review_quotes_are_verbatim_and_outside_boilerplate(
    reviews: dict[str, ReviewFile],
) -> None:
    for article_id, review in reviews.items():
        assert review.article == article_id
        text = read_text(article_id)
        promo = boilerplate_spans(text)
        curated = [c for c in review.candidates if c.origin == "curator"]
        assert curated, f"{article_id}: no curated facts"
        assert all(c.status == "accepted" and c.confidence == 1.0 for c in curated)
        for cand in review.candidates:
            assert cand.evidence, f"{cand.id} has no evidence"
            for ev in cand.evidence:
                assert text[ev.start : ev.end] == ev.quote, f"{cand.id}: quote not at offsets"
                assert not overlaps(ev.start, ev.end, promo), f"{cand.id}: quote in boilerplate"


def name_key(name: str) -> str:
    """A name compared loosely: case, hyphens, curly apostrophes and a plural 's' ignored."""
    key = name.casefold().replace("\u2019", "'").replace("-", " ")
    return key[:-1] if key.endswith("s") else key


def test_review_mentions_name_registry_entities_outside_boilerplate(
    reviews: dict[str, ReviewFile],
) -> None:
    graph = load_registry()
    for article_id, review in reviews.items():
        text = read_text(article_id)
        promo = boilerplate_spans(text)
        for m in review.mentions:
            subject = rdflib.URIRef(ID + m.entity)
            forms = {
                name_key(str(o))
                for p in (RDFS.label, SKOS.altLabel)
                for o in graph.objects(subject, p)
            }
            surface = text[m.start : m.end]
            assert name_key(surface) in forms, f"{article_id}: {surface!r} is not {m.entity}"
            assert not overlaps(m.start, m.end, promo), f"{article_id}: mention in boilerplate"
        mentioned = {m.entity for m in review.mentions}
        expected = {slug for slug, _, a in ENTITIES if a == article_id}
        assert expected <= mentioned, f"{article_id}: unmentioned {expected - mentioned}"


def test_review_slugs_resolve(reviews: dict[str, ReviewFile]) -> None:
    """Every object-property value names a registry entity, a curated node or a full IRI."""
    ontology = rdflib.Graph().parse(REPO / "ontology" / "cmkg.ttl", format="turtle")
    object_properties = {
        str(p)[len(CMKG) :] for p in ontology.subjects(RDF.type, OWL.ObjectProperty)
    }
    known = registry_slugs(load_registry())
    nodes = {c.slug for r in reviews.values() for c in r.candidates}
    for review in reviews.values():
        for cand in review.candidates:
            for prop, values in cand.properties.items():
                if prop not in object_properties:
                    continue
                for value in values:
                    assert value.startswith("https://") or value in known | nodes, (
                        f"{cand.id}.{prop}: unknown entity {value}"
                    )


def test_shared_nodes_agree_across_articles(reviews: dict[str, ReviewFile]) -> None:
    """A node curated in two articles has the same type, label and properties in both."""
    seen: dict[str, tuple[str, str | None, dict[str, list[str]]]] = {}
    for review in reviews.values():
        for cand in review.candidates:
            shape = (cand.type, cand.label, cand.properties)
            assert seen.setdefault(cand.slug, shape) == shape, cand.slug


# ---------------------------------------------------------------------------------------------
# The built seed dataset (one build per module)
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pyoxigraph.Store]:
    """The seed corpus copied to a temporary home (as ``seed_home`` does), built once."""
    from kg.build.dataset import build_dataset

    home = tmp_path_factory.mktemp("seed-build") / "seed-project"
    shutil.copytree(CORPUS, home / "corpus")
    settings: Settings = load_settings({"home": home}, environ={})
    build_dataset(settings)
    yield open_store(settings.store, read_only=True)


def select(store: pyoxigraph.Store, body: str) -> list[dict[str, str]]:
    """Rows of a SELECT as {variable: lexical value}."""
    solutions = store.query(sparql_prefixes() + body)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def evidence_matches_text(row: dict[str, str]) -> bool:
    article_id = row["src"][len(ARTICLE) :]
    text = read_text(article_id)
    return text[int(row["start"]) : int(row["end"])] == row["exact"]


SEED_GRAPHS = " ".join(f"<{article_graph(a)}>" for a in SEEDS)
EVIDENCE = """
    ?x cmkg:reviewStatus cmkg:Accepted ; prov:wasDerivedFrom ?src ; cmkg:evidence ?ev .
    ?ev a oa:SpecificResource ; oa:hasSource ?src ; oa:hasSelector ?qs , ?ps .
    ?qs a oa:TextQuoteSelector ; oa:exact ?exact .
    ?ps a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
"""


@pytest.mark.parametrize(
    ("pattern", "phrase"), [(p, q) for _, p, q in FACTS], ids=[d for d, _, _ in FACTS]
)
def test_fact_is_accepted_with_verbatim_evidence(
    seed_store: pyoxigraph.Store, pattern: str, phrase: str | None
) -> None:
    rows = select(
        seed_store,
        f"SELECT DISTINCT ?x ?src ?exact ?start ?end WHERE {{ VALUES ?g {{ {SEED_GRAPHS} }} "
        f"GRAPH ?g {{ {pattern} {EVIDENCE} }} }}",
    )
    assert rows, "no accepted assertion in a seed article graph matches"
    good = [r for r in rows if evidence_matches_text(r)]
    assert good, f"no evidence of {rows[0]['x']} is verbatim at its offsets"
    if phrase is not None:
        assert any(phrase in r["exact"] for r in good), f"no evidence quote contains {phrase!r}"


@pytest.mark.parametrize(
    ("slug", "cls", "article_id"), ENTITIES, ids=[f"{s}@{a[:3]}" for s, _, a in ENTITIES]
)
def test_entity_is_typed_and_mentioned(
    seed_store: pyoxigraph.Store, slug: str, cls: str, article_id: str
) -> None:
    query = (
        sparql_prefixes()
        + f"ASK {{ GRAPH <{ENTITIES_GRAPH}> {{ cmkgid:{slug} a cmkg:{cls} ; "
        + f"rdfs:label ?l }} GRAPH <{article_graph(article_id)}> {{ "
        + f"article:{article_id} a cmkg:Article ; schema:mentions cmkgid:{slug} }} }}"
    )
    assert seed_store.query(query)


def test_all_evidence_is_verbatim_at_its_offsets(
    seed_store: pyoxigraph.Store, reviews: dict[str, ReviewFile]
) -> None:
    rows = select(
        seed_store,
        """SELECT DISTINCT ?ev ?src ?exact ?start ?end WHERE { GRAPH ?g {
             ?ev a oa:SpecificResource ; oa:hasSource ?src ; oa:hasSelector ?qs , ?ps .
             ?qs a oa:TextQuoteSelector ; oa:exact ?exact .
             ?ps a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end . } }""",
    )
    curated = {
        (a, e.start, e.end) for a, r in reviews.items() for c in r.candidates for e in c.evidence
    }
    assert len(rows) >= len(curated)
    bad = [r["ev"] for r in rows if not evidence_matches_text(r)]
    assert not bad, f"evidence not verbatim at its offsets: {bad}"


def test_nothing_comes_from_promo_lines(seed_store: pyoxigraph.Store) -> None:
    rows = select(
        seed_store,
        """SELECT DISTINCT ?src ?start ?end WHERE { GRAPH ?g {
             ?ev oa:hasSource ?src ; oa:hasSelector ?ps .
             ?ps oa:start ?start ; oa:end ?end . } }""",
    )
    for row in rows:
        text = read_text(row["src"][len(ARTICLE) :])
        assert not overlaps(int(row["start"]), int(row["end"]), boilerplate_spans(text)), row
    names = select(
        seed_store,
        """SELECT DISTINCT ?s ?name WHERE { GRAPH ?g {
             { ?s rdfs:label ?name } UNION { ?s skos:altLabel ?name } UNION
             { ?s oa:exact ?name } } }""",
    )
    for row in names:
        for word in PROMO_WORDS:
            assert not re.search(rf"\b{re.escape(word)}", row["name"]), (word, row["s"])
