"""Time ``kg build``: full, nothing changed, one article added, on generated corpora.

Usage (from the repository root, with the dev venv)::

    python bench/run_incremental_bench.py --articles 1000 5000 [--scratch DIR]
        [--reference CODE_DIR] [--full-only]
    python bench/run_incremental_bench.py --home DIR [--reference CODE_DIR] [--full-only]

For each size N it writes N articles with tests/support/event_corpus.py (or, with ``--home``,
builds the corpus already in DIR, e.g. one from bench/generate_corpus.py), then runs, each in
its own child process (so peak RSS is that step's alone): a full build, a rebuild with
nothing changed, and a rebuild after adding article N+1 (event corpus only). It prints one
JSON line per step (wall seconds, CPU seconds of the child, peak RSS in MB, articles,
triples, the load average before the step) and, for two or more sizes, the fitted exponent
of the full build time and memory between the first and last size.

The machine may be shared: ``--reference CODE_DIR`` (an unpacked older checkout, e.g.
``git archive <commit> | tar -x -C CODE_DIR``) builds the same corpus with that code first,
in the same run, so the two can be compared as a ratio. Not a CI test.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.event_corpus import write_event_corpus  # noqa: E402

CHILD = """
import json, os, resource, sys, time
from pathlib import Path
from kg.build.dataset import build_dataset
from kg.config import load_settings
settings = load_settings({"home": Path(sys.argv[1])}, environ={})
started = time.monotonic()
lines = []
summary = build_dataset(settings, full=sys.argv[2] == "full", progress=lines.append)
seconds = time.monotonic() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
rss = usage.ru_maxrss / 1024
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps({"seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
                  "peak_rss_mb": round(rss), "load_before": round(float(sys.argv[3]), 2),
                  "articles": summary.articles, "triples": summary.total_triples,
                  "first_line": lines[1] if len(lines) > 1 else ""}))
"""


def step(home: Path, mode: str, code: Path | None = None) -> dict[str, object]:
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(home), mode, str(os.getloadavg()[0])],
        check=True,
        capture_output=True,
        text=True,
        cwd=code or REPO,
        env=env,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(
    articles: int, scratch: Path, *, home: Path | None, reference: Path | None, full_only: bool
) -> dict[str, dict[str, object]]:
    if home is None:
        home = write_event_corpus(scratch / f"n{articles}", articles)
    rows: dict[str, dict[str, object]] = {}

    def run(name: str, mode: str, code: Path | None = None) -> None:
        rows[name] = step(home, mode, code)
        print(json.dumps({"articles": articles, "step": name, **rows[name]}), flush=True)

    if reference is not None:
        run("full build, reference code", "full", reference)
        shutil.rmtree(home / "build", ignore_errors=True)
    run("full build", "full")
    if full_only:
        return rows
    run("nothing changed", "incremental")
    if home.parent == scratch:  # an event corpus: add article number N
        write_event_corpus(home, articles + 1)
        run("one article added", "incremental")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--scratch", type=Path, default=None)
    parser.add_argument("--home", type=Path, default=None, help="build this corpus instead")
    parser.add_argument("--reference", type=Path, default=None, help="older code to compare")
    parser.add_argument("--full-only", action="store_true", help="only the full build(s)")
    args = parser.parse_args()
    options = {"reference": args.reference, "full_only": args.full_only}
    with tempfile.TemporaryDirectory(dir=args.scratch) as scratch:
        if args.home is not None:
            count = len(list((args.home / "corpus" / "review").glob("*.yaml")))
            results = {count: measure(count, Path(scratch), home=args.home, **options)}
        else:
            results = {n: measure(n, Path(scratch), home=None, **options) for n in args.articles}
    sizes = sorted(results)
    if len(sizes) >= 2:
        small, large = results[sizes[0]]["full build"], results[sizes[-1]]["full build"]
        ratio = math.log(sizes[-1] / sizes[0])
        for key in ("seconds", "peak_rss_mb"):
            a, b = float(small[key]), float(large[key])  # type: ignore[arg-type]
            print(f"fitted exponent of {key}: {math.log(b / a) / ratio:.2f}")


if __name__ == "__main__":
    main()
