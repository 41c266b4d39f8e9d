"""The endpoint's budget: a runaway property path gets a clear timeout while the server keeps
answering everyone else, and a result larger than the limit is refused with a problem, not
streamed (`legal-graph serve` on a free port, with a 1 s timeout and a 20 kB result limit)."""

from __future__ import annotations

import contextlib
import shutil
import statistics
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from graph.ingest import ingest
from graph.store import OxigraphStore
from tests.sparql_support import QUERIES, SEEDS, Server, api_server

TIMEOUT = 1.0
MAX_BYTES = 20_000
# Every node reachable from every node, following any link in either direction: Oxigraph
# computes the whole closure before the first row (about 40 s on the seeds).
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a (!<urn:x:none>|^!<urn:x:none>)* ?b }"

pytestmark = pytest.mark.shared  # the seeds of ../shared/corpus


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("limits") / "store"
    with OxigraphStore(str(path)) as store:
        ingest([SEEDS], store, workers=1, progress=False)
    return path


@contextlib.contextmanager
def _server(seeded: Path, tmp: Path, **env: str) -> Iterator[Server]:
    copy = tmp / "store"  # each server opens its own copy: RocksDB locks a store to one process
    shutil.copytree(seeded, copy)
    with api_server(
        tmp,
        LEGAL_GRAPH_STORE=str(copy),
        LEGAL_GRAPH_QUERY_TIMEOUT=str(TIMEOUT),
        LEGAL_GRAPH_MAX_RESULT_BYTES=str(MAX_BYTES),
        **env,
    ) as s:
        yield s


