"""Repair PDF damage by masking, never shifting: the cleaned text has the source's length.

Page headers ("CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025"), page numbers, e-signature blocks
("Ký bởi: …") and footnote markers glued to words ("tỉnh1", "Chính phủ¹") are overwritten with
spaces, so every offset found in the cleaned text is an offset in the text the user sees: the
offset map is the identity. Line breaks inside references ("52-\\n\\nNQ/TW") are bridged by the
patterns themselves (they accept white space there).

Footnote texts are cut out of the main text (masked) and returned with their markers, so the
relation stage can tie each footnote to the words it annotates.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ingest.identity import UPPER

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_VALUE = {c: str(i) for i, c in enumerate(SUPERSCRIPTS)}

_PAGE_HEADER = re.compile(r"(?m)^[ \t]*CÔNG BÁO/Số[^\n]*$")
_PAGE_NUMBER = re.compile(r"(?m)^[ \t]*\d{1,4}[ \t]*$")
_SIGNATURE = re.compile(
    r"(?m)^[ \t]*(?:Ký bởi|Người ký|Email|Cơ quan|Thời gian ký)[ \t]*:[^\n]*$"
)
# A footnote text: at a line start, its number (or superscript) then a capitalised text.
_FOOTNOTE_START = re.compile(
    r"(?m)^[ \t]*(?P<n>\d{1,2}|[" + SUPERSCRIPTS + r"]{1,2})[ \t]+(?=" + UPPER + r"|[\"“(])"
)
# A marker glued to the end of a word, or a superscript anywhere.
_MARKER = re.compile(
    r"(?<=[^\W\d_)])(?P<n>\d{1,2})(?=[\s.,;:)]|$)|(?P<sup>[" + SUPERSCRIPTS + r"]{1,2})"
)


@dataclass(frozen=True)
class Footnote:
    number: str
    marker: int  # offset of the marker in the main text (-1 if no marker was found)
    start: int  # offset of the footnote text (after its number)
    end: int


@dataclass
class CleanText:
    """The source text with damage masked (same length), footnotes cut out of the main text."""

    source: str
    text: str
    footnotes: list[Footnote] = field(default_factory=list)
    notes: str = ""  # only the footnote texts, everything else masked (same length)


def _sup_number(s: str) -> str:
    return "".join(_SUP_VALUE.get(c, c) for c in s)


def clean(text: str) -> CleanText:
    """Mask page furniture and footnotes; pair footnote texts with their markers."""
    spans: list[tuple[int, int]] = []
    for rx in (_PAGE_HEADER, _SIGNATURE):
        spans.extend(m.span() for m in rx.finditer(text))
    if spans:  # page numbers only matter in paginated (gazette) text
        spans.extend(m.span() for m in _PAGE_NUMBER.finditer(text))

    footnotes = _find_footnotes(text)
    if not spans and not footnotes:
        return CleanText(text, text, [])
    masks = list(spans)
    for fn in footnotes:
        # the footnote text (with its number) and its marker leave the main text
        masks.append((text.rfind("\n", 0, fn.start) + 1, fn.end))
        masks.append((fn.marker, fn.marker + len(fn.number)))
    main = _masked(text, masks)
    notes = ""
    if footnotes:  # the complement: only footnote texts, furniture still masked
        keep = sorted((fn.start, fn.end) for fn in footnotes)
        gaps, pos = [], 0
        for s, e in keep:
            if s > pos:
                gaps.append((pos, s))
            pos = max(pos, e)
        gaps.append((pos, len(text)))
        notes = _masked(text, gaps + spans)
    return CleanText(text, main, footnotes, notes)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every span overwritten by spaces (line breaks kept); same length."""
    pieces, pos = [], 0
    for s, e in sorted(spans):
        s = max(s, pos)
        if e <= s:
            continue
        pieces.append(text[pos:s])
        pieces.append(_NOT_NEWLINE.sub(" ", text[s:e]))
        pos = e
    pieces.append(text[pos:])
    return "".join(pieces)


def _footnote_end(text: str, start: int, next_start: int) -> int:
    """Where a footnote text stops: the next footnote, a full stop at a line end, or a line
    that resumes the body (a list dash), at most 800 characters."""
    limit = min(next_start, start + 800, len(text))
    m = re.compile(r"\.[ \t]*\n|\n[ \t]*[-–•][ \t]").search(text, start, limit)
    if m:
        return m.start() + 1 if text[m.start()] == "." else m.start()
    return limit


def _find_footnotes(text: str) -> list[Footnote]:
    starts = [
        m
        for m in _FOOTNOTE_START.finditer(text)
        # a footnote text is short-numbered and is not a numbered list item ("1. …")
        if not text.startswith(".", m.end("n"))
    ]
    if not starts:
        return []
    markers: dict[str, list[int]] = {}
    for m in _MARKER.finditer(text):
        n = m.group("n") or _sup_number(m.group("sup") or "")
        markers.setdefault(n, []).append(m.start())
    result: list[Footnote] = []
    used: set[int] = set()
    for i, m in enumerate(starts):
        number = _sup_number(m.group("n"))
        nxt = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        end = _footnote_end(text, m.end(), nxt)
        marker = _find_marker(text, number, m.start(), used, markers.get(number, []))
        if marker < 0:
            continue  # a numbered line with no marker is not a footnote
        used.add(marker)
        result.append(Footnote(number, marker, m.end(), end))
    return result


def _find_marker(text: str, number: str, before: int, used: set[int], positions: list[int]) -> int:
    """The last unused marker with this number before the footnote text (markers precede notes)."""
    k = bisect.bisect_left(positions, before)
    for pos in reversed(positions[max(0, k - 50) : k]):
        if pos not in used:
            return pos
    # glued to a year: "giai đoạn 2025-20301."
    lo = max(0, before - 3000)
    best = -1
    for m in re.finditer(r"(?<=(?:19|20)\d\d)" + number + r"(?=[\s.,;:)])", text[lo:before]):
        if lo + m.start() not in used:
            best = lo + m.start()
    return best
