"""Damage and layout (issue 14 class 5, issue 15): symbols split over lines, digits split by
spaces, look-alike letters of other scripts, numbers with a sub-number, the number on the line
after "Số:", titles with the issuer or a rule under them. Whole sentences, exact sets."""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from pathlib import Path

import pytest

from ingest.clean import clean
from ingest.extract import extract
from ingest.header import parse_header
from ingest.identity import display_symbol
from ingest.models import Source
from ingest.read import read_path
from ingest.references import find_mentions

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")


def symbols(text: str) -> set[str]:
    return {m.symbol.canonical for m in find_mentions(clean(text).text) if m.symbol is not None}


SENTENCES = [
    # a letter after the number ("Nghị quyết 30a"), "&" in an older code; not a form's "03a/PLI"
    ("Căn cứ Nghị quyết số 30a/2008/NQ-CP ngày 27/12/2008 của Chính phủ", {"30A/2008/NQ-CP"}),
    (
        "Thông tư liên tịch số 19/2012/TTLT-BTC-BKH&ĐT-BTTTT ngày 15/02/2012",
        {"19/2012/TTLT-BTC-BKH&ĐT-BTTTT"},
    ),
    ("theo Mẫu số 03a/PLI ban hành kèm theo", set()),
    # a sub-number: the Government's resolutions 66.1 … 66.18 of 2026
    ("Căn cứ Nghị quyết số 66.16/2026/NQ-CP của Chính phủ cắt giảm", {"66.16/2026/NQ-CP"}),
    # "số" glued to the number
    ("Thực hiện Kế hoạch số123/KH-UBND ngày 02/3/2021 của Ủy ban nhân dân tỉnh", {"123/KH-UBND"}),
    # the Icelandic eth and Cyrillic letters for Đ, T, C
    ("Căn cứ Nghị định số 15/2020/NÐ-CP ngày 03 tháng 02 năm 2020", {"15/2020/NĐ-CP"}),
    ("Thông tư số 06/2022/TT-BТС ngày 08 tháng 02 năm 2022 của Bộ Tài chính", {"06/2022/TT-BTC"}),
    # thousands written with a space, and a number broken over two lines
    ("tại Quyết định số 1 785/QĐ-UBND ngày 10/11/2021", {"1785/QĐ-UBND"}),
    ("Triển khai Kế hoạch số 20\n39/KH-UBND ngày 09/6/2020", {"2039/KH-UBND"}),
    # two numbers in a row are two numbers when no "số" governs them
    (
        "khoản 1 Điều 5 và các Nghị định 15/2020/NĐ-CP, 91/2020/NĐ-CP",
        {"15/2020/NĐ-CP", "91/2020/NĐ-CP"},
    ),
    # a range of provisions is no split number
    ("Điều 3 12/2020/NĐ-CP", {"12/2020/NĐ-CP"}),
    # a spaced slash (web copies), a line break after it
    (
        "Ban hành kèm theo Thông tư số 13 /2026/TT-NHNN ngày 19 tháng 5 năm 2026",
        {"13/2026/TT-NHNN"},
    ),
    ("Căn cứ Nghị định số 15/ 2020/NĐ-CP ngày 03 tháng 02 năm 2020", {"15/2020/NĐ-CP"}),
    ("Căn cứ Nghị định số 15/\n2020/NĐ-CP ngày 03 tháng 02 năm 2020", {"15/2020/NĐ-CP"}),
    # … but a date or a span of years is none
    ("ngày 15/ 8/2020 của Ủy ban nhân dân tỉnh", set()),
    ("giai đoạn 2021 /\n2025 - Kế hoạch phát triển", set()),
    # an inner hyphen typed as U+2010 or as the minus sign; a Cyrillic letter opening the type
    (
        "Thực hiện Quyết định số 12/QĐ\u2010UBND ngày 27/9/2019 của Ủy ban nhân dân tỉnh",
        {"12/QĐ-UBND"},
    ),
    ("Căn cứ Nghị định số 15/2020/NĐ\u2212CP ngày 03 tháng 02 năm 2020", {"15/2020/NĐ-CP"}),
    ("Căn cứ Thông tư số 06/2022/\u0422\u0422-BTC ngày 08 tháng 02 năm 2022", {"06/2022/TT-BTC"}),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_damaged_symbols_are_read_whole(text: str, expected: set[str]) -> None:
    assert symbols(text) == expected


@pytest.mark.parametrize(
    ("canonical", "shown"),
    [("22/2015/QĐ-TTG", "22/2015/QĐ-TTg"), ("17-CTR/TU", "17-CTr/TU"), ("45/TTR-STC", "45/TTr-STC"),
     ("52-NQ/TW", "52-NQ/TW"), ("2039/KH-UBND", "2039/KH-UBND"), ("30A/2008/NQ-CP", "30a/2008/NQ-CP")],
)  # fmt: skip
def test_symbols_are_shown_as_written(canonical: str, shown: str) -> None:
    assert display_symbol(canonical) == shown


HEADERS = [
    # the number on the line after "Số:"
    (
        "CHÍNH PHỦ\nSố:\n230/2025/NĐ-CP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 19 tháng 8 năm 2025\n"
        "NGHỊ ĐỊNH\nQuy định chính sách hỗ trợ\nCăn cứ Luật Tổ chức Chính phủ;\n",
        ("230/2025/NĐ-CP", "2025-08-19", "Quy định chính sách hỗ trợ"),
    ),
    # the two header columns run together: the place glued to the symbol's end; a mixed-case
    # type ("CTr") is the symbol's own
    (
        "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: 1070/UBND-KGVXKon Tum, ngày 02 tháng 4 năm 2021\n"
        "V/v triển khai thực hiện\n",
        ("1070/UBND-KGVX", "2021-04-02", "V/v triển khai thực hiện"),
    ),
    (
        "TỈNH ỦY HÀ TĨNH\n*\nSố 38-CTr/TU Hà Tĩnh, ngày 12 tháng 02 năm 2025\n\nCHƯƠNG TRÌNH "
        "HÀNH ĐỘNG\nthực hiện Nghị quyết số 57-NQ/TW\n-----\n",
        ("38-CTR/TU", "2025-02-12", "thực hiện Nghị quyết số 57-NQ/TW"),
    ),
    # a joint symbol cut after a dash at the line's end; a blank line after "Số:"; the
    # thousands split off by a space; "Số" with no colon
    (
        "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO - BỘ CÔNG AN - BỘ QUỐC PHÒNG\nSố: 01/2022/TTLT-VKSNDTC-\n"
        "TANDTC-BCA-BQP-BLĐTBXH\nHà Nội, ngày 18 tháng 02 năm 2022\n\nTHÔNG TƯ LIÊN TỊCH\n"
        "Quy định về phối hợp\n\nCăn cứ Bộ luật Hình sự;\n",
        ("01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH", "2022-02-18", "Quy định về phối hợp"),
    ),
    (
        "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\n-------\nSố:\n\n1 070/UBND-KGVX\n\nCỘNG HÒA XÃ HỘI CHỦ "
        "NGHĨA VIỆT NAM\nKon Tum, ngày 02 tháng 4 năm 2021\nV/v triển khai thực hiện\n",
        ("1070/UBND-KGVX", "2021-04-02", "V/v triển khai thực hiện"),
    ),
    (
        "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố 1070/UBND-KGVX\nKon Tum, ngày 02 tháng 4 năm 2021\n"
        "V/v triển khai thực hiện\n",
        ("1070/UBND-KGVX", "2021-04-02", "V/v triển khai thực hiện"),
    ),
    # the issuer under the type word is not the title
    (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 52-NQ/TW Hà Nội, ngày 27 tháng 9 năm 2019\n\nNGHỊ QUYẾT\n"
        "CỦA BỘ CHÍNH TRỊ\nvề một số chủ trương, chính sách\n\nI. TÌNH HÌNH\n",
        ("52-NQ/TW", "2019-09-27", "về một số chủ trương, chính sách"),
    ),
    # a law: "Luật số:" and the day it was passed at its end; a rule under the title
    (
        "QUỐC HỘI\n\nLuật số: 69/2020/QH14\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nLUẬT\n"
        "NGƯỜI LAO ĐỘNG VIỆT NAM ĐI LÀM VIỆC Ở NƯỚC NGOÀI\n-----\n\nCăn cứ Hiến pháp;\n\n"
        "Luật này được Quốc hội khóa XIV, kỳ họp thứ 10 thông qua ngày 13 tháng 11 năm 2020.\n",
        ("69/2020/QH14", "2020-11-13", "NGƯỜI LAO ĐỘNG VIỆT NAM ĐI LÀM VIỆC Ở NƯỚC NGOÀI"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), HEADERS)
def test_header_layouts(text: str, expected: tuple[str, str, str]) -> None:
    h = parse_header(clean(text).text)
    assert (h.symbol.canonical if h.symbol else None, h.date, h.title) == expected


# A consolidated law continued from an earlier gazette issue: no number, no place and date; the
# issuer's lines end at the type word, and the law's title under it is not its issuer
GAZETTE_LAW = (
    "CÔNG BÁO/Số 1169 + 1170/Ngày 29-10-2024\n85\n{issuer}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n\nLUẬT\nAN TOÀN, VỆ SINH LAO ĐỘNG\n\nLuật An toàn, vệ sinh lao "
    "động số 84/2015/QH13 ngày 25 tháng 6 năm 2015 của Quốc hội, có hiệu lực kể từ ngày 01 tháng "
    "7 năm 2016, được sửa đổi, bổ sung bởi:\n"
)


@pytest.mark.parametrize(("issuer", "expected"), [
    ("", None),
    ("VĂN BẢN HỢP NHẤT - VĂN PHÒNG QUỐC HỘI\n", "VĂN BẢN HỢP NHẤT - VĂN PHÒNG QUỐC HỘI"),
])  # fmt: skip
def test_a_title_under_the_type_word_is_not_the_issuer(issuer: str, expected: str | None) -> None:
    h = parse_header(clean(GAZETTE_LAW.format(issuer=issuer)).text)
    assert (h.issuer, h.type, h.title) == (expected, "L", "AN TOÀN, VỆ SINH LAO ĐỘNG")


@needs_corpus
def test_gazette_resolution_with_a_sub_number_keeps_its_identity() -> None:
    folder = CORPUS / "gazette" / "chinh_sach_dn"
    (own,) = read_path(folder / "nghi-quyet-so-6616-2026-nq-cp-469362.txt")  # type: ignore[misc]
    me = extract(own).document
    assert (me.symbol, me.key, me.date) == ("66.16/2026/NQ-CP", "vn/cp/2026/nq/66-16", "2026-04-07")
    (citing,) = read_path(CORPUS / "gazette" / "hdld" / "thong-tu-so-09-2026-tt-bnv-469696.txt")  # type: ignore[misc]
    cited = {r.doc.key for r in extract(citing).references}
    assert "vn/cp/2026/nq/66-16" in cited and "vn/cp/2026/nq/16" not in cited


def test_a_letter_of_look_alikes_links_to_the_real_symbol() -> None:
    text = (
        "BỘ TÀI CHÍNH\nSố: 12/2023/TT-BTC\nHà Nội, ngày 01 tháng 3 năm 2023\nTHÔNG TƯ\nHướng dẫn\n"
        "Căn cứ Nghị định số 14/2023/NÐ-CP ngày 20 tháng 4 năm 2023 của Chính phủ;\n"
    )
    ex = extract(Source("t.txt", text, "txt"))
    assert {(link.relation, link.object.symbol) for link in ex.links} == {
        ("based_on", "14/2023/NĐ-CP")
    }
    # the quote is the text as printed
    assert {link.evidence.quote for link in ex.links} == {
        "Căn cứ Nghị định số 14/2023/NÐ-CP ngày 20 tháng 4 năm 2023 của Chính phủ"
    }


@needs_corpus
def test_a_consolidated_text_is_dated_where_it_is_signed() -> None:
    path = CORPUS / "gazette" / "chinh_sach_dn" / "van-ban-hop-nhat-so-40-vbhn-bct-469651.txt"
    (source,) = read_path(path)  # type: ignore[misc]
    me = extract(source).document
    assert (me.key, me.symbol, me.date) == ("vn/bct/2026/vbhn/40", "40/VBHN-BCT", "2026-05-26")


def test_a_consolidated_law_without_its_name_or_number_is_a_vbhn() -> None:
    """Its opening under the title ("Luật … số 84/2015/QH13 …, được sửa đổi, bổ sung bởi:")
    is a consolidated text's: it consolidates the law and the law that amended it."""
    text = GAZETTE_LAW.format(issuer="") + (
        "Luật Bảo hiểm xã hội số 41/2024/QH15 ngày 29 tháng 6 năm 2024 của Quốc hội, có hiệu lực "
        "kể từ ngày 01 tháng 7 năm 2025.\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt "
        "Nam;\nQuốc hội ban hành Luật An toàn, vệ sinh lao động.\n"
    )
    ex = extract(Source("vbhn.txt", text, "txt"))
    assert ex.document.type == "VBHN"
    me = ex.document.key
    assert {(link.subject.key, link.relation, link.object.key) for link in ex.links} == {
        (me, "consolidates", "vn/qh/2015/l/84"),
        (me, "consolidates", "vn/qh/2024/l/41"),
        (me, "based_on", "vn/qh/_/hp/phap-nuoc-cong-hoa-xa-hoi-chu-nghia-viet-nam"),
        ("vn/qh/2024/l/41", "amends", "vn/qh/2015/l/84"),  # what the opening reports
    }


# The same damage in whole sentences: the exact links they state
DAMAGED_SENTENCES = [
    (
        "Căn cứ Nghị định số 15/ 2020/NĐ-CP ngày 03 tháng 02 năm 2020 của Chính phủ;\nThực hiện "
        "Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị và Kế hoạch số 12 /2021/KH\u2011UBND "
        "ngày 15/ 8/2021 của Ủy ban nhân dân tỉnh, các sở triển khai.",
        {
            ("@self", "based_on", "15/2020/NĐ-CP", False),
            ("@self", "implements", "52-NQ/TW", False),
            ("@self", "implements", "12/2021/KH-UBND", False),
        },
    ),
    (  # a misprint of a symbol the text prints in full (its code cut short, its dash or one
        # letter lost) is that document, not a second one
        "Căn cứ Thông tư số 26/2019/TT-BLĐTBXH ngày 01/9/2019 của Bộ trưởng Bộ Lao động - "
        "Thương binh và Xã hội;\nCăn cứ Thông tư số 27/2019/TT-BLĐTBXH ngày 01/9/2019 của Bộ "
        "trưởng Bộ Lao động - Thương binh và Xã hội;\nCác công ty báo cáo kết quả theo Điều 18 "
        "Thông tư số 26/2019/TT-BLĐTBX, Điều 19 Thông tư số 26/2019/TT-LĐTBXH và Điều 20 Thông "
        "tư số 27/2019/TTBLĐTBXH.",
        {
            ("@self", "based_on", "26/2019/TT-BLĐTBXH", False),
            ("@self", "based_on", "27/2019/TT-BLĐTBXH", False),
        },
    ),
    (  # … but not one that fits two symbols, nor another year
        "Căn cứ Thông tư số 26/2019/TT-BTC ngày 01/9/2019 của Bộ trưởng Bộ Tài chính;\nCăn cứ "
        "Thông tư số 26/2019/TT-BYT ngày 01/9/2019 của Bộ trưởng Bộ Y tế;\nCác công ty báo cáo kết "
        "quả theo Điều 18 Thông tư số 26/2019/TT-B và Điều 20 Thông tư số 26/2018/TT-BTC.",
        {
            ("@self", "based_on", "26/2019/TT-BTC", False),
            ("@self", "based_on", "26/2019/TT-BYT", False),
            ("@self", "cites", "26/2019/TT-B", False),
            ("@self", "cites", "26/2018/TT-BTC", False),
        },
    ),
]


@pytest.mark.parametrize(("body", "expected"), DAMAGED_SENTENCES)
def test_damaged_sentences_state_their_links(
    body: str, expected: set[tuple[str, str, str, bool]]
) -> None:
    from test_extract_rules import edges

    assert edges(body) == expected


# Two spellings place the tone mark of a syllable ending in "oa", "oe" or "uy" ("qu" aside): on
# the first vowel ("hòa", "khỏe", "Ủy ban", most texts today) or on the second ("hoà", "khoẻ",
# "Uỷ ban", older and many provincial texts). Both are correct; links must not depend on which.
_TONED_NUCLEUS = re.compile(
    r"(?<![qQ])(?:([oO])([àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ])|([uU])([ỳýỷỹỵỲÝỶỸỴ])"
    r"|([òóỏõọÒÓỎÕỌ])([aAeE])|([ùúủũụÙÚỦŨỤ])([yY]))(?![^\W\d_])"
)


def _move_tone(m: re.Match[str]) -> str:
    first, second = (g for g in m.groups() if g is not None)
    a, b = unicodedata.normalize("NFD", first), unicodedata.normalize("NFD", second)
    tone = a[1:] or b[1:]  # the combining mark, on whichever vowel carries it
    # the mark moves to the vowel without one
    return unicodedata.normalize("NFC", a[0] + (tone if len(a) == 1 else "")) + (
        unicodedata.normalize("NFC", b[0] + (tone if len(b) == 1 else ""))
    )


def other_tone_placement(text: str) -> str:
    return _TONED_NUCLEUS.sub(_move_tone, text)


def test_the_tone_placement_swap_is_what_it_says() -> None:
    assert other_tone_placement("Cộng hoà, Uỷ ban, khoẻ, hòa, thủy, quý, hoàng, thuyết") == (
        "Cộng hòa, Ủy ban, khỏe, hoà, thuỷ, quý, hoàng, thuyết"
    )


GOLD_FILES = (
    sorted(
        {
            json.loads(line)["file"]
            for gold in (CORPUS.parent / "gold").glob("*.gold.jsonl")
            for line in gold.read_text(encoding="utf-8").splitlines()
            if line.strip()
        }
    )
    if CORPUS.is_dir()
    else []
)


def _link_set(source: Source) -> set[tuple[str, str, str, bool]]:
    ex = extract(source)
    me = ex.document.key

    def k(key: str) -> str:
        return "@self" if key == me else key

    return {(k(x.subject.key), x.relation, k(x.object.key), x.reported) for x in ex.links}


# Respellings a text may come in, each keeping its length: links must not depend on them
RESPELLINGS = {
    "the other tone placement": other_tone_placement,
    "the Icelandic eth for Đ (some PDF fonts)": lambda text: text.replace("Đ", "Ð"),
    # word processors: "số\u00a0123", thousands "2\u00a0598"
    "a no-break space before a number": lambda text: re.sub(r"(?<=\w) (?=\d)", "\u00a0", text),
    "an en dash for a spaced hyphen": lambda text: text.replace(" - ", " – "),
}


@needs_corpus
@pytest.mark.parametrize("respell", RESPELLINGS)
@pytest.mark.parametrize("name", GOLD_FILES)
def test_links_do_not_depend_on_spelling(name: str, respell: str) -> None:
    """Every labelled text, respelt, states the same links."""
    (path,) = [p for p in CORPUS.rglob(Path(name).name) if p.as_posix().endswith(name)]
    (source,) = read_path(path)  # type: ignore[misc]
    respelt = RESPELLINGS[respell](source.text)
    assert respelt != source.text and len(respelt) == len(source.text)
    assert _link_set(dataclasses.replace(source, text=respelt)) == _link_set(source)


def test_an_older_code_with_ampersand_is_the_same_body() -> None:
    """ "QĐ-BGD&ĐT" (the older spelling) and "QĐ-BGDĐT" name one document of one ministry."""
    text = (
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/2003/QĐ-BGDĐT\nHà Nội, ngày 01 tháng 3 năm 2003\nQUYẾT ĐỊNH\n"
        "Căn cứ Quyết định số 37/2000/QĐ-BGD&ĐT ngày 10/8/2000 của Bộ trưởng Bộ Giáo dục và Đào tạo;\n"
        "Bãi bỏ Quyết định số 37/2000/QĐ-BGDĐT ngày 10/8/2000.\n"
    )
    ex = extract(Source("t.txt", text, "txt"))
    assert {(link.relation, link.object.key) for link in ex.links} == {
        ("based_on", "vn/bgddt/2000/qd/37"),
        ("repeals", "vn/bgddt/2000/qd/37"),
    }
