"""The import graph of the whole tree (module level and function level, as grimp sees it):
no module imports a module that imports it back, and the layers hold (import-linter)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from tests.support.paths import REPO


def test_no_module_imports_a_module_that_imports_it_back() -> None:
    graph = grimp.build_graph("kg", "server")
    cycles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycles.append(" -> ".join((module, *back)))
    assert cycles == []


def test_import_contracts_are_kept() -> None:
    beside_python = Path(sys.executable).with_name("lint-imports")
    lint = str(beside_python) if beside_python.exists() else shutil.which("lint-imports")
    if lint is None:
        pytest.skip("lint-imports is not installed (pip install '.[test]')")
    done = subprocess.run([lint], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "BROKEN" not in done.stdout
