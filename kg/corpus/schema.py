"""The schemas of the corpus files: article records and review files (docs/data-model.md).

``corpus/articles/<id>.meta.yaml`` and ``corpus/review/<id>.yaml`` are read as bytes (a
regular file, bounded in size), decoded as UTF-8, parsed as YAML with dates left as text, and
validated with pydantic. Every problem becomes one line ``<file>: <field>: expected …``; all
of a file's problems are reported together as one :class:`InputError`, never a traceback.

The schemas are strict where a wrong value would change facts silently (a missing
``candidates:`` key, offsets that are not integers, duplicate candidate ids, a path as a
``source``) and tolerant where other parts of the pipeline grow: unknown keys on a record, a
candidate or under ``properties`` are kept, not refused.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kg.corpus import yamlio
from kg.errors import InputError
from kg.fileio import read_regular

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_NODES = 2_000_000  # values in a file once YAML aliases are expanded
_ARTICLE_ID = r"^[A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9_-]$|^[A-Za-z0-9_]$"

Offset = Annotated[StrictInt, Field(ge=0)]
Scalar = StrictStr | StrictInt | StrictFloat | StrictBool
ArticleId = Annotated[StrictStr, Field(pattern=_ARTICLE_ID)]


class _Open(BaseModel):
    """Unknown keys are kept (other parts of the pipeline add fields)."""

    model_config = ConfigDict(extra="allow")


class MetaRecord(_Open):
    id: ArticleId
    title: Annotated[StrictStr, Field(min_length=1)]
    date: dt.date
    date_precision: Literal["day", "month", "quarter", "year"]
    date_note: StrictStr | None = None
    source: StrictStr
    sha256: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise PydanticCustomError("iso_date", "expected a YYYY-MM-DD date")
        return value

    @field_validator("source")
    @classmethod
    def _file_name(cls, value: str) -> str:
        if not value or "/" in value or "\\" in value or value in (".", "..") or "\0" in value:
            raise PydanticCustomError(
                "file_name", "expected the source's file name, without any folder"
            )
        return value


class EvidenceModel(_Open):
    start: Offset
    end: Offset
    quote: StrictStr
    sentence: Offset | None = None

    @model_validator(mode="after")
    def _ordered(self) -> EvidenceModel:
        if self.end <= self.start:
            raise PydanticCustomError("offsets", "expected end to be greater than start")
        return self


class CandidateModel(_Open):
    id: Annotated[StrictStr, Field(min_length=1)]
    type: Annotated[StrictStr, Field(min_length=1)]
    evidence: Annotated[list[EvidenceModel], Field(min_length=1)]
    status: Literal["candidate", "accepted", "rejected"] = "candidate"
    origin: Literal["extractor", "curator"] = "extractor"
    confidence: Annotated[StrictFloat | StrictInt, Field(ge=0, le=1)] = 0.5
    node: StrictStr | None = None
    label: StrictStr | None = None
    properties: dict[str, Scalar | list[Scalar]] | None = None
    modality: Literal["asserted", "planned", "proposed", "hypothetical", "denied"] | None = None
    note: StrictStr | None = None


class MentionModel(_Open):
    entity: StrictStr
    start: Offset
    end: Offset


class UnlinkedModel(_Open):
    text: StrictStr
    start: Offset
    end: Offset
    type: StrictStr | None = None


class ReviewModel(_Open):
    article: ArticleId
    extractor: StrictStr | None = None
    candidates: list[CandidateModel]  # required: a missing key would drop facts silently
    mentions: list[MentionModel] | None = None
    unlinked: list[UnlinkedModel] | None = None
    held: list[CandidateModel] | None = None  # low-confidence machine candidates


class _TextDatesLoader(yamlio.Loader):  # type: ignore[misc,valid-type]
    """YAML's safe loader (libyaml's C parser where PyYAML has it: reading review files was
    most of the time of re-extracting a corpus), with dates left as text (validated, not
    crashed on)."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_yaml(path: Path, what: str) -> Any:
    data = read_regular(path, MAX_FILE_BYTES, what)
    if b"\x00" in data:
        raise InputError(f"{path}: binary file (contains NUL bytes); expected a UTF-8 YAML {what}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            f"expected a UTF-8 YAML {what}"
        ) from None
    try:
        data = yaml.load(text, Loader=_TextDatesLoader)
    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(exc):  # libyaml's limit (1,000 levels)
            raise InputError(f"{path}: YAML nested too deeply; expected a {what}") from None
        raise InputError(f"{path}: not valid YAML ({' '.join(str(exc).split())})") from None
    except RecursionError:
        raise InputError(f"{path}: YAML nested too deeply; expected a {what}") from None
    if _too_big(data):
        raise InputError(
            f"{path}: YAML expands to more than {MAX_NODES:,} values (aliases?); expected a {what}"
        )
    return data


