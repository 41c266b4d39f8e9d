"""Isolated SPARQL evaluation: queries run in worker processes (graph/sparql_worker.py), never in
the server's own.

pyoxigraph cannot cancel a query, and a query can crash it (a panic, a stack overflow) or grow
its memory without bound. So each query goes to a worker process, one query per worker at a
time, over a consistent read-only view of the store:

- **Views.** An embedded store is copied as a RocksDB checkpoint (``Store.backup``: hard links,
  cheap) after each write generation, into ``<store>.snapshots/<pid>-…/N``; workers open the newest
  read-only, so a write is seen by the next query. At start the store is compacted in the
  background (``Store.optimize``), then viewed anew. A view is removed once no worker and no
  query in flight uses it. A remote store is its own view (the worker sends it the query).
- **Deadline.** At its deadline a query's worker is killed (SIGKILL: nothing keeps burning CPU)
  and replaced; the query gets a 504. (Lowering a long query's priority was tried and dropped:
  on a busy machine legitimate aggregates then starved past their deadline, and a process
  cannot raise its priority back, so each such worker had to be replaced, caches cold.)
- **Memory.** A worker's heap is capped (``RLIMIT_DATA``); a query past it ends the worker and
  gets a 507 problem.
- **Crashes.** A worker that dies answers its query with a 500 problem naming the failure (read
  from its stderr) and is replaced; no other query notices.
- **Capacity.** At most ``workers`` queries evaluate at once, ``backlog`` more wait within their
  own deadline, beyond that 503. ``idle`` processes are kept started, each with the newest view
  open (up to twice as many after a burst), so a query rarely waits for one; when none is free,
  one more is started for each query waiting (a few at a time), and the newest query waiting
  takes the first process free: after ten runaways, a fresh query waits for one start only.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import pickle
import shutil
import signal
import sys
import tempfile
from collections import Counter, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from graph import sparql_worker as protocol
from graph.endpoint import FORMS, ResultTooLarge, timeout_error
from graph.errors import Problem
from graph.sparql_worker import ANSWER, MEDIA, NONE, REQUEST
from graph.store import OxigraphStore, QuerySyntaxError, QueryTimeout, Store, StoreError

STARTING = max(2, os.cpu_count() or 2)  # processes started at once: in turn, each one is
# ready sooner (started all at once, on a busy machine none would be for a second or more)
_JSON = "application/sparql-results+json"
GRACE = 0.25  # seconds after the deadline for a worker to report its own timeout
View = tuple[str, ...]


class EngineFailure(Problem):
    status, kind, title = 500, "engine-failure", "The query engine failed"


class MemoryLimit(Problem):
    status, kind, title = 507, "memory-limit", "Query needs too much memory"


class Busy(Problem):
    status, kind, title = 503, "busy", "Endpoint busy"


@dataclass(frozen=True)
class PoolSettings:
    timeout: float = 30.0
    max_result_bytes: int = 64 << 20
    memory_bytes: int = 2 << 30
    workers: int = 16
    idle: int = 4
    backlog: int = 64


# ---------------------------------------------------------------------------------------------
# Views of the store


class Views:
    """What workers read: a remote store's URL (one view, forever)."""

    def __init__(self, view: View) -> None:
        self.view = view

    async def acquire(self) -> View:
        return self.view

    def hold(self, view: View) -> None:
        pass

    def release(self, view: View) -> None:
        pass

    def close(self) -> None:
        pass


