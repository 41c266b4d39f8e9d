"""OCR of PDF pages without a text layer (ingest/ocr.py through ingest/read.py).

The scans here are made by the test: a page of a real gazette text drawn with the DejaVu font
(.ci/system-deps) and saved by Pillow as a PDF that holds only the image.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw, ImageFont
from shared_support import CORPUS

from api.app import create_app
from graph import vocab
from graph.config import Settings
from graph.export import documents_csv
from graph.ingest import ingest
from graph.store import OxigraphStore
from ingest.extract import extract
from ingest.models import OcrPage, OcrPages, ReadError, Source
from ingest.ocr import DEFAULT_OCR, Ocr, repair, tsv_text
from ingest.read import read_path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DPI = 300
A4 = (2480, 3508)  # pixels at 300 dpi
needs_ocr = pytest.mark.skipif(
    DEFAULT_OCR.problem() is not None, reason=f"{DEFAULT_OCR.problem()}: no OCR to test"
)
# a page of a real gazette text: its "Căn cứ" lines cite eleven laws by name and number
GAZETTE_PAGE = CORPUS / "gazette" / "bhxh" / "nghi-dinh-so-212-2025-nd-cp-45740.txt"
# a real scan from the gazette: the PDF of gazette/hd_kinh_te/nghi-quyet-so-27-2026-nq-cp-469546
# .txt, whose text layer holds only running headers (the corpus keeps the texts, not the PDFs)


def scan(path: Path, pages: list[str]) -> Path:
    """An image-only PDF: each text drawn on an A4 page at 300 dpi, as a scanner gives it."""
    font = ImageFont.truetype(str(FONT), 36)
    images = []
    for text in pages:
        image = Image.new("L", A4, 255)
        draw = ImageDraw.Draw(image)
        y = 160
        for line in text.splitlines():
            if line.strip():
                draw.text((160, y), line.strip(), font=font, fill=0)
                y += 56
        images.append(image)
    images[0].save(path, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
    return path


def first_page(text: str) -> str:
    """The text up to the second page's running header ("CÔNG BÁO/Số …")."""
    return text[: text.find("CÔNG BÁO/Số", text.find("CÔNG BÁO/Số") + 1)]


def cited(source: Source) -> set[str]:
    return {ref.doc.key for ref in extract(source).references}


# ------------------------------------------------------------------------------------------
# A page of a real text, scanned and read back


@pytest.mark.shared
@needs_ocr
@pytest.mark.skipif(not FONT.is_file(), reason=f"needs the DejaVu font {FONT} (fonts-dejavu-core)")
def test_a_scanned_page_of_a_real_text_gives_the_references_of_its_text_layer(
    tmp_path: Path,
) -> None:
    page = first_page(GAZETTE_PAGE.read_text(encoding="utf-8"))
    typed = tmp_path / "page.txt"
    typed.write_text(page, encoding="utf-8")
    from_text = read_path(str(typed))
    assert isinstance(from_text, list)
    from_scan = read_path(str(scan(tmp_path / "page.pdf", [page])))
    assert isinstance(from_scan, list), from_scan
    [source] = from_scan
    assert source.fmt == "pdf"
    assert source.ocr is not None
    assert [p.number for p in source.ocr.pages] == [1]
    assert source.ocr.confidence > 80, source.ocr  # clean print: Tesseract is sure of most words
    # the same eleven laws (by name and number, "/QH12" … "/QH15") as the text layer gives
    expected = {
        "vn/qh/2008/l/25", "vn/qh/2013/l/32", "vn/qh/2013/l/38", "vn/qh/2014/l/46",
        "vn/qh/2015/l/97", "vn/qh/2018/l/35", "vn/qh/2020/l/68", "vn/qh/2023/l/30",
        "vn/qh/2024/l/41", "vn/qh/2024/l/51", "vn/qh/2025/l/63",
    }  # fmt: skip
    assert cited(from_text[0]) == expected
    assert cited(source) == expected
    assert extract(source).document.key == extract(from_text[0]).document.key


# ------------------------------------------------------------------------------------------
# The mark in the graph, the export and the ingest report; the setting

# a text the project writes (not from ../shared), long enough to be a page of text
LETTER = (
    "ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố: 125/KH-UBND\nKon Tum, ngày 12 tháng 3 năm 2024\n"
    "KẾ HOẠCH\nThực hiện Nghị quyết số 50/NQ-CP ngày 17 tháng 4 năm 2020 của Chính phủ\n"
    "Căn cứ Nghị quyết số 52-NQ/TW ngày 27 tháng 9 năm 2019 của Bộ Chính trị;\n"
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai trên địa bàn tỉnh như sau.\n"
)


