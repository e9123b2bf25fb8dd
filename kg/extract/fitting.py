"""Fitting the confidence model (``kg.extract.confidence``): L2-regularised logistic
regression by Newton's method, folds by a stable hash of the article id, and the hold
threshold. Deterministic: no random numbers, inputs in a fixed order.

``bench/fit_confidence.py`` runs the extractor over the dev set, labels each event
candidate by the ``kg eval`` matching rule and calls these functions; they are here, not in
the script, so that tests can check them on small tables.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kg.extract.confidence import FEATURES, Weights

FOLDS = 3
L2 = 10.0  # penalty on the standardised weights (not on the bias); ~200 examples, 30 features
BETA = 1.0  # the threshold maximises F1 of the kept candidates: hold only what pays for itself
# holding back candidates must buy at least this many precision points per recall point lost
TRADE = 3.0
# ... and at least this many precision points in all: a threshold that buys less is fitted
# on noise (in the eleventh session one that bought 0.3 out of fold cost the curated seeds
# eight recall points)
MIN_GAIN = 1.0


def fold_of(article_id: str, folds: int = FOLDS) -> int:
    """The fold of an article: sha1 of its id, as an integer, modulo ``folds``."""
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % folds


def matrix(rows: Sequence[dict[str, float]]) -> np.ndarray[Any, Any]:
    """Feature rows as a matrix, columns in the order of :data:`FEATURES`."""
    return np.array([[row.get(name, 0.0) for name in FEATURES] for row in rows], dtype=float)


def newton_logistic(
    x: np.ndarray[Any, Any],
    y: np.ndarray[Any, Any],
    l2: float,
    iterations: int = 50,
    tolerance: float = 1e-9,
) -> np.ndarray[Any, Any]:
    """Weights ``w`` minimising the log-loss of ``sigmoid(x @ w)`` plus ``l2/2 * |w[1:]|^2``
    by Newton's method (the problem is convex). Column 0 of ``x`` is the bias, which is
    (almost) not penalised. Shared by the confidence model and the learned role assigner."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 1e-6
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x.T * (p * (1 - p))) @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < tolerance:
            break
    return w


def counts_line(counts: tuple[int, int, int, int]) -> str:
    """``(matched, found, gold, must-not)`` as the fit scripts print it."""
    matched, found, gold, bad = counts
    p = 100 * matched / found if found else 0.0
    r = 100 * matched / gold if gold else 0.0
    return f"P {p:5.1f}% ({matched}/{found})  R {r:5.1f}% ({matched}/{gold})  must-not {bad}"


def write_or_check(path: Path, text: str, check: bool, what: str) -> int:
    """Write a fitted model file, or with ``check`` only say whether ``path`` already holds
    ``text``; the exit code of the fit scripts (1: stale)."""
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if check:
        print(f"{what} is up to date" if current == text else f"{what} is stale")
        return 0 if current == text else 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def fit_logistic(
    x: np.ndarray[Any, Any], y: np.ndarray[Any, Any], l2: float = L2, threshold: float = 0.5
) -> Weights:
    """Weights of ``P(y=1) = sigmoid(bias + w . (x - mean) / scale)`` minimising the
    log-loss plus ``l2/2 * |w|^2`` (Newton steps; the problem is convex)."""
    means = x.mean(axis=0) if len(x) else np.zeros(x.shape[1])
    scales = x.std(axis=0) if len(x) else np.ones(x.shape[1])
    scales = np.where(scales > 1e-9, scales, 1.0)
    z = np.hstack([np.ones((len(x), 1)), (x - means) / scales])
    w = newton_logistic(z, y, l2, iterations=50, tolerance=1e-9)
    return Weights(
        FEATURES,
        tuple(float(v) for v in w[1:]),
        float(w[0]),
        threshold,
        tuple(float(m) for m in means),
        tuple(float(s) for s in scales),
    )


def predict(weights: Weights, x: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    z = weights.bias + ((x - np.array(weights.means)) / np.array(weights.scales)) @ np.array(
        weights.coef
    )
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


@dataclass(frozen=True)
class Counts:
    """Kept predictions, the right ones among them, and gold events (for recall)."""

    found: int
    matched: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    def f_beta(self, beta: float = BETA) -> float:
        p, r = self.precision, self.recall
        return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def counts_at(p: np.ndarray[Any, Any], y: np.ndarray[Any, Any], gold: int, t: float) -> Counts:
    kept = p >= t
    return Counts(int(kept.sum()), int((kept & (y == 1)).sum()), gold)


def choose_threshold(
    p: np.ndarray[Any, Any], y: np.ndarray[Any, Any], gold: int, beta: float = BETA
) -> float:
    """The threshold (a midpoint between two observed probabilities, or 0) with the best
    F-beta of the kept predictions; ties go to the lowest threshold (keep more)."""
    values = np.unique(p)
    options = [0.0] + [float((a + b) / 2) for a, b in itertools.pairwise(values)]
    best, best_score = 0.0, -1.0
    for t in options:
        score = counts_at(p, y, gold, t).f_beta(beta)
        if score > best_score + 1e-12:
            best, best_score = t, score
    return round(best, 4)


def trade(before: Counts, after: Counts) -> tuple[float, float]:
    """(precision points gained, recall points lost) from ``before`` to ``after``."""
    return 100 * (after.precision - before.precision), 100 * (before.recall - after.recall)


def choose_traded_threshold(
    p: np.ndarray[Any, Any], y: np.ndarray[Any, Any], gold: int, ratio: float = TRADE
) -> float:
    """The threshold (a midpoint between two observed probabilities, or 0) that maximises
    ``precision points gained - ratio * recall points lost`` against keeping everything;
    0 (hold nothing) unless some threshold gains more than ``ratio`` times what it loses.
    Ties go to the lowest threshold (keep more)."""
    values = np.unique(p)
    options = [float((a + b) / 2) for a, b in itertools.pairwise(values)]
    everything = counts_at(p, y, gold, 0.0)
    best, best_score = 0.0, 0.0
    for t in options:
        gained, lost = trade(everything, counts_at(p, y, gold, t))
        score = gained - ratio * lost
        if score > best_score + 1e-9:
            best, best_score = t, score
    return round(best, 4)
