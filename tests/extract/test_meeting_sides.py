"""Receiving a visitor or a delegation is a meeting; receiving a grant, an offer or an
approval is not.

Every sentence is invented for the test (none is copied from the dev set).
"""

from __future__ import annotations

import pytest

from tests.extract.test_extract import extract, of_type


def _meetings(text: str) -> list[list[str]]:
    return [c.properties.get("participant", []) for c in of_type(extract(text), "Meeting")]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "Phosphate talks\n\n"
            "The Minister of Industry and Trade, Karim Tazi-Bennani, received on Tuesday a "
            "delegation of the United States Department of Commerce.",
            {"karim-tazi-bennani", "us-department-of-commerce"},
        ),
        (
            "Lithium talks\n\n"
            "Mines Minister Tawanda Chigumba received Chinese Ambassador Lin Weiguo in Harare "
            "on Monday.",
            {"tawanda-chigumba", "lin-weiguo"},
        ),
    ],
)
def test_receiving_a_visitor_is_a_meeting(text: str, sides: set[str]) -> None:
    assert any(sides <= set(found) for found in _meetings(text))


@pytest.mark.parametrize(
    "text",
    [
        "Grant\n\nVulcan Energy received a grant of $20 million from the German government on "
        "Monday.",
        "Offer\n\nZambia's Ministry of Mines received an offer from Glencore for the Mutanda mine.",
        "Approval\n\nRio Tinto received approval from Argentina's government for the Rincon "
        "project.",
    ],
)
def test_receiving_a_thing_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []
