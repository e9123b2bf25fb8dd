"""The store's generation: one counter, bumped after every write, that the query workers,
the answer cache and the export cache all compare against."""

from __future__ import annotations

import threading


class StoreGeneration:
    """A thread-safe counter; ``value`` changes exactly when the store's content may have."""

    def __init__(self) -> None:
        self._value = 0
        self._lock = threading.Lock()

    @property
    def value(self) -> int:
        return self._value

    def bump(self) -> int:
        with self._lock:
            self._value += 1
            return self._value
