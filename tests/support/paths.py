"""Where the repository and its data are, for tests in any folder."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_CORPUS = REPO / "corpus"
FIXTURES = REPO / "tests" / "fixtures"
