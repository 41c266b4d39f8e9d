"""The FastAPI application: thin routers over graph/ (no domain logic here).

``create_app(settings, store)`` builds the app; routers reach the settings, the store (to write,
and for /sparql) and the questions' reader only through api/deps.py. To add a resource, write ``api/routes/<name>.py`` with a ``router`` and
add ONE ``app.include_router(...)`` line below. Every request goes through FastAPI's router, so
middleware added to the app sees them all.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import deps, problems, security
from api.watch import start_watch
from graph.config import Settings
from graph.index import ModelReader
from graph.live import live_for
from graph.store import OxigraphStore, Store, open_store
from ingest.ocr import Ocr

DESCRIPTION = """Lineage and impact of Vietnamese legal documents, with the sentences that prove
each link. A `doc` parameter takes a canonical key (`vn/tw/2024/nq/57`) or what people type
(`57-NQ/TW`, `Nghị quyết 57`, `Resolution 57`). Errors are RFC 9457 problem details
(`application/problem+json`)."""


def create_app(
    settings: Settings | None = None, store: Store | None = None, watch: str | None = None
) -> FastAPI:
    """The app over ``store`` (kept open by the caller) or over the store ``settings`` name
    (opened now, closed at shutdown); ``watch``: a folder whose new, changed and deleted files
    are stored while serving (api/watch.py)."""
    settings = settings or Settings.from_env()
    owns_store = store is None
    if store is None:
        store = open_store(settings)

    # the questions' reader, chosen once: the in-memory read model (built in the background)
    # over an embedded store, else the store's own SPARQL
    reader: Store = store
    if settings.read_model and isinstance(store, OxigraphStore):
        from api.routes.pages import warm  # the pages' whole-store answers, computed ahead

        reader = ModelReader(store, background=True, warm=warm)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = deps.make_sparql_pool(app)
        await pool.start()
        if app.state.live is not None:
            app.state.live.warm()
        watcher = await start_watch(app, watch) if watch else None
        try:
            yield
        finally:
            if watcher is not None:
                await watcher.stop()
            await pool.close()
            app.state.sparql_pool = None
            if owns_store:
                store.close()

    app = FastAPI(
        title="legal-graph",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # api/routes/docs.py serves Swagger UI without a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.reader = reader
    app.state.live = live_for(
        store, reader, Ocr(max_pages=settings.ocr_max_pages)
    )  # the one writer of documents (graph/live.py)
    app.state.sparql_pool = None
    problems.install(app)
    security.install(app, settings.hosts)  # headers and the Host check (api/security.py)

    from api.routes import docs, documents, live, pages, queries, search, sparql
    from api.routes import status as in_force

    # /sparql's routes first (the busiest path), on the app's own router: matched once there,
    # where an included router's routes are matched twice, through FastAPI's include layer
    app.router.routes[:0] = sparql.router.routes
    app.include_router(documents.router)
    app.include_router(queries.router)
    app.include_router(search.router)  # /api/search
    app.include_router(pages.router)  # people's pages: /, /search, /doc/…, /graph/…
    app.include_router(docs.router)  # /docs: Swagger UI, vendored
    app.include_router(in_force.router)  # /api/in-force, /api/orphans
    app.include_router(live.router)  # POST /api/documents
    return app