@needs_ocr
@pytest.mark.skipif(not FONT.is_file(), reason=f"needs the DejaVu font {FONT} (fonts-dejavu-core)")
def test_the_graph_the_csv_export_and_the_report_say_what_was_read_by_ocr(tmp_path: Path) -> None:
    pdf = scan(tmp_path / "plan.pdf", [LETTER])
    read = read_path(str(pdf))
    assert isinstance(read, list), read
    record = read[0].ocr
    assert record is not None
    store = OxigraphStore(None)
    report = ingest([pdf], store, workers=1, progress=False)
    assert report.ocr == [(str(pdf), record.describe())]
    rows = {r["file"]: r for r in csv.DictReader(io.StringIO(documents_csv(store)))}
    assert rows[str(pdf)]["ocr_confidence"] == str(record.confidence)
    said = store.select(
        f"SELECT ?d ?ocr ?c WHERE {{ ?d <{vocab.LG}ocr> ?ocr ; <{vocab.LG}ocrConfidence> ?c }}"
    )
    assert [(str(r["d"]), str(r["ocr"]), float(str(r["c"]))) for r in said] == [
        (vocab.DOC + "kon-tum/ubnd/2024/kh/125", record.describe(), record.confidence)
    ]
    # the setting reaches the reader through the CLI: 0 turns OCR off, and the file is reported
    done = subprocess.run(
        [sys.executable, "-c", "from api.cli import main; main()", "ingest", "-q", "plan.pdf",
         "--store", str(tmp_path / "store")],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
        env={**os.environ, "LEGAL_GRAPH_OCR_MAX_PAGES": "0", "COLUMNS": "200"},
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert (
        "plan.pdf: no text layer (scanned PDF?): 1 page(s) without text; OCR is off "
        "(LEGAL_GRAPH_OCR_MAX_PAGES=0)" in " ".join(done.stdout.split())
    ), done.stdout


@pytest.mark.skipif(not FONT.is_file(), reason=f"needs the DejaVu font {FONT} (fonts-dejavu-core)")
def test_a_served_store_reads_uploads_with_the_servers_ocr_setting(tmp_path: Path) -> None:
    pdf = scan(tmp_path / "plan.pdf", [LETTER])
    settings = Settings(update_token="t", ocr_max_pages=0)
    store = OxigraphStore(str(tmp_path / "store"))
    with store, TestClient(create_app(settings, store)) as client:
        got = client.post("/api/documents", files={"files": ("plan.pdf", pdf.read_bytes())},
                          headers={"Authorization": "Bearer t"})  # fmt: skip
    assert got.status_code == 200, got.text
    [file] = got.json()["files"]
    assert file["action"] == "failed"
    assert "OCR is off (LEGAL_GRAPH_OCR_MAX_PAGES=0)" in file["error"]


# ------------------------------------------------------------------------------------------
# Where OCR cannot run: reported as scanned, never an empty document


def test_a_scan_without_ocr_installed_is_reported_as_scanned(tmp_path: Path) -> None:
    pdf = scan(tmp_path / "scan.pdf", ["Căn cứ Nghị quyết số 52-NQ/TW ngày 27/9/2019"] * 2)
    missing = Ocr(command=str(tmp_path / "no-tesseract"))
    result = read_path(str(pdf), ocr=missing)
    assert result == ReadError(
        str(pdf),
        f"no text layer (scanned PDF?): 2 page(s) without text; OCR is not installed "
        f"({tmp_path / 'no-tesseract'} not found: install tesseract-ocr and tesseract-ocr-vie)",
    )
    off = read_path(str(pdf), ocr=Ocr(max_pages=0))
    assert off == ReadError(
        str(pdf),
        "no text layer (scanned PDF?): 2 page(s) without text; OCR is off "
        "(LEGAL_GRAPH_OCR_MAX_PAGES=0)",
    )


@needs_ocr
def test_missing_language_data_and_the_page_cap_are_reported(tmp_path: Path) -> None:
    pdf = scan(tmp_path / "scan.pdf", ["Căn cứ Nghị quyết số 52-NQ/TW ngày 27/9/2019"] * 2)
    no_data = read_path(str(pdf), ocr=Ocr(languages="vie+xyz"))
    assert no_data == ReadError(
        str(pdf),
        "no text layer (scanned PDF?): 2 page(s) without text; OCR is not installed (no xyz "
        "data for tesseract: install tesseract-ocr and tesseract-ocr-vie)",
    )
    capped = read_path(str(pdf), ocr=Ocr(max_pages=1))
    assert capped == ReadError(
        str(pdf),
        "scanned pages without a text layer: 2 pages, more than the 1 a file that "
        "LEGAL_GRAPH_OCR_MAX_PAGES lets OCR read",
    )


# ------------------------------------------------------------------------------------------
# The record and the repairs (no Tesseract needed)


def test_ocr_pages_describe_pages_and_confidence() -> None:
    pages = OcrPages((OcrPage(1, 90.0, 100), OcrPage(2, 80.0, 300), OcrPage(4, 70.0, 0)), "t 5")
    assert pages.confidence == 82.5  # words weigh: (90*100 + 80*300) / 400
    assert pages.describe() == (
        "t 5: pages 1-2, 4, mean word confidence 82.5 (page 1: 90.0, page 2: 80.0, page 4: 70.0)"
    )


# OCR damage seen on the gazette scans (nghi-quyet-so-115-nq-cp, -99-nq-cp, quyet-dinh-so-109,
# thong-bao-so-02-2023, thong-tu-so-58-2021 …)
# and its repair; damage the reference patterns already read is left as it is
REPAIRS = [
    ("Nghị quyết số 02-NO/TW ngày", "Nghị quyết số 02-NQ/TW ngày"),  # O read for Q in a code
    ("số 792/NQ-UBTVOH14 ngày", "số 792/NQ-UBTVQH14 ngày"),
    ("Quyết định số 15/OĐ-TTg", "Quyết định số 15/QĐ-TTg"),
    ("Luật số 63/2025/QH 15;", "Luật số 63/2025/QH15;"),  # the term split from its code
    ("số 71/2025/UBTVQH 15 ngày", "số 71/2025/UBTVQH15 ngày"),
    ("Báo cáo số 4123⁄BC-BNNMT", "Báo cáo số 4123/BC-BNNMT"),  # the fraction slash
    ("Nghị định sô 186/2025/NĐ-CP", "Nghị định số 186/2025/NĐ-CP"),  # "sô" before a number
    ("Sô: 99/NQ-CP", "Số: 99/NQ-CP"),
    ("Nghị định só 164/2017/NĐ-CP", "Nghị định số 164/2017/NĐ-CP"),
    ("NGHỊ ĐỊNH SÓ 158/2020/NĐ-CP", "NGHỊ ĐỊNH SỐ 158/2020/NĐ-CP"),
    ("số 86/2021/ND-CP ngày", "số 86/2021/NĐ-CP ngày"),  # D read for Đ
    ("Quyết định số 409 _/QĐ-BTC ngày", "Quyết định số 409/QĐ-BTC ngày"),  # a stray mark
    ("Nghị định sô 306/2025/NĐ- -CP)", "Nghị định số 306/2025/NĐ-CP)"),
    ("theo Nghị định số 1 23/2024/NĐ-CP", "theo Nghị định số 123/2024/NĐ-CP"),  # split digits
    # left alone: not damage, or damage the patterns read (eth, spaces beside - and /)
    ("Số NO/TW", "Số NO/TW"),
    ("năm 2025/QH 150 người", "năm 2025/QH 150 người"),
    ("sô-cô-la", "sô-cô-la"),
    ("STT 1 23/2024/NĐ-CP", "STT 1 23/2024/NĐ-CP"),
    ("Nghị định số 39/2022/NÐ- CP", "Nghị định số 39/2022/NÐ- CP"),
    ("Số: 445 /NQ-CP", "Số: 445 /NQ-CP"),
    ("CÔNG BÁO/Số 271/Ngày 12-05-2026", "CÔNG BÁO/Số 271/Ngày 12-05-2026"),
    ("BỘ QUỐC PHÒNG -DOANH NGHIỆP", "BỘ QUỐC PHÒNG -DOANH NGHIỆP"),
    ("Tổ chức HO-CHI", "Tổ chức HO-CHI"),
    ("số 5/UBND-VX", "số 5/UBND-VX"),  # a known code is never changed
    ("sẽ 132 người", "sẽ 132 người"),  # a word, not "số" misread
    ("Sổ 5 năm", "Sổ 5 năm"),
    ("Điều 5. Các bên - Đơn vị", "Điều 5. Các bên - Đơn vị"),
]


@pytest.mark.parametrize(("damaged", "repaired"), REPAIRS)
def test_repair(damaged: str, repaired: str) -> None:
    assert repair(damaged) == repaired


@pytest.mark.parametrize(
    "damaged",
    ["Nghị định số 39/2022/NÐ- CP ngày 18", "Nghị quyết số 445 /NQ-CP ngày 3", "số 52 -NQ/ TW"],
)
def test_damage_the_reference_patterns_read(damaged: str) -> None:
    source = Source(path="scan.pdf", text=f"Căn cứ {damaged} tháng 5 năm 2026;\n", fmt="pdf")
    assert len(cited(source)) == 1, damaged


def test_tsv_lines_blocks_and_confidence() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "1\t1\t0\t0\t0\t0\t0\t0\t10\t10\t-1\t",
        "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t96.5\tCăn",
        "5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t93.5\tcứ",
        "5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t90\tLuật",
        "5\t1\t2\t1\t1\t1\t0\t0\t1\t1\t80\tsô",
        "5\t1\t2\t1\t1\t2\t0\t0\t1\t1\t90\t5",
    ]
    assert tsv_text("\n".join([header, *rows])) == ("Căn cứ\nLuật\n\nsố 5\n", 90.0, 5)
    assert tsv_text(header) == ("", 0.0, 0)
