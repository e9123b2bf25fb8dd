"""The C YAML classes give the same values and the same bytes as the pure-Python ones."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.config import load_settings
from kg.corpus import yamlio
from kg.corpus.files import dump_meta, read_meta
from kg.corpus.review import dump_review, load_review
from tests.support.paths import SEED_CORPUS


def pure_dump(data: Any, width: int) -> str:
    return yaml.dump(data, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True, width=width)


def test_the_c_classes_are_used_when_pyyaml_has_them() -> None:
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML built without libyaml")
    assert yamlio.Loader is yaml.CSafeLoader
    assert yamlio.Dumper is yaml.CSafeDumper


@pytest.mark.parametrize("path", sorted((SEED_CORPUS / "review").glob("*.yaml")), ids=str)
def test_seed_review_files_dump_to_the_same_bytes(path: Any) -> None:
    review = load_review(path)
    text = dump_review(review)
    assert text == path.read_text(encoding="utf-8")
    assert yaml.safe_load(text) == yamlio.safe_load(text)


@pytest.mark.parametrize("path", sorted((SEED_CORPUS / "articles").glob("*.meta.yaml")), ids=str)
def test_seed_metadata_dumps_to_the_same_bytes(path: Any) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert yamlio.safe_load(path.read_text(encoding="utf-8")) == raw
    settings = load_settings({"home": SEED_CORPUS.parent}, environ={})
    meta = read_meta(settings, path.name.removesuffix(".meta.yaml"))
    assert dump_meta(meta) == pure_dump(yaml.safe_load(dump_meta(meta)), 200)


# Text as articles and quotes hold it: printable characters of any script, spaces, quotes,
# colons, hashes and newlines (no control characters: the corpus never stores them).
TEXT = st.text(
    st.characters(
        blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
        whitelist_characters="\n",
    ),
    max_size=300,
)
VALUE = st.one_of(
    TEXT,
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.none(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
DATA = st.dictionaries(
    st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
    st.one_of(VALUE, st.lists(st.dictionaries(st.sampled_from(["id", "quote", "n"]), VALUE))),
    max_size=6,
)


@settings(max_examples=500, deadline=None)
@given(data=DATA, width=st.sampled_from([100, 200]))
def test_c_dumper_gives_the_pure_python_bytes(data: dict[str, Any], width: int) -> None:
    text = yamlio.safe_dump(data, width=width)
    assert text == pure_dump(data, width)
    assert yamlio.safe_load(text) == yaml.safe_load(text) == data
