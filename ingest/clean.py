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
import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ingest.identity import UPPER

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_VALUE = {c: str(i) for i, c in enumerate(SUPERSCRIPTS)}

# "2 - Thông tư số 68/2024/TT-BTC … có căn cứ ban hành như sau:": a consolidated text's note on
# an amending text, its number set off by a dash (a numbered table row, "1 - Trắc địa", is not)
_DASHED_NOTE = r"[-–][ \t]+(?=(?:Thông tư|Nghị định|Nghị quyết|Quyết định|Luật|Pháp lệnh)[ \t])"
_LINE_BODY = (
    # the lookahead on the first letter lets the engine drop most lines at once
    r"[ \t]*(?=[CKNET\d" + SUPERSCRIPTS + r"])(?:(?P<header>CÔNG BÁO/Số[^\n]*)"
    r"|(?P<signature>(?:Ký bởi|Người ký|Email|Cơ quan|Thời gian ký|Ngày ký)[ \t]*:[^\n]*)"
    r"|(?P<pageno>\d{1,4}[ \t]*(?=\n|\Z))"
    rf"|(?P<fn>(?P<n>\d{{1,2}}|[{SUPERSCRIPTS}]{{1,2}})[ \t]+(?:{_DASHED_NOTE})?(?={UPPER}|[\"“(])))"
)
# Page furniture is found at line starts. The pattern begins with the newline itself, a literal
# the regex engine skips to directly; "(?m)^" would be tried at every character.
_FIRST_LINE = re.compile(_LINE_BODY)
_LINE_START = re.compile("\n" + _LINE_BODY)
# A marker glued to the end of a word, or a superscript anywhere.
_MARKER = re.compile(
    r"(?<=[^\W\d_)])(?P<n>\d{1,2})(?=[\s.,;:)]|$)|(?P<sup>[" + SUPERSCRIPTS + r"]{1,2})"
)


# Characters read as another of the same length (quotes are cut from the source, as printed):
# the Icelandic eth that some PDF fonts give for Đ ("Ðiều", "NÐ-CP", "Bình Ðịnh"), and the
# no-break spaces of word processors ("số\u00a0123", thousands "2\u202f598")
_SAME_READING = (("Ð", "Đ"), ("ð", "đ"), ("\u00a0", " "), ("\u202f", " "))


class _Line(NamedTuple):
    """A numbered line that may start a footnote text."""

    start: int  # the line's start
    number: str  # its number or superscript
    end: int  # where its text starts


@dataclass(frozen=True)
class Footnote:
    number: str
    marker: int  # offset of the marker in the main text (-1 if no marker was found)
    start: int  # offset of the footnote text (after its number)
    end: int
    continued: bool = False  # the rest of footnote ``number``, at the foot of the next page


@dataclass
class CleanText:
    """The source text with damage masked (same length), footnotes cut out of the main text."""

    source: str
    text: str
    footnotes: list[Footnote] = field(default_factory=list)
    notes: str = ""  # only the footnote texts, everything else masked (same length)
    breaks: list[int] = field(default_factory=list)  # where page furniture starts (page ends)


def pages_shown(text: str) -> int:
    """Pages a text converted from a PDF shows: its running headers ("CÔNG BÁO/Số …", one a
    page) or pdftotext's form feeds, whichever says more; 1 when it shows none."""
    return max(text.count("CÔNG BÁO/Số"), text.count("\f") + 1)


def squash(text: str) -> str:
    """``" ".join(text.split())``: white space runs to one space, ends trimmed. Three times
    faster on the usual text (spaces and newlines only), which is every quote and title."""
    flat = text.replace("\n", " ")
    if not flat.isprintable():  # tabs, no-break and other spaces: the general way
        return " ".join(text.split())
    while "  " in flat:
        flat = flat.replace("  ", " ")
    return flat.strip(" ")


