"""Extraction stage by stage, on short texts written for the test (eyecite-style tables)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from shared_support import CORPUS

from ingest.clean import clean, squash
from ingest.extract import extract
from ingest.identity import canonical_symbol, parse_symbol
from ingest.models import Source
from ingest.references import find_mentions

ROOT = Path(__file__).parents[1]


def doc(text: str, path: str = "test/letter.txt") -> Source:
    return Source(path, text, "txt")


KON_TUM = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH KON TUM Độc lập - Tự do - Hạnh phúc
Số: 15/UBND-KGVX Kon Tum, ngày 05 tháng 01 năm 2022
V/v triển khai nhiệm vụ

Kính gửi: Các sở, ban, ngành.

{body}

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def letter(body: str) -> Source:
    return doc(KON_TUM.format(body=body))


# (text, symbol, date, issuer phrase) — every way the issue lists of naming a document
REFERENCES = [
    (
        "Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị về",
        "52-NQ/TW",
        "2019-09-27",
        "Bộ Chính trị",
    ),
    ("theo Nghị quyết 03/NQ-CP của Chính phủ.", "03/NQ-CP", None, "Chính phủ"),
    ("tại Văn bản số 370/VPCP-KGVX ngày 14 tháng 01 năm 2025", "370/VPCP-KGVX", "2025-01-14", None),
    ("Báo cáo tóm tắt số 10597/BC-BKHĐT ngày 23/12/2024", "10597/BC-BKHĐT", "2024-12-23", None),
    ("Nghị định số 179/2024/NĐ-CP ngày 31 tháng 12 năm 2024", "179/2024/NĐ-CP", "2024-12-31", None),
    (
        "Kế hoạch số 110/KH - UBND, ngày 14/12/2017 của Chủ tịch UBND tỉnh",
        "110/KH-UBND",
        "2017-12-14",
        "Chủ tịch UBND tỉnh",
    ),
    ("Chương trình hành động số 17-CTr/TU ngày 31/7/2017", "17-CTR/TU", "2017-07-31", None),
    ("Nghị quyết số 52-\n\nNQ/TW ngày 22 \n\ntháng 12 năm 2024", "52-NQ/TW", "2024-12-22", None),
    (
        "Thông tư liên tịch số 01/2015/TTLT-BLĐTBXH-BTC ngày 05/01/2015",
        "01/2015/TTLT-BLĐTBXH-BTC",
        "2015-01-05",
        None,
    ),
]


@pytest.mark.parametrize(("text", "symbol", "date", "issuer"), REFERENCES)
def test_citation_forms(text: str, symbol: str, date: str | None, issuer: str | None) -> None:
    (m,) = [m for m in find_mentions(text) if m.kind == "symbol"]
    assert m.symbol is not None and m.symbol.canonical == symbol
    assert m.date == date
    assert m.issuer_phrase == issuer


def test_register_text_is_lower_case() -> None:
    (m,) = find_mentions(
        "thực hiện công văn số 3652/byt-dp ngày 10/7/2022 của bộ y tế", lower_case=True
    )
    assert m.symbol is not None and m.symbol.canonical == "3652/BYT-DP"
    assert (m.type, m.date) == ("CV", "2022-07-10")


def test_several_numbers_under_type_words() -> None:
    text = "Báo cáo số 10598/BC-BKHĐT và Báo cáo tóm tắt số 10597/BC-BKHĐT ngày 23/12/2024"
    found = [m.symbol.canonical for m in find_mentions(text) if m.symbol]
    assert found == ["10598/BC-BKHĐT", "10597/BC-BKHĐT"]


def test_law_by_name_and_date() -> None:
    (m,) = find_mentions("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;")
    assert (m.kind, m.name, m.date) == ("name", "Luật Tổ chức Chính phủ", "2025-02-18")


def test_back_reference_points_at_the_letter_named_before() -> None:
    ms = find_mentions(
        "Thực hiện Văn bản số 1906/VPCP-KGVX ngày 23/3/2021 và Nghị quyết số 50/NQ-CP; "
        "theo ý kiến tại Văn bản nêu trên."
    )
    back = [m for m in ms if m.kind == "back"]
    assert len(back) == 1 and back[0].back_of is not None
    assert ms[back[0].back_of].symbol.canonical == "1906/VPCP-KGVX"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("raw", "canonical", "type_", "issuer", "year"),
    [
        ("52-NQ/TW", "52-NQ/TW", "NQ", "TW", None),
        ("179/2024/NĐ-CP", "179/2024/NĐ-CP", "NĐ", "CP", 2024),
        ("370/VPCP-KGVX", "370/VPCP-KGVX", "CV", "VPCP", None),
        ("69/2020/QH14", "69/2020/QH14", "L", "QH", 2020),
        ("17-CTr/TU", "17-CTR/TU", "CTr", "TU", None),
    ],
)
def test_symbol_parsing(
    raw: str, canonical: str, type_: str, issuer: str, year: int | None
) -> None:
    sym = parse_symbol(raw)
    assert sym is not None
    assert (sym.canonical, sym.type, sym.issuer_code, sym.year) == (canonical, type_, issuer, year)
    assert canonical_symbol(raw.replace("-", " - ")) == canonical


def _links(source: Source) -> set[tuple[str, str, str]]:
    ex = extract(source)
    me = ex.document.key

    def name(ref: object) -> str:
        key = getattr(ref, "key")  # noqa: B009
        return "@self" if key == me else (getattr(ref, "symbol") or getattr(ref, "title"))  # noqa: B009

    return {(name(k.subject), k.relation, name(k.object)) for k in ex.links}


RELATIONS = [
    (
        "Thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ, Ủy ban nhân dân tỉnh yêu cầu:",
        ("@self", "implements", "50/NQ-CP"),
    ),
    (
        "Căn cứ Nghị định số 62/2022/NĐ-CP ngày 12 tháng 9 năm 2022 của Chính phủ;",
        ("@self", "based_on", "62/2022/NĐ-CP"),
    ),
    (
        "Sửa đổi, bổ sung một số điều của Nghị định số 145/2020/NĐ-CP ngày 14/12/2020.",
        ("@self", "amends", "145/2020/NĐ-CP"),
    ),
    (
        "Văn bản này thay thế Thông tư số 28/2015/TT-BLĐTBXH ngày 31/7/2015.",
        ("@self", "replaces", "28/2015/TT-BLĐTBXH"),
    ),
    (
        "Bãi bỏ Thông tư số 05/2009/TT-BLĐTBXH ngày 17/02/2009.",
        ("@self", "repeals", "05/2009/TT-BLĐTBXH"),
    ),
    (
        "Hướng dẫn thi hành Nghị định số 09/2013/NĐ-CP ngày 11/01/2013.",
        ("@self", "guides", "09/2013/NĐ-CP"),
    ),
    (
        "Đính chính Nghị định số 91/2022/NĐ-CP ngày 30/10/2022 như sau:",
        ("@self", "corrects", "91/2022/NĐ-CP"),
    ),
    (
        "Xét đề nghị của Sở Tài chính tại Tờ trình số 45/TTr-STC ngày 02/3/2022, Ủy ban nhân dân tỉnh đồng ý.",
        ("@self", "responds_to", "45/TTR-STC"),
    ),
    (
        "Nghiên cứu nội dung tại Báo cáo số 10597/BC-BKHĐT ngày 23/12/2024 để theo dõi.",
        ("@self", "cites", "10597/BC-BKHĐT"),
    ),
    # a reported relation: the text says how two OTHER documents relate
    (
        "Thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ về ban hành Chương trình hành "
        "động của Chính phủ thực hiện Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị, Ủy ban "
        "nhân dân tỉnh yêu cầu:",
        ("50/NQ-CP", "implements", "52-NQ/TW"),
    ),
]


@pytest.mark.parametrize(("body", "expected"), RELATIONS)
def test_relations_from_cues(body: str, expected: tuple[str, str, str]) -> None:
    assert expected in _links(letter(body))


def test_a_reported_relation_is_not_the_letters_own() -> None:
    links = _links(letter(RELATIONS[-1][0]))
    assert ("@self", "implements", "50/NQ-CP") in links
    assert not any(s == "@self" and o == "52-NQ/TW" for s, _, o in links)


def test_this_document_is_not_a_link() -> None:
    links = _links(
        letter(
            "Kế hoạch này thay thế Kế hoạch số 15/KH-UBND ngày 05/01/2021. Văn bản số 15/UBND-KGVX này có hiệu lực."
        )
    )
    assert ("@self", "replaces", "15/KH-UBND") in links
    assert all(o != "15/UBND-KGVX" for _, _, o in links)


def test_footnotes_tie_reported_relations_to_their_markers() -> None:
    body = (
        "Triển khai Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ¹, Ủy ban nhân dân tỉnh "
        "đã ban hành Kế hoạch số 2039/KH-UBND ngày 09/6/2020².\n\n"
        "¹ Về ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 52-NQ/TW ngày "
        "27/9/2019 của Bộ Chính trị.\n"
        "² Triển khai thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ.\n"
    )
    links = _links(letter(body))
    assert ("50/NQ-CP", "implements", "52-NQ/TW") in links
    assert ("2039/KH-UBND", "implements", "50/NQ-CP") in links
    assert ("@self", "cites", "2039/KH-UBND") in links
    assert not any(s == "@self" and o == "52-NQ/TW" for s, _, o in links)


def test_cleaning_masks_without_shifting_offsets() -> None:
    text = "Điều 1.\nKý bởi: Cổng Thông tin\n \n12 \nCÔNG BÁO/Số 1 + 2/Ngày 01-7-2025 \nNghị định số 1/2020/NĐ-CP"
    c = clean(text)
    assert len(c.text) == len(text)
    assert "CÔNG BÁO" not in c.text and "Ký bởi" not in c.text
    assert c.text.index("Nghị định") == text.index("Nghị định")


@pytest.mark.parametrize(
    "text",
    [
        "  Căn cứ Luật\n\nTổ chức  Chính phủ ;  ",
        "a\tb",
        "Nghị\xa0quyết\u2003số 57",
        "",
        " \n ",
        "x\xady  z",
    ],
)
def test_squash_is_split_and_join(text: str) -> None:
    assert squash(text) == " ".join(text.split())


@pytest.mark.shared
def test_squash_on_corpus_lines() -> None:
    text = sorted((CORPUS / "gazette").glob("*/*.txt"))[0].read_text(encoding="utf-8")
    for start in range(0, min(len(text), 40_000), 997):
        chunk = text[start : start + 600]
        assert squash(chunk) == " ".join(chunk.split())


def test_identity_follows_the_numbering_rules() -> None:
    ex = extract(
        letter(
            "Thực hiện Nghị quyết 03/NQ-CP ngày 09/01/2025 và Nghị quyết 03/2025/NQ-CP của Chính phủ; "
            "Kế hoạch số 2039/KH-UBND ngày 09/6/2020 của Ủy ban nhân dân tỉnh Tuyên Quang; "
            "Kế hoạch số 2039/KH-UBND ngày 09/6/2020; Quyết định số 12/QĐ-UBND."
        )
    )
    keys = {(r.doc.symbol, r.doc.jurisdiction): r.doc for r in ex.references}
    assert keys[("03/NQ-CP", None)].key == keys[("03/2025/NQ-CP", None)].key
    tq, kt = keys[("2039/KH-UBND", "Tuyên Quang")], keys[("2039/KH-UBND", "Kon Tum")]
    assert tq.key != kt.key  # same number, different provinces: different documents
    assert keys[("12/QĐ-UBND", "Kon Tum")].ambiguous  # no year: identity left open, not guessed


def test_header_of_a_letter() -> None:
    ex = extract(letter("Đề nghị các đơn vị thực hiện."))
    d = ex.document
    assert (d.symbol, d.type, d.jurisdiction, d.date) == (
        "15/UBND-KGVX",
        "CV",
        "Kon Tum",
        "2022-01-05",
    )
    assert d.title == "V/v triển khai nhiệm vụ"
    assert ex.recipients == ["Các sở, ban, ngành"]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_bad_files_are_reported_by_name_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        KON_TUM.format(body="Thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ."),
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "truncated.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nendobj\n")
    edges = tmp_path / "edges.jsonl"
    run = _cli("extract", str(tmp_path), "--edges", str(edges))
    assert run.returncode == 1
    for name in ("empty.txt", "binary.txt", "truncated.pdf"):
        assert name in run.stderr
    assert "Traceback" not in run.stderr
    assert "50/NQ-CP" in edges.read_text(encoding="utf-8")


def test_html_view_highlights_references_and_relations(tmp_path: Path) -> None:
    src = tmp_path / "letter.txt"
    src.write_text(
        KON_TUM.format(body="Thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ."),
        encoding="utf-8",
    )
    out = tmp_path / "out.html"
    run = _cli("extract", str(src), "--html", str(out), "--quiet")
    assert run.returncode == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert "IMPLEMENTS" in html and "NQ" in html and "50/NQ-CP" in html


DISTRICT = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN {name} Độc lập - Tự do - Hạnh phúc
Số: 10/KH-UBND {place}, ngày 30 tháng 6 năm 2019

KẾ HOẠCH
Triển khai nhiệm vụ năm 2019

Thực hiện Kế hoạch số 12/KH-UBND ngày 09/04/2019 của Ủy ban nhân dân tỉnh Kon Tum và
Kế hoạch số 7/KH-UBND ngày 02/5/2019, Ủy ban nhân dân huyện ban hành Kế hoạch như sau:
"""


