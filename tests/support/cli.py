"""The one CLI runner of the tests: ``kg --home HOME ARGS…`` in-process, stdout and stderr
kept apart (``result.stdout``, ``result.stderr``, ``result.output`` for both)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from kg.cli import cli


def kg(home: Path | None, *args: str, input: str | None = None) -> Result:
    """Run ``kg`` with ``--home home`` (omitted when ``home`` is None)."""
    argv = ["--home", str(home), *args] if home is not None else list(args)
    return CliRunner().invoke(cli, argv, input=input, prog_name="kg")