class Snapshots(Views):
    """Checkpoints of an embedded store, one per write generation, counted by their users (queries
    in flight and workers that have one open); a checkpoint that is not the newest is removed
    when its last user lets go."""

    def __init__(self, store: OxigraphStore) -> None:
        super().__init__(("embedded", ""))
        self.store = store
        self.base: Path | None = None
        if store.path is not None:  # next to the store: hard links need the same file system
            self.base = Path(store.path + ".snapshots")
            self.base.mkdir(parents=True, exist_ok=True)
            for left in self.base.iterdir():  # by a server that was killed
                if not _alive(left.name.partition("-")[0]):
                    shutil.rmtree(left, ignore_errors=True)
        # one folder per pool, named by its process: a server has one pool, and an app run
        # without its lifespan one per query (api/deps.py), several at once
        # (an in-memory store's views go to the system's temp folder, named for what they are)
        prefix = f"{os.getpid()}-" if self.base else f"legal-graph-snapshots-{os.getpid()}-"
        self.root = Path(tempfile.mkdtemp(prefix=prefix, dir=self.base))
        self.generation: int | None = None
        self.users: Counter[View] = Counter()
        self.serial = itertools.count(1)
        self.lock = asyncio.Lock()

    async def acquire(self) -> View:
        if self.generation != self.store.generation:
            async with self.lock:
                if self.generation != self.store.generation:
                    generation = self.store.generation  # a write during the copy: copy again
                    target = self.root / str(next(self.serial))
                    await asyncio.to_thread(self._copy, target)
                    old, self.view = self.view, ("embedded", str(target))
                    self.generation = generation
                    self._remove_if_unused(old)
        self.hold(self.view)
        return self.view

    async def compact(self) -> None:
        """Merge the store's files, then take the next view from the merged store. An ingest
        leaves RocksDB's merging for later, and a view is a checkpoint of the files as they
        are: lookups in a view of many unmerged files cost about three times more."""
        try:
            await asyncio.to_thread(self.store.raw.optimize)
        except (OSError, StoreError) as e:  # closed meanwhile: keep the view
            print(f"the store was not compacted: {e}", file=sys.stderr)
            return
        self.generation = None  # the next query takes a new view

    def _copy(self, target: Path) -> None:
        if self.store.path is not None:
            self.store.raw.backup(str(target))
            return
        copy = ox.Store(str(target))  # an in-memory store (tests): written out once
        copy.bulk_load(self.store.raw.dump(format=ox.RdfFormat.N_QUADS),
                       format=ox.RdfFormat.N_QUADS)  # fmt: skip
        copy.flush()
        del copy

    def hold(self, view: View) -> None:
        self.users[view] += 1

    def release(self, view: View) -> None:
        self.users[view] -= 1
        self._remove_if_unused(view)

    def _remove_if_unused(self, view: View) -> None:
        if view != self.view and self.users[view] <= 0 and view[1]:
            del self.users[view]
            shutil.rmtree(view[1], ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        if self.base is not None:
            with contextlib.suppress(OSError):  # not empty: another pool's
                self.base.rmdir()


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:  # another user's
        pass
    return True


def views_of(store: Store) -> Views:
    if isinstance(store, OxigraphStore):
        return Snapshots(store)
    query_url = getattr(store, "query_url", None)
    if query_url is None:
        raise StoreError(f"{type(store).__name__} cannot answer SPARQL endpoint queries.")
    return Views(("remote", query_url))


# ---------------------------------------------------------------------------------------------
# Workers


class WorkerDied(Exception):
    pass


Answer = tuple[int, int, bytes]  # status, code and body (see graph/sparql_worker.py)
_MEDIA_CODES = {media: code for code, media in enumerate(MEDIA)}
_ASK = (NONE, _MEDIA_CODES[_JSON], NONE)  # a worker's first query (opens its view)


class Worker(asyncio.SubprocessProtocol):
    """One worker process, its pipes read as data arrives (asyncio's subprocess protocol, no
    stream layers): answers on its stdout, the last lines of its stderr kept (why it died)
    and passed on."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.transport: asyncio.SubprocessTransport | None = None
        self.stdin: asyncio.WriteTransport | None = None
        self.view: View | None = None
        self.tail: deque[str] = deque(maxlen=30)
        self.line = b""  # stderr's unfinished line
        self.parts: list[bytes] = []  # the answer read so far
        self.size = 0
        self.need = 0  # its length, once its head is read
        self.answer: asyncio.Future[Answer] = loop.create_future()  # the next one
        self.dead = False  # its stdout closed: it died, or is about to
        self.expired = False  # killed at its query's deadline
        self.exited: asyncio.Future[None] = loop.create_future()
        self.drained: asyncio.Future[None] = loop.create_future()  # stderr read to its end
        self.open_pipes = 3

    @classmethod
    async def spawn(cls, memory_bytes: int, max_result_bytes: int) -> Worker:
        loop = asyncio.get_running_loop()
        _, worker = await loop.subprocess_exec(
            lambda: cls(loop), sys.executable, "-m", "graph.sparql_worker", str(memory_bytes),
            str(max_result_bytes), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            hello = await asyncio.wait_for(worker.answer, 60)
        except BaseException:
            worker.kill()
            raise
        if hello[0] != protocol.READY:
            worker.kill()
            raise StoreError(f"A SPARQL worker did not start: {hello!r}")
        return worker

    @property
    def pid(self) -> int | None:
        return self.transport.get_pid() if self.transport is not None else None

    # asyncio.SubprocessProtocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # a subprocess transport (uvloop's is not a subclass of asyncio's)
        self.transport = cast(asyncio.SubprocessTransport, transport)
        self.stdin = cast(asyncio.WriteTransport, self.transport.get_pipe_transport(0))

    def pipe_data_received(self, fd: int, data: bytes) -> None:
        if fd == 2:
            *lines, line = (self.line + data).split(b"\n")
            self.line = line[-(1 << 16) :]  # a line without end is not kept whole
            for line in lines:
                self._log(line)
            return
        self.parts.append(data)
        self.size += len(data)
        if not self.need:
            if self.size < ANSWER.size:
                return
            if len(self.parts) > 1:
                self.parts = [b"".join(self.parts)]
            self.need = ANSWER.size + ANSWER.unpack_from(self.parts[0])[2]
        if self.size < self.need:
            return
        # one query at a time: the answer ends what the worker has written
        data = self.parts[0] if len(self.parts) == 1 else b"".join(self.parts)
        self.parts, self.size, self.need = [], 0, 0
        status, code, _ = ANSWER.unpack_from(data)
        if not self.answer.done():
            self.answer.set_result((status, code, data[ANSWER.size :]))

    def pipe_connection_lost(self, fd: int, exc: Exception | None) -> None:
        if fd == 1:
            self.dead = True
            if not self.answer.done():
                self.answer.set_exception(WorkerDied())
        elif fd == 2:
            if self.line:
                self._log(self.line)
            if not self.drained.done():
                self.drained.set_result(None)
        self.open_pipes -= 1
        self._close_when_done()

    def process_exited(self) -> None:
        if not self.exited.done():
            self.exited.set_result(None)
        self._close_when_done()

    def _close_when_done(self) -> None:
        if self.exited.done() and self.open_pipes <= 0 and self.transport is not None:
            self.transport.close()

    def _log(self, line: bytes) -> None:
        text = line.decode("utf-8", "replace").rstrip()
        self.tail.append(text)
        print(f"[sparql worker {self.pid}] {text}", file=sys.stderr, flush=True)

    # the pool's side

    async def ask(self, query: str, media: Sequence[int], timeout: float, view: View | None,
                  default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
                  ) -> Answer:  # fmt: skip
        """The answer to ``query`` (``media``: the code of the media type to write per result
        form), read from ``view`` (None: the view this worker has open)."""
        if self.dead or self.stdin is None or self.stdin.is_closing():
            raise WorkerDied
        text = query.encode()
        extras = (pickle.dumps((view, list(default_graphs), list(named_graphs)))
                  if view is not None or default_graphs or named_graphs else b"")  # fmt: skip
        self.answer = self.loop.create_future()
        self.stdin.write(b"".join((REQUEST.pack(max(0.001, timeout), *media, len(text),
                                                len(extras)), text, extras)))  # fmt: skip
        return await self.answer

    def kill(self) -> None:
        if self.transport is not None and self.transport.get_returncode() is None:
            with contextlib.suppress(ProcessLookupError):
                self.transport.kill()

    def expire(self) -> None:
        """The query's deadline: killed (nothing keeps burning CPU)."""
        self.expired = True
        self.kill()

    async def wait(self) -> int | None:
        await asyncio.shield(self.exited)
        return self.transport.get_returncode() if self.transport is not None else None

    async def failure(self) -> Problem:
        """Why the worker died, as the problem its query gets."""
        try:  # its output ended: dead, or about to be
            code = await asyncio.wait_for(self.wait(), 10)
        except TimeoutError:
            self.kill()
            code = await self.wait()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.shield(self.drained), 2)
        code = code or 0
        lines = [t for t in self.tail if t.strip()]
        text = "\n".join(lines)
        if "memory allocation" in text or "MemoryError" in text:
            return MemoryLimit("")  # filled in by the pool, which knows the limit
        how = (f"killed by {signal.Signals(-code).name}" if code < 0 and -code in
               signal.valid_signals() else f"exit status {code}")  # fmt: skip
        said = next((t.strip() for t in reversed(lines) if "panicked" in t or "overflow" in t),
                    lines[-1].strip() if lines else "")  # fmt: skip
        return EngineFailure(
            f"The query engine (pyoxigraph) failed on this query ({how}"
            f"{': ' + said[:300] if said else ''}); its worker process was replaced."
        )


