"""Ingest at scale: synthetic corpora of 10k and 100k documents into a fresh on-disk store.

For each size it prints documents/s end to end (until the store is closed), quads stored, peak
memory, store size on disk, the compaction the store still has to do when it is opened again
(measured by reopening it and waiting until its background threads are idle), and the cost per
document, then the cost at the largest size against the smallest, with and without that
compaction. Baselines measured in the same run on the same files: reading and hashing every
file (the floor of any ingest), and pyoxigraph ``bulk_load`` of the very quads the ingest stored
(the floor of the storage side).

The ingest runs in a child process so that its memory is measured alone: peak RSS of the whole
process tree (ingest process + forkserver + workers, sampled from /proc every 0.2 s), and
``resource.getrusage`` of the ingest process and of its children. Workers fork from a
forkserver, not from the ingest process, so getrusage's "children" misses them: the tree sample
is the figure that counts against the 2 GiB target.

    python benchmarks/bench_ingest.py                      # 10k and 100k, all cores
    python benchmarks/bench_ingest.py --sizes 2000 --workers 1

Targets (issue 3, this 2-core machine): >= 300 documents/s at 100k, peak RSS <= 2 GiB,
cost per document at 100k within 1.2x of that at 10k.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

GIB = 1 << 30

# Runs in the child: ingest the corpus into a fresh store and report as JSON on stdout.
CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
sys.path.insert(0, {repo!r})
from graph.ingest import ingest
from graph.store import OxigraphStore

def compaction_cpu():
    # CPU seconds of this process's RocksDB background threads (compactions, flushes)
    total = 0.0
    for task in Path("/proc/self/task").iterdir():
        try:
            if (task / "comm").read_text().startswith("rocksdb:"):
                stat = (task / "stat").read_text().rsplit(")", 1)[1].split()
                total += (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            pass
    return total

store = OxigraphStore({store!r})
t0 = time.perf_counter()
report = ingest([{corpus!r}], store, workers={workers}, progress=False)
store.close()  # what the user waits for: the CLI closes the store before it exits
seconds = time.perf_counter() - t0
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
# Compaction the ingest left for later: reopen, as a server would, and wait until the store's
# background threads have been idle for 3 s.
t1 = time.perf_counter()
base = compaction_cpu()  # RocksDB's thread pool is per process: it outlives the store
store = OxigraphStore({store!r})
last, changed = base, time.perf_counter()
while time.perf_counter() - changed < 3:
    time.sleep(0.25)
    now = compaction_cpu()
    if now != last:
        last, changed = now, time.perf_counter()
settle = changed - t1
store.close()
print(json.dumps(dict(seconds=seconds, files=report.files, ingested=report.ingested,
                      failed=len(report.failed), failures=report.failed[:5],
                      documents=report.documents, links=sum(report.links.values()),
                      quads=report.quads, rss_self=me * 1024, rss_children=kids * 1024,
                      settle_seconds=settle, settle_cpu=last - base)))
"""


