"""Benchmark `kg extract --all` throughput on 400-word news articles (not a CI test).

Usage (from the repository root, with the dev venv)::

    python bench/bench_extract.py [--articles 100] [--source tests/fixtures/devset/dev]
    python bench/bench_extract.py --generated [--articles 300]

The articles are the dev-set news texts (wire copy, trade press, statements), each cut or
repeated paragraph by paragraph to about 400 words, or with ``--generated`` the articles of
``bench/generate_corpus.py`` (the 10,000-article benchmark's kind, seed 12) cut sentence by
sentence to about 400 words; ingested into a fresh temporary project home. Everything runs
pinned to one CPU core (``os.sched_setaffinity``). Measured in the same run:

Wall-clock time depends on what else the machine runs; the figure that counts is
articles per CPU-second of the process (``time.process_time``, and ``RUSAGE_CHILDREN``
for the CLI subprocess), i.e. articles per second per core.

* ``kg extract --all`` as a user runs it (a subprocess: start-up, model load, registry,
  extraction, YAML review files written), articles per second, wall clock;
* what ``kg extract`` runs per article, in-process (``kg.extract.batch.Extraction``: the
  lines of eight articles parsed in one model batch, rules, merge with the review file the
  CLI run wrote, YAML text; model loaded, nothing written);
* the extraction alone in-process (``extract_article`` over the stored texts one by one,
  model already loaded);
* the reference: the bare spaCy model (``nlp.pipe`` over the same texts: tagger, parser,
  NER and nothing of cmkg), which bounds what any pipeline on this model can reach;
* the same with the model as its package loads it (spaCy's own attribute ruler and the
  ``blis`` matrix products, which ``kg.extract.model`` swaps for equivalent faster ones):
  what those swaps save.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_articles(source: Path, count: int, words: int = 400) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(source.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no *.txt articles in {source}")
    out: list[str] = []
    i = 0
    while len(out) < count:
        paragraphs = [p for p in texts[i % len(texts)].split("\n\n") if p.strip()]
        body: list[str] = []
        j = 0
        while sum(len(p.split()) for p in body) < words:
            body.append(paragraphs[j % len(paragraphs)])
            j += 1
        out.append("\n\n".join(body) + "\n")
        i += 1
    return out


def cut_to_words(text: str, words: int = 400) -> str:
    """``text``'s lines, whole sentences, until ``words`` words (the last sentence whole)."""
    lines: list[str] = []
    count = 0
    for line in (line for line in text.splitlines() if line.strip()):
        kept: list[str] = []
        for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
            kept.append(sentence)
            count += len(sentence.split())
            if count >= words:
                break
        lines.append(" ".join(kept))
        if count >= words:
            break
    return "\n".join(lines) + "\n"


def generated_articles(count: int, tmp: Path, words: int = 400) -> list[str]:
    """``count`` articles of ``bench/generate_corpus.py`` (seed 12), cut to ``words``."""
    home = tmp / "generated"
    subprocess.run(
        [
            *(sys.executable, str(REPO / "bench" / "generate_corpus.py")),
            *("--articles", str(count), "--home", str(home), "--seed", "12"),
        ],
        check=True,
        capture_output=True,
    )
    paths = sorted((home / "corpus" / "articles").glob("*.txt"))
    return [cut_to_words(p.read_text(encoding="utf-8"), words) for p in paths]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--source", type=Path, default=REPO / "tests/fixtures/devset/dev")
    parser.add_argument(
        "--generated", action="store_true", help="generated articles instead of --source"
    )
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    kg = str(Path(sys.executable).with_name("kg"))  # this interpreter's kg, not PATH's
    if not Path(kg).is_file():
        kg = shutil.which("kg") or "kg"
    with tempfile.TemporaryDirectory() as tmp:
        if args.generated:
            articles = generated_articles(args.articles, Path(tmp))
        else:
            articles = make_articles(args.source, args.articles)
        total_words = sum(len(a.split()) for a in articles)
        home = Path(tmp) / "home"
        shutil.copytree(REPO / "corpus", home / "corpus")
        for path in (home / "corpus" / "articles").iterdir():
            path.unlink()
        shutil.rmtree(home / "corpus" / "review")
        inbox = Path(tmp) / "in"
        inbox.mkdir()
        for n, text in enumerate(articles):
            (inbox / f"bench-{n:04d}.txt").write_text(text, encoding="utf-8")
        subprocess.run(
            [kg, "--home", str(home), "ingest", str(inbox)], check=True, capture_output=True
        )
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [kg, "--home", str(home), "extract", "--all"], check=True, capture_output=True
        )
        cli_seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)

        from kg.config import Settings
        from kg.extract.batch import Extraction
        from kg.extract.gazetteer import load_registry
        from kg.extract.model import MODEL_PACKAGE, load_model
        from kg.extract.pipeline import extract_article, make_extractor

        ids = sorted(p.stem for p in (home / "corpus" / "articles").glob("*.txt"))
        with Extraction(Settings(home=home)) as extraction:
            list(extraction.extract(ids[:8]))  # warm-up
            start, cpu = time.perf_counter(), time.process_time()
            list(extraction.extract(ids))
            batch_seconds = time.perf_counter() - start
            batch_cpu = time.process_time() - cpu

        registry = load_registry(home / "corpus" / "entities.ttl")
        extractor = make_extractor(registry)
        extract_article(articles[0], registry, "warm-up", extractor)
        start, cpu = time.perf_counter(), time.process_time()
        for n, text in enumerate(articles):
            extract_article(text, registry, f"a{n}", extractor)
        inproc_seconds = time.perf_counter() - start
        inproc_cpu = time.process_time() - cpu

        nlp = load_model()
        start, cpu = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(articles):
            pass
        bare_seconds = time.perf_counter() - start
        bare_cpu = time.process_time() - cpu

        stock = importlib.import_module(MODEL_PACKAGE).load()
        start, cpu = time.perf_counter(), time.process_time()
        for _ in stock.pipe(articles):
            pass
        stock_seconds = time.perf_counter() - start
        stock_cpu = time.process_time() - cpu

    n = len(articles)
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, Python {platform.python_version()}, pinned to 1 core")
    print(f"articles: {n}, words: {total_words} (mean {total_words / n:.0f})")
    rows = [
        ("kg extract --all (CLI, incl. start-up and writes)", cli_seconds, cli_cpu),
        ("kg extract's path in-process (batched, merge, YAML)", batch_seconds, batch_cpu),
        ("extraction in-process, one article at a time", inproc_seconds, inproc_cpu),
        ("reference: bare nlp.pipe (tagger, parser, NER)", bare_seconds, bare_cpu),
        ("the same as the package loads it (ruler, blis)", stock_seconds, stock_cpu),
    ]
    print(f"load average: {os.getloadavg()[0]:.1f} (CPU seconds are what counts on a busy box)")
    print(f"{'':52s} {'wall s':>8s} {'CPU s':>8s} {'articles/CPU-s':>15s}")
    for name, seconds, cpu in rows:
        print(f"{name:52s} {seconds:8.2f} {cpu:8.2f} {n / cpu:15.1f}")


if __name__ == "__main__":
    main()
