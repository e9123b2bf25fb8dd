"""Query execution with a hard timeout: a pool of worker processes that can be killed.

A pyoxigraph query cannot be interrupted from Python. Each worker process opens the store
read-only (``Store.read_only``; the server keeps the read-write handle), evaluates one query
at a time and sends back the serialised bytes; an answer over ``spool.SPOOL_THRESHOLD`` goes
into a file in the engine's spool directory instead and only its path travels back. A request
waits for its reply until the deadline; past it the worker is killed with SIGKILL (the query
stops at once), its spool files are deleted, a replacement is started in the background and
the request gets :class:`QueryTimeoutError` (503).

A read-only store is a snapshot taken when it is opened, so every write in the server bumps
a generation number; a worker whose store is older than the job's generation reopens it.
Workers are started with the ``forkserver`` method: never forked from a process holding
RocksDB open.

Each worker cuts itself off from the network (:mod:`kg.rdf.sandbox`) before it opens the
store, unless the server allows federation (``--allow-service``); the layers it managed to
set up come back with its ``ready`` message, and an engine that requires the sandbox refuses
to start without one.

Updates get the same time limit: :meth:`QueryEngine.run` also takes an
:class:`~server.evaluation.UpdateJob`, which a worker tries on a checkpoint of the store; the
server applies the update itself only after the trial finished in time.

One extra worker is a reserved lane: it only takes jobs from clients with nothing else
running, so one client's runaway queries cannot make another client's cheap query wait. A
general worker still busy with one job after ``DEMOTE_AFTER`` seconds is moved to a lower
CPU priority, so long queries do not slow the reserved lane down on a machine with few
cores; ordinary queries keep the normal priority (a worker niced from the start made every
query through the server up to 1.6x slower than Oxigraph's own server on a busy machine).
A long job is demoted only while another request is in the engine (running or waiting for a
worker): a lone long query has no other request of ours to slow down, while niced on a busy
machine it lost its CPU to every other program there and left a cold replacement worker.
An unprivileged process cannot raise a priority again, so a demoted worker is replaced once
it has answered.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import time
import weakref
from dataclasses import replace
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kg.errors import EnvironmentProblem, KGError, QueryTimeoutError
from kg.rdf import sandbox
from server import spool
from server.evaluation import QueryJob, QueryReply, UpdateJob, evaluate, try_update
from server.generation import StoreGeneration

log = logging.getLogger("cmkg.engine")

#: How much lower the CPU priority of a general worker becomes once its job has run for
#: ``DEMOTE_AFTER`` seconds, so a cheap query on the reserved lane is not slowed by runaway
#: ones on a busy machine.
GENERAL_NICENESS = 10
#: Seconds a general worker may run one job at the normal CPU priority.
DEMOTE_AFTER = 2.0
#: Seconds between two looks, past ``DEMOTE_AFTER``, at whether another request has come in.
CONTENTION_POLL = 0.1


def _open_snapshot(store_path: str, attempts: int = 20) -> ox.Store:
    """A read-only snapshot of the store. Opening one can race with the server's writes and
    compactions deleting a table file between reading the manifest and opening the file;
    such a failure is transient, so the open is retried."""
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(store_path)
        except (OSError, RuntimeError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")


def _serve_queries(
    store_path: str,
    generation: int,
    connection: Connection,
    spool_dir: str,
    threshold: int,
    network: bool = False,
) -> None:
    """Worker main loop: answer jobs until the parent closes the pipe.

    Answers over ``threshold`` bytes are written to ``spool_dir`` as ``<pid>-<job>.answer``.
    Without ``network`` the worker first cuts itself off from the network.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    layers = () if network else sandbox.enter()
    store = _open_snapshot(store_path)  # opened before the first job arrives
    connection.send(("ready", layers))
    jobs = 0
    while True:
        try:
            job: QueryJob | UpdateJob = connection.recv()
        except (EOFError, OSError):
            return
        if isinstance(job, UpdateJob):
            connection.send(try_update(job))
            continue
        if job.generation != generation:
            store = _open_snapshot(store_path)
            generation = job.generation
        jobs += 1
        reply = evaluate(store, job)
        stem = f"{os.getpid()}-{jobs}"
        connection.send(spool.spool_reply(reply, Path(spool_dir), stem, threshold))


