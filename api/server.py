"""How ``legal-graph serve`` runs the app: uvicorn, with the SPARQL endpoint's commonest request
answered by the HTTP protocol itself.

A ``GET /sparql?query=…`` is most of what an endpoint serves, and the ASGI cycle around it (a
task, the scope, middleware, Request and Response objects, two ``send`` messages) costs as much
CPU as a one-hop query's evaluation. ``SparqlHttpProtocol`` is uvicorn's httptools protocol
that hands such a request straight to the query pool and writes the answer (status line,
headers and body in one write) when the pool delivers it. The answer, its errors and its limits
come from the same functions as the ASGI route (api/routes/sparql.py); everything else, and any
GET /sparql the protocol is not sure about (pipelined requests, a root path, the store not open
yet), goes through the ASGI app as before.

After such an answer on a keep-alive connection, the connection's next requests are read by a
thread of its own (api/connection_threads.py), which answers GET /sparql after GET /sparql in
place, as the Oxigraph server does, and hands anything else back to this protocol unparsed:
that takes the event loop and the pool's hand-off out of a client's run of queries.

It uses uvicorn's per-connection state (``cycle``, ``pipeline``, ``on_response_complete``), which
is not a public API: ``protocol_for`` returns uvicorn's own protocol when that state is not
there; tests/test_server_protocol.py checks that GETs skip the ASGI app and answer like it, that
a threaded connection's stream stays intact (pipelining, pieces, errors, shutdown), and the
other SPARQL tests run against ``legal-graph serve``.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Mapping
from typing import Any, ClassVar
from urllib.parse import parse_qs

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response

from api import connection_threads
from api.connection_threads import ConnectionThread
from api.routes import sparql

try:
    import httptools
    from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
except ImportError:  # no httptools: uvicorn's pure-Python protocol serves everything
    HttpToolsProtocol = None  # type: ignore[assignment,misc]


class _Cycle:
    """What uvicorn's protocol reads of a request in flight (in place of its
    RequestResponseCycle): it may close the connection after the answer (``keep_alive``) or
    report the client gone (``disconnected``: the query is stopped)."""

    __slots__ = ("_gone", "body", "job", "keep_alive", "more_body", "response_complete", "tasks")

    def __init__(self, keep_alive: bool, tasks: set[Any]) -> None:
        self.keep_alive = keep_alive
        self.response_complete = False
        self.job: sparql.Job | None = None
        self._gone = False
        self.body = bytearray()  # a GET's body, if a client sends one: ignored
        self.more_body = True
        # uvicorn's running requests: a graceful shutdown waits for them (or cancels them)
        self.tasks = tasks
        tasks.add(self)

    def finish(self) -> None:
        self.tasks.discard(self)

    def cancel(self, msg: Any = None) -> None:  # uvicorn's signature for its tasks
        self.finish()
        if self.job is not None:
            self.job.drop()

    @property
    def disconnected(self) -> bool:
        return self._gone

    @disconnected.setter
    def disconnected(self, gone: bool) -> None:
        self._gone = gone
        if gone:
            self.cancel()

    @property
    def message_event(self) -> _Cycle:  # uvicorn sets it when the body ends or the client goes
        return self

    def set(self) -> None:
        pass


if HttpToolsProtocol is not None:

    class SparqlHttpProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol; ``GET /sparql?query=…`` is answered here."""

        api: ClassVar[FastAPI]

        def on_headers_complete(self) -> None:
            if not self._answer_sparql_get():
                super().on_headers_complete()

        def _answer_sparql_get(self) -> bool:
            # Every request passes here: the checks that turn most of them away come first, and
            # only a /sparql target is parsed (uvicorn parses the others' once, as before).
            if (not self.url.startswith(b"/sparql?") or self.parser.get_method() != b"GET"
                    or self.root_path or self.pipeline
                    or (self.cycle is not None and not self.cycle.response_complete)
                    or self.parser.should_upgrade()):
                return False
            params = self.answerable(self.url)
            if params is None:
                return False
            cycle = _Cycle(self.parser.should_keep_alive(), self.tasks)
            self.cycle = cycle  # type: ignore[assignment]
            try:
                accept = next((v for n, v in self.headers if n == b"accept"), None)
                pool, work = self._query_work(params, accept)
                cycle.job = pool.submit(work, pool.config.limits.timeout,
                                        lambda result, error: self._deliver(cycle, result, error))
            except Exception as e:
                self._reply(cycle, self._problem(e))
            return True

        def _query_work(self, params: Mapping[str, list[str]], accept: bytes | None
                        ) -> tuple[sparql.QueryPool, Callable[[threading.Event], tuple[bytes, str]]]:
            """The pool and what evaluates the query a GET asks for (its errors as raised)."""
            state = self.api.state
            pool = sparql.pool_of(state)
            work = sparql.query_work(pool.config, state.store, sparql.get_call(params),
                                     accept.decode("latin-1") if accept is not None else None)
            return pool, work

        def answerable(self, target: bytes) -> dict[str, list[str]] | None:
            """The parameters of a ``GET /sparql?query=…`` target this protocol answers; None
            for the service description, the YASGUI page, or a store not open yet (the app's)."""
            if not target.startswith(b"/sparql?") or getattr(self.api.state, "store", None) is None:
                return None
            try:
                url = httptools.parse_url(target)
            except httptools.HttpParserInvalidURLError:
                return None
            if url.path != b"/sparql" or not url.query:
                return None
            params = parse_qs(url.query.decode("latin-1"), keep_blank_values=True)
            return params if "query" in params or "update" in params else None

        def _deliver(self, cycle: _Cycle, result: tuple[bytes, str] | None,
                     error: BaseException | None) -> None:
            if error is None and result is not None:
                self._reply(cycle, sparql.Results(*result))
            elif isinstance(error, Exception):
                self._reply(cycle, self._problem(error))
            else:  # not an error a client is told about (the server is stopping)
                self._reply(cycle, Response(status_code=500))

        def _problem(self, error: Exception) -> Response:
            try:
                problem = sparql.problem_for(error)
            except Exception:  # an error the endpoint has no problem type for: a plain 500
                self.logger.exception("SPARQL query failed")
                return Response("Internal Server Error", status_code=500)
            scope: dict[str, Any] = {
                "type": "http", "method": "GET", "path": "/sparql", "root_path": "",
                "query_string": b"", "headers": [], "scheme": self.scheme, "server": self.server,
            }
            return problem.response(Request(scope))

        def _encode(self, response: Response, keep_alive: bool) -> list[bytes]:
            """Status line and headers, and the body: the whole HTTP response."""
            head = [STATUS_LINE[response.status_code]]
            for name, value in (*self.server_state.default_headers, *response.raw_headers):
                head += [name, b": ", value, b"\r\n"]
            if not keep_alive:
                head.append(b"connection: close\r\n")
            head.append(b"\r\n")
            return [b"".join(head), bytes(response.body)]

        def _reply(self, cycle: _Cycle, response: Response) -> None:
            cycle.finish()
            if cycle.disconnected or self.transport.is_closing():
                return
            self.transport.writelines(self._encode(response, cycle.keep_alive))
            cycle.response_complete = True
            if not cycle.keep_alive:
                self.transport.close()
            self.on_response_complete()
            self._hand_to_thread()

        # -- a connection of its own thread (api/connection_threads.py) -----------------------

        _thread: ConnectionThread | None = None
        _in_message = False  # the parser has begun a request it has not finished

        def on_message_begin(self) -> None:
            self._in_message = True
            super().on_message_begin()

        def on_message_complete(self) -> None:
            self._in_message = False
            super().on_message_complete()

        def _hand_to_thread(self) -> None:
            """After a GET /sparql answered here on a keep-alive connection with nothing else
            in flight, let a thread serve the connection's next requests, if one is free (an
            answer still in the write buffer would interleave with the thread's: the next GET
            answered here tries again)."""
            if (self._thread is not None or self.transport.is_closing() or self.pipeline
                    or not self.cycle.response_complete  # a pipelined request's, in the app
                    or self._in_message or self.flow.read_paused
                    or self.scheme != "http"  # TLS: the socket carries ciphertext
                    or self.transport.get_write_buffer_size()):
                return
            config = sparql.pool_of(self.api.state).config
            budget = connection_threads.budget_of(self.api.state, lambda: config.workers)
            if not budget.acquire():
                return
            try:
                conn = ConnectionThread(
                    self, os.dup(self.transport.get_extra_info("socket").fileno()),
                    self.timeout_keep_alive, config.limits.timeout, budget,
                    f"sparql-connection from {_address(self.client)} to {_address(self.server)}")
            except (AttributeError, OSError):  # no socket to share: stay on the event loop
                budget.release()
                return
            self._unset_keepalive_if_required()
            self.flow.pause_reading()
            self._thread = conn
            try:
                conn.start()
            except RuntimeError:  # no thread to be had: stay on the event loop
                self._thread = None
                self.flow.resume_reading()
                self._arm_keep_alive()

        def answer(self, params: Mapping[str, list[str]], headers: Mapping[bytes, bytes],
                   cancel: threading.Event) -> Response:
            """A query's response, evaluated in the calling (connection) thread."""
            try:
                _, work = self._query_work(params, headers.get(b"accept"))
                response: Response = sparql.Results(*work(cancel))
            except Exception as e:
                response = self._problem(e)
            self.server_state.total_requests += 1
            return response

        def encode(self, response: Response, keep_alive: bool) -> bytes:
            return b"".join(self._encode(response, keep_alive))

        def timed_out(self) -> bytes:
            timeout = sparql.pool_of(self.api.state).config.limits.timeout
            return self.encode(self._problem(sparql.timeout_error(timeout)), keep_alive=False)

        def taken_back(self, conn: ConnectionThread, data: bytes | None) -> None:
            if self._thread is not conn:
                return
            self._thread = None
            if self.transport.is_closing():
                return
            if data is None:
                self.transport.close()
                return
            self.flow.resume_reading()
            if data:
                self.data_received(data)
            else:
                self._arm_keep_alive()

        def _arm_keep_alive(self) -> None:  # as uvicorn does between requests
            self.timeout_keep_alive_task = self.loop.call_later(
                self.timeout_keep_alive, self.timeout_keep_alive_handler)

        def shutdown(self) -> None:
            if self._thread is not None:  # the thread finishes its request, then closes
                self._thread.stop()
                return
            super().shutdown()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._thread is not None:
                self._thread.stop()
            super().connection_lost(exc)


def _address(host_port: tuple[str, int | None] | None) -> str:
    return f"{host_port[0]}:{host_port[1]}" if host_port else "?"


def protocol_for(app: FastAPI) -> type[asyncio.Protocol] | str:
    """The HTTP protocol for uvicorn to serve ``app`` with: SparqlHttpProtocol bound to it, or
    "auto" when this uvicorn's protocol is not the one it was written against."""
    if HttpToolsProtocol is None or not _compatible():
        return "auto"
    return type("SparqlHttpProtocol", (SparqlHttpProtocol,), {"api": app})


def _compatible() -> bool:
    needed = ("on_headers_complete", "on_response_complete", "_unset_keepalive_if_required",
              "on_message_begin", "on_message_complete", "timeout_keep_alive_handler", "shutdown")
    return all(hasattr(HttpToolsProtocol, name) for name in needed)


def serve(app: FastAPI, host: str, port: int, **options: Any) -> None:
    """Run ``app`` under uvicorn with the SPARQL protocol (nothing logged per request)."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, http=protocol_for(app), **options)  # type: ignore[arg-type]

