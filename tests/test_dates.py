"""When a document is in force, by its own sentences (ingest/dates.py): whole sentences, exact
values; a register's status column; real gazette texts; the statements in the stored graph."""

from __future__ import annotations

import pytest
from shared_support import CORPUS

from graph import rdf
from ingest.dates import in_force_dates, in_force_statements, register_status
from ingest.extract import extract
from ingest.models import Source
from ingest.read import read_path

SIGNED = "2026-04-10"

# sentence, the text's own type → [(kind, date, part)]
CASES: list[tuple[str, str, list[tuple[str, str, str | None]]]] = [
    (
        "Điều 2. Thông tư này có hiệu lực thi hành kể từ ngày 05 tháng 12 năm 2023.",
        "TT",
        [("since", "2023-12-05", None)],
    ),
    ("Thông tư này có hiệu lực từ ngày 01/11/2021.", "TT", [("since", "2021-11-01", None)]),
    ("1. Quyết định này có hiệu lực kể từ ngày ký ban hành.", "QĐ", [("since", SIGNED, None)]),
    ("Điều 3. Quyết định có hiệu lực thi hành kể từ ngày ký;", "QĐ", [("since", SIGNED, None)]),
    (
        "Nghị quyết này có hiệu lực sau 45 ngày kể từ ngày ký.",
        "NQ",
        [("since", "2026-05-25", None)],
    ),
    ("Nghị quyết này có hiệu lực thi hành kể từ ngày thông qua.", "NQ", [("since", SIGNED, None)]),
    # a PDF's damage between month and year
    (
        "1. Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 02.năm 2024.",
        "TT",
        [("since", "2024-02-15", None)],
    ),
    # a temporary text: its last day is the day "đến hết ngày" names
    (
        "1. Nghị định này có hiệu lực thi hành kể từ ngày 07 tháng 5 năm 2026 đến hết ngày 31 tháng "
        "12 năm 2026.",
        "NĐ",
        [("since", "2026-05-07", None), ("until", "2026-12-31", None)],
    ),
    # "hết hiệu lực từ ngày X": its last day is the day before X
    (
        "Nghị định này hết hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2027.",
        "NĐ",
        [("until", "2026-12-31", None)],
    ),
    # a part of the text, dated relative to the whole text's own day
    (
        "1. Nghị quyết này có hiệu lực thi hành từ ngày 29 tháng 4 năm 2026, trừ trường hợp quy định "
        "tại khoản 2 Điều này.\n2. Điều 3 và Phụ lục I Nghị quyết này có hiệu lực sau 30 ngày kể từ "
        "ngày Nghị quyết có hiệu lực thi hành.\n3. Nghị quyết này hết hiệu lực kể từ ngày 01 tháng 3 "
        "năm 2027.",
        "NQ",
        [
            ("since", "2026-04-29", None),
            ("since", "2026-05-29", "Điều 3 và Phụ lục I"),
            ("until", "2027-02-28", None),
        ],
    ),
    (
        "Phụ lục II ban hành kèm theo Nghị quyết này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm "
        "2026.",
        "NQ",
        [("since", "2026-07-01", "Phụ lục II")],
    ),
    (
        "3. Khoản 8 Điều 69 của Nghị định này có hiệu lực từ ngày 01 tháng 7 năm 2025 đến hết 31 "
        "tháng 12 năm 2025.",
        "NĐ",
        [("since", "2025-07-01", "Khoản 8 Điều 69"), ("until", "2025-12-31", "Khoản 8 Điều 69")],
    ),
    # another document ceasing is a repeal (a link), not this text's date
    ("2. Các văn bản sau đây hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành:", "TT", []),
    # a form annexed to a decree ("Quyết định này …") does not date the decree
    ("Mẫu số 01. Điều 3. Quyết định này có hiệu lực kể từ ngày ký.", "NĐ", []),
    # quoted wording of an amendment
    ("Sửa đổi Điều 5 như sau: “Điều 5. Thông tư này có hiệu lực từ ngày 01/01/2020”", "TT", []),
    # "ngày ký" of a text whose own day is unknown: no date is made up
    ("Quyết định này có hiệu lực kể từ ngày ký.", "QĐ", [("since", SIGNED, None)]),
]


@pytest.mark.parametrize(("sentence", "own_type", "expected"), CASES)
def test_statement(
    sentence: str, own_type: str, expected: list[tuple[str, str, str | None]]
) -> None:
    got = in_force_statements(sentence, SIGNED, own_type)
    assert [(s.kind, s.date, s.part) for s in got] == expected
    for s in got:  # the quote is the sentence as written, from its span
        assert s.quote == " ".join(sentence[s.start : s.end].split())


def test_signing_day_unknown() -> None:
    assert in_force_statements("Quyết định này có hiệu lực kể từ ngày ký.", "2026", "QĐ") == []
    assert in_force_statements("Quyết định này có hiệu lực kể từ ngày ký.", None, "QĐ") == []


