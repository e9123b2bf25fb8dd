"""Fit the learned role assigner on the dev set and write kg/extract/roles.json.

Usage (from the repository root, with the dev venv)::

    python bench/fit_roles.py                 # fit, report, write the model file
    python bench/fit_roles.py --check         # report; exit 1 if the file would change

One extraction pass over ``--fixtures`` (default tests/fixtures/devset/dev) with the rules'
roles (no model) records, for every event frame and every actor role of its type, each
entity of the sentence (and the rules' fillers from earlier sentences) with its features
(``kg.extract.rolemodel``). A frame is aligned to the gold event of its type whose quote
overlaps its sentence (the one around its trigger first; Role: the gold Role of the same
person); an entity is right for a role when the gold event lists it there. Frames with no
gold event are left out, except Role frames: a title the gold does not list is noise, so
every holder of it is wrong (the model learns to drop it).

Honest figures: the articles are split into three folds by sha1(article id) mod 3. For each
fold the model is fitted on the other two (threshold: best F1 of the choices on
out-of-fold scores inside those two) and the fold is extracted again with it; role-aware
recall and precision as ``kg eval`` counts them are printed before (rules) and after. Then
the model is refitted on every article and written out. Deterministic: the same code and
dev set give the same file. Never point it at the held-out split.
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

from kg.extract.evaluate import (  # noqa: E402
    Extras,
    Gold,
    GoldEvent,
    article_matching,
    load_expected,
    merge_rows,
    score_article,
)
from kg.extract.fitting import (  # noqa: E402
    FOLDS,
    choose_threshold,
    counts_line,
    fold_of,
    newton_logistic,
    write_or_check,
)
from kg.extract.gazetteer import Registry, load_registry  # noqa: E402
from kg.extract.pipeline import Extractor, extract_article, make_extractor  # noqa: E402
from kg.extract.rolemodel import MODEL_PATH, Model, Record, RoleModel, parse_model  # noqa: E402

L2 = 1.0
MIN_COUNT = 2  # a feature seen fewer times in the training rows is not in the vocabulary
# candidate role -> the gold role names that state it
GOLD_NAMES: dict[str, tuple[str, ...]] = {
    "imposedBy": ("imposedBy", "providedBy"),
    "claimant": ("claimedBy", "claimant"),
    "roleIn": ("holdsRoleIn",),
}


@dataclass
class Article:
    id: str
    fold: int
    text: str
    gold: Gold
    rows: list[tuple[list[str], float]]  # (features, label) of every labelled choice


def _gold_for(record: Record, gold: Gold) -> GoldEvent | None:
    start, end = record.sentence
    found = [
        g
        for g in gold.events
        if g.type == record.type and any(s < end and start < e for s, e in g.spans)
    ]
    if record.type == "Role":  # one role per person and article: any sentence of it
        found = [g for g in found if record.person in g.properties.get("person", [])] or [
            g
            for g in gold.events
            if g.type == "Role" and record.person in g.properties.get("person", [])
        ]
    if not found:
        return None
    inside = [g for g in found if any(s <= record.anchor_char < e for s, e in g.spans)]
    if inside:
        return inside[0]
    return min(found, key=lambda g: abs(g.start - record.anchor_char))


def label(records: list[Record], gold: Gold) -> list[tuple[list[str], float]]:
    rows: list[tuple[list[str], float]] = []
    for record in records:
        g = _gold_for(record, gold)
        if g is None and record.type != "Role":
            continue
        for choice in record.choices:
            right: set[str] = set()
            if g is not None:
                for name in GOLD_NAMES.get(choice.role, (choice.role,)):
                    right.update(g.properties.get(name, []))
            rows.append((choice.features, 1.0 if choice.slug in right else 0.0))
    return rows


def load(directory: Path, registry: Registry, base: Extractor) -> list[Article]:
    out = []
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        gold = load_expected(path.with_name(f"{path.stem}.expected.yaml"), text, path.stem)
        records: list[Record] = []
        ex = replace(base, roles=RoleModel(None, records))
        extract_article(text, registry, path.stem, ex, article_date=gold.date)
        out.append(Article(path.stem, fold_of(path.stem), text, gold, label(records, gold)))
    return out


def fit(rows: list[tuple[list[str], float]], l2: float = L2, threshold: float = 0.5) -> Model:
    """Sparse L2 logistic regression over binary features by Newton's method."""
    counts: dict[str, int] = {}
    for feats, _ in rows:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab) + 1))
    x[:, 0] = 1.0
    for r, (feats, _) in enumerate(rows):
        for f in set(feats):
            if f in index:
                x[r, index[f] + 1] = 1.0
    y = np.array([lab for _, lab in rows])
    w = newton_logistic(x, y, l2, iterations=60, tolerance=1e-8)
    weights = {f: float(w[i + 1]) for f, i in index.items() if abs(w[i + 1]) > 1e-6}
    return Model(weights, float(w[0]), threshold)