def test_district_bodies_number_their_own_documents() -> None:
    a = extract(doc(DISTRICT.format(name="ĐẮK HÀ", place="Đắk Hà"), "a.txt"))
    b = extract(doc(DISTRICT.format(name="SA THẦY", place="Sa Thầy"), "b.txt"))
    assert a.document.symbol == b.document.symbol == "10/KH-UBND"
    assert a.document.key != b.document.key  # same number, two districts: two documents
    cited = {r.doc.symbol: r.doc for r in a.references}
    # the province's plan is the province's; an unqualified UBND plan is the district's own
    assert cited["12/KH-UBND"].key.startswith("kon-tum/ubnd/")
    assert cited["7/KH-UBND"].issuer_code == a.document.issuer_code != "UBND"


def test_a_committee_chairmans_decision_is_the_provinces() -> None:
    """ "QĐ-CT": a decision of the chairman of a people's committee (the President's is "CTN")."""
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: 31/QĐ-UBND\nKon Tum, ngày 02 tháng 3 năm 2017\n"
        "QUYẾT ĐỊNH\nThu hồi một quyết định\n\nĐiều 1. Thu hồi Quyết định số 5726/QĐ-CT ngày "
        "29/12/2003 của Chủ tịch Ủy ban nhân dân tỉnh.\n"
    )
    (cited,) = extract(doc(text, "q.txt")).references
    assert cited.doc.key == "kon-tum/ct/2003/qd/5726"