def _too_big(data: Any) -> bool:
    """True if ``data`` has more than :data:`MAX_NODES` values when aliases are expanded
    (a few YAML aliases can stand for billions of values); stops counting at the limit."""
    budget = MAX_NODES
    stack = [data]
    while stack:
        budget -= 1
        if budget < 0:
            return True
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _field(location: tuple[int | str, ...]) -> str:
    """``candidates[0].properties.x``; a key that is not plain printable text is shown quoted
    (a control character in a key must not break the one-line-per-problem message)."""
    out = ""
    for part in location:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        name = part if part.isprintable() and part.strip() == part and part else repr(part)
        out += f".{name}" if out else name
    return out or "(top level)"


def _problem_lines(path: Path, error: ValidationError) -> list[str]:
    lines = []
    for problem in error.errors(include_url=False):
        location = tuple(p for p in problem["loc"] if not _is_union_branch(p))
        message = problem["msg"].replace("Input should be ", "expected ")
        if problem["type"] == "missing":
            message = "missing; this key is required"
        else:
            message += f" (got {_shown(problem['input'])})"
        lines.append(f"{path}: {_field(location)}: {message}")
    return list(dict.fromkeys(lines))


def _is_union_branch(part: int | str) -> bool:
    """pydantic names the branch of a union it tried (``str``, ``list[…]``): not a field."""
    if not isinstance(part, str):
        return False
    return part in ("str", "int", "float", "bool") or "[" in part or "function" in part


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _report(lines: list[str]) -> InputError:
    return InputError("\n".join(lines))


def _duplicates(path: Path, review: ReviewModel) -> list[str]:
    first: dict[str, int] = {}
    lines = []
    for index, candidate in enumerate(review.candidates):
        if candidate.id in first:
            lines.append(
                f"{path}: candidates[{index}].id: expected a unique id; {candidate.id!r} is "
                f"also candidates[{first[candidate.id]}]"
            )
        else:
            first[candidate.id] = index
    return lines


def load_meta(path: Path) -> MetaRecord:
    """The validated record of ``path``, or an InputError with one line per problem."""
    raw = _load_yaml(path, "metadata record")
    try:
        return MetaRecord.model_validate(raw)
    except ValidationError as exc:
        raise _report(_problem_lines(path, exc)) from None


def load_review_data(path: Path) -> dict[str, Any]:
    """The YAML data of review file ``path`` once it has passed :class:`ReviewModel`, or an
    InputError with one line per problem. The data is returned as read (unknown keys
    included), for :func:`kg.corpus.review.load_review` to turn into objects."""
    raw = _load_yaml(path, "review file")
    try:
        review = ReviewModel.model_validate(raw)
    except ValidationError as exc:
        raise _report(_problem_lines(path, exc)) from None
    duplicates = _duplicates(path, review)
    if duplicates:
        raise _report(duplicates)
    assert isinstance(raw, dict)
    return raw
