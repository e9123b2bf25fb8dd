"""`kg eval`: precision and recall of the extractor, per type."""

from __future__ import annotations

from pathlib import Path

import click

from kg.config import Settings


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
@click.pass_obj
def command(settings: Settings, fixtures: Path | None, registry_path: Path | None) -> None:
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
    from kg.extract.evaluate import evaluate_corpus, evaluate_fixtures, format_table
    from kg.extract.gazetteer import load_registry

    path = registry_path or settings.registry
    registry = load_registry(path)
    if fixtures is not None:
        finder = conflict_finder(path, settings.corpus / "events.ttl")
        report = evaluate_fixtures(fixtures, registry, conflicts=finder)
    else:
        report = evaluate_corpus(settings, registry)
    click.echo(format_table(report))
