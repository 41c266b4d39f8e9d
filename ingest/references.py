"""Find every mention of another document in a (cleaned) text.

One pass finds số ký hiệu shapes; each hit is then read outwards locally: the type word and
"số" before it, the date, the issuer phrase ("của Ban Thường vụ Tỉnh ủy") after it. Laws cited by
name and date ("Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025") and back-references ("Văn bản
nêu trên") are found by their own patterns. Positions are offsets in the source text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.clean import lowered, squash
from ingest.identity import TYPE_WORDS, UPPER, Symbol, parse_symbol
from ingest.laws import registry

_W = r"[^\W\d_]"  # a letter
# A symbol component: upper-case letters/digits, or one of the mixed-case abbreviations.
# Vietnamese capitals occur in issuer codes too ("UBTƯMTTQVN").
# PDF text puts look-alike letters of other scripts in symbols ("NÐ" with the eth, "BТС" with
# Cyrillic Т and С): taken here, and read as Latin by canonical_symbol.
_LOOKALIKE = "ÐАВЕКМНОРСТХ"
# An older code may join two words' initials with "&" ("BKH&ĐT", "BNN&PTNT", "QĐ-BGD&ĐT").
_COMP = (
    rf"(?:CTr|TTr|QyĐ|QĐi|TrS|TTg|PTTg|[A-ZĐ{_LOOKALIKE}][A-ZĐƯƠÔÂÊĂ0-9{_LOOKALIKE}]{{0,14}}"
    r"(?:&[A-ZĐ][A-ZĐƯƠÔÂÊĂ]{0,5})?)(?![^\W_])"
)
# A cheap first pass (the shape of "number, separator, capital") finds candidates; the full
# pattern is then matched at each candidate only.
# (web copies type a symbol's inner hyphen as U+2010/2011/2012 or the minus sign; its first
# separator is found by _SEPARATOR_HINTS, which take no further pass for these rare ones)
_SEP = "[-/–‐‑‒−]"
_SYMBOL_HINT = re.compile(
    r"\d{1,5}[a-z]?(?:[ \t]?/\s?(?:19|20)\d\d)?[ \t]{0,2}" + _SEP + rf"\s{{0,4}}[A-ZĐ{_LOOKALIKE}]"
)
# The separator, a digit (and at most two spaces) before it, a capital after it: the search
# itself (see _symbol_starts). One pattern per separator, each starting with its literal, which
# the regex engine skips to directly (a class of three characters is tested at every one).
_SEPARATOR_HINTS = [
    re.compile(sep + rf"(?:(?<=\d.)|(?<=\d[ \t].)|(?<=\d[ \t][ \t].))\s{{0,4}}[A-ZĐ{_LOOKALIKE}]")
    for sep in ("/", "-", "–")
]
_SYMBOL_HINT_I = re.compile(
    r"\d{1,5}(?:\.\d{1,3})?(?:[ \t]?/\s?(?:19|20)\d\d)?[ \t]{0,2}" + _SEP + r"\s{0,4}[A-ZĐa-zđ]"
)
# Where a number may start: not inside a word or another number, but glued to "số" ("số123/…").
# A number may carry a sub-number ("66.16/2026/NQ-CP": the Government's resolutions 66.1 …).
_NUMBER_START = r"(?:(?<![\w/.…])|(?<=số)|(?<=Số))"
SYMBOL_RE = re.compile(
    _NUMBER_START
    # (a letter after the number before a year: "Nghị quyết 30a/2008/NQ-CP")
    + r"(?<!\d:)(\d{1,5}(?:\.\d{1,3}|[a-z](?=/(?:19|20)\d\d/))?)(?:[ \t]?/\s?((?:19|20)\d{2}))?"
    + r"[ \t]{0,2}("
    + _SEP
    + r")\s{0,4}"
    r"(" + _COMP + r"(?:[ \t]{0,2}" + _SEP + r"\s{0,4}" + _COMP + r"){0,5})"
)
# Registers are typed in lower case ("công văn số 3652/byt-dp").
_COMP_I = r"[a-zđA-ZĐ][a-zđA-ZĐƯƠÔÂÊĂươôâêă0-9]{0,14}(?![^\W_])"
SYMBOL_RE_I = re.compile(
    _NUMBER_START
    + r"(?<!\d:)(\d{1,5}(?:\.\d{1,3})?)(?:[ \t]?/\s?((?:19|20)\d{2}))?[ \t]{0,2}("
    + _SEP
    + r")\s{0,4}"
    r"(" + _COMP_I + r"(?:[ \t]{0,2}" + _SEP + r"\s{0,4}" + _COMP_I + r"){0,4})"
)


def _words(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


_TYPE_WORDS_SORTED = sorted(TYPE_WORDS, key=len, reverse=True)
# (the look-ahead for a first letter fails fast where the case-blind branches would be tried)
TYPE_WORD_RE = re.compile(
    r"(?=["
    + "".join(sorted({w[0] for w in _TYPE_WORDS_SORTED}))
    + r"])(?<!\w)("
    + "|".join(_words(w) for w in _TYPE_WORDS_SORTED)
    + r")(?!\w)",
    re.I,
)
_BETWEEN_TYPE_AND_SYMBOL = re.compile(r"\s*(?:tóm\s+tắt\s*)?(?:\(\s*)?(?:số\s*:?\s*)?", re.I)
_DATE_NUM = r"(\d{1,2})\s*(?:tháng\s*(\d{1,2})\s*năm\s*(\d{4})|[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4}))"
DATE_AFTER_RE = re.compile(r"[ \t]*,?\s{0,3}(?:ban\s+hành\s+)?ngày\s{0,3}" + _DATE_NUM, re.I)
DATE_RE = re.compile(r"ngày\s{0,3}" + _DATE_NUM, re.I)
# "của Bộ Y tế", and a joint text's "giữa Bộ Tài chính, Bộ Công Thương và Bộ Giao thông vận tải"
_ISSUER_START = re.compile(r"[ \t]*,?\s{0,3}(?:của|giữa)\s+", re.I)
# Words that end an issuer phrase: the start of a description, a clause, or another citation.
_ISSUER_STOP = re.compile(
    r"\s(?:về|ban\s+hành|thực\s+hiện|triển\s+khai|quy\s+định|hướng\s+dẫn|sửa\s+đổi|phê\s+duyệt|"
    r"thay\s+thế|bãi\s+bỏ|đính\s+chính|v/v|có|đã|để|theo|tại|đối\s+với|trong|cho|nhằm|"
    r"bổ\s+sung|chấm\s+dứt|hết\s+hiệu\s+lực|được|bị|do|vì|nếu|khi|mà|thì|này|"
    r"ngày(?=\s*\d)|"  # "của Chính phủ ngày 15 tháng 02 năm 2007": the date after the issuer
    r"và\s+(?:" + "|".join(_words(w) for w in _TYPE_WORDS_SORTED) + r"))(?!\w)"
    r"|,(?!\s*thể\s+thao)|[;:.()\"“”*]|\s\d"
    r"|\n\s*(?=căn\s+cứ|theo\s+đề|xét\s|điều\s+\d|chương\s|thực\s+hiện|triển\s+khai|[-–•+]\s)",
)  # matched on a lower-cased window: re.I costs more than lower()
# the bodies of a joint text are listed with commas: "giữa Bộ Tài chính, Bộ Công Thương và …"
_JOINT_ISSUER_STOP = re.compile(
    _ISSUER_STOP.pattern.replace(r",(?!\s*thể\s+thao)|", r",(?!\s*bộ\s)|")
)
# No look-behind at the start, and one pattern per word, each led by a literal: the regex engine
# skips ahead to it (the character before a match is checked in Python instead).
# Each with the word it starts with when str.find reaches its hits faster than the regex engine
# (None for "Bộ", which starts many other names: a loop over its hits would cost more).
_LAW_WORDS = [
    (re.compile("(" + w + r")\s+(?=[^\W\d_])"), first)
    for w, first in ((r"Luật", "Luật"), (r"Bộ\s+[lL]uật", None), (r"Pháp\s+lệnh", "Pháp"))
]
_TITLE_START = re.compile(UPPER + r"|sửa\s+đổi")
# Function words that end a law's title (titles are noun phrases).
_LAW_TITLE_STOP = re.compile(
    r"\s(?:ngày|số(?=\s*:?\s*\d)|năm|về|được|thì|quy\s+định|có|đã|tại|theo|này|để|là|khi|đối\s+với|"
    r"trong|cho|từ|như|hoặc|với|mà|do|sau|trước|nhưng|của\s+Quốc\s+hội|hiện\s+hành|và\s+(?:Luật|"
    r"Bộ\s+luật|Nghị|Pháp|Thông|Quyết|các))(?!\w)|[;:.()\"“”]|,\s*(?="
    + UPPER
    + r"|\d)|,\s*(?:ngày|số)\b"
    # PDF lines break inside titles; a new line that starts a heading or list item ends one
    # (or a table's note cell: "…\nĐược bãi bỏ bởi Thông tư số …")
    r"|\s*\n(?=\s*(?:Điều|Chương|Mục|Căn\s+cứ|Theo|Xét|Nghị|Thông|Quyết|Luật|Bộ\s+luật|Pháp|"
    r"Được|Bị|Đã\s+được|[-–•\d]))",
)
# A law's date or number after its title (", ngày 1…", " số 38…", " năm 2019"), found by its word:
# a pattern that starts with the optional comma and the spaces is tried at every character.
_LAW_TITLE_ANCHOR = re.compile(r"ngày\s+\d|số\s*:?\s*\d|năm\s+(?:19|20)\d\d")
_LAW_TITLE_HARD_STOP = re.compile(
    r"[;:.()\"“”]|\s(?:này|và\s+(?:Luật|Bộ\s+luật|Nghị|Pháp|Thông|Quyết))\b"
    r"|\n\s*(?:Điều|Chương|Căn\s+cứ|Được|Bị|Đã\s+được)"
    # the next name of a list ("Luật Cạnh tranh, Luật Quản lý ngoại thương … trước ngày …")
    r"|,\s*(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s"
    r"|,?\s(?:có\s+hiệu\s+lực|được\s+sửa\s+đổi)"  # the sentence goes on about the law
)
# An amending law's title names the laws it amends, and ends where the sentence goes on about it.
_AMENDING_TITLE_STOP = re.compile(
    r"\s(?:ngày\s|số\s*:?\s*\d|năm\s+(?:19|20)\d\d|được\s|đã\s|có\s+hiệu\s+lực|là\s)|[;:()–]|\.\s"
    r"|\n\s*Căn"
)
_YEAR_AFTER = re.compile(r"\s+năm\s+((?:19|20)\d\d)(?!\d)")
_CONSTITUTION = re.compile(
    r"Hiến\s+pháp(?:\s+nước\s+Cộng\s+h(?:òa|oà)\s+xã\s+hội\s+chủ\s+nghĩa\s+Việt\s+Nam)?"
    r"(?:\s+năm\s+(\d{4}))?"
)
BACK_RE = re.compile(
    r"(?<!\w)("
    + "|".join(_words(w) for w in _TYPE_WORDS_SORTED)
    + r")\s+(?:đã\s+)?nêu\s+trên(?!\w)",
    re.I,
)
# "nêu trên" without its first letter: a pattern led by a literal is skipped to directly (the
# "n" or "N" before it is checked in Python)
_BACK_ANCHOR = re.compile(r"êu\s+trên(?!\w)")


@dataclass
class Mention:
    """A reference found in text, before identity is resolved."""

    start: int  # where the citation begins (its type word, or the symbol)
    end: int  # end of the citation's own words: symbol, date, issuer phrase
    core_end: int  # end of the symbol or name
    kind: str  # "symbol" | "name" | "back"
    type_word: str | None = None
    type: str | None = None
    symbol: Symbol | None = None
    date: str | None = None
    issuer_phrase: str | None = None
    name: str | None = None
    back_of: int | None = None  # index of the mention a back-reference points to


def iso_date(m: re.Match[str]) -> str | None:
    day = int(m.group(1))
    month = int(m.group(2) or m.group(4) or 0)
    year = int(m.group(3) or m.group(5) or 0)
    if not (1 <= day <= 31 and 1 <= month <= 12 and 1900 < year < 2100):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _reversed_word(w: str) -> str:
    return r"\s+".join(re.escape(part[::-1]) for part in reversed(w.split()))


# Read backwards from the symbol: "…Nghị quyết số 52-NQ/TW" is matched on the reversed text,
# anchored at the symbol, so its cost does not depend on how far back the text goes.
_REV_TYPE = re.compile(
    r"\s*(?::\s*)?(?:ốs)?\s*(?:\(\s*)?(?:tắt\s+tóm\s*)?("
    + "|".join(_reversed_word(w) for w in _TYPE_WORDS_SORTED)
    + r")(?!\w)",  # matched on lower-cased text: re.I costs more than lower()
)
_REV_WORDS = {" ".join(w.split())[::-1]: w for w in _TYPE_WORDS_SORTED}


def _type_before(
    text: str, pos: int, lawish: bool = False
) -> tuple[int, str | None, str | None, str | None]:
    """The type word that governs a symbol at ``pos`` (start, word, abbr, law name)."""
    lo = max(0, pos - 60)
    rev = lowered(text[lo:pos][::-1])
    m = _REV_TYPE.match(rev)
    if m:
        word = " ".join(m.group(1).split())[::-1]
        return pos - m.end(), word, TYPE_WORDS[word], None
    return _type_and_name_before(text, pos) if lawish else (pos, None, None, None)


def _type_and_name_before(text: str, pos: int) -> tuple[int, str | None, str | None, str | None]:
    """The slow path: a law named between its type word and its number ("Luật Quản lý thuế
    số 38/2019/QH14")."""
    window_start = max(0, pos - 160)
    window = text[window_start:pos]
    last = None
    for m in TYPE_WORD_RE.finditer(window):
        last = m
    if last is None:
        return pos, None, None, None
    between = window[last.end() :]
    word = " ".join(last.group(1).lower().split())
    abbr = TYPE_WORDS[word]
    if _BETWEEN_TYPE_AND_SYMBOL.fullmatch(between):
        return window_start + last.start(), word, abbr, None
    if abbr in ("L", "BL", "PL"):
        nm = re.fullmatch(r"\s+(" + UPPER + r"[^;\n]{0,120}?)\s*(?:số\s*:?\s*)?", between)
        if nm:
            name = f"{last.group(1)} {' '.join(nm.group(1).split())}"
            return window_start + last.start(), word, abbr, name
    return pos, None, None, None


_BLANK_RUN = re.compile(r"\s{3,}")


def _trailing_conjunction(text: str, lo: int, hi: int) -> int | None:
    """Where "[\\s,]+(và|hoặc|cùng)?\\s*" ending at ``hi`` starts (read backwards: a search
    tries each position of a run of masked furniture or footnotes, and a run of n spaces costs
    n² steps)."""
    k = hi
    while k > lo and text[k - 1].isspace():
        k -= 1
    for conj in ("và", "hoặc", "cùng"):
        j = k - len(conj)
        if j > lo and text.startswith(conj, j) and (text[j - 1].isspace() or text[j - 1] == ","):
            k = j
            break
    j = k
    while j > lo and (text[j - 1].isspace() or text[j - 1] == ","):
        j -= 1
    return j if j < k or j < hi else None


def _meta_after(text: str, pos: int, joint: bool = False) -> tuple[int, str | None, str | None]:
    """Date and issuer phrase right after a citation; returns (end, iso date, issuer phrase).
    ``joint``: a joint text's ("…/TTLT-BCA-BLĐTBXH-BTC"), whose bodies are listed with commas."""
    end, date, issuer = pos, None, None
    m = DATE_AFTER_RE.match(text, pos)
    if m:
        date, end = iso_date(m), m.end()
    m2 = _ISSUER_START.match(text, end)
    if m2:
        width = 90
        if "   " in text[m2.end() : m2.end() + width]:
            # page furniture masked to spaces inside the name ("của Bộ Lao <page> động - …"):
            # the window counts its words, not the spaces
            width += sum(len(r) for r in _BLANK_RUN.findall(text, m2.end(), m2.end() + 400))
        window = lowered(text[m2.end() : m2.end() + width])
        joint = joint or "giữa" in m2.group() or "Giữa" in m2.group()
        stop = (_JOINT_ISSUER_STOP if joint else _ISSUER_STOP).search(window)
        stop_at = m2.end() + (stop.start() if stop else len(window))
        # PDF text breaks lines inside an issuer's name, but a header line in capitals ends it
        pos = m2.end()
        for line in text[m2.end() : stop_at].split("\n")[:-1]:
            pos += len(line) + 1
            nxt = text[pos:stop_at].split("\n", 1)[0]
            if nxt.isupper() and sum(c.isalpha() for c in nxt) >= 4:
                stop_at = pos - 1
                break
        # "… của Chính phủ và thực hiện Chỉ thị …": the "và" joins what follows, not the issuer
        # (a match ends at ``stop_at``, on a space, a comma or a conjunction's last letter: any
        # other last letter spares a search that tries each space of the phrase)
        last = text[stop_at - 1] if stop_at > m2.end() else ""
        tail = (
            _trailing_conjunction(text, m2.end(), stop_at)
            if last.isspace() or last in ",àcg"
            else None
        )
        stop_at = tail if tail is not None else stop_at
        phrase = squash(text[m2.end() : stop_at])
        if phrase:
            issuer, end = phrase, m2.end() + len(text[m2.end() : stop_at].rstrip())
    # "… của Chính phủ ngày 17/4/2020" puts the date last (with no issuer phrase, ``end`` is
    # where the date was looked for already)
    if date is None and issuer is not None:
        m = DATE_AFTER_RE.match(text, end)
        if m:
            date, end = iso_date(m), m.end()
    return end, date, issuer


def find_mentions(
    text: str, *, lower_case: bool = False, regions: list[tuple[int, int]] | None = None
) -> list[Mention]:
    """All citations in ``text`` in order. ``lower_case`` for register text; ``regions``
    limits the search to those spans (the footnotes of a text)."""
    found: list[Mention] = []
    if regions is not None:
        for a, b in regions:
            found.extend(_find_in(text, a, b, lower_case))
        return found
    found = _find_in(text, 0, len(text), lower_case)
    _link_back_references(text, found)
    return found


def _symbol_starts(text: str, lo: int, hi: int) -> list[int]:
    """Where a số ký hiệu may start: found from its separator ("-" or "/" then a capital), the
    rarer half of the shape, then read back over the number ("179/2024/" in "179/2024/NĐ-CP").
    A regex that starts at the digits tries every digit of the text; this one, every dash."""
    out: list[int] = []
    for sep in sorted(h.start() for rx in _SEPARATOR_HINTS for h in rx.finditer(text, lo, hi)):
        p = sep
        while p > lo and p - sep > -2 and text[p - 1] in " \t":
            p -= 1
        q = p
        while q > lo and p - q < 5 and text[q - 1].isdecimal():
            q -= 1
        if q == p:
            continue
        # "/2024" between the number and the separator: the number is before it (a web copy
        # may space the slash: "số 13 /2026/TT-NHNN")
        s = q - 1 - (q - 1 > lo and text[q - 1] in " \t\n")
        if s > lo and text[s] == "/" and p - q == 4:
            s -= s - 1 > lo and text[s - 1] in " \t"
            s -= s - 2 > lo and "a" <= text[s - 1] <= "z" and text[s - 2].isdecimal()  # "30a/"
            r = s
            while r > lo and s - r < 5 and text[r - 1].isdecimal():
                r -= 1
            if r < s and _SYMBOL_HINT.match(text, r, hi):
                q = r
        if q - 2 > lo and text[q - 1] == "." and text[q - 2].isdecimal():  # "66.16/2026/NQ-CP"
            r = q - 1
            while r > lo and q - 1 - r < 5 and text[r - 1].isdecimal():
                r -= 1
            q = r
        if not out or out[-1] != q:
            out.append(q)
    return out


# Codes shaped like a số ký hiệu that name no document: a form ("Mẫu số 01/BC", "tờ khai
# 01/TNDN") or a technical standard ("QCVN 06:2022/BXD": the ":" is refused by SYMBOL_RE).
# ("QTKĐ: 06-2021/BLĐTBXH", a procedure for technical inspection, cut as "06- 2021/…")
# A standard's "number: year/body" ("QCVN 01: 2019/BCT", "TCCS 03: 2009/CKUB", "61-MT:2016/…")
# and a code whose digits are glued to capitals ("Biểu số B01/BCQT", "F01-01/BCQT") or to
# letters and a hyphen (a plot "lô a-17-cn") are not documents either.
_NOT_A_DOCUMENT_BEFORE = re.compile(
    # ("(Ký hiệu 02/MTK – Phụ lục kèm theo)": a form's code, as "Mẫu số 02/MTK" heads the form)
    r"(?:(?:mẫu|biểu|tờ\s+khai|phụ\s+lục|k[ýí]\s+hiệu|mã\s+hiệu|qcvn|tcvn|tccs|iso|qtkđ)"
    r"(?:\s+(?:số|biểu))?\s*:?\s*"
    r"(?:\d{1,3}-\s*)?|\d[\w-]{0,6}[ \t]*:[ \t]*|(?<![^\W\d_])(?-i:[A-Z]{1,3})(?:\d{1,3}-)?|"
    # a code that opens with letters and a hyphen: "lô a-17-cn", "khu B-12-KT"
    r"(?<![^\W\d_])[^\W\d_]{1,3}-)$",
    re.I,
)

# What a window must hold for that pattern to match it (an alternative added there must pass
# here too; the unit test lists the shapes): a ":", one of its words (in lower case;
# "ı" and "ſ" are "i" and "s" to re.I), or a capital or "-" last (before a final line break).
_FORM_WORDS = ("mẫu", "biểu", "tờ", "phụ", "hiệu", "qcvn", "tcvn", "tccs", "iso", "qtkđ", "ı", "ſ")
_FORM_WORD = re.compile("|".join(_FORM_WORDS))  # (one search: 3-5× faster than a test per word)
_CAPITAL_OR_DASH = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ-")


def _may_name_no_document(window: str) -> bool:
    """A cheap test before ``_NOT_A_DOCUMENT_BEFORE`` (a search of an alternation under re.I
    tries each position): False only where the pattern cannot match."""
    if ":" in window:
        return True
    last = window[-2:-1] if window.endswith("\n") else window[-1:]
    if last in _CAPITAL_OR_DASH:
        return True
    return _FORM_WORD.search(lowered(window)) is not None


# A statistical report form's code ends with who reports it: "101-102/LĐVL - Sở", "109/LĐVL-Cơ
# sở", "801-802/TTr-Sở", "808/PC-Bộ" (a document's symbol ends with its issuer's initials; "-
# Bộ Y tế" after a symbol names its issuer)
_REPORTED_BY = re.compile(
    r"[ \t]*-[ \t]*(?:Sở|Cơ[ \t]+sở|Tỉnh|Huyện|Xã)(?!\w)|-Bộ(?!\w)(?![ \t]+\w)"
)


# "phiên họp lần thứ 24 - UBND tỉnh khóa IX", "tháng 4/2020 - UBND", "kỳ họp thứ 3 - HĐND": a
# number, then the body that met. A Party symbol's dash is followed by its type ("52-NQ/TW"),
# never by a body.
_BODY_AFTER_DASH = re.compile(r"[\d/]+-(?:UBND|HĐND)")


def _names_no_document(text: str, start: int, sym: Symbol, end: int) -> bool:
    """A form code, a standard, or a table reference ("diện 2/IV") rather than a document."""
    lo = max(0, start - 16)
    if _may_name_no_document(text[lo:start]) and _NOT_A_DOCUMENT_BEFORE.search(text, lo, start):
        return True
    if _REPORTED_BY.match(text, end) or (sym.party and _BODY_AFTER_DASH.fullmatch(sym.canonical)):
        return True
    rest = sym.canonical.partition("/")[2] or sym.canonical.partition("-")[2]
    return not rest.strip("IVXL/-")


# The first digits of a number cut off by a space or a line break after "số" ("số 1 785/QĐ-UBND",
# "số 20\n39/KH-UBND"): "số" takes one number, so both runs of digits are its number.
_SPLIT_NUMBER = re.compile(r"(?:số|Số)[ \t]*:?[ \t]*(\d{1,3})[ \t]?\n?[ \t]?$")


def _split_number_start(text: str, start: int) -> int:
    """Where the number of a symbol at ``start`` really begins (see _SPLIT_NUMBER)."""
    j = start - 1
    while j > 0 and start - j <= 3 and text[j] in " \t\n":
        j -= 1
    if j == start - 1 or not text[j].isdecimal():  # no digits right before: the usual case
        return start
    m = _SPLIT_NUMBER.search(text, max(0, start - 16), start)
    rest = re.match(r"\d+", text[start : start + 6])
    if m is None or rest is None or len(m.group(1)) + len(rest.group()) > 5:
        return start
    return m.start(1)


def _find_in(text: str, lo: int, hi: int, lower_case: bool) -> list[Mention]:
    found: list[Mention] = []
    rx = SYMBOL_RE_I if lower_case else SYMBOL_RE
    starts = (
        [h.start() for h in _SYMBOL_HINT_I.finditer(text, lo, hi)]
        if lower_case
        else _symbol_starts(text, lo, hi)
    )
    for start in starts:
        m = rx.match(text, start)
        if m is None:
            continue
        begin = _split_number_start(text, m.start())
        sym = parse_symbol(text[begin : m.end()])
        if sym is None or _names_no_document(text, begin, sym, m.end()):
            continue
        start, word, abbr, name = _type_before(text, begin, lawish=sym.type == "L")
        if word is None and "/" not in sym.canonical:
            # a number-dash code with no slash is an old symbol ("Quyết định số 206-CP") only
            # after its type word: alone it is a code, a name or a formula ("2,4,5-T", "ấp 4 -
            # khu", "mô hình 1-PL", "08-MST")
            continue
        end, date, issuer = _meta_after(text, m.end(), "LT" in (sym.type or ""))
        typ = sym.type if sym.type != "CV" or not abbr else abbr
        if abbr and abbr not in ("CV",) and sym.type in ("CV", None):
            typ = abbr
        if abbr and sym.type == "L":  # "Bộ luật …", "Nghị quyết số 190/2025/QH15"
            typ = abbr
        found.append(Mention(start, end, m.end(), "symbol", word, typ, sym, date, issuer, name))
    names = _law_names(text, found, lo, hi)
    if names:
        found = _merge_named_numbers(text, found, names)
    found.extend(_back_references(text, lo, hi))
    found.sort(key=lambda x: x.start)
    return found


_NAME_THEN_NUMBER = re.compile(r"\s*(?:số\s*:?\s*)?\d{1,5}[^;\n]{0,40}")


def _merge_named_numbers(text: str, symbols: list[Mention], names: list[Mention]) -> list[Mention]:
    """ "Luật Quản lý thuế số 38/2019/QH14", "Luật sửa đổi … Luật Thuế tiêu thụ đặc biệt số
    09/2026/QH16": a law named and numbered is one citation, by its number."""
    out = list(symbols)
    by_end = sorted((s for s in symbols if s.symbol is not None), key=lambda m: m.core_end)
    ends = [s.core_end for s in by_end]
    # the longest symbol mention: one that ends more than this past the name's reach starts
    # past it, and so does every later one (they end later): the search stops there
    longest = max((s.core_end - s.start for s in by_end), default=0)
    for n in names:
        hit = None
        # (a number that ends before the name does cannot follow it: the search starts after)
        for i in range(bisect.bisect_right(ends, n.core_end), len(by_end)):
            s = by_end[i]
            if s.core_end - longest > n.core_end + 8:
                break
            if n.start <= s.start <= n.core_end + 8 and _NAME_THEN_NUMBER.fullmatch(
                text, n.core_end, s.core_end
            ):
                hit = s
                break
        if hit is None:
            out.append(n)
            continue
        hit.start = n.start
        longest = max(longest, hit.core_end - hit.start)
        hit.name = n.name if not hit.name or len(n.name or "") > len(hit.name) else hit.name
        if hit.type in (None, "CV"):
            hit.type = n.type
    return out


def _led_by(
    rx: re.Pattern[str], first: str, text: str, lo: int, hi: int
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text, lo, hi)`` for a pattern whose every match starts with ``first``."""
    pos = text.find(first, lo, hi)
    while pos >= 0:
        m = rx.match(text, pos, hi)
        pos = text.find(first, m.end() if m else pos + 1, hi)
        if m:
            yield m


def _law_starts(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """Where "Luật …", "Bộ luật …", "Pháp lệnh …" start: one literal-led pattern per word."""
    found = [
        m
        for rx, first in _LAW_WORDS
        for m in (_led_by(rx, first, text, lo, hi) if first else rx.finditer(text, lo, hi))
    ]
    found.sort(key=lambda m: m.start())
    return found


def _law_title_anchor(text: str, lo: int, hi: int) -> int | None:
    """Where ``,?\\s+(ngày N|số N|năm YYYY)`` first matches in ``text[lo:hi]``: its comma or
    first space."""
    pos = lo
    while (m := _LAW_TITLE_ANCHOR.search(text, pos, hi)) is not None:
        word = q = m.start()
        while q > lo and text[q - 1].isspace():
            q -= 1
        if q < word:  # the word follows white space
            return q - 1 if q > lo and text[q - 1] == "," else q
        pos = word + 1
    return None


_WORD = re.compile(r"\S+")
_NAME_ENDS = frozenset('.;:)”"')


def _known_name_end(text: str, start: int, end: int) -> int | None:
    """Where the longest law name the registry knows ends in ``text[start:end]`` ("Bộ luật Lao
    động chưa …" → after "động"); None when no known name starts there."""
    words: list[re.Match[str]] = []

    def read() -> Iterator[str]:
        for w in _WORD.finditer(text, start, end):
            words.append(w)
            yield w.group()
            if w.group()[-1] in _NAME_ENDS:
                return  # "… Luật Cư trú.”", "(… Luật Đầu tư) CỘNG HÒA …": no name goes on

    n = registry().known_prefix(read())
    if n == 0:
        return None
    last = words[n - 1]
    return last.start() + len(last.group().rstrip(',;:.)”"'))


# a law named by the initials of its name's syllables ("Luật BVMT"; ingest/extract.py spells it
# out)
_INITIALS = re.compile(r"[A-ZĐ]{2,6}(?![\w-])")
_DRAFT_BEFORE = re.compile(r"(?:dự\s+án|dự\s+thảo)\s+(?:các\s+)?$", re.I)
# The enacting formula, on a line of its own, names the text it ends: "Quốc hội ban hành Luật
# sửa đổi, bổ sung một số điều của Luật A số X, Luật B số Y": that text (unnumbered) amends A
# and B; the numbers are theirs.
_ENACTING_BEFORE = re.compile(
    r"(?:^|\n)[ \t“]*(?:Quốc\s+hội|(?:Ủy|Uỷ)\s+ban\s+[Tt]hường\s+vụ\s+Quốc\s+hội)\s+ban\s+hành\s+$"
)


def _law_names(text: str, symbols: list[Mention], lo: int, hi: int) -> list[Mention]:
    taken = sorted((s.start, s.end) for s in symbols)
    starts = [a for a, _ in taken]

    def inside(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos)
        return any(a <= pos < b for a, b in taken[max(0, k - 2) : k])

    out: list[Mention] = []
    last_end = -1
    for m in _law_starts(text, lo, hi):
        if (
            inside(m.start())
            or m.start() < last_end
            or (m.start() and text[m.start() - 1].isalnum())
        ):
            continue
        # (the pattern's "dự" looked for first: under re.I it is tried at each position)
        before = text[max(0, m.start() - 12) : m.start()]
        if ("ự" in before or "Ự" in before) and _DRAFT_BEFORE.search(before):
            continue  # "dự án Luật …", "dự thảo Luật …": a bill is no document yet
        abbr = TYPE_WORDS[" ".join(m.group(1).lower().split())]
        title_start = m.end()
        amending = text[title_start : title_start + 3].lower() == "sửa"
        if amending and _ENACTING_BEFORE.search(text, max(0, m.start() - 60), m.start()):
            continue
        if (short := _INITIALS.match(text, title_start)) is not None:
            t_end = short.end()  # "Luật BHYT, cụ thể …": a name in initials is all of it
        elif not _TITLE_START.match(text, title_start):
            # "Luật tổ chức chính quyền địa phương": a name in lower case only when it is known
            known = _known_name_end(text, m.start(), min(len(text), title_start + 200))
            if known is None:
                continue
            t_end = known
        elif amending:
            # "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B ngày …": one title
            stop = _AMENDING_TITLE_STOP.search(text, title_start, title_start + 300)
            t_end = stop.start() if stop else min(len(text), title_start + 160)
        else:
            # a title runs to its date or number when it has one ("Pháp lệnh Ưu đãi người có
            # công với cách mạng ngày …"); otherwise to the first word that cannot be in a title
            anchor = _law_title_anchor(text, title_start, title_start + 200)
            if anchor is None or _LAW_TITLE_HARD_STOP.search(text, title_start, anchor):
                stop = _LAW_TITLE_STOP.search(text, title_start, title_start + 160)
                t_end = stop.start() if stop else min(len(text), title_start + 160)
            else:
                t_end = anchor
        title = squash(text[m.start() : t_end]).rstrip(",").replace("Bộ Luật", "Bộ luật", 1)
        # an amending title names the laws it amends: never cut
        # otherwise the longest known name here: run on into the sentence past a word that
        # names may hold ("Pháp lệnh Ưu đãi người có công với cách mạng", "Luật Đầu tư theo
        # phương thức đối tác công tư" past the known "Luật Đầu tư"), or cut short
        reach = max(t_end, min(len(text), title_start + 200))
        known = None if amending else _known_name_end(text, m.start(), reach)
        if known and (known > t_end or not registry().knows(title)):
            t_end = known
            title = squash(text[m.start() : t_end]).rstrip(",").replace("Bộ Luật", "Bộ luật", 1)
        if len(title.split()) < 2:
            continue
        end, date, issuer = _meta_after(text, t_end)
        if date is None:  # "Luật Ban hành văn bản quy phạm pháp luật năm 2015"
            y = _YEAR_AFTER.match(text, t_end)
            if y:
                date, end = y.group(1), max(end, y.end())
        out.append(
            Mention(m.start(), end, t_end, "name", m.group(1), abbr, None, date, issuer, title)
        )
        last_end = end
    for m in _CONSTITUTION.finditer(text, lo, hi):
        if inside(m.start()):
            continue
        date = m.group(1) or None
        out.append(
            Mention(
                m.start(),
                m.end(),
                m.end(),
                "name",
                "hiến pháp",
                "HP",
                None,
                date,
                None,
                "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam",
            )
        )
    return out


def _back_references(text: str, lo: int, hi: int) -> list[Mention]:
    out: list[Mention] = []
    for a in _BACK_ANCHOR.finditer(text, lo, hi):  # the type word before "nêu trên"
        if not (a.start() and text[a.start() - 1] in "nN"):
            continue
        hits = list(BACK_RE.finditer(text, max(0, a.start() - 41), a.end()))
        m = hits[-1] if hits else None
        if m is None or m.end() != a.end():
            continue
        word = " ".join(m.group(1).lower().split())
        out.append(Mention(m.start(), m.end(), m.end(), "back", word, TYPE_WORDS[word]))
    return out


_SENTENCE_END = re.compile(r"[.;](?=\s)|\n\s*\n\s*(?:\d+\.|[-–•])")


def _link_back_references(text: str, mentions: list[Mention]) -> None:
    """Point each "Văn bản nêu trên" at the document it means: the latest sentence that cites
    one of its type, and there its first (head) citation, not one named in its description
    ("Công văn A … về việc triển khai Công văn B …; … tại Văn bản nêu trên" means A)."""

    def fits(m: Mention, prev: Mention) -> bool:
        if prev.kind == "back":
            return False
        if m.type_word in ("văn bản", "công văn"):
            return prev.type == "CV" or prev.type_word in ("văn bản", "công văn")
        return prev.type == m.type

    for i, m in enumerate(mentions):
        if m.kind != "back":
            continue
        j = next((j for j in range(i - 1, -1, -1) if fits(m, mentions[j])), None)
        if j is None:
            continue
        # earlier citations of the same sentence: the first is the head
        k = j - 1
        while k >= 0 and not _SENTENCE_END.search(text, mentions[k].end, mentions[j].start):
            if fits(m, mentions[k]):
                j = k
            k -= 1
        m.back_of = j
