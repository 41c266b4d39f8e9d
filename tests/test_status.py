"""Status at a date (graph/status.py): each rule on its own facts, the part a link touches, and
the whole path on documents the project writes (ingested, then asked through the store)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from graph.index import ModelReader
from graph.ingest import ingest
from graph.status import Change, Dated, Facts, status_at, status_of, statuses, touched_part
from graph.store import OxigraphStore, Store

KEY = "vn/cp/2020/nđ/15"
Reader = Callable[[OxigraphStore], Store]


@pytest.fixture(params=["sparql", "read model"])
def via(request: pytest.FixtureRequest) -> Reader:
    """The store asked through SPARQL, or through the app's reader and its read model (the
    document's summary and links from memory): both give the same statuses."""
    return (lambda store: store) if request.param == "sparql" else ModelReader


def change(relation: str, part: str | None = None, effective: str | None = "2024-01-01") -> Change:
    return Change(relation, "vn/cp/2023/nđ/99", part, effective, "…", "vn/cp/2023/nđ/99")


@pytest.mark.parametrize(("facts", "at", "status"), [
    # its own dates
    (Facts(KEY, since=Dated("2024-07-01")), "2024-06-30", "not_yet_in_force"),
    (Facts(KEY, since=Dated("2024-07-01")), "2024-07-01", "in_force"),
    (Facts(KEY, since=Dated("2024-07-01"), until=Dated("2024-12-31")), "2024-12-31", "in_force"),
    (Facts(KEY, since=Dated("2024-07-01"), until=Dated("2024-12-31")), "2025-01-01", "wholly_ceased"),
    # a whole repeal or replacement, from the day the repealing text takes effect
    (Facts(KEY, since=Dated("2020-03-01"), changes=[change("repeals")]), "2023-12-31", "in_force"),
    (Facts(KEY, since=Dated("2020-03-01"), changes=[change("repeals")]), "2024-01-01", "wholly_ceased"),
    (Facts(KEY, since=Dated("2020-03-01"), changes=[change("replaces")]), "2024-02-01", "wholly_ceased"),
    # a part only
    (Facts(KEY, since=Dated("2020-03-01"), changes=[change("repeals", "khoản 3 Điều 9a")]),
     "2024-02-01", "partly_ceased"),
    (Facts(KEY, since=Dated("2020-03-01"), changes=[change("replaces", "Phụ lục II")]),
     "2024-02-01", "partly_ceased"),
    # an amendment ends nothing
    (Facts(KEY, since=Dated("2020-03-01"), changes=[change("amends")]), "2024-02-01", "in_force"),
    # a register's word, when nothing else says more
    (Facts(KEY, stated="wholly_ceased"), "2024-02-01", "wholly_ceased"),
    (Facts(KEY, stated="partly_ceased"), "2024-02-01", "partly_ceased"),
    (Facts(KEY, stated="in_force", changes=[change("repeals")]), "2024-02-01", "wholly_ceased"),
    # read without a date of entry into force: in force from its date
    (Facts(KEY, read=True, date="2020-02-01"), "2020-02-01", "in_force"),
    (Facts(KEY, read=True, date="2020-02-01"), "2020-01-31", "not_yet_in_force"),
    # known only from citations
    (Facts(KEY, date="2020-02-01"), "2024-02-01", "unknown"),
    (Facts(KEY, date="2020-02-01", changes=[change("repeals")]), "2024-02-01", "wholly_ceased"),
])  # fmt: skip
def test_rule(facts: Facts, at: str, status: str) -> None:
    assert status_at(facts, at).status == status


def test_whole_repeal_dates_the_end() -> None:
    s = status_at(Facts(KEY, since=Dated("2020-03-01"), changes=[change("repeals")]), "2025-01-01")
    assert (s.until.date if s.until else None, [c.by for c in s.ceased_by]) == (
        "2023-12-31", ["vn/cp/2023/nđ/99"])  # fmt: skip


