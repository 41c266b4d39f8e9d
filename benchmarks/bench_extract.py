"""Extraction speed on the gazette corpus (36 MB, 402 texts), one core.

Prints MB/s and documents/s of ``ingest.extract.extract`` and, in the same run, of one bare
regex pass over the same texts (the floor any extractor pays), with the ratio. Texts are read
and decoded before timing; each figure is the best CPU time of ``--repeat`` runs.

    python benchmarks/bench_extract.py [--corpus DIR] [--repeat 3] [--spacy]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.extract import extract  # noqa: E402
from ingest.models import ReadError, Source  # noqa: E402
from ingest.read import iter_paths, read_path  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gazette"
BARE = re.compile(r"\d{1,5}(?:/\d{4})?[-/][A-ZĐ]")


def best_of(repeat: int, *fns: Callable[[], object]) -> list[float]:
    """Best CPU time of ``repeat`` runs of each function, the runs interleaved (a, b, a, b …):
    CPU time, not wall time, so that other processes on the machine do not skew the ratio,
    and interleaved so that a change of load during the run affects both passes alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, got in zip(fns, times, strict=True):
            t0 = time.process_time()
            fn()
            got.append(time.process_time() - t0)
    return [min(t) for t in times]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--spacy", action="store_true", help="also time the spaCy pipeline view")
    args = ap.parse_args()

    sources: list[Source] = []
    for path in iter_paths([args.corpus]):
        got = read_path(path)
        if not isinstance(got, ReadError):
            sources.extend(got)
    texts = [s.text for s in sources]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    n = len(sources)

    def bare() -> None:
        for t in texts:
            for _ in BARE.finditer(t):
                pass

    links = 0

    def full() -> None:
        nonlocal links
        links = sum(len(extract(s).links) for s in sources)

    t_bare, t_full = best_of(args.repeat, bare, full)
    print(f"corpus: {n} documents, {mb:.1f} MB, {links} links")
    print(f"bare regex pass : {mb / t_bare:8.1f} MB/s  {n / t_bare:8.0f} docs/s")
    print(f"legal-graph     : {mb / t_full:8.1f} MB/s  {n / t_full:8.0f} docs/s")
    print(f"ratio extract/bare: {t_bare / t_full:.3f} (target >= 0.2)")
    if args.spacy:
        from ingest.nlp import parse

        (t_sp,) = best_of(1, lambda: [parse(s) for s in sources])
        print(f"spaCy view      : {mb / t_sp:8.1f} MB/s  (tokenisation + the same extractor)")


if __name__ == "__main__":
    main()
