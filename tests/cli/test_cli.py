"""The ``kg`` command group: help, version, and the error contract."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import cli
from tests.support.cli import kg

#: Every subcommand, read from the command group itself so that a new one is never missed.
SUBCOMMANDS = sorted(cli.commands) if isinstance(cli, click.Group) else []
#: Subcommands that are groups, with their own subcommands.
NESTED = [
    (name, sub)
    for name, command in sorted(cli.commands.items())
    if isinstance(command, click.Group)
    for sub in sorted(command.commands)
]


def test_help_lists_every_subcommand(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in SUBCOMMANDS:
        assert f"  {name} " in result.output


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