# ---------------------------------------------------------------------------------------------
# The pool

_ERRORS: dict[int, type[Exception]] = {
    protocol.SYNTAX: QuerySyntaxError, protocol.TOO_LARGE: ResultTooLarge,
    protocol.TIMEOUT: QueryTimeout, protocol.STORE: StoreError,
}  # fmt: skip


class IsolatedPool:
    """Worker processes answering SPARQL queries over views of ``store``; ``start`` and
    ``close`` on the event loop that serves the queries."""

    def __init__(self, store: Store, settings: PoolSettings) -> None:
        self.settings = settings
        self.views = views_of(store)
        self.idle: list[Worker] = []
        self.waiters: deque[asyncio.Future[Worker]] = deque()
        self.starting = 0
        self.busy = 0
        self.waiting = 0
        self.slots = asyncio.Semaphore(settings.workers)
        self.compacting: asyncio.Task[None] | None = None
        self.spares: set[asyncio.Task[None]] = set()  # processes being started
        self.workers: set[Worker] = set()  # processes started and not yet seen to end
        self.closed = False

    async def start(self) -> None:
        await self.views.acquire()  # the first view, before the first query
        self.views.release(self.views.view)
        self._top_up()
        views = self.views
        if (
            isinstance(views, Snapshots)
            and views.store.path is not None
            and not views.store.read_only
        ):
            self.compacting = asyncio.get_running_loop().create_task(views.compact())

    async def close(self) -> None:
        self.closed = True
        # a process being started is waited for, never cancelled: cancelled while it connects
        # its pipes, asyncio's create_subprocess_exec waits forever (CPython 3.11), and so
        # would the loop's shutdown; started once closed, it is retired at once (``_ready``)
        await asyncio.gather(*self.spares, return_exceptions=True)
        self.idle = []
        for worker in self.workers:
            worker.kill()
        await asyncio.gather(*(w.wait() for w in self.workers),
                             *(w.drained for w in self.workers), return_exceptions=True)  # fmt: skip
        self.views.close()

    def _top_up(self) -> None:
        """Start processes in the background until ``idle`` wait ready, plus one for each query
        waiting for a process (at most ``workers`` + ``idle`` in all)."""
        s = self.settings
        while (not self.closed and len(self.idle) + self.starting < s.idle + len(self.waiters)
               and self.busy + len(self.idle) + self.starting < s.workers + s.idle
               and self.starting < STARTING):  # fmt: skip
            self.starting += 1
            spare = asyncio.get_running_loop().create_task(self._spare())
            self.spares.add(spare)
            spare.add_done_callback(self.spares.discard)

    async def _spare(self) -> None:
        worker: Worker | None = None
        try:
            worker = await Worker.spawn(self.settings.memory_bytes, self.settings.max_result_bytes)
            self.workers.add(worker)
            view = await self.views.acquire()  # opened now, not by the first query it gets
            try:
                await worker.ask("ASK {}", _ASK, 30.0, self._assign(worker, view))
            finally:
                self.views.release(view)
        except Exception as e:  # noqa: BLE001 - reported to a waiting query, and logged
            if worker is not None:
                self._retire(worker)
            print(f"could not start a SPARQL worker: {e!r}", file=sys.stderr)
            waiting = [w for w in self.waiters if not w.done()]
            if waiting:
                waiting[-1].set_exception(
                    StoreError(f"A SPARQL worker process could not start: {e!r}")
                )
            return
        except BaseException:  # cancelled (its loop ends): no process left behind
            if worker is not None:
                self._retire(worker)
            raise
        finally:
            self.starting -= 1
        self._ready(worker)
        self._top_up()  # the next one, if still wanted (not after a failure: no retry loop)

    def _ready(self, worker: Worker) -> None:
        """A process free for a query: to the first query waiting for one, else kept."""
        if self.closed:
            self._retire(worker)
            return
        while self.waiters:  # the newest first: see _take
            waiter = self.waiters.pop()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self.idle.append(worker)

    def _retire(self, worker: Worker) -> None:
        if worker.view is not None:
            self.views.release(worker.view)
            worker.view = None
        worker.kill()
        self.workers = {w for w in self.workers if not w.exited.done()}

    async def _take(self, deadline: float) -> Worker:
        """A free process: an idle one, else the next one free (started or given back). The
        newest query waiting gets it: in a burst (ten runaways, say) a query that arrives later
        is answered as soon as one process is free, while those before it wait within their
        own deadline."""
        self.busy += 1
        try:
            if self.idle:
                worker = self.idle.pop()
            else:
                loop = asyncio.get_running_loop()
                waiter: asyncio.Future[Worker] = loop.create_future()
                self.waiters.append(waiter)
                self._top_up()
                try:
                    worker = await asyncio.wait_for(waiter, max(0.0, deadline - loop.time()))
                except TimeoutError:
                    raise timeout_error(self.settings.timeout) from None
                except BaseException:
                    if waiter.done() and not waiter.cancelled() and not waiter.exception():
                        self._ready(waiter.result())  # handed over just as we gave up
                    raise
            self._top_up()
            return worker
        except BaseException:
            self.busy -= 1
            raise

    def _give_back(self, worker: Worker, healthy: bool) -> None:
        self.busy -= 1
        # up to twice ``idle`` kept: a spare started while this one was busy does not cost it
        # its place (which would start a process per query)
        if healthy and (self.waiters or len(self.idle) < 2 * self.settings.idle):
            self._ready(worker)
        else:
            self._retire(worker)
        self._top_up()

    def _assign(self, worker: Worker, view: View) -> View | None:
        """``worker`` reads ``view`` from its next request on (and lets go of its last one):
        the view to send it, None when it has that one open already."""
        if worker.view == view:
            return None
        self.views.hold(view)
        if worker.view is not None:
            self.views.release(worker.view)
        worker.view = view
        return view

    async def evaluate(
        self, query: str, media: Mapping[str, str | Problem],
        default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = (),
    ) -> tuple[bytes, str]:  # fmt: skip
        """The serialized results of ``query`` and their media type (``media``: per result
        form, the media type to write, or the problem to raise when that form comes out)."""
        s = self.settings
        loop = asyncio.get_running_loop()
        deadline = loop.time() + s.timeout
        if self.slots.locked() and self.waiting >= s.backlog:
            raise Busy("Every query slot is taken; retry in a moment.",
                       headers={"Retry-After": "1"})  # fmt: skip
        if self.slots.locked():  # wait for a slot, within the query's own deadline
            self.waiting += 1
            try:
                await asyncio.wait_for(self.slots.acquire(), s.timeout)
            except TimeoutError:
                raise timeout_error(s.timeout) from None
            finally:
                self.waiting -= 1
        else:
            await self.slots.acquire()
        try:
            view = await self.views.acquire()
            try:
                return await self._run(view, query, media, default_graphs, named_graphs,
                                       deadline)  # fmt: skip
            finally:
                self.views.release(view)
        finally:
            self.slots.release()

    async def _run(self, view: View, query: str, media: Mapping[str, str | Problem],
                   default_graphs: Sequence[str], named_graphs: Sequence[str], deadline: float
                   ) -> tuple[bytes, str]:  # fmt: skip
        s = self.settings
        loop = asyncio.get_running_loop()
        worker = await self._take(deadline)
        send_view = self._assign(worker, view)
        codes = [_MEDIA_CODES.get(media.get(form), NONE) for form in FORMS]  # type: ignore[arg-type]
        healthy = False
        expiry = loop.call_at(deadline + GRACE, worker.expire)  # no task, no timeout object
        try:
            status, code, body = await worker.ask(query, codes, deadline - loop.time(), send_view,
                                                  default_graphs, named_graphs)  # fmt: skip
        except WorkerDied:
            if worker.expired:
                raise timeout_error(s.timeout) from None
            problem = await worker.failure()
            if isinstance(problem, MemoryLimit):
                problem = self._memory_problem()
            raise problem from None
        else:
            if status == protocol.OK:
                healthy = True
                return body, MEDIA[code]
            if status == protocol.UNACCEPTABLE:
                healthy = True
                refusal = media[FORMS[code]]
                assert isinstance(refusal, Problem)
                raise refusal.with_traceback(None)  # a shared instance: no traceback kept
            healthy = status in _ERRORS
            if status == protocol.MEMORY:
                raise self._memory_problem()
            raise _ERRORS.get(status, StoreError)(body.decode("utf-8", "replace"))
        finally:
            expiry.cancel()
            # killed unless it answered in time (its answer and its deadline can come together)
            self._give_back(worker, healthy and not worker.expired)

    def _memory_problem(self) -> MemoryLimit:
        return MemoryLimit(
            f"The query needed more memory than the endpoint allows one query "
            f"(LEGAL_GRAPH_SPARQL_MEMORY_MB={self.settings.memory_bytes >> 20}); add a LIMIT, "
            "or avoid ORDER BY or GROUP BY over a large or cross product."
        )
