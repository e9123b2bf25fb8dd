"""Generate a project in which the same 10 known events are reported over and over.

``write_event_corpus(home, articles)`` writes ``home/corpus/``: the repository's entity and
event registries, and ``articles`` articles with metadata and review files. Article ``i``
reports known event ``i % 10`` twice (a headline and a lead sentence, as an extractor would
give two candidates), and every tenth article also reports an article-local meeting that no
registry knows. The review files hold undecided machine candidates, so no extractor runs.

With N articles each known event is reported N/10 times; a correct build has one node per
known event whatever N is, N/10 article-local meetings, and the same conflicts at every N.
Used by tests/test_event_resolution.py and bench/run_event_bench.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.corpus.review import Candidate, Evidence, ReviewFile, dump_review

REPO = Path(__file__).resolve().parents[2]
Props = dict[str, list[str]]


@dataclass(frozen=True)
class Report:
    """How articles report one known event: its type, two sentences and their properties."""

    known: str  # slug in corpus/events.ttl
    type: str
    headline: str
    lead: str
    headline_props: Props
    lead_props: Props
    first_day: dt.date  # articles are dated from this day on (inside the event's window)


REPORTS: list[Report] = [
    Report(
        "us-sanctions-on-russia",
        "Sanction",
        "Washington keeps its sanctions on Moscow.",
        "The United States has kept broad sanctions on Russia in place since the invasion.",
        {"imposedBy": ["united-states"], "targets": ["russia"]},
        {"imposedBy": ["united-states"], "targets": ["russia"]},
        dt.date(2025, 3, 1),
    ),
    Report(
        "us-aluminium-duties-2023",
        "Tariff",
        "US duties on Russian aluminium stay.",
        "The 2023 US duties on Russian aluminium remain in force.",
        {"imposedBy": ["united-states"], "coversResource": ["aluminium"]},
        {"imposedBy": ["united-states"], "targets": ["russia"], "coversResource": ["aluminium"]},
        dt.date(2025, 3, 1),
    ),
    Report(
        "china-gallium-germanium-antimony-ban-2024",
        "ExportControl",
        "China bans gallium exports to the US.",
        "Beijing banned exports of gallium, germanium and antimony to the United States.",
        {"imposedBy": ["china"], "coversResource": ["gallium"]},
        {
            "imposedBy": ["china"],
            "targets": ["united-states"],
            "coversResource": ["gallium", "germanium", "antimony"],
        },
        dt.date(2025, 1, 10),
    ),
    Report(
        "china-rare-earth-export-controls-2025",
        "ExportControl",
        "China tightens rare-earth export rules.",
        "China now requires export licences for dysprosium and terbium.",
        {"imposedBy": ["china"], "coversResource": ["rare-earth-elements"]},
        {"imposedBy": ["china"], "coversResource": ["dysprosium", "terbium"]},
        dt.date(2025, 5, 1),
    ),
    Report(
        "china-graphite-export-controls-2023",
        "ExportControl",
        "Graphite exports need a permit in China.",
        "China requires export permits for graphite.",
        {"imposedBy": ["china"], "coversResource": ["graphite"]},
        {"imposedBy": ["china"], "coversResource": ["graphite"]},
        dt.date(2025, 3, 1),
    ),
    Report(
        "indonesia-nickel-ore-export-ban-2020",
        "ExportControl",
        "Indonesia holds its nickel ore export ban.",
        "Jakarta still bans exports of nickel ore.",
        {"imposedBy": ["indonesia"], "coversResource": ["nickel"]},
        {"imposedBy": ["indonesia"], "coversResource": ["nickel"]},
        dt.date(2025, 3, 1),
    ),
    Report(
        "drc-cobalt-export-suspension-2025",
        "ExportControl",
        "Congo halts cobalt exports.",
        "The Democratic Republic of the Congo suspended cobalt exports.",
        {"imposedBy": ["democratic-republic-of-the-congo"], "coversResource": ["cobalt"]},
        {"imposedBy": ["democratic-republic-of-the-congo"], "coversResource": ["cobalt"]},
        dt.date(2025, 3, 10),
    ),
    Report(
        "us-ukraine-minerals-agreement-2025",
        "Agreement",
        "US and Ukraine sign minerals deal.",
        "The United States and Ukraine signed an agreement on rare earths.",
        {"participant": ["united-states", "ukraine"]},
        {"participant": ["united-states", "ukraine"], "concernsResource": ["rare-earth-elements"]},
        dt.date(2025, 5, 5),
    ),
    Report(
        "putin-rare-earth-offer-2025",
        "Proposal",
        "Putin offers rare earths to America.",
        "Putin offered US companies joint rare-earth projects in Murmansk.",
        {"proposedBy": ["vladimir-putin"], "concernsResource": ["rare-earth-elements"]},
        {
            "proposedBy": ["vladimir-putin"],
            "proposedTo": ["us-companies"],
            "concernsResource": ["rare-earth-elements"],
            "concernsPlace": ["murmansk"],
        },
        dt.date(2025, 3, 1),
    ),
    Report(
        "putin-aluminium-offer-2026",
        "Proposal",
        "Putin offers aluminium to the US.",
        "Putin offered the United States Russian aluminium if the 2023 duties are scrapped.",
        {"proposedBy": ["vladimir-putin"], "concernsResource": ["aluminium"]},
        {
            "proposedBy": ["vladimir-putin"],
            "proposedTo": ["united-states"],
            "concernsResource": ["aluminium"],
            "conditionOnMeasure": ["us-aluminium-duties-2023"],
        },
        dt.date(2025, 3, 1),
    ),
]
KNOWN = [r.known for r in REPORTS]
LOCAL_MEETING = "Japanese and Australian officials met to discuss lithium supplies."
LOCAL_PROPS: Props = {"participant": ["japan", "australia"], "concernsResource": ["lithium"]}


def article_id(number: int) -> str:
    return f"gen_{number:05d}"


def _candidate(kind: str, number: int, index: int, props: Props, ev: Evidence) -> Candidate:
    digest = hashlib.sha1(f"{article_id(number)} {kind} {index}".encode()).hexdigest()[:8]
    return Candidate(
        id=f"{kind.lower()}-{digest}",
        type=kind,
        evidence=[ev],
        confidence=0.6,
        properties={k: list(v) for k, v in props.items()},
    )


def article(number: int) -> tuple[str, str, ReviewFile]:
    """(date, text, review file) of article ``number``."""
    report = REPORTS[number % len(REPORTS)]
    day = report.first_day + dt.timedelta(days=(number // len(REPORTS)) % 120)
    sentences = [report.headline, report.lead, f"This is report number {number}."]
    local = number % 10 == 3
    if local:
        sentences.append(LOCAL_MEETING)
    text = " ".join(sentences) + "\n"
    evidence = []
    for index, sentence in enumerate(sentences):
        start = text.index(sentence)
        evidence.append(Evidence(start, start + len(sentence), sentence, index))
    candidates = [
        _candidate(report.type, number, 0, report.headline_props, evidence[0]),
        _candidate(report.type, number, 1, report.lead_props, evidence[1]),
    ]
    if local:
        props = dict(LOCAL_PROPS, date=[day.isoformat()])
        candidates.append(_candidate("Meeting", number, 3, props, evidence[3]))
    review = ReviewFile(article=article_id(number), extractor="generated", candidates=candidates)
    return day.isoformat(), text, review


def write_event_corpus(home: Path, articles: int) -> Path:
    """Write the corpus of ``articles`` generated articles under ``home``; returns ``home``."""
    corpus = home / "corpus"
    (corpus / "articles").mkdir(parents=True, exist_ok=True)
    (corpus / "review").mkdir(parents=True, exist_ok=True)
    for registry in ("entities.ttl", "events.ttl"):
        shutil.copyfile(REPO / "corpus" / registry, corpus / registry)
    for number in range(articles):
        aid = article_id(number)
        day, text, review = article(number)
        (corpus / "articles" / f"{aid}.txt").write_text(text, encoding="utf-8")
        meta = {
            "id": aid,
            "title": text.split(".")[0],
            "date": dt.date.fromisoformat(day),
            "date_precision": "day",
            "source": f"{aid}.txt",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        }
        (corpus / "articles" / f"{aid}.meta.yaml").write_text(
            yaml.safe_dump(meta, sort_keys=False), encoding="utf-8"
        )
        (corpus / "review" / f"{aid}.yaml").write_text(dump_review(review), encoding="utf-8")
    return home
