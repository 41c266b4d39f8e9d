"""The SPARQL 1.1 Protocol at ``/sparql``: queries by GET, POST url-encoded or POST direct; results
by content negotiation (``Accept``, or ``?format=``); a service description for machines and a
YASGUI page for people at ``GET /sparql`` without a query; SPARQL Update only with the server's
token.

Every query runs in a bounded pool of threads with a time budget and a result-size limit
(``LEGAL_GRAPH_QUERY_TIMEOUT`` seconds, ``LEGAL_GRAPH_MAX_RESULT_BYTES`` of serialized results,
``LEGAL_GRAPH_SPARQL_WORKERS`` queries at once, ``LEGAL_GRAPH_SPARQL_BACKLOG`` more waiting
their turn within their own budget; under ``legal-graph serve`` as many keep-alive connections
may have a thread of their own besides, api/connection_threads.py): a runaway query gets a
problem-details error and the others keep being answered (Oxigraph evaluates without holding
the GIL). Oxigraph cannot cancel a query mid-operator, so a query past its budget may keep its
thread until the operator it is in yields a row; it still counts against the pool (or the
connection threads), so runaways cannot pile up unseen.

Queries and updates are answered by ``answer``: the FastAPI routes call it (they also document
the endpoint in OpenAPI), and so does ``SparqlFastPath``, an ASGI middleware that takes
``GET``/``POST /sparql`` before FastAPI's router, whose per-request cost is larger than a
one-hop query's.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import os
import queue
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs

import jinja2
import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from api.deps import get_store
from api.problems import problem
from graph import rdf
from graph.endpoint import ALIASES, RDF_TYPES, Limits, ResultTooLarge, media_types, run
from graph.store import GRAPH_TYPES, PREFIX_MAP, QuerySyntaxError, QueryTimeout, Store, StoreError

HERE = Path(__file__).resolve().parents[1]
QUERIES_DIR = HERE / "queries"
YASGUI_DIR = HERE / "static" / "yasgui"
YASGUI_FILES = {"yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css"}
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"

# ?format= values (what SPARQLWrapper and people type) → media type, per query form.
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "n3": (None, "text/turtle"),
    "nt": (None, "application/n-triples"),
    "ntriples": (None, "application/n-triples"),
    "n-triples": (None, "application/n-triples"),
    "jsonld": (None, "application/ld+json"),
    "json-ld": (None, "application/ld+json"),
    "rdfxml": (None, "application/rdf+xml"),
    "rdf": (None, "application/rdf+xml"),
    "trig": (None, "application/trig"),
    "nq": (None, "application/n-quads"),
    "nquads": (None, "application/n-quads"),
}
_SD_FORMATS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
    "application/trig": "TriG",
    "application/n-quads": "N-Quads",
}

router = APIRouter(tags=["sparql"])
T = TypeVar("T")


# ---------------------------------------------------------------------------------------------
# Configuration and the query pool


@dataclass(frozen=True)
class SparqlConfig:
    limits: Limits = Limits()
    workers: int = 8
    backlog: int = 64  # queries waiting for a worker before new ones get 503
    update_token: str | None = None
    max_query_bytes: int = 1 << 20
    max_update_bytes: int = 256 << 20

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SparqlConfig:
        env = os.environ if env is None else env

        def number(name: str, default: float, kind: type = float, zero: bool = False) -> Any:
            raw = env.get(name)
            if not raw:
                return default
            try:
                value = kind(raw)
            except ValueError:
                raise ValueError(f"{name}={raw!r} is not a {kind.__name__}") from None
            if value < 0 or (value == 0 and not zero):
                raise ValueError(f"{name}={raw!r} must be {'0 or more' if zero else 'positive'}")
            return value

        return cls(
            limits=Limits(
                timeout=number("LEGAL_GRAPH_QUERY_TIMEOUT", Limits.timeout),
                max_bytes=number("LEGAL_GRAPH_MAX_RESULT_BYTES", Limits.max_bytes, int),
            ),
            workers=number("LEGAL_GRAPH_SPARQL_WORKERS", 8, int),
            backlog=number("LEGAL_GRAPH_SPARQL_BACKLOG", 64, int, zero=True),
            update_token=env.get("LEGAL_GRAPH_UPDATE_TOKEN") or None,
        )


class Busy(Exception):
    """Every query thread is taken and the backlog is full."""


class QueryPool:
    """At most ``workers`` queries at once and ``backlog`` more waiting their turn (a burst of
    clients is queued, not refused), each awaited no longer than its budget, queueing included.

    Daemon threads, not a ThreadPoolExecutor: the executor's threads are joined at exit, so a
    runaway query would keep the server from stopping. A job's answer is delivered to a
    callback on the event loop (no concurrent.futures.Future, wrap_future or wait_for: the
    hand-off is on every request); ``run`` awaits it, ``submit`` is for callers without a
    coroutine (api/server.py answers a GET there)."""

    def __init__(self, config: SparqlConfig) -> None:
        self.config = config
        self._jobs: queue.SimpleQueue[Job] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self.running = 0
        for i in range(config.workers):
            threading.Thread(target=self._work, name=f"sparql-{i}", daemon=True).start()

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            result: Any = None
            error: BaseException | None = None
            try:
                if job.cancel.is_set():  # timed out or dropped while queued: skip, free its slot
                    continue
                try:
                    result = job.fn(job.cancel)
                except BaseException as e:  # handed to the request
                    error = e
            finally:
                with self._lock:
                    self.running -= 1
            with contextlib.suppress(RuntimeError):  # the loop is closed: the server stopped
                job.loop.call_soon_threadsafe(job.settle, result, error)

    def submit(self, fn: Callable[[threading.Event], T], timeout: float | None,
               deliver: Callable[[T | None, BaseException | None], None]) -> Job:
        """Queue ``fn`` (raise Busy when the backlog is full); ``deliver(result, error)`` is
        called once, on the running loop: with the answer, its error, or QueryTimeout."""
        with self._lock:
            if self.running >= self.config.workers + self.config.backlog:
                raise Busy
            self.running += 1
        job = Job(fn, asyncio.get_running_loop(), deliver)
        if timeout:
            job.timer = job.loop.call_later(timeout, job.expire, timeout)
        self._jobs.put(job)
        return job

    async def run(self, fn: Callable[[threading.Event], T], timeout: float | None) -> T:
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        job = self.submit(fn, timeout, lambda result, error: _resolve(future, result, error))
        try:
            return await future
        except BaseException:  # the request was dropped: stop the thread's query
            job.drop()
            raise


class Job:
    """One query handed to the pool: ``cancel`` stops it at the next chunk of results it
    writes; ``settle`` delivers its outcome once (the first of answer, timeout or drop wins)."""

    __slots__ = ("cancel", "deliver", "done", "fn", "loop", "timer")

    def __init__(self, fn: Callable[[threading.Event], Any], loop: asyncio.AbstractEventLoop,
                 deliver: Callable[[Any, BaseException | None], None]) -> None:
        self.fn, self.loop, self.deliver = fn, loop, deliver
        self.cancel = threading.Event()
        self.timer: asyncio.TimerHandle | None = None
        self.done = False

    def settle(self, result: Any, error: BaseException | None) -> None:
        if self.done:
            return
        self.drop()
        self.deliver(result, error)

    def expire(self, timeout: float) -> None:
        self.settle(None, timeout_error(timeout))

    def drop(self) -> None:
        """Nobody waits for the answer any more: stop the query, forget the deadline."""
        self.done = True
        self.cancel.set()
        if self.timer is not None:
            self.timer.cancel()


def timeout_error(timeout: float) -> QueryTimeout:
    return QueryTimeout(f"The query ran longer than the endpoint's limit of {timeout:g} s.")


def _resolve(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.done():  # the request was cancelled
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


def _pool(request: Request) -> QueryPool:
    return pool_of(request.app.state)


def pool_of(state: Any) -> QueryPool:
    """The app's query pool, made on first use."""
    pool: QueryPool | None = getattr(state, "sparql_pool", None)
    if pool is None:
        pool = state.sparql_pool = QueryPool(getattr(state, "sparql_config", None)
                                             or SparqlConfig.from_env())
    return pool


