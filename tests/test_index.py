"""The read model (graph/index.py) answers exactly as the SPARQL path, is never stale after a
write, and traversals keep to their time budget. The graph: the real seeds and the bundled
samples plus a few hundred documents written by ``legal-graph synth``, ingested by the real
pipeline."""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from query_support import SAMPLES, SEEDS

from api.app import create_app
from graph import query, vocab
from graph.config import Settings
from graph.index import ModelReader
from graph.ingest import ingest
from graph.resolve import resolve
from graph.store import OxigraphStore, QueryTimeout
from ingest.synth import generate

pytestmark = pytest.mark.shared
_ROOT = Path(tempfile.mkdtemp(prefix="lg-index-tests-"))


@functools.cache
def store_path() -> str:
    generate(300, _ROOT / "synth", seed=7)
    where = str(_ROOT / "store")
    db = OxigraphStore(where)
    files = [str(SEEDS), *sorted(str(p) for p in SAMPLES.glob("*.txt")), str(_ROOT / "synth")]
    assert ingest(files, db, workers=1, progress=False).ok
    db.close()
    return where


@pytest.fixture(scope="module")
def stores() -> Iterator[tuple[ModelReader, OxigraphStore]]:
    """The same graph read two ways: the read-model reader, and the embedded store's SPARQL."""
    embedded = OxigraphStore(store_path(), read_only=True)
    fast = ModelReader(embedded)
    model = fast.wait()
    assert model is not None and model.links > 300 and len(model.docs) > 300
    yield fast, embedded
    embedded.close()


def _keys(store: OxigraphStore, sparql: str) -> list[str]:
    return sorted({query.key_of(str(r["d"])) for r in store.select(sparql)})


SEED_KEYS = ["kon-tum/ubnd/2020/kh/2039", "vn/cp/2020/nq/50", "vn/tw/2019/nq/52",
             "vn/tw/2024/nq/57", "kon-tum/tu/2020/kh/123"]  # fmt: skip


