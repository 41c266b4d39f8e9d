"""Remote stores: legal-graph keeps its graph in a real Oxigraph server and a real Virtuoso, each
started here on free ports with a temporary database. Ingest of the seed documents, lineage,
impact, the README's queries and the /sparql endpoint over the remote store all give the same
answers as the embedded store; the bulk path (export N-Quads, the server's own loader) too."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from graph import query as Q
from graph import vocab
from graph.config import Settings
from graph.ingest import ingest
from graph.remote import SparqlStore
from graph.store import OxigraphStore, Store, open_store
from tests.sparql_support import (
    QUERIES,
    REPO,
    SEEDS,
    Server,
    api_server,
    oxigraph_binary,
    oxigraph_server,
    virtuoso_binaries,
    virtuoso_server,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.shared,
]  # servers start (Virtuoso: 5-25 s); kept in the default run

LINEAGE_KEYS = [
    "kon-tum/ubnd/2020/kh/2039",
    "vn/tw/2024/nq/57",
    "vn/tw/2019/nq/52",
    "vn/cp/2020/nq/50",
]
# every quad but the ingest time, as plain values (engines may write a literal differently,
# e.g. Virtuoso's booleans come back as 1/0)
ALL_QUADS = (
    f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
    f'FILTER(STRSTARTS(STR(?g), "{vocab.GRAPH}") && ?p != <{vocab.LG}ingestedAt>) }}'
)


def _rows(store: Store, sparql: str) -> list[str]:
    return sorted(str(sorted(r.items())) for r in store.select(sparql))


def _needs(backend: str) -> None:
    if backend == "oxigraph" and oxigraph_binary() is None:
        pytest.skip("the oxigraph CLI is not installed (pip install oxigraph)")
    if backend == "virtuoso" and virtuoso_binaries() is None:
        pytest.skip("virtuoso-t is not installed (.ci/system-deps installs it)")


@pytest.fixture(scope="module")
def embedded() -> Iterator[OxigraphStore]:
    store = OxigraphStore(None)
    assert ingest([SEEDS], store, workers=1, progress=False).ok
    yield store
    store.close()


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, SparqlStore]]:
    """A running server of each kind, holding the seeds ingested through SparqlStore."""
    _needs(request.param)
    tmp = tmp_path_factory.mktemp(request.param)
    start = oxigraph_server if request.param == "oxigraph" else virtuoso_server
    with start(tmp) as server:
        store = open_store(Settings(sparql_query=server.url, sparql_update=server.update_url))
        assert isinstance(store, SparqlStore)
        report = ingest([SEEDS], store, workers=1, progress=False)
        assert report.ok and report.ingested == 5
        yield server, store
        store.close()


def test_ingest_stores_the_same_quads(remote: tuple[Server, SparqlStore], embedded: Store) -> None:
    _, store = remote
    assert store.count() == embedded.count() > 1000
    assert _rows(store, ALL_QUADS) == _rows(embedded, ALL_QUADS)


def test_reingest_skips_unchanged_files(remote: tuple[Server, SparqlStore]) -> None:
    _, store = remote
    before = store.count()
    report = ingest([SEEDS], store, workers=1, progress=False)
    assert report.skipped == 5 and report.ingested == 0
    assert store.count() == before


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_example_queries_same_answers(
    remote: tuple[Server, SparqlStore], embedded: Store, query: Path
) -> None:
    _, store = remote
    text = query.read_text("utf-8")
    assert _rows(store, text) == _rows(embedded, text) != []


def _without_evidence(t: Q.Traversal) -> dict[str, object]:
    """A traversal minus the one quote shown per step: when several sources state a link, which
    one is shown depends on the store's row order; all of them are compared separately."""
    out = asdict(t)
    for node in out["nodes"]:
        node.pop("evidence")
    return out


@pytest.mark.parametrize("key", LINEAGE_KEYS)
def test_lineage_and_impact_same_answers(
    remote: tuple[Server, SparqlStore], embedded: Store, key: str
) -> None:
    _, store = remote
    for direction in ("lineage", "impact"):
        here = Q.traverse(embedded, key, direction)
        there = Q.traverse(store, key, direction)
        assert _without_evidence(there) == _without_evidence(here), (key, direction)
        quotes_here = Q.evidence(embedded, here.edges)
        quotes_there = Q.evidence(store, there.edges)
        assert {e: sorted(map(repr, q)) for e, q in quotes_there.items()} == {
            e: sorted(map(repr, q)) for e, q in quotes_here.items()
        }
        assert all(n.evidence is not None for n in there.nodes)