def lowered(text: str) -> str:
    """``text.lower()`` with the same length (offsets stay valid): a letter whose lower case is
    longer ("İ") keeps its first character."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[:1] or c for c in text)


def _sup_number(s: str) -> str:
    return "".join(_SUP_VALUE.get(c, c) for c in s)


def clean(text: str) -> CleanText:
    """Mask page furniture and footnotes; pair footnote texts with their markers."""
    source = text
    for odd, usual in _SAME_READING:
        if odd in text:
            text = text.replace(odd, usual)
    spans: list[tuple[int, int]] = []
    numbers: list[tuple[int, int]] = []
    starts: list[_Line] = []
    first = _FIRST_LINE.match(text)
    for m in itertools.chain((first,) if first else (), _LINE_START.finditer(text)):
        kind = m.lastgroup
        a, b = m.span()
        line = a + (text[a] == "\n")  # where the line starts
        if kind == "pageno":  # (the most frequent first: a gazette page has one, tables more)
            numbers.append((line, b))
        elif kind == "header" or kind == "signature":
            spans.append((line, b))
        elif kind == "fn" and not text.startswith(".", m.end("n")):
            starts.append(_Line(line, m.group("n"), b))
    # a footnote ends at the foot of its page: what follows the next page's header is body text
    breaks = [a for a, _ in spans]
    if spans:  # page numbers only matter in paginated (gazette) text
        spans.extend(numbers)

    footnotes = _find_footnotes(text, starts, breaks)
    if "://" in text:  # a web address names no document, whatever digits it carries
        for m in _URL.finditer(text):  # (masked line by line: the lines stay)
            pos = m.start()
            for piece in m.group().split("\n"):
                spans.append((pos, pos + len(piece)))
                pos += len(piece) + 1
    if not spans and not footnotes:
        return CleanText(source, text, [])
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
    return CleanText(source, main, footnotes, notes, breaks)


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every span overwritten by spaces; same length."""
    # (a gazette text has a few hundred spans, one a page header or number: a tight loop)
    pieces: list[str] = []
    add = pieces.extend
    pos = 0
    for s, e in sorted(spans):
        if s < pos:
            s = pos
        if e > s:
            add((text[pos:s], " " * (e - s)))
            pos = e
    pieces.append(text[pos:])
    return "".join(pieces)


# A web address, and its tail on the next line when a line break cut it after "-", "=", "/" …
# ("https://vbpl.vn/TW/Pages/vbpq-\ntoanvan.aspx?ItemID=1&Keyword=\nS%E1%BB%91%2031/2015/N%C4%90-CP")
# (or after a space or a line break the PDF put inside a percent-escape: "Keyword=S%E1 %BB%91%20…")
_URL = re.compile(
    r"https?://[^\s\])]+(?:(?<=[-=?&/%_])[ \t]*\n[ \t]*[^\s\])]+|[ \t]*\n?[ \t]*(?=%[0-9A-F]{2})[^\s\])]+)*"
)


_FOOTNOTE_STOP = re.compile(r"\.[ \t]*\n|\n[ \t]*[-–•][ \t]")
# a note set off by a dash goes on over its next dashed item ("2 - Thông tư A …”.\n- Thông tư B
# … có căn cứ ban hành như sau:")
_DASHED_NOTE_STOP = re.compile(r"\.[ \t]*\n(?![ \t]*[-–][ \t])")
_SUPERSCRIPT_RUN = re.compile("[" + SUPERSCRIPTS + "]{1,2}")


def _footnote_end(
    text: str, start: int, next_start: int, breaks: list[int], dashed: bool = False
) -> int:
    """Where a footnote text stops: the next footnote, the page's end (``breaks``: where page
    furniture starts), a full stop at a line end, or a line that resumes the body (a list
    dash, unless the note is ``dashed`` itself)."""
    # (a note stops at its page's foot; with no page after it, 3000 characters at most)
    k = bisect.bisect_right(breaks, start)
    limit = min(next_start, breaks[k] if k < len(breaks) else start + 3000, len(text))
    stop = _DASHED_NOTE_STOP if dashed else _FOOTNOTE_STOP
    m = stop.search(text, start, limit)
    # a full stop inside a quote the footnote opened ("… quy định như sau: “Điều 27. … năm
    # 2026.") ends a clause of the quoted text, not the footnote; so inside one opened with a
    # straight quote ("Điều 10. Hiệu lực thi hành.", as PDF copies type it), an odd count
    while m and (
        text.count("“", start, m.start()) > text.count("”", start, m.start())
        or text.count('"', start, m.start()) % 2
    ):
        m = stop.search(text, m.end(), limit)
    if m:
        return m.start() + 1 if text[m.start()] == "." else m.start()
    return limit


