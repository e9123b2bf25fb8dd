"""A small in-memory cache of serialised query answers, emptied by every write.

Only this server writes the store (it holds the RocksDB read-write lock), so an answer stays
valid until the next SPARQL Update or Graph Store write; those call :meth:`ResultCache.clear`.
A query that started before a write never fills the cache after it (generation check).
Answers are kept by (query text, dataset, negotiated types, row cap); at most ``entries``
answers and 64 MB in total, least recently used first out. Spooled (streamed) answers are
never kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from server.evaluation import QueryReply
from server.generation import StoreGeneration

MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRY_BYTES = 4 * 1024 * 1024


class ResultCache:
    def __init__(self, entries: int, generation: StoreGeneration | None = None) -> None:
        self.entries = entries
        self._generation = generation or StoreGeneration()
        self._items: OrderedDict[Hashable, QueryReply] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def generation(self) -> int:
        """The store generation (shared with the engine); bumped by the server on writes."""
        return self._generation.value

    def get(self, key: Hashable) -> QueryReply | None:
        if self.entries <= 0:
            return None
        with self._lock:
            reply = self._items.get(key)
            if reply is not None:
                self._items.move_to_end(key)
            return reply

    def put(self, key: Hashable, reply: QueryReply, generation: int) -> None:
        """Keep ``reply`` unless the store changed since ``generation`` or it is too big."""
        if (
            self.entries <= 0
            or reply.outcome != "ok"
            or reply.spool  # a streamed answer: its file is deleted once sent
            or len(reply.body) > MAX_ENTRY_BYTES
        ):
            return
        with self._lock:
            if generation != self.generation or key in self._items:
                return
            self._items[key] = reply
            self._bytes += len(reply.body)
            while len(self._items) > self.entries or self._bytes > MAX_BYTES:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped.body)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)
