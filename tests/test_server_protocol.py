"""api/server.py: `legal-graph serve` answers GET /sparql?query=… in the HTTP protocol, without
the ASGI cycle, and everything else through the app. A real uvicorn on a free port over the
seed documents; the ASGI app is wrapped to count what reaches it."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from api.app import create_app
from api.connection_threads import parse_head
from api.routes.sparql import SparqlConfig
from api.server import protocol_for
from graph.config import Settings
from graph.endpoint import Limits
from graph.ingest import ingest
from graph.store import OxigraphStore
from tests.pages_support import serve
from tests.sparql_support import QUERIES, SEEDS, api_server
from tests.test_sparql_limits import RUNAWAY

pytestmark = pytest.mark.shared  # the seeds of ../shared/corpus

JSON = "application/sparql-results+json"


class Counting:
    """The ASGI app, counting the HTTP requests that reach it."""

    def __init__(self, app: Any) -> None:
        self.app, self.calls = app, 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.calls += 1
        await self.app(scope, receive, send)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[OxigraphStore, str]]:
    path = tmp_path_factory.mktemp("protocol") / "store"
    with OxigraphStore(str(path)) as store:
        ingest([SEEDS], store, workers=1, progress=False)
        yield store, str(path)


@pytest.fixture(scope="module")
def running(seeded: tuple[OxigraphStore, str]) -> Iterator[tuple[str, Counting]]:
    store, path = seeded
    app = create_app(Settings.from_env().with_store(path), store=store)
    protocol = protocol_for(app)
    assert not isinstance(protocol, str), "uvicorn's protocol is not the expected one"
    counting = Counting(app)
    with serve(counting, http=protocol) as base:
        yield base, counting


def test_get_queries_skip_the_asgi_app_and_answer_like_it(running: tuple[str, Counting]) -> None:
    base, app = running
    with httpx.Client(base_url=base, timeout=30) as client:  # one keep-alive connection
        for path in QUERIES:
            text = path.read_text("utf-8")
            before = app.calls
            got = client.get("/sparql", params={"query": text}, headers={"Accept": JSON})
            assert app.calls == before  # answered by the protocol
            via_app = client.post("/sparql", data={"query": text}, headers={"Accept": JSON})
            assert app.calls == before + 1  # POST goes through the app
            assert got.status_code == via_app.status_code == 200
            assert got.content == via_app.content and got.content
            for name in ("content-type", "content-length", "vary", "server"):
                assert got.headers[name] == via_app.headers[name], name


def test_errors_and_formats_are_the_endpoints(running: tuple[str, Counting]) -> None:
    base, app = running
    with httpx.Client(base_url=base, timeout=30) as client:
        before = app.calls
        bad = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"})
        assert bad.status_code == 400
        assert bad.headers["content-type"] == "application/problem+json"
        assert bad.json()["type"].endswith("malformed-query") and bad.json()["instance"] == "/sparql"
        update = client.get("/sparql", params={"update": "CLEAR ALL"})
        assert (update.status_code, update.headers["allow"]) == (405, "POST")
        csv = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2",
                                            "format": "csv"})
        assert csv.headers["content-type"] == "text/csv; charset=utf-8"
        assert csv.text.splitlines()[0] == "s" and len(csv.text.splitlines()) == 3
        refused = client.get("/sparql", params={"query": "ASK {}"},
                             headers={"Accept": "image/png"})
        assert refused.status_code == 406
        assert app.calls == before  # all of it in the protocol
        # no query: the service description, and any other path, are the app's
        assert client.get("/sparql", headers={"Accept": "text/turtle"}).status_code == 200
        assert client.get("/openapi.json").status_code == 200
        assert app.calls == before + 2


def test_connection_close_is_honoured(running: tuple[str, Counting]) -> None:
    base, _ = running
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n"
                     b"Accept: application/sparql-results+json\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):  # the server closes the connection after the answer
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK") and b"connection: close" in head.lower()
    assert body == b'{"head":{},"boolean":true}'


def test_pipelined_requests_are_answered_in_order(running: tuple[str, Counting]) -> None:
    base, _ = running
    host, port = base.removeprefix("http://").split(":")
    asks = [b"ASK { ?s ?p ?o }", b"ASK { <urn:x:none> ?p ?o }"]
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"".join(
            b"GET /sparql?query=" + q.replace(b" ", b"%20").replace(b"{", b"%7B")
            .replace(b"}", b"%7D") + b" HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results"
            b"+json\r\n" + (b"Connection: close\r\n" if i else b"") + b"\r\n"
            for i, q in enumerate(asks)))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    assert data.count(b"HTTP/1.1 200 OK") == 2
    assert data.index(b'"boolean":true') < data.index(b'"boolean":false')


@pytest.mark.parametrize("threaded", [False, True], ids=["first-request", "threaded"])
def test_a_shutdown_waits_for_the_answers_in_flight(tmp_path: Path, threaded: bool) -> None:
    # `legal-graph serve` is stopped (SIGTERM) while a runaway query (the whole closure first:
    # many seconds) is in flight: the client still gets its answer, the 504 at the query's
    # deadline, not a cut connection, and then the server exits. The query is the first on its
    # connection (evaluated by the pool), or follows another (by the connection's own thread).
    with OxigraphStore(str(tmp_path / "store")) as store:
        ingest([SEEDS], store, workers=1, progress=False)
    with api_server(tmp_path, LEGAL_GRAPH_STORE=str(tmp_path / "store"),
                    LEGAL_GRAPH_QUERY_TIMEOUT="1.5") as server:
        answer: dict[str, Any] = {}
        client = httpx.Client(timeout=30)
        if threaded:
            assert client.get(server.url, params={"query": "ASK {}"}).status_code == 200

        def ask() -> None:
            try:
                r = client.get(server.url, params={"query": RUNAWAY})
            finally:
                client.close()
            answer.update(status=r.status_code, body=r.json())

        asker = threading.Thread(target=ask)
        asker.start()
        time.sleep(0.5)
        server.proc.terminate()
        asker.join(10)
        assert answer.get("status") == 504, answer
        assert answer["body"]["type"].endswith("query-timeout")
        assert server.proc.wait(10) is not None


# -- a keep-alive connection served by its own thread (api/connection_threads.py) ---------------


def _threads(base: str) -> set[threading.Thread]:
    """The threads serving connections to the server at ``base`` (named after the server)."""
    to = " to " + base.removeprefix("http://")
    return {t for t in threading.enumerate()
            if t.name.startswith("sparql-connection") and t.name.endswith(to)}


def _until(check: Any, seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _get(text: str, extra: bytes = b"") -> bytes:
    return (b"GET /sparql?query=" + quote(text).encode() + b" HTTP/1.1\r\nHost: x\r\n"
            b"Accept: application/sparql-results+json\r\n" + extra + b"\r\n")


def _responses(sock: socket.socket, n: int) -> list[tuple[bytes, bytes]]:
    """The next ``n`` (head, body) responses on a connection (bodies by Content-Length)."""
    data, out = b"", []
    while len(out) < n:
        end = data.find(b"\r\n\r\n")
        if end >= 0:
            head = data[:end]
            length = _content_length(head)
            if len(data) >= end + 4 + length:
                out.append((head, data[end + 4:end + 4 + length]))
                data = data[end + 4 + length:]
                continue
        chunk = sock.recv(65536)
        assert chunk, f"connection closed after {len(out)} of {n} responses"
        data += chunk
    return out


def test_a_keep_alive_connection_gets_a_thread_and_gives_it_back(
        running: tuple[str, Counting]) -> None:
    base, app = running
    assert _until(lambda: len(_threads(base)) == 0)
    with httpx.Client(base_url=base, timeout=30) as client:
        first = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"},
                           headers={"Accept": JSON})
        assert first.json()["boolean"] is True
        assert _until(lambda: len(_threads(base)) == 1)  # the connection's next requests
        before = app.calls
        for path in QUERIES:
            text = path.read_text("utf-8")
            # the first GET by the protocol (a POST gave the connection back), then its thread
            got = [client.get("/sparql", params={"query": text}, headers={"Accept": JSON})]
            assert _until(lambda: len(_threads(base)) == 1)
            thread = _threads(base)
            got += [client.get("/sparql", params={"query": text}, headers={"Accept": JSON})
                    for _ in range(2)]
            assert app.calls == before and _threads(base) == thread  # one thread answered both
            via_app = client.post("/sparql", data={"query": text}, headers={"Accept": JSON})
            assert app.calls == before + 1  # the POST was handed back to uvicorn and the app
            assert _until(lambda: len(_threads(base)) == 0)
            before = app.calls
            for answer in got:
                assert (answer.status_code, answer.content) == (via_app.status_code,
                                                                via_app.content)
                assert answer.headers["content-type"] == via_app.headers["content-type"]
        bad = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"})
        assert bad.status_code == 400 and bad.json()["type"].endswith("malformed-query")
        assert client.get("/openapi.json").status_code == 200
        assert app.calls == before + 1
    assert _until(lambda: len(_threads(base)) == 0)  # the client closed: the thread ended


@contextmanager
def _threaded_connection(base: str) -> Iterator[socket.socket]:
    """A connection to ``base`` that asked one GET /sparql and is now served by a thread."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(_get("ASK { ?s ?p ?o }"))
        assert _responses(sock, 1)[0][0].startswith(b"HTTP/1.1 200")
        assert _until(lambda: len(_threads(base)) == 1)
        yield sock