@pytest.fixture(scope="module")
def server(seeded: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with _server(seeded, tmp_path_factory.mktemp("server")) as s:
        yield s


def test_runaway_query_times_out_while_others_are_answered(server: Server) -> None:
    light = QUERIES[0].read_text("utf-8")
    runaway: dict[str, object] = {}
    client = httpx.Client(timeout=30)  # one client: a new one per request costs an SSL context

    def run_runaway() -> None:
        t0 = time.monotonic()
        r = client.get(server.url, params={"query": RUNAWAY})
        runaway.update(status=r.status_code, body=r.json(), seconds=time.monotonic() - t0)

    def run_light(_: int) -> tuple[int, float]:
        t0 = time.monotonic()
        r = client.post(server.url, data={"query": light})
        return r.status_code, time.monotonic() - t0

    thread = threading.Thread(target=run_runaway)
    thread.start()
    time.sleep(0.2)  # the runaway is evaluating: now everyone else asks
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(run_light, range(40)))
    thread.join()

    assert runaway["status"] == 504
    body = runaway["body"]
    assert isinstance(body, dict) and body["type"].endswith("query-timeout")
    assert f"{TIMEOUT:g} s" in body["detail"]
    assert float(runaway["seconds"]) < TIMEOUT + 2  # type: ignore[arg-type]
    statuses = [s for s, _ in answers]
    latencies = [t for _, t in answers]
    assert statuses == [200] * len(answers)
    assert statistics.median(latencies) < 0.25, latencies  # a few ms when idle
    # and after the runaway was cut off, the server still answers
    assert client.get(server.url, params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
    client.close()


def test_result_size_limit(server: Server) -> None:
    r = httpx.get(server.url, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 400
    problem = r.json()
    assert problem["type"].endswith("result-too-large")
    assert str(MAX_BYTES) in problem["detail"] and "LIMIT" in problem["detail"]
    ok = httpx.get(server.url, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 20"})
    assert ok.status_code == 200 and len(ok.json()["results"]["bindings"]) == 20
    assert len(ok.content) <= MAX_BYTES
    graph = httpx.get(server.url, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert graph.status_code == 400 and "bytes" in graph.json()["detail"]


def test_failed_queries_leave_the_workers_answering(server: Server) -> None:
    with httpx.Client(timeout=30) as client:
        for i in range(30):
            q = "SELECT * WHERE { ?s ?p ?o }" if i % 2 else "CONSTRUCT WHERE { ?s ?p ?o }"
            assert client.get(server.url, params={"query": q}).status_code == 400
            assert client.get(server.url, params={"query": f"ASK {{ ?s ?p {i} }}"}).is_success
    assert "Traceback" not in server.log.read_text("utf-8", "replace")


def test_bad_limit_settings_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.config import Settings, SettingsError

    monkeypatch.setenv("LEGAL_GRAPH_QUERY_TIMEOUT", "soon")
    with pytest.raises(SettingsError, match="LEGAL_GRAPH_QUERY_TIMEOUT='soon'"):
        Settings.from_env()
    monkeypatch.delenv("LEGAL_GRAPH_QUERY_TIMEOUT")
    monkeypatch.setenv("LEGAL_GRAPH_MAX_RESULT_BYTES", "-5")
    with pytest.raises(SettingsError, match="LEGAL_GRAPH_MAX_RESULT_BYTES='-5'"):
        Settings.from_env()


def test_a_burst_larger_than_the_workers_is_queued_and_answered(
    seeded: Path, tmp_path: Path
) -> None:
    # One worker process at a time: twelve clients released at once overlap, so all but one
    # wait their turn.
    with _server(
        seeded, tmp_path, LEGAL_GRAPH_SPARQL_WORKERS="1", LEGAL_GRAPH_SPARQL_IDLE_WORKERS="1"
    ) as s:
        light = QUERIES[0].read_text("utf-8")
        start = threading.Barrier(12)

        def ask(_: int) -> int:
            with httpx.Client(timeout=30) as client:
                start.wait()
                return client.post(s.url, data={"query": light}).status_code

        with ThreadPoolExecutor(12) as pool:
            assert list(pool.map(ask, range(12))) == [200] * 12


def test_queued_queries_keep_their_deadline_and_a_full_backlog_is_refused(
    seeded: Path, tmp_path: Path
) -> None:
    # One worker held by a runaway and a backlog of two: the two queued queries wait no longer
    # than their deadline (answered once the runaway's worker is killed at its own, or 504:
    # not an endless wait); a fourth query finds no room (503, at once).
    with (
        _server(
            seeded,
            tmp_path,
            LEGAL_GRAPH_SPARQL_WORKERS="1",
            LEGAL_GRAPH_SPARQL_IDLE_WORKERS="1",
            LEGAL_GRAPH_SPARQL_BACKLOG="2",
        ) as s,
        httpx.Client(timeout=30) as client,
    ):

        def ask(query: str) -> tuple[int, str, float]:
            t0 = time.monotonic()
            r = client.get(s.url, params={"query": query})
            return r.status_code, r.json().get("type", "answer"), time.monotonic() - t0

        with ThreadPoolExecutor(3) as pool:
            runaway = pool.submit(ask, RUNAWAY)
            time.sleep(0.3)  # the runaway holds the worker
            queued = [pool.submit(ask, f"ASK {{ ?s ?p {i} }}") for i in range(2)]
            time.sleep(0.3)
            refused = client.get(s.url, params={"query": "ASK { ?s ?p ?o }"})
            assert refused.status_code == 503, refused.text
            assert refused.json()["type"].endswith("busy")
            assert refused.headers["retry-after"] == "1"
            for status, kind, seconds in [f.result() for f in queued]:
                assert (status, kind.rsplit("/", 1)[-1]) in (
                    (504, "query-timeout"),
                    (200, "answer"),
                )
                assert seconds < TIMEOUT + 1
            assert runaway.result()[0] == 504


def test_bad_pool_settings_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.config import Settings, SettingsError

    monkeypatch.setenv("LEGAL_GRAPH_SPARQL_BACKLOG", "0")
    assert Settings.from_env().sparql_backlog == 0
    monkeypatch.setenv("LEGAL_GRAPH_SPARQL_BACKLOG", "-1")
    with pytest.raises(SettingsError, match="LEGAL_GRAPH_SPARQL_BACKLOG='-1'.*greater than or"):
        Settings.from_env()
    monkeypatch.delenv("LEGAL_GRAPH_SPARQL_BACKLOG")
    monkeypatch.setenv("LEGAL_GRAPH_SPARQL_WORKERS", "0")
    with pytest.raises(SettingsError, match="LEGAL_GRAPH_SPARQL_WORKERS='0'.*greater than 0"):
        Settings.from_env()