def probabilities(model: Model, rows: list[tuple[list[str], float]]) -> np.ndarray[Any, Any]:
    return np.array([model.probability(f) for f, _ in rows])


def fit_with_threshold(articles: list[Article], l2: float) -> Model:
    """Fitted on ``articles``; the threshold is chosen on their out-of-fold scores."""
    probs, labels = [], []
    folds = sorted({a.fold for a in articles})
    for k in folds:
        train = [r for a in articles if a.fold != k for r in a.rows]
        test = [r for a in articles if a.fold == k for r in a.rows]
        if not train or not test:
            continue
        probs.append(probabilities(fit(train, l2), test))
        labels.append(np.array([lab for _, lab in test]))
    rows = [r for a in articles for r in a.rows]
    threshold = 0.5
    if probs:
        p, y = np.concatenate(probs), np.concatenate(labels)
        threshold = max(0.05, choose_threshold(p, y, int(y.sum())))
    return fit(rows, l2, threshold)


def figures(
    articles: list[Article], registry: Registry, ex: Extractor
) -> tuple[int, int, int, int]:
    """(matched, found, gold, must-not) of a fresh extraction of ``articles`` with ``ex``."""
    per, extras = [], Extras()
    for a in articles:
        review = extract_article(a.text, registry, a.id, ex, article_date=a.gold.date)
        matching = article_matching(review, registry, a.text)  # as `kg eval` matches
        per.append(score_article(a.gold, review, registry, extras, matching))
    rows = {r.name: r for r in merge_rows(per)}
    every = rows["all"]
    return every.matched, every.found, every.gold, extras.must_not


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=REPO / "tests/fixtures/devset/dev")
    parser.add_argument("--registry", type=Path, default=REPO / "corpus/entities.ttl")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if stale")
    parser.add_argument(
        "--no-folds", action="store_true", help="skip the per-fold re-extraction figures"
    )
    args = parser.parse_args(argv)
    if "heldout" in args.fixtures.resolve().parts:
        parser.error("the held-out split is never used for fitting")
    registry = load_registry(args.registry)
    base = make_extractor(registry)
    articles = load(args.fixtures, registry, base)
    n = sum(len(a.rows) for a in articles)
    pos = int(sum(lab for a in articles for _, lab in a.rows))
    print(f"articles: {len(articles)}; labelled choices: {n} ({pos} right)")
    if not args.no_folds:
        pooled_before, pooled_after = [0, 0, 0, 0], [0, 0, 0, 0]
        for k in range(FOLDS):
            train = [a for a in articles if a.fold != k]
            test = [a for a in articles if a.fold == k]
            model = fit_with_threshold(train, args.l2)
            before = figures(test, registry, replace(base, roles=RoleModel(None)))
            after = figures(test, registry, replace(base, roles=RoleModel(model)))
            for i in range(4):
                pooled_before[i] += before[i]
                pooled_after[i] += after[i]
            print(f"fold {k} rules:  {counts_line(before)}")
            print(f"fold {k} model:  {counts_line(after)}   (threshold {model.threshold:.3f})")
        print(f"pooled rules:  {counts_line(tuple(pooled_before))}")  # type: ignore[arg-type]
        print(f"pooled model:  {counts_line(tuple(pooled_after))}")  # type: ignore[arg-type]
    final = fit_with_threshold(articles, args.l2)
    final = replace(
        final,
        meta={
            "fitted_on": args.fixtures.name,
            "articles": len(articles),
            "choices": n,
            "right": pos,
            "l2": args.l2,
            "min_count": MIN_COUNT,
            "command": "python bench/fit_roles.py",
        },
    )
    text = final.to_json()
    parse_model(__import__("json").loads(text), str(args.out))  # the schema round-trips
    print(f"threshold {final.threshold:.3f}; {len(final.weights)} weights; strongest:")
    for name, w in sorted(final.weights.items(), key=lambda nw: -abs(nw[1]))[:15]:
        print(f"  {w:+.3f}  {name}")
    return write_or_check(args.out, text, args.check, "model file")


if __name__ == "__main__":
    raise SystemExit(main())
