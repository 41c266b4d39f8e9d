"""Pydantic models of the HTTP edge: the JSON the API returns, with OpenAPI examples.

They mirror the dataclasses of graph/query.py and are filled from them (``from_attributes``);
nothing below HTTP sees them.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from graph.query import Traversal
from graph.resolve import Candidate

_ORM = ConfigDict(from_attributes=True)


class Problem(BaseModel):
    """RFC 9457 problem details; extension members (``param``, ``suggestions``,
    ``candidates``, ``errors``) depend on the problem type."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "example": {
                "type": "https://legal-graph.org/problems/document-not-found",
                "title": "Document not found",
                "status": 404,
                "detail": "No document matches 'vn/tw/2024/nq/58'; did you mean 57-NQ/TW?",
                "instance": "/api/documents/vn/tw/2024/nq/58",
                "param": "key",
                "suggestions": [
                    {
                        "key": "vn/tw/2024/nq/57",
                        "symbol": "57-NQ/TW",
                        "score": 68.0,
                        "why": ["number 57", "type Nghị quyết"],
                    }
                ],
            }
        },
    )

    type: str = Field(description="URI of the problem type")
    title: str
    status: int
    detail: str
    instance: str | None = None


class DocOut(BaseModel):
    """A document as answers show it."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "example": {
                "key": "vn/cp/2025/nq/3",
                "iri": "https://legal-graph.org/eli/vn/cp/2025/nq/3",
                "symbol": "03/NQ-CP",
                "title": "Ban hành Chương trình hành động của Chính phủ …",
                "type": "NQ",
                "type_name": "Nghị quyết",
                "date": "2025-01-09",
                "year": 2025,
                "issuer": "Chính phủ",
                "issuer_code": "CP",
                "jurisdiction": "vn",
                "jurisdiction_name": "Việt Nam",
                "province_2025": None,
                "level": "government",
                "stub": False,
                "ambiguous": False,
                "file": "samples/06-nq-03-cp-chinh-phu.txt",
            }
        },
    )

    key: str = Field(description="Canonical key: jurisdiction/issuer/year/type/number")
    iri: str
    symbol: str | None = Field(None, description="Số ký hiệu, e.g. 57-NQ/TW")
    title: str | None = Field(None, description="Trích yếu (subject line)")
    type: str | None = None
    type_name: str | None = None
    date: str | None = Field(None, description="ISO date, year-month or year")
    year: int | None = None
    issuer: str | None = None
    issuer_code: str | None = None
    jurisdiction: str | None = Field(None, description="Jurisdiction slug (vn, kon-tum …)")
    jurisdiction_name: str | None = None
    province_2025: str | None = Field(None, description="Province after the 2025 merger")
    level: str | None = None
    stub: bool = Field(description="True when only mentions of it were read, not its own text")
    ambiguous: bool = False
    file: str | None = Field(None, description="Its own source file, when read")


class CandidateOut(BaseModel):
    model_config = _ORM
    key: str
    symbol: str | None = None
    title: str | None = None
    date: str | None = None
    issuer: str | None = None
    score: float
    why: list[str] = Field(description="Why it matched, strongest reasons first")
    aliases: list[str] = Field(default_factory=list, description="Partial keys folded into it")
    cited_by: int = 0
    doc: DocOut

    @classmethod
    def of(cls, c: Candidate) -> CandidateOut:
        d = c.doc
        return cls(key=d.key, symbol=d.symbol, title=d.title, date=d.date, issuer=d.issuer,
                   score=round(c.score, 1), why=c.why, aliases=c.aliases, cited_by=c.cited_by,
                   doc=DocOut.model_validate(d))  # fmt: skip


class ResolutionOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "query": "Resolution 57",
                "understood": "type nq, number 57",
                "ambiguous": False,
                "best": "vn/tw/2024/nq/57",
                "candidates": [
                    {
                        "key": "vn/tw/2024/nq/57",
                        "symbol": "57-NQ/TW",
                        "score": 68.0,
                        "why": ["number 57", "type Nghị quyết", "cited by 5 documents"],
                        "aliases": ["vn/tw/_/nq/57"],
                        "cited_by": 5,
                        "doc": {},
                    }
                ],
            }
        }
    )
    query: str
    understood: str = Field(description="How the query was read")
    ambiguous: bool = Field(description="Several candidates fit about as well: none is chosen")
    best: str | None = Field(description="Key of the one document meant, null when ambiguous")
    candidates: list[CandidateOut]


class EvidenceOut(BaseModel):
    model_config = _ORM
    quote: str = Field(description="The sentence that states the link")
    asserted_in: str = Field(description="Key of the document whose text states it")
    reported: bool = Field(description="The text states a link between two other documents")
    source_file: str | None = None
    start: int | None = None
    end: int | None = None
    iri: str | None = None
    cue: str | None = Field(None, description="The words that typed the link; null for a mention")


class LinkOut(BaseModel):
    model_config = _ORM
    relation: str
    doc: DocOut
    evidence: list[EvidenceOut]


class DocumentOut(BaseModel):
    model_config = _ORM
    doc: DocOut
    variants: dict[str, list[str]] = Field(
        description="Every value sources state, when they differ"
    )
    aliases: list[str]
    outgoing: dict[str, list[LinkOut]] = Field(description="relation → links from this document")
    incoming: dict[str, list[LinkOut]] = Field(description="relation → links to this document")


class EdgeOut(BaseModel):
    model_config = _ORM
    subject: str
    relation: str
    object: str


class NodeOut(BaseModel):
    model_config = _ORM
    doc: DocOut
    depth: int
    path: list[str] = Field(description="Keys from the root to this document")
    relation: str = Field(description="Relation of the last step")
    evidence: EvidenceOut | None = None


class TreeOut(BaseModel):
    model_config = _ORM
    doc: DocOut
    depth: int
    relation: str | None = None
    matched: bool = Field(description="False: shown only to reach a listed descendant")
    children: list[TreeOut] = Field(default_factory=list)


class TraversalOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "example": {
                "root": {"key": "vn/tw/2024/nq/57", "symbol": "57-NQ/TW"},
                "direction": "impact",
                "relations": ["implements"],
                "max_depth": None,
                "total": 2,
                "reached": 2,
                "depth_reached": 2,
                "truncated": False,
                "nodes": [
                    {
                        "doc": {"key": "vn/cp/2025/nq/3", "symbol": "03/NQ-CP"},
                        "depth": 1,
                        "path": ["vn/tw/2024/nq/57", "vn/cp/2025/nq/3"],
                        "relation": "implements",
                        "evidence": {
                            "quote": "thực hiện Nghị quyết số 57-NQ/TW …",
                            "asserted_in": "vn/cp/2025/nq/3",
                            "reported": False,
                        },
                    },
                ],
                "edges": [
                    {
                        "subject": "vn/cp/2025/nq/3",
                        "relation": "implements",
                        "object": "vn/tw/2024/nq/57",
                    }
                ],
                "tree": {
                    "doc": {"key": "vn/tw/2024/nq/57"},
                    "depth": 0,
                    "matched": True,
                    "children": [],
                },
            }
        },
    )
    root: DocOut
    direction: str
    relations: list[str]
    max_depth: int | None
    nodes: list[NodeOut] = Field(description="Flat list, by depth then date")
    total: int = Field(description="Documents passing the filters (before the limit)")
    reached: int = Field(description="Documents reached by the walk")
    depth_reached: int
    edges: list[EdgeOut] = Field(description="Links among the root and the listed documents")
    tree: TreeOut
    truncated: bool = Field(description="The limit, the node cap or the time budget cut the answer")
    timed_out: bool = Field(
        False,
        description="The walk ran past the server's time budget "
        "(LEGAL_GRAPH_QUERY_TIMEOUT) and stopped at `depth_reached`: "
        "narrow it (depth, relation) for the rest",
    )


class StepOut(BaseModel):
    model_config = _ORM
    subject: str
    relation: str
    object: str
    forward: bool = Field(description="The path walks this link from subject to object")


class PathsOut(BaseModel):
    model_config = _ORM
    source: DocOut
    target: DocOut
    directed: bool = Field(description="Paths follow the links' direction (else mixed)")
    paths: list[list[StepOut]]
    documents: dict[str, DocOut]


class ProvinceOut(BaseModel):
    model_config = _ORM
    province: str
    first: DocOut
    first_date: str | None
    lag_days: int | None = Field(description="Days from the central document to the first one")
    documents: list[DocOut]


class CoverageOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "example": {
                "root": {"key": "vn/tw/2019/nq/52", "symbol": "52-NQ/TW", "date": "2019-09-27"},
                "relations": ["implements", "based_on", "guides"],
                "covered": [
                    {
                        "province": "Quảng Ngãi",
                        "first_date": "2020-01-20",
                        "lag_days": 115,
                        "first": {"key": "kon-tum/tu/2020/kh/123"},
                        "documents": [],
                    }
                ],
                "missing": ["Hà Nội", "Huế"],
                "central": 2,
            }
        },
    )
    root: DocOut
    relations: list[str]
    covered: list[ProvinceOut]
    missing: list[str] = Field(description="Provinces of 2025 with no implementing document")
    central: int


class TimelineEntryOut(BaseModel):
    model_config = _ORM
    date: str | None
    doc: DocOut
    depth: int = Field(description="Negative: lineage; 0: the document; positive: impact")
    relation: str | None


def dump(model: type[BaseModel], obj: Any) -> dict[str, Any]:
    """A graph/query dataclass as the JSON the API returns (what ``--json`` prints too)."""
    return model.model_validate(obj).model_dump(mode="json")


def json_response(model: type[BaseModel], obj: Any) -> Response:
    """``obj`` as JSON through ``model``, validated once (a route returning a dict would have
    FastAPI validate it a second time against its ``response_model``)."""
    return Response(model.model_validate(obj).model_dump_json(), media_type="application/json")


_TRAVERSAL = TypeAdapter(Traversal)


def traversal_response(t: Traversal) -> Response:
    """``json_response(TraversalOut, t)`` without validating what graph/query.py built: the
    dataclass serialized as is, 5× faster and byte for byte the same JSON (TraversalOut mirrors
    it field by field, in order; tests/test_api_queries.py checks)."""
    return Response(_TRAVERSAL.dump_json(t), media_type="application/json")
