"""/api/resolve, /api/lineage, /api/impact, /api/paths, /api/coverage, /api/timeline.

Each route parses its parameters, calls one function of graph/query.py or graph/resolve.py and
returns its result as a schema. A ``doc`` parameter takes a key or anything ``resolve`` reads
("57-NQ/TW", "Nghị quyết 57"); several fitting documents are a 409 listing them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from api.deps import ReaderDep, SettingsDep
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
from graph import query, vocab
from graph.index import ModelReader
from graph.resolve import resolve
from graph.store import Store

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


def _rels(relation: list[RelationName] | None) -> list[str] | None:
    return [r.value for r in relation] if relation else None


@router.get("/resolve", response_model=ResolutionOut, summary="What a reference names",
            responses=responses(422, 503))  # fmt: skip
def resolve_route(
    store: ReaderDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=300,
            description="What people type",
            examples=["Resolution 57", "nghi quyet 57", "Kế hoạch 2039 Kon Tum"],
        ),
    ],
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


@dataclass
class Walk:
    """The query parameters of /lineage and /impact (one FastAPI dependency for both)."""

    doc: Doc
    relation: Relations = None
    depth: Depth = None
    issuer: Issuer = None
    type: Type = None
    province: Province = None
    date_from: DateFrom = None
    date_to: DateTo = None
    limit: Limit = 100
    evidence: Annotated[bool, Query(description="Quote for each listed link")] = True


def _traverse(store: Store, budget: float, direction: str, walk: Walk) -> Response:
    root = query.find(store, walk.doc, param="doc")
    filters = query.Filters(walk.issuer, walk.type, walk.province, walk.date_from, walk.date_to)
    result = query.traverse(store, root.key, direction, relations=_rels(walk.relation),
                            max_depth=walk.depth, filters=filters, limit=walk.limit,
                            with_evidence=walk.evidence, root=root, budget=budget)  # fmt: skip
    return traversal_response(result)


@router.get("/lineage", response_model=TraversalOut, summary="What a document carries out",
            responses=responses(404, 409, 422, 503))  # fmt: skip
def lineage_route(
    store: ReaderDep, settings: SettingsDep, walk: Annotated[Walk, Depends()]
) -> Response:
    """Upward: what the document implements, is based on, amends … transitively to the roots;
    as a flat list (depth, path, quote of the last step) and as a tree. Filters choose the
    documents listed; the walk goes through all."""
    return _traverse(store, settings.query_timeout, "lineage", walk)


@router.get("/impact", response_model=TraversalOut, summary="What carries a document out",
            responses=responses(404, 409, 422, 503))  # fmt: skip
def impact_route(
    store: ReaderDep, settings: SettingsDep, walk: Annotated[Walk, Depends()]
) -> Response:
    """Downward: everything that implements, is based on, amends, guides or replaces the
    document, transitively ("what implements Resolution 57?": `doc=57-NQ/TW&relation=implements`)."""
    return _traverse(store, settings.query_timeout, "impact", walk)


@router.get("/paths", response_model=PathsOut, summary="How two documents are connected",
            responses=responses(404, 409, 422, 503, 504))  # fmt: skip
def paths_route(
    store: ReaderDep,
    settings: SettingsDep,
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
                         limit=limit, budget=settings.query_timeout)  # fmt: skip
    return json_response(PathsOut, result)


@router.get("/coverage", response_model=CoverageOut, summary="Which provinces carried it out",
            responses=responses(404, 409, 422, 503, 504))  # fmt: skip
def coverage_route(
    store: ReaderDep, settings: SettingsDep, doc: Doc,
    relation: Annotated[list[RelationName] | None,
                        Query(description="Default: " + ", ".join(query.COVERAGE_RELATIONS))] = None,
    depth: Depth = None,
) -> Response:  # fmt: skip
    """For a central document: the provinces (the 34 of 2025) with a document carrying it
    out, the earliest and its lag in days, and the provinces with none."""
    root = query.find(store, doc, param="doc")
    return json_response(CoverageOut, query.coverage(store, root.key, relations=_rels(relation),
                                                     max_depth=depth, budget=settings.query_timeout))  # fmt: skip


class Direction(StrEnum):
    lineage = "lineage"
    impact = "impact"
    both = "both"


@router.get("/timeline", response_model=list[TimelineEntryOut], summary="A lineage in date order",
            responses=responses(404, 409, 422, 503))  # fmt: skip
def timeline_route(
    store: ReaderDep, settings: SettingsDep, doc: Doc, direction: Direction = Direction.both, relation: Relations = None,
    depth: Depth = None, limit: Limit = 100,
) -> list[dict[str, object]]:  # fmt: skip
    """The document with its lineage and/or impact, oldest first (depth < 0: above it)."""
    root = query.find(store, doc, param="doc")
    entries = query.timeline(store, root.key, relations=_rels(relation), max_depth=depth,
                             direction=direction.value, limit=limit, budget=settings.query_timeout)  # fmt: skip
    return [dump(TimelineEntryOut, e) for e in entries]


@router.get("/status", summary="How the questions are answered")
def status_route(store: ReaderDep) -> dict[str, object]:
    """Whether the in-memory read model of the links (graph/index.py) is ready; until it is
    (at startup, after a write) answers come from SPARQL, identical but slower."""
    status = store.status() if isinstance(store, ModelReader) else {"enabled": False}
    return {"read_model": status}
