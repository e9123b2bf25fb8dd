"""`kg ontology check|report|diff|release|docs`: the ontologist's workflow.

Every subcommand reads the ontology, shapes, rules and canned queries from the project
folder (``kg --home``, default: the current directory) when it has them, else from the
installed package (:mod:`kg.resources`), and says which.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.config import Settings
from kg.errors import UsageError, ValidationError
from kg.rdf.turtle import read_turtle
from kg.resources import (
    ontology_dir,
    ontology_file,
    queries_dir,
    rules_dir,
    shapes_file,
    sources,
)
from kg.schema.check import check_ontology
from kg.schema.diff import (
    BreakingChange,
    Version,
    diff_ontologies,
    read_version,
    render_markdown,
    render_text,
)
from kg.schema.docs import write_docs
from kg.schema.release import release as make_release
from kg.schema.report import build_report
from kg.schema.usage import Usage, collect_usage

_ONTOLOGY = click.option(
    "--ontology",
    "ontology",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Ontology Turtle file to use instead of the project's (or installed) cmkg.ttl.",
)


def _usage(settings: Settings, shapes: Path | None = None) -> Usage:
    return collect_usage(shapes or shapes_file(), rules_dir(), queries_dir(), settings.store)


@click.group(name="ontology")
def command() -> None:
    """Check, report on, diff and release the ontology, or write its HTML docs.

    The files come from the project folder (ontology/cmkg.ttl, shapes.ttl, rules/, and
    queries/) when it has them, else from the installed package.
    """


@command.command(name="check", short_help="Parse, house rules, OWL 2 DL profile, HermiT, shapes.")
@_ONTOLOGY
@click.option(
    "--shapes",
    "shapes",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="SHACL shapes file to use instead of the project's (or installed) shapes.ttl.",
)
def check(ontology: Path | None, shapes: Path | None) -> None:
    """Parse with rdflib and Oxigraph, check labels/definitions, reason with HermiT.

    Without Java the OWL 2 DL profile and HermiT are skipped with one line saying why; the
    other checks still run. Exits non-zero with one line per problem when anything fails.
    """
    if ontology is None or shapes is None:
        for source in sources()[:1]:
            click.echo(f"reading {source.line()}")
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
    if report.consistent is None:
        click.echo(
            f"ok: ontology is well-formed; HermiT skipped (no Java) "
            f"(checked in {report.seconds:.1f} s)"
        )
        return
    click.echo(f"ok: ontology is consistent and well-formed (checked in {report.seconds:.1f} s)")


@command.command(name="report", short_help="ROBOT-style report, one line per finding.")
@_ONTOLOGY
@click.pass_obj
def report(settings: Settings, ontology: Path | None) -> None:
    """ROBOT-style report: one line per finding, LEVEL<TAB>rule<TAB>term<TAB>message.

    Checks: missing, multiple or badly spaced labels, missing definitions, duplicate labels,
    cmkg terms used in shapes, rules, queries or data but not declared, deprecated terms in
    use, declared terms nothing uses (INFO), and domain/range clashes with the built data
    (build/store; skipped with an INFO line when there is no build). Exits 4 when there is
    an ERROR or WARN line.
    """
    path = ontology or ontology_file()
    click.echo(f"reading {path}", err=True)
    graph = read_turtle(path, "ontology")
    findings = build_report(graph, _usage(settings), settings.store)
    for finding in findings:
        click.echo(finding.line())
    bad = [f for f in findings if f.level in ("ERROR", "WARN")]
    counts = {level: sum(f.level == level for f in findings) for level in ("ERROR", "WARN", "INFO")}
    summary = ", ".join(f"{n} {level}" for level, n in counts.items())
    if bad:
        raise ValidationError(f"ontology report: {summary}")
    click.echo(f"ok: ontology report is clean ({summary})", err=True)


@command.command(name="diff", short_help="What changed between two ontology versions.")
@click.argument("old")
@click.argument("new", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="Plain text or Markdown (as in a changelog).",
)
@click.option(
    "--allow-breaking",
    is_flag=True,
    help="Exit 0 even when a removed or renamed term is still used.",
)
@click.pass_obj
def diff(settings: Settings, old: str, new: str | None, fmt: str, allow_breaking: bool) -> None:
    """Terms, labels, definitions and axioms added, removed or changed from OLD to NEW.

    OLD and NEW are Turtle files, git `REV:PATH` (HEAD~1:ontology/cmkg.ttl) or git
    revisions (v0.1.0: its ontology/cmkg.ttl); NEW defaults to the working ontology file.
    Exits 1 when a removed or renamed term is used by shapes, rules, queries or data,
    unless --allow-breaking.
    """
    working = ontology_file()
    before = read_version(old, working)
    after = read_version(new, working) if new else Version(str(working), read_turtle(working))
    if new is None:
        after = Version("working tree", after.graph)
    result = diff_ontologies(before, after, _usage(settings))
    click.echo(render_markdown(result) if fmt == "markdown" else render_text(result), nl=False)
    if result.breaking and not allow_breaking:
        names = ", ".join(
            f"{change.iri.rsplit('#', 1)[-1]} (used by {', '.join(change.used_by)})"
            for change in result.breaking
        )
        raise BreakingChange(
            f"breaking change: removed or renamed term still in use: {names}; "
            "deprecate it instead, or pass --allow-breaking"
        )


@command.command(name="release", short_help="Stamp VERSION, write CHANGELOG.md, export.")
@click.argument("version")
@click.option(
    "--since",
    default=None,
    help="The previous release to diff against (file, REV:PATH or git revision); default: "
    "build/ontology/<previous version>/cmkg.ttl, else the git tag v<previous version>.",
)
@click.pass_obj
def release(settings: Settings, version: str, since: str | None) -> None:
    """Release the ontology as VERSION (MAJOR.MINOR.PATCH).

    Sets owl:versionIRI, owl:versionInfo and owl:priorVersion in ontology/cmkg.ttl, puts the
    diff against the previous release on top of ontology/CHANGELOG.md, and exports Turtle,
    RDF/XML and JSON-LD to build/ontology/VERSION/, which `kg serve` answers at the version
    IRI https://w3id.org/cmkg/ontology/VERSION.
    """
    source = sources()[0]
    if source.origin != "project":
        raise UsageError(
            f"no ontology/cmkg.ttl in the project folder {settings.home}: a release stamps the "
            "project's ontology, not the installed copy; run it in a checkout or pass --home"
        )
    folder = ontology_dir()
    done = make_release(
        version,
        folder / "cmkg.ttl",
        folder / "CHANGELOG.md",
        settings.build,
        usage=_usage(settings),
        since=since,
    )
    prior = f" (prior version {done.prior})" if done.prior and done.prior != version else ""
    click.echo(f"released ontology {version}{prior}")
    click.echo(f"updated {folder / 'cmkg.ttl'} and {folder / 'CHANGELOG.md'}")
    click.echo(f"wrote {done.folder}/: " + ", ".join(sorted(p.name for p in done.folder.iterdir())))


@command.command(name="docs", short_help="Write HTML docs (pyLODE).")
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
