"""One node per document (issue 15): duplicate files, file metadata as fallback identity."""

from __future__ import annotations

import json
from pathlib import Path

from store_support import json_extractor, write_doc

from graph import vocab
from graph.ingest import IngestReport, ingest
from graph.store import OxigraphStore, Store
from ingest.extract import extract
from ingest.read import read_path

PLAN = {"key": "kon-tum/ubnd/2020/kh/2039", "symbol": "2039/KH-UBND", "date": "2020-06-09"}
NQ50 = {"key": "vn/cp/2020/nq/50", "symbol": "50/NQ-CP"}


def run(paths: list[Path], store: Store) -> IngestReport:
    return ingest(paths, store, workers=1, progress=False, extractor=json_extractor)


def quotes(store: Store) -> list[str]:
    rows = store.select(f"SELECT ?q WHERE {{ GRAPH ?g {{ ?e <{vocab.LG}quote> ?q }} }}")
    return sorted(str(r["q"]) for r in rows)


def test_a_file_saved_in_two_folders_is_one_document(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        write_doc(
            tmp_path / folder, "plan.txt", PLAN, [[None, "implements", NQ50, "Thực hiện 50/NQ-CP"]]
        )
    store = OxigraphStore(None)
    report = run([tmp_path / "a", tmp_path / "b"], store)
    assert (report.ingested, report.files) == (1, 2)
    assert [(Path(d).parent.name, Path(o).parent.name) for d, o in report.duplicates] == [
        ("b", "a")
    ]
    assert quotes(store) == ["Thực hiện 50/NQ-CP"]
    # a second run finds the copy again and still reads it once
    again = run([tmp_path / "a", tmp_path / "b"], store)
    assert (again.ingested, again.skipped, len(again.duplicates)) == (0, 1, 1)
    assert quotes(store) == ["Thực hiện 50/NQ-CP"]
    # once the first copy changes, the second is the only file with that content: it is read
    write_doc(tmp_path / "a", "plan.txt", PLAN, [[None, "cites", NQ50, "Theo 50/NQ-CP"]])
    changed = run([tmp_path / "a", tmp_path / "b"], store)
    assert (changed.ingested, changed.duplicates) == (2, [])
    assert quotes(store) == ["Theo 50/NQ-CP", "Thực hiện 50/NQ-CP"]


def test_a_header_without_its_number_takes_the_collections_index(tmp_path: Path) -> None:
    topic = tmp_path / "topic"
    topic.mkdir()
    text = (
        "CÔNG BÁO/Số 203 + 204/Ngày 18-02-2019\n2\nBỘ TÀI CHÍNH\n\n(Tiếp theo Công báo số 201 + 202)\n\n"
        "Phụ lục số 04\nHỆ THỐNG BÁO CÁO TÀI CHÍNH\n"
    )
    (topic / "thong-tu-so-102-2018-tt-btc-28383.txt").write_text(text, "utf-8")
    (topic / "unlisted.txt").write_text(text, "utf-8")
    # a portal may put the page's slug where the number belongs: that states no number
    (topic / "van-ban-hop-nhat-so-7-vbhn-btc-30971.txt").write_text(text, "utf-8")
    index = [{"slug": "thong-tu-so-102-2018-tt-btc-28383", "so_hieu": "Thông tư số 102/2018/TT-BTC",
              "loai": "Thông tư", "nam": 2018},
             {"slug": "van-ban-hop-nhat-so-7-vbhn-btc-30971",
              "so_hieu": "van-ban-hop-nhat-so-7-vbhn-btc-30971", "loai": "VB HN", "nam": 0}]  # fmt: skip
    (tmp_path / "index.json").write_text(json.dumps(index, ensure_ascii=False), "utf-8")
    found = {}
    for name in ("thong-tu-so-102-2018-tt-btc-28383.txt", "unlisted.txt",
                 "van-ban-hop-nhat-so-7-vbhn-btc-30971.txt"):  # fmt: skip
        (source,) = read_path(topic / name)  # type: ignore[misc]
        me = extract(source).document
        found[name] = (me.symbol, me.key)
    assert found == {
        "thong-tu-so-102-2018-tt-btc-28383.txt": ("102/2018/TT-BTC", "vn/btc/2018/tt/102"),
        "unlisted.txt": (None, found["unlisted.txt"][1]),
        "van-ban-hop-nhat-so-7-vbhn-btc-30971.txt": (
            None,
            found["van-ban-hop-nhat-so-7-vbhn-btc-30971.txt"][1],
        ),
    }
    assert "draft-" in found["unlisted.txt"][1]
    assert "draft-" in found["van-ban-hop-nhat-so-7-vbhn-btc-30971.txt"][1]