def test_a_threaded_connection_keeps_the_http_stream_intact(
        running: tuple[str, Counting]) -> None:
    base, _ = running
    with _threaded_connection(base) as sock:
        # two requests in one write: the thread hands them to uvicorn, which keeps their order
        sock.sendall(_get("ASK { ?s ?p ?o }") + _get("ASK { <urn:x:none> ?p ?o }"))
        answers = _responses(sock, 2)
        assert [body for _, body in answers] == [b'{"head":{},"boolean":true}',
                                                 b'{"head":{},"boolean":false}']
        # a request in pieces, then a header only uvicorn parses (Connection: close)
        whole = _get("ASK { ?s ?p ?o }")
        for part in (whole[:20], whole[20:45], whole[45:]):
            sock.sendall(part)
            time.sleep(0.05)
        assert _responses(sock, 1)[0][1] == b'{"head":{},"boolean":true}'
        sock.sendall(_get("ASK { <urn:x:none> ?p ?o }", b"Connection: close\r\n"))
        head, body = _responses(sock, 1)[0]
        assert b"connection: close" in head.lower() and body.endswith(b"false}")
        assert sock.recv(100) == b""  # closed after the answer, as asked


def test_a_malformed_request_on_a_threaded_connection_gets_uvicorns_400(
        running: tuple[str, Counting]) -> None:
    base, _ = running
    with _threaded_connection(base) as sock:
        sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nBad Header\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
        assert data.startswith(b"HTTP/1.1 400")