def test_pending_and_amended() -> None:
    f = Facts(KEY, since=Dated("2020-03-01"),
              changes=[change("repeals", effective="2030-01-01"), change("amends")])  # fmt: skip
    s = status_at(f, "2025-01-01")
    assert (s.status, len(s.pending), len(s.amended_by), s.ceased_by) == ("in_force", 1, 1, [])


@pytest.mark.parametrize(("quote", "symbol", "part"), [
    ("Bãi bỏ khoản 3 Điều 9a Nghị định số 15/2018/NĐ-CP ngày 02 tháng 02 năm 2018",
     "15/2018/NĐ-CP", "khoản 3 Điều 9a"),
    ("Thay thế Phụ lục II ban hành kèm theo Quyết định số 12/2020/QĐ-UBND", "12/2020/QĐ-UBND",
     "Phụ lục II"),
    ("bãi bỏ Điều 5, Điều 6 và Điều 7 của Thông tư số 08/2019/TT-BLĐTBXH", "08/2019/TT-BLĐTBXH",
     "Điều 5, Điều 6 và Điều 7"),
    ("bãi bỏ điểm c khoản 2 Điều 4 Quyết định 41/2025/QĐ-UBND", "41/2025/QĐ-UBND",
     "điểm c khoản 2 Điều 4"),
    ("Thông tư số 08/2019/TT-BLĐTBXH ngày 08 tháng 3 năm 2019 hết hiệu lực", "08/2019/TT-BLĐTBXH",
     None),
    ("Quyết định này thay thế Quyết định số 12/2020/QĐ-UBND theo quy định tại Điều 3",
     "12/2020/QĐ-UBND", None),
    ("bãi bỏ khoản 2 Điều 7 Luật Đất đai", None, "khoản 2 Điều 7"),
    ("Bãi bỏ một phần Quyết định số 12/2020/QĐ-UBND", "12/2020/QĐ-UBND", "một phần"),
    ("bãi bỏ một số từ, cụm từ, điểm, khoản, điều của Thông tư số 44/2022/TT-BTC ngày 21 tháng 7",
     "44/2022/TT-BTC", "một số từ, cụm từ, điểm, khoản, điều"),
    ("Thay thế Mẫu số 02/TNDN ban hành kèm theo Thông tư số 80/2021/TT-BTC", "80/2021/TT-BTC",
     "Mẫu số 02/TNDN"),
    ("sửa đổi, bổ sung một số điều của Nghị định số 15/2018/NĐ-CP", "15/2018/NĐ-CP", "một số điều"),
    # a note in the cited text itself (it is not named): the provision the note begins with
    ("Phụ lục 5 ban hành kèm theo Khoản này bị bãi bỏ bởi Điều 2 Quyết định 3276/QĐ-BYT",
     "2010/QĐ-BYT", "Phụ lục 5"),
    ("Khoản này được sửa đổi bởi Khoản 3 Điều 1 Nghị định 52/2024/NĐ-CP", "15/2020/NĐ-CP",
     "Khoản này"),
    ("Điều 12 đã bị bãi bỏ bởi Điều 2 Nghị định 52/2024/NĐ-CP", "15/2020/NĐ-CP", "Điều 12"),
    # … but the text itself named first, or no provision: the whole text
    ("Nghị định này được thay thế bởi Nghị định 52/2024/NĐ-CP", "15/2020/NĐ-CP", None),
    ("Văn bản này bị bãi bỏ bởi Quyết định 3276/QĐ-BYT", "2010/QĐ-BYT", None),
])  # fmt: skip
def test_touched_part(quote: str, symbol: str | None, part: str | None) -> None:
    assert touched_part(quote, symbol, "Luật Đất đai") == part


