"""The document itself: header metadata (Decree 30/2020, Art. 8) as far as the text has it.

Issuing body and its province, số ký hiệu (also unnumbered drafts "Số:   /UBND-KGVX"), type,
place and date (also partial: "ngày   tháng 3 năm 2025"), trích yếu (the "V/v" line or the lines
after the type name), signer and recipients.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ingest.identity import (
    CENTRAL_ISSUERS,
    LOWER,
    PROVINCES,
    TYPE_WORDS,
    UPPER,
    Symbol,
    is_local,
    issuer_name,
    local_unit,
    parse_symbol,
    province_from,
    slug,
)
from ingest.references import SYMBOL_RE

# (in either case: the first letter through the look-ahead's class, which is cheap to test at
# each character; re.I on the whole pattern, which tries every branch there, costs 3× more)
_QUOC_HIEU = re.compile(
    r"(?=[CcĐđVv*])(?i:"
    r"CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–—]?\s*Tự\s+do\s*[-–—]?\s*Hạnh\s+phúc"
    r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|CÔNG\s+BÁO[^\n]*|VĂN\s+BẢN\s+QUY\s+PHẠM\s+PHÁP\s+LUẬT|\*+)"
)
# "Số: 1070/UBND-KGVX", "Luật số: 69/2020/QH14", and Party documents' "Số 52-NQ/TW" (no colon)
# (the number may stand on the line after "Số:", after a blank line too; a symbol cut at a line's
# end after "-" or "/" goes on on the next line)
_NUMBER_LINE = re.compile(
    r"(?:^|\n)(?:[^\n]{0,30}?\b(?:Số|số)[ \t]*:[ \t]*(?:\s*\n[ \t]*(?=\d))?"
    r"|[ \t]*Số[ \t]+(?=\d{1,5}[-/]))"
    r"([^\n]{0,60}?[-/][ \t]*\n[ \t]*[^\n]{0,40}|[^\n]{0,60})"
)
# "Số: 1 070/UBND-KGVX": a number's thousands split off by a space
_SPLIT_THOUSANDS = re.compile(r"\d{1,2}[ \t](?=\d{3}[-/])")
_DRAFT = re.compile(r"^[\s.…_]*/\s*([A-ZĐ][\w]*(?:-[\w]+)*)")
_PLACE_DATE = re.compile(
    r"(" + UPPER + r"[^\W\d_]*(?:[ \t]+" + UPPER + r"[^\W\d_]*){0,3})\s*,\s*ngày\s*(\d{1,2})?\s*"
    r"(?:tháng\s*(\d{1,2})?\s*năm\s*(\d{4})|[/.-](\d{1,2})[/.-](\d{4}))"
)
_TYPE_LINE = re.compile(
    r"(?m)^[ \t*]*("
    + "|".join(w.upper() for w in sorted(TYPE_WORDS, key=len, reverse=True))
    + r")[ \t*]*$"
)
_VV = re.compile(r"(?m)^[ \t]*V/v[ \t]+")
_TITLE_STOP = re.compile(
    r"\n[ \t]*(?:Kính\s+gửi|Căn\s+cứ|Thực\s+hiện|Chương\s+[IVX1]|Điều\s+1|\*\*|[^\n]*CỘNG\s+H(?:ÒA|OÀ))"
    r"|\n(?:[ \t]*\n){2,}|\n[^\n]*,\s*ngày\s",
)


class _AtLineStarts:
    """A pattern matched at line starts. "(?m)^…" would be tried at every character; this
    matches the first line, then lets the engine skip to each newline, a literal. (A match
    after a newline starts at it: read its groups and end, not its start.)"""

    def __init__(self, body: str) -> None:
        self._first = re.compile("(?m)" + body)
        self._next = re.compile("(?m)\n" + body)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        first = self._first.match(text)
        if first:
            yield first
        # (from the first match's end, which may be on a later line: "PHÓ\nCHỦ TỊCH". No match
        # ends right after a newline, so the scan after a match still sees the next one's.)
        yield from self._next.finditer(text, first.end() if first else 0)


_SIGN_TITLE = _AtLineStarts(
    r"[ \t*]*(?:TM\.|KT\.|Q\.|TL\.|TUQ\.|CHỦ\s+TỊCH|PHÓ\s+CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|"
    r"GIÁM\s+ĐỐC|CHỦ\s+NHIỆM|PHÓ\s+CHỦ\s+NHIỆM|BÍ\s+THƯ|TỔNG\s+BÍ\s+THƯ)"
)
_SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đào",
    "Đoàn",
    "Vương",
    "Trịnh",
    "Trương",
    "Lâm",
    "Phùng",
    "Mai",
    "Tô",
    "Hà",
    "Tạ",
    "Châu",
    "Lương",
    "Lưu",
    "Đinh",
    "Cao",
    "Thái",
    "Quách",
    "Hứa",
    "Kiều",
    "La",
    "Triệu",
    "Chu",
    "Đàm",
    "Nông",
    "Lò",
    "Hầu",
    "Tăng",
    "Tôn",
    "Khổng",
    "Lại",
    "Âu",
    "Phí",
    "Giang",
    "Nghiêm",
    "Thân",
    "Đồng",
    "Ông",
    "Y",
    "Kim",
    "Lục",
    "Ninh",
    "Hồng",
    "Từ",
    "Khúc",
]
_PERSON = _AtLineStarts(
    r"[ \t*]*((?:" + "|".join(_SURNAMES) + r")(?:[ \t]+" + UPPER + LOWER + r"*){1,4})[ \t*]*$"
)
_PROVINCE_MENTION = re.compile(
    r"(?:tỉnh|thành\s+phố|TỈNH|THÀNH\s+PHỐ|Tỉnh)\s+("
    + "|".join(
        r"\s+".join(re.escape(w) for w in p.split())
        for p in sorted(PROVINCES, key=len, reverse=True)
    )
    + r"|Thanh\s+Hoá|Khánh\s+Hoà|Hoà\s+Bình|"
    + UPPER
    + r"{2,}(?:[ \t]+"
    + UPPER
    + r"{1,}){0,3})"
)

_ISSUER_NAMES: list[tuple[str, str]] = sorted(
    [(slug(name), code) for code, (name, _) in CENTRAL_ISSUERS.items()],
    key=lambda x: len(x[0]),
    reverse=True,
) + [
    ("bo-chinh-tri", "TW"),
    ("ban-bi-thu", "TW"),
    ("ban-chap-hanh-trung-uong", "TW"),
    ("thu-tuong", "TTG"),
    ("chinh-phu", "CP"),
]


@dataclass
class Header:
    symbol: Symbol | None = None
    draft_suffix: str | None = None  # "UBND-KGVX" of an unnumbered "Số:   /UBND-KGVX"
    symbol_span: tuple[int, int] | None = None
    type: str | None = None
    issuer: str | None = None
    issuer_code: str | None = None
    jurisdiction: str | None = None
    unit: str | None = None  # a district-level unit below the province ("HUYEN-AN-XUAN")
    place: str | None = None
    date: str | None = None
    title: str | None = None
    signer: str | None = None
    recipients: list[str] = field(default_factory=list)
    body_start: int = 0


@functools.lru_cache(maxsize=16384)
def issuer_code_from_name(name: str) -> str | None:
    """Map an issuing body's name (any case) to its code: "Ủy ban nhân dân tỉnh X" → UBND."""
    s = slug(name)
    if not s:
        return None
    if "uy-ban-nhan-dan" in s or s.startswith("ubnd"):
        return "UBND"
    if "hoi-dong-nhan-dan" in s or s.startswith("hdnd"):
        return "HĐND"
    if "tinh-uy" in s or "dang-bo-tinh" in s or "ban-thuong-vu-tinh" in s:
        return "TU"
    if s.startswith("so-"):
        return "S" + "".join(w[0].upper() for w in name.split()[1:] if w[:1].isalpha())
    for n, code in _ISSUER_NAMES:
        if s.startswith(n) or s == n:
            return code
    return None


