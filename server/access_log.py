"""One log line per request (method, path, status, bytes, milliseconds), as WSGI middleware."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any

log = logging.getLogger("cmkg.access")

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

_PATH_LIMIT = 200


def format_line(method: str, path: str, status: str, size: int, millis: float) -> str:
    """``GET /sparql?query=… 200 27B 1.8ms`` (long paths are shortened with an ellipsis)."""
    if len(path) > _PATH_LIMIT:
        path = path[: _PATH_LIMIT - 1] + "…"
    return f"{method} {path} {status.split(' ', 1)[0]} {size}B {millis:.1f}ms"


class AccessLog:
    """Wrap a WSGI app; log each request once its body has been sent."""

    def __init__(self, app: WSGIApp, logger: logging.Logger = log) -> None:
        self.app = app
        self.logger = logger

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        seen: dict[str, str] = {"status": "500"}

        def recording_start_response(
            status: str,
            headers: list[tuple[str, str]],
            exc_info: tuple[type[BaseException], BaseException, TracebackType] | None = None,
        ) -> Any:
            seen["status"] = status
            return start_response(status, headers, exc_info)

        body = self.app(environ, recording_start_response)
        path = environ.get("PATH_INFO", "")
        if environ.get("QUERY_STRING"):
            path += "?" + environ["QUERY_STRING"]
        return self._count(body, environ.get("REQUEST_METHOD", "?"), path, seen, started)

    def _count(
        self,
        body: Iterable[bytes],
        method: str,
        path: str,
        seen: dict[str, str],
        started: float,
    ) -> Iterator[bytes]:
        size = 0
        try:
            for chunk in body:
                size += len(chunk)
                yield chunk
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
            millis = (time.perf_counter() - started) * 1000
            self.logger.info(format_line(method, path, seen["status"], size, millis))