OLD = """ỦY BAN NHÂN DÂN
TỈNH KON TUM
Số: 12/2020/QĐ-UBND
Kon Tum, ngày 02 tháng 3 năm 2020
QUYẾT ĐỊNH
Ban hành Quy chế quản lý cụm công nghiệp

Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý cụm công nghiệp.
Điều 2. Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2020.
"""
PART = """ỦY BAN NHÂN DÂN
TỈNH KON TUM
Số: 20/2023/QĐ-UBND
Kon Tum, ngày 05 tháng 6 năm 2023
QUYẾT ĐỊNH
Bãi bỏ một phần Quyết định số 12/2020/QĐ-UBND

Điều 1. Bãi bỏ Phụ lục II ban hành kèm theo Quyết định số 12/2020/QĐ-UBND ngày 02 tháng 3 năm 2020 của Ủy ban nhân dân tỉnh Kon Tum.
Điều 2. Quyết định này có hiệu lực kể từ ngày 20 tháng 6 năm 2023.
"""
WHOLE = """ỦY BAN NHÂN DÂN
TỈNH KON TUM
Số: 31/2025/QĐ-UBND
Kon Tum, ngày 10 tháng 3 năm 2025
QUYẾT ĐỊNH
Ban hành Quy chế quản lý cụm công nghiệp

Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý cụm công nghiệp.
Điều 2. Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký và thay thế Quyết định số 12/2020/QĐ-UBND ngày 02 tháng 3 năm 2020 của Ủy ban nhân dân tỉnh Kon Tum.
"""


def test_written_documents(tmp_path: Path, via: Reader) -> None:
    """A decision, partly repealed in 2023, wholly replaced by one in force 10 days after its
    signing in 2025: its status on each side of those days, with the quote it rests on."""
    for name, text in (("old.txt", OLD), ("part.txt", PART), ("whole.txt", WHOLE)):
        (tmp_path / name).write_text(text, "utf-8")
    with OxigraphStore(None) as store:
        ingest([str(tmp_path)], store, workers=1, progress=False)
        key = "kon-tum/ubnd/2020/qd/12"
        reader = via(store)
        seen = {at: status_of(reader, key, at) for at in
                ("2020-03-14", "2020-03-15", "2023-06-19", "2023-06-20", "2025-03-19", "2025-03-20")}  # fmt: skip
        assert {at: s.status for at, s in seen.items()} == {
            "2020-03-14": "not_yet_in_force", "2020-03-15": "in_force",
            "2023-06-19": "in_force", "2023-06-20": "partly_ceased",
            "2025-03-19": "partly_ceased", "2025-03-20": "wholly_ceased",
        }  # fmt: skip
        part = seen["2023-06-20"].ceased_by
        # its title ("Bãi bỏ một phần …") and its article say which part
        assert [(c.relation, c.by, c.part, c.effective) for c in part] == [
            ("repeals", "kon-tum/ubnd/2023/qd/20", "Phụ lục II", "2023-06-20"),
            ("repeals", "kon-tum/ubnd/2023/qd/20", "một phần", "2023-06-20"),
        ]
        assert "Bãi bỏ Phụ lục II ban hành kèm theo Quyết định số 12/2020/QĐ-UBND" in part[0].quote
        whole = seen["2025-03-20"]
        assert (whole.until.date if whole.until else None) == "2025-03-19"
        assert [(c.relation, c.by, c.part) for c in whole.ceased_by] == [
            ("repeals", "kon-tum/ubnd/2023/qd/20", "Phụ lục II"),
            ("repeals", "kon-tum/ubnd/2023/qd/20", "một phần"),
            ("replaces", "kon-tum/ubnd/2025/qd/31", None),
        ]
        assert (seen["2020-03-15"].since.quote if seen["2020-03-15"].since else None) == (
            "Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2020"
        )
        # every document at once (what search filters by)
        assert {k: s.status for k, s in statuses(reader, "2025-03-20").items()} == {
            key: "wholly_ceased",
            "kon-tum/ubnd/2023/qd/20": "in_force",
            "kon-tum/ubnd/2025/qd/31": "in_force",
        }
        # SPARQL: ELI's in_force as of the ingest (today), the end a replacement gives it, and
        # the evidence it rests on
        rows = store.select(
            "PREFIX eli: <http://data.europa.eu/eli/ontology#> "
            "PREFIX lg: <https://legal-graph.org/ontology#> SELECT ?d ?v ?end ?q WHERE { "
            "?d eli:in_force ?v . OPTIONAL { ?d eli:date_no_longer_in_force ?end } "
            "OPTIONAL { ?d lg:ceasedBy ?e . ?e lg:quote ?q } } ORDER BY ?d ?q"
        )
        eli = "http://data.europa.eu/eli/ontology#InForce-"
        doc = "https://legal-graph.org/eli/kon-tum/ubnd/"
        assert [(r["d"], r["v"], r.get("end"), r.get("q")) for r in rows] == [
            (doc + "2020/qd/12", eli + "notInForce", "2025-03-19",
             "Bãi bỏ Phụ lục II ban hành kèm theo Quyết định số 12/2020/QĐ-UBND ngày 02 tháng 3 "
             "năm 2020 của Ủy ban nhân dân tỉnh Kon Tum"),
            (doc + "2020/qd/12", eli + "notInForce", "2025-03-19",
             "Bãi bỏ một phần Quyết định số 12/2020/QĐ-UBND"),
            (doc + "2020/qd/12", eli + "notInForce", "2025-03-19",
             "thay thế Quyết định số 12/2020/QĐ-UBND ngày 02 tháng 3 năm 2020 của Ủy ban nhân dân "
             "tỉnh Kon Tum"),
            (doc + "2023/qd/20", eli + "inForce", None, None),
            (doc + "2025/qd/31", eli + "inForce", None, None),
        ]  # fmt: skip