def _store(request: Request) -> Store:
    # The open store as is; get_store (called inside the handler, so its errors become
    # problems) opens it on first use and attaches the API's read model, which SPARQL skips.
    store: Store | None = getattr(request.app.state, "store", None)
    return store if store is not None else get_store(request)


# ---------------------------------------------------------------------------------------------
# Problems (RFC 9457)


class Problem(Exception):
    def __init__(self, status: int, slug: str, title: str, detail: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.slug, self.title, self.detail = status, slug, title, detail
        self.headers = headers or {}

    def response(self, request: Request) -> JSONResponse:
        out = problem(request, self.status, self.slug, self.title, self.detail)
        out.headers.update(self.headers)
        return out


def problem_for(e: Exception) -> Problem:
    if isinstance(e, Problem):
        return e
    if isinstance(e, QuerySyntaxError):
        return Problem(400, "malformed-query", "Malformed SPARQL", str(e))
    if isinstance(e, ResultTooLarge):
        return Problem(400, "result-too-large", "Result too large", str(e))
    if isinstance(e, QueryTimeout):
        return Problem(504, "query-timeout", "Query timeout", str(e))
    if isinstance(e, Busy):
        return Problem(503, "busy", "Endpoint busy",
                       "Every query slot is taken; retry in a moment.", {"Retry-After": "1"})
    if isinstance(e, StoreError):
        return Problem(503, "store-unavailable", "The store cannot answer", str(e))
    raise e


def _bad_parameter(name: str, detail: str) -> Problem:
    return Problem(400, "bad-parameter", f"Bad parameter: {name}", detail)


# ---------------------------------------------------------------------------------------------
# Content negotiation


def _accept(header: str) -> list[tuple[str, float]]:
    """(media range, q) pairs of an Accept header."""
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        out.append((ALIASES.get(media, media), q))
    return out


@lru_cache(maxsize=256)  # clients send the same few Accept headers: negotiate once per header
def negotiate(header: str | None, offered: Sequence[str]) -> str | None:
    """The offered type the Accept header likes best (ties: the server's order), or None."""
    if not header:
        return offered[0]
    ranges = _accept(header)
    best, best_q = None, 0.0
    for media in offered:
        kind = media.split("/")[0]
        q = None
        for rng, rq in ranges:
            specificity = 2 if rng == media else 1 if rng == kind + "/*" else 0 if rng == "*/*" else -1
            if specificity < 0:
                continue
            if q is None or specificity > q[0]:
                q = (specificity, rq)
        if q is not None and q[1] > best_q:
            best, best_q = media, q[1]
    return best


@lru_cache(maxsize=256)  # pure; a bad format raises, and errors are not cached
def _chooser(accept: str | None, fmt: str | None) -> Callable[[str], str]:
    """A function: query form → media type to write, or a 406 problem."""
    forced: tuple[str | None, str | None] | None = None
    if fmt:
        name = fmt.strip().lower()
        if name in FORMAT_NAMES:
            forced = FORMAT_NAMES[name]
        else:
            media = ALIASES.get(name, name)
            if media in media_types("select"):
                forced = (media, None)
            elif media in RDF_TYPES:
                forced = (None, media)
            else:
                raise _bad_parameter(
                    "format", f"Unknown format {fmt!r}; use one of {', '.join(FORMAT_NAMES)} "
                    "or a media type.")

    def choose(form: str) -> str:
        offered = media_types(form)
        if forced is not None:
            media = forced[1] if form == "graph" else forced[0]
            if media is None:
                raise Problem(406, "not-acceptable", "Not acceptable",
                              f"format={fmt} cannot express a {form.upper()} result; "
                              f"use one of {', '.join(offered)}.")
            return media
        media = negotiate(accept, offered)
        if media is None:
            raise Problem(406, "not-acceptable", "Not acceptable",
                          f"None of the accepted types ({accept}) can express a "
                          f"{form.upper()} result; this endpoint writes {', '.join(offered)}.")
        return media

    return choose


def _content_type(media: str) -> str:
    return f"{media}; charset=utf-8" if media.startswith("text/") or "json" in media else media


class Results(Response):
    """200 with the serialized results: Response's headers, built without its generic code."""

    def __init__(self, body: bytes, media: str) -> None:
        self.status_code, self.body, self.background = 200, body, None
        self.raw_headers = [*_result_headers(media), (b"content-length", b"%d" % len(body))]


@lru_cache(maxsize=32)
def _result_headers(media: str) -> tuple[tuple[bytes, bytes], ...]:
    return ((b"content-type", _content_type(media).encode("latin-1")), (b"vary", b"Accept"))


# ---------------------------------------------------------------------------------------------
# Requests


@dataclass
class _Call:
    query: str | None = None
    update: str | None = None
    default_graphs: Sequence[str] = ()
    named_graphs: Sequence[str] = ()
    fmt: str | None = None


def _one(params: Mapping[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise _bad_parameter(name, f"Give {name} once; it was given {len(values)} times.")
    return values[0] if values else None


def _call_from(params: Mapping[str, list[str]], body_query: str | None = None,
               body_update: str | None = None) -> _Call:
    call = _Call(
        query=body_query if body_query is not None else _one(params, "query"),
        update=body_update if body_update is not None else _one(params, "update"),
        default_graphs=params.get("default-graph-uri", []),
        named_graphs=params.get("named-graph-uri", []),
        fmt=_one(params, "format"),
    )
    if call.query is not None and call.update is not None:
        raise _bad_parameter("query", "Give either query or update, not both.")
    if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
        raise _bad_parameter("using-graph-uri",
                             "using-graph-uri / using-named-graph-uri are not supported; "
                             "use USING / USING NAMED in the update.")
    for name in ("query", "update"):
        text = getattr(call, name)
        if text is not None and not text.strip():
            raise _bad_parameter(name, f"The {name} is empty.")
    for name, iris in (("default-graph-uri", call.default_graphs),
                       ("named-graph-uri", call.named_graphs)):
        for iri in iris:
            try:
                ox.NamedNode(iri)
            except ValueError as e:
                raise _bad_parameter(name, f"{iri!r} is not an IRI ({e}).") from None
    return call


def _query_params(request: Request) -> dict[str, list[str]]:
    # What Starlette's request.query_params parses, without building it.
    return parse_qs(request.scope["query_string"].decode("latin-1"), keep_blank_values=True)


async def _body(request: Request, limit: int) -> str:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise Problem(413, "too-large", "Request too large",
                      f"The request body has {length} bytes; the limit is {limit}.")
    raw = await request.body()
    if len(raw) > limit:
        raise Problem(413, "too-large", "Request too large",
                      f"The request body has {len(raw)} bytes; the limit is {limit}.")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Problem(400, "bad-encoding", "Bad encoding",
                      f"The request body is not UTF-8 (byte {e.start}).") from None


# ---------------------------------------------------------------------------------------------
# Routes

_OPENAPI_PARAMS = {
    "parameters": [
        {"name": "query", "in": "query", "schema": {"type": "string"},
         "description": "A SPARQL 1.1 query. Without it: the service description (RDF) or, "
                        "for a browser, the YASGUI query page."},
        {"name": "default-graph-uri", "in": "query", "schema": {"type": "array",
         "items": {"type": "string"}}, "description": "Graphs forming the default graph "
         "(default: the union of all graphs)."},
        {"name": "named-graph-uri", "in": "query", "schema": {"type": "array",
         "items": {"type": "string"}}},
        {"name": "format", "in": "query", "schema": {"type": "string"},
         "description": "Override of Accept: json, xml, csv, tsv, turtle, nt, jsonld, "
                        "rdfxml, trig, nq, or a media type."},
    ]
}


@router.get("/sparql", summary="SPARQL 1.1 query (GET)", openapi_extra=_OPENAPI_PARAMS,
            response_class=Response)
async def sparql_get(request: Request) -> Response:
    """SPARQL 1.1 Protocol query via GET. Results as SPARQL JSON / XML / CSV / TSV (SELECT, ASK)
    or Turtle / N-Triples / JSON-LD / RDF/XML / TriG / N-Quads (CONSTRUCT, DESCRIBE)."""
    response = await answer(request)
    return response if response is not None else await _describe(request)


@router.post("/sparql", summary="SPARQL 1.1 query or update (POST)", response_class=Response,
             openapi_extra={"requestBody": {"content": {
                 "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                     "query": {"type": "string"}, "update": {"type": "string"}}}},
                 "application/sparql-query": {"schema": {"type": "string"}},
                 "application/sparql-update": {"schema": {"type": "string"}}}}})
async def sparql_post(request: Request) -> Response:
    """SPARQL 1.1 Protocol: a query (url-encoded ``query=`` or ``application/sparql-query``) or,
    with ``Authorization: Bearer <token>`` on a server started with LEGAL_GRAPH_UPDATE_TOKEN,
    an update (``update=`` or ``application/sparql-update``; 204 on success)."""
    response = await answer(request)
    assert response is not None  # only a GET without a query is left to the caller
    return response


async def answer(request: Request) -> Response | None:
    """The response to a SPARQL Protocol request (errors as problem details), or None for a
    GET without a query (the service description or the YASGUI page: ``_describe``)."""
    try:
        params = _query_params(request)
        if request.method == "GET":
            call = get_call(params)
            if call.query is None:
                return None
            return await _query(request, call)
        ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        limit = _pool(request).config.max_update_bytes
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(await _body(request, limit), keep_blank_values=True)
            call = _call_from({**params, **form})
        elif ctype == "application/sparql-query":
            call = _call_from(params, body_query=await _body(request, limit))
        elif ctype == "application/sparql-update":
            call = _call_from(params, body_update=await _body(request, limit))
        else:
            raise Problem(415, "unsupported-media-type", "Unsupported media type",
                          f"POST needs application/x-www-form-urlencoded, "
                          f"application/sparql-query or application/sparql-update, "
                          f"not {ctype or 'no Content-Type'}.")
        if call.update is not None:
            return await _update(request, call.update)
        if call.query is None:
            raise _bad_parameter("query", "POST needs a query= or update= parameter.")
        return await _query(request, call)
    except Exception as e:
        return problem_for(e).response(request)


class SparqlFastPath:
    """ASGI middleware: ``GET`` and ``POST /sparql`` answered by ``answer`` before FastAPI's
    router, dependency injection and request objects, which cost more than a one-hop query
    (the routes above stay for the OpenAPI description and serve what is left: the service
    description and the YASGUI page). Same code, so the same protocol, errors and limits."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/sparql" and \
                scope["method"] in ("GET", "POST"):
            request = Request(scope, receive)
            response = await answer(request)
            if response is not None:
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


@router.get("/sparql/{name}", include_in_schema=False)
async def yasgui_asset(request: Request, name: str) -> Response:
    path = YASGUI_DIR / name
    if name not in YASGUI_FILES or not path.is_file():
        return Problem(404, "not-found", "Not found",
                       f"{name} is not vendored; run `make install`.").response(request)
    return FileResponse(path, media_type=YASGUI_FILES[name],
                        headers={"Cache-Control": "public, max-age=86400"})


def get_call(params: Mapping[str, list[str]]) -> _Call:
    """The call a GET asks for (its ``query`` is None when it asks for none)."""
    if params.get("update"):
        raise Problem(405, "update-needs-post", "Update needs POST",
                      "SPARQL Update must be sent with POST (update= or "
                      "application/sparql-update).", {"Allow": "POST"})
    return _call_from(params)


def query_work(config: SparqlConfig, store: Store, call: _Call, accept: str | None
               ) -> Callable[[threading.Event], tuple[bytes, str]]:
    """What a pool thread runs for ``call``: the serialized results and their media type."""
    query = call.query
    assert query is not None
    if len(query.encode("utf-8")) > config.max_query_bytes:
        raise Problem(413, "too-large", "Query too large",
                      f"The query is longer than {config.max_query_bytes} bytes.")
    choose = _chooser(accept, call.fmt)

    def work(cancel: threading.Event) -> tuple[bytes, str]:
        return run(store, query, config.limits, choose, cancel, call.default_graphs,
                   call.named_graphs)

    return work


async def _query(request: Request, call: _Call) -> Response:
    pool = _pool(request)
    work = query_work(pool.config, _store(request), call, request.headers.get("accept"))
    body, media = await pool.run(work, pool.config.limits.timeout)
    return Results(body, media)


async def _update(request: Request, text: str) -> Response:
    pool = _pool(request)
    token = pool.config.update_token
    if not token:
        raise Problem(403, "updates-disabled", "Updates disabled",
                      "This endpoint is read-only: start the server with "
                      "LEGAL_GRAPH_UPDATE_TOKEN to accept SPARQL Update.")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(),
                                                              token.encode()):
        raise Problem(403, "forbidden", "Forbidden",
                      "SPARQL Update needs the header `Authorization: Bearer <token>` with "
                      "the server's update token.", {"WWW-Authenticate": "Bearer"})
    store = _store(request)
    await pool.run(lambda cancel: store.update(text), None)
    return Response(status_code=204)


# ---------------------------------------------------------------------------------------------
# Service description and the YASGUI page


@dataclass(frozen=True)
class ExampleQuery:
    name: str  # the tab's label
    title: str
    text: str


@lru_cache(maxsize=1)
def example_queries() -> tuple[ExampleQuery, ...]:
    """The README's example queries (api/queries/*.rq; the first comment line is the title)."""
    out = []
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        text = path.read_text("utf-8")
        first = text.splitlines()[0] if text else ""
        title = first.lstrip("# ").strip() if first.startswith("#") else path.stem
        short = path.stem.split("-", 1)[-1].replace("-", " ")  # 1-implements-57 → implements 57
        out.append(ExampleQuery(short, title, text))
    return tuple(out)


def service_description(endpoint: str, update: bool, triples: int | None) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of this endpoint."""
    N, L = ox.NamedNode, ox.Literal
    a = N("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    service, dataset, default = N(endpoint), ox.BlankNode("dataset"), ox.BlankNode("default")
    out = [
        ox.Triple(service, a, N(SD + "Service")),
        ox.Triple(service, N(SD + "endpoint"), service),
        ox.Triple(service, N("http://purl.org/dc/terms/title"),
                  L("legal-graph: links between Vietnamese legal documents", language="en")),
        ox.Triple(service, N(SD + "supportedLanguage"), N(SD + "SPARQL11Query")),
        ox.Triple(service, N(SD + "feature"), N(SD + "UnionDefaultGraph")),
        ox.Triple(service, N(SD + "defaultEntailmentRegime"),
                  N("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, N(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, a, N(SD + "Dataset")),
        ox.Triple(dataset, N(SD + "defaultGraph"), default),
        ox.Triple(default, a, N(SD + "Graph")),
    ]
    if update:
        out.append(ox.Triple(service, N(SD + "supportedLanguage"), N(SD + "SPARQL11Update")))
    out += [ox.Triple(service, N(SD + "resultFormat"), N(FORMATS + name))
            for name in _SD_FORMATS.values()]
    if triples is not None:
        out.append(ox.Triple(default, N(VOID + "triples"), L(str(triples), datatype=N(
            "http://www.w3.org/2001/XMLSchema#integer"))))
    for i, graph in enumerate((rdf.META_GRAPH, rdf.DERIVED_GRAPH, rdf.ONTOLOGY_GRAPH)):
        node = ox.BlankNode(f"graph{i}")
        out += [ox.Triple(dataset, N(SD + "namedGraph"), node),
                ox.Triple(node, a, N(SD + "NamedGraph")),
                ox.Triple(node, N(SD + "name"), N(graph))]
    # Grouped by subject, so Turtle writes each node once.
    order = {str(t.subject): i for i, t in reversed(list(enumerate(out)))}
    return sorted(out, key=lambda t: order[str(t.subject)])


_templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True
)


async def _describe(request: Request) -> Response:
    """GET /sparql without a query: YASGUI for browsers, the service description otherwise."""
    try:
        return await _description(request, _one(_query_params(request), "format"))
    except Exception as e:
        return problem_for(e).response(request)


async def _description(request: Request, fmt: str | None) -> Response:
    accept = request.headers.get("accept")
    wants_html = (fmt or "").lower() == "html" or (
        not fmt and negotiate(accept, ("text/html", *RDF_TYPES)) == "text/html"
        and accept is not None and "html" in accept
    )
    endpoint = str(request.url.replace(query=""))
    config = _pool(request).config
    if wants_html:
        html = _templates.get_template("sparql.html").render(
            endpoint=endpoint,
            queries=[q.__dict__ for q in example_queries()],
            yasgui=all((YASGUI_DIR / n).is_file() for n in YASGUI_FILES),
            base=str(request.url.path).rstrip("/"),
        )
        return HTMLResponse(html)
    media = _chooser(accept, fmt if fmt and fmt.lower() != "html" else None)("graph")
    store = _store(request)
    triples = await _pool(request).run(lambda cancel: store.count(), config.limits.timeout)
    graph = service_description(endpoint, bool(config.update_token), triples)
    fmt_ = GRAPH_TYPES[media]
    prefixes = {"sd": SD, "formats": FORMATS, "void": VOID, **PREFIX_MAP}
    body = ox.serialize(graph, format=fmt_,
                        prefixes=prefixes if fmt_ in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
                        else None)
    return Response(bytes(body or b""), headers={"Content-Type": _content_type(media),
                                                 "Vary": "Accept"})
