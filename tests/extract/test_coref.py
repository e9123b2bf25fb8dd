"""Pronouns resolved to the most salient compatible actor before them (invented sentences)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kg.extract.coref import anaphora, salient_actors
from kg.extract.spans import Context
from tests.extract.test_rolemodel import view_of

DEMONYMS = ("Swedish",)
Named = list[list[tuple[str, str, int]]]


def _resolved(text: str, ents: list[tuple[str, str, str]], earlier: Named) -> dict[str, str]:
    view = view_of(text, ents)
    view.ents = [replace(e, demonym=e.text in DEMONYMS) for e in view.ents]
    ctx = Context("https://example.org/a", actors_named=earlier)
    return {f"{e.text}@{e.start}": e.slug for e in anaphora(view, ctx)}


@pytest.mark.parametrize(
    ("text", "ents", "earlier", "want"),
    [
        (  # the subject of the sentence, for a subject pronoun of a reported clause
            "Veltra Mining said on Monday that it would build a smelter.",
            [("Veltra Mining", "veltra", "Company")],
            [],
            {"it": "veltra"},
        ),
        (  # an object pronoun never names its own clause's subject (the giver is not the
            # receiver): the speaker of the sentence instead
            "Norland Metals said the Export Agency has granted it a loan.",
            [
                ("Norland Metals", "norland", "Company"),
                ("Export Agency", "agency", "GovernmentBody"),
            ],
            [],
            {"it": "norland"},
        ),
        (  # a possessive may name its clause's subject
            "Ostrava said its exports fell in May.",
            [("Ostrava", "ostrava", "Country")],
            [],
            {"its": "ostrava"},
        ),
        (  # from the sentence before: its subject rather than its last mention
            "Its shares rose after the deal.",
            [],
            [[("kestrel", "Company", 0), ("japan", "Country", 1)]],
            {"its": "kestrel"},
        ),
        (  # a partner in the pronoun's own clause is not its referent
            "Together with Ruritania, it accounts for 16% of mined cobalt.",
            [("Ruritania", "ruritania", "Country")],
            [[("zembla", "Country", 0)]],
            {"it": "zembla"},
        ),
        (  # "he" names a person, "it" never does
            "Anna Berg said he would sign it.",
            [("Anna Berg", "anna-berg", "Person")],
            [[("tom-ode", "Person", 0), ("borealia", "Country", 1)]],
            {"he": "anna-berg", "it": "borealia"},
        ),
        (  # a nationality adjective is not the referent of "it"
            "The Swedish group said it would appeal.",
            [("Swedish", "sweden", "Country")],
            [],
            {},
        ),
    ],
)
def test_a_pronoun_names_the_most_salient_compatible_actor(
    text: str, ents: list[tuple[str, str, str]], earlier: Named, want: dict[str, str]
) -> None:
    got = {k.split("@")[0]: v for k, v in _resolved(text, ents, earlier).items()}
    assert got == want


def test_a_sentence_records_its_subjects_as_salient() -> None:
    view = view_of(
        "Kestrel Metals signed a deal with Japan.",
        [("Kestrel Metals", "kestrel", "Company"), ("Japan", "japan", "Country")],
    )
    assert salient_actors(view) == [("kestrel", "Company", 0), ("japan", "Country", 1)]