_UNIT = re.compile(
    r"(?i:(huyện|quận|thị\s+xã|thành\s+phố))\s+("
    + UPPER
    + r"[^\W\d_]*(?:[ \t]+"
    + UPPER
    + r"[^\W\d_]*){0,3})"
)


@functools.lru_cache(maxsize=16384)
def unit_in(text: str) -> str | None:
    """The district-level unit an issuer's name names ("UBND HUYỆN AN XUÂN" → "HUYEN-AN-XUAN")."""
    m = _UNIT.search(text)
    if not m:
        return None
    kind = " ".join(m.group(1).lower().split())
    name = " ".join(w.capitalize() for w in m.group(2).split())
    return local_unit(kind, name)


@functools.lru_cache(maxsize=16384)
def province_in(text: str) -> str | None:
    m = _PROVINCE_MENTION.search(text)
    return province_from(m.group(1)) if m else None


def main_province(text: str) -> str | None:
    """The province a text is about: the most frequent "tỉnh X" it names."""
    counts: Counter[str] = Counter()
    for m in _PROVINCE_MENTION.finditer(text):
        p = province_from(m.group(1))
        if p:
            counts[p] += 1
    return counts.most_common(1)[0][0] if counts else None


_COMMA_DATE = re.compile(r",\s*ngày")


