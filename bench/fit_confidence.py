"""Fit the extractor's confidence model on the dev set and write kg/extract/confidence.json.

Usage (from the repository root, with the dev venv)::

    python bench/fit_confidence.py                 # fit, report, write the weights file
    python bench/fit_confidence.py --check         # report; exit 1 if the file would change

One extraction pass over ``--fixtures`` (default tests/fixtures/devset/dev) with every
candidate kept (nothing held); each event candidate (the ``kg eval`` rows Proposal … Dependency)
is labelled right when ``kg eval``'s matching pairs it with a gold event (type, overlapping
evidence, every gold role), wrong otherwise. Its features are ``kg.extract.confidence``'s.

Honest figures: the articles are split into three folds by sha1(article id) mod 3. For each
fold, the weights are fitted on the other two, the threshold chosen on those two (on
probabilities each of the two gets from a model fitted on the other: the threshold that
maximises precision points gained minus three times the role-aware recall points lost,
against holding nothing; 0 when no threshold gains three times what it loses), and the
fold is scored with candidates below it held back: precision, role-aware recall and
must-not violations exactly as ``kg eval`` counts them, before (everything kept) and after,
with the trade (precision points gained, recall points lost). A table of fixed thresholds
on the same out-of-fold probabilities shows what each would trade per fold. Then the model
is refitted on every article, with the threshold chosen by the same rule on the pooled
out-of-fold probabilities — or 0, holding nothing, unless across the folds holding gained
at least three precision points per recall point lost and did not raise must-not
violations — and written out. Deterministic: the same code and dev set give the same file.
Never point it at the held-out split.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.corpus.review import ReviewFile  # noqa: E402
from kg.extract.confidence import SCORED_TYPES, WEIGHTS_PATH, Scorer, parse_weights  # noqa: E402
from kg.extract.evaluate import (  # noqa: E402
    Extras,
    Gold,
    Matching,
    article_matching,
    load_expected,
    match_events,
    merge_rows,
    score_article,
)
from kg.extract.fitting import (  # noqa: E402
    FOLDS,
    L2,
    MIN_GAIN,
    TRADE,
    choose_traded_threshold,
    counts_line,
    fit_logistic,
    fold_of,
    matrix,
    predict,
    write_or_check,
)
from kg.extract.gazetteer import Registry, load_registry  # noqa: E402
from kg.extract.pipeline import extract_article, make_extractor  # noqa: E402


@dataclass
class Article:
    id: str
    fold: int
    gold: Gold
    review: ReviewFile
    ids: list[str]  # the scored candidates, in review order
    x: np.ndarray[Any, Any]
    y: np.ndarray[Any, Any]
    matching: Matching  # which slugs name one entity, as `kg eval` matches


def load(directory: Path, registry: Registry) -> list[Article]:
    record: dict[str, dict[str, float]] = {}
    extractor = make_extractor(registry, Scorer(None, record, hold=False))
    out = []
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        gold = load_expected(path.with_name(f"{path.stem}.expected.yaml"), text, path.stem)
        review = extract_article(text, registry, path.stem, extractor, article_date=gold.date)
        events = [c for c in review.candidates if c.type in SCORED_TYPES]
        matching = article_matching(review, registry, text)  # as `kg eval` matches
        right = {c.id for c, _ in match_events(gold, events, matching)}
        ids = [c.id for c in events]
        x = matrix([record[i] for i in ids]).reshape(len(ids), -1)
        y = np.array([1.0 if i in right else 0.0 for i in ids])
        out.append(Article(path.stem, fold_of(path.stem), gold, review, ids, x, y, matching))
    return out


def stack(articles: list[Article]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], int]:
    x = np.vstack([a.x for a in articles])
    y = np.concatenate([a.y for a in articles])
    gold = sum(1 for a in articles for g in a.gold.events if g.type in SCORED_TYPES)
    return x, y, gold


def out_of_fold(
    articles: list[Article], l2: float
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Probabilities of every candidate of ``articles`` from a model fitted on the other
    folds among them (so a threshold is never chosen on scores of its own training data),
    and the labels, in the same order."""
    probs, labels = [], []
    for k in sorted({a.fold for a in articles}):
        train = [a for a in articles if a.fold != k]
        test = [a for a in articles if a.fold == k]
        x, y, _ = stack(train)
        xt, yt, _ = stack(test)
        probs.append(predict(fit_logistic(x, y, l2), xt))
        labels.append(yt)
    return np.concatenate(probs), np.concatenate(labels)


def figures(
    articles: list[Article], registry: Registry, held: set[str]
) -> tuple[int, int, int, int]:
    """(matched, found, gold, must-not) over ``articles`` with the ``held`` ids left out."""
    per, extras = [], Extras()
    for a in articles:
        kept = ReviewFile(a.review.article, a.review.extractor)
        kept.candidates = [c for c in a.review.candidates if c.id not in held]
        kept.mentions = a.review.mentions
        per.append(score_article(a.gold, kept, registry, extras, a.matching))
    every = next(r for r in merge_rows(per) if r.name == "all")
    return every.matched, every.found, every.gold, extras.must_not


def points(counts: tuple[int, int, int, int]) -> tuple[float, float]:
    """(precision, recall) in percent of ``(matched, found, gold, must-not)``."""
    matched, found, gold, _ = counts
    return (100 * matched / found if found else 0.0, 100 * matched / gold if gold else 0.0)


