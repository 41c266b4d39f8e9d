"""SPARQL endpoint throughput and latency: this project's /sparql against an Oxigraph server (the
floor: the same engine behind a Rust HTTP server) and rdflib-endpoint (what a Python user would
otherwise pick, run with its Oxigraph store, as fast as it goes), on the same data in one run;
this project's server is started as users start it, ``legal-graph serve``.

Data: ``legal-graph synth`` documents (default 100k) ingested into an on-disk store; each server
opens its own copy of that store directory (rdflib-endpoint through oxrdflib: its CLI would parse
the N-Quads export with rdflib's Python parser, over an hour at this size). Three queries, each
asked about many different documents (picked from the data) so no cache answers for free:

- one-hop: what implements document X
- transitive: everything document X implements, directly or not (``lg:implements+``)
- aggregate: how many documents implement X per jurisdiction, and the first date

Load: ``--clients`` threads on keep-alive connections (http.client, the lightest client) send
GET requests for ``--seconds`` per query and server, the same client and requests for every
server, the servers taking turns for ``--rounds`` rounds (each one's median round counts);
requests/s, p50/p99 latency and the server's CPU time per request (its processes'
user + system time from /proc: the figure that a busy machine disturbs least), then the
ratios: this endpoint / Oxigraph server (target >= 0.6) and this endpoint / rdflib-endpoint
(target > 1). Answers are checked equal across the three servers before timing, and each
server is left to settle (no CPU use) after its first answer: this project's server builds the
API's in-memory read model (graph/index.py; not used by /sparql) in the background when it
opens the store, about a minute of CPU at 100k documents, which must not overlap the timing.
This project's CPU per request counts its SPARQL worker processes (graph/sparql_pool.py), where
the queries are evaluated. ``--no-rdflib`` leaves rdflib-endpoint out (minutes to start).

    python benchmarks/bench_sparql.py                         # 100k documents (builds once)
    python benchmarks/bench_sparql.py --docs 5000 --seconds 5 # quick look
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph import vocab  # noqa: E402
from tests.sparql_support import free_port, oxigraph_binary, stop, wait_http  # noqa: E402

LG, ELI = vocab.LG, vocab.ELI
QUERIES = {
    "one-hop": "SELECT DISTINCT ?d WHERE {{ ?d <{lg}implements> <{x}> }}",
    "transitive": "SELECT DISTINCT ?a WHERE {{ <{x}> <{lg}implements>+ ?a }}",
    "aggregate": (
        "SELECT ?j (COUNT(DISTINCT ?d) AS ?n) (MIN(?date) AS ?first) WHERE {{ "
        "?d <{lg}implements> <{x}> ; <{lg}jurisdiction> ?j . "
        "OPTIONAL {{ ?d <{eli}date_document> ?date }} }} GROUP BY ?j"
    ),
}


# -- data -------------------------------------------------------------------------------------


def prepare(work: Path, docs: int) -> Path:
    """The ingested store, built once per size and reused."""
    from graph.ingest import ingest
    from graph.store import OxigraphStore
    from ingest.synth import generate

    corpus, store_dir = work / "corpus", work / "store"
    if not (work / "corpus.done").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        t0 = time.perf_counter()
        generate(docs, corpus, seed=0)
        (work / "corpus.done").touch()
        print(f"synth: {docs} documents in {time.perf_counter() - t0:.0f} s", flush=True)
    if not (work / "store.done").exists():
        shutil.rmtree(store_dir, ignore_errors=True)
        t0 = time.perf_counter()
        with OxigraphStore(str(store_dir)) as store:
            report = ingest([corpus], store, progress=False)
        (work / "store.done").touch()
        print(
            f"ingest: {report.ingested} files, {report.quads} quads in "
            f"{time.perf_counter() - t0:.0f} s",
            flush=True,
        )
    return store_dir


def targets(store_dir: Path, n: int) -> dict[str, list[str]]:
    """Documents to ask about: the most implemented (one-hop, aggregate) and the documents with
    the longest chains upward (transitive)."""
    from graph.store import OxigraphStore

    with OxigraphStore(str(store_dir), read_only=True) as store:
        central = [
            str(r["x"])
            for r in store.select(
                f"SELECT ?x (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d <{LG}implements> ?x }} "
                f"GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT {n}"
            )
        ]
        # chains of two or more steps up: documents implementing what implements the centrals
        values = " ".join(f"<{x}>" for x in central[:20])
        deep = sorted(
            {
                str(r["d"])
                for r in store.select(
                    f"SELECT DISTINCT ?d WHERE {{ VALUES ?x {{ {values} }} "
                    f"?m <{LG}implements> ?x . ?d <{LG}implements> ?m }}"
                )
            }
        )[:n]
    return {"one-hop": central, "transitive": deep or central, "aggregate": central}


# -- servers ----------------------------------------------------------------------------------


@dataclass
class Endpoint:
    name: str
    url: str
    proc: subprocess.Popen[bytes]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its descendants so far, those it has reaped
    included (this project's SPARQL worker processes; Linux /proc; 0 elsewhere)."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    return total


def settle(proc: subprocess.Popen[bytes], seconds: float = 600) -> None:
    """Wait until the server uses (almost) no CPU: loading caches or models at start is not
    what the benchmark measures. On a busy machine this project's server takes minutes (its
    read model, the store's compaction): a server still busy when timing starts is said."""
    deadline = time.monotonic() + seconds
    before = cpu_seconds(proc.pid)
    while time.monotonic() < deadline:
        time.sleep(1)
        now = cpu_seconds(proc.pid)
        if now - before < 0.05:
            return
        before = now
    print(f"pid {proc.pid} still busy after {seconds:g} s: its CPU figures include that work")


