"""Errors as RFC 9457 problem details (``application/problem+json``).

Each failure a client can cause has one status and one problem type; the handlers installed by
``install`` render them, so routes only raise. Extension members carry what a client needs to
recover: ``suggestions`` for an unknown document, ``candidates`` for an ambiguous one, the
``param`` (and every ``errors`` entry) for a bad parameter.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.schemas import CandidateOut, Problem
from graph.query import AmbiguousDocument, DocumentNotFound, QueryError
from graph.resolve import EmptyQuery
from graph.store import QuerySyntaxError, QueryTimeout, StoreError

MEDIA = "application/problem+json"
TYPES = "https://legal-graph.org/problems/"


def problem(
    request: Request, status: int, kind: str, title: str, detail: str, **extra: Any
) -> JSONResponse:
    body = Problem(
        type=TYPES + kind, title=title, status=status, detail=detail, instance=str(request.url.path)
    ).model_dump(exclude_none=True)
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(body, status_code=status, media_type=MEDIA)


def _candidates(cands: list[Any]) -> list[dict[str, Any]]:
    return [CandidateOut.of(c).model_dump(mode="json") for c in cands]


async def _not_found(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DocumentNotFound)
    return problem(request, 404, "document-not-found", "Document not found", str(exc),
                   param=exc.param, suggestions=_candidates(exc.suggestions))  # fmt: skip


async def _ambiguous(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AmbiguousDocument)
    return problem(request, 409, "ambiguous-document", "Several documents fit", str(exc),
                   param=exc.param, candidates=_candidates(exc.candidates))  # fmt: skip


async def _bad_query(request: Request, exc: Exception) -> JSONResponse:
    param = getattr(exc, "param", None) or ("q" if isinstance(exc, EmptyQuery) else None)
    return problem(request, 422, "invalid-parameter", f"Invalid parameter {param}" if param
                   else "Invalid request", str(exc), param=param)  # fmt: skip


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = []
    for e in exc.errors():
        loc = [str(x) for x in e.get("loc", ())]
        # ("query", "relation", "0") names the parameter "relation" (its first bad item)
        where, name = (loc[0], loc[1]) if len(loc) > 1 else ("request", ".".join(loc))
        errors.append({"in": where, "name": name, "message": e.get("msg", "invalid")})
    first = errors[0] if errors else {"name": "request", "message": "invalid"}
    detail = "; ".join(f"{e['in']} parameter {e['name']!r}: {e['message']}" for e in errors)
    return problem(request, 422, "invalid-parameter", f"Invalid parameter {first['name']}",
                   detail, param=first["name"], errors=errors)  # fmt: skip


async def _timeout(request: Request, exc: Exception) -> JSONResponse:
    return problem(request, 504, "query-timeout", "The question took too long", str(exc))


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    return problem(request, 503, "store-unavailable", "The store cannot answer", str(exc))


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    titles = {404: "Not found", 405: "Method not allowed"}
    return problem(request, exc.status_code, f"http-{exc.status_code}",
                   titles.get(exc.status_code, "HTTP error"), str(exc.detail))  # fmt: skip


def install(app: FastAPI) -> None:
    """Render every failure a client can cause as problem details (order: specific first)."""
    app.add_exception_handler(DocumentNotFound, _not_found)
    app.add_exception_handler(AmbiguousDocument, _ambiguous)
    app.add_exception_handler(QueryError, _bad_query)
    app.add_exception_handler(EmptyQuery, _bad_query)
    app.add_exception_handler(QuerySyntaxError, _bad_query)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(QueryTimeout, _timeout)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(StarletteHTTPException, _http)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problems a route can return."""
    text = {
        404: "Unknown document: suggestions name the closest documents",
        409: "Several documents fit the reference: candidates list them",
        422: "A parameter is invalid: `param` names it",
        503: "The store cannot be reached",
        504: "The question ran past the time budget (LEGAL_GRAPH_QUERY_SECONDS)",
    }
    return {
        s: {"model": Problem, "description": text[s], "content": {MEDIA: {}}} for s in statuses
    }
