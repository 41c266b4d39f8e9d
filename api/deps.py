"""Dependencies shared by every router: the settings, the store, the questions' reader and the
SPARQL pool.

The app owns one store for its lifetime (``create_app`` is handed it, or opens the one its
settings name at startup) and one pool of SPARQL worker processes over it; routes receive
them through these dependencies and never open a store themselves.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, Request

from graph.config import Settings
from graph.sparql_pool import IsolatedPool, PoolSettings
from graph.store import Store

# async: FastAPI runs a plain ``def`` dependency in its thread pool, a hop per request that
# costs more than a SPARQL one-hop lookup


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


async def get_reader(request: Request) -> Store:
    """What the questions read: the app's choice (graph/index.py's ModelReader, or the store)."""
    return request.app.state.reader  # type: ignore[no-any-return]


def pool_settings(settings: Settings) -> PoolSettings:
    return PoolSettings(
        timeout=settings.query_timeout, max_result_bytes=settings.max_result_bytes,
        memory_bytes=settings.sparql_memory_mb << 20, workers=settings.sparql_workers,
        idle=settings.sparql_idle_workers, backlog=settings.sparql_backlog,
    )  # fmt: skip


def make_sparql_pool(app: FastAPI) -> IsolatedPool:
    """The app's pool of SPARQL workers, made by its lifespan (which starts and closes it)."""
    state = app.state
    pool = state.sparql_pool = IsolatedPool(state.store, pool_settings(state.settings))
    return pool


@contextlib.asynccontextmanager
async def sparql_pool(request: Request) -> AsyncIterator[IsolatedPool]:
    """The pool a query runs on: the app's, else (an app run without its lifespan: a mounted
    sub-app, a plain TestClient, which gives each request an event loop of its own) a pool for
    this query alone, closed with it: worker processes belong to the loop that started them."""
    pool: IsolatedPool | None = request.app.state.sparql_pool
    if pool is not None:
        yield pool
        return
    state = request.app.state
    pool = IsolatedPool(state.store, replace(pool_settings(state.settings), idle=0))
    try:
        yield pool
    finally:
        await pool.close()


T = TypeVar("T")
SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
ReaderDep = Annotated[Store, Depends(get_reader)]


def locked(app: FastAPI, write: Callable[..., T], *args: Any) -> T:
    """Run a write to the store under the app's writer lock (graph/live.py), so the read model
    is patched only over writes it knows of."""
    live = getattr(app.state, "live", None)
    with live.lock if live is not None else contextlib.nullcontext():
        return write(*args)
