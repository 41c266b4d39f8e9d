"""kill -9 in the middle of a real `legal-graph ingest`, then reopen and re-run: nothing lost,
and the worker processes of the killed ingest exit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from graph import vocab
from graph.ingest import ingest
from graph.rdf import META_GRAPH
from graph.store import OxigraphStore, Store
from ingest.synth import generate

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from api.cli import main; main()"]
N = 600


def canonical(store: Store) -> list[str]:
    lines = store.dump("nq").decode("utf-8").splitlines()
    return sorted(line for line in lines if "ingestedAt" not in line)


def recorded(store: Store) -> int:
    rows = store.select(
        f"SELECT (COUNT(?g) AS ?n) WHERE {{ GRAPH <{META_GRAPH}> {{ ?g <{vocab.LG}contentHash> ?h }} }}"
    )
    return int(rows[0]["n"])  # type: ignore[call-overload]


def children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def alive(pid: int) -> bool:
    """Running, not a zombie (an orphan's zombie waits for PID 1, which may never reap it)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_kill_9_mid_ingest_then_rerun_completes(tmp_path: Path) -> None:
    corpus, store_dir = tmp_path / "corpus", tmp_path / "store"
    generate(N, corpus, seed=3)
    (corpus / "truth.jsonl").unlink()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [*CLI, "ingest", str(corpus), "--store", str(store_dir), "--workers", "2",
           "--batch", "40", "--log", "--quiet"]  # fmt: skip
    proc = subprocess.Popen(
        cmd, cwd=os.getcwd(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )  # fmt: skip
    commits = 0
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("committed"):
            commits += 1
            if commits == 3:
                workers = children(proc.pid)
                os.kill(proc.pid, signal.SIGKILL)  # the ingest only, mid-run, as a user would
                break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while any(map(alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    stuck = [w for w in workers if alive(w)]
    for w in stuck:  # not left behind when this fails
        os.kill(w, signal.SIGKILL)
    assert stuck == []

    with OxigraphStore(str(store_dir)) as store:  # opens: no repair step needed
        kept = recorded(store)
        assert 3 * 40 <= kept < N
        # every recorded file has its graph, with its own document in it
        missing = store.select(
            f"""SELECT ?g WHERE {{ GRAPH <{META_GRAPH}> {{ ?g <{vocab.LG}describes> ?d }}
                FILTER NOT EXISTS {{ GRAPH ?g {{ ?d <{vocab.LG}sourceFile> ?f }} }} }}"""
        )
        assert missing == []

    rerun = subprocess.run(
        [*CLI, "ingest", str(corpus), "--store", str(store_dir), "--workers", "2", "--quiet"],
        cwd=os.getcwd(), env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"{kept} unchanged" in " ".join(rerun.stdout.split())

    clean = OxigraphStore(None)
    ingest([corpus], clean, workers=1, progress=False)
    with OxigraphStore(str(store_dir)) as store:
        assert recorded(store) == N
        assert canonical(store) == canonical(clean)