def _find_footnotes(text: str, starts: list[_Line], breaks: list[int]) -> list[Footnote]:
    """Footnote texts (numbered lines, not "1." list items) paired with their markers."""
    if not starts:
        return []
    markers: dict[str, list[int]] = {}
    # Superscript markers number from ¹, so a text without "¹" has none (one str.find; a regex
    # scan over a class of rare letters costs several times more).
    if "¹" in text:
        for sup in _SUPERSCRIPT_RUN.finditer(text):
            markers.setdefault(_sup_number(sup.group()), []).append(sup.start())
    result: list[Footnote] = []
    used: set[int] = set()
    expected = 1  # footnotes are numbered 1, 2, 3 … through a document
    for i, m in enumerate(starts):
        number = _sup_number(m.number)
        if int(number) not in (expected, expected + 1):
            continue  # a numbered table row or list line, not the next footnote
        nxt = starts[i + 1].start if i + 1 < len(starts) else len(text)
        if number in markers:
            marker = _find_marker(number, m.start, used, markers[number])
        else:
            marker = _glued(
                text, number, m.start, used, _PROVISION_NOTE.match(text, m.end) is not None
            )
        if marker < 0:
            continue  # a numbered line with no marker is not a footnote
        used.add(marker)
        expected = int(number) + 1
        dashed = text[m.start : m.end].rstrip()[-1] in "-–"  # "2 - Thông tư …" (taken by fn)
        end = _footnote_end(text, m.end, nxt, breaks, dashed)
        result.append(Footnote(number, marker, m.end, end))
    return _with_rests(text, result, breaks)


_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
_FURNITURE = ("header", "signature", "pageno")


def _with_rests(text: str, notes: list[Footnote], breaks: list[int]) -> list[Footnote]:
    """``notes`` with the rest of each note its page's end cut off, at the foot of the next page:
    the block between the body's last blank line and that page's first note, when it ends with
    a full stop ("… trên ⟨rest of note 8⟩ 9 Khoản này …" would otherwise run the rest into the
    body sentence the page break cut); or, for a cut quote, the block to the page's end, when
    it closes the quote (and so on over the pages a long quote takes)."""
    out: list[Footnote] = []
    cut = set(breaks)
    todo = list(reversed(notes))
    while todo:
        fn = todo.pop()
        out.append(fn)
        if fn.end not in cut:
            continue
        nxt = todo[-1].start if todo else len(text)
        body = _page_body(text, fn.end, nxt)
        k = bisect.bisect_right(breaks, body)
        page_end = breaks[k] if k < len(breaks) else len(text)
        open_quote = text.count("“", fn.start, fn.end) > text.count("”", fn.start, fn.end)
        if nxt < page_end:
            end = text.rfind("\n", 0, nxt) + 1  # the next note's line
        elif open_quote:
            end = page_end
        else:
            continue
        last = end
        while last > body and text[last - 1].isspace():
            last -= 1  # (the blank lines before the page's furniture)
        blank = None
        for blank in _BLANK_LINE.finditer(text, body, last):  # noqa: B007 (the last one)
            pass
        if blank is None or blank.end() - blank.start() > 20:
            continue  # (under a footnote rule the relation stage reads the rest: _continuation)
        a = blank.end() + 1
        rest = text[a:end].rstrip()
        if len(rest) < 6000 and (
            ("”" in rest) if open_quote else (rest.endswith(".") and end < page_end)
        ):
            todo.append(Footnote(fn.number, fn.marker, a, end, True))
    return out