def test_endpoint_over_the_remote_store(
    remote: tuple[Server, SparqlStore], embedded: Store, tmp_path: Path
) -> None:
    server, _ = remote
    with (
        api_server(
            tmp_path,
            LEGAL_GRAPH_SPARQL_QUERY=server.url,
            LEGAL_GRAPH_SPARQL_UPDATE=server.update_url,
        ) as api,
        httpx.Client() as c,
    ):
        for query in QUERIES:
            text = query.read_text("utf-8")
            got = c.post(api.url, data={"query": text}, headers={"Accept": "text/csv"})
            assert got.status_code == 200, got.text
            want = c.post(api.url, data={"query": text, "format": "json"}).json()
            assert len(got.text.strip().splitlines()) == len(want["results"]["bindings"]) + 1
            rows = [{k: v["value"] for k, v in b.items()} for b in want["results"]["bindings"]]
            expected = [
                {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in r.items()}
                for r in embedded.select(text)
            ]
            assert sorted(map(str, rows)) == sorted(map(str, expected))
        bad = c.get(api.url, params={"query": "SELECT WHERE"})
        assert bad.status_code == 400


def test_replace_graph_is_one_update(remote: tuple[Server, SparqlStore]) -> None:
    _, store = remote
    g = vocab.GRAPH + "test/replace"
    s, p = ox.NamedNode(vocab.DOC + "vn/test/2026/nq/9"), ox.NamedNode(vocab.ELI + "id_local")
    store.replace_graph(g, [ox.Quad(s, p, ox.Literal("9/NQ-OLD"), ox.NamedNode(g))])
    store.replace_graph(g, [ox.Quad(s, p, ox.Literal("9/NQ-NEW"), ox.NamedNode(g))])
    values = [r["v"] for r in store.select(f"SELECT ?v WHERE {{ GRAPH <{g}> {{ ?s ?p ?v }} }}")]
    assert values == ["9/NQ-NEW"]
    store.update(f"DROP SILENT GRAPH <{g}>")  # Virtuoso: plain DROP fails on implicit graphs


def test_remote_errors_are_named(remote: tuple[Server, SparqlStore]) -> None:
    from graph.store import QuerySyntaxError, StoreError

    _, store = remote
    with pytest.raises((QuerySyntaxError, StoreError)):
        store.select("SELECT ?x WHERE { ?x ?p }")
    with pytest.raises(StoreError, match="Cannot reach"):
        SparqlStore("http://127.0.0.1:9/sparql", timeout=2).select("ASK {}")


# -- the bulk path: export N-Quads, load with the server's own loader ---------------------------


@pytest.fixture(scope="module")
def nquads(embedded: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`legal-graph export --format nq` of an on-disk store holding the seeds."""
    tmp = tmp_path_factory.mktemp("bulk")
    path = tmp / "store"
    with OxigraphStore(str(path)) as store:
        ingest([SEEDS], store, workers=1, progress=False)
    out = tmp / "dump" / "graph.nq"
    out.parent.mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from api.cli import main; main()",
            "export",
            "--format",
            "nq",
            "--store",
            str(path),
            "--output",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return out


def test_bulk_load_into_oxigraph(nquads: Path, embedded: Store, tmp_path: Path) -> None:
    _needs("oxigraph")
    location = tmp_path / "db"
    done = subprocess.run(
        [str(oxigraph_binary()), "load", "--location", str(location), "--file", str(nquads)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    with oxigraph_server(tmp_path, location) as server, SparqlStore(server.url) as store:
        assert store.count() == embedded.count()
        for query in QUERIES:
            text = query.read_text("utf-8")
            assert _rows(store, text) == _rows(embedded, text)


def test_bulk_load_into_virtuoso(nquads: Path, embedded: Store, tmp_path: Path) -> None:
    _needs("virtuoso")
    with virtuoso_server(tmp_path, load_dir=nquads.parent) as server:
        # graph IRIs come from the quads; the third argument only serves triples without one
        server.sql(f"ld_dir('{nquads.parent}', '*.nq', '{vocab.GRAPH}default');")
        server.sql("rdf_loader_run();")
        server.sql("checkpoint;")
        with SparqlStore(server.url) as store:
            assert store.count() == embedded.count()
            for query in QUERIES:
                text = query.read_text("utf-8")
                assert _rows(store, text) == _rows(embedded, text)
