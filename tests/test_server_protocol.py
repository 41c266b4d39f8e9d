"""api/server.py: `legal-graph serve` answers GET /sparql?query=… in the HTTP protocol, without
the ASGI cycle, and everything else through the app. A real uvicorn on a free port over the
seed documents; the ASGI app is wrapped to count what reaches it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.server import protocol_for
from graph.config import Settings
from graph.ingest import ingest
from graph.store import OxigraphStore
from tests.pages_support import serve
from tests.sparql_support import QUERIES, SEEDS, api_server
from tests.test_sparql_limits import RUNAWAY

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


def test_a_shutdown_waits_for_the_answers_in_flight(tmp_path: Path) -> None:
    # `legal-graph serve` is stopped (SIGTERM) while a runaway query (the whole closure first:
    # many seconds) is in flight: the client still gets its answer, the 504 at the query's
    # deadline, not a cut connection, and then the server exits.
    with OxigraphStore(str(tmp_path / "store")) as store:
        ingest([SEEDS], store, workers=1, progress=False)
    with api_server(tmp_path, LEGAL_GRAPH_STORE=str(tmp_path / "store"),
                    LEGAL_GRAPH_QUERY_TIMEOUT="1.5") as server:
        answer: dict[str, Any] = {}

        def ask() -> None:
            r = httpx.get(server.url, timeout=30, params={"query": RUNAWAY})
            answer.update(status=r.status_code, body=r.json())

        client = threading.Thread(target=ask)
        client.start()
        time.sleep(0.5)
        server.proc.terminate()
        client.join(10)
        assert answer.get("status") == 504, answer
        assert answer["body"]["type"].endswith("query-timeout")
        assert server.proc.wait(10) is not None
