"""The confidence model: features read from the parse, the logistic score, the weights file
and the held list. Every sentence is invented for the test (none is copied from the dev set).
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from kg.corpus.review import (
    Candidate,
    Evidence,
    ReviewFile,
    dump_review,
    load_review,
    merge_extraction,
    record_decisions,
)
from kg.errors import InputError
from kg.extract.confidence import (
    FEATURES,
    SCHEMA,
    WEIGHTS_PATH,
    Scorer,
    Weights,
    load_weights,
    parse_weights,
    probability,
)
from kg.extract.fitting import (
    choose_threshold,
    choose_traded_threshold,
    fit_logistic,
    fold_of,
    matrix,
    predict,
)
from kg.extract.gazetteer import load_registry
from kg.extract.pipeline import Extractor, extract_article, make_extractor
from tests.support.paths import REPO


@lru_cache(maxsize=1)
def _base() -> Extractor:
    return make_extractor(load_registry(REPO / "corpus" / "entities.ttl"))


def extract_with(scorer: Scorer, body: str) -> ReviewFile:
    ex = replace(_base(), scorer=scorer)
    text = f"Invented headline for a test\n\n{body}\n"
    return extract_article(text, ex.registry, "t", ex, article_date="2025-06-18")


def features_of(body: str, kind: str) -> list[dict[str, float]]:
    """The recorded feature values of every ``kind`` candidate of ``body``, in order."""
    record: dict[str, dict[str, float]] = {}
    review = extract_with(Scorer(None, record, hold=False), body)
    return [record[c.id] for c in review.candidates if c.type == kind]


def _weights(threshold: float = 0.5, bias: float = 0.0, **coef: float) -> Weights:
    n = len(FEATURES)
    return Weights(
        FEATURES,
        tuple(coef.get(name, 0.0) for name in FEATURES),
        bias,
        threshold,
        tuple([0.0] * n),
        tuple([1.0] * n),
    )


# --- features ------------------------------------------------------------------------------

TWO_TARIFFS = "Canada imposed a tariff on Chinese graphite. Canada then imposed a tariff on steel."
# body, type, feature, value it must have (the last candidate of that type)
FEATURE_TABLE = [
    ("Chile banned exports of lithium concentrate on Monday.", "ExportControl", "trigger:verb", 1),
    (
        "Chile's ban on exports of lithium concentrate took effect.",
        "ExportControl",
        "trigger:verb",
        0,
    ),
    (
        "Chile banned exports of lithium concentrate on Monday.",
        "ExportControl",
        "roles:all-in-sentence",
        1,
    ),
    (
        "Chile banned exports of lithium concentrate on Monday.",
        "ExportControl",
        "roles:actor-dependent",
        1,
    ),
    ("Chile banned exports of lithium concentrate on Monday.", "ExportControl", "date", 1),
    ("Chile banned exports of lithium concentrate.", "ExportControl", "date", 0),
    ("Canada imposed a 25% tariff on Chinese graphite.", "Tariff", "figure", 1),
    ("Canada imposed a tariff on Chinese graphite.", "Tariff", "figure", 0),
    (
        '"Canada imposed a tariff on Chinese graphite," the minister said.',
        "Tariff",
        "position:quoted",
        1,
    ),
    ("Canada imposed a tariff on Chinese graphite.", "Tariff", "position:quoted", 0),
    ("Canada imposed a tariff on Chinese graphite.", "Tariff", "position:lead", 1),
    ("Japan plans to impose duties on Chinese antimony.", "Tariff", "modality:planned", 1),
    ("Canada imposed a tariff on Chinese graphite.", "Tariff", "modality:planned", 0),
    (
        TWO_TARIFFS,
        "Tariff",
        "repeat:type",
        1,
    ),
    (
        TWO_TARIFFS,
        "Tariff",
        "repeat:actor",
        1,
    ),
    ("Canada imposed a tariff on Chinese graphite.", "Tariff", "repeat:type", 0),
    ("Canada imposed a tariff on Chinese graphite.", "Tariff", "group:measure", 1),
    ("Canada imposed a tariff on Chinese graphite.", "Tariff", "trigger:none", 0),
]


@pytest.mark.parametrize(("body", "kind", "name", "value"), FEATURE_TABLE)
def test_feature_values(body: str, kind: str, name: str, value: float) -> None:
    found = features_of(body, kind)
    assert found, f"no {kind} candidate"
    assert found[-1].get(name, 0.0) == value


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Canada imposed a tariff on Chinese graphite.", "Tariff"),
        ("Japan and Australia signed an agreement on rare earths in Tokyo.", "Agreement"),
    ],
)
def test_features_are_known_names_within_bounds(body: str, kind: str) -> None:
    for values in features_of(body, kind):
        assert set(values) <= set(FEATURES)
        assert all(0.0 <= v <= 1.0 for v in values.values())


# --- scoring -------------------------------------------------------------------------------


@pytest.mark.parametrize(("bias", "expected"), [(0.0, 0.5), (2.0, 0.8808), (-2.0, 0.1192)])
def test_probability_of_the_bias_alone(bias: float, expected: float) -> None:
    assert probability(_weights(bias=bias), {"figure": 1.0}) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("name", ["figure", "roles:filled", "trigger:verb"])
def test_probability_rises_with_a_positive_weight(name: str) -> None:
    weights = _weights(**{name: 1.5})
    assert probability(weights, {name: 1.0}) > probability(weights, {name: 0.0})


@pytest.mark.parametrize(
    ("threshold", "held"),
    [(0.0, False), (0.99, True)],
)
def test_threshold_holds_candidates_out_of_the_export(threshold: float, held: bool) -> None:
    review = extract_with(
        Scorer(_weights(threshold)), "Canada imposed a 25% tariff on Chinese graphite."
    )
    tariffs = [c for c in review.candidates if c.type == "Tariff"]
    kept = [c for c in review.held if c.type == "Tariff"]
    assert (len(kept), len(tariffs)) == ((1, 0) if held else (0, 1))
    assert [c.confidence for c in tariffs + kept] == [0.5]  # the model's score, not a constant


def test_entities_are_never_held() -> None:
    review = extract_with(
        Scorer(_weights(0.99)), "Energy Minister Tomas Ruelas met Japanese officials on Monday."
    )
    assert review.held and all(c.type in ("Meeting", "Role") for c in review.held)
    assert any(c.type == "Person" for c in review.candidates)


# --- the weights file ----------------------------------------------------------------------


def test_the_packaged_weights_match_the_extractor_features() -> None:
    weights = load_weights()
    assert weights.features == FEATURES
    assert len(weights.coef) == len(weights.means) == len(weights.scales) == len(FEATURES)
    raw = json.loads(WEIGHTS_PATH.read_text("utf-8"))
    assert raw["schema"] == SCHEMA
    assert raw["meta"]["command"] == "python bench/fit_confidence.py"


def test_what_the_fitting_writes_is_what_the_extractor_reads() -> None:
    x = np.array(
        [[1.0 if (i + j) % 3 == 0 else 0.0 for j in range(len(FEATURES))] for i in range(30)]
    )
    y = np.array([float(i % 2) for i in range(30)])
    fitted = fit_logistic(x, y, 1.0, 0.25)
    back = parse_weights(json.loads(fitted.to_json()), "fitted")
    assert back.features == FEATURES and back.threshold == 0.25
    row = dict(zip(FEATURES, x[3], strict=True))
    assert probability(back, row) == pytest.approx(float(predict(fitted, x[3:4])[0]), abs=1e-4)


def _raw(**changes: object) -> dict[str, object]:
    raw = json.loads(_weights().to_json())
    raw.update(changes)
    return raw


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"schema": "other"}, "not a cmkg-confidence/1 weights file"),
        (_raw(features=["prior"]), "features do not match"),
        (_raw(coef=[1.0]), "one value per feature"),
        (_raw(scales=[0.0] * len(FEATURES)), "scales must be positive"),
        (_raw(threshold=2), "one value per feature"),
        (_raw(bias="x"), "malformed weights"),
    ],
)
def test_bad_weights_are_one_line_errors(raw: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_weights(raw, "w.json")


def test_an_unreadable_weights_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text("{", "utf-8")
    with pytest.raises(InputError, match="cannot read confidence weights"):
        load_weights(path)


# --- fitting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "fold"),
    # the digests were computed with sha1sum, outside Python
    [
        ("x", int("11f6ad8ec52a2984abaafd7c3b516503785c2072", 16) % 3),  # 0
        ("a", int("86f7e437faa5a7fce15d1ddcb9eaeaea377667b8", 16) % 3),  # 1
        ("c", int("84a516841ba77a5b4648de2cd0dfcb30ea46dbb4", 16) % 3),  # 2
    ],
)
def test_folds_are_sha1_of_the_id_mod_3(article: str, fold: int) -> None:
    assert fold_of(article) == fold
    assert 0 <= fold_of(article) < 3


def test_fit_finds_the_informative_feature_and_is_deterministic() -> None:
    rows = [{"figure": float(i % 2), "date": float((i // 2) % 2)} for i in range(40)]
    y = np.array([r["figure"] for r in rows])  # right exactly when a figure is bound
    x = matrix(rows)
    first, second = fit_logistic(x, y), fit_logistic(x, y)
    assert first == second
    coef = dict(zip(first.features, first.coef, strict=True))
    assert coef["figure"] > 0.5 and abs(coef["date"]) < 0.05
    assert all(abs(c) < 1e-9 for n, c in coef.items() if n not in ("figure", "date"))


@pytest.mark.parametrize(
    ("p", "y", "gold", "threshold"),
    [
        ([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0], 2, 0.5),  # a clean cut
        ([0.9, 0.8, 0.7], [1, 1, 1], 3, 0.0),  # nothing wrong: keep everything
        ([0.9, 0.3, 0.2], [0, 1, 1], 2, 0.0),  # holding would lose the right ones
    ],
)
def test_threshold_choice(p: list[float], y: list[int], gold: int, threshold: float) -> None:
    assert choose_threshold(np.array(p), np.array(y, dtype=float), gold) == threshold


@pytest.mark.parametrize(
    ("p", "y", "gold", "ratio", "threshold"),
    [
        ([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0], 2, 3.0, 0.5),  # precision for free
        ([0.9, 0.8, 0.3, 0.2], [1, 0, 1, 0], 4, 3.0, 0.25),  # hold the wrong one only
        ([0.9, 0.8, 0.7], [1, 1, 1], 3, 3.0, 0.0),  # nothing wrong: keep everything
        # holding the 0.3s buys 33 precision points for 50 recall points: not at 3:1 ...
        ([0.9, 0.3, 0.3], [1, 1, 0], 2, 3.0, 0.0),
        # ... but at 1:2 it would
        ([0.9, 0.3, 0.3], [1, 1, 0], 2, 0.5, 0.6),
    ],
)
def test_traded_threshold_choice(
    p: list[float], y: list[int], gold: int, ratio: float, threshold: float
) -> None:
    got = choose_traded_threshold(np.array(p), np.array(y, dtype=float), gold, ratio)
    assert got == threshold


# --- the held list in review files ---------------------------------------------------------


def _held(cid: str) -> Candidate:
    return Candidate(cid, "Tariff", [Evidence(0, 5, "Quote", 0)], confidence=0.1)


def test_held_candidates_round_trip_and_stay_out_of_candidates(tmp_path: Path) -> None:
    review = ReviewFile("a1", "x", held=[_held("tariff-1")])
    path = tmp_path / "a1.yaml"
    path.write_text(dump_review(review), "utf-8")
    back = load_review(path)
    assert back.candidates == [] and [c.id for c in back.held] == ["tariff-1"]
    assert "held:" not in dump_review(ReviewFile("a1", "x"))  # absent when empty


def test_accepting_a_held_candidate_moves_it_into_candidates() -> None:
    review = ReviewFile("a1", "x", held=[_held("tariff-1"), _held("tariff-2")])
    assert record_decisions(review, {"accepted": ["tariff-1"]}) == 1
    assert [(c.id, c.status) for c in review.candidates] == [("tariff-1", "accepted")]
    assert [c.id for c in review.held] == ["tariff-2"]


def test_merge_takes_held_from_the_fresh_run_unless_decided() -> None:
    decided = replace(_held("tariff-1"), status="accepted")
    existing = ReviewFile("a1", "x", candidates=[decided], held=[_held("old")])
    fresh = ReviewFile("a1", "x", held=[_held("tariff-1"), _held("tariff-2")])
    merged = merge_extraction(existing, fresh)
    assert [c.id for c in merged.held] == ["tariff-2"]
    assert [(c.id, c.status) for c in merged.candidates] == [("tariff-1", "accepted")]
