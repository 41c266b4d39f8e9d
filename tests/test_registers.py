"""A register's rows are its province's documents (issue 15): the province from its columns,
the --province option, or its file and folder names; a committee whose code looks like a
ministry's is not the ministry."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graph import vocab
from graph.ingest import ingest
from graph.rdf import key_facts
from graph.store import OxigraphStore
from ingest.extract import extract
from ingest.read import read_path
from ingest.registers import register_of

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ROWS = (
    "70/KH-BTC,10/01/2016,kế hoạch tổ chức lễ hội đường hoa xuân\n"
    "3637/UBND-VX,20/07/2022,triển khai thực hiện công văn số 3652/byt-dp ngày 10/7/2022 của bộ y tế\n"
)


def keys(path: Path, province: str | None = None) -> list[str]:
    rows = read_path(path)
    assert isinstance(rows, list)
    return [extract(register_of(r, province) if province else r).document.key for r in rows]


@pytest.mark.parametrize(
    ("folder", "header", "extra", "province", "expected"),
    [
        # the folder names the province
        ("binh-duong", "so_ky_hieu,ngay_ban_hanh,trich_yeu", "", None, "binh-duong"),
        # a column names it, whatever the folder
        ("registers", "so_ky_hieu,ngay_ban_hanh,trich_yeu,co_quan_ban_hanh", ",UBND tỉnh Kon Tum", None, "kon-tum"),
        # the option, when nothing else does
        ("registers", "so_ky_hieu,ngay_ban_hanh,trich_yeu", "", "Tuyên Quang", "tuyen-quang"),
        # the column wins over the option
        ("registers", "so_ky_hieu,ngay_ban_hanh,trich_yeu,tinh", ",Kon Tum", "Tuyên Quang", "kon-tum"),
    ],
)  # fmt: skip
def test_every_row_is_keyed_to_the_registers_province(
    tmp_path: Path, folder: str, header: str, extra: str, province: str | None, expected: str
) -> None:
    (tmp_path / folder).mkdir()
    path = tmp_path / folder / "register.csv"
    path.write_text(header + "\n" + "".join(r + extra + "\n" for r in ROWS.splitlines()), "utf-8")
    assert keys(path, province) == [f"{expected}/btc/2016/kh/70", f"{expected}/ubnd/2022/cv/3637"]


def test_a_committee_with_a_ministrys_code_is_not_the_ministry(tmp_path: Path) -> None:
    (tmp_path / "binh-duong").mkdir()
    path = tmp_path / "binh-duong" / "register.csv"
    path.write_text("so_ky_hieu,ngay_ban_hanh,trich_yeu\n" + ROWS, "utf-8")
    (row, letter) = read_path(path)  # type: ignore[misc]
    me = extract(row).document
    assert (me.key, me.issuer, me.jurisdiction) == ("binh-duong/btc/2016/kh/70", None, "Bình Dương")
    doc, nodes = key_facts(me.key)
    facts = "\n".join(doc + [line for _, lines in nodes for line in lines])
    assert "Bộ Tài chính" not in facts and "ministry" not in facts
    # the ministry its subject line cites stays the ministry
    assert {r.doc.key for r in extract(letter).references} == {"vn/byt/2022/cv/3652"}
    # the option reaches the rows through ingest
    store = OxigraphStore(None)
    other = tmp_path / "other.csv"
    other.write_text("so_ky_hieu,ngay_ban_hanh,trich_yeu\n" + ROWS, "utf-8")
    ingest([other], store, workers=1, progress=False, province="Kon Tum")
    rows = store.select(f"SELECT ?k WHERE {{ GRAPH ?g {{ ?d <{vocab.LG}key> ?k }} }}")
    assert {str(r["k"]) for r in rows} >= {"kon-tum/btc/2016/kh/70", "kon-tum/ubnd/2022/cv/3637"}


@pytest.mark.skipif(not (CORPUS / "binhduong").is_dir(), reason="../shared/corpus is not here")
def test_the_binh_duong_register_has_no_national_row() -> None:
    (path,) = (CORPUS / "binhduong").glob("*.csv")
    assert Counter(k.split("/")[0] for k in keys(path)) == Counter({"binh-duong": 4056})