def _documents(store: OxigraphStore, n: int) -> list[str]:
    """The seeds' documents, then ``n`` more spread over every document that links or is
    linked (synthetic ones mostly)."""
    rels = " ".join(f"<{p}>" for p in vocab.RELATION_IRI.values())
    linked = _keys(store, f"SELECT DISTINCT ?d WHERE {{ VALUES ?p {{ {rels} }} "
                          f"{{ ?d ?p ?x }} UNION {{ ?x ?p ?d }} }}")  # fmt: skip
    assert set(SEED_KEYS) <= set(linked) and len(linked) > 200
    return SEED_KEYS + linked[:: max(1, len(linked) // n)]


def test_lineage_and_impact_identical(stores: tuple[ModelReader, OxigraphStore]) -> None:
    fast, slow = stores
    for key in _documents(fast, 150):
        for direction in ("lineage", "impact"):
            got = asdict(query.traverse(fast, key, direction))
            want = asdict(query.traverse(slow, key, direction))
            assert got == want, (key, direction)
    assert fast.read_model() is not None and slow.read_model() is None


def test_filters_depth_and_relations_identical(stores: tuple[ModelReader, OxigraphStore]
                                               ) -> None:  # fmt: skip
    fast, slow = stores
    hubs = ["vn/tw/2019/nq/52", "vn/tw/2024/nq/57", "vn/cp/2020/nq/50"]
    asks = [
        {"max_depth": 1},
        {"relations": ["implements"], "limit": 3},
        {"relations": ["cites", "responds_to", "based_on"]},
        {"filters": query.Filters(type="KH")},
        {"filters": query.Filters(province="Quảng Ngãi", date_from="2020")},
        {"filters": query.Filters(issuer="UBND", date_to="2025-06")},
    ]
    for key in hubs + _documents(fast, 15):
        for direction in ("lineage", "impact"):
            for kw in asks:
                got = query.traverse(fast, key, direction, **kw)  # type: ignore[arg-type]
                want = query.traverse(slow, key, direction, **kw)  # type: ignore[arg-type]
                assert asdict(got) == asdict(want), (key, direction, kw)


def test_show_paths_coverage_timeline_resolve_identical(
    stores: tuple[ModelReader, OxigraphStore],
) -> None:
    fast, slow = stores
    for key in _documents(fast, 40):
        assert asdict(query.document(fast, key)) == asdict(query.document(slow, key)), key
        assert query.timeline(fast, key) == query.timeline(slow, key), key
    for key in ("vn/tw/2019/nq/52", "vn/tw/2024/nq/57"):
        assert asdict(query.coverage(fast, key)) == asdict(query.coverage(slow, key))
    pairs = [("kon-tum/ubnd/2020/kh/2039", "vn/tw/2019/nq/52"),
             ("vn/tw/2019/nq/52", "kon-tum/ubnd/2020/kh/2039")]  # fmt: skip
    docs = _documents(fast, 20)
    pairs += list(zip(docs[::2], docs[1::2], strict=False))
    for a, b in pairs:
        assert asdict(query.paths(fast, a, b)) == asdict(query.paths(slow, a, b)), (a, b)
    for text in ("Resolution 57", "nghi quyet 57", "50/NQ-CP", "Kế hoạch 2039 Kon Tum",
                 "2039/KH-UBND", "Luật Tổ chức Chính phủ", "vn/tw/2024/nq/58"):  # fmt: skip
        assert asdict(resolve(fast, text)) == asdict(resolve(slow, text)), text


def test_a_write_is_seen_by_the_next_question() -> None:
    embedded = OxigraphStore(None)
    assert ingest([str(SEEDS)], embedded, workers=1, progress=False).ok
    store = ModelReader(embedded)
    root = "vn/tw/2019/nq/52"
    before = {n.doc.key for n in query.impact(store, root).nodes}
    model = store.read_model()
    assert model is not None and model.generation == embedded.generation
    # a new plan implementing 52-NQ/TW, written as ingest writes (its own graph)
    new = "ha-noi/ubnd/2021/kh/77"
    g = vocab.GRAPH + "source/test-write"
    iri, target = vocab.doc_iri(new), vocab.doc_iri(root)
    store.update(
        f"INSERT DATA {{ GRAPH <{g}> {{ <{iri}> a <{vocab.LG}Document> ; "
        f'<{vocab.LG}key> "{new}" ; <{vocab.LG}sourceFile> "x.txt" ; '
        f'<{vocab.ELI}id_local> "77/KH-UBND" ; <{vocab.LG}implements> <{target}> }} }}'
    )
    after = {n.doc.key: n for n in query.impact(store, root).nodes}
    assert set(after) == before | {new}
    assert after[new].doc.symbol == "77/KH-UBND" and after[new].depth == 1
    assert query.exists(store, new)
    # and a removal too
    store.update(f"DELETE WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
    assert {n.doc.key for n in query.impact(store, root).nodes} == before
    assert not query.exists(store, new)
    embedded.close()


def test_time_budget_stops_a_walk_and_says_so(stores: tuple[ModelReader, OxigraphStore]
                                              ) -> None:  # fmt: skip
    for store in stores:
        t = query.impact(store, "vn/tw/2019/nq/52", budget=0.0)
        assert t.timed_out and t.truncated and t.nodes == []
        full = query.impact(store, "vn/tw/2019/nq/52", budget=30.0)
        assert not full.timed_out and full.nodes
        with pytest.raises(QueryTimeout):
            query.coverage(store, "vn/tw/2019/nq/52", budget=0.0)
        with pytest.raises(QueryTimeout):
            query.paths(store, "kon-tum/ubnd/2020/kh/2039", "vn/tw/2019/nq/52", budget=0.0)


def test_api_reports_the_budget_and_the_read_model(stores: tuple[ModelReader, OxigraphStore]
                                                   ) -> None:  # fmt: skip
    _, slow = stores
    app = create_app(store=slow)  # its reader: a ModelReader over the embedded store
    assert isinstance(app.state.reader, ModelReader) and app.state.reader.store is slow
    app.state.reader.wait(120)  # built in the background
    client = TestClient(app)
    ok = client.get("/api/impact", params={"doc": "52-NQ/TW"}).json()
    assert ok["timed_out"] is False and ok["nodes"]
    status = client.get("/api/status").json()["read_model"]
    assert status["enabled"] and status["ready"] and status["documents"] > 300
    client = TestClient(create_app(Settings(query_timeout=0), store=slow))
    cut = client.get("/api/impact", params={"doc": "52-NQ/TW"}).json()
    assert cut["timed_out"] is True and cut["truncated"] is True and cut["nodes"] == []
    r = client.get("/api/coverage", params={"doc": "52-NQ/TW"})
    assert r.status_code == 504 and r.headers["content-type"] == "application/problem+json"
    assert "time budget" in r.json()["detail"]
    sparql_only = create_app(Settings(read_model=False), store=slow)  # its reader: the store
    assert sparql_only.state.reader is slow
    assert TestClient(sparql_only).get("/api/status").json() == {"read_model": {"enabled": False}}


def test_every_summary_identical(stores: tuple[ModelReader, OxigraphStore]) -> None:
    """Every document's summary in the model (a stub's counted from the scans) is the one
    graph/summary.py reads through SPARQL."""
    from graph.summary import summaries

    fast, embedded = stores
    model = fast.wait()
    assert model is not None
    assert model.docs == summaries(embedded, list(model.docs))
    assert sum(d.stub for d in model.docs.values()) > 50
