"""How far two annotators agree: annotation B scored against annotation A with the matching
``kg eval`` uses.

Usage (from the repository root, with the dev venv)::

    python bench/agreement.py                 # second annotator vs the dev gold
    python bench/agreement.py --list          # ... and one line per disagreement
    python bench/agreement.py --a DIR --b DIR # any two annotations of the same articles

B (``tests/fixtures/devset/second-annotator/``) plays the extractor and A (the dev gold,
``tests/fixtures/devset/dev/``) the gold, and then the other way round: each annotation's
events become candidates whose evidence is the sentence of their quote (the extractor's
evidence is always the whole sentence), its entities entity candidates, its conflicts
predicted conflicts; :func:`kg.extract.evaluate.score_article`,
:func:`kg.extract.evaluate.score_conflicts` and :func:`kg.extract.explain.explain_article`
then score them exactly as they score an extraction. With B as predictions, recall is the
share of A's events B also has and precision the share of B's events A has.

Only articles present in both folders are scored. B is a measurement, never fitting data.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.corpus.review import Candidate, Evidence, ReviewFile  # noqa: E402
from kg.extract.evaluate import (  # noqa: E402
    ConflictScore,
    Extras,
    Gold,
    PredictedConflict,
    Report,
    Row,
    article_matching,
    format_table,
    load_expected,
    match_entities,
    merge_rows,
    predicted_entities,
    score_article,
    score_conflicts,
)
from kg.extract.explain import Breakdown, explain_article, format_breakdown  # noqa: E402
from kg.extract.explain import _sentence_of as sentence_of  # noqa: E402
from kg.extract.gazetteer import Registry  # noqa: E402
from kg.extract.identity import Identity  # noqa: E402

DEV = REPO / "tests" / "fixtures" / "devset" / "dev"
SECOND = REPO / "tests" / "fixtures" / "devset" / "second-annotator"

Sentences = list[tuple[int, int]]


def as_predictions(gold: Gold, text: str, sentences: Sentences) -> ReviewFile:
    """One annotation as an extraction: every event a candidate (gold role names, which
    ``kg eval`` reads as they are; modality; date) whose evidence is its quote's sentence,
    every entity an entity candidate."""
    candidates: list[Candidate] = []
    for number, event in enumerate(gold.events):
        start, end = sentence_of(sentences, event.start)
        properties = {role: list(values) for role, values in event.properties.items()}
        if event.date is not None:
            properties["date"] = [event.date[0]]
        mood = None if event.modality == "asserted" else event.modality
        candidates.append(
            Candidate(
                f"{gold.article}-{event.type}-{number}",
                event.type,
                [Evidence(start, end, text[start:end])],
                properties=properties,
                modality=mood,  # type: ignore[arg-type]
            )
        )
    candidates += [Candidate(e.slug, e.type, [], label=e.slug) for e in gold.entities]
    return ReviewFile(gold.article, candidates=candidates)


def as_conflicts(gold: Gold, text: str, sentences: Sentences) -> list[PredictedConflict]:
    """One annotation's conflict list as predicted conflicts: each side's evidence sentence
    is its quote's sentence; a ``known`` measure keeps its id."""
    quoted = {e.quote: e for e in gold.events if e.quote}

    def sentence(quote: str) -> str:
        start, end = sentence_of(sentences, quoted[quote].start)
        return text[start:end]

    found: list[PredictedConflict] = []
    for number, c in enumerate(gold.conflicts or []):
        measure = quoted.get(c.measure or "")
        found.append(
            PredictedConflict(
                f"proposal-{number}",
                c.known or f"measure-{number}",
                (sentence(c.proposal),),
                (sentence(c.measure),) if c.measure else (),
                scoped=measure is None
                or bool(measure.properties.get("targets") or measure.properties.get("covers")),
                asserted=measure is None or measure.modality == "asserted",
            )
        )
    return found


