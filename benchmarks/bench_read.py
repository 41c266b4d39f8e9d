"""Reading speed: ingest.read over the gazette corpus vs a bare read-and-decode of the same files.

Run: .venv/bin/python benchmarks/bench_read.py [FOLDER]   (default ../shared/corpus/gazette)
Prints MB/s and documents/s for both, and the ratio (the readers' overhead: binary checks,
encoding detection, newline and NFC normalisation). Best of 5 runs, one core.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.models import ReadError  # noqa: E402
from ingest.read import iter_paths, read_path  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gazette"


def bare(paths: list[str]) -> None:
    for path in paths:
        with open(path, "rb") as handle:
            handle.read().decode("utf-8")


def readers(paths: list[str]) -> None:
    for path in paths:
        if isinstance(read_path(path), ReadError):
            raise SystemExit(f"{path}: could not be read")


def best_of(run: Callable[[list[str]], None], paths: list[str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(paths)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    paths = list(iter_paths([str(folder)]))
    size_mb = sum(Path(p).stat().st_size for p in paths) / 1e6
    base = best_of(bare, paths)
    ours = best_of(readers, paths)
    print(f"corpus: {len(paths)} files, {size_mb:.1f} MB ({folder})")
    print(
        f"bare read+decode: {base:.3f} s  {size_mb / base:7.1f} MB/s  {len(paths) / base:8.0f} docs/s"
    )
    print(
        f"ingest.read:      {ours:.3f} s  {size_mb / ours:7.1f} MB/s  {len(paths) / ours:8.0f} docs/s"
    )
    print(f"ratio readers/bare speed: {base / ours:.2f}")


if __name__ == "__main__":
    main()
