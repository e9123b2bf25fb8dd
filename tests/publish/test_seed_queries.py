"""Every canned query on the real seed build (`kg build` of the curated seed corpus)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest

from kg.build.dataset import build_dataset
from kg.config import Settings, load_settings
from kg.publish.canned import get_query, load_queries, run_query
from kg.rdf.store import open_store
from tests.support.paths import SEED_CORPUS

ID = "https://w3id.org/cmkg/id/"
ARTICLE = "https://w3id.org/cmkg/article/"
CMKG = "https://w3id.org/cmkg/ontology#"
CONFLICTS = "proposals-conflicting-with-sanctions"
Seed = tuple[Settings, pyoxigraph.Store]
pytestmark = pytest.mark.slow  # one `kg build` of the seed corpus (~5 s) for the module


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seed]:
    home = tmp_path_factory.mktemp("seed")
    shutil.copytree(SEED_CORPUS, home / "corpus")
    settings = load_settings({"home": home}, environ={})
    build_dataset(settings)
    store = open_store(settings.store, read_only=True)
    yield settings, store
    del store


Row = dict[str, str]


def rows(seed: Seed, name: str, **params: str) -> list[Row]:
    result = run_query(seed[1], get_query(name), params)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    names = [v.value for v in result.variables]
    return [
        {n: ("" if row[n] is None else row[n].value) for n in names}  # type: ignore[union-attr]
        for row in result
    ]


def slug(iri: str) -> str:
    return iri.removeprefix(ID)


def test_conflicts_include_the_aluminium_offer_and_the_joint_exploration_offer(seed: Seed) -> None:
    found = {(slug(r["proposal"]), slug(r["measure"])): r for r in rows(seed, CONFLICTS)}
    aluminium = found[("putin-aluminium-offer-2026", "us-aluminium-duties-2023")]
    assert set(aluminium["basis"].split(", ")) >= {"ConditionRequiresRemoval", "CoversResource"}
    assert aluminium["imposer"] == "United States" and aluminium["proposer"] == "Vladimir Putin"
    assert "2023 duties are scrapped" in aluminium["measureEvidence"]
    assert "aluminium" in aluminium["proposalEvidence"]
    exploration = found[("putin-rare-earth-joint-exploration-2026", "us-sanctions-on-russia")]
    assert set(exploration["basis"].split(", ")) >= {"ImposerIsCounterpartyJurisdiction"}
    assert "joint exploration" in exploration["proposalEvidence"]
    assert "sanctions" in exploration["measureEvidence"]
    for row in (aluminium, exploration):
        assert row["reason"].endswith(".") and " conflicts with " in row["reason"]
        assert row["reviewStatus"] == "Accepted"
    # a duty on aluminium does not clash with the rare-earth offers
    assert ("putin-rare-earth-joint-exploration-2026", "us-aluminium-duties-2023") not in found


@pytest.mark.parametrize(
    ("as_of", "expected_measures"),
    [
        ("2020-01-01", set()),
        ("2022-06-01", {"us-sanctions-on-russia"}),
        ("2026-03-01", {"us-sanctions-on-russia", "us-aluminium-duties-2023"}),
    ],
)
def test_conflicts_only_with_measures_in_force_at_as_of(
    seed: Seed, as_of: str, expected_measures: set[str]
) -> None:
    assert {slug(r["measure"]) for r in rows(seed, CONFLICTS, as_of=as_of)} == expected_measures


def test_active_measures_today_and_by_type(seed: Seed) -> None:
    today = {slug(r["measure"]): r["kind"] for r in rows(seed, "active-measures")}
    assert today == {
        "us-sanctions-on-russia": "Sanction",
        "sanctions-on-russian-oil-and-gas": "Sanction",
        "us-aluminium-duties-2023": "Tariff",
        "china-export-controls-silver-tungsten-2026": "ExportControl",
        # known events of corpus/events.ttl still in force (the gallium ban and the cobalt
        # export suspension have ended)
        "china-rare-earth-export-controls-2025": "ExportControl",
        "china-graphite-export-controls-2023": "ExportControl",
        "indonesia-nickel-ore-export-ban-2020": "ExportControl",
        "china-tungsten-tellurium-bismuth-molybdenum-indium-controls-2025": "ExportControl",
        "us-russian-uranium-import-ban-2024": "ImportBan",
        "russia-enriched-uranium-export-restrictions-2024": "ExportControl",
        "zimbabwe-raw-lithium-export-ban-2022": "ExportControl",
        "eu-sanctions-on-russia": "Sanction",
        "uk-sanctions-on-russia": "Sanction",
        "china-gallium-germanium-export-controls-2023": "ExportControl",
        "china-antimony-export-controls-2024": "ExportControl",
        "drc-cobalt-export-quotas-2025": "ExportControl",
        "indonesia-bauxite-export-ban-2023": "ExportControl",
        "us-section-232-copper-tariff-2025": "Tariff",
    }
    tariffs = rows(seed, "active-measures", type="Tariff")
    assert sorted(slug(r["measure"]) for r in tariffs) == [
        "us-aluminium-duties-2023",
        "us-section-232-copper-tariff-2025",
    ]
    in_2023 = rows(seed, "active-measures", as_of="2023-06-01")
    assert {slug(r["measure"]) for r in in_2023} == {
        "us-sanctions-on-russia",
        "us-aluminium-duties-2023",
        "indonesia-nickel-ore-export-ban-2020",
        "zimbabwe-raw-lithium-export-ban-2022",
        "eu-sanctions-on-russia",
        "uk-sanctions-on-russia",
    }
    in_2025 = {slug(r["measure"]) for r in rows(seed, "active-measures", as_of="2025-03-01")}
    assert {"china-gallium-germanium-antimony-ban-2024", "drc-cobalt-export-suspension-2025"} < (
        in_2025
    )
    reports = {slug(r["measure"]): r["reports"] for r in rows(seed, "active-measures")}
    assert reports["us-sanctions-on-russia"] == "2"  # one node, reported by both seeds
    assert reports["indonesia-nickel-ore-export-ban-2020"] == "0"  # known, not reported
    support = {slug(r["measure"]) for r in rows(seed, "active-measures", type="SupportMeasure")}
    assert "us-dod-rare-earth-price-floors" in support


def test_proposals_filtered_by_actor_and_resource(seed: Seed) -> None:
    every = {slug(r["proposal"]) for r in rows(seed, "proposals")}
    assert every == {
        "putin-rare-earth-offer-2025",
        "putin-annexed-territories-offer-2025",
        "putin-rare-earth-joint-exploration-2026",
        "putin-aluminium-offer-2026",
        "putin-occupied-territories-offer-2026",
    }
    to_companies = {slug(r["proposal"]) for r in rows(seed, "proposals", actor="us-companies")}
    assert "putin-aluminium-offer-2026" not in to_companies
    assert "putin-rare-earth-joint-exploration-2026" in to_companies
    aluminium = rows(seed, "proposals", resource="aluminium")
    assert [slug(r["proposal"]) for r in aluminium] == ["putin-aluminium-offer-2026"]
    assert aluminium[0]["condition"] == "if those pesky 2023 duties are scrapped"
    assert rows(seed, "proposals", actor="china") == []


def test_actor_profile_of_putin(seed: Seed) -> None:
    profile = rows(seed, "actor-profile", actor="vladimir-putin")
    by_relation: dict[str, set[str]] = {}
    for r in profile:
        by_relation.setdefault(r["relation"], set()).add(r["item"].removeprefix(ID))
    assert by_relation["jurisdiction"] == {"russia"}
    assert by_relation["holds role"] == {"vladimir-putin-president-of-russia"}
    assert len(by_relation["makes proposal"]) == 5
    assert {i.removeprefix(ARTICLE.removeprefix(ID)) for i in by_relation["mentioned in article"]}
    assert len(by_relation["mentioned in article"]) == 2


def test_resource_profile_of_rare_earths(seed: Seed) -> None:
    profile = rows(seed, "resource-profile", resource="rare-earth-elements")
    relations = {r["relation"] for r in profile}
    assert relations >= {"proposal", "claim", "dependency", "measure", "meeting"}
    details = {r["detail"] for r in profile if r["relation"] == "claim"}
    assert "reserves: 3800000 t" in details and "processing-share: 90 %" in details


def test_regions_in_proposals(seed: Seed) -> None:
    regions = {slug(r["region"]): r for r in rows(seed, "regions-in-proposals")}
    assert set(regions) >= {"murmansk", "yakutia", "irkutsk", "krasnoyarsk", "donetsk"}
    assert regions["krasnoyarsk"]["country"] == "Russia"
    assert int(regions["occupied-ukrainian-territories"]["proposals"]) == 2
    assert "russia" not in regions  # countries are not regions


def test_contested_claims_usgs_against_the_kremlin(seed: Seed) -> None:
    [row] = rows(seed, "contested-claims")
    assert (slug(row["about"]), slug(row["resource"])) == ("russia", "rare-earth-elements")
    assert (row["claimKind"], row["unit"]) == ("reserves", "t")
    assert float(row["quantityA"]) == 3.8e6 and float(row["quantityB"]) == 2.8e7
    assert slug(row["claimA"]) == "russia-rare-earth-reserves-usgs"
    assert slug(row["claimB"]) == "russia-rare-earth-reserves-kremlin"


def test_evidence_quotes_are_the_article_text_at_their_offsets(seed: Seed) -> None:
    settings = seed[0]
    quotes = rows(seed, "evidence", subject="us-aluminium-duties-2023")
    facts = {slug(r["fact"]) for r in quotes}
    assert facts == {"us-aluminium-duties-2023", "putin-aluminium-offer-2026"}
    for r in rows(seed, "evidence", subject="vladimir-putin") + quotes:
        article = r["article"].removeprefix(ARTICLE)
        text = (settings.articles / f"{article}.txt").read_text(encoding="utf-8")
        assert text[int(r["start"]) : int(r["end"])] == r["quote"]
        assert r["published"] and r["articleTitle"]


def test_evidence_of_a_conflict_reaches_both_sides(seed: Seed) -> None:
    conflict = "conflict-putin-aluminium-offer-2026-us-aluminium-duties-2023"
    facts = {slug(r["fact"]) for r in rows(seed, "evidence", subject=conflict)}
    assert facts == {"putin-aluminium-offer-2026", "us-aluminium-duties-2023"}


def test_market_concentration(seed: Seed) -> None:
    shares = {
        (slug(r["country"]), r["claimKind"]): (float(r["quantity"]), r["unit"])
        for r in rows(seed, "market-concentration")
    }
    assert shares == {
        ("china", "processing-share"): (90.0, "%"),
        ("russia", "production-share"): (1.0, "%"),
    }


def test_meetings_and_channels(seed: Seed) -> None:
    events = {slug(r["event"]): r for r in rows(seed, "meetings-and-channels")}
    assert set(events) == {
        "trump-zelenskyy-white-house-meeting-2025",
        "dmitriev-us-representatives-saudi-arabia",
        "us-ukraine-minerals-deal",
        "us-ukraine-minerals-agreement-2025",  # a known event of corpus/events.ttl
    }
    riyadh = events["dmitriev-us-representatives-saudi-arabia"]
    assert riyadh["places"] == "Saudi Arabia" and "Kirill Dmitriev" in riyadh["participants"]
    assert events["us-ukraine-minerals-deal"]["kind"] == "Agreement"


def test_timeline_is_in_date_order(seed: Seed) -> None:
    timeline = rows(seed, "timeline")
    dates = [r["date"] for r in timeline]
    assert dates == sorted(dates) and all(dates)
    first_reported = next(r for r in timeline if r["reports"] != "0")
    assert (slug(first_reported["item"]), first_reported["date"]) == (
        "us-sanctions-on-russia",
        "2022-02-24",
    )
    assert slug(timeline[0]["item"]) == "indonesia-nickel-ore-export-ban-2020"  # known event
    items = [slug(r["item"]) for r in timeline]
    assert len(items) == len(set(items))  # one row per event, though asserted in two articles
    assert items.index("us-aluminium-duties-2023") < items.index("putin-aluminium-offer-2026")


def test_dependencies(seed: Seed) -> None:
    found = {
        (r["dependentLabel"], r["dependsOnLabel"], r["activity"])
        for r in rows(seed, "dependencies")
    }
    assert found == {
        ("MP Materials", "China", "processing"),
        ("United States", "China", "refining"),
        ("Russia", "China", "refining"),
    }


def test_conflicts_graph(seed: Seed) -> None:
    result = run_query(seed[1], get_query("conflicts-graph"), {})
    assert isinstance(result, pyoxigraph.QueryTriples)
    triples = list(result)
    conflicts = {
        t.subject.value for t in triples if t.object == pyoxigraph.NamedNode(CMKG + "Conflict")
    }
    assert ID + "conflict-putin-aluminium-offer-2026-us-aluminium-duties-2023" in conflicts


def test_every_canned_query_has_a_seed_test() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [name for name in load_queries() if f'"{name}"' not in source]
    assert not untested, f"add a seed-result test for {untested}"
