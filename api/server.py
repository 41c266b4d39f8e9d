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

It uses uvicorn's per-connection state (``cycle``, ``pipeline``, ``on_response_complete``), which
is not a public API: ``protocol_for`` returns uvicorn's own protocol when that state is not
there; tests/test_server_protocol.py checks that GETs skip the ASGI app and answer like it, and
the other SPARQL tests run against ``legal-graph serve``.
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar
from urllib.parse import parse_qs

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response

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
            url = httptools.parse_url(self.url)
            state = self.api.state
            store = getattr(state, "store", None)
            if url.path != b"/sparql" or not url.query or store is None:
                return False  # the service description, the YASGUI page, or opening the store
            params = parse_qs(url.query.decode("latin-1"), keep_blank_values=True)
            if "query" not in params and "update" not in params:
                return False
            cycle = _Cycle(self.parser.should_keep_alive(), self.tasks)
            self.cycle = cycle  # type: ignore[assignment]
            try:
                call = sparql.get_call(params)
                pool = sparql.pool_of(state)
                accept = next((v.decode("latin-1") for n, v in self.headers if n == b"accept"),
                              None)
                work = sparql.query_work(pool.config, store, call, accept)
                cycle.job = pool.submit(work, pool.config.limits.timeout,
                                        lambda result, error: self._deliver(cycle, result, error))
            except Exception as e:
                self._reply(cycle, self._problem(e))
            return True

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

        def _reply(self, cycle: _Cycle, response: Response) -> None:
            cycle.finish()
            if cycle.disconnected or self.transport.is_closing():
                return
            head = [STATUS_LINE[response.status_code]]
            for name, value in (*self.server_state.default_headers, *response.raw_headers):
                head += [name, b": ", value, b"\r\n"]
            if not cycle.keep_alive:
                head.append(b"connection: close\r\n")
            head.append(b"\r\n")
            self.transport.writelines([b"".join(head), bytes(response.body)])
            cycle.response_complete = True
            if not cycle.keep_alive:
                self.transport.close()
            self.on_response_complete()


def protocol_for(app: FastAPI) -> type[asyncio.Protocol] | str:
    """The HTTP protocol for uvicorn to serve ``app`` with: SparqlHttpProtocol bound to it, or
    "auto" when this uvicorn's protocol is not the one it was written against."""
    if HttpToolsProtocol is None or not _compatible():
        return "auto"
    return type("SparqlHttpProtocol", (SparqlHttpProtocol,), {"api": app})


def _compatible() -> bool:
    needed = ("on_headers_complete", "on_response_complete", "_unset_keepalive_if_required")
    return all(hasattr(HttpToolsProtocol, name) for name in needed)


def serve(app: FastAPI, host: str, port: int, **options: Any) -> None:
    """Run ``app`` under uvicorn with the SPARQL protocol (nothing logged per request)."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, http=protocol_for(app), **options)  # type: ignore[arg-type]

