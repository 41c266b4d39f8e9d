"""/api/search: what the search page shows, as JSON (graph/search.py): documents for what was
typed, or for filters alone, filtered by type, issuer, province, year and status, paged."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from api.deps import ReaderDep
from api.problems import responses
from api.schemas import DocOut
from graph.resolve import EmptyQuery
from graph.search import search
from graph.status import STATUSES

router = APIRouter(prefix="/api", tags=["queries"])

StatusName = StrEnum("StatusName", {s: s for s in STATUSES})  # type: ignore[misc]


class HitOut(BaseModel):
    doc: DocOut
    status: str | None = Field(description="Today's status (graph/status.py)")
    why: list[str] = Field(description="Why it matched (empty: found by the filters alone)")
    cited_by: int


class SearchOut(BaseModel):
    total: int = Field(description="Documents passing the filters")
    page: int
    pages: int
    hits: list[HitOut]
    facets: dict[str, list[str]] = Field(
        description="Each filter's values among the documents found"
    )


@router.get("/search", response_model=SearchOut, summary="Search with filters and paging",
            responses=responses(422, 503))  # fmt: skip
def search_route(
    store: ReaderDep,
    q: Annotated[str, Query(max_length=300, description="What people type (may be empty with a filter)")] = "",
    type: Annotated[str, Query(max_length=10, description="Type abbreviation: NQ, KH, NĐ …")] = "",
    issuer: Annotated[str, Query(max_length=200, description="Issuer's name, as the facets list it")] = "",
    province: Annotated[str, Query(max_length=100, description="Province (of 2025)")] = "",
    year: Annotated[str, Query(pattern=r"^(\d{4})?$", description="Year of the document")] = "",
    status: Annotated[StatusName | None, Query(description="Status today")] = None,
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
    size: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Response:  # fmt: skip
    """The search page's answer: `q` through the resolver, else filters alone browse the store
    (newest first)."""
    wanted = {"type": type, "issuer": issuer, "province": province, "year": year,
              "status": status.value if status else ""}  # fmt: skip
    try:
        found = search(store, q, wanted, page, size)
    except EmptyQuery:
        found = None
    out = SearchOut(
        total=found.total if found else 0, page=found.page if found else 1,
        pages=found.pages if found else 1, facets=found.facets if found else {},
        hits=[HitOut(doc=DocOut.model_validate(h.doc), status=h.status, why=h.why, cited_by=h.cited_by)
              for h in (found.hits if found else [])],
    )  # fmt: skip
    return Response(out.model_dump_json(), media_type="application/json")