def tree_sample(root: int) -> tuple[int, dict[int, float]]:
    """Resident memory (bytes) of ``root`` and all its descendants, and each one's CPU seconds,
    read from Linux /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            with open(f"/proc/{entry}/statm") as f:
                resident = int(f.read().split()[1])
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = resident * page
        # utime + stime; not the reaped children's, which are sampled as processes of their own
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
    total, todo, tree_cpu = 0, [root], {}
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        tree_cpu[pid] = cpu.get(pid, 0.0)
        todo.extend(children.get(pid, ()))
    return total, tree_cpu


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def corpus_for(n: int, seed: int, cache: Path) -> Path:
    """The synthetic corpus of ``n`` documents, generated once and kept between runs."""
    from ingest.synth import generate

    out = cache / f"synth-{n}-seed{seed}"
    done = out / ".complete"
    if not done.exists():
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        generate(n, out, seed=seed)
        done.write_text("ok")
        print(f"  generated {n} documents in {time.perf_counter() - t0:.1f} s → {out}", flush=True)
    return out


def read_and_hash(corpus: Path) -> tuple[int, float]:
    """Baseline 1: read every file and hash it (what an ingest pays before any extraction)."""
    files = sorted(p for p in corpus.rglob("*.txt"))
    t0 = time.perf_counter()
    for p in files:
        hashlib.sha256(p.read_bytes()).hexdigest()
    return len(files), time.perf_counter() - t0


def ingest_child(corpus: Path, store: Path, workers: int) -> dict[str, float]:
    code = CHILD.format(repo=str(REPO), store=str(store), corpus=str(corpus), workers=workers)
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = 0
    cpu: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            rss, now = tree_sample(proc.pid)
            peak = max(peak, rss)
            for pid, seconds in now.items():
                cpu[pid] = max(cpu.get(pid, 0.0), seconds)
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed (exit {proc.returncode}):\n{err[-3000:]}")
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    result["rss_tree_peak"] = peak
    # the ingest's own CPU: the settling after it is reported on its own
    result["cpu_seconds"] = sum(cpu.values()) - result["settle_cpu"]
    result["cpu_main"] = cpu.get(proc.pid, 0.0) - result["settle_cpu"]  # loading, derived facts
    return result


def bulk_load(store: Path, scratch: Path) -> tuple[int, float]:
    """Baseline 2: the quads the ingest stored, dumped and bulk-loaded into an empty store."""
    import pyoxigraph as ox

    dump = scratch / "dump.nq"
    src = ox.Store.read_only(str(store))
    src.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
    del src
    target = ox.Store(str(scratch / "bulk"))
    t0 = time.perf_counter()
    target.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    target.flush()
    seconds = time.perf_counter() - t0
    n = len(target)
    del target
    return n, seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "legal-graph-bench")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    print(
        f"bench_ingest: sizes {args.sizes}, {args.workers} workers, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f} at start"
    )
    rows = []
    for n in args.sizes:
        corpus = corpus_for(n, args.seed, args.cache)
        mb = dir_size(corpus) / 1e6
        files, t_hash = read_and_hash(corpus)
        scratch = Path(tempfile.mkdtemp(prefix=f"bench-ingest-{n}-", dir=args.cache))
        try:
            r = ingest_child(corpus, scratch / "store", args.workers)
            store_mb = dir_size(scratch / "store") / 1e6
            bulk_quads, t_bulk = bulk_load(scratch / "store", scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        row = dict(
            n=n,
            corpus_mb=round(mb, 1),
            seconds=round(r["seconds"], 1),
            docs_per_s=round(r["files"] / r["seconds"], 1),
            ms_per_doc=round(1000 * r["seconds"] / r["files"], 3),
            cpu_ms_per_doc=round(1000 * r["cpu_seconds"] / r["files"], 3),
            cpu_main_ms_per_doc=round(1000 * r["cpu_main"] / r["files"], 3),
            quads=int(r["quads"]),
            links=int(r["links"]),
            failed=int(r["failed"]),
            rss_tree_peak_mib=round(r["rss_tree_peak"] / (1 << 20)),
            rss_self_mib=round(r["rss_self"] / (1 << 20)),
            rss_children_mib=round(r["rss_children"] / (1 << 20)),
            store_mb=round(store_mb, 1),
            settle_s=round(r["settle_seconds"], 1),
            settled_ms_per_doc=round(1000 * (r["seconds"] + r["settle_seconds"]) / r["files"], 3),
            hash_docs_per_s=round(files / t_hash, 1),
            bulk_load_s=round(t_bulk, 1),
            bulk_quads=bulk_quads,
        )
        rows.append(row)
        print(
            f"{n:>7} docs ({row['corpus_mb']} MB): ingest {row['seconds']} s = "
            f"{row['docs_per_s']} docs/s ({row['ms_per_doc']} ms/doc wall; CPU {row['cpu_ms_per_doc']} "
            f"ms/doc, of which the ingest process {row['cpu_main_ms_per_doc']}), {row['quads']} quads, "
            f"{row['links']} links, {row['failed']} failed; peak RSS tree "
            f"{row['rss_tree_peak_mib']} MiB (getrusage: ingest process {row['rss_self_mib']} MiB, "
            f"reaped children {row['rss_children_mib']} MiB); store {row['store_mb']} MB on disk",
            flush=True,
        )
        print(
            f"{'':>7} compaction left for later: {row['settle_s']} s after reopening "
            f"(ingest + that: {row['settled_ms_per_doc']} ms/doc)",
            flush=True,
        )
        print(
            f"{'':>7} baselines: read+hash {row['hash_docs_per_s']} docs/s "
            f"(ingest is {row['hash_docs_per_s'] / row['docs_per_s']:.0f}x slower); "
            f"bulk_load of the same {bulk_quads} quads {row['bulk_load_s']} s "
            f"(ingest takes {row['seconds'] / max(row['bulk_load_s'], 1e-9):.1f}x that)",
            flush=True,
        )
        if r["failed"]:
            print(f"{'':>7} failures: {r['failures']}")
    if len(rows) > 1:
        small, big = rows[0], rows[-1]
        ratio = big["ms_per_doc"] / small["ms_per_doc"]
        cpu_ratio = big["cpu_ms_per_doc"] / small["cpu_ms_per_doc"]
        main_ratio = big["cpu_main_ms_per_doc"] / max(small["cpu_main_ms_per_doc"], 1e-9)
        settled = big["settled_ms_per_doc"] / small["settled_ms_per_doc"]
        print(
            f"cost per document: {small['ms_per_doc']} ms at {small['n']} vs "
            f"{big['ms_per_doc']} ms at {big['n']}: ratio {ratio:.2f} (target <= 1.2); "
            f"CPU per document ratio {cpu_ratio:.2f} (ingest process alone {main_ratio:.2f}); "
            f"counting the compaction left for later {settled:.2f}"
        )
    big = rows[-1]
    # the /proc sample can miss a short peak; getrusage cannot, but sees only the ingest process
    peak = max(big["rss_tree_peak_mib"], big["rss_self_mib"] + big["rss_children_mib"])
    big["rss_tree_peak_mib"] = peak
    verdict = [
        f"docs/s {big['docs_per_s']} {'>=' if big['docs_per_s'] >= 300 else '<'} 300",
        f"peak RSS {big['rss_tree_peak_mib']} MiB {'<=' if big['rss_tree_peak_mib'] <= 2048 else '>'} 2048",
    ]
    print("targets at", big["n"], ":", "; ".join(verdict))
    # On a shared machine wall time mostly measures the neighbours; CPU time does not.
    free = (os.cpu_count() or 1) * 1000 / big["cpu_ms_per_doc"]
    print(
        f"CPU-bound estimate with {os.cpu_count()} idle cores: {free:.0f} docs/s "
        f"(load average now {os.getloadavg()[0]:.1f})"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