@contextlib.contextmanager
def serve(
    name: str, args: list[str], url: str, probe: str, log: Path, env: dict[str, str], wait: float
) -> Iterator[Endpoint]:
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        t0 = time.perf_counter()
        wait_http(probe, proc, wait, log)
        settle(proc)
        print(f"{name}: up in {time.perf_counter() - t0:.0f} s", flush=True)
        yield Endpoint(name, url, proc)
    finally:
        stop(proc, 5)


# rdflib-endpoint as its README shows it, over an rdflib Dataset backed by oxrdflib (its fastest
# store: Oxigraph evaluates the SPARQL), with the union of the graphs as default graph.
RDFLIB_ENDPOINT = """
import pyoxigraph, uvicorn
from oxrdflib import OxigraphStore
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint
graph = Dataset(store=OxigraphStore(store=pyoxigraph.Store({path!r})), default_union=True)
app = SparqlEndpoint(graph=graph, path="/sparql")
uvicorn.run(app, host="127.0.0.1", port={port}, log_level="warning", access_log=False)
"""


@contextlib.contextmanager
def servers(work: Path, store_dir: Path, rdflib: bool) -> Iterator[list[Endpoint]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEGAL_GRAPH_")}
    ours_dir, oxi_dir, rdfl_dir = work / "run-ours", work / "run-oxigraph", work / "run-rdflib"
    for copy in (ours_dir, oxi_dir, rdfl_dir)[: 3 if rdflib else 2]:
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(store_dir, copy)
    p1, p2, p3 = free_port(), free_port(), free_port()
    with contextlib.ExitStack() as stack:
        ours = stack.enter_context(
            serve(
                "legal-graph /sparql",
                [
                    sys.executable,
                    "-m",
                    "api.cli",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(p1),
                ],
                f"http://127.0.0.1:{p1}/sparql",
                f"http://127.0.0.1:{p1}/sparql?query=ASK%7B%7D",
                work / "ours.log",
                {
                    **env,
                    "LEGAL_GRAPH_STORE": str(ours_dir),
                    "LEGAL_GRAPH_MAX_RESULT_BYTES": str(1 << 30),
                    # the client's patience, not the public default of 10 s
                    "LEGAL_GRAPH_QUERY_TIMEOUT": str(REQUEST_TIMEOUT),
                },
                120,
            )
        )
        oxi = stack.enter_context(
            serve(
                "oxigraph server",
                [
                    str(oxigraph_binary()),
                    "serve",
                    "--location",
                    str(oxi_dir),
                    "--bind",
                    f"127.0.0.1:{p2}",
                    "--union-default-graph",
                ],
                f"http://127.0.0.1:{p2}/query",
                f"http://127.0.0.1:{p2}/query?query=ASK%7B%7D",
                work / "oxigraph.log",
                env,
                120,
            )
        )
        if not rdflib:
            yield [ours, oxi]
            return
        rdfl = stack.enter_context(
            serve(
                "rdflib-endpoint",
                [sys.executable, "-c", RDFLIB_ENDPOINT.format(path=str(rdfl_dir), port=p3)],
                f"http://127.0.0.1:{p3}/sparql",
                f"http://127.0.0.1:{p3}/sparql?query=ASK%7B%7D",
                work / "rdflib-endpoint.log",
                env,
                900,
            )
        )  # it scans the whole graph at start
        yield [ours, oxi, rdfl]


# -- load -------------------------------------------------------------------------------------


def _path(url: str, sparql: str) -> str:
    return f"{urlsplit(url).path}?query={quote(sparql)}"


REQUEST_TIMEOUT = 120.0  # seconds: a slower answer counts as a timeout


def ask(url: str, sparql: str) -> int | None:
    """Rows of one query (a correctness check before timing); None when it timed out."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(
        parts.hostname or "127.0.0.1", parts.port, timeout=REQUEST_TIMEOUT
    )
    try:
        conn.request(
            "GET", _path(url, sparql), headers={"Accept": "application/sparql-results+json"}
        )
        resp = conn.getresponse()
        body = resp.read()
    except TimeoutError:
        return None
    finally:
        conn.close()
    if resp.status != 200:
        raise RuntimeError(f"{url}: {resp.status} {body[:300]!r}")
    return len(json.loads(body)["results"]["bindings"])


def load(url: str, paths: list[str], clients: int, seconds: float) -> tuple[float, list[float]]:
    """Requests/s and latencies of ``clients`` keep-alive connections for ``seconds``."""
    parts = urlsplit(url)
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []
    stop_at = time.perf_counter() + seconds

    def client(i: int) -> None:
        conn = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port, timeout=REQUEST_TIMEOUT
        )
        k = i
        while time.perf_counter() < stop_at:
            t0 = time.perf_counter()
            conn.request(
                "GET", paths[k % len(paths)], headers={"Accept": "application/sparql-results+json"}
            )
            try:
                resp = conn.getresponse()
                resp.read()
            except TimeoutError:
                errors.append(f"no answer within {REQUEST_TIMEOUT:g} s")
                return
            if resp.status != 200:
                errors.append(f"{resp.status}")
                return
            latencies[i].append(time.perf_counter() - t0)
            k += clients
        conn.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"{url}: {errors[0]}")
    flat = [x for xs in latencies for x in xs]
    return len(flat) / elapsed, flat


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--targets", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="turns of every server per query")
    parser.add_argument(
        "--queries", default=",".join(QUERIES), help="which of the queries, comma-separated"
    )
    parser.add_argument(
        "--no-rdflib",
        action="store_true",
        help="skip rdflib-endpoint (its start scans the graph: minutes at 100k)",
    )
    args = parser.parse_args()
    work = args.workdir or Path(f"/tmp/legal-graph-bench-sparql-{args.docs}")
    work.mkdir(parents=True, exist_ok=True)
    if oxigraph_binary() is None:
        sys.exit("the oxigraph CLI is missing: pip install oxigraph")
    store_dir = prepare(work, args.docs)
    picked = targets(store_dir, args.targets)
    texts = {
        q: [QUERIES[q].format(lg=LG, eli=ELI, x=x) for x in picked[q]]
        for q in args.queries.split(",")
    }
    results: dict[tuple[str, str], tuple[float, float, float, float]] = {}
    with servers(work, store_dir, not args.no_rdflib) as eps:
        for q, sparqls in texts.items():
            counts = {ep.name: [ask(ep.url, s) for s in sparqls[:2]] for ep in eps}
            answered = {tuple(c) for c in counts.values() if None not in c}
            if len(answered) != 1:
                sys.exit(f"{q}: the servers disagree on the answers: {counts}")
            rounds: dict[str, list[tuple[float, float, float, float]]] = {}
            for ep in eps:
                if None in counts[ep.name]:  # too slow to measure: below 1 / REQUEST_TIMEOUT
                    results[(q, ep.name)] = (
                        0.0,
                        REQUEST_TIMEOUT * 1000,
                        REQUEST_TIMEOUT * 1000,
                        0.0,
                    )
                    print(f"{q:10} {ep.name:20} no answer within {REQUEST_TIMEOUT:g} s", flush=True)
                else:
                    rounds[ep.name] = []
            # The servers take turns, round after round: a machine whose speed drifts (other
            # jobs) then disturbs them alike; each server's median round is its figure.
            for k in range(args.rounds):
                for ep in eps:
                    if ep.name not in rounds:
                        continue
                    paths = [_path(ep.url, s) for s in sparqls]
                    try:
                        load(ep.url, paths, args.clients, min(2.0, args.seconds))  # warm up
                        cpu0 = cpu_seconds(ep.proc.pid)
                        rate, lat = load(ep.url, paths, args.clients, args.seconds)
                        cpu = (cpu_seconds(ep.proc.pid) - cpu0) / len(lat) * 1000
                    except RuntimeError as e:
                        print(f"{q:10} {ep.name:20} {e}", flush=True)
                        del rounds[ep.name]
                        results[(q, ep.name)] = (
                            0.0,
                            REQUEST_TIMEOUT * 1000,
                            REQUEST_TIMEOUT * 1000,
                            0.0,
                        )
                        continue
                    rounds[ep.name].append((rate, pct(lat, 0.5), pct(lat, 0.99), cpu))
                    print(
                        f"{q:10} {ep.name:20} round {k + 1}: {rate:8.0f} req/s  p50 "
                        f"{pct(lat, 0.5):7.2f} ms  p99 {pct(lat, 0.99):7.2f} ms  server CPU "
                        f"{cpu:6.2f} ms/req  (rows: {counts[ep.name][0]})",
                        flush=True,
                    )
            for name, runs in rounds.items():
                results[(q, name)] = sorted(runs)[len(runs) // 2]
        names = [ep.name for ep in eps]
    print(
        f"\n{args.docs} documents, {args.clients} clients, {args.seconds:g} s per cell, "
        f"median of {args.rounds} rounds; "
        f"this endpoint vs Oxigraph server (target >= 0.6x) and vs rdflib-endpoint (target > 1x)"
    )
    print(
        f"| query | {' | '.join(n + ' req/s (p50; p99 ms; CPU ms/req)' for n in names)} | "
        + " | ".join(f"vs {n}" for n in names[1:])
        + " |"
    )
    print("|---|" + "---|" * (2 * len(names) - 1))
    for q in texts:
        cells = [f"{r[0]:.0f} ({r[1]:.1f}; {r[2]:.1f}; {r[3]:.2f})"
                 for r in (results[(q, n)] for n in names)]  # fmt: skip
        ours = results[(q, names[0])][0]
        ratios = [_ratio(ours, results[(q, n)][0]) for n in names[1:]]
        print(f"| {q} | {' | '.join(cells)} | {' | '.join(ratios)} |")


def _ratio(ours: float, other: float) -> str:
    if other == 0:  # the other server gave no answer in REQUEST_TIMEOUT
        return f"> {ours * REQUEST_TIMEOUT:.0f}x"
    return f"{ours / other:.2f}x"


if __name__ == "__main__":
    main()
