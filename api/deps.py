"""Dependencies shared by every router: the store and the settings, as ``Annotated`` aliases.

The app owns one store for its lifetime (``create_app`` puts it, or the settings to open it
with, on ``app.state``); routes receive it through ``StoreDep`` and never open one themselves,
so a test or the demo can hand the app an already filled store.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, FastAPI, Request
from starlette.concurrency import run_in_threadpool

from graph import index
from graph.config import Settings
from graph.store import Store, open_store

_lock = threading.Lock()
T = TypeVar("T")


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_store(request: Request) -> Store:
    """The app's store, opened on first use from the app's settings."""
    state = request.app.state
    store: Store | None = getattr(state, "store", None)
    opened = False
    if store is None:
        with _lock:
            store = getattr(state, "store", None)
            if store is None:
                store = open_store(state.settings)
                state.store = store
                state.owns_store = opened = True
    if read_model_enabled():  # questions read the links from memory (graph/index.py)
        index.attach(store, background=opened)
    return store


async def _store_dependency(request: Request) -> Store:
    """``get_store`` as an async dependency: a sync one costs every request a hop to a worker
    thread and back, more than an answer from memory (the first call may open the store)."""
    return get_store(request)


async def answer(store: Store, work: Callable[[], T]) -> T:
    """Run a question: right here on the event loop when the store's read model is ready (the
    answer takes well under a millisecond, less than the hop to a worker thread; a traversal
    is bounded by its time budget), else in a worker thread (SPARQL may take seconds)."""
    if index.ready(store):
        return work()
    return await run_in_threadpool(work)


def read_model_enabled() -> bool:
    """The API answers from graph/index.py's read model unless LEGAL_GRAPH_READ_MODEL=0."""
    return os.environ.get("LEGAL_GRAPH_READ_MODEL", "1") != "0"


def warm(app: FastAPI) -> None:
    """At startup: build the read model of the app's store in the background (requests answer
    through SPARQL until it is ready), so no request waits for it."""
    store: Store | None = getattr(app.state, "store", None)
    if store is not None and read_model_enabled():
        index.attach(store, background=True)


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(_store_dependency)]
