"""The registry as a gazetteer: loading, surface variants and linking with the EntityRuler."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError, NotFoundError
from kg.extract.gazetteer import Registry, load_registry, make_pipeline, type_group
from tests.support.paths import REPO

REGISTRY = """\
@prefix cmkg: <https://w3id.org/cmkg/ontology#> .
@prefix cmkgid: <https://w3id.org/cmkg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

cmkgid:vladimir-putin a cmkg:Person ; rdfs:label "Vladimir Putin"@en ;
    cmkg:jurisdiction cmkgid:russia .
cmkgid:donald-trump a cmkg:Person ; rdfs:label "Donald Trump"@en .
cmkgid:russia a cmkg:Country ; rdfs:label "Russia"@en ; skos:altLabel "Moscow"@en .
cmkgid:china a cmkg:Country ; rdfs:label "China"@en .
cmkgid:united-states a cmkg:Country ; rdfs:label "United States"@en ;
    skos:altLabel "US"@en , "U.S."@en .
cmkgid:us-companies a cmkg:Company ; rdfs:label "US companies"@en ;
    skos:altLabel "American mining firms"@en .
cmkgid:rare-earth-elements a cmkg:Resource ; rdfs:label "rare earth elements"@en ;
    skos:altLabel "rare earths"@en .
cmkgid:yakutia a cmkg:Region ; rdfs:label "Yakutia"@en .
cmkgid:not-an-entity a cmkg:Claim ; rdfs:label "ignored"@en .
"""


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    path = tmp_path / "entities.ttl"
    path.write_text(REGISTRY, encoding="utf-8")
    return load_registry(path)


def links(registry: Registry, text: str) -> list[tuple[str, str]]:
    doc = make_pipeline(registry)(text)
    return [(ent.text, ent.ent_id_) for ent in doc.ents if ent.ent_id_]  # not the model's NER


def test_load_registry_reads_types_labels_aliases_and_jurisdiction(registry: Registry) -> None:
    putin = registry.entities["vladimir-putin"]
    assert (putin.type, putin.label, putin.jurisdiction) == ("Person", "Vladimir Putin", "russia")
    assert set(registry.entities["united-states"].aliases) == {"US", "U.S."}
    assert "not-an-entity" not in registry.entities  # claims are not gazetteer entries
    assert registry.slug_for_label("moscow") == "russia"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vladimir Putin spoke.", [("Vladimir Putin", "vladimir-putin")]),
        ("Putin spoke.", [("Putin", "vladimir-putin")]),  # surname alone
        ("PUTIN SPOKE.", [("PUTIN", "vladimir-putin")]),  # headline capitals
        ("Russia’s reserves", [("Russia", "russia")]),  # possessive split off
        ("Moscow said no.", [("Moscow", "russia")]),  # alias
        ("rare-earth elements", [("rare-earth elements", "rare-earth-elements")]),  # hyphen
        ("Rare Earth Element", [("Rare Earth Element", "rare-earth-elements")]),  # singular, case
        ("the U.S. and the US", [("U.S.", "united-states"), ("US", "united-states")]),
        ("American mining firms", [("American mining firms", "us-companies")]),
        ("US companies want it", [("US companies", "us-companies")]),  # longest match wins
        ("Yakutia's mines", [("Yakutia", "yakutia")]),
    ],
)
def test_surface_variants_link_to_the_slug(
    registry: Registry, text: str, expected: list[tuple[str, str]]
) -> None:
    assert links(registry, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Let us go.",  # "us" is a pronoun, "US" an acronym: acronyms match case-sensitively
        "Bridge players trump each other.",  # a person's surname matches capitalised only
        "The russian doll.",  # not a registry label
        "We ate fine china.",  # countries are proper names
    ],
)
def test_no_false_links(registry: Registry, text: str) -> None:
    assert links(registry, text) == []


def test_missing_registry_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match=r"entities\.ttl"):
        load_registry(tmp_path / "entities.ttl")


def test_bad_turtle_is_input_error(tmp_path: Path) -> None:
    path = tmp_path / "entities.ttl"
    path.write_text("cmkgid:x a cmkg:Person", encoding="utf-8")
    with pytest.raises(InputError, match="not valid Turtle"):
        load_registry(path)


def test_type_groups() -> None:
    assert [type_group(t) for t in ("Country", "Company", "Resource", "Region", "Claim")] == [
        "actors",
        "actors",
        "resources",
        "places",
        None,
    ]


def test_repository_registry_links_every_seed_actor() -> None:
    registry = load_registry(REPO / "corpus" / "entities.ttl")
    found = {slug for _, slug in links(registry, "Kirill Dmitriev met Scott Bessent in Riyadh.")}
    assert found == {"kirill-dmitriev", "scott-bessent", "saudi-arabia"}


def test_only_people_are_matched_by_their_last_word(registry: Registry) -> None:
    assert links(registry, "The States agreed.") == []  # not "United States"
    assert links(registry, "Trump agreed.") == [("Trump", "donald-trump")]
