"""bench/generate_corpus.py writes a corpus that builds without the extractor."""

from __future__ import annotations

from pathlib import Path

import yaml

from kg.build import build_dataset
from kg.config import load_settings
from tests.support.generated import load_generator
from tests.support.paths import SEED_CORPUS


def files(home: Path) -> dict[str, bytes]:
    corpus = home / "corpus"
    return {str(p.relative_to(corpus)): p.read_bytes() for p in sorted(corpus.rglob("*.*"))}


def test_generated_articles_build_and_quote_their_text(tmp_path: Path) -> None:
    module = load_generator()
    registry = SEED_CORPUS / "entities.ttl"
    module.generate(tmp_path / "a", 12, 7, registry)
    module.generate(tmp_path / "b", 12, 7, registry)
    assert files(tmp_path / "a") == files(tmp_path / "b")  # deterministic
    module.generate(tmp_path / "c", 12, 8, registry)
    assert files(tmp_path / "a") != files(tmp_path / "c")
    reviews = sorted((tmp_path / "a" / "corpus" / "review").glob("*.yaml"))
    assert len(reviews) == 12
    repeated: dict[str, int] = {}
    for path in reviews:
        review = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (path.parent.parent / "articles" / f"{review['article']}.txt").read_text()
        assert 300 <= len(text.split()) <= 700
        for candidate in review["candidates"]:
            repeated[candidate["node"]] = repeated.get(candidate["node"], 0) + 1
            for evidence in candidate["evidence"]:
                assert text[evidence["start"] : evidence["end"]] == evidence["quote"]
        for mention in review["mentions"]:
            assert text[mention["start"] : mention["end"]]
    assert max(repeated.values()) > 1  # some events are reported by several articles
    summary = build_dataset(load_settings({"home": tmp_path / "a"}, environ={}))
    assert summary.articles == 12
    assert summary.assertions
