"""Readers: every corpus file reads; each kind of bad input gives a reason a person can act on."""

from __future__ import annotations

import csv
import glob
import os
import random
import re
import shutil
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_support import CORPUS
from store_support import scanned_pages

from ingest import read as read_module
from ingest.models import ReadError, Source
from ingest.read import iter_paths, read_path, read_paths

REGISTER = CORPUS / "binhduong" / "data_vanbanphapluatBinhDuong.csv"

VIETNAMESE = (
    "Căn cứ Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị về một số chủ trương, "
    "chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư;\n"
    "Ủy ban nhân dân tỉnh Bình Dương ban hành Kế hoạch thực hiện như sau:\n"
    "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng.\n"
)


def read_one(path: Path, **kwargs: int) -> Source:
    result = read_path(str(path), **kwargs)
    assert not isinstance(result, ReadError), result
    assert len(result) == 1
    return result[0]


def read_error(path: Path | str, **kwargs: int) -> ReadError:
    result = read_path(str(path), **kwargs)
    assert isinstance(result, ReadError), f"expected a ReadError, read {result!r:.200}"
    assert result.path == str(path)
    return result


# ------------------------------------------------------------------------------------------
# The shared corpus

# gazette texts of scanned pages (read by a person: running headers, page numbers, the
# e-signature stamp and the signer, nothing else)
SCANNED = {
    "thong-tu-so-90-2025-tt-bqp-45890.txt", "nghi-dinh-so-186-2026-nd-cp-469660.txt",
    "nghi-quyet-so-99-nq-cp-469343.txt", "nghi-quyet-so-115-nq-cp-469452.txt",
    "nghi-quyet-so-27-2026-nq-cp-469546.txt", "thong-bao-so-02-2023-tb-lpqt-39022.txt",
    "thong-tu-so-58-2021-tt-bqp-33814.txt", "quyet-dinh-so-109-qd-btc-468842.txt",
}  # fmt: skip


@pytest.mark.shared
def test_every_corpus_text_file_is_read() -> None:
    expected = sorted(
        str(p) for folder in ("seeds", "gazette") for p in (CORPUS / folder).rglob("*.txt")
    )
    paths = list(iter_paths([str(CORPUS / "seeds"), str(CORPUS / "gazette")]))
    assert sorted(paths) == expected
    assert len(paths) == 407
    scanned = {
        os.path.basename(p) for p in paths if "scanned" in getattr(read_path(p), "reason", "")
    }
    assert scanned == SCANNED
    for path in paths:
        if os.path.basename(path) in SCANNED:
            continue
        source = read_one(Path(path))
        assert source.text.strip()
        assert unicodedata.is_normalized("NFC", source.text)
        assert "\r" not in source.text


@pytest.mark.shared
def test_gazette_files_with_stray_control_bytes_are_text() -> None:
    # grep calls these binary (a few NUL bytes from PDF extraction); they are legal texts
    odd = [p for p in (CORPUS / "gazette").rglob("*.txt") if b"\x00" in p.read_bytes()]
    assert odd, "the corpus no longer has files with NUL bytes"
    for path in odd:
        raw = path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        assert read_one(path).text == unicodedata.normalize("NFC", raw)


@pytest.mark.shared
def test_decomposed_gazette_text_is_recomposed_and_otherwise_unchanged() -> None:
    for path in sorted((CORPUS / "gazette").rglob("*.txt")):
        raw = path.read_bytes().decode("utf-8")
        if not unicodedata.is_normalized("NFC", raw):
            break
    else:
        pytest.skip("no decomposed file in the corpus")
    expected = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    assert read_one(path).text == expected


@pytest.mark.shared
def test_register_gives_one_source_per_row() -> None:
    with REGISTER.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sources = read_path(str(REGISTER))
    assert not isinstance(sources, ReadError), sources
    assert len(sources) == len(rows) == 4056
    assert len({s.locator for s in sources}) == len(sources)
    for row, source in zip(rows, sources, strict=True):
        meta = source.meta_dict
        assert source.fmt == "register"
        assert source.text == unicodedata.normalize("NFC", row["trich_yeu"].strip())
        assert meta.get("so_ky_hieu", "") == row["so_ky_hieu"].strip()  # a few rows have none
        assert meta["title"] == source.text
        day, month, year = row["ngay_ban_hanh"].split("/")
        assert meta["date"] == f"{year}-{int(month):02d}-{int(day):02d}"
        assert meta.get("status", "") == row["hieu_luc"].strip()


# ------------------------------------------------------------------------------------------
# Paths


