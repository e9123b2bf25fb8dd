"""Why the extractor's unmatched event candidates are noise: every prediction that
``kg eval``'s matching leaves unmatched on a fixture folder, classified.

Usage (from the repository root, with the dev venv)::

    python bench/noise_classes.py                        # the dev set, counts per type
    python bench/noise_classes.py --list                 # ... and one line per prediction
    python bench/noise_classes.py --cache /tmp/x.pickle  # reuse one extraction pass

Classes, tried in this order (the first that applies):

* ``roles``: the prediction overlaps a gold event of its type that nothing matched (the
  right event with a wrong or missing role: a recall fault as much as noise);
* ``duplicate``: a matched prediction of its type is on the same gold event, or names the
  same key actor and a shared second key value (a second mention event resolution
  should have merged);
* ``same-type``: a gold event of its type is in the sentence, but another one (two
  measures in one sentence, one of them split or mis-scoped);
* ``wrong type``: only gold events of other types are in the sentence;
* ``must-not``: the sentence holds a must_not quote (split by the prediction's modality);
* ``pure``: no gold event and no must_not quote in the sentence; the trigger words are
  listed (``--list``) to judge by hand whether gold omits a true event.

Never point it at the held-out split.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.corpus.review import Candidate, ReviewFile  # noqa: E402
from kg.extract.evaluate import (  # noqa: E402
    EVENT_ROWS,
    OTHER_ROWS,
    Gold,
    load_expected,
    match_events,
)
from kg.extract.evaluate import _overlaps as overlaps  # noqa: E402
from kg.extract.evaluate import _values as values  # noqa: E402
from kg.extract.explain import _sentence_of as sentence_of  # noqa: E402

CLASSES = ("roles", "duplicate", "same-type", "wrong type", "must-not", "pure")
ROWS = (*EVENT_ROWS, *OTHER_ROWS)
KEY = {
    "Proposal": ("proposedBy", "proposedTo", "covers"),
    "Sanction": ("imposedBy", "targets", "covers"),
    "Tariff": ("imposedBy", "targets", "covers"),
    "ExportControl": ("imposedBy", "targets", "covers"),
    "ImportBan": ("imposedBy", "targets", "covers"),
    "SupportMeasure": ("providedBy", "beneficiary", "covers"),
    "Claim": ("claimedBy", "about", "covers"),
    "Meeting": ("participant",),
    "Agreement": ("participant",),
    "Role": ("person", "holdsRoleIn"),
    "Dependency": ("dependent", "dependsOn", "covers"),
}

Article = tuple[Gold, ReviewFile, str, list[tuple[int, int]]]


def extract(directory: Path) -> list[Article]:
    from kg.extract.gazetteer import load_registry
    from kg.extract.pipeline import extract_article, iter_sentences, make_extractor

    registry = load_registry(REPO / "corpus" / "entities.ttl")
    extractor = make_extractor(registry)
    out: list[Article] = []
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        gold = load_expected(path.with_name(f"{path.stem}.expected.yaml"), text, path.stem)
        review = extract_article(text, registry, path.stem, extractor, gold.date)
        sentences = [(s.start, s.end) for s in iter_sentences(text, extractor.nlp)]
        out.append((gold, review, text, sentences))
    return out


def _in(start: int, end: int, span: tuple[int, int]) -> bool:
    return start < span[1] and span[0] < end


def _same_event(c: Candidate, other: Candidate) -> bool:
    keys = KEY[c.type]
    first = values(c, keys[0]) & values(other, keys[0])
    if c.type in ("Meeting", "Agreement"):
        return len(first) >= 2
    rest = any(values(c, k) & values(other, k) for k in keys[1:])
    return bool(first) and rest


def classify(article: Article) -> list[tuple[str, Candidate, str]]:
    gold, review, text, sentences = article
    events = [c for c in review.candidates if c.type in ROWS]
    pairs = match_events(gold, events)
    matched = {c.id: g for c, g in pairs}
    taken = {id(g) for _, g in pairs}
    out: list[tuple[str, Candidate, str]] = []
    for c in events:
        if c.id in matched:
            continue
        e = c.evidence[0]
        sent = sentence_of(sentences, e.start)
        here = [g for g in gold.events if any(_in(s, t, sent) for s, t in g.spans)]
        same = [g for g in gold.events if g.type == c.type and overlaps(c, g)]
        twins = [m for m in events if m.id in matched and m.type == c.type]
        free = [g for g in same if id(g) not in taken]
        if free:
            kind = "roles"
            g = free[0]
            faults = [
                f"{k}: want {v} got {sorted(values(c, k))}"
                for k, v in g.properties.items()
                if not set(v) <= values(c, k)
            ]
            out.append((kind, c, text[sent[0] : sent[1]] + "\n      ROLES " + "; ".join(faults)))
            continue
        elif any(matched[m.id] in same or _same_event(c, m) for m in twins):
            kind = "duplicate"
        elif any(g.type == c.type for g in here):
            kind = "same-type"
        elif here:
            kind = "wrong type"
        elif any(any(_in(s, t, sent) for s, t in b.spans) for b in gold.must_not):
            kind = "must-not"
        else:
            kind = "pure"
        out.append((kind, c, text[sent[0] : sent[1]]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=REPO / "tests/fixtures/devset/dev")
    parser.add_argument("--cache", type=Path, help="pickle of the extraction pass (reused)")
    parser.add_argument("--list", action="store_true", help="one line per noise prediction")
    parser.add_argument("--type", action="append", help="only these types in the listing")
    args = parser.parse_args()
    if "heldout" in args.fixtures.parts:
        parser.error("never run this on the held-out split")
    if args.cache and args.cache.is_file():
        articles: list[Article] = pickle.loads(args.cache.read_bytes())
    else:
        articles = extract(args.fixtures)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(articles))
    counts: Counter[tuple[str, str]] = Counter()
    lines: list[str] = []
    for article in articles:
        for kind, c, sentence in classify(article):
            counts[c.type, kind] += 1
            if args.list and (not args.type or c.type in args.type):
                modality = c.modality or "asserted"
                trigger = c.evidence[0].quote if c.evidence else ""
                props = {k: v for k, v in c.properties.items() if k in _SHOWN}
                lines.append(
                    f"{kind:10} {c.type:14} {article[0].article}: [{modality} "
                    f"{c.confidence}] {props}\n      {sentence.strip()[:300]}"
                    + (f"\n      evidence: {trigger[:120]!r}" if trigger != sentence else "")
                )
    header = f"{'type':14}" + "".join(f"{k:>11}" for k in CLASSES) + f"{'total':>8}"
    print(header)
    for t in ROWS:
        row = [counts[t, k] for k in CLASSES]
        if sum(row):
            print(f"{t:14}" + "".join(f"{n:>11}" for n in row) + f"{sum(row):>8}")
    total = [sum(counts[t, k] for t in ROWS) for k in CLASSES]
    print(f"{'all':14}" + "".join(f"{n:>11}" for n in total) + f"{sum(total):>8}")
    for line in lines:
        print(line)
    return 0


_SHOWN = (
    "imposedBy",
    "targets",
    "coversResource",
    "concernsResource",
    "participant",
    "claimant",
    "beneficiary",
    "proposedBy",
    "proposedTo",
    "roleOf",
    "roleIn",
    "dependent",
    "dependsOn",
    "trigger",
)

if __name__ == "__main__":
    raise SystemExit(main())
