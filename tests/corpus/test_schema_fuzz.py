"""Hypothesis-generated corpus files: a record or review file is either accepted or refused
with an InputError; never another exception (which the CLI would show as a traceback)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.corpus.review import load_review
from kg.corpus.schema import load_meta
from kg.errors import InputError
from tests.support.tiny_corpus import review_data

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["2025-02-30", "2025-03-01", "../x", "candidate", "accepted", "proposed"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _mutated_review(data: st.DataObject) -> Any:
    review: dict[str, Any] = review_data()
    path = data.draw(
        st.sampled_from(
            [
                ("article",),
                ("candidates",),
                ("candidates", 0),
                ("candidates", 0, "evidence"),
                ("candidates", 0, "evidence", 0, "start"),
                ("candidates", 0, "properties"),
                ("candidates", 1, "id"),
                ("mentions",),
                ("unlinked",),
            ]
        )
    )
    target: Any = review
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = data.draw(VALUES)
    return review


def _check(loader: Any, payload: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.yaml"
        path.write_bytes(payload)
        try:
            loader(path)
        except InputError as exc:
            assert all(line.startswith(str(path)) for line in str(exc).splitlines())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_review_files(data: st.DataObject) -> None:
    _check(load_review, yaml.safe_dump(_mutated_review(data)).encode("utf-8"))


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            ["id", "title", "date", "date_precision", "source", "sha256", "date_note", "x"]
        ),
        VALUES,
    )
)
def test_random_records(record: dict[str, Any]) -> None:
    _check(load_meta, yaml.safe_dump(record).encode("utf-8"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes(payload: bytes) -> None:
    _check(load_review, payload)
    _check(load_meta, payload)