def test_iter_paths_expands_folders_globs_and_files(tmp_path: Path) -> None:
    for name in ("b/z.txt", "b/a.md", "a.pdf", "c.json", ".hidden.txt", ".git/x.txt", "d/e/f.csv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    folder = [os.path.relpath(p, tmp_path) for p in iter_paths([str(tmp_path)])]
    assert folder == ["a.pdf", "b/a.md", "b/z.txt", "d/e/f.csv"]

    named = tmp_path / "c.json"
    assert list(iter_paths([str(named)])) == [str(named)]  # named outright: read as text
    assert read_one(named).text == "x"

    matched = list(iter_paths([str(tmp_path / "**" / "*.txt")]))
    assert [os.path.basename(p) for p in matched] == ["z.txt"]
    # the same file named twice is read once
    assert len(list(iter_paths([str(tmp_path / "b"), str(tmp_path / "b" / "z.txt")]))) == 2


@pytest.mark.timeout(60)  # glob's own ``**`` never ends on two links to a parent
def test_globs_and_folders_never_follow_folder_links(tmp_path: Path) -> None:
    for name in ("a/x.txt", "a/b/y.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(VIETNAMESE)
    (tmp_path / "a" / "up").symlink_to("..")
    (tmp_path / "a" / "b" / "again").symlink_to("..")
    (tmp_path / "a" / "b" / "self").symlink_to(".")
    expected = [str(tmp_path / "a" / "b" / "y.txt"), str(tmp_path / "a" / "x.txt")]
    assert list(iter_paths([str(tmp_path / "**" / "*.txt")])) == expected
    assert list(iter_paths([str(tmp_path / "a" / "**")])) == expected
    assert list(iter_paths([str(tmp_path / "**" / "b")])) == expected[:1]
    assert list(iter_paths([str(tmp_path)])) == expected[::-1]  # a folder's files first
    assert list(iter_paths([str(tmp_path / "*" / "*.txt")])) == expected[1:]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_unreadable_folder_is_reported_and_the_rest_is_read() -> None:
    root = Path(tempfile.mkdtemp())  # under /tmp: "nobody" can reach it (a tmp_path: no)
    try:
        root.chmod(0o755)
        for name in ("1/a.txt", "2-locked/b.txt", "3/c.txt"):
            (root / name).parent.mkdir(exist_ok=True)
            (root / name).write_text(VIETNAMESE)
        (root / "2-locked").chmod(0)
        uid = os.geteuid()
        if uid == 0:  # root lists anything: look as "nobody"
            os.seteuid(65534)
        try:
            found = [list(read_paths([str(root)])), list(read_paths([str(root / "**" / "*.txt")]))]
        finally:
            os.seteuid(uid)
    finally:
        (root / "2-locked").chmod(0o755)
        shutil.rmtree(root)
    for results in found:
        assert [r.path for r in results] == [
            str(root / n) for n in ("1/a.txt", "2-locked", "3/c.txt")
        ]
        locked = results[1]
        assert isinstance(locked, ReadError)
        assert (
            locked.reason == "cannot list this folder (Permission denied): its files were not read"
        )
        assert [type(r) for r in results] == [Source, ReadError, Source]


def test_a_file_name_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(VIETNAMESE)
    bad = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(bad, "wb") as handle:
        handle.write(VIETNAMESE.encode("utf-8"))
    results = list(read_paths([str(tmp_path)]))
    assert [type(r) for r in results] == [Source, ReadError]
    assert results[1] == ReadError(
        f"{tmp_path}/caf\\xe9.txt",
        "the file name is not valid UTF-8 (its odd bytes are shown as \\xNN): rename it",
    )


def test_missing_paths_and_empty_globs_are_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert list(iter_paths([str(missing)])) == [str(missing)]
    assert "no such file" in read_error(missing).reason
    pattern = str(tmp_path / "*.pdf")
    assert "matches" in read_error(next(iter_paths([pattern]))).reason


def test_read_paths_goes_on_after_bad_files(tmp_path: Path) -> None:
    (tmp_path / "1-empty.txt").write_bytes(b"")
    (tmp_path / "2-good.txt").write_text(VIETNAMESE, encoding="utf-8")
    (tmp_path / "3-bad.pdf").write_bytes(b"%PDF-1.4\n1 0 obj")
    results = list(read_paths([str(tmp_path)]))
    assert [type(r).__name__ for r in results] == ["ReadError", "Source", "ReadError"]


# ------------------------------------------------------------------------------------------
# Encodings


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese software writes it: base letters precomposed where the code
    page has them (â ê ô ơ ư ă đ), tone marks as combining characters (Python's codec cannot
    encode precomposed toned letters such as "ứ")."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("utf8.txt", VIETNAMESE.encode("utf-8"), "utf-8"),
        ("bom.txt", b"\xef\xbb\xbf" + VIETNAMESE.encode("utf-8"), "utf-8-sig"),
        ("utf16.txt", VIETNAMESE.encode("utf-16"), "utf-16-le"),  # BOM, native order
        ("utf16be.txt", b"\xfe\xff" + VIETNAMESE.encode("utf-16-be"), "utf-16-be"),
        ("utf16-nobom.txt", VIETNAMESE.encode("utf-16-le"), "utf-16-le"),
        ("nfd.md", unicodedata.normalize("NFD", VIETNAMESE).encode("utf-8"), "utf-8"),
        ("crlf.txt", VIETNAMESE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        ("cr.txt", VIETNAMESE.replace("\n", "\r").encode("utf-8"), "utf-8"),
        ("legacy.txt", to_cp1258(VIETNAMESE), "cp1258"),
    ],
)
def test_encodings_give_the_same_nfc_text(
    tmp_path: Path, name: str, data: bytes, encoding: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    source = read_one(path)
    assert source.text == unicodedata.normalize("NFC", VIETNAMESE)
    assert source.encoding == encoding


def test_cp1258_bytes_really_are_legacy(tmp_path: Path) -> None:
    data = to_cp1258(VIETNAMESE)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    # the raw codec output is decomposed: the reader must recompose it
    assert not unicodedata.is_normalized("NFC", data.decode("cp1258"))


def test_utf8_with_one_bad_byte_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(VIETNAMESE.encode("utf-8") * 20 + "ế".encode()[:2])
    source = read_one(path)
    assert source.text.startswith(VIETNAMESE)
    assert source.text.endswith("\ufffd")


# ------------------------------------------------------------------------------------------
# Bad input


def test_empty_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text(" \n\t\r\n  ")
    assert "empty file (0 bytes)" in read_error(tmp_path / "zero.txt").reason
    assert "empty file (only whitespace)" in read_error(tmp_path / "blank.md").reason


def test_binary_content_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(random.Random(7).randbytes(20_000))
    assert "binary" in read_error(path).reason
    zeros = tmp_path / "zeros.txt"
    zeros.write_bytes(b"\x00" * 5000)
    assert "binary" in read_error(zeros).reason


def test_undecodable_text_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 20)
    reason = read_error(path).reason
    assert "undecodable" in reason and "UTF-8" in reason


def test_directory_and_size_limit_are_reported(tmp_path: Path) -> None:
    assert "is a directory" in read_error(tmp_path).reason
    big = tmp_path / "big.txt"
    big.write_text("Điều 1. " * 2000, encoding="utf-8")
    reason = read_error(big, max_bytes=10_000).reason
    assert "too large" in reason and "max_bytes" in reason
    assert read_one(big).text.startswith("Điều 1.")  # under the default 50 MB limit


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_permission_denied_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(VIETNAMESE)
    path.chmod(0)
    root = os.geteuid() == 0
    if root:  # root reads anything: check as "nobody" (the real uid stays root to switch back)
        os.seteuid(65534)
    try:
        reason = read_error(path).reason
    finally:
        if root:
            os.seteuid(0)
        path.chmod(0o644)
    assert "permission denied" in reason


# ------------------------------------------------------------------------------------------
# HTML


def test_html_visible_text_with_block_lines(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Tiêu đề</title><style>p{color:red}</style></head><body>"
        "<script>var so = '99/QĐ-XX';</script>"
        "<div>Căn cứ <b>Nghị quyết</b> số 52-NQ/TW&nbsp;ngày 27/9/2019;</div>"
        "<p>Điều 1.\n   Phạm vi</p><!-- 88/NĐ-CP -->"
        "<table><tr><td>UBND TỈNH</td><td>CỘNG HÒA</td></tr></table>"
        "Dòng 1<br>Dòng 2</body></html>",
        encoding="utf-8",
    )
    source = read_one(path)
    assert source.fmt == "html"
    lines = source.text.splitlines()
    assert "Căn cứ Nghị quyết số 52-NQ/TW\xa0ngày 27/9/2019;" in lines
    assert "Điều 1. Phạm vi" in lines
    assert "Dòng 1" in lines and "Dòng 2" in lines
    assert re.search(r"UBND TỈNH\s+CỘNG HÒA", source.text)
    for hidden in ("99/QĐ-XX", "color:red", "88/NĐ-CP", "Tiêu đề"):
        assert hidden not in source.text


def test_html_without_visible_text_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "blank.htm"
    path.write_text("<html><script>alert(1)</script></html>")
    assert "no visible text" in read_error(path).reason


# ------------------------------------------------------------------------------------------
# PDF


def _font() -> tuple[str, str]:
    """A TrueType font with Vietnamese glyphs (fonts-dejavu-core, see .ci/system-deps)."""
    found = sorted(glob.glob("/usr/share/fonts/**/DejaVuSans.ttf", recursive=True))
    if not found:
        pytest.skip("DejaVuSans.ttf not installed (apt-get install fonts-dejavu-core)")
    return "DejaVuSans", found[0]


def make_pdf(path: Path, pages: list[list[str]]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    name, file = _font()
    pdfmetrics.registerFont(TTFont(name, file))
    pdf = canvas.Canvas(str(path))
    for lines in pages:
        pdf.setFont(name, 11)
        for i, line in enumerate(lines):
            pdf.drawString(60, 780 - 16 * i, line)
        if not lines:
            pdf.rect(60, 400, 200, 200, fill=1)  # a "scan": marks on the page, no text
        pdf.showPage()
    pdf.save()


PAGES = [
    ["ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG", "Căn cứ Nghị quyết số 52-NQ/TW ngày 27/9/2019;"],
    ["Điều 2. Tổ chức thực hiện", "Nơi nhận:"],
]


def test_pdf_text_layer_pages_in_order(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    make_pdf(path, PAGES)
    source = read_one(path)
    assert source.fmt == "pdf"
    positions = [source.text.find(line) for page in PAGES for line in page]
    assert -1 not in positions, source.text
    assert positions == sorted(positions)


def test_scanned_pages_are_reported_not_read_as_an_empty_document(tmp_path: Path) -> None:
    scanned = tmp_path / "scanned.txt"
    scanned.write_text(scanned_pages(4), encoding="utf-8")
    assert read_error(scanned).reason == (
        "scanned pages without a text layer: 4 pages, 41 letters besides page headers, page "
        "numbers and signature stamps; OCR it first"
    )
    # 41: the signature block, TM CHÍNH PHỦ … Dũng. The same pages with a body of text are a
    # document; so is a short text that shows no pages
    text = tmp_path / "text.txt"
    text.write_text(scanned_pages(4).replace("\n86\n", "\n86\n" + VIETNAMESE), encoding="utf-8")
    assert read_one(text).text.startswith("CÔNG BÁO/Số 271")
    short = tmp_path / "short.txt"
    short.write_text("Thực hiện Nghị quyết số 52-NQ/TW.", encoding="utf-8")
    assert read_one(short).text == "Thực hiện Nghị quyết số 52-NQ/TW."


def test_truncated_and_fake_pdfs_are_reported(tmp_path: Path) -> None:
    whole = tmp_path / "plan.pdf"
    make_pdf(whole, PAGES)
    data = whole.read_bytes()
    for cut in (len(data) // 2, len(data) - 40, 400):
        truncated = tmp_path / f"cut{cut}.pdf"
        truncated.write_bytes(data[:cut])
        assert "truncated" in read_error(truncated).reason
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data[:300] + b"\x00garbage" * 100 + data[-120:])
    assert "corrupt" in read_error(damaged).reason
    renamed = tmp_path / "download.txt"  # a PDF under another name is read as a PDF
    renamed.write_bytes(data)
    assert read_one(renamed).text == read_one(whole).text
    fake = tmp_path / "fake.pdf"
    fake.write_text(VIETNAMESE)
    assert "not a PDF" in read_error(fake).reason


def test_scanned_pdf_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    make_pdf(path, [[], []])
    assert "no text layer (scanned PDF?)" in read_error(path).reason


# ------------------------------------------------------------------------------------------
# DOCX


_FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Nghị quyết số 50/NQ-CP ngày '
    "17/4/2020 của Chính phủ.</w:t></w:r></w:p></w:footnote></w:footnotes>"
)


def add_footnote(path: Path, after: str) -> None:
    """python-docx cannot write footnotes: add the part and a reference after ``after``."""
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    body = parts["word/document.xml"].decode("utf-8")
    marker = f"{after}</w:t></w:r>"
    assert marker in body
    parts["word/document.xml"] = body.replace(
        marker, marker + '<w:r><w:footnoteReference w:id="1"/></w:r>', 1
    ).encode("utf-8")
    parts["word/footnotes.xml"] = _FOOTNOTES_XML.encode("utf-8")
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
    ).encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/word/footnotes.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
    ).encode("utf-8")
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH KON TUM"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    document.add_paragraph("KẾ HOẠCH")
    para = document.add_paragraph("Thực hiện ")
    para.add_run("Nghị quyết số 50/NQ-CP").bold = True
    para.add_run(" của Chính phủ")
    document.add_paragraph("Nơi nhận:")
    document.save(str(path))


