"""A lexical scan of SPARQL text, for the safety checks that must happen before evaluation.

pyoxigraph exposes no parsed algebra, and it *does* open outbound connections for
``SERVICE`` and ``LOAD``. The scanner splits the text the way the SPARQL grammar's lexer
does (strings, IRIs, comments, prefixed names, variables, language tags are single tokens),
so a keyword inside a literal such as ``"customer service"`` is never mistaken for one.

SPARQL lets ``\\uXXXX``/``\\UXXXXXXXX`` escapes stand for any character, and engines differ
in where they decode them (the grammar says: everywhere, before parsing; Oxigraph: inside
IRIs and strings). :func:`check` therefore scans the text twice, as sent and with every escape
decoded, and refuses what either reading reveals. The scanner is the clear-message layer
only: the real barrier is that the workers evaluating SPARQL have no network
(:mod:`kg.rdf.sandbox`).

Deeply nested or very long chained queries crash Oxigraph's recursive evaluator (a
segmentation fault at a few thousand levels), so :func:`check` also refuses, before the
engine, more than :data:`MAX_DEPTH` nested brackets or more than :data:`MAX_OPERATORS`
chaining operators outside data blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from kg.errors import UsageError

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n\r]|\\.)*"
      | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[A-Za-z_][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


#: Brackets (``{ ( [``) open at once, at most; Oxigraph crashed at about 3,000.
MAX_DEPTH = 64
#: Chaining operators (UNION, OPTIONAL, MINUS, ``.``, ``;``, ``/``, ``|``, ``&&``, ``||`` and
#: arithmetic) in one query or update, at most, outside ``DATA { }`` and ``VALUES`` blocks;
#: Oxigraph crashed at about 10,000 and slows down from 1,000.
MAX_OPERATORS = 1000

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_CHAIN_WORDS = {"UNION", "OPTIONAL", "MINUS"}
_CHAIN_SYMBOLS = {".", ";", "/", "|", "&", "+", "-", "*", "^"}
_OPEN = {"{": "}", "(": ")", "[": "]"}


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


def decode_escapes(text: str) -> str:
    """``text`` with every ``\\uXXXX``/``\\UXXXXXXXX`` escape replaced by its character."""

    def character(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise UsageError(f"{match.group()} is not a valid character escape")
        return chr(code)

    return _ESCAPE.sub(character, text)


def check_depth(tokens: list[Token], what: str = "query", chains: bool = True) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` or (with ``chains``) more than
    :data:`MAX_OPERATORS` chaining operators, before the engine sees the text (it would
    crash). Turtle and TriG documents are checked with ``chains=False``: their ``.`` and
    ``;`` separate statements."""
    depth = 0
    operators = 0
    data_until = -1  # inside a DATA { } or VALUES block while depth > this
    previous: Token | None = None
    for token in tokens:
        text = token.text
        if token.kind == "other" and text in _OPEN:
            if data_until < 0 and previous is not None and previous.is_word("DATA"):
                data_until = depth
            depth += 1
            if depth > MAX_DEPTH:
                raise UsageError(
                    f"the {what} nests brackets more than {MAX_DEPTH} deep; this endpoint "
                    "refuses deeper nesting (see docs/security.md): flatten it"
                )
        elif token.kind == "other" and text in _OPEN.values():
            depth -= 1
            if data_until >= 0 and depth <= data_until:
                data_until = -1
        elif token.is_word("VALUES") and data_until < 0:
            data_until = depth  # the rows, up to the closing brace at this depth
        elif (
            chains
            and data_until < 0
            and (token.is_word(*_CHAIN_WORDS) or (token.kind == "other" and text in _CHAIN_SYMBOLS))
        ):
            operators += 1
            if operators > MAX_OPERATORS:
                raise UsageError(
                    f"the {what} chains more than {MAX_OPERATORS} operators (UNION, OPTIONAL, "
                    "MINUS, '.', ';', '/', '|', '&&', '||', arithmetic); this endpoint refuses "
                    "longer chains (see docs/security.md): split it"
                )
        previous = token


def _host(iri: str) -> str:
    try:
        return (urlsplit(iri).hostname or "").lower()
    except ValueError:
        return ""


def refuse_outbound(tokens: list[Token], allow_service: tuple[str, ...] = ()) -> None:
    """Raise :class:`UsageError` for ``LOAD``, and for ``SERVICE`` unless its target is an IRI
    on a host of ``allow_service`` (the ``--allow-service`` list; empty: never)."""
    prefixes: dict[str, str] | None = None
    for index, token in enumerate(tokens):
        if token.is_word("SERVICE"):
            if allow_service:
                if prefixes is None:
                    prefixes = _prologue(tokens)[0]
                target = _service_target(tokens, index, prefixes)
                if target is not None and _host(target) in allow_service:
                    continue
                raise UsageError(
                    "SERVICE is only allowed to these hosts: "
                    + ", ".join(allow_service)
                    + " (named by an IRI, not a variable)"
                )
            raise UsageError(
                "SERVICE is not allowed: this endpoint never contacts other servers; "
                "run the federated part against the remote endpoint yourself"
            )
        if token.is_word("LOAD"):
            raise UsageError(
                "LOAD is not allowed: this endpoint never fetches remote data; "
                "send the data with the Graph Store Protocol (PUT/POST /store?graph=IRI)"
            )


def _service_target(tokens: list[Token], index: int, prefixes: dict[str, str]) -> str | None:
    following = tokens[index + 1 : index + 3]
    if following and following[0].is_word("SILENT"):
        following = following[1:]
    if not following or following[0].kind not in ("iri", "pname"):
        return None
    try:
        return decode_escapes(_expand(following[0], prefixes, None))
    except UsageError:
        return None


def check(text: str, what: str = "query", allow_service: tuple[str, ...] = ()) -> list[Token]:
    """The safety checks before evaluation; the tokens of ``text`` as sent.

    Nesting and chain limits, then ``SERVICE``/``LOAD``, on the text as sent and again on
    the text with its escapes decoded.
    """
    tokens = tokenize(text)
    check_depth(tokens, what)
    refuse_outbound(tokens, allow_service)
    if "\\" in text:
        decoded = tokenize(decode_escapes(text))
        check_depth(decoded, what)
        refuse_outbound(decoded, allow_service)
    return tokens


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


#: Graph-management operations that fail on a graph the store does not hold, unless SILENT.
_GRAPH_OPERATIONS = ("CLEAR", "DROP", "ADD", "MOVE", "COPY")


def silence_graph_operations(text: str, tokens: list[Token]) -> str:
    """``text`` with ``SILENT`` added to every CLEAR, DROP, ADD, MOVE and COPY lacking it.

    This endpoint treats a graph name it does not hold as an empty graph (as it does for
    ``default-graph-uri``), so ``CLEAR GRAPH <absent>`` clears nothing instead of failing.
    """
    pieces: list[str] = []
    cursor = 0
    for index, token in enumerate(tokens):
        if (
            token.is_word(*_GRAPH_OPERATIONS)
            and index + 1 < len(tokens)
            and not tokens[index + 1].is_word("SILENT")
            and (index == 0 or tokens[index - 1].text == ";" or tokens[index - 1].kind == "iri")
        ):
            pieces.append(text[cursor : token.end])
            pieces.append(" SILENT")
            cursor = token.end
    pieces.append(text[cursor:])
    return "".join(pieces)


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
