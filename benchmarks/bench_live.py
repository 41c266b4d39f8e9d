"""New documents while serving: time from upload to a visible answer, and the read model's
update cost per document against a full rebuild, at 10k (and 100k) documents.

For each size: a synthetic corpus of N + K documents (`legal-graph synth`), N of them ingested
into a fresh store, the read model built (the baseline: what every write cost before, a full
rebuild), then the K others uploaded one by one through the app (`POST /api/documents` with the
update token, in-process ASGI client: the app's real routes, multipart parsing included) and each
asked for right after (`GET /api/documents/{key}`, answered from the read model). Printed per
size: the build, the first upload (which loads ingest's record of the store once), then over
the K others p50/max of upload → visible answer (the folds of year-less citations included:
they are written in the same write), of storing, and of the model patch; the ratio patch /
build. Then the orphaned implementations three ways, checked to give the same answer: reading
every document (the baseline: what they cost before), `legal-graph orphans` (the ceased
documents and around them), /api/orphans (the first question, then one after each of the last
5 uploads).

    python benchmarks/bench_live.py                 # 10k
    python benchmarks/bench_live.py --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TOKEN = "bench"
ORPHAN_ROUNDS = 5


def run(n: int, uploads: int, workers: int, work: Path) -> None:
    from fastapi.testclient import TestClient
    from pydantic import TypeAdapter

    from api.app import create_app
    from graph import index
    from graph.config import Settings
    from graph.ingest import ingest
    from graph.orphans import Orphan, by_implemented, find, implementations, orphans
    from graph.status import facts
    from graph.store import OxigraphStore
    from ingest.synth import generate

    corpus = work / f"corpus{n}"
    generate(n + uploads, corpus, seed=1)
    files = sorted(p for p in corpus.rglob("*.txt"))
    rng = random.Random(7)
    held = set(rng.sample(range(len(files)), uploads + 1))
    later = [files[i] for i in sorted(held)]
    kept = work / f"kept{n}"
    kept.mkdir()
    for i, f in enumerate(files):
        if i not in held:
            os.link(f, kept / f.name)
    store = OxigraphStore(str(work / f"store{n}"))
    t = time.perf_counter()
    ingest([str(kept)], store, workers=workers, progress=False)
    print(f"{n} documents ingested in {time.perf_counter() - t:.1f} s ({len(store.raw)} quads)",
          flush=True)  # fmt: skip
    app = create_app(Settings(update_token=TOKEN), store)
    with store, TestClient(app, base_url="http://localhost") as client:
        reader = app.state.reader
        t = time.perf_counter()
        reader.wait()
        build = index.build(store).seconds  # the baseline, measured again on the warm store
        print(f"read model: first build {time.perf_counter() - t:.2f} s; a full rebuild "
              f"{build:.2f} s", flush=True)  # fmt: skip
        visible, stored, patch, folded = [], [], [], []
        asked = later[-ORPHAN_ROUNDS:]  # uploaded last, each followed by /api/orphans
        for j, path in enumerate(later[:-ORPHAN_ROUNDS]):
            t0 = time.perf_counter()
            got = client.post("/api/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                              files={"files": (path.name, path.read_bytes(), "text/plain")})  # fmt: skip
            assert got.status_code == 200, (got.status_code, got.text[:300])
            body = got.json()
            key = body["files"][0]["documents"][0]
            answer = client.get(f"/api/documents/{key}")
            t2 = time.perf_counter()
            assert answer.status_code == 200 and body["patched"], (answer.text, body)
            assert reader.ready()  # answered from the patched model, not from SPARQL
            if j == 0:
                print(f"first upload (loads ingest's record of the store): {t2 - t0:.2f} s",
                      flush=True)  # fmt: skip
                continue
            if body["refolded"]:  # named a year-less citation: its fold was written again
                folded.append(t2 - t0)
            visible.append(t2 - t0)
            stored.append(body["seconds"])
            patch.append(reader.last_patch_seconds)
        # /api/orphans: the first question reads the store once (graph/orphans.py OrphanIndex),
        # each one after an upload reads again only the documents it touched; the baseline is
        # the whole-store computation (`legal-graph orphans`), which must give the same answer
        t = time.perf_counter()
        assert client.get("/api/orphans").status_code == 200
        first_orphans = time.perf_counter() - t
        after_upload = []
        for path in asked:
            got = client.post("/api/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                              files={"files": (path.name, path.read_bytes(), "text/plain")})  # fmt: skip
            assert got.status_code == 200, got.text[:300]
            t = time.perf_counter()
            answer = client.get("/api/orphans")
            after_upload.append(time.perf_counter() - t)
        t = time.perf_counter()
        narrowed = orphans(store)  # `legal-graph orphans`: the ceased documents and around them
        narrowed_seconds = time.perf_counter() - t
        t = time.perf_counter()
        whole = find(by_implemented(implementations(store)), facts(store))  # every document read
        whole_seconds = time.perf_counter() - t
        assert narrowed == whole
        assert answer.json() == TypeAdapter(list[Orphan]).dump_python(whole, mode="json")
    p50 = statistics.median
    print(f"{n} documents, {len(visible)} uploads one by one; {len(folded)} of them named a "
          "year-less citation whose fold (graph/folds.py) was written again in the same write"
          + (f" (their upload -> visible: p50 {p50(folded) * 1000:.0f} ms, max "
             f"{max(folded) * 1000:.0f} ms)" if folded else "") + ":")  # fmt: skip
    print(
        f"  upload -> visible answer: p50 {p50(visible) * 1000:.0f} ms, max "
        f"{max(visible) * 1000:.0f} ms (target <= 2000 ms)"
    )
    print(f"  storing (extract, write, status, patch): p50 {p50(stored) * 1000:.0f} ms")
    print(f"  read model update per document: p50 {p50(patch) * 1000:.1f} ms, max "
          f"{max(patch) * 1000:.1f} ms; full rebuild {build * 1000:.0f} ms; "
          f"ratio patch/rebuild {p50(patch) / build:.4f} ({build / p50(patch):.0f}x cheaper)",
          flush=True)  # fmt: skip
    print(f"  orphans ({len(whole)} orphaned implementations), all three the same answer: "
          f"reading every document (the baseline) {whole_seconds:.2f} s; `legal-graph orphans` "
          f"(the ceased documents and around them) {narrowed_seconds:.2f} s (ratio "
          f"{narrowed_seconds / whole_seconds:.3f}); /api/orphans: first question {first_orphans:.2f} "
          f"s, after each of {len(after_upload)} uploads p50 {p50(after_upload) * 1000:.0f} ms, "
          f"max {max(after_upload) * 1000:.0f} ms (ratio {p50(after_upload) / whole_seconds:.4f})",
          flush=True)  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000])
    ap.add_argument("--uploads", type=int, default=25)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--work", default=None, help="folder for corpora and stores (removed after)")
    args = ap.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="bench-live-"))
    print(f"bench_live: sizes {args.sizes}, load average {os.getloadavg()[0]:.1f} at start")
    try:
        for n in args.sizes:
            run(n, args.uploads, args.workers, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
