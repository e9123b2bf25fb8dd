"""Find boilerplate lines (promo links, share/reply prompts, ads) in article text."""

from __future__ import annotations

import re

_PATTERNS = re.compile(
    r"^\s*(?:[✨🔗💡]|Don't miss:|Read more:|You might also like:|Read next|Share\b|Leave a Reply)",
    re.IGNORECASE,
)


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of whole boilerplate lines; the text itself is never changed."""
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if _PATTERNS.match(line):
            spans.append((offset, offset + len(line.rstrip("\r\n"))))
        offset += len(line)
    return spans