def test_spacy_pipeline_puts_references_and_cues_in_doc_spans() -> None:
    from ingest.nlp import parse

    d = parse(
        letter(
            "Thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ, Ủy ban nhân dân tỉnh yêu cầu:"
        )
    )
    refs = {s.text: s.label_ for s in d.spans["references"]}
    assert any("50/NQ-CP" in t and label == "NQ" for t, label in refs.items())
    assert ("Thực hiện", "IMPLEMENTS") in {(s.text, s.label_) for s in d.spans["cues"]}
    assert any(s.label_ == "IMPLEMENTS" and "50/NQ-CP" in s.text for s in d.spans["relations"])


def test_every_cue_starts_with_a_literal_syllable() -> None:
    """The cue scan looks for each cue's first syllable (ingest/relations.py, ``cue_hits``): a
    cue that began with a group or a class would give an empty or a pattern head, and the scan
    would try every position of every window (still right, four times slower)."""
    from ingest.relations import _CUE_HEADS

    assert _CUE_HEADS
    assert [h for h in _CUE_HEADS if not re.fullmatch(r"[^\W\d_]+", h)] == []


def test_cue_head_trie_finds_what_the_plain_alternation_finds() -> None:
    """``_trie`` factors the heads' shared starts out of the scan's pattern; it finds the same
    spans as the words joined longest first, also where one word starts another, each with the
    look-ahead it is given."""
    from ingest.relations import _CUE_HEAD_RE, _CUE_HEADS, _CUES, _alternatives, _next_words, _trie

    def spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
        return [m.span() for m in rx.finditer(text)]

    text = " ".join(_CUE_HEADS) + " thuế thu thuê th căn cứ; bãi bỏ, thực hiện, thu hồi"
    after = _next_words(alt for _, rx in _CUES for alt in _alternatives(rx))
    plain = re.compile(
        "|".join(h + after.get(h, "") for h in sorted(_CUE_HEADS, key=len, reverse=True))
    )
    assert spans(_CUE_HEAD_RE, text) == spans(plain, text)
    words = ["thu", "thuê", "th", "ban", "bãi"]
    plain = re.compile("|".join(sorted(words, key=len, reverse=True)))
    assert spans(re.compile(_trie(words)), text) == spans(plain, text)
    assert _trie(words) == "(?:b(?:an|ãi)|th(?:u(?:ê)?)?)"
    assert _trie(words, {"thu": "(?=X)", "ban": "(?=Y)"}) == (
        "(?:b(?:an(?=Y)|ãi)|th(?:u(?:ê|(?=X)))?)"
    )


