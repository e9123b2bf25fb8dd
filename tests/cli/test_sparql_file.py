"""`kg sparql -f FILE`: only a regular file, read up to the limit plus one byte."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli


def test_sparql_file_must_be_a_regular_file(runner: CliRunner, home: Path, tmp_path: Path) -> None:
    zero = tmp_path / "zero.rq"
    zero.symlink_to("/dev/zero")  # ran out of memory before
    fifo = tmp_path / "pipe.rq"
    os.mkfifo(fifo)  # hung before
    for path, reason in ((zero, "a character device"), (fifo, "a FIFO")):
        result = runner.invoke(cli, ["--home", str(home), "sparql", "-f", str(path)])
        assert result.exit_code == 2
        assert result.output.strip() == (
            f"error: {path}: {reason}, not a regular file; give a query file"
        )
    huge = tmp_path / "huge.rq"
    huge.write_bytes(b"#" * 1_000_001)
    result = runner.invoke(cli, ["--home", str(home), "sparql", "-f", str(huge)])
    assert result.exit_code == 2 and "too large" in result.output
