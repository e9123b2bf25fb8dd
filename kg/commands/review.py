"""`kg review [ARTICLE-ID]`: what awaits a decision; `--accept/--reject` record decisions."""

from __future__ import annotations

from collections import Counter

import click

from kg.config import Settings
from kg.corpus.files import list_article_ids, require_article, review_path
from kg.corpus.review import (
    STATUSES,
    Candidate,
    ReviewFile,
    load_review,
    pending,
    record_decisions,
    save_review,
)
from kg.errors import UsageError

EXCERPT = 70


def _excerpt(candidate: Candidate) -> str:
    if not candidate.evidence:
        return ""
    quote = " ".join(candidate.evidence[0].quote.split())
    return quote if len(quote) <= EXCERPT else quote[: EXCERPT - 1] + "…"


def _counts(review: ReviewFile) -> str:
    counts = Counter(c.status for c in review.candidates)
    return ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)


def _show(article_id: str, review: ReviewFile | None) -> None:
    if review is None:
        click.echo(f"{article_id}: no review file; run `kg extract {article_id}`")
        return
    waiting = pending(review)
    click.echo(f"{article_id}: {_counts(review)}")
    for c in waiting:
        label = c.label or c.slug
        click.echo(f"  {c.id}  {c.type}  {c.confidence:.2f}  {label}")
        if c.evidence:
            click.echo(f"      “{_excerpt(c)}” [{c.evidence[0].start}-{c.evidence[0].end}]")


def _split(values: tuple[str, ...]) -> list[str]:
    return [part for value in values for part in value.replace(",", " ").split()]


@click.command(name="review")
@click.argument("article_id", required=False)
@click.option("--accept", multiple=True, metavar="CID", help="Accept candidate(s) (repeatable).")
@click.option("--reject", multiple=True, metavar="CID", help="Reject candidate(s) (repeatable).")
@click.option("--reset", multiple=True, metavar="CID", help="Make candidate(s) undecided again.")
@click.pass_obj
def command(
    settings: Settings,
    article_id: str | None,
    accept: tuple[str, ...],
    reject: tuple[str, ...],
    reset: tuple[str, ...],
) -> None:
    """Show pending candidates per article, with counts by status.

    With ARTICLE-ID and --accept/--reject/--reset, record decisions in
    corpus/review/<ARTICLE-ID>.yaml (saved atomically). Decisions survive `kg extract`.
    Edit the file by hand for anything else (labels, properties, new curator entries).
    """
    decisions = {"accepted": _split(accept), "rejected": _split(reject), "candidate": _split(reset)}
    if article_id is None:
        if any(decisions.values()):
            raise UsageError("name the article: `kg review ARTICLE-ID --accept CID`")
        ids = list_article_ids(settings)
        if not ids:
            click.echo("no articles; add some with `kg ingest`")
        for aid in ids:
            path = review_path(settings, aid)
            _show(aid, load_review(path) if path.is_file() else None)
        return
    require_article(settings, article_id)
    path = review_path(settings, article_id)
    review = load_review(path) if path.is_file() else None
    if any(decisions.values()):
        if review is None:
            raise UsageError(f"{article_id} has no review file yet; run `kg extract {article_id}`")
        changed = record_decisions(review, decisions)  # raises before anything is saved
        save_review(path, review)
        click.echo(f"{article_id}: recorded {changed} decision(s) in {path}")
    _show(article_id, review)