@dataclass
class Direction:
    """One direction of the comparison (``gold`` as gold, the other as predictions)."""

    rows: list[dict[str, Row]] = field(default_factory=list)
    strict: list[dict[str, Row]] = field(default_factory=list)
    extras: Extras = field(default_factory=Extras)
    conflicts: ConflictScore = field(default_factory=ConflictScore)
    breakdown: Breakdown = field(default_factory=Breakdown)
    entities_missed: list[str] = field(default_factory=list)
    articles: int = 0

    def report(self) -> Report:
        return Report(
            merge_rows(self.rows),
            self.articles,
            0,
            self.extras,
            self.conflicts if self.conflicts.articles else None,
            None,
            merge_rows(self.strict),
        )


def compare(
    gold: Gold,
    other: Gold,
    text: str,
    registry: Registry,
    sentences: Sentences,
    into: Direction,
    shared: Identity | None = None,
) -> None:
    """Score ``other`` as predictions against ``gold`` (one article), adding to ``into``."""
    review = as_predictions(other, text, sentences)
    matching = article_matching(review, registry, text, shared)
    into.rows.append(score_article(gold, review, registry, into.extras, matching))
    into.strict.append(score_article(gold, review, registry))
    into.breakdown.add(explain_article(gold, review, sentences, matching))
    matched = match_entities(gold.entities, predicted_entities(review, registry), matching)
    into.entities_missed += [
        f"{gold.article}: {e.slug} ({e.type})" for e in gold.entities if e not in matched
    ]
    if gold.conflicts is not None and other.conflicts is not None:
        into.conflicts.add(score_conflicts(gold, as_conflicts(other, text, sentences)))
    into.articles += 1


def load_pair(a_dir: Path, b_dir: Path) -> list[tuple[Gold, Gold, str]]:
    """(A, B, text) for every article with an annotation in both folders (B's ids)."""
    pairs = []
    for txt in sorted(b_dir.glob("*.txt")):
        a_yaml = a_dir / f"{txt.stem}.expected.yaml"
        b_yaml = txt.with_name(f"{txt.stem}.expected.yaml")
        if not (a_yaml.is_file() and b_yaml.is_file()):
            continue
        text = txt.read_text(encoding="utf-8")
        pairs.append(
            (load_expected(a_yaml, text, txt.stem), load_expected(b_yaml, text, txt.stem), text)
        )
    return pairs


def agreement(
    pairs: list[tuple[Gold, Gold, str]],
    registry: Registry,
    split: Callable[[str], Sentences],
) -> tuple[Direction, Direction]:
    """(B against A, A against B) over every article pair; ``split`` gives a text's
    sentence spans."""
    shared = Identity(registry)
    b_vs_a, a_vs_b = Direction(), Direction()
    for a, b, text in pairs:
        sentences = split(text)
        compare(a, b, text, registry, sentences, b_vs_a, shared)
        compare(b, a, text, registry, sentences, a_vs_b, shared)
    return b_vs_a, a_vs_b


def format_direction(title: str, direction: Direction, listing: bool) -> str:
    lines = [f"== {title}", format_table(direction.report())]
    lines.append(f"gold entities without a counterpart: {len(direction.entities_missed)}")
    if listing:
        lines += [f"  entity: {x}" for x in direction.entities_missed]
        lines += [f"  must-not: {x}" for x in direction.extras.violations]
    lines.append(format_breakdown(direction.breakdown, listing))
    return "\n".join(lines)


def main() -> int:
    from kg.extract.gazetteer import load_registry, make_pipeline
    from kg.extract.pipeline import iter_sentences

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--a", type=Path, default=DEV, help="annotation A (the gold)")
    parser.add_argument("--b", type=Path, default=SECOND, help="annotation B (second annotator)")
    parser.add_argument("--list", action="store_true", help="one line per disagreement")
    args = parser.parse_args()
    registry = load_registry(REPO / "corpus" / "entities.ttl")
    nlp = make_pipeline(registry)
    pairs = load_pair(args.a, args.b)
    if not pairs:
        print(f"no article is annotated in both {args.a} and {args.b}", file=sys.stderr)
        return 1

    def split(text: str) -> Sentences:
        return [(s.start, s.end) for s in iter_sentences(text, nlp)]

    b_vs_a, a_vs_b = agreement(pairs, registry, split)
    print(format_direction("B as predictions, A as gold", b_vs_a, args.list))
    print()
    print(format_direction("A as predictions, B as gold", a_vs_b, args.list))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