def test_cue_head_look_aheads_keep_every_cue() -> None:
    """The look-aheads after the heads (the words each cue spells out next: "quy" only before
    "định chi tiết") refuse heads no cue starts with; every cue CUE_RE finds at a word start is
    still found, and nothing else."""
    from ingest.clean import lowered
    from ingest.relations import _CUES, CUE_RE, Cue, _next_words, cue_hits

    assert _next_words([r"quy\s+định\s+chi", r"quy\s+trình?", r"bỏ(?=\s)"]) == {
        "quy": r"(?=\s+trìn|\s+định\s+chi)"
    }
    text = (
        "Căn cứ Luật số 1; theo quy định tại Điều 5, quy định chi tiết Nghị định số 2; theo đề "
        "nghị của Sở; xét đề nghị, xét tờ trình, xét báo cáo; xem xét đề nghị; bổ sung Nghị định "
        "số 3; bổ sung hồ sơ; điều chỉnh Quyết định số 4; Điều 6 thuộc thuế; hướng dẫn thi hành; "
        "biện pháp thi hành; hết hiệu lực; chấm dứt hiệu lực; thu hồi Quyết định số 5; thu hồi "
        "đất; tổ chức thực hiện; Tổ chức; cụ thể hóa; cụ thể; ban hành kèm theo; Ban Chỉ đạo; "
        "chỉ đạo; triển khai; thay thế cụm từ; thay thế; bỏ cụm từ; bãi bỏ; hủy bỏ; huỷ bỏ; đính "
        "chính; phê duyệt; trả lời; phúc đáp; hồi đáp; kiến nghị của; đề nghị của; đề án; sửa "
        "đổi, bổ sung; Sửa đổi; phạm vi điều chỉnh; quy\nđịnh chi tiết"
    )
    low, want, last = lowered(text), [], 0
    for p in range(len(low)):  # CUE_RE tried at every word start
        if p < last or (p and low[p - 1].isalnum()) or not (m := CUE_RE.match(low, p)):
            continue
        want.append(Cue(p, m.end(), m.lastgroup or "cites"))
        last = m.end()
    assert cue_hits(text, 0, len(text)) == want
    assert {c.rel for c in want} == {rel for rel, _ in _CUES}


