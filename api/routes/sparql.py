"""The SPARQL 1.1 Protocol at ``/sparql``: queries by GET, POST url-encoded or POST direct; results
by content negotiation (``Accept``, or ``?format=``); a service description for machines and a
YASGUI page for people at ``GET /sparql`` without a query; SPARQL Update only with the server's
token.

A query is checked first (graph/sparql_guard.py: size, nesting depth, SERVICE) and then
evaluated in a worker process (graph/sparql_pool.py), never in the server: a query that runs
away, crashes the engine or grows without bound costs its worker, not the server. A request
body is read only up to its limit. Updates (token only) run on the server's store; the next
query sees them.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qs

import jinja2
import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from api import deps
from api.deps import sparql_pool
from api.problems import responses
from graph import rdf
from graph.config import Settings
from graph.endpoint import ALIASES, RDF_TYPES, SOLUTION_TYPES, media_types
from graph.errors import Problem
from graph.sparql_guard import QueryLimits, check
from graph.sparql_pool import IsolatedPool
from graph.store import GRAPH_TYPES, PREFIX_MAP, Store

HERE = Path(__file__).resolve().parents[1]
QUERIES_DIR = HERE / "queries"
YASGUI_DIR = HERE / "static" / "yasgui"
YASGUI_FILES = {"yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css"}
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
FORMS = ("select", "ask", "graph")

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


class _RequestRoute(APIRoute):
    """A route whose endpoint takes the Request and makes its Response itself: no dependencies
    resolved, no parameters validated (measured in the app: 120 µs a query before, 65-80 µs
    after), through FastAPI's hook for a custom route class (``get_route_handler``), and its
    ``handle`` calls the endpoint without FastAPI's per-request exit stacks (no dependencies to
    close) or a second exception wrapper (the app's exception middleware renders a Problem the
    same way): 5 µs less. The routes are still declared and documented (OpenAPI) by FastAPI,
    behind the app's middleware."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        return cast(Callable[[Request], Coroutine[Any, Any, Response]], self.endpoint)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in (self.methods or ()):
            await super().handle(scope, receive, send)  # 405
            return
        response = await self.endpoint(Request(scope, receive, send))
        await response(scope, receive, send)


router = APIRouter(tags=["sparql"], route_class=_RequestRoute)


class TooLarge(Problem):
    status, kind, title = 413, "too-large", "Request too large"


def _bad_parameter(name: str, detail: str) -> Problem:
    return Problem(detail, status=400, kind="bad-parameter", title=f"Bad parameter: {name}",
                   param=name)  # fmt: skip


def _not_acceptable(detail: str) -> Problem:
    return Problem(detail, status=406, kind="not-acceptable", title="Not acceptable")


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
            specificity = (
                2 if rng == media else 1 if rng == kind + "/*" else 0 if rng == "*/*" else -1
            )
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
                    "format",
                    f"Unknown format {fmt!r}; use one of {', '.join(FORMAT_NAMES)} "
                    "or a media type.",
                )

    def choose(form: str) -> str:
        offered = media_types(form)
        if forced is not None:
            media = forced[1] if form == "graph" else forced[0]
            if media is None:
                raise _not_acceptable(
                    f"format={fmt} cannot express a {form.upper()} result; "
                    f"use one of {', '.join(offered)}."
                )
            return media
        media = negotiate(accept, offered)
        if media is None:
            raise _not_acceptable(
                f"None of the accepted types ({accept}) can express a "
                f"{form.upper()} result; this endpoint writes "
                f"{', '.join(offered)}."
            )
        return media

    return choose


def _content_type(media: str) -> str:
    return f"{media}; charset=utf-8" if media.startswith("text/") or "json" in media else media


@lru_cache(maxsize=256)  # read only; a bad format raises, and errors are not cached
def _media_by_form(accept: str | None, fmt: str | None) -> Mapping[str, str | Problem]:
    """Per result form, the media type to write, or the 406 to answer when that form comes out
    (the form is known only once the worker has parsed the query)."""
    choose = _chooser(accept, fmt)
    out: dict[str, str | Problem] = {}
    for form in FORMS:
        try:
            out[form] = choose(form)
        except Problem as e:
            out[form] = e
    return out


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
               body_update: str | None = None) -> _Call:  # fmt: skip
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
                             "use USING / USING NAMED in the update.")  # fmt: skip
    for name in ("query", "update"):
        text = getattr(call, name)
        if text is not None and not text.strip():
            raise _bad_parameter(name, f"The {name} is empty.")
    for name, iris in (("default-graph-uri", call.default_graphs),
                       ("named-graph-uri", call.named_graphs)):  # fmt: skip
        for iri in iris:
            try:
                ox.NamedNode(iri)
            except ValueError as e:
                raise _bad_parameter(name, f"{iri!r} is not an IRI ({e}).") from None
    return call


