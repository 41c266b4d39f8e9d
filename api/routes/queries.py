"""/api/resolve, /api/lineage, /api/impact, /api/paths, /api/coverage, /api/timeline.

Each route parses its parameters, calls one function of graph/query.py or graph/resolve.py and
returns its result as a schema. A ``doc`` parameter takes a key or anything ``resolve`` reads
("57-NQ/TW", "Nghị quyết 57"); several fitting documents are a 409 listing them.
"""

from __future__ import annotations

import inspect
import os
from enum import StrEnum
from typing import Annotated, Any, get_type_hints
from urllib.parse import parse_qsl

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, create_model
from starlette.types import ASGIApp, Receive, Scope, Send

from api.deps import StoreDep, answer, read_model_enabled
from api.problems import responses
from api.schemas import (
    CandidateOut,
    CoverageOut,
    PathsOut,
    ResolutionOut,
    TimelineEntryOut,
    TraversalOut,
    dump,
    json_response,
    traversal_response,
)
from graph import index, query, vocab
from graph.resolve import resolve

router = APIRouter(prefix="/api", tags=["queries"])

RelationName = StrEnum("RelationName", {r: r for r in vocab.RELATION_IRI})  # type: ignore[misc]
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"

Doc = Annotated[
    str,
    Query(min_length=1, max_length=300, description="A key or a reference: 57-NQ/TW, "
          "Nghị quyết 57, Kế hoạch 2039 Kon Tum …", examples=["57-NQ/TW"]),
]  # fmt: skip
Relations = Annotated[
    list[RelationName] | None,
    Query(description="Relations to follow (repeat the parameter); default: "
          + ", ".join(query.STRUCTURAL)),
]  # fmt: skip
Depth = Annotated[int | None, Query(ge=1, le=100, description="Maximum depth (default: no limit)")]
Issuer = Annotated[str | None, Query(max_length=100, description="Issuer code or name fragment")]
Type = Annotated[str | None, Query(max_length=10, description="Type abbreviation: NQ, KH, NĐ …")]
Province = Annotated[
    str | None,
    Query(max_length=100, description="Province; a 2025 province includes those merged into it"),
]
DateFrom = Annotated[str | None, Query(pattern=DATE, description="Listed from this date (ISO)")]
DateTo = Annotated[str | None, Query(pattern=DATE, description="Listed up to this date (ISO)")]
Limit = Annotated[int, Query(ge=1, le=10000, description="Documents listed at most")]


def budget() -> float:
    """Seconds a traversal may take (LEGAL_GRAPH_QUERY_SECONDS, default 10): a huge hub must
    not hold a worker. Lineage/impact/timeline then answer what they found, flagged
    `timed_out`; paths and coverage, whose partial answers would mislead, are a 504."""
    try:
        return max(0.0, float(os.environ.get("LEGAL_GRAPH_QUERY_SECONDS", "10")))
    except ValueError:
        return 10.0


def _rels(relation: list[RelationName] | None) -> list[str] | None:
    return [r.value for r in relation] if relation else None


@router.get("/resolve", response_model=ResolutionOut, summary="What a reference names",
            responses=responses(422, 503))  # fmt: skip
def resolve_route(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=300, description="What people type",
                            examples=["Resolution 57", "nghi quyet 57", "Kế hoạch 2039 Kon Tum"])],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Response:
    """Ranked candidates, each with why it matched. When several fit about as well,
    `ambiguous` is true and `best` is null: nothing is guessed."""
    res = resolve(store, q, limit=limit)
    best = res.best
    out = ResolutionOut(
        query=res.query, understood=res.understood, ambiguous=res.ambiguous,
        best=best.key if best else None, candidates=[CandidateOut.of(c) for c in res.candidates],
    )  # fmt: skip
    return Response(out.model_dump_json(), media_type="application/json")


def _traverse(store: StoreDep, direction: str, doc: str, relation: list[RelationName] | None,
              depth: int | None, issuer: str | None, type: str | None, province: str | None,
              date_from: str | None, date_to: str | None, limit: int, evidence: bool
              ) -> Response:  # fmt: skip
    root = query.find(store, doc, param="doc")
    filters = query.Filters(issuer, type, province, date_from, date_to)
    result = query.traverse(store, root.key, direction, relations=_rels(relation),
                            max_depth=depth, filters=filters, limit=limit,
                            with_evidence=evidence, root=root, budget=budget())  # fmt: skip
    return traversal_response(result)


def _param_model() -> type[BaseModel]:
    """The lineage/impact parameters as one pydantic model, made from the route's own
    signature (same types, same constraints)."""
    hints = get_type_hints(lineage_route, include_extras=True)
    sig = inspect.signature(lineage_route)
    fields: dict[str, Any] = {
        name: (hints[name], ... if p.default is inspect.Parameter.empty else p.default)
        for name, p in sig.parameters.items() if name != "store"
    }  # fmt: skip
    return create_model("TraversalParams", **fields)


