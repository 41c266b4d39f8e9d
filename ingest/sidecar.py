"""What a collection states about its files: an ``index.json`` beside them or one folder up.

Collections saved from a portal list every file with its số ký hiệu (the gazette corpus:
``{"slug": "nghi-dinh-so-200-2026-nd-cp-469728", "so_hieu": "Nghị định số 200/2026/NĐ-CP",
"loai": "Nghị định", "nam": 2026}``). A file whose own header has lost its number (a text cut
over several gazette issues, a header PDF extraction garbled) keeps its identity from there:
``Source.meta`` carries it and the header is preferred whenever it has one.
"""

from __future__ import annotations

import functools
import json
import os
import re

INDEX_NAME = "index.json"
_SYMBOL_IN = re.compile(r"\d{1,5}(?:\.\d{1,3})?(?:/(?:19|20)\d\d)?[-/][^\s,;]+")
_MAX_INDEX_BYTES = 20 << 20


def metadata_for(path: str) -> tuple[tuple[str, str], ...]:
    """(key, value) pairs an index beside ``path`` (or one folder up) states about it."""
    stem = os.path.splitext(os.path.basename(path))[0]
    folder = os.path.dirname(os.path.abspath(path))
    for where in (folder, os.path.dirname(folder)):
        entry = _index(os.path.join(where, INDEX_NAME)).get(stem)
        if entry is not None:
            return entry
    return ()


@functools.lru_cache(maxsize=64)
def _index(path: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """slug → metadata of one index file; an absent, huge or malformed index is no index."""
    try:
        if os.path.getsize(path) > _MAX_INDEX_BYTES:
            return {}
        with open(path, encoding="utf-8") as f:
            rows = json.load(f)
    except (OSError, ValueError):
        return {}
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict) or not isinstance(row.get("slug"), str):
            continue
        meta = []
        symbol = _SYMBOL_IN.search(str(row.get("so_hieu") or ""))
        if symbol and not symbol.group().islower():  # a page slug in its place names no number
            meta.append(("so_ky_hieu", symbol.group()))
        if isinstance(row.get("nam"), int) and 1945 <= row["nam"] <= 2100:  # 0: not stated
            meta.append(("year", str(row["nam"])))
        out[row["slug"]] = tuple(meta)
    return out
