"""No single request takes `legal-graph serve` down: each attack of issue 13 against a real
server on the project's samples store (graph/sparql_guard.py refuses what it can read as
dangerous; graph/sparql_pool.py contains the rest in worker processes)."""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from graph.ingest import ingest
from graph.sparql_guard import QueryLimits, QueryTooDeep, ServiceRefused, check
from graph.store import OxigraphStore
from tests.sparql_support import (
    QUERIES,
    REPO,
    Server,
    api_server,
    free_port,
    oxigraph_binary,
    stop,
    wait_http,
)

SAMPLES = sorted(str(p) for p in (REPO / "samples").glob("*.txt"))
ASK = {"query": "ASK {}"}
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
# a cross product counted: minutes of CPU on the samples, in constant memory
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# a cross product sorted: gigabytes within seconds
HUNGRY = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
N = 5000
CRASHES = {
    "parentheses": "SELECT (" + "(" * N + "1" + ")" * N + " AS ?x) {}",
    "braces": "SELECT * " + "{" * N + "}" * N,
    "optionals": "SELECT * { " + "OPTIONAL{" * N + "}" * N + " }",
    "sum": "SELECT (" + "+".join(["1"] * 10_000) + " AS ?x) {}",
}


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("samples") / "store"
    with OxigraphStore(str(path)) as store:
        ingest(SAMPLES, store, workers=1, progress=False)
    return path


@contextlib.contextmanager
def serve(samples_store: Path, tmp: Path, **env: str) -> Iterator[Server]:
    copy = tmp / f"store-{free_port()}"  # RocksDB locks a store to one process
    shutil.copytree(samples_store, copy)
    with api_server(tmp, LEGAL_GRAPH_STORE=str(copy), **env) as s:
        yield s


