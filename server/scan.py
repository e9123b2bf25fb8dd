"""A lexical scan of SPARQL text, for the safety checks that must happen before evaluation.

pyoxigraph exposes no parsed algebra, and it *does* open outbound connections for
``SERVICE`` and ``LOAD``. The scanner splits the text the way the SPARQL grammar's lexer
does (strings, IRIs, comments, prefixed names, variables, language tags are single tokens),
so a keyword inside a literal such as ``"customer service"`` is never mistaken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from kg.errors import UsageError

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n\r]|\\.)*"
      | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[A-Za-z_][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


_KEYWORDS = re.compile(r"service|load|from", re.IGNORECASE)


def may_need_checks(text: str) -> bool:
    """False when no SERVICE, LOAD or FROM can be in ``text``: the scan can be skipped."""
    return _KEYWORDS.search(text) is not None


@dataclass(frozen=True)
class Token:
    kind: str  # iri | pname | var | word | string | lang | other
    text: str
    start: int
    end: int

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


def tokenize(text: str) -> list[Token]:
    """Split SPARQL text into tokens, dropping whitespace and comments."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        tokens.append(Token(kind, match.group(), match.start(), match.end()))
    return tokens


def refuse_outbound(tokens: list[Token]) -> None:
    """Raise :class:`UsageError` for ``SERVICE`` or ``LOAD``: the endpoint never fetches."""
    for token in tokens:
        if token.is_word("SERVICE"):
            raise UsageError(
                "SERVICE is not allowed: this endpoint never contacts other servers; "
                "run the federated part against the remote endpoint yourself"
            )
        if token.is_word("LOAD"):
            raise UsageError(
                "LOAD is not allowed: this endpoint never fetches remote data; "
                "send the data with the Graph Store Protocol (PUT/POST /store?graph=IRI)"
            )


def _prologue(tokens: list[Token]) -> tuple[dict[str, str], str | None]:
    prefixes: dict[str, str] = {}
    base: str | None = None
    for index, token in enumerate(tokens[:-1]):
        after = tokens[index + 1]
        if token.is_word("BASE") and after.kind == "iri":
            base = _resolve_iri(after.text[1:-1], base)
        elif (
            token.is_word("PREFIX")
            and after.kind == "pname"
            and after.text.endswith(":")
            and index + 2 < len(tokens)
            and tokens[index + 2].kind == "iri"
        ):
            prefixes[after.text[:-1]] = _resolve_iri(tokens[index + 2].text[1:-1], base)
    return prefixes, base


def _resolve_iri(iri: str, base: str | None) -> str:
    return urljoin(base, iri) if base else iri


def _expand(token: Token, prefixes: dict[str, str], base: str | None) -> str:
    if token.kind == "iri":
        return _resolve_iri(token.text[1:-1], base)
    prefix, _, local = token.text.partition(":")
    if prefix not in prefixes:
        raise UsageError(f"prefix {prefix}: is used but not declared; add PREFIX {prefix}: <…>")
    return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)


def dataset_clauses(tokens: list[Token]) -> tuple[list[str], list[str]]:
    """The IRIs of the query's ``FROM`` and ``FROM NAMED`` clauses."""
    prefixes, base = _prologue(tokens)
    default: list[str] = []
    named: list[str] = []
    index = 0
    while index < len(tokens):
        if tokens[index].is_word("FROM"):
            target = (
                named if index + 1 < len(tokens) and tokens[index + 1].is_word("NAMED") else default
            )
            index += 2 if target is named else 1
            if index < len(tokens) and tokens[index].kind in ("iri", "pname"):
                target.append(_expand(tokens[index], prefixes, base))
        index += 1
    return default, named


def has_dataset_clause(tokens: list[Token]) -> bool:
    """True when an update names its own dataset with ``USING`` or ``WITH``."""
    return any(token.is_word("USING", "WITH") for token in tokens)


def add_using(text: str, tokens: list[Token], using: list[str], using_named: list[str]) -> str:
    """Apply the protocol's ``using-graph-uri``/``using-named-graph-uri`` to an update.

    A ``USING`` clause goes before the ``WHERE`` of every ``DELETE``/``INSERT`` operation;
    the short form ``DELETE WHERE { P }`` becomes ``DELETE { P } USING … WHERE { P }``.
    """
    clause = " ".join(
        [f"USING <{iri}>" for iri in using] + [f"USING NAMED <{iri}>" for iri in using_named]
    )
    pieces: list[str] = []
    cursor = 0
    depth = 0
    for index, token in enumerate(tokens):
        if token.text == "{":
            depth += 1
        elif token.text == "}":
            depth -= 1
        elif depth == 0 and token.is_word("WHERE") and index > 0:
            if tokens[index - 1].is_word("DELETE"):
                pattern = _group_text(text, tokens, index + 1)
                pieces.append(text[cursor : token.start])
                pieces.append(f"{pattern} {clause} WHERE")
                cursor = token.end
            else:
                pieces.append(text[cursor : token.start])
                pieces.append(f"{clause} ")
                cursor = token.start
    pieces.append(text[cursor:])
    return "".join(pieces)


def _group_text(text: str, tokens: list[Token], index: int) -> str:
    """The text of the ``{ … }`` group that starts at ``tokens[index]``."""
    if index >= len(tokens) or tokens[index].text != "{":
        raise UsageError("DELETE WHERE must be followed by a { … } pattern")
    depth = 0
    for token in tokens[index:]:
        depth += token.text == "{"
        depth -= token.text == "}"
        if depth == 0:
            return text[tokens[index].start : token.end]
    raise UsageError("unbalanced braces in the update: a { … } group is not closed")
