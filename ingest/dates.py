"""When a document is in force, as its own text (or its register) says. Pure functions.

A normative text states its entry into force in its last articles (Law 80/2015 Art. 151-152;
Law 64/2025 Art. 57): "Nghị định này có hiệu lực thi hành (kể) từ ngày 01 tháng 7 năm 2026",
"Quyết định này có hiệu lực kể từ ngày ký", "Nghị quyết này có hiệu lực sau 45 ngày kể từ ngày
ký"; a temporary text also its end: "… từ ngày 29 tháng 4 năm 2026 đến hết ngày 28 tháng 02 năm
2027", "Nghị định này hết hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2027". A sentence whose
subject is a part of the text ("Điều 3 và Phụ lục I Nghị quyết này có hiệu lực sau 30 ngày kể
từ ngày Nghị quyết có hiệu lực thi hành") dates that part only.

Dates follow ELI: ``since`` is the first day in force (eli:first_date_entry_in_force), ``until``
the LAST day in force (eli:date_no_longer_in_force): "hết hiệu lực từ ngày 01/01/2027" gives
until 2026-12-31, "đến hết ngày 31/12/2026" gives 2026-12-31.

A register states a status instead (the Bình Dương ``hieu_luc`` column: "Văn bản đang có hiệu
lực", "Văn bản hết hiệu lực", "Văn bản còn hiệu lực một phần"): ``register_status``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from typing import Literal

from ingest.identity import TYPE_WORDS

Kind = Literal["since", "until"]
Stated = Literal["in_force", "partly_ceased", "wholly_ceased", "not_yet_in_force"]


@dataclass(frozen=True)
class InForceStatement:
    """One sentence dating the document (or a part of it): ``kind`` since/until, the ISO day,
    the sentence as quoted, its span in the text, and the part it dates (None: the whole)."""

    kind: Kind
    date: str
    quote: str
    start: int
    end: int
    part: str | None = None


_W = r"[ \t\n]+"
_DOC_TYPES = (
    r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Thông\s+tư(?:\s+liên\s+tịch)?|"
    r"Quyết\s+định|Chỉ\s+thị|Quy\s+chế|Quy\s+định|Kế\s+hoạch|Chương\s+trình|Hướng\s+dẫn|"
    r"Văn\s+bản|Công\s+văn|Thông\s+báo|Hiến\s+pháp)"
)
# a part of the text, as the clause before its subject names it: "Điều 3 và Phụ lục I", "Các
# điều từ Điều 1 đến Điều 11, … của"
_PROVISION = re.compile(
    r"(?<!\w)(?:[Đđ]iều|[Kk]hoản|[Đđ]iểm|[Pp]hụ\s+lục|[Cc]hương|[Mm]ục)\s+(?:\d|[IVXLC]+\b)"
)
_CLAUSE_START = re.compile(r"(?:[.;:]\s|\n[ \t]*(?:\d{1,2}\.|[a-zđ]\))\s*)")
_PART_TAIL = re.compile(r"\s+(?:của|ban\s+hành\s+kèm\s+theo|tại|quy\s+định\s+tại)\s*$")
# the subject: this text ("Nghị quyết này"); "Quyết định có hiệu lực …" (Điều 3 of a decision)
_SUBJECT = rf"(?P<type>{_DOC_TYPES})(?P<this>\s+này)?"
_DMY = (
    r"(?P<{n}d>\d{{1,2}})(?:\s*tháng\s*|\s*[/.-]\s*)(?P<{n}m>\d{{1,2}})"
    r"(?:[\s.,]*năm\s*|\s*[/.-]\s*)(?P<{n}y>\d{{4}})"
)
_DAY1, _DAY2 = _DMY.format(n="a"), _DMY.format(n="b")
# when: a day; the day of signing; N days after one of those (or after the entry into force)
_WHEN = (
    rf"(?:sau\s+(?P<after>\d{{1,3}})\s+ngày\s*,?\s+)?(?:kể\s+)?(?:từ|tính\s+từ)\s+(?:ngày\s+)?"
    rf"(?:{_DAY1}|(?P<signed>ký(?:\s*,?\s*ban\s+hành)?|ban\s+hành|công\s+bố|thông\s+qua)"
    rf"|(?P<own>{_DOC_TYPES}(?:\s+này)?\s+có\s+hiệu\s+lực(?:\s+thi\s+hành)?))"
)
_UNTIL = rf"\s*,?\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?{_DAY2}"
_STATEMENT = re.compile(
    rf"{_SUBJECT}\s+(?:(?:đã|sẽ)\s+)?(?P<verb>có|hết)\s+(?P<cue>hiệu\s+lực)(?:\s+thi\s+hành)?\s*,?\s+"
    rf"{_WHEN}"
    rf"(?:{_UNTIL})?"
)


def _iso(m: re.Match[str], n: str) -> str | None:
    try:
        return Date(int(m[n + "y"]), int(m[n + "m"]), int(m[n + "d"])).isoformat()
    except ValueError:  # "ngày 31 tháng 02"
        return None


def _shift(day: str | None, days: int) -> str | None:
    return None if day is None else (Date.fromisoformat(day) + timedelta(days=days)).isoformat()


def in_force_statements(
    text: str, signed: str | None, own_type: str | None = None
) -> list[InForceStatement]:
    """Every sentence of ``text`` that dates this document or a part of it. ``signed``: the
    document's own date (ISO day), for "kể từ ngày ký"; ``own_type``: its type code (NĐ, QĐ …):
    "Quyết định này" in a decree is a form in its annex, not the decree. A statement needing an
    unknown day is left out. A sentence about another document ("Nghị định số 48/2015/NĐ-CP …
    hết hiệu lực") is a repeal, read as a link (ingest/relations.py)."""
    out: list[InForceStatement] = []
    since_whole: str | None = None
    pos = text.find("hiệu lực")
    while pos >= 0:
        for m in _STATEMENT.finditer(text, max(0, pos - 60), min(len(text), pos + 300)):
            if m.start("cue") != pos or not _own(m, own_type) or _quoted(text, m.start()):
                continue
            for st in _read(m, text, signed, since_whole, *_part(text, m.start())):
                if st.kind == "since" and st.part is None and since_whole is None:
                    since_whole = st.date
                out.append(st)
        pos = text.find("hiệu lực", pos + 8)
    return out


def _own(m: re.Match[str], own_type: str | None) -> bool:
    """The subject names this text: "<its type> này", or "Quyết định" alone in a decision."""
    code = TYPE_WORDS.get(" ".join(m["type"].lower().split()))
    if own_type and code and code != own_type and not (code == "CV" and own_type not in _NORMATIVE):
        return False
    return m["this"] is not None or (code == "QĐ" and own_type in (None, "QĐ"))


_NORMATIVE = frozenset({"L", "BL", "PL", "HP", "NĐ", "NQ", "TT", "TTLT", "QĐ", "NQLT"})


def _part(text: str, subject: int) -> tuple[str | None, int]:
    """The provisions the clause names before its subject (None when it names none), and
    where the clause starts."""
    starts = list(_CLAUSE_START.finditer(text, max(0, subject - 400), subject))
    begin = starts[-1].end() if starts else max(0, subject - 400)
    head = text[begin:subject]
    if not _PROVISION.search(head):
        return None, subject
    begin += len(head) - len(head.lstrip())
    return _PART_TAIL.sub("", " ".join(head.split())) or None, begin


def _quoted(text: str, start: int) -> bool:
    """Inside quoted wording of another text (an amendment: "Điều 5. … có hiệu lực …”)."""
    line = text.rfind("\n", 0, start)
    return text.count("“", line + 1, start) > text.count("”", line + 1, start)


def _read(m: re.Match[str], text: str, signed: str | None, since_whole: str | None,
          part: str | None, start: int) -> list[InForceStatement]:  # fmt: skip
    if m["ad"]:
        day = _iso(m, "a")
    elif m["signed"]:
        day = signed if signed and len(signed) == 10 else None
    else:  # "… kể từ ngày Nghị quyết (này) có hiệu lực": relative to the whole text's own day
        day = since_whole
    if day is not None and m["after"]:
        day = _shift(day, int(m["after"]))
    quote = " ".join(text[start : m.end()].split())
    out: list[InForceStatement] = []
    if day is not None:
        if m["verb"] == "có":
            out.append(InForceStatement("since", day, quote, start, m.end(), part))
        else:  # "hết hiệu lực từ ngày X": X is the first day it is not in force
            until = _shift(day, -1)
            assert until is not None
            out.append(InForceStatement("until", until, quote, start, m.end(), part))
    if m["bd"] and m["verb"] == "có":  # "… đến (hết) ngày Y": Y is its last day
        last = _iso(m, "b")
        if last is not None:
            out.append(InForceStatement("until", last, quote, start, m.end(), part))
    return out


def in_force_dates(statements: list[InForceStatement]) -> tuple[str | None, str | None]:
    """(first day in force, last day in force) of the whole document, from its statements."""
    since = next((s.date for s in statements if s.kind == "since" and s.part is None), None)
    until = next((s.date for s in statements if s.kind == "until" and s.part is None), None)
    return since, until


_REGISTER = (
    (re.compile(r"một\s+phần|từng\s+phần", re.I), "partly_ceased"),
    (re.compile(r"hết\s+hiệu\s+lực|không\s+còn\s+hiệu\s+lực|bị\s+bãi\s+bỏ", re.I), "wholly_ceased"),
    (re.compile(r"chưa\s+có\s+hiệu\s+lực", re.I), "not_yet_in_force"),
    (re.compile(r"(?:còn|đang\s+có|có)\s+hiệu\s+lực", re.I), "in_force"),
)


def register_status(value: str | None) -> Stated | None:
    """What a register's status column says ("Văn bản đang có hiệu lực" → in_force,
    "Văn bản hết hiệu lực" → wholly_ceased, "Văn bản còn hiệu lực một phần" → partly_ceased);
    None for an empty or unknown value."""
    if not value:
        return None
    for pattern, status in _REGISTER:
        if pattern.search(value):
            return status  # type: ignore[return-value]
    return None
