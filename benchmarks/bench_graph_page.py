"""The graph page's default view: the neighbourhood of a hub at depth 2, and "expand" (depth 1 of
a neighbour), on a store of a few thousand documents (``legal-graph synth``, ingested).

What the page builds (``viz.subgraph`` + ``viz.to_network`` + ``viz.vis_data``) from the
store's read model (graph/index.py, what the server attaches), against the same code over
SPARQL (the model detached: how every neighbourhood was answered before), in the same run.
The SPARQL queries each one issues are counted too.

Run: .venv/bin/python benchmarks/bench_graph_page.py [N_DOCUMENTS]   (default 3000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).parents[1])]

from graph import index, viz, vocab  # noqa: E402
from graph.ingest import ingest  # noqa: E402
from graph.store import OxigraphStore  # noqa: E402
from ingest.synth import generate  # noqa: E402


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
        index.attach(store)
        model = index.wait(store)
        assert model is not None
        hub = max(model.docs, key=model.cited_by)
        key = hub.removeprefix(vocab.DOC)

        def page(k: str, depth: int) -> Callable[[], object]:
            return lambda: viz.vis_data(viz.to_network(viz.subgraph(store, k, depth=depth)))

        sub = viz.subgraph(store, key, depth=2)
        neighbour = next(i for i in sorted(sub.nodes) if i != hub).removeprefix(vocab.DOC)
        print(
            f"hub {key}: {len(sub.nodes)} documents and {len(sub.edges)} links at depth 2 "
            f"(read model of {len(model.docs)} documents built in {model.seconds:.1f} s)"
        )
        calls = counting(store)
        rows = []
        for what, k, depth in (
            ("neighbourhood, depth 2", key, 2),
            ("expand, depth 1", neighbour, 1),
        ):
            calls[0] = 0
            ours = timed(page(k, depth), 5)
            ours_q = calls[0] // 5
            index.detach(store)  # the same code over SPARQL
            calls[0] = 0
            base = timed(page(k, depth), 1)
            base_q = calls[0]
            index.attach(store)
            index.wait(store)
            rows.append((what, ours, ours_q, base, base_q))
        store.close()
    for what, ours, ours_q, base, base_q in rows:
        print(
            f"{what}: read model {ours * 1000:.0f} ms ({ours_q} SPARQL queries); "
            f"SPARQL {base * 1000:.0f} ms ({base_q} queries); ratio {ours / base:.4f}x "
            f"({base / ours:.0f}x faster)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