def test_docx_paragraphs_tables_and_footnotes_in_reading_order(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    make_docx(path)
    add_footnote(path, after=" của Chính phủ")
    source = read_one(path)
    assert source.fmt == "docx"
    text = source.text
    order = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH KON TUM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "KẾ HOẠCH",
        "Thực hiện Nghị quyết số 50/NQ-CP của Chính phủ1",
        "Nơi nhận:",
        "1 Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ.",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, text
    assert positions == sorted(positions)


def test_broken_docx_files_are_reported(tmp_path: Path) -> None:
    whole = tmp_path / "plan.docx"
    make_docx(whole)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole.read_bytes()[:2000])
    assert "not a zip" in read_error(cut).reason
    text = tmp_path / "renamed.docx"
    text.write_text(VIETNAMESE)
    assert "not a zip" in read_error(text).reason
    other = tmp_path / "other.docx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("notes.txt", "x")
    assert "not a Word document" in read_error(other).reason
    legacy = tmp_path / "old.docx"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "legacy Word .doc" in read_error(legacy).reason


def test_a_docx_zip_bomb_is_refused_by_its_unpacked_size(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    make_docx(bomb)
    with (
        zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/image1.bin", "w") as part,
    ):
        for _ in range(300):  # 300 MB of zeros
            part.write(bytes(1 << 20))
    assert bomb.stat().st_size < 2 << 20
    reason = read_error(bomb).reason
    assert re.fullmatch(r"refused: this zip archive would unpack to 300\.\d MB from 0\.\d MB, "
                        r"over the 200\.0 MB limit \(4 x max_bytes\): a zip bomb\?", reason)  # fmt: skip
    renamed = tmp_path / "bomb.txt"  # under another name it is still a .docx, and still refused
    renamed.write_bytes(bomb.read_bytes())
    assert read_error(renamed).reason == reason
    plain = tmp_path / "plan.docx"  # the same document without the padding reads
    make_docx(plain)
    assert read_one(plain).text.startswith("ỦY BAN NHÂN DÂN")


# ------------------------------------------------------------------------------------------
# CSV registers


def test_register_with_vietnamese_headers_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "so-van-ban.csv"
    path.write_text(
        "Số ký hiệu;Ngày ban hành;Trích yếu;Hiệu lực\n"
        '2039/KH-UBND;5/6/2024;"Kế hoạch thực hiện; giai đoạn 2024"; \n'
        ";;;\n"
        "15/CT-UBND;31/02/2024;Chỉ thị về phòng cháy;Còn hiệu lực\n",
        encoding="utf-8",
    )
    sources = read_path(str(path))
    assert not isinstance(sources, ReadError), sources
    assert [s.locator for s in sources] == ["row 1", "row 3"]
    first, second = (s.meta_dict for s in sources)
    assert first == {
        "so_ky_hieu": "2039/KH-UBND",
        "date": "2024-06-05",
        "title": "Kế hoạch thực hiện; giai đoạn 2024",
    }
    assert sources[0].text == "Kế hoạch thực hiện; giai đoạn 2024"
    assert "date" not in second  # 31/02 is no date: left out rather than guessed
    assert second["status"] == "Còn hiệu lực"


def test_csv_without_register_columns_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("a,b\n1,2\n")
    reason = read_error(path).reason
    assert "not a document register" in reason and "so_ky_hieu" in reason


# ------------------------------------------------------------------------------------------
# Properties

_TEXT = st.text(
    st.characters(categories=["L", "M", "N", "P", "Zs"], exclude_characters="\ufffd")
    | st.sampled_from(["\n", "\r", "\u0301", "\u0323", "\u0300"]),  # "\r\n" arises from pairs
    max_size=300,
)


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decoding_any_text_gives_its_nfc_form(text: str, encoding: str) -> None:
    expected = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    decoded, _ = read_module.decode_text(text.encode(encoding))
    chunk = read_module._NFC_CHUNK
    read_module._NFC_CHUNK = 3  # exercise the chunked path on short texts too
    try:
        assert read_module.normalize_text(decoded) == expected
    finally:
        read_module._NFC_CHUNK = chunk