def _server(store: OxigraphStore, path: str, **config: Any) -> Any:
    app = create_app(Settings.from_env().with_store(path), store=store)
    app.state.sparql_config = SparqlConfig(**config)
    return serve(app, http=protocol_for(app), timeout_keep_alive=1)


def test_a_runaway_on_a_threaded_connection_times_out_and_others_are_answered(
        seeded: tuple[OxigraphStore, str]) -> None:
    with _server(*seeded, limits=Limits(timeout=1.5)) as base, \
            httpx.Client(base_url=base, timeout=30) as runaway_client, \
            httpx.Client(base_url=base, timeout=30) as other:
        assert runaway_client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
        assert _until(lambda: len(_threads(base)) == 1)
        result: dict[str, Any] = {}

        def ask() -> None:
            t0 = time.monotonic()
            r = runaway_client.get("/sparql", params={"query": RUNAWAY})
            result.update(status=r.status_code, body=r.json(), headers=r.headers,
                          seconds=time.monotonic() - t0)

        asker = threading.Thread(target=ask)
        asker.start()
        time.sleep(0.3)
        for _ in range(5):  # the runaway holds its own thread, not the others
            t0 = time.monotonic()
            assert other.get("/sparql", params={"query": "ASK {}"}).status_code == 200
            assert time.monotonic() - t0 < 1
        asker.join(10)
        assert result["status"] == 504 and result["body"]["type"].endswith("query-timeout")
        assert 1.4 < result["seconds"] < 4 and result["headers"]["connection"] == "close"
        # the client opens a new connection and goes on
        assert runaway_client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_threads_are_bounded_by_the_workers_and_idle_ones_close(
        seeded: tuple[OxigraphStore, str]) -> None:
    with _server(*seeded, workers=1) as base:
        clients = [httpx.Client(base_url=base, timeout=30) for _ in range(3)]
        try:
            for _ in range(3):
                for client in clients:  # three keep-alive connections, one thread
                    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
                    assert r.json()["boolean"] is True
                assert len(_threads(base)) <= 1
            assert len(_threads(base)) == 1
            # idle past the keep-alive timeout (1 s here): the server closes, the thread ends
            assert _until(lambda: len(_threads(base)) == 0, 4)
            assert clients[0].get("/sparql", params={"query": "ASK {}"}).status_code == 200
        finally:
            for client in clients:
                client.close()


