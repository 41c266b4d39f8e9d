"""The graph page's default view, the neighbourhood of a hub at depth 2, and "expand" (depth 1 of
a neighbour), on a store of a few thousand documents (``legal-graph synth``, ingested).

What the page builds (``viz.subgraph`` + ``viz.to_network`` + ``viz.vis_data``), three ways in
the same run, with the SPARQL queries each one issues:

- read model: the store's read model (graph/index.py), as the server answers;
- SPARQL: the same code with the model detached (a remote store, or while the model builds):
  the query layer's indexed lookups;
- before: the step the page used before (one VALUES query per level and direction, joined
  with the documents' types), put back in place of ``viz._step``, model detached.

Run: .venv/bin/python benchmarks/bench_graph_page.py [N_DOCUMENTS]   (default 3000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).parents[1])]

from graph import viz, vocab  # noqa: E402
from graph.index import ModelReader  # noqa: E402
from graph.ingest import ingest  # noqa: E402
from graph.store import OxigraphStore, Store  # noqa: E402
from ingest.synth import generate  # noqa: E402


def step_before(store: Store, frontier: Sequence[str], direction: str, preds: Sequence[str]
                ) -> list[viz.EdgeInfo]:  # fmt: skip
    """graph/viz.py ``_step`` as it was (commit f085789; its ``_among`` asked 400 IRIs at a time)."""
    var = "?s" if direction == "out" else "?o"
    found = []
    for i in range(0, len(frontier), 400):
        values = " ".join(f"<{iri}>" for iri in frontier[i : i + 400])
        rows = store.select(
            vocab.PREFIXES
            + f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES {var} {{ {values} }} ?s ?p ?o . VALUES ?p {{ "
            + " ".join(f"<{p}>" for p in preds)
            + " } ?s a lg:Document . ?o a lg:Document . }"
        )
        found += [
            viz.EdgeInfo(str(r["s"]), str(r["o"]), vocab.IRI_RELATION[str(r["p"])]) for r in rows
        ]
    return found


def timed(fn: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def counting(store: OxigraphStore) -> list[int]:
    """Count the store's SPARQL queries from now on (the instance's methods, wrapped)."""
    calls = [0]
    for name in ("select", "ask", "iter_select"):
        method = getattr(store, name)

        def wrapped(*a: Any, _m: Any = method, **k: Any) -> Any:
            calls[0] += 1
            return _m(*a, **k)

        setattr(store, name, wrapped)
    return calls


def main(n: int = 3000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        generate(n, corpus, seed=11)
        (corpus / "truth.jsonl").unlink()
        store = OxigraphStore(str(Path(tmp) / "store"))
        t = time.perf_counter()
        report = ingest([corpus], store, workers=2, progress=False)
        print(f"store: {report.documents} files ingested in {time.perf_counter() - t:.0f} s")
        reader = ModelReader(store)  # as the server reads: the read model
        model = reader.wait()
        assert model is not None
        hub = max(model.docs, key=model.cited_by)
        key = hub.removeprefix(vocab.DOC)
        sub = viz.subgraph(reader, key, depth=2)
        neighbour = next(i for i in sorted(sub.nodes) if i != hub).removeprefix(vocab.DOC)
        print(f"hub {key}: {len(sub.nodes)} documents and {len(sub.edges)} links at depth 2; "
              f"read model of {len(model.docs)} documents built in {model.seconds:.1f} s",
              flush=True)  # fmt: skip
        calls = counting(store)
        step = viz._step

        def measure(db: Store, k: str, depth: int, runs: int) -> tuple[float, int]:
            calls[0] = 0
            seconds = timed(
                lambda: viz.vis_data(viz.to_network(viz.subgraph(db, k, depth=depth))), runs
            )
            return seconds, calls[0] // runs

        for what, k, depth in (
            ("neighbourhood, depth 2", key, 2),
            ("expand, depth 1", neighbour, 1),
        ):
            ours, ours_q = measure(reader, k, depth, 5)
            sparql, sparql_q = measure(store, k, depth, 1)
            viz._step = step_before  # type: ignore[assignment]
            before, before_q = measure(store, k, depth, 1)
            viz._step = step
            print(f"{what}: read model {ours * 1000:.0f} ms ({ours_q} SPARQL queries); "
                  f"SPARQL {sparql * 1000:.0f} ms ({sparql_q}); before {before * 1000:.0f} ms "
                  f"({before_q}); ratio read model/before {ours / before:.4f}x, "
                  f"SPARQL/before {sparql / before:.3f}x", flush=True)  # fmt: skip
        store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
