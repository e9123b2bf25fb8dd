"""bench/generate_corpus.py loaded as a module (it is a script, not a package)."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from tests.support.paths import REPO


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_corpus", REPO / "bench" / "generate_corpus.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = module
    spec.loader.exec_module(module)
    return module