def _context() -> ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    # "__main__" too: children of the fork server then skip re-importing the main module.
    context.set_forkserver_preload(["__main__", "server.evaluation", "server.engine"])
    return context


class _Worker:
    def __init__(
        self,
        context: ForkServerContext,
        store_path: Path,
        generation: int,
        spool_dir: Path,
        threshold: int,
        network: bool = False,
        reserved: bool = False,
    ) -> None:
        parent_end, child_end = context.Pipe(duplex=True)
        self.connection = parent_end
        self.reserved = reserved
        self.layers: tuple[str, ...] = ()
        self.process: BaseProcess = context.Process(
            target=_serve_queries,
            args=(
                str(store_path),
                generation,
                child_end,
                str(spool_dir),
                threshold,
                network,
            ),
            daemon=True,
        )
        self._kill_lock = threading.Lock()
        self._killed = False
        #: moved to a lower CPU priority by :meth:`demote` (replaced after its answer)
        self.demoted = False
        self.process.start()
        child_end.close()

    def demote(self) -> None:
        """Lower the worker's CPU priority by ``GENERAL_NICENESS`` (its job runs long)."""
        if self.process.pid is None:
            return
        self.demoted = True
        with contextlib.suppress(OSError, AttributeError):  # it may have just exited
            os.setpriority(os.PRIO_PROCESS, self.process.pid, GENERAL_NICENESS)

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Block until the worker has cut its network and opened the store."""
        try:
            if self.connection.poll(timeout):
                message = self.connection.recv()
                if isinstance(message, tuple) and message[0] == "ready":
                    self.layers = tuple(message[1])
                    return
        except (EOFError, OSError):
            pass
        self.kill()
        raise EnvironmentProblem(
            "a query worker could not open the store read-only; see the server log"
        )

    def kill(self) -> None:
        """Stop the worker at once; safe to call from several threads, and more than once."""
        with self._kill_lock:
            if self._killed:
                return
            self._killed = True
            if self.process.is_alive() and self.process.pid is not None:
                with contextlib.suppress(ProcessLookupError):  # it may have just exited
                    os.kill(self.process.pid, signal.SIGKILL)
            self.process.join(timeout=5)
            self.connection.close()


class QueryEngine:
    """A pool of ``size`` query workers over the store at ``store_path``, plus one worker
    reserved for clients with nothing else running (``reserved_lane``).

    Answers over ``spool_threshold`` bytes (default ``spool.SPOOL_THRESHOLD`` when the engine
    starts) come back as spool files in a directory the engine makes at start and removes at
    :meth:`close`. Without ``network`` every worker runs with no network; with
    ``require_sandbox`` the engine refuses to start when no worker could set that up.
    """

    def __init__(
        self,
        store_path: Path,
        size: int,
        timeout: float,
        spool_threshold: int | None = None,
        generation: StoreGeneration | None = None,
        *,
        network: bool = False,
        require_sandbox: bool = False,
        reserved_lane: bool = True,
        demote_after: float = DEMOTE_AFTER,
    ) -> None:
        self.store_path = store_path
        self.demote_after = demote_after
        self.size = max(1, size)
        self.timeout = timeout
        self.generation = generation or StoreGeneration()
        self.network = network
        self.require_sandbox = require_sandbox
        self.reserved_lane = reserved_lane
        #: the network barrier every worker set up (empty: none, or ``network`` is on)
        self.sandbox_layers: tuple[str, ...] = ()
        self._free: list[_Worker] = []  # idle general workers
        self._free_reserved: list[_Worker] = []  # the idle reserved worker, if any
        self._running: dict[str, int] = {}  # jobs in progress, by client
        self._active = 0  # requests in run(): waiting for a worker or running
        self._pool = threading.Condition()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self._restarts: list[threading.Thread] = []
        self._context = _context()
        self.spool_threshold = spool_threshold
        self.spool_dir: Path | None = None

    def start(self) -> None:
        """Start the workers now (otherwise the first query does)."""
        with self._lock:
            if self._started:
                return
            if self._closed:
                raise EnvironmentProblem("the query engine has been shut down")
            if self.spool_dir is None:
                spool.sweep_stale_dirs()
                self.spool_dir = spool.make_spool_dir()
                # also removed at interpreter exit if close() is never called
                weakref.finalize(self, spool.remove_spool_dir, self.spool_dir)
            if self.spool_threshold is None:
                self.spool_threshold = spool.SPOOL_THRESHOLD
            workers = [self._new_worker() for _ in range(self.size)]
            if self.reserved_lane:
                workers.append(self._new_worker(reserved=True))
            for worker in workers:
                worker.wait_ready()
            layers = set(sandbox.LAYERS)
            for worker in workers:
                layers &= set(worker.layers)
            self.sandbox_layers = tuple(name for name in sandbox.LAYERS if name in layers)
            if self.require_sandbox and not self.network and not self.sandbox_layers:
                for worker in workers:
                    worker.kill()
                raise EnvironmentProblem(sandbox.refusal_message())
            for worker in workers:
                self._give_back(worker)
            self._started = True

    def _new_worker(self, reserved: bool = False) -> _Worker:
        assert self.spool_dir is not None and self.spool_threshold is not None
        worker = _Worker(
            self._context,
            self.store_path,
            self.generation.value,
            self.spool_dir,
            self.spool_threshold,
            network=self.network,
            reserved=reserved,
        )
        self._all.add(worker)
        return worker

    def _give_back(self, worker: _Worker) -> None:
        with self._pool:
            (self._free_reserved if worker.reserved else self._free).append(worker)
            self._pool.notify_all()

    def _take(self, client: str, deadline: float) -> _Worker:
        """An idle worker for ``client``: a general one, or the reserved one when ``client``
        has nothing running; waits until ``deadline``."""
        with self._pool:
            while True:
                if self._free:
                    worker = self._free.pop()
                elif self._free_reserved and not self._running.get(client):
                    worker = self._free_reserved.pop()
                else:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise QueryTimeoutError(
                            f"all {self.size} query workers stayed busy for {self.timeout:g} s; "
                            "try again later"
                        )
                    self._pool.wait(remaining)
                    continue
                self._running[client] = self._running.get(client, 0) + 1
                return worker

    def _done(self, client: str) -> None:
        with self._pool:
            left = self._running.get(client, 0) - 1
            if left > 0:
                self._running[client] = left
            else:
                self._running.pop(client, None)
            self._pool.notify_all()

    def _replace(self, worker: _Worker, *, answered: bool = False) -> None:
        """Kill ``worker``, delete its spool files, start another one off the request thread.

        ``answered``: the worker has just sent its reply, whose spool file (if any) is still
        to be sent, so its files are kept (the receiver deletes the file once sent).
        """
        worker.kill()
        if self.spool_dir is not None and worker.process.pid is not None and not answered:
            spool.sweep(self.spool_dir, worker.process.pid)

        def restart() -> None:
            with self._lock:
                self._all.discard(worker)
                if self._closed:
                    return
                try:
                    fresh = self._new_worker(reserved=worker.reserved)
                except OSError as exc:
                    log.error("could not start a replacement query worker: %s", exc)
                    return
            try:
                fresh.wait_ready()
            except EnvironmentProblem as exc:
                with self._lock:
                    self._all.discard(fresh)
                    closed = self._closed
                if not closed:
                    log.error("could not replace a query worker: %s", exc)
                return
            with self._lock:
                if self._closed:
                    fresh.kill()
                    return
            if not self.network and set(self.sandbox_layers) - set(fresh.layers):
                log.error("a replacement query worker could not cut its network; not used")
                fresh.kill()
                return
            self._give_back(fresh)

        thread = threading.Thread(target=restart, name="cmkg-worker-restart", daemon=True)
        with self._lock:
            self._restarts = [t for t in self._restarts if t.is_alive()] + [thread]
        thread.start()

    def alive(self) -> int:
        return sum(1 for worker in list(self._all) if worker.process.is_alive())

    def run(self, job: QueryJob | UpdateJob, client: str = "") -> QueryReply:
        """Answer ``job`` (or try an update) within the timeout or raise
        :class:`QueryTimeoutError`; ``client`` (the remote address) decides whether the
        reserved lane may take it."""
        self.start()
        deadline = time.monotonic() + self.timeout
        with self._pool:
            self._active += 1
        try:
            worker = self._take(client, deadline)
            try:
                return self._ask(worker, replace(job, generation=self.generation.value), deadline)
            finally:
                self._done(client)
        finally:
            with self._pool:
                self._active -= 1

    def _contended(self) -> bool:
        """Whether another request is in the engine (running or waiting for a worker)."""
        with self._pool:
            return self._active > 1

    def _ask(self, worker: _Worker, job: QueryJob | UpdateJob, deadline: float) -> QueryReply:
        what = "update" if isinstance(job, UpdateJob) else "query"
        try:
            worker.connection.send(job)
            if self._answered(worker, deadline):
                reply: QueryReply = worker.connection.recv()
                if worker.demoted:  # its priority cannot be raised again
                    self._replace(worker, answered=True)
                else:
                    self._give_back(worker)
                return reply
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise KGError(f"the {what} worker stopped unexpectedly; see the server log") from None
        self._replace(worker)
        if isinstance(job, UpdateJob):
            raise QueryTimeoutError(
                f"the update ran longer than the {self.timeout:g} s limit and was stopped; "
                "nothing was changed; make its WHERE part more selective or split it"
            )
        raise QueryTimeoutError(
            f"the query ran longer than the {self.timeout:g} s limit and was stopped; "
            "make it more selective (LIMIT, more specific patterns) or ask for a longer --timeout"
        )

    def _answered(self, worker: _Worker, deadline: float) -> bool:
        """Whether ``worker`` replied before ``deadline``; a general worker still busy after
        ``demote_after`` seconds is demoted to a lower CPU priority as soon as another request
        is in the engine (never while it runs alone)."""
        remaining = max(0.0, deadline - time.monotonic())
        if worker.reserved or remaining <= self.demote_after:
            return bool(worker.connection.poll(remaining))
        if worker.connection.poll(self.demote_after):
            return True
        while not worker.demoted:
            if self._contended():
                worker.demote()
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return bool(worker.connection.poll(0))
            if worker.connection.poll(min(CONTENTION_POLL, remaining)):
                return True
        return bool(worker.connection.poll(max(0.0, deadline - time.monotonic())))

    def close(self) -> None:
        """Kill every worker; later queries raise."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            restarts = list(self._restarts)
        for worker in workers:
            worker.kill()
        for thread in restarts:  # a replacement being started sees the kill and gives up
            thread.join(timeout=10)
        with self._lock:
            late = [worker for worker in self._all if worker not in workers]
            self._all.clear()
        for worker in late:
            worker.kill()
        if self.spool_dir is not None:
            spool.remove_spool_dir(self.spool_dir)


class Engine(Protocol):
    """What the server needs of a query executor (:class:`QueryEngine` or
    :class:`InProcessEngine`). Both see writes through the shared :class:`StoreGeneration`."""

    size: int
    timeout: float
    sandbox_layers: tuple[str, ...]

    def start(self) -> None: ...

    def run(self, job: QueryJob | UpdateJob, client: str = "") -> QueryReply: ...

    def alive(self) -> int: ...

    def close(self) -> None: ...


class InProcessEngine:
    """Queries evaluated in the request thread on the read-write store: no timeout.

    Used when the timeout is switched off (``timeout <= 0``), e.g. for quick tests. There is
    no network barrier (the server process needs its network); ``kg serve`` refuses this
    mode unless started with ``--no-sandbox``. Updates are not tried first: the server
    applies them directly.
    """

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.size = 0
        self.timeout = 0.0
        self.sandbox_layers: tuple[str, ...] = ()

    def start(self) -> None:
        """Nothing to start."""

    def run(self, job: QueryJob | UpdateJob, client: str = "") -> QueryReply:
        if isinstance(job, UpdateJob):
            return QueryReply("ok")
        return evaluate(self.store, job)

    def alive(self) -> int:
        return 0

    def close(self) -> None:
        """Nothing to stop."""
