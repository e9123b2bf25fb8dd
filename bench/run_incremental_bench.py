"""Time ``kg build``: full, nothing changed, one article added, on generated corpora.

Usage (from the repository root, with the dev venv)::

    python bench/run_incremental_bench.py --articles 1000 5000 [--scratch DIR]

For each size N it writes N articles with tests/support/event_corpus.py, then runs, each in
its own child process (so peak RSS is that step's alone): a full build, a rebuild with
nothing changed, and a rebuild after adding article N+1. It prints one JSON line per step
(seconds, peak RSS in MB, articles, triples) and, for two or more sizes, the fitted exponent
of the full build time and memory between the first and last size. Not a CI test.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.event_corpus import write_event_corpus  # noqa: E402

CHILD = """
import json, resource, sys, time
from pathlib import Path
from kg.build.dataset import build_dataset
from kg.config import load_settings
settings = load_settings({"home": Path(sys.argv[1])}, environ={})
started = time.monotonic()
lines = []
summary = build_dataset(settings, full=sys.argv[2] == "full", progress=lines.append)
seconds = time.monotonic() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": round(seconds, 1), "peak_rss_mb": round(rss),
                  "articles": summary.articles, "triples": summary.total_triples,
                  "first_line": lines[1] if len(lines) > 1 else ""}))
"""


def step(home: Path, mode: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(home), mode],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(articles: int, scratch: Path) -> dict[str, dict[str, object]]:
    home = write_event_corpus(scratch / f"n{articles}", articles)
    rows: dict[str, dict[str, object]] = {}

    def run(name: str, mode: str) -> None:
        rows[name] = step(home, mode)
        print(json.dumps({"articles": articles, "step": name, **rows[name]}), flush=True)

    run("full build", "full")
    run("nothing changed", "incremental")
    write_event_corpus(home, articles + 1)  # adds article number N, the others unchanged
    run("one article added", "incremental")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--scratch", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.scratch) as scratch:
        results = {n: measure(n, Path(scratch)) for n in args.articles}
    sizes = sorted(results)
    if len(sizes) >= 2:
        small, large = results[sizes[0]]["full build"], results[sizes[-1]]["full build"]
        ratio = math.log(sizes[-1] / sizes[0])
        for key in ("seconds", "peak_rss_mb"):
            a, b = float(small[key]), float(large[key])  # type: ignore[arg-type]
            print(f"fitted exponent of {key}: {math.log(b / a) / ratio:.2f}")


if __name__ == "__main__":
    main()
