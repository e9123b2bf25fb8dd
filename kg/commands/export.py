"""`kg export`: the built dataset as Turtle, N-Triples, TriG, N-Quads or JSON-LD."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import IO

import click

from kg.config import Settings
from kg.fileio import atomic_output
from kg.progress import Progress
from kg.publish.export import check_folder, write_export
from kg.rdf.formats import EXPORT_OFFERS
from kg.rdf.store import open_store


@click.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([fmt.name for fmt in EXPORT_OFFERS]),
    default="ttl",
    show_default=True,
    help="ttl/nt/jsonld give the union of all graphs (or the one selected); trig/nq keep graphs.",
)
@click.option("--graph", metavar="IRI", help="Export this named graph only.")
@click.option("--article", metavar="ID", help="Export the graph of this article only.")
@click.option("--ontology", is_flag=True, help="Export the ontology graph only.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)
@click.pass_obj
def command(
    settings: Settings,
    fmt: str,
    graph: str | None,
    article: str | None,
    ontology: bool,
    output: Path | None,
) -> None:
    """Export the built dataset; the same build always gives byte-identical output.

    Written by streaming (an external sort), so memory stays bounded at any size.
    """
    store = open_store(settings.store, read_only=True)
    if output is not None:
        check_folder(output)
    with contextlib.ExitStack() as stack:
        out: IO[bytes] = (
            sys.stdout.buffer if output is None else stack.enter_context(atomic_output(output))
        )
        progress = stack.enter_context(Progress("reading quads", len(store), unit="quad"))
        write_export(
            store,
            fmt,
            out,
            graph=graph,
            article=article,
            ontology=ontology,
            progress=progress.advance,
        )
