"""`legal-graph serve --watch DIR`: the folder's files stored as they come, change and go.

At start every file of the folder is stored (unchanged ones are skipped by their content
hash); then watchfiles reports changes, which graph/live.py stores off the event loop (a
deleted file's graph is removed). Files are read whole: an editor's temporary files (names
starting with "." or "~", ending with "~") are ignored.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from watchfiles import Change, awatch

from graph.live import Live

log = logging.getLogger("legal-graph.watch")


def wanted(path: str) -> bool:
    name = Path(path).name
    return not name.startswith((".", "~")) and not name.endswith("~")


class Watcher:
    def __init__(self, live: Live, folder: Path) -> None:
        self.live = live
        self.folder = folder
        self.stop_event = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    async def run(self) -> None:
        present = sorted(str(p) for p in self.folder.rglob("*") if p.is_file() and wanted(str(p)))
        await self.store(present, [])
        async for changes in awatch(self.folder, stop_event=self.stop_event, debounce=200,
                                    step=50):  # fmt: skip
            stored = sorted({p for c, p in changes if c != Change.deleted and wanted(p)
                             and Path(p).is_file()})  # fmt: skip
            removed = sorted({p for c, p in changes if c == Change.deleted and wanted(p)})
            await self.store(stored, removed)

    async def store(self, stored: list[str], removed: list[str]) -> None:
        if not stored and not removed:
            return
        try:
            report = await run_in_threadpool(self.live.write, stored, removed)
            log.info("watch: %s", [(f.path, f.action) for f in report.files])
        except Exception:  # one bad change must not end the watch
            log.exception("watch: storing %s failed", stored + removed)

    async def stop(self) -> None:
        self.stop_event.set()
        if self.task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self.task


async def start_watch(app: FastAPI, folder: str) -> Watcher | None:
    live: Live | None = app.state.live
    if live is None:
        log.error("watch: %s needs an embedded store", folder)
        return None
    watcher = Watcher(live, Path(folder))
    watcher.task = asyncio.create_task(watcher.run())
    return watcher
