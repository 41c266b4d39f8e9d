"""/api/in-force, /api/in-force/counts, /api/orphans: whether documents are in force at a date,
and the implementations left behind (graph/status.py, graph/orphans.py).

Each answer carries what it rests on: the document's own sentence dating it, the link (and its
quote) that ended it or a part of it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, TypeAdapter

from api.deps import ReaderDep
from api.problems import responses
from api.schemas import DocOut
from graph import query
from graph.orphans import Orphan, orphans
from graph.status import Change, Dated, DocStatus, check_day, counts, status_of

router = APIRouter(prefix="/api", tags=["status"])

At = Annotated[
    str | None,
    Query(description="The day asked about (ISO, default today)", examples=["2025-01-01"]),
]
_STATUS = TypeAdapter(DocStatus)


class InForceOut(BaseModel):
    """A document's status at a date and what it rests on (graph/status.py DocStatus)."""

    doc: DocOut
    key: str
    at: str
    status: str
    reason: str
    since: Dated | None = None
    until: Dated | None = None
    until_own: bool = False
    stated: str | None = None
    ceased_by: list[Change] = []
    pending: list[Change] = []
    amended_by: list[Change] = []
    ceased_parts: list[str] = []


class CountsOut(BaseModel):
    """type → status → documents, for those read and those known from citations."""

    at: str
    read: dict[str, dict[str, int]]
    cited: dict[str, dict[str, int]]


_ORPHANS = TypeAdapter(list[Orphan])


def status_json(status: DocStatus) -> dict[str, Any]:
    """A status as the API returns it (also what `legal-graph status --json` prints)."""
    out: dict[str, Any] = _STATUS.dump_python(status, mode="json")
    out["ceased_parts"] = status.ceased_parts
    return out


def _json(data: object) -> Response:
    return Response(TypeAdapter(Any).dump_json(data), media_type="application/json")


@router.get("/in-force", summary="Is a document in force at a date", response_model=InForceOut,
            responses=responses(404, 409, 422, 503))  # fmt: skip
def in_force_route(
    store: ReaderDep,
    doc: Annotated[str, Query(min_length=1, max_length=300, examples=["08/2020/NĐ-CP"])],
    at: At = None,
) -> Response:
    """`status`: in_force, not_yet_in_force, partly_ceased, wholly_ceased or unknown, with
    `reason`; `since` / `until`: its first and last day in force with the sentence stating
    them; `ceased_by`: the repeals and replacements in effect (the part each touches, its
    quote), `pending` those to come, `amended_by` the amendments."""
    day = check_day(at)
    found = query.find(store, doc, param="doc")
    return _json({"doc": DocOut.model_validate(found).model_dump(mode="json"),
                  **status_json(status_of(store, found.key, day))})  # fmt: skip


@router.get("/in-force/counts", summary="How many documents are in force, by type",
            response_model=CountsOut,
            responses=responses(422, 503))  # fmt: skip
def counts_route(store: ReaderDep, at: At = None) -> Response:
    """Per type of document, how many have each status at `at`: `read` (their own text was
    read) and `cited` (known only from citations)."""
    day = check_day(at)
    return _json({"at": day, **counts(store, day)})


@router.get("/orphans", summary="Implementations of documents that have since ceased",
            response_model=list[Orphan],
            responses=responses(404, 409, 422, 503))  # fmt: skip
def orphans_route(
    request: Request,
    store: ReaderDep,
    doc: Annotated[str | None, Query(max_length=300, description="Only implementations of "
                                     "this (ceased) document")] = None,
    province: Annotated[str | None, Query(max_length=100, description="Only implementing "
                                          "documents of this province")] = None,
    at: At = None,
) -> Response:  # fmt: skip
    """Plans, programmes and letters that implement a document which has ceased (wholly, or in
    the part they implement) and that no later document of their issuer replaces: each with
    its link and quote, the change that ended what it implements and its quote, and the
    documents that took its place."""
    day = check_day(at)
    key = query.find(store, doc, param="doc").key if doc else None
    live = request.app.state.live  # a served embedded store keeps them (graph/live.py)
    found = orphans(store, key, province, day) if live is None else live.orphans.orphans(
        key, province, day)  # fmt: skip
    return Response(_ORPHANS.dump_json(found), media_type="application/json")
