"""The ``kg`` command group: help, version, and the error contract."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from kg import __version__
from kg.cli import cli

SUBCOMMANDS = [
    "ingest",
    "extract",
    "review",
    "build",
    "query",
    "sparql",
    "export",
    "serve",
    "ontology",
]


def test_help_lists_every_subcommand(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in SUBCOMMANDS:
        assert f"  {name} " in result.output


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
