"""Pictures at 1,000 documents: how long the server takes to build the graph page's data, and
how long Chromium takes to lay it out and stop.

- server: ``viz.subgraph`` + ``viz.to_network`` + ``viz.vis_data`` for the impact of the root of
  a 1,000-document tree, against the bare ``query.traverse`` it is built on (baseline).
- browser: time until the layout is stable and physics is off, with the project's options,
  against vis-network's defaults (barnesHut, 1,000 stabilisation iterations, improved layout).

Run: .venv/bin/python benchmarks/bench_pages.py [N]   (needs chromium + chromium-driver)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parents[1]), str(Path(__file__).parents[1] / "tests")]

from pages_support import chromium, write_tree  # noqa: E402

from graph import query, viz  # noqa: E402
from graph.store import OxigraphStore  # noqa: E402


def best_of(n: int, fn: object) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def layout_seconds(driver: object, html: str) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as f:
        f.write(html)
    driver.get(Path(f.name).as_uri())  # type: ignore[attr-defined]
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        ms = driver.execute_script("return window.layoutMs")  # type: ignore[attr-defined]
        if ms:
            Path(f.name).unlink()
            return float(ms) / 1000
        time.sleep(0.1)
    raise SystemExit("layout did not finish in 600 s")


def main(n: int = 1000) -> None:
    store = OxigraphStore(None)
    root = write_tree(store, n)
    depth = 4

    def page() -> object:
        return viz.vis_data(viz.to_network(viz.subgraph(store, root, "impact", depth)))

    base = best_of(3, lambda: query.traverse(store, root, "impact", max_depth=depth, limit=n,
                                             with_evidence=False))  # fmt: skip
    ours = best_of(3, page)
    print(f"server: graph page data for {n} documents in {ours * 1000:.0f} ms; "
          f"bare traversal {base * 1000:.0f} ms; ratio {ours / base:.2f}x")

    net = viz.to_network(viz.subgraph(store, root, "impact", depth))
    ours_html = viz.standalone_html(net)
    # vis-network's defaults, stabilisation included (physics then stops the same way).
    base_html = viz.standalone_html(net, options={"physics": {"stabilization": {"enabled": True}}})
    with chromium() as driver:
        # vis-network's default layout runs synchronously and blocks the page for long.
        driver.set_script_timeout(600)
        driver.set_page_load_timeout(600)
        ours_s = layout_seconds(driver, ours_html)
        print(f"browser: {n} documents laid out and still in {ours_s:.1f} s", flush=True)
        base_s = layout_seconds(driver, base_html)
    print(f"browser: {n} documents laid out and still in {ours_s:.1f} s; "
          f"vis-network defaults {base_s:.1f} s; ratio {ours_s / base_s:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
