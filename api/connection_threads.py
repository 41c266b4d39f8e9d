"""Keep-alive connections served by a thread of their own, as the Oxigraph server serves them.

Handing each query from the event loop to a pool thread and its answer back costs about 1.8 ms
of latency per request under load (two wake-ups across threads), more than a one-hop query's
evaluation. A client that keeps its connection open and sends GET /sparql after GET /sparql is
better served by one thread that blocks on the socket, evaluates and writes: the kernel wakes
that thread directly when the next request arrives.

``legal-graph serve`` (api/server.py) gives such a connection to a ``ConnectionThread`` after
answering a GET /sparql on it, while fewer than ``LEGAL_GRAPH_SPARQL_WORKERS`` connections have
one: the event loop stops reading the socket and the thread reads a duplicate of it. The thread
answers plain ``GET /sparql?…`` requests (HTTP/1.1, no body, one at a time) and hands anything
else back to the event loop with the bytes it read, unparsed, so uvicorn's parser sees the
connection's stream as if it had read it all: another path, a POST, pipelined requests, a
``Connection: close``, a client gone or idle past the keep-alive timeout.

A query that runs past its budget without writing a row cannot be interrupted (Oxigraph
evaluates in Rust). The ``Watchdog`` answers it: at the deadline it writes the 504 itself,
closes the connection and leaves the thread to finish its operator alone; the thread still
counts against the budget until it does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

logger = logging.getLogger("uvicorn.error")
HEAD_LIMIT = 64 << 10  # bytes of a request head the thread reads before it gives up on it
SEND_STALL = 60.0  # seconds a client may leave no room for the answer before it is cut off
_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# Headers that change how the request or the connection must be handled: the loop's parser does.
_NOT_PLAIN = frozenset((b"content-length", b"transfer-encoding", b"upgrade", b"expect"))


def parse_head(head: bytes) -> tuple[bytes, dict[bytes, bytes]] | None:
    """(target, headers by lower-case name) of a plain ``GET … HTTP/1.1`` request head (without
    its final blank line), or None for anything else: another method or version, a body,
    ``Connection`` other than keep-alive, a malformed line (the event loop's parser answers
    those, with 400 if need be)."""
    lines = head.split(b"\r\n")
    parts = lines[0].split(b" ")
    if len(parts) != 3 or parts[0] != b"GET" or parts[2] != b"HTTP/1.1" or b"\0" in head:
        return None
    headers: dict[bytes, bytes] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(b":")
        if not sep or not _TOKEN.fullmatch(name):
            return None
        name, value = name.lower(), value.strip(b" \t")
        if name in _NOT_PLAIN or name in headers:
            return None
        if name == b"connection" and any(
                token.strip().lower() != b"keep-alive" for token in value.split(b",")):
            return None  # close (or upgrade): uvicorn answers and closes
        headers[name] = value
    return parts[1], headers


class Owner(Protocol):
    """What a connection thread needs of the HTTP protocol that gave it the connection."""

    loop: asyncio.AbstractEventLoop

    def answerable(self, target: bytes) -> Mapping[str, list[str]] | None:
        """The query parameters of a GET /sparql target the thread may answer, else None."""

    def answer(self, params: Mapping[str, list[str]], headers: Mapping[bytes, bytes],
               cancel: threading.Event) -> Any:
        """The response to a query (errors included), evaluated in the calling thread."""

    def encode(self, response: Any, keep_alive: bool) -> bytes:
        """A response as HTTP/1.1 bytes (``connection: close`` unless ``keep_alive``)."""

    def timed_out(self) -> bytes:
        """The 504 response, with ``connection: close``."""

    def taken_back(self, conn: ConnectionThread, data: bytes | None) -> None:
        """On the event loop: read the connection again, starting with ``data``; or close it
        (None)."""


class ConnectionThread:
    """One connection's thread: GET /sparql after GET /sparql until something else comes."""

    _IDLE, _RUNNING, _EXPIRED = 0, 1, 2

    def __init__(self, owner: Owner, fd: int, idle_timeout: float, query_timeout: float | None,
                 budget: Budget, name: str = "sparql-connection") -> None:
        self.owner, self.budget = owner, budget
        try:
            self.sock = socket.socket(fileno=fd)
        except OSError:
            os.close(fd)
            raise
        self.idle_timeout = idle_timeout
        self.sock.settimeout(idle_timeout)  # the fd stays non-blocking: the loop shares it
        self.query_timeout = query_timeout
        self.closing = False
        self.deadline: float | None = None
        self.cancel = threading.Event()
        self._state = self._IDLE
        self._lock = threading.Lock()
        self.thread = threading.Thread(target=self._serve, name=name, daemon=True)

    def start(self) -> None:
        """Start serving (RuntimeError, and nothing held, when no thread can be started)."""
        self.budget.watchdog.add(self)
        try:
            self.thread.start()
        except RuntimeError:
            self.budget.watchdog.discard(self)
            self.sock.close()
            self.budget.release()
            raise

    def stop(self) -> None:
        """The server is stopping: finish the request in flight (answered with ``connection:
        close``), then close; an idle thread is woken at once (its next read ends)."""
        self.closing = True
        with self._lock, contextlib.suppress(OSError):  # the lock: not while the thread closes it
            self.sock.shutdown(socket.SHUT_RD)

    def _serve(self) -> None:
        data: bytes | None = None
        try:
            data = self._requests()
        except OSError:  # reset by the client, or a send that timed out: close
            data = None
        except Exception:  # a bug: logged, and the connection closed, as uvicorn would
            logger.exception("SPARQL connection thread failed")
            data = None
        finally:
            self.budget.watchdog.discard(self)
            if self._state != self._EXPIRED:  # else the watchdog has closed the connection
                with contextlib.suppress(RuntimeError):  # the loop is closed: server stopped
                    self.owner.loop.call_soon_threadsafe(self.owner.taken_back, self, data)
            with self._lock:  # closed fds are reused: nobody else may touch it meanwhile
                self.sock.close()  # this thread's duplicate; the loop holds the connection
            self.budget.release()

    def _requests(self) -> bytes | None:
        """Answer requests until one is not for this thread: return the bytes read of it (the
        loop parses them), or None to close the connection."""
        buffer = b""
        while True:
            end = buffer.find(b"\r\n\r\n")
            while end < 0:
                if len(buffer) > HEAD_LIMIT:
                    return buffer
                try:
                    chunk = self.sock.recv(65536)
                except TimeoutError:  # idle past the keep-alive timeout, as uvicorn closes
                    return buffer or None
                if not chunk:  # the client closed (or stop())
                    return buffer or None
                buffer += chunk
                end = buffer.find(b"\r\n\r\n")
            if self.closing or end + 4 != len(buffer):  # pipelined: the loop keeps the order
                return buffer
            parsed = parse_head(buffer[:end])
            params = self.owner.answerable(parsed[0]) if parsed is not None else None
            if parsed is None or params is None:
                return buffer
            response = self._answer(params, parsed[1])
            if response is None:  # the watchdog answered 504 and closed the connection
                return None
            self._send(response)
            if self.closing:
                return None
            buffer = b""

    def _send(self, data: bytes) -> None:
        # Not sendall: its timeout bounds the whole answer, and a large one to a slow client
        # takes long. Each send waits at most SEND_STALL for the client to make room.
        self.sock.settimeout(SEND_STALL)
        view = memoryview(data)
        while view:
            view = view[self.sock.send(view):]
        self.sock.settimeout(self.idle_timeout)

    def _answer(self, params: Mapping[str, list[str]], headers: Mapping[bytes, bytes]
                ) -> bytes | None:
        with self._lock:
            self.cancel = threading.Event()
            self.deadline = (time.monotonic() + self.query_timeout if self.query_timeout
                             else None)
            self._state = self._RUNNING
        response = self.owner.answer(params, headers, self.cancel)
        with self._lock:
            if self._state == self._EXPIRED:
                return None
            self._state, self.deadline = self._IDLE, None
        # stop() may have come during the query: then the answer says the connection ends
        return self.owner.encode(response, keep_alive=not self.closing)

    def expire(self, now: float) -> None:
        """Past its deadline without an answer: answer 504 here and close the connection; the
        query stops at its next row, if it ever writes one."""
        with self._lock:
            if self._state != self._RUNNING or self.deadline is None or now < self.deadline:
                return
            self._state = self._EXPIRED
            self.cancel.set()
            with contextlib.suppress(OSError):  # a small answer: never blocks
                self.sock.send(self.owner.timed_out(), socket.MSG_DONTWAIT)
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(RuntimeError):
            self.owner.loop.call_soon_threadsafe(self.owner.taken_back, self, None)


