"""Settings: defaults < environment (``KG_*``) < explicit mapping.

The project home is the folder that holds ``corpus/`` and ``build/``; it defaults to the
current working directory, so ``kg`` works from a checkout without flags.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from kg.errors import UsageError


@dataclass(frozen=True)
class Settings:
    home: Path = field(default_factory=Path.cwd)
    corpus_dir: Path | None = None
    build_dir: Path | None = None
    store_dir: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 30.0
    update_token: str | None = None
    cors: bool = True
    max_body_bytes: int = 1_000_000
    max_rows: int = 100_000
    workers: int = 0  # query worker processes; 0 = automatic (CPU count, 2..8)
    result_cache: int = 256  # SPARQL answers kept in memory until the next write; 0 = off
    base_url: str | None = None
    reload_interval: float = 1.0  # seconds between checks of build/current by kg serve; 0 = off
    #: hosts that SPARQL SERVICE may contact (``--allow-service``); empty: none, and the
    #: query workers have no network at all
    allow_service: tuple[str, ...] = ()
    #: False only with ``kg serve --no-sandbox``: serve even where the workers cannot be cut
    #: off from the network
    sandbox: bool = True
    backend: str | None = None  # a remote SPARQL endpoint to serve instead of the store

    @property
    def corpus(self) -> Path:
        return self.corpus_dir or self.home / "corpus"

    @property
    def articles(self) -> Path:
        return self.corpus / "articles"

    @property
    def reviews(self) -> Path:
        return self.corpus / "review"

    @property
    def registry(self) -> Path:
        return self.corpus / "entities.ttl"

    @property
    def build(self) -> Path:
        return self.build_dir or self.home / "build"

    @property
    def store(self) -> Path:
        return self.store_dir or self.build / "store"


def _hosts(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else list(value)
    return tuple(sorted({str(item).strip().lower() for item in items if str(item).strip()}))


def _flag(value: Any) -> bool:
    return value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes", "on"}


_CONVERTERS: dict[str, Any] = {
    "home": Path,
    "corpus_dir": Path,
    "build_dir": Path,
    "store_dir": Path,
    "port": int,
    "timeout": float,
    "reload_interval": float,
    "max_body_bytes": int,
    "max_rows": int,
    "workers": int,
    "result_cache": int,
    "cors": _flag,
    "sandbox": _flag,
    "allow_service": _hosts,
}


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Build settings from defaults, then ``KG_<NAME>`` variables, then ``overrides``."""
    env = os.environ if environ is None else environ
    names = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    for name in names:
        raw = env.get(f"KG_{name.upper()}")
        if raw not in (None, ""):
            values[name] = raw
    for name, value in (overrides or {}).items():
        if name not in names:
            raise UsageError(f"unknown setting {name!r}; known: {', '.join(sorted(names))}")
        if value is not None:
            values[name] = value
    converted: dict[str, Any] = {}
    for name, value in values.items():
        convert = _CONVERTERS.get(name)
        try:
            converted[name] = convert(value) if convert else value
        except ValueError as exc:
            raise UsageError(f"setting {name} has a bad value {value!r}: {exc}") from None
    return replace(Settings(), **converted)
