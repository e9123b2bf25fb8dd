"""Corrupt meta and review files: one line per problem (file, field, what is expected),
exit code 2, never a traceback, never a silently accepted file."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.corpus.review import load_review
from kg.corpus.schema import load_meta
from kg.errors import InputError
from tests.support.cli import kg
from tests.support.tiny_corpus import ARTICLE, review_data, write_tiny_corpus

META = Path("corpus/articles") / f"{ARTICLE}.meta.yaml"
REVIEW = Path("corpus/review") / f"{ARTICLE}.yaml"

Change = Callable[[dict[str, Any]], None]


def _set(key: str, value: Any) -> Change:
    return lambda data: data.__setitem__(key, value)


def _candidate(index: int, key: str, value: Any) -> Change:
    return lambda data: data["candidates"][index].__setitem__(key, value)


def _evidence(key: str, value: Any) -> Change:
    return lambda data: data["candidates"][0]["evidence"][0].__setitem__(key, value)


def _duplicate_id(data: dict[str, Any]) -> None:
    data["candidates"][1]["id"] = data["candidates"][0]["id"]


def _drop(key: str) -> Change:
    return lambda data: data.pop(key)


def _meta(home: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((home / META).read_text("utf-8"))
    return loaded


# (case, file, change of the YAML data, or raw bytes; the expected lines after "<file>: ")
CASES: list[tuple[str, Path, Change | bytes, list[str]]] = [
    ("meta not UTF-8", META, "title: Caf\xe9\n".encode("latin-1"), ["not UTF-8 (byte 0xe9"]),
    ("meta binary", META, b"\x89PNG\r\n\x1a\n\x00\x00", ["binary file (contains NUL bytes)"]),
    (
        "impossible date",
        META,
        _set("date", "2025-02-30"),
        ["date: expected a valid date or datetime, day value is outside expected range"],
    ),
    ("date not ISO", META, _set("date", "March 2025"), ["date: expected a YYYY-MM-DD date"]),
    (
        "mapping as a title",
        META,
        _set("title", {"text": "Putin"}),
        ["title: expected a valid string (got {'text': 'Putin'})"],
    ),
    (
        "source is a path",
        META,
        _set("source", "../../../../etc/passwd"),
        ["source: expected the source's file name, without any folder"],
    ),
    ("meta missing sha256", META, _drop("sha256"), ["sha256: missing; this key is required"]),
    ("review not UTF-8", REVIEW, b"article: caf\xe9\n", ["not UTF-8 (byte 0xe9"]),
    ("review binary", REVIEW, b"\x00\x01\x02", ["binary file (contains NUL bytes)"]),
    ("candidates: 5", REVIEW, _set("candidates", 5), ["candidates: expected a valid list (got 5)"]),
    (
        "no candidates key",
        REVIEW,
        _drop("candidates"),
        ["candidates: missing; this key is required"],
    ),
    (
        "duplicate candidate ids",
        REVIEW,
        _duplicate_id,
        ["candidates[1].id: expected a unique id; 'proposal-00000001' is also candidates[0]"],
    ),
    (
        "fractional offset",
        REVIEW,
        _evidence("start", 430.5),
        ["candidates[0].evidence[0].start: expected a valid integer (got 430.5)"],
    ),
    (
        "two problems, two lines",
        REVIEW,
        lambda data: (_candidate(0, "status", "maybe")(data), _evidence("end", "x")(data)),
        [
            "candidates[0].evidence[0].end: expected a valid integer (got 'x')",
            "candidates[0].status: expected 'candidate', 'accepted' or 'rejected' (got 'maybe')",
        ],
    ),
    (
        "unknown modality",
        REVIEW,
        _candidate(0, "modality", "rumoured"),
        [
            "candidates[0].modality: expected 'asserted', 'planned', 'proposed', 'hypothetical' "
            "or 'denied' (got 'rumoured')"
        ],
    ),
]


def _corrupt(home: Path, target: Path, change: Change | bytes) -> Path:
    path = home / target
    if isinstance(change, bytes):
        path.write_bytes(change)
    else:
        data = _meta(home) if target == META else copy.deepcopy(review_data())
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return path


@pytest.mark.parametrize(("case", "target", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_corrupt_corpus_file_fails_with_one_line_per_problem(
    home: Path, case: str, target: Path, change: Change | bytes, expected: list[str]
) -> None:
    write_tiny_corpus(home)
    path = _corrupt(home, target, change)
    result = kg(home, "build", "-q")
    assert result.exit_code == 2, result.output
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(
        result.exception, SystemExit
    )
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("error: ")
    lines[0] = lines[0].removeprefix("error: ")
    assert len(lines) == len(expected)
    for line, wanted in zip(sorted(lines), sorted(expected), strict=True):
        assert line.startswith(f"{path}: {wanted}"), line


def test_fields_of_other_parts_of_the_pipeline_are_accepted(home: Path) -> None:
    """Optional modality, numeric values and unknown keys (events, measures) merge cleanly."""
    write_tiny_corpus(home)
    data = review_data()
    data["candidates"][0]["modality"] = "proposed"  # type: ignore[index]
    data["candidates"][0]["properties"]["amountValue"] = [1.5e9]  # type: ignore[index]
    data["candidates"][0]["properties"]["eventKey"] = "putin-offer-2025"  # type: ignore[index]
    data["candidates"][0]["event_registry_id"] = "evt-1"  # type: ignore[index]
    path = _corrupt(home, REVIEW, lambda d: d.update(data))
    review = load_review(path)
    assert review.candidates[0].properties["amountValue"] == ["1500000000.0"]
    assert review.candidates[0].properties["eventKey"] == ["putin-offer-2025"]


def test_a_valid_record_loads(home: Path) -> None:
    write_tiny_corpus(home)
    record = load_meta(home / META)
    assert record.id == ARTICLE and record.date.isoformat() == "2025-03-01"


def test_special_file_as_review_is_refused(home: Path) -> None:
    write_tiny_corpus(home)
    path = home / REVIEW
    path.unlink()
    path.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="a character device, not a regular file"):
        load_review(path)


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"[" * 5000, "YAML nested too deeply"),
        (
            b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + b"".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n".encode()
                for i in range(8)
            ),
            "YAML expands to more than",
        ),
    ],
    ids=["deep nesting", "billion laughs"],
)
def test_hostile_yaml_is_refused(home: Path, payload: bytes, reason: str) -> None:
    write_tiny_corpus(home)
    path = home / REVIEW
    path.write_bytes(payload)
    with pytest.raises(InputError, match=reason):
        load_review(path)