def _place_date(head: str) -> re.Match[str] | None:
    """The first "Hà Nội, ngày …": looked for around each ", ngày" (a search from every
    capital letter of the header costs four times more)."""
    for hit in _COMMA_DATE.finditer(head):
        m = _PLACE_DATE.search(head, max(0, hit.start() - 80), hit.end() + 80)
        if m:
            return m
    return None


def _iso(pd: re.Match[str]) -> str | None:
    """The date of a place-and-date line, as far as it is filled in."""
    day, month, year = pd.group(2), pd.group(3) or pd.group(5), pd.group(4) or pd.group(6)
    if year and month and day:
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    if year and month:
        return f"{int(year):04d}-{int(month):02d}"
    return year or None


def dated_after(text: str, marker: re.Pattern[str]) -> str | None:
    """The date of the place-and-date line right after ``marker`` (a consolidated text is
    dated under "XÁC THỰC VĂN BẢN HỢP NHẤT", at its end)."""
    hits = list(marker.finditer(text))
    if not hits:
        return None
    pd = _place_date(text[hits[-1].end() : hits[-1].end() + 200])
    return _iso(pd) if pd else None


def _unglued(line: str) -> str:
    """The number line up to a place name glued to the symbol where the two header columns
    ran together ("1070/UBND-KGVXKon Tum, ngày …": a capital opening a lower-case word)."""
    end = len(line.split(None, 1)[0]) if line else 0
    for i in range(1, end - 2):
        word = line[i + 1 : i + 3]  # (two lower-case letters: "CTr", "TTg" are symbols' own)
        if line[i - 1].isupper() and line[i].isupper() and word.isalpha() and word.islower():
            return line[:i]
    return line


def parse_header(text: str) -> Header:
    h = Header()
    head = text[:2500]
    m = _NUMBER_LINE.search(head)
    if m:
        rest = m.group(1)
        r = _unglued(rest.strip())
        split = _SPLIT_THOUSANDS.match(r)
        sm = SYMBOL_RE.match(r, split.end() if split else 0)
        if sm:
            h.symbol = parse_symbol(r[: sm.end()])
            off = m.start(1) + (len(rest) - len(rest.lstrip()))
            h.symbol_span = (off, off + sm.end())
        else:
            dm = _DRAFT.match(rest)
            if dm:
                h.draft_suffix = dm.group(1)
    pd = _place_date(head)
    if pd:
        h.place = " ".join(pd.group(1).split())
        h.date = _iso(pd)
    # the issuer's lines end at the number line, else the place and date, else the type word
    # ("LUẬT / AN TOÀN, VỆ SINH LAO ĐỘNG": a law's title is not its issuer)
    anchor = m or pd or _TYPE_LINE.search(head, 0, 400)
    _issuer(h, head, anchor.start() if anchor else 400)
    _type_and_title(h, text, head)
    if h.date is None and h.type in _PASSED_TYPES:  # a law's date: the day it was passed
        passed = _PASSED.search(text, max(0, len(text) - 4000))
        if passed:
            h.date = f"{int(passed[3]):04d}-{int(passed[2]):02d}-{int(passed[1]):02d}"
    _signer_and_recipients(h, text)
    if h.place:  # "119/KH-UBND Tuyên Quang, ngày …": keep the words that name a place
        words = h.place.split()
        while words and words[0].isupper() and len(words[0]) > 1:
            words.pop(0)
        if words:  # "KGVXKon Tum": the symbol's end glued to the place
            words[0] = words[0][len(_unglued(words[0])) :] or words[0]
        h.place = " ".join(words) or None
    if is_local(h.issuer_code) and h.jurisdiction is None:
        h.jurisdiction = (province_from(h.place) if h.place else None) or main_province(text)
    if h.issuer_code:
        h.issuer = issuer_name(h.issuer_code, h.jurisdiction) or h.issuer
    return h