class Watchdog:
    """Checks the deadlines of the connection threads' queries a few times a second (a thread
    stuck in Rust cannot check its own)."""

    def __init__(self, tick: float = 0.05) -> None:
        self.tick = tick
        self._conns: set[ConnectionThread] = set()
        self._any = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def add(self, conn: ConnectionThread) -> None:
        with self._lock:
            self._conns.add(conn)
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="sparql-watchdog",
                                                daemon=True)
                self._thread.start()
        self._any.set()

    def discard(self, conn: ConnectionThread) -> None:
        with self._lock:
            self._conns.discard(conn)

    def _watch(self) -> None:
        while True:
            with self._lock:
                conns = list(self._conns)
                if not conns:
                    self._any.clear()
            if not conns:
                self._any.wait()
                continue
            time.sleep(self.tick)
            now = time.monotonic()
            for conn in conns:
                conn.expire(now)


class Budget:
    """At most ``size`` connections served by threads at once (a thread stuck in a runaway
    query keeps its place until the query ends)."""

    def __init__(self, size: int) -> None:
        self._slots = threading.Semaphore(size)
        self.watchdog = Watchdog()

    def acquire(self) -> bool:
        return self._slots.acquire(blocking=False)

    def release(self) -> None:
        self._slots.release()


def budget_of(state: object, size: Callable[[], int]) -> Budget:
    """The app's budget of connection threads, made on first use."""
    budget: Budget | None = getattr(state, "sparql_connection_threads", None)
    if budget is None:
        budget = Budget(size())
        state.sparql_connection_threads = budget  # type: ignore[attr-defined]
    return budget
