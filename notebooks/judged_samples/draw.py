"""Draw a seeded sample of distinct extracted links for a hand evaluation (issue 14).

    C=../shared/corpus
    legal-graph extract $C/seeds $C/gazette $C/tvpl $C/provincial $C/binhduong --edges edges.jsonl -q
    python notebooks/judged_samples/draw.py edges.jsonl 20261219 > sample.jsonl              # random 50
    python notebooks/judged_samples/draw.py edges.jsonl 20261220 --stratified > sample.jsonl # non-gazette

A link is distinct by (file, subject, relation, object, reported), its first occurrence in the
export. The stratified draw takes 17 tvpl links, 17 provincial and seed links and 16 of the Bình
Dương register: the kinds the gazette-heavy random draw seldom reaches.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import Any

N = 50
STRATA = (
    ("tvpl", ("/tvpl/",), 17),
    ("provincial+seeds", ("/provincial/", "/seeds/"), 17),
    ("binhduong", ("/binhduong/",), 16),
)


def ident(doc: dict[str, Any]) -> str:
    key = doc.get("key") or doc.get("symbol")
    return str(key) if key else json.dumps(doc, sort_keys=True, ensure_ascii=False)


def distinct(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for e in edges:
        k = (
            e["asserted_in"],
            ident(e["subject"]),
            e["relation"],
            ident(e["object"]),
            e["reported"],
        )
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("edges")
    ap.add_argument("seed", type=int)
    ap.add_argument("--stratified", action="store_true")
    args = ap.parse_args()
    with open(args.edges, encoding="utf-8") as f:
        unique = distinct([json.loads(line) for line in f if line.strip()])
    print(f"unique={len(unique)} seed={args.seed}", file=sys.stderr)
    drawn: list[tuple[str, dict[str, Any]]] = []
    if args.stratified:
        for name, marks, size in STRATA:
            pool = [e for e in unique if any(m in str(e["asserted_in"]) for m in marks)]
            drawn += [(name, e) for e in random.Random(args.seed).sample(pool, size)]
    else:
        drawn = [("", e) for e in random.Random(args.seed).sample(unique, N)]
    for n, (stratum, e) in enumerate(drawn, 1):
        print(json.dumps({"n": n, "stratum": stratum, **e}, ensure_ascii=False))


if __name__ == "__main__":
    main()
