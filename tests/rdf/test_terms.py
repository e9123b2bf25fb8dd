"""kg.rdf.terms: the slug helpers every package shares."""

from __future__ import annotations

import pytest

from kg.rdf.terms import leading_slug

COUNTRIES = {"kenya", "south-africa", "south-sudan", "india"}


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("kenya-ministry-of-mining", "kenya"),
        ("india-department-of-atomic-energy", "india"),
        ("south-africa-department-of-mineral-resources", "south-africa"),  # longest, not "south"
        ("south-sudan", None),  # the whole slug is not a proper leading part
        ("kenya", None),
        ("ministry-of-mines-kenya", None),  # a country at the end is not a leading part
        ("kenyan-mining-council", None),  # whole words only
    ],
)
def test_leading_slug_is_the_longest_known_leading_part(slug: str, expected: str | None) -> None:
    assert leading_slug(slug, COUNTRIES) == expected
