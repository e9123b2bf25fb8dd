"""The ``kg`` command group: help, version, and the error contract."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import cli
from tests.support.cli import kg
from tests.support.generated import load_generator
from tests.support.paths import SEED_CORPUS

_CONTEXT = click.Context(cli)
#: Every subcommand, read from the command group itself so that a new one is never missed
#: (the group loads each subcommand's module when asked for it).
SUBCOMMANDS = sorted(cli.list_commands(_CONTEXT)) if isinstance(cli, click.Group) else []
#: Subcommands that are groups, with their own subcommands.
NESTED = [
    (name, sub)
    for name in SUBCOMMANDS
    if isinstance(command := cli.get_command(_CONTEXT, name), click.Group)
    for sub in sorted(command.commands)
]


def test_help_lists_every_subcommand(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in SUBCOMMANDS:
        assert f"  {name} " in result.output


def test_the_subcommands_are_loaded() -> None:
    assert len(SUBCOMMANDS) >= 11
    assert all(cli.get_command(_CONTEXT, name) is not None for name in SUBCOMMANDS)


#: What ``kg build`` never needs: the web server, the HTML cleaner, the language model.
NOT_FOR_BUILD = ("flask", "trafilatura", "spacy", "server")


def test_kg_build_does_not_import_what_only_other_commands_need() -> None:
    """`kg build` starts without loading the other subcommands' heavy modules (each second
    of imports is a second of every incremental build)."""
    probe = (
        "import sys, click; from kg.cli import cli; "
        "cli.get_command(click.Context(cli), 'build'); "
        f"print(' '.join(m for m in {NOT_FOR_BUILD!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == []


def test_every_pipeline_stage_is_a_subcommand() -> None:
    assert {"ingest", "extract", "review", "build", "eval", "query", "sparql", "export"} <= set(
        SUBCOMMANDS
    )


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_subcommand_help(name: str) -> None:
    result = kg(None, name, "--help")
    assert result.exit_code == 0, result.output
    assert f"Usage: kg {name}" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("group", "name"), NESTED)
def test_nested_subcommand_help(group: str, name: str) -> None:
    result = kg(None, group, name, "--help")
    assert result.exit_code == 0, result.output
    assert f"Usage: kg {group} {name}" in result.output


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_console_entry_point_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "Usage: kg" in done.stdout
    assert "Traceback" not in done.stderr


def test_ctrl_c_is_one_line_and_exit_130(tmp_path: Path) -> None:
    """Regression: click's own handler printed "Aborted!" and exited 1, so the `interrupted`
    handler in kg.cli.main never ran."""
    load_generator().generate(tmp_path, 200, 3, SEED_CORPUS / "entities.ttl")
    command = [str(Path(sys.executable).with_name("kg")), "--home", str(tmp_path)]
    process = subprocess.Popen(
        [*command, "extract", "--all", "--force"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    lines = []
    for line in process.stderr:  # the first progress line: the model is loaded, work is on
        lines.append(line)
        if line.startswith("extracting: "):
            break
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    assert process.wait(timeout=30) == 130, "".join(lines) + rest
    assert rest.strip().splitlines()[-1] == "interrupted", rest
    assert "Traceback" not in rest and "Aborted!" not in rest
