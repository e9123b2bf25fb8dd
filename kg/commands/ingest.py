"""`kg ingest PATH...`: add article files (.txt, .md, .html) to the corpus."""

from __future__ import annotations

from pathlib import Path

import click

from kg.config import Settings
from kg.corpus.files import read_meta
from kg.corpus.ingest import ingest_paths, parse_date_option

_VERBS = {
    "added": "added",
    "replaced": "replaced",
    "metadata-updated": "updated metadata of",
    "repaired": "repaired (wrote the missing metadata record of)",
    "unchanged": "unchanged (identical text already stored):",
}


@click.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--date",
    "date_text",
    metavar="DATE",
    help="Publication date: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY (sets the precision).",
)
@click.option("--replace", is_flag=True, help="Overwrite articles whose stored text differs.")
@click.pass_obj
def command(
    settings: Settings, paths: tuple[Path, ...], date_text: str | None, replace: bool
) -> None:
    """Add .txt, .md and .html files (or folders of them) to corpus/articles/.

    Each file becomes article <file stem>: its text (the main content for HTML) is stored
    as corpus/articles/<id>.txt and a metadata record (title, date with precision, source,
    SHA-256) as <id>.meta.yaml, the two written as one step (the record last). Every file
    is checked before anything is written: an empty, binary, non-UTF-8, unreadable or
    over-5-MB file, or anything that is not a regular file (a FIFO, a device), stops the
    run and changes nothing. Identical re-ingests are no-ops, except that an article left
    half-written by an interrupted run is repaired; changed text needs --replace.
    """
    date = parse_date_option(date_text) if date_text else None
    results = ingest_paths(settings, list(paths), date=date, replace=replace)
    for result in results:
        line = f"{_VERBS[result.action]} {result.article_id}"
        if result.action != "unchanged":
            meta = read_meta(settings, result.article_id)
            line += f" ({meta.date}, {meta.date_precision}): {meta.title}"
        click.echo(line)
        if result.note:
            click.echo(f"note: {result.note}", err=True)
    added = sum(r.action in ("added", "replaced", "repaired") for r in results)
    if added:
        click.echo("next: `kg extract --all`, review corpus/review/, then `kg build`")
