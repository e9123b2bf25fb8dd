"""Progress for long commands: a bar on a terminal, plain lines in logs, never silent > 2 s.

Two tools, both writing to standard error:

* :func:`track` / :class:`Progress` for a loop with a known count (ingest, extract, export,
  publish): on a terminal a ``tqdm`` bar with count, rate and ETA; otherwise one line per
  step, at most one per second (``publishing graphs: 120/10000 (1.2%) 45.3 graph/s ETA 3m38s
  graph/article/...``) and always the last one.
* :class:`Steps` for coarse stages (``kg build``): a callable that prints each stage line with
  the elapsed time.

Both keep a heartbeat thread that, when nothing was printed for :data:`HEARTBEAT` seconds,
prints what is still running and for how long (on a terminal: refreshes the bar in place).
Adding progress to a loop is one line::

    for path in track(paths, "extracting", unit="article"):
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import IO, Any, TypeVar

from tqdm import tqdm

T = TypeVar("T")

#: Longest silence (seconds) before a heartbeat line.
HEARTBEAT = 2.0
#: Least time (seconds) between two progress lines when not on a terminal.
INTERVAL = 1.0


def is_terminal(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def duration(seconds: float) -> str:
    """``42s``, ``3m08s``, ``2h05m``."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class _Heartbeat:
    """Calls ``beat`` whenever ``quiet_for()`` exceeds ``every`` seconds, until stopped."""

    def __init__(self, every: float, quiet_for: Any, beat: Any) -> None:
        self._stop = threading.Event()
        self._every = every
        self._quiet_for = quiet_for
        self._beat = beat
        self._thread = threading.Thread(target=self._run, name="cmkg-progress", daemon=True)
        if every > 0:
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(min(0.25, self._every)):
            if self._quiet_for() >= self._every:
                self._beat()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=2)


class Progress:
    """Progress of ``total`` steps (``None`` when unknown) named ``label``.

    Use as a context manager, call :meth:`advance` after each step (``note`` says which one).
    """

    def __init__(
        self,
        label: str,
        total: int | None = None,
        *,
        unit: str = "item",
        stream: IO[str] | None = None,
        terminal: bool | None = None,
        heartbeat: float = HEARTBEAT,
        interval: float = INTERVAL,
    ) -> None:
        self.label = label
        self.total = total
        self.unit = unit
        self.done = 0
        self.note = ""
        self._stream = stream if stream is not None else sys.stderr
        self._interval = interval
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._last_line = self._started
        self._closed = False
        terminal = is_terminal(self._stream) if terminal is None else terminal
        self._bar: tqdm[Any] | None = None
        if terminal:
            self._bar = tqdm(
                total=total, desc=label, unit=f" {unit}", file=self._stream, dynamic_ncols=True
            )
        self._heartbeat = _Heartbeat(heartbeat, self._quiet_for, self._beat)

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close(failed=kind is not None)

    def _quiet_for(self) -> float:
        return time.monotonic() - self._last_line

    def _beat(self) -> None:
        with self._lock:
            if self._closed:
                return
            if self._bar is not None:
                self._bar.refresh()
                self._last_line = time.monotonic()
            else:
                self._write(self.status(still=True))

    def _write(self, line: str) -> None:
        self._stream.write(line + "\n")
        self._stream.flush()
        self._last_line = time.monotonic()

    def status(self, *, still: bool = False) -> str:
        """The one-line status: count, share, rate, ETA and the current step's note."""
        elapsed = time.monotonic() - self._started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        parts = [f"{self.label}: {self.done}"]
        if self.total:
            parts[0] += f"/{self.total} ({100 * self.done / self.total:.1f}%)"
        parts.append(f"{rate:.1f} {self.unit}/s")
        if self.total and rate > 0 and self.done < self.total:
            parts.append(f"ETA {duration((self.total - self.done) / rate)}")
        if still:
            parts.append(f"still working after {duration(elapsed)}")
        if self.note:
            parts.append(self.note)
        return " ".join(parts)

    def advance(self, steps: int = 1, note: str = "") -> None:
        """``steps`` more steps are done; ``note`` names the last one (an id, a graph)."""
        with self._lock:
            self.done += steps
            self.note = note
            if self._bar is not None:
                if note:
                    self._bar.set_postfix_str(note, refresh=False)
                self._bar.update(steps)
                self._last_line = time.monotonic()
            elif time.monotonic() - self._last_line >= self._interval or self.done == self.total:
                self._write(self.status())

    def close(self, *, failed: bool = False) -> None:
        """Stop the heartbeat and print the final line (unless the loop failed)."""
        self._heartbeat.stop()
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._bar is not None:
                self._bar.close()
                return
            if failed:
                return
            elapsed = time.monotonic() - self._started
            if self.done != self.total or self.done == 0:
                self._write(self.status())
            self._write(f"{self.label}: done, {self.done} {self.unit} in {duration(elapsed)}")


def track(
    items: Iterable[T],
    label: str,
    *,
    total: int | None = None,
    unit: str = "item",
    stream: IO[str] | None = None,
    note: Any = None,
    min_total: int = 0,
) -> Iterator[T]:
    """Yield ``items`` while showing progress; ``note(item)`` names each step in the lines.

    With fewer than ``min_total`` items (when the count is known) nothing is shown.
    """
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    if total is not None and total < min_total:
        yield from items
        return
    with Progress(label, total, unit=unit, stream=stream) as progress:
        for item in items:
            yield item
            progress.advance(1, str(note(item)) if note is not None else "")


class Steps:
    """A ``say(line)`` callable for coarse stages: each line gets the elapsed time, and a
    stage running longer than the heartbeat gets ``… still <stage> (12s)`` lines."""

    def __init__(self, stream: IO[str] | None = None, *, heartbeat: float = HEARTBEAT) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._stage_started = self._started
        self._last_line = self._started
        self._stage = ""
        self._heartbeat = _Heartbeat(heartbeat, self._quiet_for, self._beat)

    def __enter__(self) -> Steps:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _quiet_for(self) -> float:
        return time.monotonic() - self._last_line

    def _write(self, line: str) -> None:
        self._stream.write(line + "\n")
        self._stream.flush()
        self._last_line = time.monotonic()

    def _beat(self) -> None:
        with self._lock:
            if self._stage:
                running = duration(time.monotonic() - self._stage_started)
                self._write(
                    f"[{duration(time.monotonic() - self._started)}] … still {self._stage}"
                    f" ({running})"
                )

    def __call__(self, line: str) -> None:
        with self._lock:
            now = time.monotonic()
            self._stage, self._stage_started = line, now
            self._write(f"[{duration(now - self._started)}] {line}")

    def close(self) -> None:
        self._heartbeat.stop()
        with self._lock:
            self._stage = ""
