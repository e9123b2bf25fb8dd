"""`kg build`: assemble, check, infer and write the dataset into build/ atomically."""

from __future__ import annotations

import click

from kg.build.dataset import BuildSummary, build_dataset
from kg.config import Settings
from kg.progress import Steps
from kg.rdf.terms import GRAPH


def format_summary(summary: BuildSummary) -> str:
    """The summary table ``kg build`` prints."""
    lines = [
        f"built {summary.build_dir} in {summary.seconds:.1f} s",
        f"version: {summary.version} (build/current points to it)",
        f"articles: {summary.articles}",
        f"registry entities: {summary.entities}",
    ]
    statuses = ("accepted", "candidate")
    if summary.assertions:
        width = max(len(kind) for kind in summary.assertions)
        lines.append(f"assertions:  {'type':<{width}}  " + "  ".join(f"{s:>9}" for s in statuses))
        for kind, counts in summary.assertions.items():
            row = "  ".join(f"{counts.get(s, 0):>9}" for s in statuses)
            lines.append(f"             {kind:<{width}}  {row}")
    else:
        lines.append("assertions: none (no review files; run `kg extract --all`)")
    lines.append(f"triples: {summary.total_triples}")
    for iri, number in summary.triples.items():
        name = iri[len(GRAPH) :] if iri.startswith(GRAPH) else iri
        lines.append(f"  graph/{name:<32} {number:>7}")
    if summary.inferred:
        added = ", ".join(f"{rule} {n}" for rule, n in summary.inferred.items())
        lines.append(f"inferred by rule: {added}")
    lines.append("files: " + ", ".join(summary.files))
    lines.extend(f"warning: {warning}" for warning in summary.warnings)
    return "\n".join(lines)


@click.command(name="build")
@click.option("--quiet", "-q", is_flag=True, help="Do not print progress lines to stderr.")
@click.option(
    "--full",
    is_flag=True,
    help="Ignore the previous build: read, validate and infer everything again and write a "
    "new version even if nothing changed.",
)
@click.pass_obj
def command(settings: Settings, quiet: bool, full: bool) -> None:
    """Build the dataset (TriG, N-Quads, VoID, Oxigraph store) into build/.

    Assembles the ontology, the entity registry and every article's accepted and candidate
    assertions (one named graph per article), checks each evidence quote against the stored
    text and the SHACL shapes, applies the inference rules and swaps the result in for the
    previous build/. A failed build leaves the previous build/ untouched.

    Inputs are compared by content hash with the current build: when nothing changed
    (articles, review files, registries, ontology, shapes, rules, queries, kg itself) the
    current build stays; otherwise it says how many articles changed. When only articles
    changed, it reads, validates and infers only for those, starting from a copy of the
    current build's store and files. The files are the same bytes as with --full.
    """
    if quiet:
        summary = build_dataset(settings, full=full)
    else:
        with Steps() as say:  # stage lines with elapsed time; a heartbeat in long stages
            summary = build_dataset(settings, progress=say, full=full)
    click.echo(format_summary(summary))
