"""`kg eval`: precision and recall of the extractor, per type."""

from __future__ import annotations

from pathlib import Path

import click

from kg.config import Settings
from kg.errors import UsageError


@click.command(name="eval")
@click.option(
    "--fixtures",
    "fixtures",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Evaluate on DIR/<id>.txt articles with DIR/<id>.expected.yaml facts instead of "
    "the curated corpus.",
)
@click.option(
    "--registry",
    "registry_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Entity registry to link against (default: corpus/entities.ttl).",
)
@click.option(
    "--fold",
    "fold",
    default=None,
    metavar="I/N",
    help="With --fixtures: only the articles of fold I of N (a stable hash of the article "
    "id modulo N is I), for validating a change on articles it was not tuned on.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="With --fixtures: also say why each missed gold event was missed (no candidate in "
    "its sentence, wrong type, taken by another gold event, wrong role filler, role "
    "missing), with counts per class and event type, and list modality and date "
    "disagreements of matched events.",
)
@click.pass_obj
def command(
    settings: Settings,
    fixtures: Path | None,
    registry_path: Path | None,
    fold: str | None,
    explain: bool,
) -> None:
    """Precision and recall of machine candidates against accepted facts, per type.

    \b
    Gold: the accepted entries of corpus/review/*.yaml (default), or with --fixtures DIR
    the DIR/<id>.expected.yaml files:
      entities: [{slug: ukraine, type: Country}, ...]
      events:   [{type: Agreement, quote: "signed a deal",
                  properties: {participant: [united-states, ukraine]}}, ...]
    Predictions: a fresh extraction of each article (registry mentions + candidates).

    \b
    Matching (one-to-one): an entity matches on the same slug and a type on the same
    branch (equal, more or less specific; not a sibling class); an event matches on
    the same type and an evidence span that overlaps the gold one (or contains its
    quote), with every listed key participant among the prediction's values.
    Slugs the registry does not know match when they name the same entity ("kamativi"
    / "kamativi-mine", "rheinland-anode" / "rheinland-anode-gmbh", an acronym the
    text defines or abbreviates; see kg/extract/identity.py), registry slugs only
    when equal; in an actor role (imposedBy, proposedBy, providedBy, claimedBy,
    holdsRoleIn, participant) a government body of the gold country fills it. The
    'strict slugs:' line gives entity recall, role-aware event recall and event
    precision when only the same slug matches.
    Rows: actors, resources, places, each event type; totals 'entities', 'events'
    (proposals, measures, claims, meetings, agreements) and 'all' (with roles and
    dependencies). Also counts extraction output inside boilerplate lines (should be 0).

    \b
    Dev-set gold (tests/fixtures/devset/, see its README) may also give the article
    'date' (relative dates resolve against it), per event 'modality' and 'date',
    'must_not' items and 'boilerplate' lines. Role names of that gold (covers, concerns,
    claimedBy, providedBy, beneficiary, person, holdsRoleIn) are read as the candidate
    properties that carry them. The summary then adds entity recall, role-aware event
    recall and precision over 'all', must-not violations (an asserted candidate of the
    type on the quote that no gold event matched), noise per type, and modality and
    date agreement.

    \b
    Conflicts: articles whose gold has a 'conflicts:' list (proposal quote and a measure
    quote or a known event id of corpus/events.ttl) are also scored on the conflicts the
    build infers from the article alone (resolution against the event registry, the
    shapes, the inference rules). Prints conflict precision and recall with counts, the
    conflicts that cite a measure without scope or not asserted (should be 0), and one
    line per missed or wrong conflict; then the same for the rule alone, on the gold
    proposals and measures turned into candidates instead of the extracted ones.
    """
    from kg.build.conflict_eval import conflict_finder
    from kg.corpus.review import ReviewFile
    from kg.extract.evaluate import (
        Gold,
        article_matching,
        evaluate_corpus,
        evaluate_fixtures,
        format_table,
    )
    from kg.extract.explain import Breakdown, explain_article, format_breakdown
    from kg.extract.gazetteer import load_registry, make_pipeline
    from kg.extract.identity import Identity
    from kg.extract.pipeline import iter_sentences

    path = registry_path or settings.registry
    registry = load_registry(path)
    if (fold or explain) and fixtures is None:
        raise UsageError("--fold and --explain need --fixtures DIR")
    if fixtures is None:
        click.echo(format_table(evaluate_corpus(settings, registry)))
        return
    breakdown = Breakdown()
    observe = None
    if explain:
        nlp = make_pipeline(registry)
        shared = Identity(registry)

        def observe(gold: Gold, review: ReviewFile, text: str) -> None:
            sentences = [(s.start, s.end) for s in iter_sentences(text, nlp)]
            matching = article_matching(review, registry, text, shared)
            breakdown.add(explain_article(gold, review, sentences, matching))

    finder = conflict_finder(path, settings.corpus / "events.ttl")
    report = evaluate_fixtures(fixtures, registry, _fold(fold), observe, finder)
    click.echo(format_table(report))
    if explain:
        click.echo(format_breakdown(breakdown))


def _fold(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    i, sep, n = text.partition("/")
    if not (sep and i.isdigit() and n.isdigit() and 0 <= int(i) < int(n)):
        raise UsageError(f"--fold wants I/N with 0 <= I < N, not {text!r}")
    return int(i), int(n)
