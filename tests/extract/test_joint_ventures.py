"""An existing joint venture whose phrase names its sides is an Agreement between them
("X's joint venture with Y", "a joint venture between X and Y"); one only offered, proposed
or talked about is not. "The state miner" names the state firm named before.

Every sentence is invented for the test (none is copied from the dev set).
"""

from __future__ import annotations

import pytest

from tests.extract.test_extract import extract, of_type


def _agreements(text: str) -> list[set[str]]:
    return [set(c.properties.get("participant", [])) for c in of_type(extract(text), "Agreement")]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "Lithium\n\nThe Kolmozerskoye project is run by Polar Lithium, a joint venture "
            "between Rosatom and Nornickel.",
            {"rosatom", "nornickel"},
        ),
        (  # the possessor: "the state miner" is the state firm named before
            "Lithium\n\nCodelco is Chile's biggest copper producer. The state miner's joint "
            "venture with SQM in the northern salt flats began operating on Thursday.",
            {"codelco", "sqm"},
        ),
    ],
)
def test_a_joint_venture_with_its_sides_is_an_agreement(text: str, sides: set[str]) -> None:
    assert any(sides <= found for found in _agreements(text))


@pytest.mark.parametrize(
    "text",
    [
        "Lithium\n\nMalaysia is in talks with China on a joint venture to build a rare earths "
        "refinery.",
        "Lithium\n\nGanfeng had offered in 2024 to form a joint venture with LitioMx, the state "
        "lithium company.",
        "Lithium\n\nA joint venture built on that licence would leave POSCO Future M dependent "
        "on China.",
    ],
)
def test_a_joint_venture_offered_or_talked_about_is_no_agreement(text: str) -> None:
    assert _agreements(text) == []