class TraversalFastPath:
    """ASGI middleware: ``GET /api/lineage`` and ``/api/impact`` answered before FastAPI's
    router and per-parameter dependency machinery (which costs more than an answer from the
    read model) when the store's read model is ready and the question is well-formed and
    answerable. Anything else (a bad parameter, an unknown or ambiguous document, no read
    model yet) goes on to the route, which answers it, or renders the problem, as before:
    the same parameter model, the same graph/ call and the same serialization."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.params: type[BaseModel] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and \
                scope["path"] in ("/api/lineage", "/api/impact"):  # fmt: skip
            body = self._answer(scope)
            if body is not None:
                await send({"type": "http.response.start", "status": 200, "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode())]})  # fmt: skip
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)

    def _answer(self, scope: Scope) -> bytes | None:
        app = scope.get("app")
        store = getattr(getattr(app, "state", None), "store", None)
        if store is None or not read_model_enabled() or not index.ready(store):
            return None
        raw: dict[str, Any] = {}
        for name, value in parse_qsl(scope["query_string"].decode("latin-1"),
                                     keep_blank_values=True):  # fmt: skip
            if name == "relation":
                raw.setdefault(name, []).append(value)
            elif name in raw or value == "":
                return None  # repeated or empty: the route decides what it means
            else:
                raw[name] = value
        if self.params is None:
            self.params = _param_model()
        try:
            p = self.params.model_validate(raw)
            direction = scope["path"].rsplit("/", 1)[1]
            response = _traverse(store, direction, **p.model_dump())
        except Exception:  # noqa: BLE001 - the route answers, and reports problems, itself
            return None
        return bytes(response.body)


@router.get("/lineage", response_model=TraversalOut, summary="What a document carries out",
            responses=responses(404, 409, 422, 503))  # fmt: skip
async def lineage_route(
    store: StoreDep, doc: Doc, relation: Relations = None, depth: Depth = None,
    issuer: Issuer = None, type: Type = None, province: Province = None,
    date_from: DateFrom = None, date_to: DateTo = None, limit: Limit = 100,
    evidence: Annotated[bool, Query(description="Quote for each listed link")] = True,
) -> Response:  # fmt: skip
    """Upward: what the document implements, is based on, amends … transitively to the roots;
    as a flat list (depth, path, quote of the last step) and as a tree. Filters choose the
    documents listed; the walk goes through all."""
    return await answer(store, lambda: _traverse(
        store, "lineage", doc, relation, depth, issuer, type, province, date_from, date_to,
        limit, evidence))  # fmt: skip


@router.get("/impact", response_model=TraversalOut, summary="What carries a document out",
            responses=responses(404, 409, 422, 503))  # fmt: skip
async def impact_route(
    store: StoreDep, doc: Doc, relation: Relations = None, depth: Depth = None,
    issuer: Issuer = None, type: Type = None, province: Province = None,
    date_from: DateFrom = None, date_to: DateTo = None, limit: Limit = 100,
    evidence: Annotated[bool, Query(description="Quote for each listed link")] = True,
) -> Response:  # fmt: skip
    """Downward: everything that implements, is based on, amends, guides or replaces the
    document, transitively ("what implements Resolution 57?": `doc=57-NQ/TW&relation=implements`)."""
    return await answer(store, lambda: _traverse(
        store, "impact", doc, relation, depth, issuer, type, province, date_from, date_to,
        limit, evidence))  # fmt: skip


@router.get("/paths", response_model=PathsOut, summary="How two documents are connected",
            responses=responses(404, 409, 422, 503, 504))  # fmt: skip
def paths_route(
    store: StoreDep,
    source: Annotated[str, Query(min_length=1, max_length=300, examples=["2039/KH-UBND"])],
    target: Annotated[str, Query(min_length=1, max_length=300, examples=["52-NQ/TW"])],
    relation: Annotated[list[RelationName] | None, Query(description="Default: all")] = None,
    max_depth: Annotated[int, Query(ge=1, le=12)] = 6,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Response:
    """Paths along the links' direction (either way), shortest first; when there is none,
    the shortest connections ignoring direction (`directed` false)."""
    s = query.find(store, source, param="source")
    t = query.find(store, target, param="target")
    result = query.paths(store, s.key, t.key, relations=_rels(relation), max_depth=max_depth,
                         limit=limit, budget=budget())  # fmt: skip
    return json_response(PathsOut, result)


@router.get("/coverage", response_model=CoverageOut, summary="Which provinces carried it out",
            responses=responses(404, 409, 422, 503, 504))  # fmt: skip
def coverage_route(
    store: StoreDep, doc: Doc,
    relation: Annotated[list[RelationName] | None,
                        Query(description="Default: " + ", ".join(query.COVERAGE_RELATIONS))] = None,
    depth: Depth = None,
) -> Response:  # fmt: skip
    """For a central document: the provinces (the 34 of 2025) with a document carrying it
    out, the earliest and its lag in days, and the provinces with none."""
    root = query.find(store, doc, param="doc")
    return json_response(CoverageOut, query.coverage(store, root.key, relations=_rels(relation),
                                                     max_depth=depth, budget=budget()))  # fmt: skip


class Direction(StrEnum):
    lineage = "lineage"
    impact = "impact"
    both = "both"


@router.get("/timeline", response_model=list[TimelineEntryOut], summary="A lineage in date order",
            responses=responses(404, 409, 422, 503))  # fmt: skip
def timeline_route(
    store: StoreDep, doc: Doc, direction: Direction = Direction.both, relation: Relations = None,
    depth: Depth = None, limit: Limit = 100,
) -> list[dict[str, object]]:  # fmt: skip
    """The document with its lineage and/or impact, oldest first (depth < 0: above it)."""
    root = query.find(store, doc, param="doc")
    entries = query.timeline(store, root.key, relations=_rels(relation), max_depth=depth,
                             direction=direction.value, limit=limit, budget=budget())  # fmt: skip
    return [dump(TimelineEntryOut, e) for e in entries]


@router.get("/status", summary="How the questions are answered")
def status_route(store: StoreDep) -> dict[str, object]:
    """Whether the in-memory read model of the links (graph/index.py) is ready; until it is
    (at startup, after a write) answers come from SPARQL, identical but slower."""
    return {"read_model": index.status(store)}
