"""`kg ontology check` and `kg ontology docs`: for ontologists extending the schema."""

from __future__ import annotations

from pathlib import Path

import click

from kg.errors import ValidationError
from kg.resources import ontology_file, shapes_file
from kg.schema.check import check_ontology
from kg.schema.docs import write_docs

_ONTOLOGY = click.option(
    "--ontology",
    "ontology",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Ontology Turtle file to use instead of the shipped cmkg.ttl.",
)


@click.group(name="ontology")
def command() -> None:
    """Check the ontology (parsers, house rules, HermiT, shapes) or write its HTML docs."""


@command.command(name="check")
@_ONTOLOGY
@click.option(
    "--shapes",
    "shapes",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="SHACL shapes file to use instead of the shipped shapes.ttl.",
)
def check(ontology: Path | None, shapes: Path | None) -> None:
    """Parse with rdflib and Oxigraph, check labels/definitions, reason with HermiT.

    Exits non-zero with one line per problem when anything fails.
    """
    report = check_ontology(
        ontology or ontology_file(), shapes or shapes_file(), say=lambda line: click.echo(line)
    )
    for problem in report.problems:
        click.echo(f"problem: {problem}", err=True)
    if report.problems:
        raise ValidationError(
            f"ontology check found {len(report.problems)} problem(s), listed above "
            f"({report.seconds:.1f} s)"
        )
    click.echo(f"ok: ontology is consistent and well-formed (checked in {report.seconds:.1f} s)")


@command.command(name="docs")
@_ONTOLOGY
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write index.html into (created if missing).",
)
def docs(ontology: Path | None, output: Path) -> None:
    """Write HTML documentation of the ontology (pyLODE) to OUTPUT/index.html."""
    target = write_docs(ontology or ontology_file(), output)
    click.echo(f"wrote {target}")