def traded(before: tuple[int, int, int, int], after: tuple[int, int, int, int]) -> str:
    (p0, r0), (p1, r1) = points(before), points(after)
    return f"trade: precision {p1 - p0:+.1f} pts, recall {r1 - r0:+.1f} pts"


def pays(before: tuple[int, int, int, int], after: tuple[int, int, int, int]) -> bool:
    """Holding pays for itself when, summed over the held-out folds, it gains at least
    :data:`TRADE` precision points per role-aware recall point lost and :data:`MIN_GAIN`
    points in all, drops some wrong candidates and does not raise must-not violations."""
    (p0, r0), (p1, r1) = points(before), points(after)
    gained, lost = p1 - p0, max(0.0, r0 - r1)
    return (
        after[1] < before[1]
        and gained >= MIN_GAIN
        and gained >= TRADE * lost
        and after[3] <= before[3]
    )


def sweep(articles: list[Article], registry: Registry, pooled_p: dict[str, Any]) -> None:
    """What fixed thresholds on the out-of-fold probabilities would trade, per fold."""
    print("fixed thresholds on out-of-fold probabilities (precision/recall points vs none):")
    for t in (0.1, 0.2, 0.3, 0.4, 0.5):
        cells = []
        for k in range(FOLDS):
            test = [a for a in articles if a.fold == k]
            held = {i for a in test for i, v in zip(a.ids, pooled_p[a.id], strict=True) if v < t}
            before, after = figures(test, registry, set()), figures(test, registry, held)
            (p0, r0), (p1, r1) = points(before), points(after)
            cells.append(f"f{k} P{p1 - p0:+5.1f} R{r1 - r0:+5.1f} mn{after[3] - before[3]:+d}")
        print(f"  t={t:.1f}  " + "   ".join(cells))


def line(name: str, before: tuple[int, int, int, int], after: tuple[int, int, int, int]) -> str:
    return f"{name:<8} before: {counts_line(before)}\n{'':<8} after:  {counts_line(after)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=REPO / "tests/fixtures/devset/dev")
    parser.add_argument("--registry", type=Path, default=REPO / "corpus/entities.ttl")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if stale")
    args = parser.parse_args(argv)
    if "heldout" in args.fixtures.resolve().parts:
        parser.error("the held-out split is never used for fitting")
    registry = load_registry(args.registry)
    articles = load(args.fixtures, registry)
    print(f"articles: {len(articles)}; folds (sha1(id) mod {FOLDS}):")
    for k in range(FOLDS):
        names = [a.id for a in articles if a.fold == k]
        print(f"  fold {k} ({len(names)}): {' '.join(names)}")
    pooled_p = {}
    held_all: set[str] = set()
    for k in range(FOLDS):
        train = [a for a in articles if a.fold != k]
        test = [a for a in articles if a.fold == k]
        x, y, gold = stack(train)
        weights = fit_logistic(x, y, args.l2)
        inner_p, inner_y = out_of_fold(train, args.l2)
        t = choose_traded_threshold(inner_p, inner_y, gold)
        held: set[str] = set()
        for a in test:
            p = predict(weights, a.x) if len(a.ids) else np.zeros(0)
            pooled_p[a.id] = p
            held |= {i for i, v in zip(a.ids, p, strict=True) if v < t}
        held_all |= held
        before, after = figures(test, registry, set()), figures(test, registry, held)
        print(line(f"fold {k}", before, after) + f"   (threshold {t:.3f}, fitted on the others)")
        print(f"{'':<8} {traded(before, after)}")
    before, after = figures(articles, registry, set()), figures(articles, registry, held_all)
    print(line("pooled", before, after))
    print(f"{'':<8} {traded(before, after)}")
    sweep(articles, registry, pooled_p)
    x, y, gold = stack(articles)
    oof = np.concatenate([pooled_p[a.id] for a in articles])
    threshold = choose_traded_threshold(oof, y, gold)
    if not pays(before, after):
        print(f"holding gained less than {TRADE:g} precision points per recall point lost ", end="")
        print(f"or {MIN_GAIN:g} in all (or raised must-not) across the folds: nothing is held")
        threshold = 0.0
    final = fit_logistic(x, y, args.l2, threshold)
    final = replace(
        final,
        meta={
            "fitted_on": args.fixtures.name,
            "articles": len(articles),
            "candidates": len(y),
            "right": int(y.sum()),
            "l2": args.l2,
            "threshold_rule": "max precision gain - 3 x recall loss on pooled out-of-fold "
            "scores; 0 (hold nothing) unless holding gained 3 precision points per recall "
            "point lost (and at least 1 point in all) across the folds without raising must-not",
            "command": "python bench/fit_confidence.py",
        },
    )
    text = final.to_json()
    parse_weights(__import__("json").loads(text), str(args.out))  # the schema round-trips
    print(f"threshold {threshold:.3f}; weights (standardised):")
    for name, w in sorted(zip(final.features, final.coef, strict=True), key=lambda nw: -abs(nw[1])):
        print(f"  {w:+.3f}  {name}")
    return write_or_check(args.out, text, args.check, "weights file")


if __name__ == "__main__":
    raise SystemExit(main())