@pytest.mark.parametrize(("head", "plain"), [
    (b"GET /sparql?query=x HTTP/1.1\r\nHost: a\r\nAccept: */*", True),
    (b"GET /sparql?query=x HTTP/1.1\r\nHost: a\r\nAccept: */*\r\nConnection: Keep-Alive", True),
    (b"POST /sparql HTTP/1.1\r\nHost: a", False),
    (b"GET /sparql?query=x HTTP/1.0\r\nHost: a", False),
    (b"GET /sparql?query=x HTTP/1.1\r\nContent-Length: 3", False),
    (b"GET /sparql?query=x HTTP/1.1\r\nTransfer-Encoding: chunked", False),
    (b"GET /sparql?query=x HTTP/1.1\r\nConnection: close", False),
    (b"GET /sparql?query=x HTTP/1.1\r\nConnection: keep-alive, Upgrade", False),
    (b"GET /sparql?query=x HTTP/1.1\r\nHost: a\r\n folded", False),
    (b"GET /sparql?query=x HTTP/1.1\r\nHost: a\r\nHost: b", False),
    (b"GET /sparql?query=x HTTP/1.1\r\nBad Name: a", False),
    (b"GET  /sparql?query=x HTTP/1.1", False),
])
def test_only_plain_get_heads_are_left_to_the_thread(head: bytes, plain: bool) -> None:
    parsed = parse_head(head)
    assert (parsed is not None) == plain
    if parsed is not None:
        assert parsed[0] == b"/sparql?query=x"
        assert (parsed[1][b"host"], parsed[1][b"accept"]) == (b"a", b"*/*")


def test_a_shutdown_closes_idle_threaded_connections_at_once(tmp_path: Path) -> None:
    with OxigraphStore(str(tmp_path / "store")) as store:
        ingest([SEEDS], store, workers=1, progress=False)
    with api_server(tmp_path, LEGAL_GRAPH_STORE=str(tmp_path / "store")) as server, \
            httpx.Client(timeout=30) as client:
        for _ in range(3):  # a keep-alive connection, its thread waiting for the next request
            assert client.get(server.url, params={"query": "ASK {}"}).status_code == 200
        t0 = time.monotonic()
        server.proc.terminate()
        server.proc.wait(10)  # uvicorn re-raises SIGTERM once it has shut down
        assert time.monotonic() - t0 < 2  # not held open until the keep-alive timeout (5 s)


