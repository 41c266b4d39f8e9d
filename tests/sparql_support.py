"""Real servers for the SPARQL tests: the project's API (uvicorn), an Oxigraph server and Virtuoso,
each started on 127.0.0.1 with a free port and a temporary directory, and stopped afterwards."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SEEDS = CORPUS / "seeds"
QUERIES = sorted((REPO / "api" / "queries").glob("*.rq"))
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, proc: subprocess.Popen[bytes], seconds: float, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"{proc.args!r} exited with {proc.returncode}:\n{log.read_text()[-3000:]}"
            )
        with contextlib.suppress(httpx.HTTPError):
            httpx.get(url, timeout=2)
            return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up in {seconds:g} s:\n{log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen[bytes], seconds: float = 10) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(seconds)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class Server:
    url: str  # SPARQL query endpoint
    update_url: str
    proc: subprocess.Popen[bytes]
    log: Path


@contextlib.contextmanager
def api_server(tmp: Path, **env: str) -> Iterator[Server]:
    """`legal-graph serve` with LEGAL_GRAPH_* settings
    from ``env``."""
    port = free_port()
    log = tmp / f"uvicorn-{port}.log"
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("LEGAL_GRAPH_")}
    full_env.update(env)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                str(BIN / "python"),
                "-m",
                "api.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=REPO,
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/openapi.json", proc, 60, log)
        yield Server(base + "/sparql", base + "/sparql", proc, log)
    finally:
        stop(proc, 3)  # a query cut off by its timeout may still hold a thread: don't wait


def oxigraph_binary() -> str | None:
    found = BIN / "oxigraph"
    return str(found) if found.exists() else shutil.which("oxigraph")


@contextlib.contextmanager
def oxigraph_server(tmp: Path, location: Path | None = None) -> Iterator[Server]:
    """`oxigraph serve --union-default-graph` (PyPI package `oxigraph`) on a free port."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the oxigraph CLI is not installed (pip install oxigraph)")
    port = free_port()
    location = location or tmp / f"oxigraph-{port}"
    log = tmp / f"oxigraph-{port}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                binary,
                "serve",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/query?query=ASK%7B%7D", proc, 30, log)
        yield Server(base + "/query", base + "/update", proc, log)
    finally:
        stop(proc)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {d}, {load_dir}
CaseMode = 2
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {d}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 0
"""


def virtuoso_binaries() -> tuple[str, str] | None:
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    return (server, isql) if server and isql else None


@dataclass
class Virtuoso(Server):
    isql: str
    sql_port: int

    def sql(self, statement: str) -> str:
        """Run SQL through isql as dba (the test database's default password)."""
        done = subprocess.run(
            [self.isql, str(self.sql_port), "dba", "dba", f"exec={statement}"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed on {statement!r}: {done.stdout}{done.stderr}")
        return done.stdout


@contextlib.contextmanager
def virtuoso_server(tmp: Path, load_dir: Path | None = None) -> Iterator[Virtuoso]:
    """Virtuoso (Debian virtuoso-opensource-7-bin) with a fresh database in ``tmp``, SPARQL
    Update granted to the anonymous SPARQL user (the test server only listens on loopback)."""
    found = virtuoso_binaries()
    if found is None:
        raise RuntimeError("virtuoso-t / isql-vt are not installed (.ci/system-deps)")
    server, isql = found
    d = tmp / "virtuoso"
    d.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    (d / "virtuoso.ini").write_text(
        VIRTUOSO_INI.format(d=d, sql_port=sql_port, http_port=http_port, load_dir=load_dir or d)
    )
    log = d / "stdout.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [server, "-f", "-c", str(d / "virtuoso.ini")],
            cwd=d,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_http(base + "/sparql?query=ASK%7B%7D", proc, 90, log)
        v = Virtuoso(base + "/sparql", base + "/sparql", proc, log, isql, sql_port)
        v.sql('grant SPARQL_UPDATE to "SPARQL";')
        yield v
    finally:
        stop(proc, 30)
