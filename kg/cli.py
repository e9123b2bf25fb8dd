"""The ``kg`` command: a click group whose subcommands live in ``kg.commands``."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import click

from kg import __version__
from kg.config import load_settings
from kg.errors import KGError
from kg.resources import sources, use_home

#: The subcommands in pipeline order, each the ``command`` of ``kg.commands.<name>``: a
#: module is imported only when its command runs (or help lists it), so ``kg build`` does not
#: pay for the web server, the HTML cleaner or the language model.
COMMANDS = (
    *("ingest", "extract", "review", "build", "eval", "query", "sparql"),
    *("export", "publish", "serve", "ontology"),
)


class _Group(click.Group):
    """Turns every :class:`KGError` into one ``error:`` line and its exit code, and Ctrl-C
    into ``interrupted`` and 130 (click alone would print "Aborted!" and exit 1); loads
    each subcommand's module on first use."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KGError as exc:
            click.echo(f"error: {exc.message}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)  # pipeline order, not alphabetical

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module = importlib.import_module(f"kg.commands.{cmd_name}")
            self.add_command(module.command, cmd_name)
        return self.commands.get(cmd_name)


def _use_home(ctx: click.Context, _param: click.Parameter, home: Path | None) -> Path | None:
    """Eager, so that `kg --home DIR --version` already reads DIR's files."""
    use_home(home)  # None: KG_HOME (click fills it in), else the current directory
    return home


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    click.echo(f"kg {__version__}")
    for source in sources():
        click.echo(source.line())
    ctx.exit()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="KG_HOME",
    default=None,
    is_eager=True,
    callback=_use_home,
    help="Project folder holding corpus/ and build/, and ontology/ and queries/ when it has "
    "them (default: current directory).",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and which ontology and queries folders are read, and exit.",
)
@click.pass_context
def cli(ctx: click.Context, home: Path | None) -> None:
    """Critical Minerals Knowledge Graph: articles in, evidence-backed RDF and SPARQL out.

    The ontology, shapes, rules and canned queries are read from the project folder when it
    has them (ontology/cmkg.ttl, queries/*.rq), else from the installed package; `kg --version`
    says which.
    """
    ctx.obj = load_settings({"home": home})


def main() -> None:
    cli.main(prog_name="kg", standalone_mode=True)
