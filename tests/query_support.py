"""Stores for the query and API tests, built once per test run by the real pipeline
(graph.ingest.ingest over the real seed documents of shared/corpus and the bundled samples)."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from shared_support import SEEDS

from graph.ingest import ingest
from graph.store import OxigraphStore

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
_ROOT = Path(tempfile.mkdtemp(prefix="lg-query-tests-"))


def _build(name: str, paths: tuple[str, ...]) -> str:
    where = _ROOT / name
    if where.exists():
        shutil.rmtree(where)
    store = OxigraphStore(str(where))
    report = ingest(list(paths), store, workers=1, progress=False)
    store.close()
    assert report.ok, report.failed
    return str(where)


@functools.cache
def seeds_path() -> str:
    """On-disk store holding the five real seed documents only."""
    return _build("seeds", (str(SEEDS),))


@functools.cache
def full_path() -> str:
    """On-disk store holding the seeds and the bundled sample documents."""
    return _build("full", (str(SEEDS), *sorted(str(p) for p in SAMPLES.glob("*.txt"))))


@functools.cache
def seeds_store() -> OxigraphStore:
    return OxigraphStore(seeds_path(), read_only=True)


@functools.cache
def full_store() -> OxigraphStore:
    return OxigraphStore(full_path(), read_only=True)


@atexit.register
def _cleanup() -> None:
    shutil.rmtree(_ROOT, ignore_errors=True)