@pytest.fixture(scope="module")
def server(samples_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serve(samples_store, tmp_path_factory.mktemp("server"),
               LEGAL_GRAPH_QUERY_TIMEOUT="2") as s:  # fmt: skip
        yield s


def _answers_at_once(server: Server) -> None:
    t0 = time.monotonic()
    r = httpx.get(server.url, params=ASK, timeout=10)
    assert (r.status_code, r.json()) == (200, {"head": {}, "boolean": True})
    assert time.monotonic() - t0 < 1
    assert server.proc.poll() is None


# ---------------------------------------------------------------------------------------------
# The guard, on its own


def test_the_tokenizer_reads_depth_outside_strings_iris_and_comments() -> None:
    limits = QueryLimits(max_depth=10)
    deep = "(" * 11 + ")" * 11
    check(f'SELECT * {{ ?s ?p "{deep}" . ?s ?p <urn:{"x" * 5}> }} # {deep}', limits)
    check(f"SELECT * {{ ?s ?p '''{deep}\n{deep}''' }}", limits)
    with pytest.raises(QueryTooDeep, match="LEGAL_GRAPH_SPARQL_MAX_DEPTH.* 10 levels"):
        check(f"SELECT * {{ FILTER{deep} }}", limits)
    with pytest.raises(QueryTooDeep):  # a chain of operators is a deep tree too
        check("SELECT (" + "-".join(["1"] * 12) + " AS ?x) {}", limits)
    with pytest.raises(QueryTooDeep):  # keywords in any case
        check("SELECT * { {} union {} Union {} UNION {} }", QueryLimits(max_depth=4))
    check("SELECT * { {} union {} Union {} }", QueryLimits(max_depth=4))
    with pytest.raises(ServiceRefused):  # SPARQL decodes \\u escapes before parsing
        check("SELECT * { \\u0053ERVICE <http://127.0.0.1/> {} }", limits)
    check('SELECT * { ?s ?p "SERVICE <http://127.0.0.1/>" }', limits)
    check("SELECT * { SERVICE <http://ok.example/sparql> {} }",
          QueryLimits(services=("http://ok.example/sparql",)))  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Attacks against the server


@pytest.mark.parametrize("name", CRASHES)
def test_crash_queries_are_refused_by_get_and_post(server: Server, name: str) -> None:
    # GET through http.client: httpx refuses URLs over 64 KB (the OPTIONALs' is 80 KB)
    conn = http.client.HTTPConnection(*server.url.split("//")[1].split("/")[0].split(":"))
    target = "/sparql?" + urlencode({"query": CRASHES[name]})
    conn.request("GET", target)
    got = conn.getresponse()
    raw = got.read()
    post = httpx.post(server.url, data={"query": CRASHES[name]}, timeout=10)
    answers = [(post.status_code, post.json())]
    if len(target) < 65536:
        answers.append((got.status, json.loads(raw)))
    else:  # the HTTP parser's own limit on a request line refuses it first
        assert got.status == 400
    for status, problem in answers:
        assert status == 400, problem
        assert problem["type"].endswith("/query-too-deep")
        assert "LEGAL_GRAPH_SPARQL_MAX_DEPTH" in problem["detail"]
        _answers_at_once(server)


def test_a_crash_past_the_guard_costs_only_its_worker(samples_store: Path, tmp_path: Path) -> None:
    # The guard switched off: the engine itself overflows its stack, in a worker.
    with serve(samples_store, tmp_path, LEGAL_GRAPH_SPARQL_MAX_DEPTH="1000000") as s:
        for name in ("parentheses", "sum"):
            r = httpx.post(s.url, data={"query": CRASHES[name]}, timeout=30)
            assert r.status_code == 500, r.text
            problem = r.json()
            assert problem["type"].endswith("/engine-failure")
            assert "query engine (pyoxigraph) failed" in problem["detail"]
            assert "SIG" in problem["detail"]  # how it died
            _answers_at_once(s)


def test_order_by_desc_on_the_samples_leaves_the_server_answering(server: Server) -> None:
    r = httpx.get(server.url, params={"query": "SELECT * WHERE { ?s ?p ?o } ORDER BY DESC(?o)"},
                  timeout=10)  # fmt: skip
    if r.status_code == 200:  # the engine sorted it
        count = httpx.get(server.url, params={"query": "SELECT (COUNT(*) AS ?n) "
                                                        "WHERE { ?s ?p ?o }"}).json()  # fmt: skip
        n = int(count["results"]["bindings"][0]["n"]["value"])
        assert len(r.json()["results"]["bindings"]) == n
    else:  # the engine panicked (issue 13): its worker only
        assert r.status_code == 500 and r.json()["type"].endswith("/engine-failure"), r.text
    _answers_at_once(server)


def _tree_cpu(pid: int) -> float:
    """CPU seconds of the process and its descendants so far (reaped children included)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            times[int(entry.name)] = sum(int(x) for x in fields[11:15])  # u, s, cu, cs time
    tree, grew = {pid}, True
    while grew:
        more = {p for p, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(times.get(p, 0) for p in tree) / tick


def test_a_runaway_is_stopped_at_its_deadline_and_burns_no_cpu_after(server: Server) -> None:
    t0 = time.monotonic()
    r = httpx.get(server.url, params={"query": RUNAWAY}, timeout=30)
    assert r.status_code == 504, r.text
    assert r.json()["type"].endswith("/query-timeout") and "2 s" in r.json()["detail"]
    assert time.monotonic() - t0 < 4
    time.sleep(0.3)  # the killed worker reaped, so its time is counted once
    before = _tree_cpu(server.proc.pid)
    time.sleep(10)
    assert _tree_cpu(server.proc.pid) - before < 0.5
    _answers_at_once(server)


@pytest.fixture(scope="module")
def provisioned(samples_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose operator expects ten runaways at once: twelve spare processes started
    (starting a process while ten others burn both cores takes seconds), then settled."""
    with serve(samples_store, tmp_path_factory.mktemp("provisioned"), LEGAL_GRAPH_QUERY_TIMEOUT="2",
               LEGAL_GRAPH_SPARQL_IDLE_WORKERS="12") as s:  # fmt: skip
        before, deadline = _tree_cpu(s.proc.pid), time.monotonic() + 60
        while time.monotonic() < deadline:  # the spares are up when the tree stops using CPU
            time.sleep(1)
            now = _tree_cpu(s.proc.pid)
            if now - before < 0.05:
                break
            before = now
        yield s


def test_ten_runaways_leave_a_simple_query_answered_within_a_second(provisioned: Server) -> None:
    server = provisioned
    with ThreadPoolExecutor(10) as pool:
        runaways = [pool.submit(httpx.get, server.url, params={"query": RUNAWAY}, timeout=30)
                    for _ in range(10)]  # fmt: skip
        time.sleep(0.5)
        latencies = []
        while not all(f.done() for f in runaways):
            t0 = time.monotonic()
            r = httpx.get(server.url, params={"query": "SELECT (COUNT(*) AS ?n) "
                                              "WHERE { ?s a ?type }"}, timeout=10)  # fmt: skip
            latencies.append(time.monotonic() - t0)
            assert r.status_code == 200, r.text
            time.sleep(0.1)
        assert [f.result().status_code for f in runaways] == [504] * 10
    assert len(latencies) >= 3 and max(latencies) < 1, latencies


def test_service_is_refused_and_the_address_never_contacted(server: Server) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(1)
    port = listener.getsockname()[1]
    try:
        for query in (f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                      f"SELECT * {{ SERVICE SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
                      "SELECT * { SERVICE ?u { ?s ?p ?o } }"):  # fmt: skip
            r = httpx.get(server.url, params={"query": query}, timeout=10)
            assert r.status_code == 403, r.text
            assert r.headers["content-type"] == "application/problem+json"
            problem = r.json()
            assert problem["type"].endswith("/service-not-allowed")
            assert "LEGAL_GRAPH_SPARQL_SERVICES" in problem["detail"]
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody came
    finally:
        listener.close()


def _rss_peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def _post_raw(url: str, head: str, body: Iterator[bytes]) -> tuple[int, bytes]:
    """POST over a plain socket (the server may answer and close before the body is sent):
    the status line and what the server answered."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(head.encode())
        with contextlib.suppress(OSError):  # the server closed: it read no more
            for chunk in body:
                sock.sendall(chunk)
        answer = b""
        with contextlib.suppress(OSError):
            while b"\r\n\r\n" not in answer:
                answer += sock.recv(65536) or b"\r\n\r\n"
            head_, _, body_ = answer.partition(b"\r\n\r\n")
            length = int(head_.lower().split(b"content-length:")[1].split(b"\r\n")[0])
            while len(body_) < length and (part := sock.recv(65536)):
                body_ += part
            answer = head_ + b"\r\n\r\n" + body_
    return int(answer.split(b" ", 2)[1]), answer


def test_a_200_mb_post_is_refused_without_being_read(server: Server) -> None:
    size = 200 << 20
    chunk = b"query=" + b"x" * (1 << 20)
    pid = server.proc.pid
    before = _rss_peak_kb(pid)
    declared = ("POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded"
                f"\r\nContent-Length: {size}\r\n\r\n")  # fmt: skip
    status, answer = _post_raw(server.url, declared, (chunk for _ in range(200)))
    assert (
        status == 413 and b"too-large" in answer and b"LEGAL_GRAPH_SPARQL_MAX_QUERY_BYTES" in answer
    )
    chunked = ("POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
               "Transfer-Encoding: chunked\r\n\r\n")  # fmt: skip
    status, answer = _post_raw(server.url, chunked, (b"%x\r\n%s\r\n" % (len(chunk), chunk)
                                                     for _ in range(200)))  # fmt: skip
    assert status == 413 and b"too-large" in answer
    assert _rss_peak_kb(pid) - before < 50 * 1024
    _answers_at_once(server)


def test_a_query_past_the_memory_cap_gets_a_problem(samples_store: Path, tmp_path: Path) -> None:
    with serve(samples_store, tmp_path, LEGAL_GRAPH_SPARQL_MEMORY_MB="300",
               LEGAL_GRAPH_QUERY_TIMEOUT="60") as s:  # fmt: skip
        r = httpx.get(s.url, params={"query": HUNGRY}, timeout=90)
        assert r.status_code == 507, r.text
        problem = r.json()
        assert problem["type"].endswith("/memory-limit")
        assert "LEGAL_GRAPH_SPARQL_MEMORY_MB=300" in problem["detail"]
        _answers_at_once(s)


def test_an_update_with_the_token_is_seen_by_the_next_query(
    samples_store: Path, tmp_path: Path
) -> None:
    ask = {"query": "ASK { <urn:x:a> <urn:x:b> <urn:x:c> }"}
    with serve(samples_store, tmp_path, LEGAL_GRAPH_UPDATE_TOKEN="s3cret") as s:
        assert httpx.get(s.url, params=ask).json()["boolean"] is False
        refused = httpx.post(
            s.url, data={"update": "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"}
        )
        assert refused.status_code == 403
        for n in range(3):  # each write is seen by the query right after it
            update = f"INSERT DATA {{ GRAPH <urn:g:{n}> {{ <urn:x:a> <urn:x:b> <urn:x:c> }} }}"
            done = httpx.post(s.url, data={"update": update},
                              headers={"Authorization": "Bearer s3cret"})  # fmt: skip
            assert done.status_code == 204, done.text
            count = httpx.get(s.url, params={"query": "SELECT (COUNT(?g) AS ?n) { GRAPH ?g "
                                             "{ <urn:x:a> <urn:x:b> <urn:x:c> } }"}).json()  # fmt: skip
            assert count["results"]["bindings"][0]["n"]["value"] == str(n + 1)
    # the views of the store the workers read, one per write, were removed with the server
    assert [p.name for p in tmp_path.glob("store-*.snapshots")] == []


def test_the_oxigraph_server_on_a_snapshot(samples_store: Path, tmp_path: Path) -> None:
    """README's recipe for heavier traffic: `legal-graph snapshot`, then `oxigraph
    serve-read-only` on it, answering as the store does, its timeout cancelling a runaway."""
    snapshot = tmp_path / "snapshot"
    done = subprocess.run([sys.executable, "-m", "api.cli", "snapshot", str(snapshot), "--store",
                           str(samples_store)], cwd=REPO, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    again = subprocess.run([sys.executable, "-m", "api.cli", "snapshot", str(snapshot), "--store",
                            str(samples_store)], cwd=REPO, capture_output=True, text=True)  # fmt: skip
    assert again.returncode == 2 and "exists" in again.stderr
    binary = oxigraph_binary()
    assert binary, "the oxigraph CLI is a dev dependency"
    port = free_port()
    log = tmp_path / "oxigraph.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([binary, "serve-read-only", "--location", str(snapshot),
                                 "--union-default-graph", "--timeout-s", "2", "--bind",
                                 f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_http(url + "?query=ASK%7B%7D", proc, 30, log)
        with OxigraphStore(str(samples_store), read_only=True) as store:
            for path in QUERIES:
                text = path.read_text("utf-8")
                want = store.query_raw(text, "text/csv")[0].decode().splitlines()
                got = httpx.post(url, data={"query": text}, headers={"Accept": "text/csv"})
                assert sorted(got.text.splitlines()) == sorted(want)
        t0 = time.monotonic()
        cut = httpx.get(url, params={"query": RUNAWAY}, timeout=30)
        assert time.monotonic() - t0 < 5
        assert "cancelled" in cut.text
    finally:
        stop(proc)


def _workers_of_this_process() -> list[int]:
    """The SPARQL worker processes this test process started that are still running."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rpartition(")")[2].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
            if fields[0] != "Z" and int(fields[1]) == os.getpid() and b"sparql_worker" in cmdline:
                found.append(int(stat.parent.name))
    return found


@pytest.mark.timeout(120)  # before, the loop's end could wait forever (a hang, not a failure)
def test_closing_while_processes_start_leaves_none(samples_store: Path, tmp_path: Path) -> None:
    """A pool closed while its processes are still starting (a server stopped at once) waits
    for them and ends them; the loop's own end then finds nothing to cancel."""
    from graph.sparql_pool import IsolatedPool, PoolSettings

    copy = tmp_path / "store"
    shutil.copytree(samples_store, copy)

    async def start_and_close() -> None:
        with OxigraphStore(str(copy)) as store:
            pool = IsolatedPool(store, PoolSettings(idle=4))
            await pool.start()  # four processes starting
            await pool.close()

    for _ in range(3):
        asyncio.run(asyncio.wait_for(start_and_close(), 60))
        assert _workers_of_this_process() == []
    assert list(tmp_path.glob("store.snapshots*")) == []


@pytest.mark.timeout(120)
def test_an_app_run_without_its_lifespan_answers_each_query_and_leaves_no_process() -> None:
    """A plain TestClient (as a mounted sub-app) runs no lifespan, and gives each request an
    event loop of its own: each query gets a pool of its own, closed with it."""
    from fastapi.testclient import TestClient

    from api.app import create_app

    with OxigraphStore(None) as store:
        store.update("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }")
        client = TestClient(create_app(store=store))
        for _ in range(10):
            r = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
            assert r.status_code == 200, r.text
            assert r.json()["results"]["bindings"] == [
                {"n": {"type": "literal", "value": "1", "datatype": XSD_INTEGER}}
            ]
            assert _workers_of_this_process() == []