def test_register_statuses(tmp_path: Path, via: Reader) -> None:
    """A register's status column, row by row, when no link says more."""
    (tmp_path / "so-binh-duong.csv").write_text(
        "so_ky_hieu,ngay_ban_hanh,trich_yeu,hieu_luc\n"
        "12/2020/QĐ-UBND,01/02/2020,ban hành quy chế,Văn bản hết hiệu lực\n"
        "13/2020/QĐ-UBND,02/02/2020,ban hành quy định,Văn bản còn hiệu lực một phần\n"
        "14/2020/QĐ-UBND,03/02/2020,ban hành quy định,Văn bản đang có hiệu lực\n"
        "15/2020/QĐ-UBND,04/02/2020,ban hành quy định,\n",
        "utf-8",
    )
    with OxigraphStore(None) as store:
        ingest([str(tmp_path)], store, workers=1, progress=False)
        got = {
            n: status_of(via(store), f"binh-duong/ubnd/2020/qd/{n}", "2024-01-01")
            for n in range(12, 16)
        }
        assert {n: (s.status, s.stated) for n, s in got.items()} == {
            12: ("wholly_ceased", "wholly_ceased"), 13: ("partly_ceased", "partly_ceased"),
            14: ("in_force", "in_force"), 15: ("in_force", None),
        }  # fmt: skip
        assert (
            got[15].reason
            == "its text states no date of entry into force: in force from its date 2020-02-04"
        )


def test_a_text_cannot_end_a_later_one(tmp_path: Path, via: Reader) -> None:
    """A table read the wrong way ("Thông tư 14/2007 … bãi bỏ … Thông tư 38/2015") ends nothing."""
    (tmp_path / "later.txt").write_text(
        OLD.replace("12/2020", "38/2021").replace("2020", "2021"), "utf-8"
    )
    (tmp_path / "earlier.txt").write_text(
        PART.replace("20/2023/QĐ-UBND", "20/2019/QĐ-UBND").replace("2023", "2019")
        .replace("12/2020/QĐ-UBND ngày 02 tháng 3 năm 2020", "38/2021/QĐ-UBND ngày 02 tháng 3 năm 2021"),
        "utf-8",
    )  # fmt: skip
    with OxigraphStore(None) as store:
        ingest([str(tmp_path)], store, workers=1, progress=False)
        s = status_of(via(store), "kon-tum/ubnd/2021/qd/38", "2024-01-01")
        assert (s.status, s.ceased_by) == ("in_force", [])
