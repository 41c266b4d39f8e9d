"""The graph page's neighbourhood (its default view) and "expand" come from the read model
(graph/index.py) without a single SPARQL query, and show exactly what the SPARQL path shows.
The graph: the bundled samples and 300 documents written by ``legal-graph synth``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph import index, viz, vocab
from graph.ingest import ingest
from graph.store import OxigraphStore
from ingest.synth import generate

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def stores(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[index.ModelReader, OxigraphStore]]:
    """The same graph twice: one store with a read model, one answered through SPARQL."""
    tmp = tmp_path_factory.mktemp("graph-page")
    generate(300, tmp / "synth", seed=7)
    (tmp / "synth" / "truth.jsonl").unlink()
    with OxigraphStore(str(tmp / "store")) as db:
        assert ingest([SAMPLES, tmp / "synth"], db, workers=1, progress=False).ok
    opened = OxigraphStore(str(tmp / "store"), read_only=True)
    slow = OxigraphStore(str(tmp / "store"), read_only=True)
    fast = index.ModelReader(opened)  # the reader the app chooses: the read model
    assert fast.wait() is not None
    yield fast, slow
    opened.close()
    slow.close()


def count_queries(store: index.ModelReader, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []
    for name in ("select", "ask", "iter_select"):
        method = getattr(store, name)

        def wrapped(sparql: str, *a: Any, _m: Any = method, **k: Any) -> Any:
            asked.append(sparql)
            return _m(sparql, *a, **k)

        monkeypatch.setattr(store, name, wrapped)
    return asked


def picture(sub: viz.Subgraph) -> tuple[object, ...]:
    return (sub.center, sorted(sub.nodes.values(), key=lambda n: n.iri),
            sorted((e.source, e.relation, e.target) for e in sub.edges), sub.truncated)  # fmt: skip


def test_neighbourhood_and_expand_from_the_read_model_as_over_sparql(
    stores: tuple[index.ModelReader, OxigraphStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow = stores
    model = fast.read_model()
    assert model is not None
    hubs = sorted(model.docs, key=lambda d: (-model.cited_by(d), d))[:3]
    keys = [h.removeprefix(vocab.DOC) for h in hubs] + ["vn/tw/2019/nq/52"]
    asked = count_queries(fast, monkeypatch)
    checked = 0
    for key in keys:
        for depth, rel in ((1, []), (2, []), (3, ["implements", "cites"])):
            ours = viz.subgraph(fast, key, depth=depth, relations=rel)
            theirs = viz.subgraph(slow, key, depth=depth, relations=rel)
            assert picture(ours) == picture(theirs), (key, depth)
            checked += len(ours.nodes)
    assert asked == []  # not one SPARQL query: links, facts and weights from memory
    assert checked > 300