def test_whole_text_dates() -> None:
    text = CASES[9][0]
    assert in_force_dates(in_force_statements(text, SIGNED, "NQ")) == ("2026-04-29", "2027-02-28")


@pytest.mark.parametrize(("value", "status"), [
    ("Văn bản đang có hiệu lực", "in_force"),
    ("Văn bản hết hiệu lực", "wholly_ceased"),
    ("Văn bản còn hiệu lực một phần", "partly_ceased"),
    ("Chưa có hiệu lực", "not_yet_in_force"),
    ("", None),
    ("không rõ", None),
])  # fmt: skip
def test_register_status(value: str, status: str | None) -> None:
    assert register_status(value) == status


def test_stored_statements() -> None:
    """The document states its dates (ELI) and each statement with its quote."""
    text = (
        "CHÍNH PHỦ\nSố: 19/2026/NQ-CP\nHà Nội, ngày 10 tháng 4 năm 2026\n"
        "NGHỊ QUYẾT\nVề thí điểm\nĐiều 5. Hiệu lực thi hành\n" + CASES[9][0]
    )
    ex = extract(Source(path="/tmp/nq19.txt", text=text, fmt="txt"))
    lines = set(rdf.file_nquads("/tmp/nq19.txt", [ex]).splitlines())
    node = rdf.doc_term(ex.document.key)
    g = f"<{rdf.source_graph('/tmp/nq19.txt')}>"
    xsd = "http://www.w3.org/2001/XMLSchema#date"
    assert (
        f'{node} <http://data.europa.eu/eli/ontology#first_date_entry_in_force> "2026-04-29"^^<{xsd}> {g} .'
        in lines
    )
    assert (
        f'{node} <http://data.europa.eu/eli/ontology#date_no_longer_in_force> "2027-02-28"^^<{xsd}> {g} .'
        in lines
    )
    parts = {line for line in lines if "ontology#part>" in line}
    assert len(parts) == 1 and '"Điều 3 và Phụ lục I"' in parts.pop()


def test_register_rows_state_status(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "so-dang-ky-binh-duong.csv"  # type: ignore[operator]
    path.write_text(
        "so_ky_hieu,ngay_ban_hanh,trich_yeu,hieu_luc\n"
        "12/2020/QĐ-UBND,01/02/2020,ban hành quy chế,Văn bản hết hiệu lực\n"
        "13/2020/QĐ-UBND,02/02/2020,ban hành quy định,Văn bản còn hiệu lực một phần\n"
        "14/2020/QĐ-UBND,03/02/2020,ban hành quy định,\n",
        "utf-8",
    )
    rows = read_path(str(path))
    assert isinstance(rows, list)
    assert [extract(r).stated_status for r in rows] == ["wholly_ceased", "partly_ceased", None]


GAZETTE = {
    # file → (its whole text's first and last day in force)
    "cong_doan/thong-tu-so-16-2023-tt-bldtbxh-41470.txt": ("2024-02-15", None),
    "hd_kinh_te/nghi-quyet-so-19-2026-nq-cp-469466.txt": ("2026-04-29", "2027-02-28"),
    "hd_kinh_te/nghi-dinh-so-143-2026-nd-cp-469481.txt": ("2026-05-05", "2027-12-31"),
    "bhxh/nghi-dinh-so-188-2025-nd-cp-45593.txt": ("2025-08-15", None),
}


@pytest.mark.shared
@pytest.mark.parametrize(("name", "dates"), sorted(GAZETTE.items()))
def test_gazette_texts(name: str, dates: tuple[str | None, str | None]) -> None:
    sources = read_path(str(CORPUS / "gazette" / name))
    assert isinstance(sources, list)
    assert in_force_dates(extract(sources[0]).in_force) == dates


@pytest.mark.shared
def test_gazette_parts() -> None:
    """Decree 188/2025: most articles enter into force earlier, one clause only for a while."""
    sources = read_path(str(CORPUS / "gazette" / "bhxh/nghi-dinh-so-188-2025-nd-cp-45593.txt"))
    assert isinstance(sources, list)
    parts = [(s.kind, s.date, s.part) for s in extract(sources[0]).in_force if s.part]
    assert parts == [
        (
            "since",
            "2025-07-01",
            "Các điều từ Điều 1 đến Điều 11, các điều 14, 15, 17, 18, 19, từ "
            "Điều 22 đến Điều 36, từ Điều 39 đến Điều 44, các điều 49 và 50, từ Điều 54 đến Điều "
            "61, các điều 69, 70, 71 và 72",
        ),
        ("since", "2025-07-01", "Khoản 8 Điều 69"),
        ("until", "2025-12-31", "Khoản 8 Điều 69"),
    ]