_ESCAPE = re.compile(rb"%([0-9A-Fa-f]{2})")


def _unquote(data: bytes) -> str:
    """``urllib.parse.unquote_plus`` of a query string's part (UTF-8, bad bytes replaced), its
    escapes decoded at once in C (``bytes.fromhex``): a SPARQL query in a URL is mostly escapes,
    which urllib decodes one by one in Python (a 400-byte query: 35 µs instead of 58)."""
    pieces = _ESCAPE.split(data.replace(b"+", b" "))
    if len(pieces) > 1:
        decoded = memoryview(bytes.fromhex(b"".join(pieces[1::2]).decode("ascii")))
        pieces[1::2] = decoded.cast("c").tolist()  # one-byte bytes, one per escape
    return b"".join(pieces).decode("utf-8", "replace")


def query_params(query_string: bytes) -> dict[str, list[str]]:
    """A query string's parameters, as ``urllib.parse.parse_qs(..., keep_blank_values=True)``
    gives them (tests/test_sparql_endpoint.py compares the two)."""
    params: dict[str, list[str]] = {}
    for field in query_string.split(b"&"):
        if field:
            name, _, value = field.partition(b"=")
            params.setdefault(_unquote(name), []).append(_unquote(value))
    return params


def _has_token(request: Request, token: str | None) -> bool:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(
        value.strip().encode(), (token or "").encode())  # fmt: skip


