"""Where in its text a quote stands: the article (Điều 5) or the numbered part (Mục II) whose
heading comes last before it, read from the source file when it is still where it was ingested
and still says the quote at its offsets (the offsets index the text as ingest/read.py reads it).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from ingest.read import read_path

_HEADING = re.compile(r"(?m)^[ \t]*(?:(Điều)[ \t]+(\d+[a-zđ]?)\.|([IVXLC]+)\.[ \t]+(?=[A-ZĐÀ-Ỹ]))")


@lru_cache(maxsize=256)
def _text(path: str, mtime: float) -> str | None:
    sources = read_path(path)
    if isinstance(sources, list) and len(sources) == 1:
        return sources[0].text
    return None  # unreadable now, or a register (one row per document)


def source_text(path: str | None) -> str | None:
    """The text the offsets of ``path``'s quotes index, None when the file is gone or is a
    register (several documents in one file)."""
    if not path:
        return None
    try:
        return _text(path, os.stat(path).st_mtime)
    except OSError:
        return None


def provision(path: str | None, start: int | None, end: int | None, quote: str) -> str | None:
    """ "Điều 5", "Mục II" or None (no heading before the quote, or the file moved or changed)."""
    if start is None or end is None:
        return None
    text = source_text(path)
    if text is None or " ".join(text[start:end].split()) != " ".join(quote.split()):
        return None
    last = None
    for m in _HEADING.finditer(text, 0, start):
        last = m
    if last is None:
        return None
    return f"Điều {last.group(2)}" if last.group(1) else f"Mục {last.group(3)}"