# Laws, codes, ordinances and resolutions of the National Assembly carry no place-and-date line:
# "Luật này được Quốc hội … thông qua ngày 20 tháng 11 năm 2019."
_PASSED_TYPES = frozenset({"L", "BL", "PL", "HP"})
_PASSED = re.compile(r"thông\s+qua\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
# The issuer right under the type word ("NGHỊ QUYẾT / CỦA BỘ CHÍNH TRỊ / về …") is not the title;
# nor are the rules PDF text draws under a header ("-----", "_____").
_ISSUER_UNDER_TYPE = re.compile(r"\s*CỦA\s[^\n]*(?=\n)")
_RULE_TAIL = re.compile(r"[\s\-_–—.*]*$")


def _issuer(h: Header, head: str, limit: int) -> None:
    top = _QUOC_HIEU.sub(" ", head[:limit])
    lines = [ln.strip() for ln in top.splitlines()]
    caps: list[str] = []
    for ln in lines:
        capital = sum(c.isalpha() for c in ln) >= 2 and ln.upper() == ln
        if capital and not _TYPE_LINE.match(ln) and ln not in caps:  # copies repeat the issuer
            caps.append(ln)
    name = " ".join(" ".join(caps).split())
    if name:
        h.issuer_code = issuer_code_from_name(name)
        h.jurisdiction = province_in(name)
        h.issuer = name
        h.unit = unit_in(name)
    else:  # no header (seed-like plans): "Ủy ban nhân dân tỉnh ban hành Kế hoạch …"
        m = re.search(
            r"((?:Ủy|Uỷ)\s+ban\s+nhân\s+dân|UBND|Hội\s+đồng\s+nhân\s+dân)\s+tỉnh(?:\s+\S+){0,3}?\s+(?:ban\s+hành|xây\s+dựng)",
            head,
        )
        if m:
            h.issuer_code = issuer_code_from_name(m.group(1))
    if h.symbol and h.symbol.issuer_code:
        code = h.symbol.issuer_code.upper()
        h.issuer_code = "TTG" if code == "TTG" else code
    elif h.draft_suffix:
        code = h.draft_suffix.split("-")[0].upper()
        h.issuer_code = h.issuer_code or code


def _type_and_title(h: Header, text: str, head: str) -> None:
    vv = _VV.search(head) if "V/v" in head else None  # (a search at every position spared)
    tl = _TYPE_LINE.search(head)
    if tl and (not vv or tl.start() < vv.start()):
        word = " ".join(tl.group(1).lower().split())
        h.type = TYPE_WORDS.get(word)
        start = tl.end()
    elif vv:
        h.type = "CV"
        start = vv.start()
    else:
        h.type = h.symbol.type if h.symbol else None
        return
    if h.symbol and h.symbol.type and h.symbol.type != "CV":
        h.type = h.symbol.type
    under = _ISSUER_UNDER_TYPE.match(text, start)
    if under:
        start = under.end()
    stop = _TITLE_STOP.search(text, start + 1, start + 700)
    end = stop.start() if stop else min(len(text), start + 400)
    end = _caps_break(text, start, end)
    title = _RULE_TAIL.sub("", " ".join(text[start:end].split())).strip(" *")
    if title:
        h.title = title
    h.body_start = end


def _caps_break(text: str, start: int, end: int) -> int:
    """A sentence-case title ends at a line in capitals ("CHÍNH PHỦ", "BỘ TRƯỞNG BỘ …" before
    the preamble); a title in capitals (a law's) ends at its first sentence-case line."""
    lines = text[start:end].split("\n")
    pos = start
    first_caps = None
    for line in lines:
        body = line.strip(" \t*")
        if sum(c.isalpha() for c in body) >= 3:
            caps = body.upper() == body
            if first_caps is None:
                first_caps = caps
            elif caps != first_caps:
                return pos
        pos += len(line) + 1
    return end


def _signer_and_recipients(h: Header, text: str) -> None:
    tail = text[-2500:]
    titles = list(_SIGN_TITLE.finditer(tail))
    st = titles[-1] if titles else None
    if st is not None:
        after = tail[st.end() :]
        for pm in _PERSON.finditer(after):
            h.signer = pm.group(1).strip()
    if h.signer is None:
        for pm in _PERSON.finditer(text[-400:]):
            h.signer = pm.group(1).strip()
    m = re.search(
        r"Kính\s+gửi\s*:(.{0,600}?)(?:\n[ \t]*\n[ \t]*(?=" + UPPER + r")|$)", text[:4000], re.S
    )
    if m:
        for item in re.split(r"\n\s*[-–•]\s*|;", m.group(1)):
            item = " ".join(item.split()).strip(" .;-")
            if item:
                h.recipients.append(item)
