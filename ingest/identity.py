"""Identity: parse a số ký hiệu, name issuers and jurisdictions, and make canonical keys.

The numbering rules (DOMAIN.md) decide what identifies a document:
- administrative documents number from 01 each year per issuer, so number + symbol is unique
  only within one year and one issuer; local issuers (UBND, HĐND, TU, Sở …) also need the province;
- normative documents carry the year in the symbol (``179/2024/NĐ-CP``);
- Party documents (``52-NQ/TW``) number per committee term; the year is kept from the date.

A key is ``{jurisdiction}/{issuer}/{year}/{type}/{number}`` in lower-case ASCII slugs, ``_`` for
an unknown part. ``03/2025/NQ-CP`` and ``03/NQ-CP`` dated 2025 give the same key.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# Character classes for regexes: Python's re has no \p{Lu}; "À-Ỹ" would also take lower case.
_LATIN = [
    chr(c)
    for c in range(0x41, 0x1EFA)
    if chr(c).isalpha() and unicodedata.name(chr(c), "").startswith("LATIN")
]
UPPER = "[" + "".join(c for c in _LATIN if c.isupper()) + "]"
LOWER = "[" + "".join(c for c in _LATIN if c.islower()) + "]"

DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")

# Type abbreviations (Decree 30/2020 Appendix III, normative and Party types), upper-case → display.
TYPE_ABBRS: dict[str, str] = {
    a.upper(): a
    for a in [
        "NQ",
        "NĐ",
        "QĐ",
        "CT",
        "QC",
        "QyĐ",
        "QĐi",
        "TC",
        "TB",
        "HD",
        "CTr",
        "KH",
        "PA",
        "ĐA",
        "DA",
        "BC",
        "BB",
        "TTr",
        "HĐ",
        "CĐ",
        "BGN",
        "BTT",
        "GUQ",
        "GM",
        "GGT",
        "GNP",
        "PG",
        "PC",
        "PB",
        "SY",
        "TrS",
        "SL",
        "TT",
        "TTLT",
        "VBHN",
        "KL",
        "L",
        "PL",
        "NQLT",
        "QĐLT",
        "NQQH",
        "CV",
        "HP",
        "BL",
    ]
}

# Type words as written in running text → abbreviation. Longest first when matching.
TYPE_WORDS: dict[str, str] = {
    "nghị quyết liên tịch": "NQLT",
    "nghị quyết": "NQ",
    "nghị định": "NĐ",
    "quyết định": "QĐ",
    "chỉ thị": "CT",
    "thông tư liên tịch": "TTLT",
    "thông tư": "TT",
    "thông tri": "TT",
    "kế hoạch": "KH",
    "chương trình hành động": "CTr",
    "chương trình": "CTr",
    "công văn": "CV",
    "văn bản hợp nhất": "VBHN",
    "văn bản": "CV",
    "báo cáo tóm tắt": "BC",
    "báo cáo": "BC",
    "tờ trình": "TTr",
    "thông báo kết luận": "TB",
    "thông báo": "TB",
    "hướng dẫn": "HD",
    "kết luận": "KL",
    "quy định": "QyĐ",
    "quy chế": "QC",
    "bộ luật": "BL",
    "luật": "L",
    "pháp lệnh": "PL",
    "công điện": "CĐ",
    "đề án": "ĐA",
    "hiến pháp": "HP",
}

TYPE_NAMES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "CV": "Công văn",
    "VBHN": "Văn bản hợp nhất",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "KL": "Kết luận",
    "QyĐ": "Quy định",
    "QC": "Quy chế",
    "L": "Luật",
    "BL": "Bộ luật",
    "PL": "Pháp lệnh",
    "CĐ": "Công điện",
    "ĐA": "Đề án",
    "HP": "Hiến pháp",
    "NQLT": "Nghị quyết liên tịch",
}

# Issuer codes → (name, level rank). Rank orders the hierarchy: a document carries out
# documents of the same or a higher level (smaller rank).
CENTRAL_ISSUERS: dict[str, tuple[str, int]] = {
    "TW": ("Ban Chấp hành Trung ương Đảng", 0),
    "VPTW": ("Văn phòng Trung ương Đảng", 0),
    "QH": ("Quốc hội", 1),
    "UBTVQH": ("Ủy ban Thường vụ Quốc hội", 1),
    "CTN": ("Chủ tịch nước", 1),
    "CP": ("Chính phủ", 2),
    "TTG": ("Thủ tướng Chính phủ", 2),
    "VPCP": ("Văn phòng Chính phủ", 2),
    "BKHĐT": ("Bộ Kế hoạch và Đầu tư", 3),
    "BYT": ("Bộ Y tế", 3),
    "BTC": ("Bộ Tài chính", 3),
    "BLĐTBXH": ("Bộ Lao động - Thương binh và Xã hội", 3),
    "BNV": ("Bộ Nội vụ", 3),
    "BTTTT": ("Bộ Thông tin và Truyền thông", 3),
    "BKHCN": ("Bộ Khoa học và Công nghệ", 3),
    "BGDĐT": ("Bộ Giáo dục và Đào tạo", 3),
    "BCT": ("Bộ Công Thương", 3),
    "BXD": ("Bộ Xây dựng", 3),
    "BGTVT": ("Bộ Giao thông vận tải", 3),
    "BTNMT": ("Bộ Tài nguyên và Môi trường", 3),
    "BNNPTNT": ("Bộ Nông nghiệp và Phát triển nông thôn", 3),
    "BNNMT": ("Bộ Nông nghiệp và Môi trường", 3),
    "BTP": ("Bộ Tư pháp", 3),
    "BCA": ("Bộ Công an", 3),
    "BQP": ("Bộ Quốc phòng", 3),
    "BNG": ("Bộ Ngoại giao", 3),
    "BVHTTDL": ("Bộ Văn hóa, Thể thao và Du lịch", 3),
    "BDTTG": ("Bộ Dân tộc và Tôn giáo", 3),
    "NHNN": ("Ngân hàng Nhà nước Việt Nam", 3),
    "TTCP": ("Thanh tra Chính phủ", 3),
    "UBDT": ("Ủy ban Dân tộc", 3),
    "KTNN": ("Kiểm toán nhà nước", 3),
    "BHXH": ("Bảo hiểm xã hội Việt Nam", 3),
    "TANDTC": ("Tòa án nhân dân tối cao", 3),
    "VKSNDTC": ("Viện kiểm sát nhân dân tối cao", 3),
}
LOCAL_ISSUERS: dict[str, tuple[str, int]] = {
    "TU": ("Tỉnh ủy", 4),
    "ĐU": ("Đảng ủy", 4),
    "BTGTU": ("Ban Tuyên giáo Tỉnh ủy", 4),
    "UBKTTU": ("Ủy ban Kiểm tra Tỉnh ủy", 4),
    "VPTU": ("Văn phòng Tỉnh ủy", 4),
    "HĐND": ("Hội đồng nhân dân", 4),
    "UBND": ("Ủy ban nhân dân", 5),
    # the chairman of a people's committee: "Quyết định số 5726/QĐ-CT … của Chủ tịch Ủy ban nhân
    # dân tỉnh" (before 2008; the President is "CTN")
    "CT": ("Chủ tịch Ủy ban nhân dân", 5),
    "HU": ("Huyện ủy", 7),
}

# Pre-2025 provinces and centrally-run cities (the 34 after the 2025 merger are among them,
# Huế included). Both tone placements are accepted ("Hòa"/"Hoà") by matching on slugs.
PROVINCES: tuple[str, ...] = (
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cần Thơ",
    "Cao Bằng",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
    "Hồ Chí Minh",
)


@functools.lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """Lower-case ASCII slug: diacritics dropped, đ → d, runs of other characters → '-'."""
    s = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


PROVINCE_BY_SLUG: dict[str, str] = {slug(p): p for p in PROVINCES}
PROVINCE_BY_SLUG["thua-thien-hue"] = "Huế"
PROVINCE_BY_SLUG["ho-chi-minh"] = "Hồ Chí Minh"


def province_from(text: str) -> str | None:
    """The province named by ``text`` (any case, either tone placement), else None."""
    return PROVINCE_BY_SLUG.get(slug(text))


# Letters of other scripts PDF text puts for Latin capitals: the eth for Đ, Cyrillic А, В, Е …
LOOKALIKES = str.maketrans("ÐАВЕКМНОРСТХ", "ĐABEKMHOPCTX")


def canonical_symbol(raw: str) -> str:
    """Upper case, NFC, no spaces, unified dashes, Latin letters for their look-alikes."""
    s = unicodedata.normalize("NFC", raw).translate(DASHES)
    return "".join(s.split()).upper().translate(LOOKALIKES)


# Abbreviations written in mixed case (Decree 30/2020 Appendix III; "TTg" for the Prime
# Minister): shown as written, compared in upper case (canonical_symbol).
_MIXED_CASE = {a.upper(): a for a in ("TTg", "PTTg", "CTr", "TTr", "QyĐ", "QĐi", "TrS")}
_COMPONENT = re.compile(r"[^-/]+")


_LETTERED_NUMBER = re.compile(r"\d{1,5}[A-Z](?=/)")


@functools.lru_cache(maxsize=65536)
def display_symbol(canonical: str) -> str:
    """A canonical symbol as people write it: ``22/2015/QĐ-TTG`` → ``22/2015/QĐ-TTg``,
    ``30A/2008/NQ-CP`` → ``30a/2008/NQ-CP``."""
    if (m := _LETTERED_NUMBER.match(canonical)) is not None:  # a letter after the number
        canonical = m.group().lower() + canonical[m.end() :]
    if not any(a in canonical for a in _MIXED_CASE):
        return canonical
    return _COMPONENT.sub(lambda m: _MIXED_CASE.get(m.group(), m.group()), canonical)


@dataclass(frozen=True)
class Symbol:
    """A parsed số ký hiệu."""

    canonical: str
    number: str
    year: int | None
    type: str | None  # abbreviation in display case (``CTr``), or None
    issuer_code: str | None  # upper case, term digits removed (``QH15`` → ``QH``)
    party: bool


def _issuer_code(comp: str) -> str:
    # ("BKH&ĐT", an older spelling of BKHĐT, is that body)
    comp = comp.replace("&", "")
    return re.sub(r"\d+$", "", comp) or comp


_SYMBOL_PARTS = re.compile(r"(\d{1,5}(?:\.\d{1,3})?[A-Z]?)(?:/((?:19|20)\d{2}))?([-/])(.+)")
_COMP_SPLIT = re.compile(r"[-/]")
_TERM_DIGITS = re.compile(r"QH\d*")


@functools.lru_cache(maxsize=65536)
def parse_symbol(raw: str) -> Symbol | None:
    """Parse ``52-NQ/TW``, ``179/2024/NĐ-CP``, ``370/VPCP-KGVX``, ``69/2020/QH14`` …"""
    canon = canonical_symbol(raw)
    m = _SYMBOL_PARTS.fullmatch(canon)
    if not m:
        return None
    number, year_s, sep, rest = m.groups()
    comps = [c for c in _COMP_SPLIT.split(rest) if c]
    if not comps:
        return None
    year = int(year_s) if year_s else None
    first = comps[0]
    if sep == "-":  # Party: number-TYPE/ISSUER
        typ = TYPE_ABBRS.get(first, first.title() if len(first) > 3 else first)
        issuer = _issuer_code(comps[1]) if len(comps) > 1 else None
        return Symbol(canon, number, year, typ, issuer, True)
    if first in TYPE_ABBRS:
        issuer = _issuer_code(comps[1]) if len(comps) > 1 else None
        return Symbol(canon, number, year, TYPE_ABBRS[first], issuer, False)
    if _TERM_DIGITS.fullmatch(first) and year:  # Luật số 20/2023/QH15
        return Symbol(canon, number, year, "L", "QH", False)
    # Official letter (công văn): ISSUER-UNIT
    return Symbol(canon, number, year, "CV", _issuer_code(first), False)


# (is_local and issuer_rank are asked of every citation: a text names a few bodies, many times)
@functools.lru_cache(maxsize=4096)
def is_local(issuer_code: str | None) -> bool:
    if not issuer_code:
        return False
    code = issuer_code.upper()
    if code in CENTRAL_ISSUERS:
        return False
    return (
        code in LOCAL_ISSUERS
        or bool(_DISTRICT_CODE.search(code))
        or code.endswith("TU")
        or (code.startswith("S") and len(code) > 1)
        or code.startswith("UBND")
        or code.startswith("HĐND")
    )


# A district-level body: its code carries the unit, "UBND-HUYEN-AN-XUAN" (see local_unit).
_DISTRICT_CODE = re.compile(r"-(?:HUYEN|QUAN|THI-XA|THANH-PHO|XA|PHUONG|THI-TRAN)-")


def local_unit(kind: str, name: str) -> str | None:
    """The unit below a province that an issuing body belongs to, as a code suffix:
    ("huyện", "An Xuân") → "HUYEN-AN-XUAN"; None when the name is a province-level city."""
    if kind.lower() == "thành phố" and province_from(name):
        return None
    return slug(f"{kind} {name}").upper()


@functools.lru_cache(maxsize=4096)
def issuer_rank(issuer_code: str | None) -> int | None:
    """Level of an issuing body: 0 Party centre … 7 district; None when unknown."""
    if not issuer_code:
        return None
    code = issuer_code.upper()
    if _DISTRICT_CODE.search(code):
        return 7
    if code in CENTRAL_ISSUERS:
        return CENTRAL_ISSUERS[code][1]
    if code in LOCAL_ISSUERS:
        return LOCAL_ISSUERS[code][1]
    if code.endswith("TU"):
        return 4
    if code.startswith("S") and len(code) > 1:
        return 6
    if code.startswith("B") and len(code) > 1:
        return 3
    return None


def issuer_name(issuer_code: str | None, jurisdiction: str | None = None) -> str | None:
    if not issuer_code:
        return None
    code = issuer_code.upper()
    if code in CENTRAL_ISSUERS:
        return CENTRAL_ISSUERS[code][0]
    base, _, unit = code.partition("-")
    if unit and base in LOCAL_ISSUERS and _DISTRICT_CODE.search(code):
        return f"{LOCAL_ISSUERS[base][0]} {unit.replace('-', ' ').lower()}"
    if code in LOCAL_ISSUERS:
        name = LOCAL_ISSUERS[code][0]
        if jurisdiction and code in ("UBND", "HĐND"):
            return f"{name} tỉnh {jurisdiction}"
        if jurisdiction and code == "TU":
            return f"Tỉnh ủy {jurisdiction}"
        return name
    return issuer_code


def make_key(
    *,
    jurisdiction: str | None,
    issuer_code: str | None,
    year: int | None,
    type_: str | None,
    number: str | None,
) -> str:
    jur = slug(jurisdiction) if jurisdiction else ("_" if is_local(issuer_code) else "vn")
    parts = [
        jur,
        slug(issuer_code) if issuer_code else "_",
        str(year) if year else "_",
        slug(type_) if type_ else "_",
        (number.lstrip("0") or "0") if number and number.isdigit() else slug(number or "_") or "_",
    ]
    return "/".join(parts)