def test_over_tls_connections_stay_with_the_event_loop(
        seeded: tuple[OxigraphStore, str], tmp_path: Path) -> None:
    # Under TLS the socket carries ciphertext: a thread reading it would answer garbage.
    import ssl

    import trustme

    ca = trustme.CA()
    ca.issue_cert("127.0.0.1").private_key_and_cert_chain_pem.write_to_path(tmp_path / "k.pem")
    store, path = seeded
    app = create_app(Settings.from_env().with_store(path), store=store)
    context = ssl.create_default_context()
    ca.configure_trust(context)
    with serve(app, http=protocol_for(app), ssl_keyfile=str(tmp_path / "k.pem"),
               ssl_certfile=str(tmp_path / "k.pem")) as base:
        tls = base.replace("http://", "https://")
        with httpx.Client(base_url=tls, timeout=30, verify=context) as client:
            for _ in range(4):
                r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
                assert r.json()["boolean"] is True
            assert not _threads(base)


def test_mixed_traffic_on_many_connections_is_answered_right(
        seeded: tuple[OxigraphStore, str]) -> None:
    # Six keep-alive clients, two connection threads: connections move between the event loop
    # and threads as GETs, POSTs and other paths interleave; every answer must be its own.
    import random

    asks = {"ASK { ?s ?p ?o }": True, "ASK { <urn:x:none> ?p ?o }": False}
    errors: list[str] = []

    def client(seed: int, base: str) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=30) as http:
            for _ in range(60):
                text, expected = rng.choice(list(asks.items()))
                kind = rng.choice(["get", "get", "get", "post", "other"])
                if kind == "other":
                    r = http.get("/sparql/yasgui.nothing")
                    ok = r.status_code == 404
                elif kind == "post":
                    r = http.post("/sparql", data={"query": text}, headers={"Accept": JSON})
                    ok = r.json().get("boolean") is expected
                else:
                    r = http.get("/sparql", params={"query": text}, headers={"Accept": JSON})
                    ok = r.json().get("boolean") is expected
                if not ok:
                    errors.append(f"{kind} {text}: {r.status_code} {r.text[:80]}")

    with _server(*seeded, workers=2) as base:
        threads = [threading.Thread(target=client, args=(i, base)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors, errors[:5]
        assert _until(lambda: not _threads(base))


def test_a_large_answer_reaches_a_slow_reader_on_a_threaded_connection(
        seeded: tuple[OxigraphStore, str]) -> None:
    # The answer takes seconds to read, longer than the keep-alive timeout (1 s here), which
    # is the thread's timeout for reading requests: writing it must not be cut off by it.
    big = "SELECT * WHERE { ?s ?p ?o . ?x ?y ?z } LIMIT 30000"
    with _server(*seeded) as base, _threaded_connection(base) as sock:
        sock.sendall(_get(big))
        data, t0 = b"", time.monotonic()
        while b"\r\n\r\n" not in data or len(data) < _length(data):
            chunk = sock.recv(256 << 10)
            assert chunk, f"cut off after {len(data)} bytes, {time.monotonic() - t0:.1f} s"
            data += chunk
            time.sleep(0.05)
        assert time.monotonic() - t0 > 1.5  # the reader was slow indeed
        rows = json.loads(data.partition(b"\r\n\r\n")[2])["results"]["bindings"]
        assert len(rows) == 30000


def _length(data: bytes) -> int:
    """The length of the response that ``data`` begins (head, blank line and body)."""
    head, _, _ = data.partition(b"\r\n\r\n")
    return len(head) + 4 + _content_length(head)


def _content_length(head: bytes) -> int:
    return next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:"))
