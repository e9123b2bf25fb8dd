"""`kg review [ARTICLE-ID]`: what awaits a decision; `--accept/--reject` record decisions;
`--promote` turns an article-local event into a known event of the event registry."""

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
from kg.errors import NotFoundError, UsageError
from kg.graph.assemble import event_registry_path, read_registry, registry_slugs
from kg.graph.promote import promote
from kg.graph.vocabulary import load_ontology, read_vocabulary
from kg.rdf.turtle import read_turtle
from kg.resources import ontology_file

EXCERPT = 70


def _excerpt(candidate: Candidate) -> str:
    if not candidate.evidence:
        return ""
    quote = " ".join(candidate.evidence[0].quote.split())
    return quote if len(quote) <= EXCERPT else quote[: EXCERPT - 1] + "…"


def _counts(review: ReviewFile) -> str:
    counts = Counter(c.status for c in review.candidates)
    shown = ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)
    return shown + (f", {len(review.held)} held (low confidence)" if review.held else "")


def _show(article_id: str, review: ReviewFile | None) -> None:
    if review is None:
        click.echo(f"{article_id}: no review file; run `kg extract {article_id}`")
        return
    waiting = pending(review)
    click.echo(f"{article_id}: {_counts(review)}")
    for c in [*waiting, *review.held]:
        label = c.label or c.slug
        held = "  (held: not exported unless accepted)" if c in review.held else ""
        click.echo(f"  {c.id}  {c.type}  {c.confidence:.2f}  {label}{held}")
        if c.evidence:
            click.echo(f"      “{_excerpt(c)}” [{c.evidence[0].start}-{c.evidence[0].end}]")


def _split(values: tuple[str, ...]) -> list[str]:
    return [part for value in values for part in value.replace(",", " ").split()]


def _taken_slugs(settings: Settings) -> set[str]:
    """Slugs in use: registry entities, known events and the nodes of every review file."""
    taken: set[str] = set()
    entities = read_registry(settings.registry)
    if entities is not None:
        taken |= registry_slugs(entities)
    events = event_registry_path(settings)
    if events.is_file():
        taken |= registry_slugs(read_turtle(events, "event registry"))
    for aid in list_article_ids(settings):
        path = review_path(settings, aid)
        if path.is_file():
            taken |= {c.slug for c in load_review(path).candidates}
    return taken


def _promote(
    settings: Settings, article_id: str, review: ReviewFile, cid: str, slug: str | None
) -> None:
    candidate = next((c for c in review.candidates if c.id == cid), None)
    if candidate is None:
        raise NotFoundError(
            f"article {article_id} has no candidate {cid}; list them with `kg review {article_id}`"
        )
    vocab = read_vocabulary(load_ontology(ontology_file()))
    taken = _taken_slugs(settings) - {candidate.slug}
    registry = event_registry_path(settings)
    done = promote(registry, candidate, article_id, vocab, taken, slug)
    candidate.node = done.slug
    candidate.status = "accepted"
    save_review(review_path(settings, article_id), review)
    click.echo(f"{article_id}: promoted {cid} to the known event {done.slug} in {registry}")
    click.echo(done.turtle.rstrip("\n"))


@click.command(name="review")
@click.argument("article_id", required=False)
@click.option("--accept", multiple=True, metavar="CID", help="Accept candidate(s) (repeatable).")
@click.option("--reject", multiple=True, metavar="CID", help="Reject candidate(s) (repeatable).")
@click.option("--reset", multiple=True, metavar="CID", help="Make candidate(s) undecided again.")
@click.option(
    "--promote",
    "promote_id",
    metavar="CID",
    help="Add this event candidate to the event registry (corpus/events.ttl) and accept it.",
)
@click.option(
    "--as",
    "promote_as",
    metavar="SLUG",
    help="Slug of the promoted known event (default: made from its label).",
)
@click.pass_obj
def command(
    settings: Settings,
    article_id: str | None,
    accept: tuple[str, ...],
    reject: tuple[str, ...],
    reset: tuple[str, ...],
    promote_id: str | None,
    promote_as: str | None,
) -> None:
    """Show pending candidates per article, with counts by status, and the candidates the
    extractor held back as low-confidence (not exported unless accepted).

    With ARTICLE-ID and --accept/--reject/--reset, record decisions in
    corpus/review/<ARTICLE-ID>.yaml (saved atomically). Decisions survive `kg extract`.
    With --promote CID, the event candidate becomes a known event of corpus/events.ttl
    (slug from its label, or --as SLUG) and is accepted as a report of it: other articles'
    matching candidates then attach to the same node. Edit the files by hand for anything
    else (labels, properties, new curator entries).
    """
    decisions = {"accepted": _split(accept), "rejected": _split(reject), "candidate": _split(reset)}
    if promote_as and not promote_id:
        raise UsageError("--as names the slug of a promoted event; use it with --promote CID")
    if article_id is None:
        if any(decisions.values()) or promote_id:
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
    if promote_id:
        if review is None:
            raise UsageError(f"{article_id} has no review file yet; run `kg extract {article_id}`")
        if any(decisions.values()):
            raise UsageError("promote a candidate on its own, without --accept/--reject/--reset")
        _promote(settings, article_id, review, promote_id, promote_as)
    if any(decisions.values()):
        if review is None:
            raise UsageError(f"{article_id} has no review file yet; run `kg extract {article_id}`")
        changed = record_decisions(review, decisions)  # raises before anything is saved
        save_review(path, review)
        click.echo(f"{article_id}: recorded {changed} decision(s) in {path}")
    _show(article_id, review)
