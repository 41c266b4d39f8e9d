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


def _mask(buf: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if buf[i] != "\n":
            buf[i] = " "


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
    buf = list(text)
    for s, e in spans:
        _mask(buf, s, e)
    for fn in footnotes:
        # mask the footnote text (with its number) and its marker in the main text
        line_start = text.rfind("\n", 0, fn.start) + 1
        _mask(buf, line_start, fn.end)
        if fn.marker >= 0:
            _mask(buf, fn.marker, fn.marker + len(fn.number))
    notes = ""
    if footnotes:
        nbuf = [c if c == "\n" else " " for c in text]
        for fn in footnotes:
            nbuf[fn.start : fn.end] = text[fn.start : fn.end]
        for s, e in spans:
            _mask(nbuf, s, e)
        notes = "".join(nbuf)
    return CleanText(text, "".join(buf), footnotes, notes)


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
    result: list[Footnote] = []
    used_markers: set[int] = set()
    for i, m in enumerate(starts):
        number = _sup_number(m.group("n"))
        nxt = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        end = _footnote_end(text, m.end(), nxt)
        marker = _find_marker(text, number, m.start(), used_markers)
        if marker < 0:
            continue  # a numbered line with no marker is not a footnote
        used_markers.add(marker)
        result.append(Footnote(number, marker, m.end(), end))
    return result


def _find_marker(text: str, number: str, before: int, used: set[int]) -> int:
    """The last marker with this number before the footnote text (markers precede notes)."""
    best = -1
    for m in _MARKER.finditer(text, 0, before):
        n = m.group("n") or _sup_number(m.group("sup") or "")
        if n == number and m.start() not in used:
            best = m.start()
    if best < 0:  # glued to a year: "giai đoạn 2025-20301."
        for m in re.finditer(r"(?<=(?:19|20)\d\d)" + number + r"(?=[\s.,;:)])", text[:before]):
            if m.start() not in used:
                best = m.start()
    return best