async def _body(request: Request, limit: int, setting: str) -> str:
    """The body as text, read no further than ``limit`` bytes: a larger one is refused from its
    Content-Length before any is read, or as soon as the bytes read pass the limit."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise TooLarge(f"The request body has {length} bytes; the endpoint's limit is {limit} "
                       f"({setting}).", limit=limit)  # fmt: skip
    parts, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"The request body is larger than the endpoint's limit of {limit} "
                           f"bytes ({setting}).", limit=limit)  # fmt: skip
        parts.append(chunk)
    try:
        return b"".join(parts).decode("utf-8")
    except UnicodeDecodeError as e:
        raise Problem(f"The request body is not UTF-8 (byte {e.start}).", status=400,
                      kind="bad-encoding", title="Bad encoding") from None  # fmt: skip


def _query_limits(settings: Settings) -> QueryLimits:
    return _limits(settings.sparql_max_query_bytes, settings.sparql_max_depth, settings.services)


_limits = lru_cache(maxsize=8)(QueryLimits)  # the same few settings for every query


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
}  # fmt: skip


# What /sparql answers: results in every format it writes, the service description, YASGUI
_ANSWERS = {
    "description": "Results (SELECT, ASK: SPARQL JSON / XML, CSV, TSV), a graph "
    "(CONSTRUCT, DESCRIBE, and the service description without a query) or YASGUI "
    "for a browser",
    "content": {m: {} for m in (*SOLUTION_TYPES, *RDF_TYPES, "text/html")},
}
_PROBLEMS = (400, 403, 406, 413, 500, 503, 504, 507)


@router.get("/sparql", summary="SPARQL 1.1 query (GET)", openapi_extra=_OPENAPI_PARAMS,
            response_class=Response,
            responses={200: _ANSWERS, **responses(*_PROBLEMS, 405)})  # fmt: skip
async def sparql_get(request: Request) -> Response:
    """SPARQL 1.1 Protocol query via GET. Results as SPARQL JSON / XML / CSV / TSV (SELECT, ASK)
    or Turtle / N-Triples / JSON-LD / RDF/XML / TriG / N-Quads (CONSTRUCT, DESCRIBE)."""
    # the app's state read directly: FastAPI's dependency resolution costs more than a lookup
    settings, store = request.app.state.settings, request.app.state.store
    params = query_params(request.scope["query_string"])
    if params.get("update"):
        raise Problem("SPARQL Update must be sent with POST (update= or "
                      "application/sparql-update).", status=405, kind="update-needs-post",
                      title="Update needs POST", headers={"Allow": "POST"})  # fmt: skip
    call = _call_from(params)
    if call.query is None:
        return await _describe(request, settings, store, call.fmt)
    return await _query(request, settings, call)


@router.post("/sparql", summary="SPARQL 1.1 query or update (POST)", response_class=Response,
             responses={200: _ANSWERS, 204: {"description": "The update was applied"},
                        **responses(*_PROBLEMS, 415)},
             openapi_extra={"requestBody": {"content": {
                 "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                     "query": {"type": "string"}, "update": {"type": "string"}}}},
                 "application/sparql-query": {"schema": {"type": "string"}},
                 "application/sparql-update": {"schema": {"type": "string"}}}}})  # fmt: skip
async def sparql_post(request: Request) -> Response:
    """SPARQL 1.1 Protocol: a query (url-encoded ``query=`` or ``application/sparql-query``) or,
    with ``Authorization: Bearer <token>`` on a server started with LEGAL_GRAPH_UPDATE_TOKEN,
    an update (``update=`` or ``application/sparql-update``; 204 on success)."""
    settings, store = request.app.state.settings, request.app.state.store
    params = query_params(request.scope["query_string"])
    ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    # only the update token opens the larger limit: a body is not read past the one that applies
    limit = ((settings.sparql_max_update_bytes, "LEGAL_GRAPH_SPARQL_MAX_UPDATE_BYTES")
             if _has_token(request, settings.update_token)
             else (settings.sparql_max_query_bytes, "LEGAL_GRAPH_SPARQL_MAX_QUERY_BYTES"))  # fmt: skip
    if ctype == "application/x-www-form-urlencoded":
        form = parse_qs(await _body(request, *limit), keep_blank_values=True)
        call = _call_from({**params, **form})
    elif ctype == "application/sparql-query":
        call = _call_from(params, body_query=await _body(request, *limit))
    elif ctype == "application/sparql-update":
        _authorize(request, settings)
        call = _call_from(params, body_update=await _body(request, *limit))
    else:
        raise Problem(f"POST needs application/x-www-form-urlencoded, application/sparql-query "
                      f"or application/sparql-update, not {ctype or 'no Content-Type'}.",
                      status=415, kind="unsupported-media-type",
                      title="Unsupported media type")  # fmt: skip
    if call.update is not None:
        _authorize(request, settings)
        check(call.update, QueryLimits(settings.sparql_max_update_bytes,
                                       settings.sparql_max_depth, settings.services), "update")  # fmt: skip
        await run_in_threadpool(deps.locked, request.app, store.update, call.update)
        return Response(status_code=204)
    if call.query is None:
        raise _bad_parameter("query", "POST needs a query= or update= parameter.")
    return await _query(request, settings, call)


async def _query(request: Request, settings: Settings, call: _Call) -> Response:
    assert call.query is not None
    check(call.query, _query_limits(settings))
    media = _media_by_form(request.headers.get("accept"), call.fmt)
    pool = request.app.state.sparql_pool
    if pool is None:  # an app run without its lifespan: a pool for this query (api/deps.py)
        async with sparql_pool(request) as pool:
            return await _results(pool, call, media)
    return await _results(pool, call, media)


async def _results(pool: IsolatedPool, call: _Call, media: Mapping[str, str | Problem]
                   ) -> Response:  # fmt: skip
    assert call.query is not None
    body, chosen = await pool.evaluate(call.query, media, call.default_graphs, call.named_graphs)
    return _Results(body, chosen)


class _Results(Response):
    """Results as the worker wrote them, their headers made once per media type."""

    def __init__(self, body: bytes, media: str) -> None:
        self.status_code, self.body, self.background = 200, body, None
        self.raw_headers = [*_results_headers(media), (b"content-length", b"%d" % len(body))]


@lru_cache(maxsize=32)
def _results_headers(media: str) -> tuple[tuple[bytes, bytes], ...]:
    return (b"content-type", _content_type(media).encode("latin-1")), (b"vary", b"Accept")


def _authorize(request: Request, settings: Settings) -> None:
    if not settings.update_token:
        raise Problem("This endpoint is read-only: start the server with "
                      "LEGAL_GRAPH_UPDATE_TOKEN to accept SPARQL Update.", status=403,
                      kind="updates-disabled", title="Updates disabled")  # fmt: skip
    if not _has_token(request, settings.update_token):
        raise Problem("SPARQL Update needs the header `Authorization: Bearer <token>` with the "
                      "server's update token.", status=403, kind="forbidden", title="Forbidden",
                      headers={"WWW-Authenticate": "Bearer"})  # fmt: skip


@router.get("/sparql/{name}", include_in_schema=False)
async def yasgui_asset(request: Request) -> Response:
    name = request.path_params["name"]
    path = YASGUI_DIR / name
    if name not in YASGUI_FILES or not path.is_file():
        raise Problem(f"{name} is not vendored; run `make install`.", status=404,
                      kind="not-found", title="Not found")  # fmt: skip
    return FileResponse(path, media_type=YASGUI_FILES[name],
                        headers={"Cache-Control": "public, max-age=86400"})  # fmt: skip


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
        ox.Triple(
            service,
            N("http://purl.org/dc/terms/title"),
            L("legal-graph: links between Vietnamese legal documents", language="en"),
        ),
        ox.Triple(service, N(SD + "supportedLanguage"), N(SD + "SPARQL11Query")),
        ox.Triple(service, N(SD + "feature"), N(SD + "UnionDefaultGraph")),
        ox.Triple(
            service, N(SD + "defaultEntailmentRegime"), N("http://www.w3.org/ns/entailment/Simple")
        ),
        ox.Triple(service, N(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, a, N(SD + "Dataset")),
        ox.Triple(dataset, N(SD + "defaultGraph"), default),
        ox.Triple(default, a, N(SD + "Graph")),
    ]
    if update:
        out.append(ox.Triple(service, N(SD + "supportedLanguage"), N(SD + "SPARQL11Update")))
    out += [
        ox.Triple(service, N(SD + "resultFormat"), N(FORMATS + name))
        for name in _SD_FORMATS.values()
    ]
    if triples is not None:
        out.append(
            ox.Triple(
                default,
                N(VOID + "triples"),
                L(str(triples), datatype=N("http://www.w3.org/2001/XMLSchema#integer")),
            )
        )
    for i, graph in enumerate((rdf.META_GRAPH, rdf.DERIVED_GRAPH, rdf.ONTOLOGY_GRAPH)):
        node = ox.BlankNode(f"graph{i}")
        out += [
            ox.Triple(dataset, N(SD + "namedGraph"), node),
            ox.Triple(node, a, N(SD + "NamedGraph")),
            ox.Triple(node, N(SD + "name"), N(graph)),
        ]
    # Grouped by subject, so Turtle writes each node once.
    order = {str(t.subject): i for i, t in reversed(list(enumerate(out)))}
    return sorted(out, key=lambda t: order[str(t.subject)])


_templates = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)


async def _describe(request: Request, settings: Settings, store: Store, fmt: str | None
                    ) -> Response:  # fmt: skip
    """GET /sparql without a query: YASGUI for browsers, the service description otherwise."""
    accept = request.headers.get("accept")
    wants_html = (fmt or "").lower() == "html" or (
        not fmt
        and negotiate(accept, ("text/html", *RDF_TYPES)) == "text/html"
        and accept is not None
        and "html" in accept
    )
    endpoint = str(request.url.replace(query=""))
    if wants_html:
        html = _templates.get_template("sparql.html").render(
            endpoint=endpoint,
            queries=[q.__dict__ for q in example_queries()],
            yasgui=all((YASGUI_DIR / n).is_file() for n in YASGUI_FILES),
            base=str(request.url.path).rstrip("/"),
        )
        return HTMLResponse(html)
    media = _chooser(accept, fmt if fmt and fmt.lower() != "html" else None)("graph")
    triples = await run_in_threadpool(store.count)
    graph = service_description(endpoint, bool(settings.update_token), triples)
    fmt_ = GRAPH_TYPES[media]
    prefixes = {"sd": SD, "formats": FORMATS, "void": VOID, **PREFIX_MAP}
    body = ox.serialize(graph, format=fmt_,
                        prefixes=prefixes if fmt_ in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
                        else None)  # fmt: skip
    return Response(bytes(body or b""), headers={"Content-Type": _content_type(media),
                                                 "Vary": "Accept"})  # fmt: skip