def test_form_code_pretest_passes_every_window_the_pattern_matches() -> None:
    """``_may_name_no_document`` spares the search of ``_NOT_A_DOCUMENT_BEFORE``: it may pass a
    window the pattern then refuses, never refuse one the pattern matches."""
    from ingest.references import _NOT_A_DOCUMENT_BEFORE, _may_name_no_document

    windows = [
        "theo Mẫu số ", "Tờ khai ", "QCVN 06:", "TCCS 03: ", "ISO ", "Biểu số B", "F01-",
        "61-MT:", "Phụ lục ", "(Ký hiệu ", "mã hiệu ", "ıso ", "của Chính phủ số ", "Nghị định ", "Quyết định số\n",
        "kèm theo Mẫu\n", "Luật số ", "ban hành ",
    ]  # fmt: skip
    matched = {w for w in windows if _NOT_A_DOCUMENT_BEFORE.search(w)}
    passed = {w for w in windows if _may_name_no_document(w)}
    assert passed == matched  # (on these; in general passed may hold more)
    assert set(windows) - passed == {
        "của Chính phủ số ", "Nghị định ", "Quyết định số\n", "Luật số ", "ban hành ",
    }  # fmt: skip


def test_faster_header_and_law_word_scans_match_as_the_plain_patterns() -> None:
    """The signer's title and name, matched at newlines instead of "(?m)^" at every character,
    the national motto's first letter tested before its case-blind branches, and "Luật" and
    "Pháp" reached with str.find: the same matches as the plain patterns (a title run over a
    line break, a match on the first line, letters in either case, a window's end)."""
    from ingest.header import _PERSON, _QUOC_HIEU, _SIGN_TITLE
    from ingest.references import _LAW_WORDS, _led_by

    text = (
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n  PHÓ\nCHỦ TỊCH\nNguyễn Văn An\n* Trần Thị Bình *\n"
        "Lê văn thường\nNơi nhận: cộng hòa xã hội chủ nghĩa việt nam; Độc lập - Tự do - Hạnh phúc"
        "\nĐẢNG CỘNG SẢN VIỆT NAM, đảng cộng sản việt nam, Công báo số 5\nvăn bản quy phạm pháp "
        "luật ** Luật Đất đai, Luật 5, Bộ Luật Dân sự, Bộ luật Hình sự, Pháp lệnh Dân số, Pháp\n"
        "lệnh Phí và Luật Thuế"
    )
    for fast in (_SIGN_TITLE, _PERSON):
        plain = re.compile("(?m)^" + fast._first.pattern.removeprefix("(?m)"))
        for piece in (text, text[3:], text[text.index("\n") :], "PHÓ\nCHỦ TỊCH " + text):
            want = [(m.end(), m.groups()) for m in plain.finditer(piece)]
            assert [(m.end(), m.groups()) for m in fast.finditer(piece)] == want
    assert [m.end() for m in _SIGN_TITLE.finditer(text)] == [3, 23, 47]
    assert [m.group(1) for m in _PERSON.finditer(text)] == ["Nguyễn Văn An", "Trần Thị Bình"]
    plain = re.compile(_QUOC_HIEU.pattern.replace("(?=[CcĐđVv*])(?i:", "(?:"), re.I)
    assert _QUOC_HIEU.sub("_", text) == plain.sub("_", text)
    assert len(plain.findall(text)) == 9
    for rx, first in _LAW_WORDS:
        for hi in (len(text), len(text) - 9, text.index("Pháp") + 12):
            want = [m.span() for m in rx.finditer(text, 5, hi)]
            got = [m.span() for m in _led_by(rx, first, text, 5, hi)] if first else want
            assert got == want
    assert [m.group(1) for rx, _ in _LAW_WORDS for m in rx.finditer(text)] == [
        "Luật", "Luật", "Luật", "Bộ Luật", "Bộ luật", "Pháp lệnh", "Pháp\nlệnh",
    ]  # fmt: skip