def _page_body(text: str, pos: int, end: int) -> int:
    """Where the body starts after ``pos``: past page furniture and blank lines."""
    while pos < end:
        eol = text.find("\n", pos)
        eol = len(text) if eol < 0 else eol
        m = _FIRST_LINE.match(text, pos)
        if text[pos:eol].strip() and not (m and m.lastgroup in _FURNITURE):
            break
        pos = eol + 1
    return pos


def _glued(text: str, number: str, before: int, used: set[int], on_item: bool = False) -> int:
    """The last ``number`` glued to the end of a word before ``before`` ("tỉnh1 "), or -1.
    ``on_item``: the note says what became of a provision, whose number the marker may follow."""
    lo, hi = max(0, before - _MARKER_WINDOW), before
    while True:
        pos = text.rfind(number, lo, hi)
        if pos <= 0:
            return -1
        after = pos + len(number)
        glued = (
            text[pos - 1].isalpha()
            or text[pos - 1] == ")"
            or (text[pos - 1] == "." and text[pos - 2].isalpha())  # "… Bộ Công Thương.1"
            or _glued_to_year(text, pos)
            or _glued_to_heading(text, pos, after)
        )
        # (after an item's number the marker may run into the word: "1. 12Công ty …")
        item = on_item and not glued and _after_item_number(text, pos, after)
        glued = glued or item
        ends = after >= len(text) or text[after] in " \t\n.,;:)" or item
        if glued and ends and pos not in used:
            return pos
        hi = pos


_MARKER_WINDOW = 6000
# a provision's number at its line's start, with a marker glued to its dot, before a note in
# brackets or the line's end: "Điều 3.3 (được bãi bỏ)", "1.2 (được bãi bỏ)"
_HEADING_NUMBER = re.compile(r"[ \t]*(?:Điều[ \t]+)?\d{1,3}(?:\.\d{1,3})*\.")
_AFTER_HEADING = re.compile(r"[ \t]*(?:\(|\n|\Z)")


def _glued_to_heading(text: str, pos: int, after: int) -> bool:
    if text[pos - 1] != ".":
        return False
    line = text.rfind("\n", 0, pos) + 1
    return (
        _HEADING_NUMBER.fullmatch(text, line, pos) is not None
        and _AFTER_HEADING.match(text, after) is not None
    )


# a consolidated text's marker set after a provision's number, before its words: "6. 3 Tổ
# chức …", "1. 10 Để thực hiện …", "8.15 Trường hợp …", "a) 5 Công ty …"
_ITEM_NUMBER = re.compile(
    r"[ \t]*(?:Điều[ \t]+\d{1,3}[a-zđ]?\.|\d{1,3}(?:\.\d{1,3})*\.|[a-zđ]\))[ \t]*"
)
_WORD_NEXT = re.compile(r"[ \t]*" + UPPER)


# a consolidated text's note on a provision: "Khoản này được sửa đổi, bổ sung theo …", "Điểm này
# được bãi bỏ …"
_PROVISION_NOTE = re.compile(
    r"(?:Điều|Khoản|Điểm|Mục|Chương|Phụ\s+lục|Tiết|Đoạn|Cụm\s+từ)\s+(?:này\s+)?(?:đã\s+)?(?:được|bị)\s"
)


def _after_item_number(text: str, pos: int, after: int) -> bool:
    line = text.rfind("\n", 0, pos) + 1
    return (
        _ITEM_NUMBER.fullmatch(text, line, pos) is not None
        and _WORD_NEXT.match(text, after) is not None
    )


def _glued_to_year(text: str, pos: int) -> bool:
    """ "giai đoạn 2025-20301.": a footnote number glued to a year."""
    return (
        pos >= 5
        and text[pos - 4 : pos - 2] in ("19", "20")
        and text[pos - 4 : pos].isdigit()
        and not text[pos - 5].isdigit()
    )


def _find_marker(number: str, before: int, used: set[int], positions: list[int]) -> int:
    """The last unused marker with this number before the footnote text (markers precede notes)."""
    k = bisect.bisect_left(positions, before)
    for pos in reversed(positions[max(0, k - 50) : k]):
        if pos not in used:
            return pos
    return -1
