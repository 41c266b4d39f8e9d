"""The FastAPI application: thin routers over graph/ (no domain logic here).

``create_app(settings)`` builds the app; routers reach the store only through
``api.deps.StoreDep``. To add a resource, write ``api/routes/<name>.py`` with a ``router`` and add
ONE ``app.include_router(...)`` line below.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.types import ASGIApp

from api import deps, problems, security
from graph.config import Settings
from graph.store import Store

DESCRIPTION = """Lineage and impact of Vietnamese legal documents, with the sentences that prove
each link. A `doc` parameter takes a canonical key (`vn/tw/2024/nq/57`) or what people type
(`57-NQ/TW`, `Nghị quyết 57`, `Resolution 57`). Errors are RFC 9457 problem details
(`application/problem+json`)."""


class _App(FastAPI):
    """FastAPI with the fast paths in front of its whole middleware stack (error pages,
    telemetry, body limits), which costs a short query more than its answer; each fast path
    catches its own errors and hands everything else on."""

    def build_middleware_stack(self) -> ASGIApp:
        from api.routes import queries
        from api.routes.sparql import SparqlFastPath

        # /sparql queries skip the router; so do lineage/impact answered by the read model
        return SparqlFastPath(queries.TraversalFastPath(super().build_middleware_stack()))


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The app over ``store`` (kept open by the caller) or over the store ``settings`` name
    (opened on first use, closed at shutdown)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        deps.warm(app)  # the read model of the queries, built in the background
        yield
        if getattr(app.state, "owns_store", False) and app.state.store is not None:
            app.state.store.close()
            app.state.store = None

    app = _App(
        title="legal-graph",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # api/routes/docs.py serves Swagger UI without a CDN
        redoc_url=None,
    )
    app.state.settings = settings or Settings.from_env()
    app.state.store = store
    app.state.owns_store = False
    problems.install(app)
    security.install(app)  # headers and the Host check, in front of everything (api/security.py)

    from api.routes import docs, documents, pages, queries
    from api.routes.sparql import router as sparql_router

    app.include_router(documents.router)
    app.include_router(queries.router)
    app.include_router(sparql_router)
    app.include_router(pages.router)  # people's pages: /, /search, /doc/…, /graph/…
    app.include_router(docs.router)  # /docs: Swagger UI, vendored
    return app

