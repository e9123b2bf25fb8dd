"""Promote an article-local event into the event registry (``kg review --promote``).

The candidate becomes a known event of ``corpus/events.ttl``: its type, label and properties
are appended as one Turtle block, with a comment naming where it came from. The candidate
itself is then accepted with ``node`` set to the new slug, so its article reports the known
event, and every later candidate that matches it attaches to it (docs/data-model.md "Events").
A candidate that is not asserted keeps its ``cmkg:modality`` in the entry, so a promoted
planned or hypothetical measure never takes part in a conflict as one in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib

from kg.corpus.review import Candidate
from kg.errors import ConflictError, InputError
from kg.fileio import write_text_atomic
from kg.graph.events import ASSERTED, candidate_modality
from kg.graph.vocabulary import Vocabulary, expand_curie
from kg.rdf.terms import CMKG, ID, is_slug, slugify

HEADER = """\
# Event registry of the Critical Minerals Knowledge Graph: known events and measures.
# See docs/data-model.md "Events" for what an entry needs and how reports are matched to it.

@prefix cmkg: <https://w3id.org/cmkg/ontology#> .
@prefix cmkgid: <https://w3id.org/cmkg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
# Written from the candidate's modality field instead (see entry_turtle).
SKIPPED = {"modality"}


@dataclass(frozen=True)
class Promotion:
    slug: str
    turtle: str  # the block appended to the registry


def _object(value: str, vocab: Vocabulary) -> str:
    if "://" in value:
        return f"<{value}>"
    curie = expand_curie(value)
    if curie:
        return f"<{curie}>"
    if value in vocab.individuals:
        return f"cmkg:{value}"
    if not is_slug(value):
        raise InputError(f"value {value!r} is not a slug, a prefixed name or an IRI")
    return f"cmkgid:{value}"


def entry_turtle(slug: str, candidate: Candidate, article: str, vocab: Vocabulary) -> str:
    """The Turtle block of a known event made from ``candidate`` of ``article``."""
    label = candidate.label or (candidate.evidence[0].quote if candidate.evidence else slug)
    lines = [
        f"cmkgid:{slug} a cmkg:{candidate.type} ;",
        f"    rdfs:label {rdflib.Literal(' '.join(label.split()), lang='en').n3()} ;",
        "    rdfs:comment "
        + rdflib.Literal(
            f"Promoted from candidate {candidate.id} of article {article}.", lang="en"
        ).n3()
        + " ;",
    ]
    for prop, values in sorted(candidate.properties.items()):
        kind = vocab.property(prop)
        if prop in SKIPPED or kind is None or not kind.iri.startswith(CMKG):
            continue
        local = kind.iri[len(CMKG) :]
        if kind.is_object:
            rendered = [_object(v, vocab) for v in values]
        else:
            rendered = [vocab.literal(kind, v).n3() for v in values]
        if rendered:
            lines.append(f"    cmkg:{local} {' , '.join(rendered)} ;")
    mood = candidate_modality(candidate)
    if mood != ASSERTED:  # a planned ban promoted is a known planned ban, not one in force
        lines.append(f"    cmkg:modality cmkg:{mood} ;")
    lines[-1] = lines[-1][: -len(" ;")] + " ."
    return "\n".join(lines) + "\n"


def promote(
    registry: Path,
    candidate: Candidate,
    article: str,
    vocab: Vocabulary,
    taken: set[str],
    slug: str | None = None,
) -> Promotion:
    """Append ``candidate`` to the event registry at ``registry`` as a known event.

    ``taken`` holds the slugs already used (entities, known events, review nodes); the slug
    defaults to one made from the label. Nothing is written when anything is wrong.
    """
    if candidate.type not in vocab.event_classes:
        raise InputError(
            f"candidate {candidate.id} is a {candidate.type}; only events and measures "
            f"({', '.join(sorted(vocab.event_classes))}) go into the event registry"
        )
    if candidate.status == "rejected":
        raise InputError(f"candidate {candidate.id} is rejected; reset it before promoting it")
    chosen = slug or slugify(candidate.label or candidate.id)[:80].strip("-")
    if not is_slug(chosen):
        raise InputError(f"{chosen!r} is not a slug (lowercase letters, digits and hyphens)")
    if chosen in taken:
        raise ConflictError(
            f"{chosen} is already an entity, a known event or a node; choose another with --as"
        )
    block = entry_turtle(chosen, candidate, article, vocab)
    existing = registry.read_text(encoding="utf-8") if registry.is_file() else HEADER
    text = existing.rstrip("\n") + "\n\n" + block
    try:
        parsed = rdflib.Graph().parse(data=text, format="turtle")
    except Exception as exc:  # rdflib raises several types for bad Turtle
        raise InputError(f"{registry}: the promoted entry does not parse ({exc})") from None
    if (rdflib.URIRef(ID + chosen), None, None) not in parsed:
        raise InputError(f"{registry}: the promoted entry {chosen} did not parse")
    write_text_atomic(registry, text)
    return Promotion(chosen, block)
