"""Errors as RFC 9457 problem details (``application/problem+json``), and as an HTML page for
the browser pages: ONE handler renders every ``graph.errors.Problem`` (each knows its status
and type), FastAPI's parameter validation and Starlette's HTTP errors, so a failure has the
same status on /api, /sparql and the pages. Extension members carry what a client needs to
recover: ``suggestions`` for an unknown document, ``candidates`` for an ambiguous one, the
``param`` (and every ``errors`` entry) for a bad parameter.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.schemas import CandidateOut
from api.schemas import Problem as ProblemOut
from graph.errors import Problem
from graph.resolve import Candidate

MEDIA = "application/problem+json"
PAGE_TITLES = {400: "Bad request", 404: "Not found", 409: "Several documents fit"}


def _value(v: Any) -> Any:
    if isinstance(v, list) and v and isinstance(v[0], Candidate):
        return [CandidateOut.of(c).model_dump(mode="json") for c in v]
    return v


def _is_page(request: Request) -> bool:
    path = request.url.path
    return not path.startswith(("/api", "/sparql", "/graph-data", "/openapi", "/docs"))


def render(request: Request, problem: Problem) -> Response:
    """``problem`` as the response: an HTML page for the browser pages, else problem details."""
    if _is_page(request):
        from api.routes.pages import error_page

        response: Response = error_page(request, problem.status, PAGE_TITLES.get(
            problem.status, problem.title), problem.detail)  # fmt: skip
    else:
        body = ProblemOut(type=problem.type, title=problem.title, status=problem.status,
                          detail=problem.detail, instance=str(request.url.path)
                          ).model_dump(exclude_none=True)  # fmt: skip
        body.update({k: _value(v) for k, v in problem.extra.items() if v is not None})
        response = JSONResponse(body, status_code=problem.status, media_type=MEDIA)
    response.headers.update(problem.headers)
    return response


def _validation(exc: RequestValidationError) -> Problem:
    errors = []
    for e in exc.errors():
        loc = [str(x) for x in e.get("loc", ())]
        # ("query", "relation", "0") names the parameter "relation" (its first bad item)
        where, name = (loc[0], loc[1]) if len(loc) > 1 else ("request", ".".join(loc))
        errors.append({"in": where, "name": name, "message": e.get("msg", "invalid")})
    first = errors[0] if errors else {"name": "request", "message": "invalid"}
    detail = "; ".join(f"{e['in']} parameter {e['name']!r}: {e['message']}" for e in errors)
    return Problem(detail, status=422, kind="invalid-parameter",
                   title=f"Invalid parameter {first['name']}", param=first["name"],
                   errors=errors)  # fmt: skip


_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def _allowed(request: Request) -> str:
    """The methods some route takes at the request's path (Starlette's own ``Allow`` names
    only the first such route's: GET for /sparql, which takes POST too)."""
    routes = request.app.router.routes
    return ", ".join(m for m in _METHODS if any(
        route.matches({**request.scope, "method": m})[0] is Match.FULL for route in routes))  # fmt: skip


def _http(request: Request, exc: StarletteHTTPException) -> Problem:
    titles = {404: "Not found", 405: "Method not allowed"}
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed(request)
    return Problem(str(exc.detail), status=exc.status_code, kind=f"http-{exc.status_code}",
                   title=titles.get(exc.status_code, "HTTP error"), headers=headers)  # fmt: skip


async def _handle(request: Request, exc: Exception) -> Response:
    if isinstance(exc, RequestValidationError):
        exc = _validation(exc)
    elif isinstance(exc, StarletteHTTPException):
        exc = _http(request, exc)
    assert isinstance(exc, Problem)
    return render(request, exc)


def install(app: FastAPI) -> None:
    """Render every failure a client can cause with the one handler."""
    for kind in (Problem, RequestValidationError, StarletteHTTPException):
        app.add_exception_handler(kind, _handle)


TEXT = {
    400: "The request is malformed (a SPARQL syntax error, a bad parameter): `param` names it",
    403: "Not allowed: updates need the server's token; SERVICE is off",
    404: "Unknown document: suggestions name the closest documents",
    405: "The method is not the operation's: `Allow` names those it takes",
    406: "No format of the answer fits the Accept header or `format`",
    409: "Several documents fit the reference: candidates list them",
    413: "The query or body is larger than the server's limit",
    415: "The body's Content-Type is not one the operation reads",
    422: "A parameter is invalid: `param` names it",
    500: "The query engine failed on this query (the server goes on)",
    503: "The store cannot be reached, or the endpoint is busy",
    504: "The question ran past the time budget (LEGAL_GRAPH_QUERY_TIMEOUT)",
    507: "The query needs more memory than the server allows it",
}
_REF = {"$ref": "#/components/schemas/Problem"}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problems a route can return (``model`` puts the Problem schema
    among the components)."""
    return {s: {"model": ProblemOut, "description": TEXT[s], "content": {MEDIA: {"schema": _REF}}}
            for s in statuses}  # fmt: skip
