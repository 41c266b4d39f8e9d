"""The CLI (`legal-graph resolve|show|lineage|impact|path|coverage|timeline --json`) and a real
uvicorn server started by `legal-graph serve` / `legal-graph demo`, asked over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from query_support import REPO, seeds_path
from typer.testing import CliRunner

from api.cli import _register
from api.cli import app as cli

_register()
runner = CliRunner()


def run(*args: str, code: int = 0) -> Any:
    result = runner.invoke(cli, [*args, "--store", seeds_path()])
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def run_json(*args: str) -> Any:
    return json.loads(run(*args, "--json").stdout)


@pytest.mark.shared
def test_impact_json_answers_what_implements_57() -> None:
    body = run_json("impact", "Nghị quyết 57", "-r", "implements")
    docs = [n["doc"] for n in body["nodes"]]
    assert any(d["symbol"] in ("03/NQ-CP", "03/2025/NQ-CP") for d in docs)
    assert any(d["type"] == "KH" and d["jurisdiction"] == "kon-tum" for d in docs)


@pytest.mark.shared
def test_lineage_json_and_flat_table() -> None:
    body = run_json("lineage", "2039/KH-UBND")
    assert {n["doc"]["symbol"]: n["depth"] for n in body["nodes"]}["52-NQ/TW"] == 2
    table = run("lineage", "2039/KH-UBND", "--flat").stdout
    assert "52-NQ/TW" in table and "50/NQ-CP" in table


@pytest.mark.shared
def test_every_query_command_prints_json() -> None:
    assert run_json("resolve", "NQ 57")["best"] == "vn/tw/2024/nq/57"
    assert run_json("show", "50/NQ-CP")["doc"]["key"] == "vn/cp/2020/nq/50"
    assert run_json("path", "2039/KH-UBND", "52-NQ/TW")["paths"]
    cov = run_json("coverage", "52-NQ/TW")
    assert len(cov["covered"]) + len(cov["missing"]) == 34
    assert run_json("timeline", "50/NQ-CP")


@pytest.mark.shared
def test_tables_for_people() -> None:
    out = run("coverage", "52-NQ/TW").stdout
    assert "Tuyên Quang" in out and "No document yet" in out
    assert "2039/KH-UBND" in run("path", "2039/KH-UBND", "52-NQ/TW").stdout
    assert "kon-tum" in run("resolve", "Kế hoạch 2039 Kon Tum").stdout


@pytest.mark.shared
def test_unknown_and_ambiguous_and_bad_options_are_messages_not_tracebacks() -> None:
    missing = run("show", "vn/tw/2024/nq/58", code=1)
    assert "vn/tw/2024/nq/57" in missing.stderr and "Traceback" not in missing.stderr
    bad = run("lineage", "2039/KH-UBND", "--from", "2020-13", code=2)
    assert "--from" in bad.stderr
    rel = run("impact", "57-NQ/TW", "-r", "bogus", code=2)
    assert "--relation" in rel.stderr
    nostore = runner.invoke(cli, ["resolve", "NQ 57", "--store", "/nonexistent/store"])
    assert nostore.exit_code == 2 and "No store" in nostore.stderr


# ---------------------------------------------------------------------------------------------
# A real server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(args: list[str], port: int, cwd: Path, **extra: str) -> Iterator[str]:
    cmd = [sys.executable, "-c", "from api.cli import main; main()", *args, "--port", str(port)]
    env = {**os.environ, "PYTHONPATH": str(REPO), **extra}
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read().decode() if proc.stderr else "exited")
            try:
                httpx.get(base + "/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    yield from start(["serve", "--store", seeds_path()], free_port(), REPO)


@pytest.mark.shared
def test_served_api_answers_over_http(served: str) -> None:
    r = httpx.get(served + "/api/impact", params={"doc": "57-NQ/TW", "relation": "implements"})
    assert r.status_code == 200
    assert any(n["doc"]["jurisdiction"] == "kon-tum" for n in r.json()["nodes"])
    missing = httpx.get(served + "/api/documents/vn/tw/2024/nq/58")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert httpx.get(served + "/docs").status_code == 200


@pytest.mark.slow  # ingests the samples in a fresh process, then serves: the README's command
def test_demo_ingests_the_samples_then_serves(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for base in start(["demo", "--store", str(store)], free_port(), REPO):
        body = httpx.get(base + "/api/lineage", params={"doc": "2039/KH-UBND"}).json()
        symbols = {n["doc"]["symbol"] for n in body["nodes"]}
        assert {"50/NQ-CP", "123-KH/TU", "52-NQ/TW"} <= symbols
    assert store.is_dir()


@pytest.mark.shared
def test_same_answers_through_a_remote_sparql_store(served: str) -> None:
    """The query layer is SPARQL only: over the served /sparql endpoint (batched VALUES
    queries) it answers as over the embedded store (one indexed query per document)."""
    from query_support import seeds_store

    from graph import query
    from graph.remote import SparqlStore

    remote = SparqlStore(served + "/sparql")
    local = seeds_store()
    for direction, ref in (("lineage", "2039/KH-UBND"), ("impact", "52-NQ/TW")):
        a = query.traverse(remote, query.find(remote, ref).key, direction)
        b = query.traverse(local, query.find(local, ref).key, direction)
        assert [(n.doc.key, n.depth, n.doc.symbol) for n in a.nodes] == [
            (n.doc.key, n.depth, n.doc.symbol) for n in b.nodes
        ]
        for n in a.nodes:  # each quote shown is one of the link's quotes in the store
            parent = n.path[-2]
            link = (query.Edge(n.doc.key, n.relation, parent) if direction == "impact"
                    else query.Edge(parent, n.relation, n.doc.key))  # fmt: skip
            quotes = {e.quote for e in query.evidence(local, [link]).get(link, [])}
            assert n.evidence is not None and n.evidence.quote in quotes


def test_a_bad_setting_is_named_without_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "LEGAL_GRAPH_SPARQL_WORKERS": "zero", "LEGAL_GRAPH_STORE": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "api.cli", "resolve", "57"], cwd=REPO, env=env,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 2
    assert "LEGAL_GRAPH_SPARQL_WORKERS='zero'" in done.stderr and "Traceback" not in done.stderr


def test_a_busy_port_is_an_error_before_serving_or_ingesting(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-c", "from api.cli import main; main()", "demo", "--port",
             str(port), "--store", str(tmp_path / "store")],
            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True,
            text=True, timeout=120,
        )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"error: cannot listen on 127.0.0.1:{port}: Address already in use"
    )
    assert "--port" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "store").exists()  # nothing ingested


def test_make_run_takes_the_port() -> None:
    plan = subprocess.run(["make", "-n", "--no-print-directory", "run", "PORT=8765"], cwd=REPO, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert plan.returncode == 0, plan.stderr
    assert plan.stdout.splitlines()[-1] == ".venv/bin/legal-graph demo --port 8765"


def test_documents_are_added_to_a_served_store_through_its_sparql_endpoint(tmp_path: Path) -> None:
    """What the "in use" message and the README tell: the store a server holds takes new
    documents through the server's SPARQL Update, with the token."""
    samples = sorted((REPO / "samples").glob("*.txt"))
    store, token = tmp_path / "store", "s3cret"

    def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", "from api.cli import main; main()", *args],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "PYTHONPATH": str(REPO), **env})  # fmt: skip

    assert cli("ingest", str(samples[0]), "--store", str(store), "--quiet").returncode == 0
    for base in start(["serve", "--store", str(store)], free_port(), REPO,
                      LEGAL_GRAPH_UPDATE_TOKEN=token):  # fmt: skip
        locked = cli("ingest", str(samples[1]), "--store", str(store), "--quiet")
        assert locked.returncode == 2
        message = " ".join(locked.stderr.split())
        assert "is in use by another process" in message
        assert ("LEGAL_GRAPH_SPARQL_QUERY=http://HOST:PORT/sparql LEGAL_GRAPH_UPDATE_TOKEN=… "
                "legal-graph ingest FILES") in message  # fmt: skip
        added = cli("ingest", str(samples[1]), "--quiet", LEGAL_GRAPH_SPARQL_QUERY=base + "/sparql",
                    LEGAL_GRAPH_UPDATE_TOKEN=token)  # fmt: skip
        assert added.returncode == 0, added.stdout + added.stderr
        assert "1 ingested" in " ".join(added.stdout.split())
        r = httpx.get(base + "/api/documents/vn/cp/2020/nq/50")
        assert r.status_code == 200, r.text
        assert r.json()["doc"]["file"].endswith(samples[1].name)
